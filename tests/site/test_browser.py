"""The built fixture site in headless Chromium: search, follow a wiki-link, see backlinks."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from quizgen.site import build_site
from quizgen.site.assets import mathjax_root

pytestmark = pytest.mark.browser


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class names it so
        """Keep test output clean."""


def _serve(folder):
    """An http.server for `folder` on a free 127.0.0.1 port (not yet serving)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    return ThreadingHTTPServer(("127.0.0.1", 0), handler)


def _run(server):
    """Serve in a thread until the test module ends; yields the address."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def served(site):
    """The fixture site served on 127.0.0.1 by http.server in a thread; yields its address."""
    yield from _run(_serve(site.root))


@pytest.fixture(scope="module")
def served_at_its_url(fixture_vault, tmp_path_factory):
    """The fixture site under /notes/, `site_url` set to that address (as `quizgen serve` has it).

    `make run` builds with `--site-url http://127.0.0.1:8000/notes/` and the web app mounts the
    site at /notes/; a plain http.server serving the site's parent folder stands in for the app.
    """
    folder = tmp_path_factory.mktemp("served")
    server = _serve(folder)
    address = f"http://127.0.0.1:{server.server_address[1]}/notes/"
    build_site(fixture_vault, folder / "notes", site_url=address, app_url="/")
    for url in _run(server):
        yield url + "notes/"


def _search(page, words: str):
    """Type into Material's search box with the keyboard; the results list."""
    page.keyboard.press("/")
    page.locator("input.md-search__input").wait_for(state="visible")
    page.keyboard.type(words, delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    return results


def test_search_finds_a_note_by_body_words_and_by_alias(page, served, artifacts):
    page.goto(served)
    results = _search(page, "zebras")
    page.screenshot(path=str(artifacts / "site-search-body.png"))
    assert "Target Note" in results.first.inner_text()
    assert "zebras" in results.first.inner_text()
    page.keyboard.press("Escape")
    page.goto(served + "a/linker/")
    results = _search(page, "Targeted")
    page.screenshot(path=str(artifacts / "site-search-alias.png"))
    assert "Target Note" in results.first.inner_text()


def test_wiki_link_lands_on_the_heading_and_backlinks_show(page, served, artifacts):
    page.goto(served)
    page.locator("article a", has_text="Target Note > Section Two").click()
    page.wait_for_url("**/folder/Target%20Note/#section-two")
    assert page.evaluate("location.hash") == "#section-two"
    heading = page.locator("h2#section-two")
    heading.wait_for()
    assert heading.inner_text().startswith("Section Two")
    backlinks = page.locator(".qz-backlinks")
    assert "index" in backlinks.inner_text()
    page.screenshot(path=str(artifacts / "site-wiki-link.png"), full_page=True)


def test_block_link_lands_on_the_paragraph(page, served, artifacts):
    page.goto(served)
    page.locator("article a", has_text="Target Note > ^blk1").click()
    page.wait_for_url("**/folder/Target%20Note/#^blk1")
    anchor = page.locator('[id="^blk1"]')
    assert anchor.count() == 1
    assert page.evaluate("document.getElementById('^blk1').parentElement.innerText").startswith(
        "Second section text about walruses"
    )


def test_embeds_and_callouts_render(page, served, artifacts):
    page.goto(served + "embeds/embedder/")
    assert page.locator(".qz-embed").count() >= 4
    page.screenshot(path=str(artifacts / "site-embeds.png"), full_page=True)
    page.goto(served + "extras/")
    page.locator("details.tip summary").click()
    assert page.locator("details.tip").get_attribute("open") is not None
    page.screenshot(path=str(artifacts / "site-callouts.png"), full_page=True)


def test_hovering_a_link_previews_the_note(page, served_at_its_url, artifacts):
    page.goto(served_at_its_url)
    assert page.evaluate("location.pathname") == "/notes/"
    page.locator("article a", has_text="Target Note > Section Two").hover()
    preview = page.locator(".md-tooltip2")
    preview.first.wait_for(timeout=10_000)
    page.wait_for_function(
        "document.querySelector('.md-tooltip2')?.innerText.includes('walruses')", timeout=10_000
    )
    page.screenshot(path=str(artifacts / "site-preview.png"))


def test_math_and_diagrams_load_nothing_from_elsewhere(page, served, artifacts):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(served + "extras/")
    if mathjax_root() is not None:
        page.locator("mjx-container").first.wait_for(timeout=15_000)
    else:  # without django-static-mathjax the TeX source is shown as it is
        assert "E = mc^2" in page.locator("span.arithmatex").inner_text()
    page.wait_for_load_state("networkidle")
    assert requested and all(url.startswith(served) for url in requested), requested
