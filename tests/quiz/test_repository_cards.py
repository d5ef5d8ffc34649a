"""Quizzes over real cards: the repository's own notes, and the real corpus in CI."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import quizgen
from quizgen.cards import Card, CardFile, load_card_files
from quizgen.quiz import FactIndex, QuestionKind, build_quiz, check_answer, normalise_answer

MC = QuestionKind.MULTIPLE_CHOICE


def _cards_of(root: Path) -> list[tuple[CardFile, Card]]:
    """The committed card files when there are some, else the cards extracted from notes/."""
    found = load_card_files(root / "cards")
    if found.files:
        return found.cards()
    from quizgen.cards.extract import extract_vault

    extracted = extract_vault(quizgen.load_vault(root / "notes"))
    return [(f, card) for _, f in sorted(extracted.files.items()) for card in f.cards]


def _check_choices(pairs: list[tuple[CardFile, Card]], seeds: range) -> int:
    """Build a multiple-choice quiz of every card per seed; check each question; count them."""
    index = FactIndex(pairs)
    asked = 0
    for seed in seeds:
        quiz = build_quiz(pairs, len(pairs), random.Random(seed), kinds=[MC], pool=index)
        for question in quiz.questions:
            if question.kind is not MC:
                assert question.options == ()
                continue
            asked += 1
            options = question.options
            assert len(options) == 4, question.id
            assert all(option.strip() for option in options), question.id
            assert len({normalise_answer(option) for option in options}) == 4, question.id
            assert sum(check_answer(option, question.answer) for option in options) == 1
    return asked


def test_every_choice_question_on_the_repository_cards_is_sound(root: Path) -> None:
    pairs = _cards_of(root)
    assert len(pairs) > 50
    asked = _check_choices(pairs, range(5))
    # Most of these cards have siblings: tables, quotas, definitions of one note.
    assert asked > len(pairs) * 5 // 2


@pytest.mark.corpus
def test_every_choice_question_on_the_corpus_is_sound(corpus: Path) -> None:
    from quizgen.cards.extract import extract_vault

    extracted = extract_vault(quizgen.load_vault(corpus))
    pairs = [(f, card) for _, f in sorted(extracted.files.items()) for card in f.cards]
    assert _check_choices(pairs, range(2)) > 0
