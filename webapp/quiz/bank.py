"""The cards quizzes are made from: the card files, indexed once per sync for sibling facts."""

from __future__ import annotations

import gc
import threading
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, current_app
from sqlalchemy.orm import Session

from quizgen.cards import Card, CardType, load_card_files
from quizgen.cards.render import cloze_numbers
from quizgen.quiz import FactIndex, Pair, in_deck

from ..storage.sync import latest_sync

__all__ = ["QuizBank", "get_bank", "load_bank", "review_card_id"]

_KEY = "quizgen_quiz_bank"
_LOCK = threading.Lock()


@dataclass
class QuizBank:
    """Every card of the card files, their fact index, and the names scopes may use."""

    pairs: list[Pair]
    index: FactIndex
    decks: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)
    notes: set[str] = field(default_factory=set)
    by_note: dict[str, list[Pair]] = field(default_factory=dict)
    by_deck: dict[str, list[Pair]] = field(default_factory=dict)
    by_id: dict[str, Card] = field(default_factory=dict)

    def candidates(self, deck: str = "", note: str = "") -> list[Pair]:
        """The cards of a note or deck (with sub-decks), found without looking at every card.

        `select_cards` still applies every filter to them; this only narrows the search.
        """
        if note:
            return self.by_note.get(note, [])
        if deck:
            decks = [name for name in self.by_deck if in_deck(name, deck)]
            return [pair for name in decks for pair in self.by_deck[name]]
        return self.pairs


def review_card_id(card: Card, number: int) -> str:
    """The review card (a row of `cards`) a question on cloze deletion `number` is about."""
    if card.type is not CardType.CLOZE or not number:
        return card.id
    numbers = cloze_numbers(card.text)
    return card.id if not numbers or number == numbers[0] else f"{card.id}-c{number}"


def load_bank(cards_dir: Path) -> QuizBank:
    """Read the card folder and index its facts (a missing folder gives an empty bank)."""
    pairs = load_card_files(cards_dir).cards() if cards_dir.is_dir() else []
    bank = QuizBank(pairs=pairs, index=FactIndex(pairs))
    for card_file, card in pairs:
        if card_file.deck:
            parts = card_file.deck.split("::")
            bank.decks.update("::".join(parts[: n + 1]) for n in range(len(parts)))
        for tag in (*card.tags, *card_file.tags):
            parts = tag.lstrip("#").split("/")
            bank.tags.update("/".join(parts[: n + 1]) for n in range(len(parts)))
        if card_file.note:
            bank.notes.add(card_file.note)
        bank.by_note.setdefault(card_file.note or "", []).append((card_file, card))
        bank.by_deck.setdefault(card_file.deck, []).append((card_file, card))
        bank.by_id[card.id] = card
    return bank


def get_bank(session: Session, app: Flask | None = None) -> QuizBank:
    """The app's bank, read on first use and again after each sync (by any process)."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    synced = latest_sync(session)
    kept = app.extensions.get(_KEY)
    if kept is not None and kept[0] == synced:
        return kept[1]
    with _LOCK:
        kept = app.extensions.get(_KEY)
        if kept is None or kept[0] != synced:
            kept = (synced, _load_quietly(Path(app.config["CARDS_DIR"])))
            app.extensions[_KEY] = kept
    return kept[1]


def _load_quietly(cards_dir: Path) -> QuizBank:
    """Load the bank with the cycle collector paused, then exempt it from later collections.

    A large bank is millions of long-lived objects: left to the collector, every full
    collection walks them all, and requests pay for it at random.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        bank = load_bank(cards_dir)
    finally:
        if enabled:
            gc.enable()
    gc.freeze()
    return bank
