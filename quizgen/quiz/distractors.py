"""Wrong options that look right: sibling facts first, then nearby numbers in the same unit."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import TypeVar

from .answers import normalise_answer
from .facts import Fact, FactIndex
from .numbers import nearby_quantities

__all__ = ["distractors"]

_MAX_OPTION = 600
# Enough candidates to find three distinct wrong answers without reading a whole deck.
_SAMPLE = 64
T = TypeVar("T")


def distractors(fact: Fact, index: FactIndex, rng: random.Random, need: int = 3) -> list[str]:
    """Up to `need` wrong answers for a fact, never empty and never the right answer again.

    Sources, in order: the other rows of the same table; for a quantity, other answers of the
    same unit (the same note's first, then any) and then the answer's own numbers scaled
    (×2, ÷2, …); otherwise other facts of the same note and then of the same deck. Facts
    asking the same question, or about the same subject (`**Secrets Manager**` under two
    headings), are skipped, since their answer may be right too.
    """
    taken = {normalise_answer(fact.answer)}
    found: list[str] = []
    for source in _sources(fact, index, rng):
        for option in source:
            plain = normalise_answer(option)
            if not plain or plain in taken or len(option) > _MAX_OPTION:
                continue
            taken.add(plain)
            found.append(option.strip())
            if len(found) == need:
                return found
    return found


def _sources(fact: Fact, index: FactIndex, rng: random.Random) -> Iterator[Iterator[str]]:
    """The candidate answers, source by source, each source in random order."""
    yield _answers(fact, index.table_rows(fact), rng, any_shape=True)
    if fact.shape:
        same_note = [other for other in index.same_note(fact) if other.shape == fact.shape]
        yield _answers(fact, same_note, rng)
        yield _answers(fact, index.same_unit(fact), rng)
        yield iter(_sample(nearby_quantities(fact.answer)[:6], rng))
        return
    yield _answers(fact, index.same_note(fact), rng)
    yield _answers(fact, index.same_deck(fact), rng)


def _answers(
    fact: Fact, others: list[Fact], rng: random.Random, any_shape: bool = False
) -> Iterator[str]:
    """Answers of other facts (of the same shape unless `any_shape`) that ask something else."""
    for other in _sample(others, rng):
        if other.card is fact.card or not (any_shape or other.shape == fact.shape):
            continue
        if other.key == fact.key or (fact.subject and other.subject == fact.subject):
            continue
        yield other.answer


def _sample(items: list[T], rng: random.Random) -> list[T]:
    """The items shuffled; for a long list, a random sample big enough to find a few options."""
    if len(items) > _SAMPLE:
        return rng.sample(items, _SAMPLE)
    copy = list(items)
    rng.shuffle(copy)
    return copy
