"""Card files -> notes, reusing the last build's notes for card files whose bytes are unchanged."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..cards import Card, CardFile, read_card_file
from ..diagnostics import Diagnostic, Severity
from .manifest import FileEntry, Manifest
from .notes import AnkiNote, ExportSettings, note_for_card

__all__ = ["collect_notes"]


def collect_notes(
    cards_dir: Path,
    settings: ExportSettings,
    previous: Manifest,
    manifest: Manifest,
    diagnostics: list[Diagnostic],
) -> dict[str, AnkiNote]:
    """Every exported note by GUID, in card-file order; unchanged files come from the cache."""
    notes: dict[str, AnkiNote] = {}
    paths = sorted(cards_dir.rglob("*.yml")) if cards_dir.is_dir() else []
    same_settings = previous.settings == manifest.settings
    for path in paths:
        name = path.relative_to(cards_dir).as_posix()
        found = _file_notes(path, name, settings, previous, same_settings, diagnostics)
        if found is None:
            continue
        manifest.files[name] = found[0]
        for note in found[1]:
            _add(notes, note, name, diagnostics)
    return notes


def _file_notes(
    path: Path,
    name: str,
    settings: ExportSettings,
    previous: Manifest,
    same_settings: bool,
    diagnostics: list[Diagnostic],
) -> tuple[FileEntry, list[AnkiNote]] | None:
    """A card file's notes: from the cache when its bytes are unchanged, else rendered."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    old = previous.files.get(name)
    cached = _cached(previous, old, digest) if same_settings else None
    if cached is not None and old is not None:
        return old, cached
    entry, notes = _render_file(path, name, data, digest, settings, diagnostics)
    if entry is not None:
        return entry, notes
    if old is None:
        return None
    # Unreadable now: export what it held last time rather than calling its facts removed.
    return old, [previous.notes[guid] for guid in old.guids if guid in previous.notes]


def _cached(previous: Manifest, old: FileEntry | None, digest: str) -> list[AnkiNote] | None:
    """The notes of a card file from the last build when its bytes are the same."""
    if old is None or not old.cacheable or old.hash != digest:
        return None
    if not all(guid in previous.notes for guid in old.guids):
        return None
    return [previous.notes[guid] for guid in old.guids]


def _render_file(
    path: Path,
    name: str,
    data: bytes,
    digest: str,
    settings: ExportSettings,
    diagnostics: list[Diagnostic],
) -> tuple[FileEntry | None, list[AnkiNote]]:
    """Read one card file and turn its cards (not the suspended ones) into notes."""
    card_file, problems = read_card_file(path, name)
    diagnostics += problems
    if card_file is None:
        return None, []
    notes = [_note(card_file, card, name, settings, diagnostics) for card in card_file.cards]
    kept = [note for note, card in zip(notes, card_file.cards, strict=True) if not card.suspended]
    # A file showing images is rendered every time: the images may change on their own.
    entry = FileEntry(digest, tuple(note.guid for note in kept), cacheable=b"![" not in data)
    return entry, kept


def _note(
    card_file: CardFile,
    card: Card,
    name: str,
    settings: ExportSettings,
    diagnostics: list[Diagnostic],
) -> AnkiNote:
    """One note, with a diagnostic for each image that is not in the notes folder."""
    missing: list[str] = []
    note = note_for_card(card_file, card, settings, missing)
    for image in missing:
        message = f"card {card.id}: image '{image}' is not in the notes folder; shown broken"
        diagnostics.append(Diagnostic(card_file.note or name, card.line, "missing-image", message))
    return note


def _add(
    notes: dict[str, AnkiNote], note: AnkiNote, name: str, diagnostics: list[Diagnostic]
) -> None:
    """Add a note unless its card id was already exported from another card."""
    if note.guid in notes:
        message = "a card id appears twice; the second card is left out of the Anki package"
        diagnostics.append(Diagnostic(name, 0, "duplicate-card-id", message, Severity.ERROR))
        return
    notes[note.guid] = note
