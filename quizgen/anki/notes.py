"""One card of a card file as one Anki note: GUID, note type, deck, fields and tags."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..cards import Card, CardFile, CardType, render_markdown
from .media import MediaLibrary, obsidian_images_to_markdown
from .models import NoteType

__all__ = ["AnkiNote", "ExportSettings", "anki_tag", "deck_name", "note_for_card", "note_guid"]

REMOVED_TAG = "quizgen::removed"
_SPACES = re.compile(r"\s+")
# Anki's GUID alphabet: genanki.guid_for writes a number in these 91 digits.
_BASE91 = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~"
)
_TYPE_NAMES = {note_type.value: note_type for note_type in NoteType}
_BASE91_PAIRS = [high + low for high in _BASE91 for low in _BASE91]
_NOTE_TYPES = {
    CardType.BASIC: NoteType.BASIC,
    CardType.REVERSE: NoteType.REVERSE,
    CardType.CLOZE: NoteType.CLOZE,
}


@dataclass(frozen=True)
class AnkiNote:
    """What one exported note holds; also what the manifest remembers of it."""

    guid: str
    note_type: NoteType
    deck: str
    fields: tuple[str, ...]
    tags: tuple[str, ...] = ()
    media: tuple[str, ...] = ()
    removed_at: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the manifest."""
        data: dict[str, Any] = {
            "guid": self.guid,
            "type": self.note_type.value,
            "deck": self.deck,
            "fields": list(self.fields),
            "tags": list(self.tags),
        }
        if self.media:
            data["media"] = list(self.media)
        if self.removed_at is not None:
            data["removed_at"] = self.removed_at
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnkiNote:
        """Inverse of `to_dict`."""
        return cls(
            guid=str(data["guid"]),
            note_type=NoteType(data["type"]),
            deck=str(data["deck"]),
            fields=tuple(str(f) for f in data["fields"]),
            tags=tuple(str(t) for t in data.get("tags") or ()),
            media=tuple(str(m) for m in data.get("media") or ()),
            removed_at=data.get("removed_at"),
        )

    def to_row(self) -> tuple[Any, ...]:
        """A compact row for the manifest (50,000 notes load faster as lists than as dicts)."""
        return (
            self.guid,
            self.note_type.value,
            self.deck,
            self.fields,
            self.tags,
            self.media,
            self.removed_at,
        )

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> AnkiNote:
        """Inverse of `to_row`."""
        guid, note_type, deck, fields, tags, media, removed_at = row
        return cls(
            guid, _TYPE_NAMES[note_type], deck, tuple(fields), tuple(tags), tuple(media), removed_at
        )

    def as_removed(self, deck: str, when: float) -> AnkiNote:
        """This note moved to the Removed deck and tagged, fields untouched."""
        tags = tuple(sorted({*self.tags, REMOVED_TAG}))
        since = self.removed_at if self.removed_at is not None else when
        return AnkiNote(self.guid, self.note_type, deck, self.fields, tags, self.media, since)


@dataclass
class ExportSettings:
    """What every note of one export shares: root deck, site address, where images live."""

    root_deck: str
    site_url: str | None = None
    media: MediaLibrary | None = None

    @property
    def key(self) -> str:
        """What a cached note depends on besides its card file."""
        return f"{self.root_deck}\n{self.site_url or ''}"


def note_guid(card_id: str) -> str:
    """The note's GUID, `genanki.guid_for("quizgen", card_id)`, two base-91 digits at a time."""
    number = int.from_bytes(hashlib.sha256(f"quizgen__{card_id}".encode()).digest()[:8], "big")
    pairs = []
    while number:
        number, pair = divmod(number, 91 * 91)
        pairs.append(_BASE91_PAIRS[pair])
    # genanki writes no leading zero digit ("a"); a last pair below 91 starts with one.
    return "".join(reversed(pairs)).lstrip(_BASE91[0])


@lru_cache(maxsize=4096)
def anki_tag(tag: str) -> str:
    """An Obsidian tag as an Anki tag: no '#', nested tags with '::', no spaces."""
    tag = _SPACES.sub("_", tag.strip().lstrip("#"))
    return "::".join(part for part in tag.split("/") if part)


@lru_cache(maxsize=1024)
def deck_name(root: str, deck: str) -> str:
    """The full Anki deck name of a card file's sub-deck."""
    parts = [part.strip() for part in deck.replace("/", "::").split("::") if part.strip()]
    return "::".join([root, *parts])


def note_for_card(
    card_file: CardFile, card: Card, settings: ExportSettings, missing: list[str]
) -> AnkiNote:
    """The Anki note for one card; image names not found are added to `missing`."""
    media: list[str] = []

    def side(text: str) -> str:
        rendered = render_markdown(obsidian_images_to_markdown(text))
        if settings.media is None or "<img" not in rendered:
            return rendered
        rewritten, used = settings.media.rewrite(rendered, card_file.note, missing)
        media.extend(used)
        return rewritten

    if card.type is CardType.CLOZE:
        sides = (side(card.text), side(card.back))
    else:
        sides = (side(card.front), side(card.back))
    fields = (*sides, _breadcrumb(card_file, card), _source(card_file, card, settings.site_url))
    return AnkiNote(
        guid=note_guid(card.id),
        note_type=_NOTE_TYPES[card.type],
        deck=deck_name(settings.root_deck, card_file.deck),
        fields=fields,
        tags=_tags(card_file, card),
        media=tuple(dict.fromkeys(media)),
    )


def _breadcrumb(card_file: CardFile, card: Card) -> str:
    """Note title then the headings above the card, as escaped text."""
    crumbs = list(card.context)
    if card_file.title and (not crumbs or crumbs[0] != card_file.title):
        crumbs.insert(0, card_file.title)
    return " › ".join(_escaped(crumb) for crumb in crumbs if crumb)


@lru_cache(maxsize=4096)
def _escaped(text: str) -> str:
    """Escaped text; headings and titles repeat across the cards of a note."""
    return html.escape(text)


def _source(card_file: CardFile, card: Card, site_url: str | None) -> str:
    """A link to the card's section on the site, or the note's path when there is no site."""
    label = _escaped(card_file.title or card_file.note or "")
    if site_url and (card_file.note is not None or card_file.page):
        base = site_url if site_url.endswith("/") else site_url + "/"
        anchor = f"#{card.anchor}" if card.anchor else ""
        href = html.escape(f"{base}{card_file.page}{anchor}", quote=True)
        return f'<a href="{href}">{label or "Source"}</a>'
    if card_file.note is None:
        return ""
    line = f", line {card.line}" if card.line else ""
    return html.escape(f"{card_file.note}{line}")


def _tags(card_file: CardFile, card: Card) -> tuple[str, ...]:
    """Note tags, card tags and `origin::<origin>`, each once, sorted."""
    return _tag_set(card_file.tags, card.tags, card.origin.value)


@lru_cache(maxsize=4096)
def _tag_set(
    note_tags: tuple[str, ...], card_tags: tuple[str, ...], origin: str
) -> tuple[str, ...]:
    """The tags of every card with these note tags, card tags and origin (they repeat)."""
    tags = {anki_tag(tag) for tag in (*note_tags, *card_tags)}
    tags.add(f"origin::{origin}")
    return tuple(sorted(tag for tag in tags if tag))
