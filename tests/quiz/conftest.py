"""Card files written for the quiz tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.cards import Card, CardFile, load_card_files

FIXTURE_CARDS = Path(__file__).parent / "fixtures" / "cards"


@pytest.fixture(scope="session")
def pairs() -> list[tuple[CardFile, Card]]:
    """Every (card file, card) of tests/quiz/fixtures/cards."""
    found = load_card_files(FIXTURE_CARDS)
    assert not found.diagnostics
    return found.cards()
