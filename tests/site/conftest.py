"""Fixtures for site tests: the fixture vault built once, and a reader for its HTML."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from quizgen import load_vault
from quizgen.site import build_site

VAULT = Path(__file__).parent / "vault"


@dataclass
class Element:
    """One start tag with its attributes and the text inside it."""

    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class HtmlPage(HTMLParser):
    """Elements of a built page, with text of each element still open when text arrives."""

    elements: list[Element] = field(default_factory=list)
    _open: list[Element] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__()

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag not in ("img", "br", "hr", "meta", "link", "input"):
            self._open.append(element)

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop().tag == tag:
                break

    def handle_data(self, data):
        for element in self._open:
            element.text += data

    def ids(self) -> set[str]:
        """Every id on the page."""
        return {e.attrs["id"] for e in self.elements if "id" in e.attrs}

    def find(self, tag: str, cls: str | None = None) -> list[Element]:
        """Elements with this tag (and class)."""
        return [
            e
            for e in self.elements
            if e.tag == tag and (cls is None or cls in e.attrs.get("class", "").split())
        ]

    def content(self) -> Element:
        """The page's article (content area)."""
        return self.find("article")[0]


@dataclass
class BuiltSite:
    """A built site folder, its pages parsed on demand."""

    root: Path
    _pages: dict[str, HtmlPage] = field(default_factory=dict)

    def page(self, url: str) -> HtmlPage:
        """The parsed page at a directory URL like 'folder/Target Note/'."""
        if url not in self._pages:
            parsed = HtmlPage()
            parsed.feed((self.root / url / "index.html").read_text(encoding="utf-8"))
            self._pages[url] = parsed
        return self._pages[url]

    def urls(self) -> list[str]:
        """Directory URL of every page of the site."""
        found = [p.parent.relative_to(self.root).as_posix() for p in self.root.rglob("index.html")]
        return sorted("" if f == "." else f + "/" for f in found)

    def target(self, page_url: str, href: str) -> tuple[str, str]:
        """The page URL and fragment an internal href of a page leads to."""
        parts = urlsplit(href)
        joined = posixpath.normpath(posixpath.join(page_url, unquote(parts.path)))
        url = "" if joined == "." else joined.rstrip("/") + "/"
        return (page_url if not parts.path else url), unquote(parts.fragment)


@pytest.fixture(scope="session")
def fixture_vault():
    """The fixture vault, loaded."""
    return load_vault(VAULT)


@pytest.fixture(scope="session")
def site(fixture_vault, tmp_path_factory) -> BuiltSite:
    """The fixture vault built once with study links turned on."""
    out = tmp_path_factory.mktemp("site")
    build_site(fixture_vault, out, app_url="/")
    return BuiltSite(out)
