"""Wrong options that look right: sibling facts first, then nearby numbers in the same unit."""

from __future__ import annotations

import random
from collections.abc import Iterable

from .answers import normalise_answer
from .facts import Fact, FactIndex
from .numbers import nearby_quantities

__all__ = ["distractors"]

_MAX_OPTION = 600


def distractors(fact: Fact, index: FactIndex, rng: random.Random, need: int = 3) -> list[str]:
    """Up to `need` wrong answers for a fact, never empty and never the right answer again.

    Sources, in order: the other rows of the same table; for a quantity, other answers of the
    same unit and then the answer's own numbers scaled (×2, ÷2, …); otherwise other facts of the
    same note and then of the same deck. Facts asking the same question are skipped, since
    their answer may be right too.
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


def _sources(fact: Fact, index: FactIndex, rng: random.Random) -> Iterable[Iterable[str]]:
    """The candidate answers, source by source, each source shuffled."""
    yield _answers(fact, index.table_rows(fact), rng, any_shape=True)
    if fact.shape:
        # Shuffled, then the same note's quantities first (a stable sort keeps the shuffle).
        note = fact.card_file.note
        same_unit = _shuffled(index.same_unit(fact), rng)
        same_unit.sort(key=lambda other: other.card_file.note != note)
        yield _answers(fact, same_unit, rng, shuffle=False)
        yield _shuffled(nearby_quantities(fact.answer)[:6], rng)
        return
    yield _answers(fact, index.same_note(fact), rng)
    yield _answers(fact, index.same_deck(fact), rng)


def _answers(
    fact: Fact,
    others: list[Fact],
    rng: random.Random,
    any_shape: bool = False,
    shuffle: bool = True,
) -> list[str]:
    """The answers of other facts (of the same shape unless `any_shape`) asking something else."""
    key = fact.key
    found = [
        other.answer
        for other in others
        if other.card is not fact.card
        and (any_shape or other.shape == fact.shape)
        and other.key != key
    ]
    return _shuffled(found, rng) if shuffle else found


def _shuffled(items: list, rng: random.Random) -> list:
    """A shuffled copy."""
    copy = list(items)
    rng.shuffle(copy)
    return copy
