"""The hostile vault built into a site, read as HTML (no browser): nothing that runs is left."""

from __future__ import annotations

import json
import logging
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from quizgen import load_vault
from quizgen.site import build_site

# A URL that runs code, once the parser has decoded it and a browser dropped blanks from it.
CODE_URL = re.compile(r"^(?:javascript|vbscript|livescript):|^data:text/html", re.IGNORECASE)
BLANKS = re.compile(r"[\x00-\x20]+")


class Tags(HTMLParser):
    """Start tags of a page, with their attributes (decoded), and the text of its <title>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.content: list[str] = []
        self.title = ""
        self._in_title = False
        self._in_article = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        self._in_title = tag == "title"
        self._in_article = self._in_article or tag == "article"
        if self._in_article:
            self.content.append(tag)

    def handle_endtag(self, tag):
        self._in_title = False
        self._in_article = self._in_article and tag != "article"

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def runnable(self) -> list[str]:
        """Event-handler attributes and code URLs anywhere on the page."""
        found = []
        for tag, attrs in self.tags:
            for name, value in attrs.items():
                if name.startswith("on") or CODE_URL.match(BLANKS.sub("", value)):
                    found.append(f"<{tag} {name}={value!r}>")
        return found


def _parsed(path: Path) -> Tags:
    parsed = Tags()
    parsed.feed(path.read_text(encoding="utf-8"))
    return parsed


def _pages(site: Path) -> dict[str, Tags]:
    paths = sorted(site.rglob("*.html"))
    return {path.relative_to(site).as_posix(): _parsed(path) for path in paths}


def test_no_page_holds_a_handler_or_a_code_url(hostile_site):
    runnable = {name: page.runnable() for name, page in _pages(hostile_site).items()}
    assert {name: found for name, found in runnable.items() if found} == {}


def test_pages_run_only_the_sites_own_script_files(hostile_site):
    """No inline script (so a CSP without 'unsafe-inline' holds) and no script from the vault."""
    for name, page in _pages(hostile_site).items():
        for tag, attrs in page.tags:
            if tag != "script":
                continue
            if "src" not in attrs:
                assert attrs.get("type") == "application/json", f"inline script in {name}"
                continue
            assert "assets/" in attrs["src"], f"{attrs['src']} in {name}"
        embedded = {"script", "iframe", "object", "embed", "form", "base", "style", "svg"}
        assert embedded.isdisjoint(page.content), name


def test_vault_scripts_and_pages_are_not_copied(hostile_site):
    assert not (hostile_site / "evil.js").exists()
    assert not (hostile_site / "evil.html").exists()
    assert (hostile_site / "pic.png").is_file(), "other attachments are copied"


def test_a_vault_script_is_reported_with_its_path(tmp_path, caplog):
    notes = tmp_path / "notes"
    (notes / "js").mkdir(parents=True)
    # A note links the script, so the site would publish it as an attachment.
    (notes / "index.md").write_text("# Home\n\n[the app](js/app.mjs)\n", encoding="utf-8")
    (notes / "js" / "app.mjs").write_text("alert(1)\n", encoding="utf-8")
    (notes / "js" / "unlinked.js").write_text("alert(2)\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.quizgen"):
        build_site(load_vault(notes), tmp_path / "site")
    assert "js/app.mjs: not copied into the site" in caplog.text
    assert not (tmp_path / "site" / "js" / "unlinked.js").exists(), "no note links it"
    assert not (tmp_path / "site" / "js" / "app.mjs").exists()
    assert (tmp_path / "site" / "index.html").is_file(), "the build goes on"


def test_front_matter_html_is_text_in_titles_nav_and_tags(hostile_site):
    pages = _pages(hostile_site)
    note = pages["front-matter/index.html"]
    assert note.title.startswith("<img src=x onerror=")  # as text: the parser decoded it
    assert not any(tag == "img" and "onerror" in attrs for tag, attrs in note.tags)
    assert "Hostile <b" in note.title, "the site name from the home note is text too"
    tags_page = (hostile_site / "tags" / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=&quot;alert(&#x27;front-matter-tag&#x27;)&quot;&gt;" in tags_page
    for name in ("scripts/index.html", "index.html", "tags/index.html"):
        text = (hostile_site / name).read_text(encoding="utf-8")
        assert "&lt;img src=x onerror=&quot;alert(&#x27;front-matter-title&#x27;)" in text, name


def test_the_description_is_not_put_into_pages(hostile_site):
    text = (hostile_site / "front-matter" / "index.html").read_text(encoding="utf-8")
    assert 'alert("description")' not in text and "alert(&quot;description" not in text


def test_search_index_and_tags_file_hold_escaped_titles(hostile_site):
    index = json.loads((hostile_site / "search" / "search_index.json").read_text("utf-8"))
    for doc in index["docs"]:
        assert "<img" not in doc["title"] and "<svg" not in doc["title"], doc["location"]
        text = Tags()
        text.feed(doc["text"])
        assert text.runnable() == [], doc["location"]
        assert all("<" not in tag for tag in doc.get("tags", [])), doc["location"]
    tags = (hostile_site / "tags.json").read_text(encoding="utf-8")
    assert "<img" not in tags


def test_ordinary_formatting_is_kept(hostile_site):
    text = (hostile_site / "kept" / "index.html").read_text(encoding="utf-8")
    for kept in (
        "<b>bold</b>",
        "<mark>marked</mark>",
        "H<sub>2</sub>O",
        "<kbd>Ctrl</kbd>",
        "<details><summary>Reveal</summary>",
        '<div class="box"><span class="label">',
        '<a href="https://example.com/page" title="an example">',
        '<p style="text-align:center">',
        '<img src="../pic.png" alt="pic.png" width="40">',
    ):
        assert kept in text, kept


def test_embeds_callouts_and_highlights_are_sanitised(hostile_site):
    text = (hostile_site / "folder" / "embeds" / "index.html").read_text(encoding="utf-8")
    assert text.count("qz-embed") >= 5, "the embeds are shown in place"
    assert "<b>bold inside a highlight</b>" in text
    assert "<b>callout body</b>" in text
    assert _parsed(hostile_site / "folder" / "embeds" / "index.html").runnable() == []


@pytest.fixture(scope="module")
def raw_site(hostile_notes, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("raw") / "site"
    build_site(load_vault(hostile_notes), out, raw_html=True)
    return out


def test_raw_html_puts_the_notes_html_in_as_written(raw_site):
    text = (raw_site / "handlers" / "index.html").read_text(encoding="utf-8")
    assert "onmouseover=\"alert('b-onmouseover')" in text
    assert not (raw_site / "evil.js").exists(), "vault scripts are still left out"
    title = (raw_site / "front-matter" / "index.html").read_text(encoding="utf-8")
    assert "<title>&lt;img src=x onerror=" in title, "titles are text in either mode"


def test_a_mkdocs_yml_turns_raw_html_on(tmp_path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "index.md").write_text("# Home\n\n<u onclick='go()'>u</u>\n", encoding="utf-8")
    config_file = tmp_path / "mkdocs.yml"
    for raw in (False, True):
        config_file.write_text(
            f"site_name: t\ndocs_dir: notes\nsite_dir: site-{raw}\ntheme: material\n"
            f"plugins:\n  - quizgen:\n      raw_html: {str(raw).lower()}\n",
            encoding="utf-8",
        )
        build(load_config(str(config_file)))
        page = (tmp_path / f"site-{raw}" / "index.html").read_text(encoding="utf-8")
        assert ("onclick" in page) is raw
        assert "theme-head.js" in page, "Material's head script comes from a file"
