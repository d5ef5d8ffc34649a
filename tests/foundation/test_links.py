"""Link resolution, driven by tests/foundation/fixtures/links/resolutions.txt."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen import Target, WikiLink, load_vault
from quizgen.syntax import make_parser

FIXTURES = Path(__file__).parent / "fixtures" / "links"


def read_cases() -> list[tuple[str, str, str]]:
    """Rows of `source | link | expected` from the fixture file."""
    rows = []
    for line in (FIXTURES / "resolutions.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            source, link, expected = (part.strip() for part in line.split(" | "))
            rows.append((source, link, expected))
    return rows


@pytest.fixture(scope="module")
def vault():
    return load_vault(FIXTURES)


def parse_link(text: str) -> WikiLink:
    """The WikiLink the vault's parser reads from a link written alone on a line."""
    tokens = make_parser().parse(text)
    meta = next(c for c in tokens[1].children if c.type == "wikilink").meta
    return WikiLink(
        raw=text,
        target=meta["target"],
        line=1,
        heading=meta["heading"],
        block=meta["block"],
        label=meta["label"],
        embed=meta["embed"],
    )


@pytest.mark.parametrize(("source", "link", "expected"), read_cases())
def test_resolution(vault, source, link, expected):
    result = vault.resolve(parse_link(link), vault.notes[source])
    if expected == "MISSING":
        assert result.kind is Target.MISSING
        assert result.problem
        return
    path, _, anchor = expected.partition("#")
    assert result.path == path
    assert result.anchor == (anchor or None)
    assert result.problem is None


def test_links_inside_code_are_not_links(vault):
    raws = [link.raw for link in vault.notes["index.md"].links]
    assert "[[not a link]]" not in raws
    assert "[[also not a link]]" not in raws
    assert "[[Lambda]]" in raws


def test_link_lines_are_source_lines(vault):
    note = vault.notes["index.md"]
    lines = note.source.splitlines()
    for link in note.links:
        # Inside a table the pipe of a label is written `\|`.
        written = link.raw.replace("|", "\\|")
        assert link.raw in lines[link.line - 1] or written in lines[link.line - 1]


def test_embeds_and_image_size(vault):
    embeds = [link for link in vault.notes["index.md"].links if link.embed]
    assert [e.target for e in embeds] == ["diagram.png", "diagram.png"]
    assert embeds[1].label == "300"


def test_backlinks(vault):
    assert vault.backlinks["aws/compute/lambda.md"] == ["index.md"]
    assert "aws/compute/lambda.md" in vault.backlinks["aws/compute/limits.md"]


def test_ambiguous_name_is_reported_once_per_link(vault):
    codes = [(d.path, d.code) for d in vault.diagnostics]
    assert ("index.md", "ambiguous-link") in codes
    assert ("aws/compute/lambda.md", "ambiguous-link") in codes
