"""Write card files, keeping what the user curated: suspensions, hand edits, own cards and files."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, Severity
from ..memory import collector_paused
from .extract import card_path, extract_note, fingerprint, rules_failed, source_hash
from .files import dump_card_file, read_card_file
from .lint import writable
from .model import Card, CardFile, Origin
from .settings import read_settings

if TYPE_CHECKING:
    from collections.abc import Collection

    from ..note import Note
    from ..vault import Vault

__all__ = ["WriteReport", "cards_to_write", "curated", "merge_card_file", "write_card_files"]

_HASH_LINE = re.compile(r"^source_hash: ['\"]?([0-9a-f]+)['\"]?$", re.MULTILINE)
_NOTE_LINE = re.compile(r"^note: ", re.MULTILINE)
_CARD_LINE = re.compile(r"^- id: ", re.MULTILINE)
_ID = re.compile(r"[0-9a-f]{12}(?:-\d+)?")


@dataclass
class WriteReport:
    """Card files of the notes (written or already up to date), card count, files changed."""

    paths: list[Path] = field(default_factory=list)
    cards: int = 0
    changed: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)


def write_card_files(
    vault: Vault, out_dir: str | Path, changed: Collection[str] | None = None
) -> WriteReport:
    """One card file per note under `out_dir`; only notes that changed are extracted again.

    `changed`: the notes whose card files may be out of date (a watcher knows them); the
    files of the other notes are taken as they are, without reading them (nor counting their
    cards in the report). Card files of notes gone are settled in any case.
    """
    out_dir = Path(out_dir)
    report = WriteReport(diagnostics=read_settings(vault.root)[1])
    orphans = _orphans(vault, out_dir, report)
    adoptable = {card.id: card for file in orphans.values() for card in file.cards}
    adopted: set[str] = set()
    with collector_paused():
        for path in sorted(vault.notes):
            name = card_path(path)
            if changed is not None and path not in changed:
                report.paths.append(out_dir / name)
                continue
            _write_one(vault, path, out_dir / name, name, report, adoptable, adopted)
    _settle_orphans(orphans, adopted, out_dir, report)
    report.diagnostics.sort()
    return report


def cards_to_write(note: Note, vault: Vault | None = None) -> tuple[CardFile, list[Diagnostic]]:
    """A note's card file as `quizgen cards` writes it: no card with markup left or a side empty."""
    card_file, problems = extract_note(note, vault)
    card_file, dropped = writable(card_file)
    return card_file, problems + dropped


def merge_card_file(old: CardFile | None, new: CardFile) -> tuple[CardFile, list[str]]:
    """New cards with the old file's curation carried over; returns ids of curated cards kept.

    A generated card the user removed from the old file stays out: its id joins `deleted`.
    """
    old_cards = {card.id: card for card in old.cards} if old else {}
    deleted = _deleted(old)
    fresh = [card for card in new.cards if card.id not in deleted]
    cards = [_merge_card(old_cards.pop(card.id, None), card) for card in fresh]
    kept = [card for card in old_cards.values() if curated(card)]
    cards += kept
    generated = tuple(card.id for card in fresh)
    merged = replace(new, cards=tuple(cards), deleted=tuple(sorted(deleted)), generated=generated)
    merged = replace(merged, source_hash=_file_hash(new.source_hash, merged.deleted))
    return merged, [card.id for card in kept if card.origin is not Origin.MANUAL]


def _deleted(old: CardFile | None) -> set[str]:
    """Ids the user removed: listed in `deleted`, or written last time and gone from the file."""
    if old is None:
        return set()
    present = {card.id for card in old.cards}
    return set(old.deleted) | (set(old.generated) - present)


def _file_hash(note_hash: str, deleted: tuple[str, ...]) -> str:
    """The card file's `source_hash`: the note's, changed by the `deleted` list when there is one.

    Taking an id out of `deleted` by hand thus makes the next run extract the note again.
    """
    if not deleted:
        return note_hash
    return hashlib.sha256(f"{note_hash}\0{','.join(sorted(deleted))}".encode()).hexdigest()[:16]


def curated(card: Card) -> bool:
    """True when the user did something to a card: suspended, edited, added it or gave it fields."""
    edited = bool(card.fact) and fingerprint(card) != card.fact
    return card.suspended or edited or card.origin is Origin.MANUAL or bool(card.extra)


def _merge_card(old: Card | None, new: Card) -> Card:
    """The generated card, with the user's edit while the note's fact is unchanged."""
    if old is None:
        return new
    merged = new.with_changes(suspended=old.suspended, extra={**new.extra, **old.extra})
    if old.fact == new.fact and fingerprint(old) != old.fact:
        sides = {"type": old.type, "front": old.front, "back": old.back, "text": old.text}
        merged = merged.with_changes(**sides)
    return merged


def _write_one(
    vault: Vault,
    path: str,
    target: Path,
    name: str,
    report: WriteReport,
    adoptable: dict[str, Card],
    adopted: set[str],
) -> None:
    """Bring one note's card file up to date, touching the disk only when bytes change."""
    note = vault.notes[path]
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    if current is not None and not _NOTE_LINE.search(current):
        message = f"{name} has no `note:`, so it is yours; cards of {path} are not written over it"
        report.diagnostics.append(Diagnostic(path, 0, "card-file-taken", message, Severity.ERROR))
        return
    expected = _file_hash(source_hash(note, vault), _deleted_in(current)) if current else ""
    if current is not None and _hash_in(current) == expected:
        report.paths.append(target)
        report.cards += len(_CARD_LINE.findall(current))
        return
    old = None
    if current is not None:
        old, problems = read_card_file(target, name)
        if old is None:
            report.diagnostics += problems
            return
    try:
        new, problems = cards_to_write(note, vault)
    except Exception as error:  # a bug in a rule: the old file stays, the other notes go on
        report.diagnostics.append(rules_failed(path, error))
        if current is not None:
            report.paths.append(target)
        return
    report.diagnostics += problems
    old = _with_adopted(old, new, adoptable, adopted)
    merged, kept = merge_card_file(old, new)
    report.diagnostics += [_kept_warning(path, card_id) for card_id in kept]
    text = dump_card_file(merged)
    report.paths.append(target)
    report.cards += len(merged.cards)
    if text != current:
        _save(target, text)
        report.changed += 1


def _with_adopted(
    old: CardFile | None, new: CardFile, adoptable: dict[str, Card], adopted: set[str]
) -> CardFile | None:
    """Curated cards of a moved note's old file join the new file when their ids match."""
    found = [adoptable[card.id] for card in new.cards if card.id in adoptable]
    if not found:
        return old
    adopted.update(card.id for card in found)
    base = old or CardFile(cards=())
    known = {card.id for card in base.cards}
    cards = base.cards + tuple(card for card in found if card.id not in known)
    return replace(base, cards=cards)


def _orphans(vault: Vault, out_dir: Path, report: WriteReport) -> dict[Path, CardFile]:
    """Card files made from notes that no longer exist (hand-written files are not orphans)."""
    if not out_dir.is_dir():
        return {}
    expected = {card_path(path) for path in vault.notes}
    orphans = {}
    for file in sorted(out_dir.rglob("*.yml")):
        name = file.relative_to(out_dir).as_posix()
        if name in expected:
            continue
        card_file, problems = read_card_file(file, name)
        report.diagnostics += problems
        if card_file is not None and card_file.note is not None:
            orphans[file] = card_file
    return orphans


def _settle_orphans(
    orphans: dict[Path, CardFile], adopted: set[str], out_dir: Path, report: WriteReport
) -> None:
    """Delete orphan files holding nothing curated; keep (and report) the others untouched."""
    for file, card_file in orphans.items():
        keep = [card for card in card_file.cards if curated(card) and card.id not in adopted]
        name = file.relative_to(out_dir).as_posix()
        if keep:
            message = (
                f"note {card_file.note} is gone but {len(keep)} card(s) you curated are in {name}; "
                "the file is kept as it is, delete it when you no longer want them"
            )
            report.diagnostics.append(Diagnostic(name, 0, "orphan-cards", message))
            continue
        file.unlink()
        report.changed += 1


def _kept_warning(path: str, card_id: str) -> Diagnostic:
    """A curated card whose fact left the note stays in the file; say so."""
    message = (
        f"card {card_id} no longer matches anything in the note; it is kept because you "
        "edited or suspended it (delete it from the card file if it is not wanted)"
    )
    return Diagnostic(path, 0, "stale-card", message)


def _hash_in(text: str) -> str | None:
    """The `source_hash:` of a card file's text, read without parsing the YAML."""
    head = text.split("\ncards:", 1)[0]
    match = _HASH_LINE.search(head)
    return match.group(1) if match else None


def _deleted_in(text: str) -> tuple[str, ...]:
    """The `deleted:` ids of a card file's text, read without parsing the YAML."""
    head = text.split("\ncards:", 1)[0]
    if "\ndeleted:" not in head:
        return ()
    listed = head.split("\ndeleted:", 1)[1]
    return tuple(sorted(set(_ID.findall(listed))))


def _save(target: Path, text: str) -> None:
    """Write through a temporary file so an interrupted run never leaves half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, target)
