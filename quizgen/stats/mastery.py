"""Mastery: the share of a note's or a deck's cards that are mature (interval of 21 days+)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .svg import frame, rect, text

__all__ = [
    "MATURE_DAYS",
    "Mastery",
    "MasteryRow",
    "is_mature",
    "mastery_bar_svg",
    "mastery_by_deck",
    "mastery_by_note",
    "mastery_svg",
]

MATURE_DAYS = 21
"""A card is mature once its interval (or FSRS stability) reaches this many days, as in Anki."""


@dataclass(frozen=True)
class MasteryRow:
    """What the database counts per note: its deck, its cards, how many of them are mature."""

    note: str
    deck: str
    cards: int
    mature: int
    title: str = ""


@dataclass(frozen=True)
class Mastery:
    """Mature cards out of all cards of one note or deck."""

    name: str
    cards: int
    mature: int
    title: str = ""

    @property
    def share(self) -> float:
        """mature / cards (0 when there are no cards)."""
        return self.mature / self.cards if self.cards else 0.0

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "name": self.name,
            "title": self.title,
            "cards": self.cards,
            "mature": self.mature,
            "share": self.share,
        }


def is_mature(days: float | None) -> bool:
    """True for an interval or stability (in days) of at least `MATURE_DAYS`."""
    return days is not None and days >= MATURE_DAYS


def mastery_by_note(rows: Iterable[MasteryRow]) -> list[Mastery]:
    """One record per note, sorted by note path; rows of the same note are added up."""
    found: dict[str, list[int]] = {}
    titles: dict[str, str] = {}
    for row in rows:
        counts = found.setdefault(row.note, [0, 0])
        counts[0] += row.cards
        counts[1] += row.mature
        titles[row.note] = titles.get(row.note) or row.title
    return [Mastery(note, found[note][0], found[note][1], titles[note]) for note in sorted(found)]


def mastery_by_deck(rows: Iterable[MasteryRow]) -> list[Mastery]:
    """One record per deck, each deck counting its sub-decks' cards too (`a` holds `a::b`)."""
    found: dict[str, list[int]] = {}
    for row in rows:
        for deck in _deck_and_parents(row.deck):
            counts = found.setdefault(deck, [0, 0])
            counts[0] += row.cards
            counts[1] += row.mature
    return [Mastery(deck, found[deck][0], found[deck][1]) for deck in sorted(found)]


def mastery_svg(records: list[Mastery], ident: str = "mastery") -> str:
    """Horizontal bars, one per note or deck, with the share written beside each."""
    row, label, bar = 18, 220, 260
    body = []
    for index, record in enumerate(records):
        y = index * row + 4
        name = record.title or record.name or "(top level)"
        tip = f"{name}: {_share(record)}"
        body.append(text(0, y + 10, name[:40]))
        body.append(rect(label, y, bar, 12, "#ebedf0", tip))
        body.append(rect(label, y, bar * record.share, 12, "#239a3b", tip))
        body.append(text(label + bar + 6, y + 10, f"{record.share:.0%}"))
    height = max(len(records) * row + 8, 20)
    desc = "; ".join(f"{r.title or r.name or '(top level)'}: {_share(r)}" for r in records)
    return frame(ident, label + bar + 44, height, "Mastery", desc or "No cards.", body)


def mastery_bar_svg(record: Mastery, ident: str = "mastery-bar") -> str:
    """A small labelled bar for a note's page: `Mastery ███░░ 3 of 4 cards mature (75%)`."""
    tip = f"{record.title or record.name}: {_share(record)}"
    body = [
        text(0, 12, "Mastery"),
        rect(46, 3, 120, 10, "#ebedf0", tip),
        rect(46, 3, 120 * record.share, 10, "#239a3b", tip),
        text(172, 12, _share(record)),
    ]
    return frame(ident, 330, 16, f"Mastery of {record.title or record.name}", tip, body)


def _share(record: Mastery) -> str:
    """`3 of 4 cards mature (75%)`."""
    return f"{record.mature} of {record.cards} cards mature ({record.share:.0%})"


def _deck_and_parents(deck: str) -> list[str]:
    """`a::b::c` -> `a`, `a::b`, `a::b::c`; the top level is ''."""
    parts = [part for part in deck.split("::") if part]
    return ["::".join(parts[: n + 1]) for n in range(len(parts))] or [""]
