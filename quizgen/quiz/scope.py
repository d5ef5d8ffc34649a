"""Scope filters: the cards of a deck, a tag, a note or a heading."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from ..cards.model import Card, CardFile

__all__ = ["Pair", "in_deck", "select_cards"]

Pair = tuple[CardFile, Card]


def select_cards(
    pairs: Iterable[Pair],
    deck: str | None = None,
    tag: str | None = None,
    note: str | None = None,
    heading: str | None = None,
) -> list[Pair]:
    """The (card file, card) pairs inside every scope given; a scope left as None keeps all."""
    found = []
    for card_file, card in pairs:
        if deck is not None and not in_deck(card_file.deck, deck):
            continue
        if tag is not None and not _has_tag(card_file, card, tag):
            continue
        if note is not None and card_file.note != note:
            continue
        if heading is not None and not _under_heading(card, heading):
            continue
        found.append((card_file, card))
    return found


def in_deck(card_deck: str, deck: str) -> bool:
    """True when `card_deck` is `deck` or one of its sub-decks (`a::b` is in `a`, `ab` is not)."""
    wanted = _deck_path(deck)
    return not wanted or _deck_path(card_deck)[: len(wanted)] == wanted


@lru_cache(maxsize=4096)
def _deck_path(deck: str) -> tuple[str, ...]:
    """A deck name as its parts, case-folded; `a/b` and `a::b` are the same deck."""
    parts = deck.replace("/", "::").split("::")
    return tuple(part.strip().casefold() for part in parts if part.strip())


def _has_tag(card_file: CardFile, card: Card, tag: str) -> bool:
    """True when the card or its note carries the tag or a nested tag under it (`aws/sqs`)."""
    wanted = tag.lstrip("#").casefold()
    for have in (*card.tags, *card_file.tags):
        have = have.lstrip("#").casefold()
        if have == wanted or have.startswith(wanted + "/"):
            return True
    return False


def _under_heading(card: Card, heading: str) -> bool:
    """True when the heading is the card's anchor or one of the headings above it."""
    wanted = heading.lstrip("#").strip().casefold()
    if card.anchor and card.anchor.casefold() == wanted:
        return True
    return any(part.strip().casefold() == wanted for part in card.context)
