"""Building quizzes from the fixture card files: kinds, distractors, fallbacks."""

from __future__ import annotations

import random
import re

import pytest

from quizgen.cards import CardFile
from quizgen.quiz import (
    ALL_KINDS,
    FactIndex,
    QuestionKind,
    Quiz,
    build_quiz,
    check_answer,
    facts_of,
    make_question,
    normalise_answer,
)

SEEDS = range(40)
MC = QuestionKind.MULTIPLE_CHOICE


def _fact(pairs, card_id: str, number: int = 0):
    for card_file, card in pairs:
        if card.id == card_id:
            return next(f for f in facts_of(card_file, card) if f.number == number)
    raise KeyError(card_id)


def _asked(pairs, card_id: str, kind: QuestionKind, seed: int, number: int = 0):
    return make_question(_fact(pairs, card_id, number), kind, FactIndex(pairs), random.Random(seed))


def _assert_good_choice(question) -> None:
    assert len(question.options) == 4
    assert all(option.strip() for option in question.options)
    assert len({normalise_answer(option) for option in question.options}) == 4
    assert sum(check_answer(option, question.answer) for option in question.options) == 1


@pytest.mark.parametrize("seed", SEEDS)
def test_table_row_distractors_are_the_other_rows(pairs, seed: int) -> None:
    question = _asked(pairs, "sqs-quota-size", MC, seed)
    assert question.kind is MC and question.answer == "256 KB"
    _assert_good_choice(question)
    rows = {"256 KB", "4 days", "30 seconds", "10", "ten messages"}
    assert set(question.options) <= rows


@pytest.mark.parametrize("seed", SEEDS)
def test_a_row_asking_the_same_question_is_never_a_distractor(pairs, seed: int) -> None:
    question = _asked(pairs, "sqs-quota-batch", MC, seed)
    _assert_good_choice(question)
    assert "ten messages" not in question.options


@pytest.mark.parametrize("seed", SEEDS)
def test_quantity_siblings_with_the_same_unit_come_first(pairs, seed: int) -> None:
    question = _asked(pairs, "sqs-wait", MC, seed, number=1)
    _assert_good_choice(question)
    assert question.answer == "20 seconds"
    assert "30 seconds" in question.options
    assert all(re.fullmatch(r"\d+ seconds", option) for option in question.options)


@pytest.mark.parametrize("seed", SEEDS)
def test_nearby_numbers_fill_in_when_siblings_run_out(pairs, seed: int) -> None:
    question = _asked(pairs, "lambda-timeout", MC, seed, number=1)
    _assert_good_choice(question)
    assert question.prompt == "A Lambda function may run for [...] at most."
    assert all(re.fullmatch(r"\d+ minutes", option) for option in question.options)


def test_thousands_separators_follow_the_answer(pairs) -> None:
    question = _asked(pairs, "lambda-burst", MC, 1, number=1)
    _assert_good_choice(question)
    for option in question.options:
        assert re.fullmatch(r"\d{1,3}(,\d{3})* execution environments?", option), option


@pytest.mark.parametrize("card_id", ["lambda-status", "sqs-long-polling"])
def test_too_few_distractors_falls_back_to_a_written_question(pairs, card_id: str) -> None:
    for seed in SEEDS:
        question = _asked(pairs, card_id, MC, seed, number=1 if card_id == "lambda-status" else 0)
        assert question.kind in (QuestionKind.CLOZE, QuestionKind.TYPED)
        assert question.options == ()


def test_a_wider_pool_gives_same_deck_distractors(pairs) -> None:
    first, _ = pairs[0]
    extra = CardFile(
        cards=tuple(
            card.with_changes(id=f"x-{card.id}", back=f"{card.back} (in another note)")
            for _, card in pairs
            if card.id in {"sqs-long-polling", "sqs-dlq"}
        ),
        note="aws/other.md",
        deck="aws",
    )
    pool = [*pairs, *((extra, card) for card in extra.cards)]
    fact = _fact(pairs, "sqs-long-polling")
    question = make_question(fact, MC, FactIndex(pool), random.Random(0))
    _assert_good_choice(question)
    assert any(option.endswith("(in another note)") for option in question.options)


def test_true_false_records_whose_answer_it_shows(pairs) -> None:
    seen = set()
    for seed in SEEDS:
        question = _asked(pairs, "sqs-quota-retention", QuestionKind.TRUE_FALSE, seed)
        assert question.options == ("True", "False")
        shown = question.prompt.split("\n\n")[-1]
        assert question.truth is (shown == "4 days")
        assert question.answer == ("True" if question.truth else "False")
        assert question.fact == "4 days"
        seen.add(question.truth)
    assert seen == {True, False}


def test_true_false_on_a_cloze_states_the_sentence(pairs) -> None:
    for seed in SEEDS:
        question = _asked(pairs, "sqs-visibility-cloze", QuestionKind.TRUE_FALSE, seed, 2)
        assert question.prompt.startswith("The visibility timeout is 30 seconds by default")
        assert ("at most 12 hours." in question.prompt) is question.truth


def test_cloze_hides_one_deletion(pairs) -> None:
    question = _asked(pairs, "sqs-visibility-cloze", QuestionKind.CLOZE, 0, 2)
    assert question.prompt == "The visibility timeout is 30 seconds by default and at most [...]."
    assert question.answer == "12 hours"
    assert question.id == "sqs-visibility-cloze-c2-cloze"


def test_typed_is_front_to_back(pairs) -> None:
    question = _asked(pairs, "own-1", QuestionKind.TYPED, 0)
    assert question.prompt == "What does SQS stand for?"
    assert question.answer == "Simple Queue Service"
    assert question.id == "own-1-typed"
    assert (question.note, question.page, question.anchor) == (None, "", None)


@pytest.mark.parametrize("seed", SEEDS)
def test_build_quiz(pairs, seed: int) -> None:
    quiz = build_quiz(pairs, 10, random.Random(seed))
    assert len(quiz) == 10
    assert len({q.card_id for q in quiz.questions}) == 10
    assert "sqs-suspended" not in {q.card_id for q in quiz.questions}
    for question in quiz.questions:
        assert question.answer.strip()
        if question.kind is MC:
            _assert_good_choice(question)
        if question.kind is QuestionKind.TRUE_FALSE:
            assert question.answer in question.options


def test_build_quiz_is_reproducible_and_round_trips(pairs) -> None:
    first = build_quiz(pairs, 8, random.Random(7))
    assert first == build_quiz(pairs, 8, random.Random(7))
    assert Quiz.from_dict(first.to_dict()) == first
    assert first != build_quiz(pairs, 8, random.Random(8))


def test_build_quiz_counts_and_kinds(pairs) -> None:
    assert len(build_quiz(pairs, 100, random.Random(0))) == 18
    assert len(build_quiz(pairs, 0, random.Random(0))) == 0
    assert len(build_quiz([], 5, random.Random(0))) == 0
    only = build_quiz(pairs, 18, random.Random(0), kinds=["true_false"])
    assert {q.kind for q in only.questions} <= {
        QuestionKind.TRUE_FALSE,
        QuestionKind.TYPED,
        QuestionKind.CLOZE,
    }
    mixed = build_quiz(pairs, 18, random.Random(0), kinds=ALL_KINDS)
    assert len({q.kind for q in mixed.questions}) == 4
