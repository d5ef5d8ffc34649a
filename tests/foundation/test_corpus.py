"""The real vault under ../shared/corpora (skipped, with the reason, where it is absent)."""

from __future__ import annotations

import pytest

from quizgen import Severity, Target, load_vault


@pytest.fixture(scope="module")
def vault(corpus):
    return load_vault(corpus)


def test_every_note_loads(vault):
    assert len(vault.notes) == 189
    assert all(note.title for note in vault.notes.values())


def lands(vault, path: str, line: int, raw: str):
    note = vault.notes[path]
    for link, result in vault.links_of(note):
        if link.line == line and link.raw == raw:
            return result
    raise AssertionError(f"{raw} not found at {path}:{line}")


def test_path_links_from_the_bigger_vault_resolve_by_their_trailing_path(vault):
    raw = "[[Flo/3_Areas/AWS/Networking/CloudFront|CloudFront]]"
    assert lands(vault, "Infrastructure/CF/ACM.md", 4, raw).path == "Networking/CloudFront.md"
    raw = "[[Flo/3_Areas/AWS/Infrastructure/CF/CloudFront|CloudFront]]"
    assert lands(vault, "Infrastructure/CF/Origins.md", 11, raw).path == (
        "Infrastructure/CF/CloudFront.md"
    )


def test_links_to_notes_that_do_not_exist_are_reported(vault):
    result = lands(vault, "Containers/ECR.md", 10, "[[AWS Index]]")
    assert result.kind is Target.MISSING
    found = {(d.path, d.line, d.code) for d in vault.diagnostics}
    assert ("Containers/ECR.md", 10, "broken-link") in found


def test_missing_images_are_errors_at_their_line(vault):
    found = {(d.path, d.line, d.code, d.severity) for d in vault.diagnostics}
    where = ("Databases/Aurora Global Database.md", 5, "missing-embed", Severity.ERROR)
    assert where in found
    assert {d.code for d in vault.errors} == {"missing-embed"}


def test_diagnostic_lines_point_into_their_files(vault):
    for diagnostic in vault.diagnostics:
        lines = vault.notes[diagnostic.path].source.splitlines()
        assert 1 <= diagnostic.line <= len(lines)
        assert "[[" in lines[diagnostic.line - 1]


def test_inline_tags_are_read(vault):
    assert vault.notes["Containers/ECR.md"].tags == ["Amazon"]
    assert sum("Amazon" in note.tags for note in vault.notes.values()) > 100


def test_backlinks_come_from_resolved_links(vault):
    sources = vault.backlinks["Networking/CloudFront.md"]
    assert "Infrastructure/CF/ACM.md" in sources
    assert all(path in vault.notes for path in sources)
