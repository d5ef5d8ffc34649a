"""The fixture vault built into a site: every link form, embed, callout and extra, as HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from quizgen.cards import Card, CardFile, CardSet, CardType, Origin
from quizgen.cards.extract import page_of
from quizgen.site import Renderer, SiteNotes, build_site

from .conftest import BuiltSite

EXPECTED = Path(__file__).parent / "expected.txt"


def _checks() -> list[tuple[str, str, list[str]]]:
    """(page, kind, arguments) for each line of expected.txt."""
    checks = []
    for line in EXPECTED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            page, kind, *args = (part.strip() for part in line.split(" | "))
            checks.append((page, kind, args))
    return checks


@pytest.mark.parametrize(("page", "kind", "args"), _checks(), ids=lambda v: str(v)[:40])
def test_page_shows(site, page, kind, args):
    html = site.page(page)
    article = html.content()
    if kind == "link":
        text, wanted = args
        links = [a for a in html.find("a") if a.text.strip() == text and a.attrs.get("href")]
        targets = [site.target(page, a.attrs["href"]) for a in links]
        url, _, anchor = wanted.partition("#")
        assert (url or page, anchor) in targets, f"{text!r} goes to {targets}"
        if anchor:
            assert anchor in site.page(url or page).ids()
    elif kind == "text":
        assert args[0] in article.text
    elif kind == "absent":
        assert args[0] not in article.text
    elif kind == "missing":
        shown = [e for e in html.find("span", "qz-missing") if e.text == args[0]]
        assert shown and not any(a.text == args[0] for a in html.find("a"))
    elif kind == "nested":
        parent, child = args
        items = [li.text.strip() for li in html.find("li") if li.text.strip().startswith(parent)]
        assert any(child in text for text in items), f"{child!r} not inside {items}"
    elif kind == "element":
        tag, _, cls = args[0].partition(".")
        words = args[1] if len(args) > 1 else ""
        found = [e.text for e in html.find(tag, cls or None)]
        assert any(words in text for text in found), f"no {args[0]} with {words!r}: {found}"
    else:
        raise AssertionError(f"unknown check {kind}")


def test_every_internal_link_lands_on_an_existing_page_and_anchor(site):
    checked = 0
    for url in site.urls():
        html = site.page(url)
        for link in html.find("a"):
            href = link.attrs.get("href", "")
            if not href or re.match(r"[a-z]+:|/", href) or "assets/" in href:
                continue
            target, anchor = site.target(url, href)
            assert target in site.urls(), f"{url}: {href} goes nowhere"
            if anchor and not anchor.startswith("tag:"):
                assert anchor in site.page(target).ids(), f"{url}: {href} has no anchor"
            checked += 1
    assert checked > 50


def test_heading_ids_match_vault_anchors(site, fixture_vault):
    for note in fixture_vault.notes.values():
        url = note.path.removesuffix(".md") + "/"
        url = "" if url == "index/" else url
        ids = site.page(url).ids()
        assert {h.anchor for h in note.headings} <= ids, note.path


def test_list_reindenting_leaves_code_as_written(site):
    code = [c.text for c in site.page("lists/").find("code")]
    assert "- code item\n  - code child keeps two spaces\n" in code
    assert "- fence line\n  - stays indented in code\n" in code


def test_images_are_copied_and_sized(site):
    images = site.page("embeds/embedder/").find("img")
    sources = {site.target("embeds/embedder/", i.attrs["src"])[0] for i in images}
    assert "images/pixel.png/" in sources
    assert (site.root / "images" / "pixel.png").read_bytes().startswith(b"\x89PNG")
    assert any(i.attrs.get("width") == "300" for i in images)


def test_missing_links_have_no_href(site):
    for url in site.urls():
        for span in site.page(url).find("span", "qz-missing"):
            assert "href" not in span.attrs


def test_no_page_loads_anything_from_elsewhere(site):
    outside = []
    for url in site.urls():
        for element in site.page(url).elements:
            key = {"script": "src", "img": "src", "link": "href"}.get(element.tag)
            value = element.attrs.get(key or "", "")
            if key and re.match(r"(https?:)?//", value):
                outside.append((url, value))
    assert outside == []


def test_embed_loops_and_depth_are_reported_not_crashes(fixture_vault):
    pages = SiteNotes(Renderer(fixture_vault, embed_depth=3))
    markdown = pages.page(fixture_vault.notes["embeds/embedder.md"])
    codes = {d.code for d in pages.renderer.diagnostics}
    assert codes == {"embed-loop", "embed-depth"}
    assert "Level 3 text" in markdown and "Level 4 text" not in markdown


def test_study_links_point_at_the_app(site):
    study = site.page("folder/Target Note/").find("div", "qz-study")[0]
    hrefs = [a.attrs["href"] for a in site.page("folder/Target Note/").find("a")]
    assert "/quiz?note=folder/Target%20Note.md" in hrefs
    assert "/review?note=folder/Target%20Note.md" in hrefs
    assert "/deck.apkg" in hrefs
    assert "cards" not in study.text  # no card files given: no count


def test_search_index_has_aliases_but_not_study_links_or_backlinks(site):
    index = json.loads((site.root / "search" / "search_index.json").read_text("utf-8"))
    target = [d["text"] for d in index["docs"] if d["location"].startswith("folder/Target%20Note/")]
    words = " ".join(target)
    assert "Targeted" in words and "walruses" in words
    assert "Quiz this note" not in words and "Anki deck" not in words and "Backlinks" not in words


def test_a_note_without_cards_offers_no_review_or_quiz(fixture_vault, tmp_path):
    carded = "folder/Target Note.md"
    cards = CardSet(files={"folder/Target Note.yml": _one_card_file(carded)})
    built = BuiltSite(build_site(fixture_vault, tmp_path / "site", app_url="/", cards=cards))
    with_cards = [a.attrs["href"] for a in built.page("folder/Target Note/").find("a")]
    assert "/review?note=folder/Target%20Note.md" in with_cards
    other = next(path for path in fixture_vault.notes if path != carded and path != "index.md")
    page = built.page(page_of(other))
    hrefs = [a.attrs.get("href", "") for a in page.find("a")]
    assert not any(href.startswith(("/review?", "/quiz?")) for href in hrefs), hrefs
    assert "/deck.apkg" in hrefs and "0 cards" in page.find("div", "qz-study")[0].text


def _one_card_file(note: str) -> CardFile:
    card = Card(id="0123456789ab", type=CardType.BASIC, front="Q", back="A", origin=Origin.MANUAL)
    return CardFile(note=note, cards=(card,))
