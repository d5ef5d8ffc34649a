"""A vault of deliberately bad files yields exactly the diagnostics in expected.txt."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from quizgen import Diagnostic, Severity, load_vault

BAD = Path(__file__).parent / "fixtures" / "bad"


def expected() -> set[tuple[str, int, str]]:
    rows = set()
    for line in (BAD / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            where, code = line.split()
            path, number = where.rsplit(":", 1)
            rows.add((path, int(number), code))
    return rows


@pytest.fixture(scope="module")
def vault():
    return load_vault(BAD)


def test_each_bad_file_gives_its_diagnostic(vault):
    found = {(d.path, d.line, d.code) for d in vault.diagnostics}
    assert found == expected()


def test_every_diagnostic_is_a_plain_sentence(vault):
    for diagnostic in vault.diagnostics:
        assert diagnostic.message[0].islower() or diagnostic.message[0].isupper()
        assert len(diagnostic.message.split()) >= 5
        assert str(diagnostic).startswith(f"{diagnostic.path}:{diagnostic.line}: ")


def test_bad_notes_are_still_loaded(vault):
    assert vault.notes["bad-yaml.md"].title == "Bad YAML"
    assert [link.target for link in vault.notes["bad-yaml.md"].links] == ["good"]
    assert "au lait" in vault.notes["latin1.md"].source
    assert vault.notes["list-front-matter.md"].front_matter == {}


def test_loading_changes_no_file():
    def digest() -> dict[str, str]:
        return {
            p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in BAD.rglob("*")
            if p.is_file()
        }

    before = digest()
    load_vault(BAD)
    assert digest() == before


def test_errors_and_warnings_are_told_apart(vault):
    errors = {d.code for d in vault.errors}
    assert errors == {"bad-front-matter", "not-utf8", "missing-embed", "embed-loop"}
    assert all(d.severity is Severity.WARNING for d in vault.diagnostics if d.code == "broken-link")


def test_diagnostic_round_trip(vault):
    for diagnostic in vault.diagnostics:
        assert Diagnostic.from_dict(diagnostic.to_dict()) == diagnostic
