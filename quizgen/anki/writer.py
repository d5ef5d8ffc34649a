"""Notes into an Anki collection with genanki, told what genanki would work out again per note.

genanki finds each note's cards by reading its templates, checks its fields for stray HTML and
its tags for spaces, for every note. Our notes are all alike: the cards follow from the note
type and which fields are empty (or, for cloze, the deletion numbers), the fields are HTML we
rendered with raw HTML escaped, and tags have no spaces (`anki_tag`). So the cards are worked
out once per kind of note, and genanki's own `write_to_db` writes the rows.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Any

import genanki

from .models import model_for
from .notes import AnkiNote, NoteType

__all__ = ["CollectionWriter", "KnownNote", "card_ords", "deck_id", "genanki_note"]

# genanki's pattern for the deletions of a cloze field.
_CLOZE_NUMBER = re.compile(r"{{c(\d+)::.+?}}", re.DOTALL)


class KnownNote(genanki.Note):
    """A genanki note built from a finished `AnkiNote`: cards given, checks already done."""

    def __init__(self, model: genanki.Model, note: AnkiNote, ords: list[int]) -> None:
        # What genanki.Note.__init__ sets, minus its tag list type, which checks each tag again.
        self.model = model
        self.fields = list(note.fields)
        self.sort_field = None
        self._tags = list(note.tags)
        self.due = 0
        self.guid = note.guid
        self.cards = [genanki.Card(ord_) for ord_ in ords]  # fills genanki's cached_property

    def _check_invalid_html_tags_in_fields(self) -> None:
        """Nothing to check: every field is HTML we rendered or escaped ourselves."""


def genanki_note(note: AnkiNote) -> KnownNote:
    """The genanki note for one exported note."""
    return KnownNote(model_for(note.note_type), note, card_ords(note.note_type, note.fields))


def card_ords(note_type: NoteType, fields: tuple[str, ...]) -> list[int]:
    """The card numbers genanki gives a note of this type with these fields."""
    if note_type is NoteType.CLOZE:
        ords: set[int] = set()
        ords.update(int(n) - 1 for n in _CLOZE_NUMBER.findall(fields[0]) if int(n) > 0)
        return list(ords)
    return list(_front_back_ords(note_type, tuple(bool(field) for field in fields)))


@lru_cache(maxsize=64)
def _front_back_ords(note_type: NoteType, filled: tuple[bool, ...]) -> tuple[int, ...]:
    """genanki's own answer for a note whose fields are filled (or empty) like this."""
    fields: list[Any] = ["x" if full else "" for full in filled]
    probe = genanki.Note(model=model_for(note_type), fields=fields)
    return tuple(card.ord for card in probe.cards)


def deck_id(name: str) -> int:
    """A deck id derived from the deck's full name, the same on every build."""
    return int(hashlib.sha256(name.encode()).hexdigest()[:8], 16) % (1 << 30) + (1 << 30)


class CollectionWriter:
    """An Anki collection file that genanki fills note by note, while the rest are rendered.

    genanki's `Package.write_to_db` writes every deck and its notes at the end; here the
    collection is made first, each note is written by genanki's `Note.write_to_db` as soon as
    it is rendered, and the decks and note types are written by genanki's `Deck.write_to_db`
    once all notes are in.
    """

    def __init__(self, path: Path, stamp: float, root: str) -> None:
        self.stamp = stamp
        self.connection = sqlite3.connect(path)
        self.cursor = self.connection.cursor()
        self.ids = itertools.count(int(stamp * 1000))
        root_deck = genanki.Deck(deck_id(root), root, description=f"Cards from {root}")
        self.decks: dict[str, genanki.Deck] = {root: root_deck}
        genanki.Package([]).write_to_db(self.cursor, stamp, self.ids)

    def add(self, note: AnkiNote) -> None:
        """Write one note and its cards."""
        deck = self.decks.get(note.deck)
        if deck is None:
            deck = self.decks[note.deck] = genanki.Deck(deck_id(note.deck), note.deck)
        known = genanki_note(note)
        deck.add_model(known.model)
        known.write_to_db(self.cursor, self.stamp, deck.deck_id, self.ids)

    def finish(self) -> None:
        """Write the decks and the note types they use, and close the file."""
        for deck in self.decks.values():
            deck.write_to_db(self.cursor, self.stamp, self.ids)
        self.connection.commit()
        self.connection.close()

    def discard(self) -> None:
        """Close without writing the decks (the caller drops the file)."""
        self.connection.close()
