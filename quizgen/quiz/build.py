"""Build a quiz: pick cards, choose how each is asked, make the options."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

from .distractors import distractors
from .facts import Fact, FactIndex, facts_of
from .model import Question, QuestionKind, Quiz
from .scope import Pair

__all__ = ["ALL_KINDS", "TRUE", "FALSE", "build_quiz", "make_question"]

ALL_KINDS = (
    QuestionKind.MULTIPLE_CHOICE,
    QuestionKind.TYPED,
    QuestionKind.CLOZE,
    QuestionKind.TRUE_FALSE,
)
TRUE, FALSE = "True", "False"
# Typed answers longer than this are hard to type right; such cards are asked another way.
_TYPABLE_WORDS = 8


def build_quiz(
    pairs: Iterable[Pair],
    count: int,
    rng: random.Random,
    kinds: Sequence[QuestionKind | str] = ALL_KINDS,
    pool: FactIndex | Iterable[Pair] | None = None,
) -> Quiz:
    """A quiz of up to `count` questions on the given cards, one question per card.

    `pool` holds the cards distractors may come from (a prebuilt `FactIndex` for speed);
    by default the quiz's own cards.
    """
    pairs = [(card_file, card) for card_file, card in pairs if not card.suspended]
    index = pool if isinstance(pool, FactIndex) else FactIndex(pairs if pool is None else pool)
    wanted = [QuestionKind(kind) for kind in kinds] or list(ALL_KINDS)
    chosen = rng.sample(pairs, min(max(count, 0), len(pairs)))
    plan = _kind_plan(wanted, len(chosen), rng)
    questions = []
    for (card_file, card), kind in zip(chosen, plan, strict=True):
        facts = facts_of(card_file, card)
        if not facts:
            continue
        fact = rng.choice(facts)
        questions.append(make_question(fact, _fit(kind, fact, wanted), index, rng))
    return Quiz(tuple(questions))


def make_question(fact: Fact, kind: QuestionKind, index: FactIndex, rng: random.Random) -> Question:
    """The fact asked as `kind`, or written in when there are not enough wrong options."""
    if kind is QuestionKind.MULTIPLE_CHOICE:
        wrong = distractors(fact, index, rng)
        if len(wrong) == 3:
            options = [fact.answer, *wrong]
            rng.shuffle(options)
            return _question(fact, kind, fact.prompt, fact.answer, tuple(options))
    if kind is QuestionKind.TRUE_FALSE:
        wrong = distractors(fact, index, rng, need=1)
        if wrong:
            truth = rng.random() < 0.5
            statement = fact.statement(fact.answer if truth else wrong[0])
            answer = TRUE if truth else FALSE
            return _question(fact, kind, statement, answer, (TRUE, FALSE), truth=truth)
    return _written(fact)


def _fit(kind: QuestionKind, fact: Fact, wanted: list[QuestionKind]) -> QuestionKind:
    """Multiple choice instead of a write-in for a long answer, when multiple choice is wanted."""
    written = kind in (QuestionKind.TYPED, QuestionKind.CLOZE)
    long = len(fact.answer.split()) > _TYPABLE_WORDS
    if written and long and QuestionKind.MULTIPLE_CHOICE in wanted:
        return QuestionKind.MULTIPLE_CHOICE
    return kind


def _written(fact: Fact) -> Question:
    """A write-in question: the cloze to fill in, or the front to answer."""
    kind = QuestionKind.CLOZE if fact.number else QuestionKind.TYPED
    return _question(fact, kind, fact.prompt, fact.answer, ())


def _kind_plan(kinds: list[QuestionKind], count: int, rng: random.Random) -> list[QuestionKind]:
    """A balanced, shuffled mix of the wanted kinds, one per question."""
    plan = [kinds[i % len(kinds)] for i in range(count)]
    rng.shuffle(plan)
    return plan


def _question(
    fact: Fact,
    kind: QuestionKind,
    prompt: str,
    answer: str,
    options: tuple[str, ...],
    truth: bool | None = None,
) -> Question:
    """The question record, with the card's source fields."""
    card_file, card = fact.card_file, fact.card
    number = f"-c{fact.number}" if fact.number else ""
    return Question(
        id=f"{card.id}{number}-{kind.value}",
        kind=kind,
        prompt=prompt,
        answer=answer,
        card_id=card.id,
        options=options,
        note=card_file.note,
        title=card_file.title,
        page=card_file.page,
        anchor=card.anchor,
        context=card.context,
        truth=truth,
        fact=fact.answer,
    )
