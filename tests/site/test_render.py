"""The renderer's pieces on their own: relative hrefs, marked HTML fragments."""

from __future__ import annotations

import itertools
import posixpath
from urllib.parse import unquote

import markdown
import pytest

from quizgen import load_vault
from quizgen.site import Renderer
from quizgen.site.config import REQUIRED_EXTENSIONS
from quizgen.site.fragments import OPEN, FragmentsExtension
from quizgen.site.urls import href

URLS = ["", "a/", "a/b/", "a/b/c/", "a/c/", "ab/", "a/bb/", "a/b.png", "x y/Ü/", "a/b/c.html"]


@pytest.mark.parametrize(("here", "there"), list(itertools.product(URLS, repeat=2)))
def test_href_leads_from_a_page_to_the_target(here, there):
    folder = posixpath.dirname(here)  # the folder a page's relative links start from
    link = unquote(href(here, there))
    assert posixpath.normpath(posixpath.join(folder, link)) == posixpath.normpath(there or ".")
    assert link.endswith("/") == (there == "" or there.endswith("/"))
    relative = posixpath.relpath(there or ".", folder or ".")
    assert link.rstrip("/") == relative or (link == "./" and relative == ".")


def _html(text: str, marked: bool) -> str:
    """Python-Markdown with the site's extensions (and the fragments one when marked)."""
    extensions: list = list(REQUIRED_EXTENSIONS)
    if marked:
        extensions.append(FragmentsExtension())
    return markdown.markdown(text, extensions=extensions, extension_configs=REQUIRED_EXTENSIONS)


def test_marked_fragments_give_the_same_html_as_plain_html(fixture_vault):
    plain, marked = Renderer(fixture_vault), Renderer(fixture_vault, marked=True)
    assert marked.marked
    for note in fixture_vault.notes.values():
        text = marked.body(note)
        assert OPEN in text or "[[" not in note.source, note.path
        assert _html(text, True) == _html(plain.body(note), False), note.path


def test_a_vault_holding_the_marker_characters_is_not_marked(tmp_path):
    (tmp_path / "a.md").write_text(f"Odd {OPEN} text and [[b]].\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# B\n", encoding="utf-8")
    renderer = Renderer(load_vault(tmp_path), marked=True)
    assert not renderer.marked
    html = _html(renderer.body(renderer.vault.notes["a.md"]), True)
    assert OPEN in html and 'href="../b/"' in html


def test_a_comment_is_on_no_page(tmp_path):
    (tmp_path / "a.md").write_text(
        "# A\n\nShown %%hidden inline%% text.\n\n%%\nhidden block\n%%\n", encoding="utf-8"
    )
    renderer = Renderer(load_vault(tmp_path))
    html = _html(renderer.body(renderer.vault.notes["a.md"]), False)
    assert "Shown" in html and "text." in html
    assert "hidden" not in html
