"""Every page of the hostile site in headless Chromium: hovered, revealed, searched; nothing runs.

Each payload in tests/security/vault would open a dialog, set `window.__pwned` or fetch
`/api/csrf` if it ran. The probe listens for all three, for any request to /api and for any
request away from the serving address, while it hovers every element (real mouse moves over
the content, navigation and tags; hover and focus events dispatched to every element of the
page) after it has clicked every `<summary>` open.

- sanitised, no CSP (http.server): the sanitiser alone holds;
- raw HTML, under the app's CSP: the CSP alone holds;
- sanitised, under the app's CSP: the theme needs no inline script (no CSP report at all);
- raw HTML, no CSP: the payloads do run, which shows the probe sees them.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from webapp.security import SITE_POLICY

pytestmark = pytest.mark.browser

# Elements a reader can point at: everything in the content (a typeset formula as one), the
# navigation and the header.
HOVERED = "article *:not(svg *), .md-nav__link, .md-header__topic, .md-tag"
# Hover and focus events for every element; inline handlers run on dispatched events too.
DISPATCH = """() => {
  for (const el of document.querySelectorAll("body *")) {
    for (const type of ["mouseover", "mouseenter", "mousemove", "focus", "focusin"]) {
      el.dispatchEvent(new Event(type, { bubbles: type !== "mouseenter" }));
    }
  }
}"""
# Attributes in the live page (after MathJax and the theme ran) that could run code.
RUNNABLE_ATTRIBUTES = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const value = attr.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
      const code = /^(javascript|vbscript|livescript):|^data:text\\/html/.test(value);
      if (attr.name.toLowerCase().startsWith("on") || code) {
        found.push(`<${el.localName} ${attr.name}="${attr.value}">`);
      }
    }
  }
  const inside = "article script, article iframe, article object, article embed, article form";
  for (const el of document.querySelectorAll(inside)) found.push(`<${el.localName}> in content`);
  return found;
}"""
# Page coordinates of the centre of each visible element matching the selector, leaves first
# in mind: a pointer over an element is over all its ancestors too (their mouseover and
# mouseenter fire), so an element with a matching child is reached through the child.
CENTRES = """selector => {
  const all = new Set(document.querySelectorAll(selector));
  const points = new Set();
  for (const el of all) {
    if (Array.from(el.children).some(child => all.has(child))) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(el).visibility === "hidden") continue;
    const x = Math.round(box.left + box.width / 2);
    points.add(`${x},${Math.round(box.top + window.scrollY + box.height / 2)}`);
  }
  return Array.from(points, point => point.split(",").map(Number));
}"""
MATH_DONE = """() => !document.querySelector(".arithmatex") || !window.MathJax
  || !!document.querySelector("mjx-container")"""


@dataclass
class Probe:
    """What one page did while it was read."""

    dialogs: list[str] = field(default_factory=list)
    api_requests: list[str] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    pwned: bool = False
    runnable: list[str] = field(default_factory=list)
    hovered: int = 0

    def ran(self) -> dict[str, object]:
        """Everything that shows a payload ran (empty when none did)."""
        shown = {"dialogs": self.dialogs, "api": self.api_requests, "pwned": self.pwned}
        return {name: value for name, value in shown.items() if value}

    def csp_reports(self, directive: str = "") -> list[str]:
        """Console lines in which Chromium reports what the CSP blocked (by this directive)."""
        return [
            line for line in self.console if "Content Security Policy" in line and directive in line
        ]


def _watch(context, page, origin: str) -> Probe:
    """A Probe fed by the page's dialogs, requests and console."""
    probe = Probe()

    def dialog(opened):
        probe.dialogs.append(opened.message)
        opened.dismiss()

    def request(sent):
        if urlsplit(sent.url).path.startswith("/api"):
            probe.api_requests.append(sent.url)

    def away(route):
        probe.elsewhere.append(route.request.url)
        route.abort()

    page.on("dialog", dialog)
    page.on("request", request)
    page.on("console", lambda line: probe.console.append(line.text))
    page.on("pageerror", lambda error: probe.errors.append(str(error)))
    context.route(lambda url: not url.startswith(origin), away)
    return probe


def _hover_everything(page) -> int:
    """Real mouse moves over each visible element, then events dispatched to every element.

    Returns how many elements the mouse went over.
    """
    points = page.evaluate(CENTRES, HOVERED)
    height = page.viewport_size["height"]
    top = 0
    for x, y in sorted(points, key=lambda point: point[1]):
        if not top <= y < top + height:
            top = max(0, y - height // 2)
            page.evaluate("top => window.scrollTo(0, top)", top)
            top = page.evaluate("window.scrollY")
        page.mouse.move(x, y - top)
    page.evaluate(DISPATCH)
    return len(points)


def _reveal_everything(page) -> None:
    """Click every summary (folded callouts, details) open."""
    summaries = page.locator("article summary")
    for index in range(summaries.count()):
        summary = summaries.nth(index)
        if summary.is_visible():
            summary.click(timeout=2_000)


def read_page(browser, url: str, interact: bool = True) -> Probe:
    """Open `url`, wait for the math, reveal and hover everything, then look for what ran."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(url))
    probe = _watch(context, page, origin)
    try:
        page.goto(url)
        page.wait_for_function(MATH_DONE, timeout=15_000)
        if interact:
            _reveal_everything(page)  # first, so that folded content is hovered too
            probe.hovered = _hover_everything(page)
        page.wait_for_timeout(300)  # an image's onerror, a fetch: give them a moment
        probe.pwned = page.evaluate("typeof window.__pwned !== 'undefined'")
        probe.runnable = page.evaluate(RUNNABLE_ATTRIBUTES)
    finally:
        context.close()
    return probe


def search_results(browser, site, words: str) -> Probe:
    """Search the site for `words` and hover the results (titles and tags render as HTML)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    probe = _watch(context, page, site.url.split("/notes/")[0] + "/")
    try:
        page.goto(site.url)
        page.keyboard.press("/")
        page.locator("input.md-search__input").wait_for(state="visible")
        page.keyboard.type(words, delay=20)
        results = page.locator(".md-search-result__item")
        results.first.wait_for(timeout=10_000)
        hovered = 0
        for index in range(results.count()):
            item = results.nth(index)
            if item.is_visible():  # a result folded under `more` cannot be hovered by anyone
                item.hover(force=True, timeout=2_000)
                hovered += 1
        assert hovered, "no search result could be hovered"
        page.wait_for_timeout(300)
        probe.pwned = page.evaluate("typeof window.__pwned !== 'undefined'")
        probe.runnable = page.evaluate(RUNNABLE_ATTRIBUTES)
        probe.console.append(f"results: {results.count()}")
    finally:
        context.close()
    return probe


def _every_page(browser, site, notes, interact: bool = True) -> dict[str, Probe]:
    """A probe of each page of the site (each note's, the tags page, folder pages), by address."""
    urls = site.page_urls()
    # Every note has its page; the site adds the tags page and a page per folder with no index.
    assert len(urls) >= len(list(notes.rglob("*.md"))) + 1, urls
    return {url: read_page(browser, url, interact) for url in urls}


def _theme_errors(probe: Probe) -> list[str]:
    """Script errors on the page, but one: Material's link preview reads the address of each
    link hovered, and throws on a link with none (a removed `javascript:` URL leaves one)."""
    return [error for error in probe.errors if "Failed to construct 'URL'" not in error]


def test_sanitiser_alone_runs_nothing_on_any_page(browser, sanitised_static, hostile_notes):
    probes = _every_page(browser, sanitised_static, hostile_notes)
    ran = {url: probe.ran() for url, probe in probes.items() if probe.ran()}
    runnable = {url: probe.runnable for url, probe in probes.items() if probe.runnable}
    assert ran == {}
    assert runnable == {}
    assert all(probe.hovered >= 10 for probe in probes.values())


def test_csp_alone_runs_nothing_on_any_page(browser, raw_in_app, hostile_notes):
    probes = _every_page(browser, raw_in_app, hostile_notes)
    ran = {url: probe.ran() for url, probe in probes.items() if probe.ran()}
    assert ran == {}
    assert any(probe.csp_reports() for probe in probes.values()), "raw scripts were blocked"
    assert all(not probe.elsewhere for probe in probes.values()), "the CSP keeps it offline"


def test_the_theme_needs_no_inline_script_under_the_csp(browser, sanitised_in_app, hostile_notes):
    probes = _every_page(browser, sanitised_in_app, hostile_notes, interact=False)
    reports = {url: probe.csp_reports("script-src") for url, probe in probes.items()}
    errors = {url: _theme_errors(probe) for url, probe in probes.items() if _theme_errors(probe)}
    assert {url: lines for url, lines in reports.items() if lines} == {}
    assert errors == {}
    assert all(not probe.ran() and not probe.elsewhere for probe in probes.values())


@pytest.mark.parametrize("served", ["sanitised_static", "raw_in_app"])
def test_search_results_run_nothing(browser, request, served):
    site = request.getfixturevalue(served)
    for words in ("onerror", "front matter"):
        probe = search_results(browser, site, words)
        assert probe.ran() == {}, words
        assert "results: 0" not in probe.console


def test_the_probe_sees_payloads_that_run(browser, raw_static):
    """Control: with raw HTML and no CSP the fixture's payloads run, and the probe says so."""
    handlers = read_page(browser, raw_static.url + "handlers/")
    assert handlers.dialogs and handlers.pwned
    # `<img src="x" onerror=...>` is a missing image to the site (it resolves `src` as
    # Obsidian does), so the request to the API comes from the page's script block.
    scripts = read_page(browser, raw_static.url + "scripts/")
    assert scripts.api_requests
    assert any("onerror" in found for found in handlers.runnable)
    title = read_page(browser, raw_static.url + "kept/")
    assert title.ran() == {}, "a page with no payload of its own: the site name is escaped"


PALETTE_YML = """site_name: palette
docs_dir: notes
site_dir: site/notes
theme:
  name: material
  font: false
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {icon: material/brightness-7, name: dark}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle: {icon: material/brightness-4, name: light}
plugins:
  - quizgen
"""


class _StrictHandler(SimpleHTTPRequestHandler):
    """Static files under the app's policy for the site."""

    def end_headers(self):
        self.send_header("Content-Security-Policy", SITE_POLICY)
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the base class names it so
        """Keep test output clean."""


def test_a_palette_toggle_works_without_inline_scripts(browser, tmp_path):
    """Material's palette and storage scripts, from files, under a CSP with no inline script."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(PALETTE_YML, encoding="utf-8")
    build(load_config(str(tmp_path / "mkdocs.yml")))
    handler = functools.partial(_StrictHandler, directory=str(tmp_path / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    probe = _watch(context, page, f"http://127.0.0.1:{server.server_address[1]}/")
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/notes/")
        scheme = "document.body.getAttribute('data-md-color-scheme')"
        assert page.evaluate(scheme) == "default"
        page.locator("label.md-header__button[for^=__palette]").first.click()
        assert page.evaluate(scheme) == "slate"
        page.reload()
        assert page.evaluate(scheme) == "slate", "the reader's choice is kept"
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    assert probe.csp_reports() == [] and probe.errors == []
