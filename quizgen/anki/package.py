"""Export card files as one Anki package that re-imports in place."""

from __future__ import annotations

import json
import logging
import math
import os
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..memory import collector_paused
from .collect import CardFiles, collect_notes, plan_files
from .manifest import (
    Manifest,
    content_digest,
    file_digest,
    manifest_path,
    read_manifest,
    write_manifest,
)
from .media import MediaLibrary
from .models import MODELS
from .notes import AnkiNote, ExportSettings
from .writer import CollectionWriter, deck_id

__all__ = ["ExportReport", "deck_id", "export_package", "write_package"]

log = logging.getLogger("quizgen.anki")

REMOVED_DECK = "Removed"
KEEP_REMOVED_DAYS = 90
# Bump when rendering changes, so card files cached in the manifest are rendered again.
CACHE_VERSION = "2"
MODELS_KEY = json.dumps(
    [[m.model_id, m.name, m.fields, m.templates, m.css] for m in MODELS.values()], sort_keys=True
)


@dataclass
class ExportReport:
    """What an export wrote: the package, how many notes, and the problems found."""

    path: Path
    notes: int = 0
    removed: int = 0
    media: int = 0
    changed: bool = True
    timestamp: float = 0.0
    diagnostics: list[Diagnostic] = field(default_factory=list)


def write_package(cards_dir: Path, out_file: Path, **options: Any) -> Path:
    """Write the `.apkg` for a folder of card files (options as for `export_package`).

    Problems are logged as warnings.
    """
    report = export_package(cards_dir, out_file, **options)
    for diagnostic in report.diagnostics:
        log.warning("%s", diagnostic)
    return report.path


@collector_paused()
def export_package(
    cards_dir: Path,
    out_file: Path,
    *,
    notes_dir: Path | None = None,
    site_url: str | None = None,
    timestamp: float | None = None,
    deck_name: str | None = None,
) -> ExportReport:
    """Write the package and its manifest; return counts and diagnostics.

    Runs with the cycle collector paused: it makes a few hundred thousand lasting objects.
    """
    cards_dir, out_file = Path(cards_dir), Path(out_file)
    root = deck_name or Path(notes_dir or cards_dir).resolve().name or "quizgen"
    media = MediaLibrary.scan(Path(notes_dir)) if notes_dir and Path(notes_dir).is_dir() else None
    settings = ExportSettings(root, site_url, media)
    previous, diagnostics = read_manifest(manifest_path(out_file))
    now = time.time() if timestamp is None else timestamp

    manifest = Manifest(settings=f"{CACHE_VERSION}\n{settings.key}")
    plan = plan_files(cards_dir, previous, previous.settings == manifest.settings)
    with tempfile.TemporaryDirectory(prefix="quizgen-anki-") as folder:
        database = Path(folder) / "collection.anki2"
        gathered = _gather(plan, settings, previous, manifest, diagnostics, database, now)
        current, removed, written_at = gathered
        manifest.notes = {**current, **removed}
        manifest.digest = content_digest(list(manifest.notes.values()), MODELS_KEY)
        manifest.timestamp = _stamp(previous, manifest.digest, now)

        packed = _packed_media(manifest.notes.values(), media)
        unchanged = manifest.digest == previous.digest and _same_package(out_file, previous)
        if unchanged:  # the package on disk already holds exactly these rows and files
            manifest.package = previous.package
        else:
            if written_at != manifest.timestamp:  # not written yet, or with another stamp
                database.unlink(missing_ok=True)
                _write_collection(database, manifest.notes.values(), manifest.timestamp, root)
            _write_apkg(database, out_file, packed)
            manifest.package = file_digest(out_file)
    write_manifest(manifest_path(out_file), manifest)
    return ExportReport(
        path=out_file,
        notes=len(current),
        removed=len(removed),
        media=len(packed),
        changed=manifest.digest != previous.digest,
        timestamp=manifest.timestamp,
        diagnostics=diagnostics,
    )


def _gather(
    plan: CardFiles,
    settings: ExportSettings,
    previous: Manifest,
    manifest: Manifest,
    diagnostics: list[Diagnostic],
    database: Path,
    now: float,
) -> tuple[dict[str, AnkiNote], dict[str, AnkiNote], float | None]:
    """The current and the removed notes, and the stamp they were written with, if they were.

    With cards to render, genanki writes each note into `database` while the next are rendered,
    stamped as a build that changed something; without, nothing is written yet.
    """
    removed_deck = f"{settings.root_deck}::{REMOVED_DECK}"
    if not plan.jobs:
        current = collect_notes(plan, settings, previous, manifest, diagnostics)
        return current, _removed(previous, current, removed_deck, now), None
    stamp = _stamp(previous, "", now)
    writer = CollectionWriter(database, stamp, settings.root_deck)
    current = collect_notes(plan, settings, previous, manifest, diagnostics, writer.add)
    removed = _removed(previous, current, removed_deck, now)
    for note in removed.values():
        writer.add(note)
    writer.finish()
    return current, removed, stamp


def _removed(
    previous: Manifest, current: dict[str, AnkiNote], deck: str, now: float
) -> dict[str, AnkiNote]:
    """Notes exported before and gone now, in the Removed deck, for KEEP_REMOVED_DAYS."""
    removed = {}
    for guid, note in previous.notes.items():
        if guid in current:
            continue
        gone = note.as_removed(deck, now)
        if now - (gone.removed_at or now) <= KEEP_REMOVED_DAYS * 86400:
            removed[guid] = gone
    return removed


def _stamp(previous: Manifest, digest: str, now: float) -> float:
    """The last timestamp when nothing changed, else one at least a second newer than it."""
    if previous.timestamp is None:
        return now
    if digest == previous.digest:
        return previous.timestamp
    # Anki keeps its note unless the incoming modification time (whole seconds) is newer.
    return max(now, math.floor(previous.timestamp) + 1)


def _same_package(out_file: Path, previous: Manifest) -> bool:
    """True when the package on disk is the one the last build wrote (media names are hashes)."""
    return bool(previous.package) and file_digest(out_file) == previous.package


def _packed_media(notes, media: MediaLibrary | None) -> dict[str, Path]:
    """Packed media name -> file, for every image the exported notes show.

    Images of removed notes that were not rendered this time are left out: Anki kept them
    from the earlier import.
    """
    wanted = {name for note in notes for name in note.media}
    found = media.packed if media else {}
    return {name: path for name, path in sorted(found.items()) if name in wanted}


def _write_collection(database: Path, notes, stamp: float, root: str) -> None:
    """Write every note into a new collection file."""
    writer = CollectionWriter(database, stamp, root)
    for note in notes:
        writer.add(note)
    writer.finish()


def _write_apkg(database: Path, out_file: Path, media: dict[str, Path]) -> None:
    """Pack the collection and images into a temporary file, then move it over the package."""
    out_file.parent.mkdir(parents=True, exist_ok=True)
    temporary = out_file.with_name(out_file.name + ".tmp")
    _zip(temporary, database, media)
    os.replace(temporary, out_file)


def _zip(target: Path, database: Path, media: dict[str, Path]) -> None:
    """The .apkg layout: the collection, a `media` map of numbered files, the files."""
    names = sorted(media)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.write(database, "collection.anki2")
        archive.writestr("media", json.dumps({str(i): name for i, name in enumerate(names)}))
        for index, name in enumerate(names):
            archive.write(media[name], str(index))
