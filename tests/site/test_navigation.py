"""Navigation whose size does not grow with the folder, and folder pages that list everything.

The test writes a flat vault (80 notes at the top, as Zettelkasten vaults keep them) with a
folder of 40 notes that has its own index.md, builds it, and reads each page's navigation.
"""

from __future__ import annotations

import re

import pytest

from quizgen import load_vault
from quizgen.site import build_site
from quizgen.site.navigation import WINDOW

from .conftest import BuiltSite, HtmlPage

TOP, INSIDE = 80, 40
NAV_LINK = re.compile(r'<a href="([^"]*)"[^>]*>\s*<span class="md-ellipsis">\s*([^<]*?)\s*<')


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> BuiltSite:
    notes = tmp_path_factory.mktemp("flat") / "notes"
    (notes / "Big").mkdir(parents=True)
    for number in range(TOP):
        (notes / f"Zettel {number}.md").write_text(f"# Zettel {number}\n\nText.\n", "utf-8")
    for number in range(INSIDE):
        (notes / "Big" / f"Item {number}.md").write_text(f"# Item {number}\n\nText.\n", "utf-8")
    (notes / "Big" / "index.md").write_text("# Big folder\n\nWritten by hand.\n", "utf-8")
    out = tmp_path_factory.mktemp("flat-site")
    build_site(load_vault(notes), out)
    return BuiltSite(out)


def navigation(site: BuiltSite, url: str) -> list[tuple[str, str]]:
    """(target page, text) of each link in a page's main navigation."""
    html = (site.root / url / "index.html").read_text("utf-8")
    nav = html[html.index("md-nav--primary") : html.index("md-sidebar--secondary")]
    return [(site.target(url, href)[0], text) for href, text in NAV_LINK.findall(nav)]


def test_a_page_lists_only_its_neighbours_and_links_to_the_rest(site):
    links = navigation(site, "Zettel 40/")
    zettels = [text for _, text in links if text.startswith("Zettel")]
    assert zettels == [f"Zettel {n}" for n in range(40 - WINDOW, 40 + WINDOW + 1)]
    more = {text: target for target, text in links if text.endswith("…")}
    assert more == {"30 earlier notes…": "", "29 more notes…": ""}


def test_the_navigation_is_as_long_in_a_big_folder_as_in_a_small_one(site):
    sizes = {len(navigation(site, url)) for url in ("Zettel 0/", "Zettel 40/", "Zettel 79/")}
    assert max(sizes) <= 2 * WINDOW + 1 + 10
    inside = [text for _, text in navigation(site, "Big/Item 20/") if text.startswith("Item")]
    assert len(inside) == 2 * WINDOW + 1


def test_the_open_folder_shows_the_way_down_and_its_page(site):
    links = navigation(site, "Big/Item 5/")
    assert ("Big/", "Big folder") in links or ("Big/", "Big") in links
    assert [t for t in links if t[1] == "Zettel 0"]  # the top folder's first notes stay listed


def test_every_note_is_listed_on_its_folders_page(site):
    home, big = site.page(""), site.page("Big/")
    listed = {site.target("", a.attrs["href"])[0] for a in _folder_links(home)}
    listed |= {site.target("Big/", a.attrs["href"])[0] for a in _folder_links(big)}
    pages = {url for url in site.urls() if url.startswith(("Zettel", "Big/Item"))}
    assert pages <= listed
    assert "Written by hand." in big.content().text  # the list is added after the own text


def _folder_links(page: HtmlPage):
    """Links inside a folder list."""
    inside = False
    for element in page.elements:
        if element.tag == "div" and "qz-folder" in element.attrs.get("class", ""):
            inside = True
        if inside and element.tag == "a" and not element.attrs.get("href", "").startswith("#"):
            yield element
