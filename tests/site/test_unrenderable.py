"""Notes the site cannot render are shown as plain text with a diagnostic; the rest is built.

The fixture vault tests/site/vaults/unrenderable holds a fine note and a paragraph of 2,000
nested `*` (RecursionError inside Python-Markdown); the test adds two generated notes too big
to keep as files: a list nested 600 levels deep and a note past the size limit.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen import load_vault
from quizgen.cli import main
from quizgen.loader import MAX_NESTING, MAX_NOTE_BYTES
from quizgen.site import build_site

from .conftest import BuiltSite

FIXTURE = Path(__file__).parent / "vaults" / "unrenderable"
DEEP_FROM = 3  # the list starts on line 3 of deep-list.md


@pytest.fixture(scope="module")
def notes(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("unrenderable") / "notes"
    shutil.copytree(FIXTURE, folder)
    items = ["  " * level + f"- level {level}" for level in range(600)]
    (folder / "deep-list.md").write_text("# Deep list\n\n" + "\n".join(items) + "\n", "utf-8")
    line = "Some <script>alert(1)</script> text of a pasted log, over and over.\n"
    text = "# Huge\n\n" + line * (MAX_NOTE_BYTES // len(line) + 10)
    (folder / "huge.md").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(notes, tmp_path_factory) -> tuple[BuiltSite, list[str]]:
    out = tmp_path_factory.mktemp("unrenderable-site")
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    logger = logging.getLogger("mkdocs.plugins.quizgen")
    handler = Keep(logging.WARNING)
    logger.addHandler(handler)
    try:
        build_site(load_vault(notes), out)
    finally:
        logger.removeHandler(handler)
    return BuiltSite(out), records


def _fallback_text(site: BuiltSite, url: str) -> str:
    return "".join(e.text for e in site.page(url).find("pre", "qz-fallback"))


def test_every_other_note_is_built_as_usual(built):
    site, _ = built
    links = [a.text for a in site.page("fine/").find("a", "qz-link")]
    assert links == ["emphasis", "deep-list", "huge"]
    assert site.page("fine/").find("pre", "qz-fallback") == []


def test_nested_emphasis_is_shown_as_its_text_and_reported_at_its_line(built):
    site, warnings = built
    assert "*" * 2000 + "starred" in _fallback_text(site, "emphasis/")
    assert "A last paragraph." in _fallback_text(site, "emphasis/")
    reported = [w for w in warnings if w.startswith("emphasis.md:")]
    assert reported and reported[0].startswith(
        "emphasis.md:5: warning: the note cannot be rendered"
    )
    assert reported[0].endswith("[cannot-render]")


def test_a_deep_list_is_shown_as_its_text_and_reported_where_it_gets_too_deep(built):
    site, warnings = built
    assert "- level 599" in _fallback_text(site, "deep-list/")
    line = DEEP_FROM + MAX_NESTING
    assert any(w.startswith(f"deep-list.md:{line}: ") and "[too-deep]" in w for w in warnings)


def test_a_note_past_the_size_limit_is_escaped_text_left_out_of_search(built):
    site, warnings = built
    raw = (site.root / "huge" / "index.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw and "<script>alert(1)" not in raw
    index = json.loads((site.root / "search" / "search_index.json").read_text("utf-8"))
    assert not [d for d in index["docs"] if d["location"].startswith("huge/")]
    assert [d for d in index["docs"] if d["location"].startswith("fine/")]
    assert any(w.startswith("huge.md:1: ") and "[too-large]" in w for w in warnings)


def test_check_reports_the_deep_and_the_huge_note_with_file_and_line(notes):
    result = CliRunner().invoke(main, ["check", "--notes", str(notes)], catch_exceptions=False)
    lines = result.output.splitlines()
    assert any(x.startswith(f"deep-list.md:{DEEP_FROM + MAX_NESTING}: ") for x in lines), lines
    assert any(x.startswith("huge.md:1: ") and x.endswith("[too-large]") for x in lines), lines
    assert result.exit_code == 0
