"""Notes into an Anki collection with genanki, told what genanki would work out again per note.

genanki finds each note's cards by reading its templates, checks its fields for stray HTML and
its tags for spaces, for every note. Our notes are all alike: the cards follow from the note
type and which fields are empty (or, for cloze, the deletion numbers), the fields are HTML we
rendered with raw HTML escaped, and tags have no spaces (`anki_tag`). So the cards are worked
out once per kind of note, and genanki's own `write_to_db` writes the rows.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import genanki

from .models import model_for
from .notes import AnkiNote, NoteType

__all__ = ["KnownNote", "card_ords", "genanki_note"]

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
