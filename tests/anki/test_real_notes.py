"""The repository's notes (and the real corpus in CI) through `quizgen cards`, then into Anki."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen import load_vault
from quizgen.anki import export_package
from quizgen.cards import load_card_files


def extract(notes: Path, out: Path) -> int:
    """Write card files for a notes folder; the number of cards Anki should get."""
    cards = pytest.importorskip("quizgen.cards")
    if not hasattr(cards, "write_card_files"):
        pytest.skip("the card extractor is not there yet")
    cards.write_card_files(load_vault(notes), out)
    return sum(1 for _, card in load_card_files(out).cards() if not card.suspended)


def test_repository_notes_import_into_anki(root, tmp_path, collection, import_package):
    expected = extract(root / "notes", tmp_path / "cards")
    report = export_package(
        tmp_path / "cards", tmp_path / "deck.apkg", notes_dir=root / "notes", site_url="/notes/"
    )
    log = import_package(report.path)

    assert expected > 0 and report.notes == expected == len(log.new)
    assert report.diagnostics == []
    sources = [collection.get_note(nid)["Source"] for nid in collection.find_notes("")]
    assert all(source.startswith('<a href="/notes/') for source in sources)
    decks = {deck.name for deck in collection.decks.all_names_and_ids()}
    assert "notes::aws-certs" in decks


@pytest.mark.corpus
def test_real_corpus_imports_into_anki(corpus, tmp_path, collection, import_package):
    expected = extract(corpus, tmp_path / "cards")
    report = export_package(tmp_path / "cards", tmp_path / "deck.apkg", notes_dir=corpus)
    log = import_package(report.path)

    assert expected > 0 and report.notes == len(log.new) == expected
    assert not [d for d in report.diagnostics if d.severity == "error"]
    assert collection.card_count() >= expected
    names = {deck.name for deck in collection.decks.all_names_and_ids()}
    assert "aws-saa-notes" in names
