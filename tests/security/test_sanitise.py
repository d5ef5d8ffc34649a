"""The sanitiser on fixture files: each case is a note's HTML beside the HTML a page shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.site.sanitise import clean_html, escape_meta, runnable

FIXTURES = Path(__file__).parent / "fixtures"


def read_cases(path: Path) -> list[tuple[str, str, str]]:
    """(title, input, expected) for each case of a fixture file; its first paragraph is prose."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("") + 1
    cases, index = [], start
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        title = lines[index]
        assert lines[index + 1] == ".", f"{path.name}:{index + 2}: a '.' line after the title"
        given, index = _block(lines, index + 2, path)
        wanted, index = _block(lines, index, path)
        cases.append((title, given, wanted))
    return cases


def _block(lines: list[str], index: int, path: Path) -> tuple[str, int]:
    """The lines from `index` up to the next '.' line, and the index after it."""
    end = index
    while lines[end] != ".":
        end += 1
        assert end < len(lines), f"{path.name}:{index + 1}: the block is not closed by '.'"
    return "\n".join(lines[index:end]), end + 1


CASES = [
    pytest.param(given, wanted, id=f"{path.stem}: {title}")
    for path in sorted(FIXTURES.glob("*.md"))
    for title, given, wanted in read_cases(path)
]


@pytest.mark.parametrize(("given", "wanted"), CASES)
def test_sanitised_html(given, wanted):
    assert clean_html(given).strip() == wanted.strip()


def test_fixture_files_hold_cases():
    counts = {path.name: len(read_cases(path)) for path in FIXTURES.glob("*.md")}
    assert counts.get("removed.md", 0) >= 20 and counts.get("kept.md", 0) >= 5, counts


def test_sanitised_html_is_stable():
    """Cleaning twice changes nothing: the output holds nothing left to remove."""
    for param in CASES:
        once = clean_html(param.values[0])
        assert clean_html(once) == once


def test_front_matter_values_become_html_text():
    meta = {"title": '<img src=x onerror="alert(1)">', "tags": ["<b>", "plain"], "draft": True}
    escaped = escape_meta(meta)
    assert escaped["title"] == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
    assert escaped["tags"] == ["&lt;b&gt;", "plain"]
    assert escaped["draft"] is True
    assert meta["title"].startswith("<img"), "the input is left as it was"


@pytest.mark.parametrize(
    ("path", "runs"),
    [
        ("evil.js", True),
        ("folder/page.HTML", True),
        ("module.mjs", True),
        ("page.xhtml", True),
        ("note.md", False),
        ("image.svg", False),
        ("data.json", False),
        ("folder.js/readme", False),
        ("no-suffix", False),
    ],
)
def test_files_a_browser_would_run(path, runs):
    assert runnable(path) is runs
