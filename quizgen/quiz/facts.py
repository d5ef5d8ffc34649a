"""Facts: a card as one question with one answer, and the index that finds a fact's siblings."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from ..cards.model import Card, CardFile, CardType, Origin
from .answers import normalise_answer
from .numbers import quantity_shape
from .scope import Pair

__all__ = ["Fact", "FactIndex", "facts_of"]

_DIGIT = re.compile(r"\d")
_UNIT_WORD = re.compile(r"[a-z]+|%")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_VENDOR = re.compile(r"^(aws|amazon)\s+")
_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)


@dataclass(frozen=True, eq=False)
class Fact:
    """One question of a card: `number` is the cloze deletion asked (0 for front/back cards)."""

    card_file: CardFile
    card: Card
    number: int = 0

    @cached_property
    def prompt(self) -> str:
        """The question side: the front, or the cloze text with this deletion hidden."""
        if not self.number:
            return self.card.front
        return _fill(self.card.text, self.number, None)

    @cached_property
    def answer(self) -> str:
        """The right answer: the back, or the text of this deletion."""
        if not self.number:
            return self.card.back.strip()
        matches = _CLOZE.finditer(self.card.text)
        parts = [m.group(2) for m in matches if int(m.group(1)) == self.number]
        return " … ".join(part.strip() for part in parts)

    @cached_property
    def shape(self) -> str | None:
        """The answer's quantity shape (`# minute`), None when it is not a quantity."""
        return quantity_shape(self.answer)

    @cached_property
    def family(self) -> str:
        """What sort of answer this is: a cloze deletion, a table row, or a text definition."""
        if self.number:
            return "cloze"
        return "table" if self.card.origin is Origin.TABLE else "text"

    def statement(self, shown: str) -> str:
        """The fact stated with `shown` as its answer (for true/false)."""
        if self.number:
            return _fill(self.card.text, self.number, shown)
        return f"{self.prompt}\n\n{shown}"

    @cached_property
    def subject(self) -> str:
        """What the question is about: its last bold term (`**AWS Secrets Manager**`), else
        the prompt's last `›` part, lower case, without a leading AWS or Amazon."""
        bold = _BOLD.findall(self.prompt)
        subject = bold[-1] if bold else self.prompt.rsplit("›", 1)[-1]
        return _VENDOR.sub("", normalise_answer(subject))

    @cached_property
    def key(self) -> str:
        """The normalised prompt: two facts asking the same thing are not each other's foils."""
        return normalise_answer(self.prompt)


def facts_of(card_file: CardFile, card: Card) -> list[Fact]:
    """Every question a card can ask: one per cloze number, or its front/back."""
    if card.type is CardType.CLOZE:
        numbers = sorted({int(m.group(1)) for m in _CLOZE.finditer(card.text)})
        return [Fact(card_file, card, number) for number in numbers]
    if not card.front.strip() or not card.back.strip():
        return []
    return [Fact(card_file, card)]


class FactIndex:
    """The facts of a pool of cards, grouped so that a fact's siblings are found quickly."""

    def __init__(self, pairs: Iterable[Pair]) -> None:
        self.by_table: dict[tuple, list[Fact]] = defaultdict(list)
        self.by_note: dict[tuple, list[Fact]] = defaultdict(list)
        self.by_deck: dict[tuple, list[Fact]] = defaultdict(list)
        self.by_unit: dict[str, list[Fact]] = defaultdict(list)
        for card_file, card in pairs:
            if card.suspended:
                continue
            for fact in facts_of(card_file, card):
                self.add(fact)

    def add(self, fact: Fact) -> None:
        """Put a fact in its groups."""
        if fact.family == "table":
            self.by_table[table_key(fact)].append(fact)
        self.by_note[(fact.card_file.note or fact.card_file.title, fact.family)].append(fact)
        self.by_deck[(fact.card_file.deck, fact.family)].append(fact)
        unit = unit_key(fact.answer)
        if unit:
            self.by_unit[unit].append(fact)

    def table_rows(self, fact: Fact) -> list[Fact]:
        """The other rows of the fact's table."""
        return self.by_table.get(table_key(fact), []) if fact.family == "table" else []

    def same_note(self, fact: Fact) -> list[Fact]:
        """Facts of the same family in the same note."""
        return self.by_note.get((fact.card_file.note or fact.card_file.title, fact.family), [])

    def same_deck(self, fact: Fact) -> list[Fact]:
        """Facts of the same family in the same deck."""
        return self.by_deck.get((fact.card_file.deck, fact.family), [])

    def same_unit(self, fact: Fact) -> list[Fact]:
        """Facts whose answers may be quantities in the same unit (compare `shape` to be sure)."""
        return self.by_unit.get(unit_key(fact.answer), [])


def unit_key(answer: str) -> str:
    """A quick guess at an answer's unit: its last word, singular, when it holds a number.

    Computing every answer's exact `shape` would cost more than the whole quiz, so facts are
    grouped by this key and the shapes of the few candidates drawn are compared.
    """
    if not _DIGIT.search(answer):
        return ""
    words = _UNIT_WORD.findall(answer.casefold())
    if not words:
        return ""
    word = words[-1]
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def table_key(fact: Fact) -> tuple:
    """One table: the same card file, heading and context."""
    file = fact.card_file
    return (file.note or file.title, file.deck, fact.card.anchor, fact.card.context)


def _fill(text: str, number: int, shown: str | None) -> str:
    """Cloze text with deletion `number` hidden (shown None) or replaced, the others filled in."""

    def replace(match: re.Match[str]) -> str:
        if int(match.group(1)) != number:
            return match.group(2)
        if shown is not None:
            return shown
        return f"[{match.group(3)}]" if match.group(3) else "[...]"

    return _CLOZE.sub(replace, text)
