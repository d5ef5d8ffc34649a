"""Card files -> notes, reusing the last build's notes for card files whose bytes are unchanged."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..cards import Card, CardFile, read_card_file
from ..diagnostics import Diagnostic, Severity
from .manifest import FileEntry, Manifest
from .notes import AnkiNote, ExportSettings, note_for_card

__all__ = ["collect_notes"]


# Card files are rendered in worker processes when there are this many bytes of them to render.
PARALLEL_BYTES = 2_000_000


@dataclass
class _Job:
    """A card file whose notes must be rendered this time (its bytes changed, or no cache)."""

    path: Path
    name: str
    data: bytes
    digest: str


def collect_notes(
    cards_dir: Path,
    settings: ExportSettings,
    previous: Manifest,
    manifest: Manifest,
    diagnostics: list[Diagnostic],
) -> dict[str, AnkiNote]:
    """Every exported note by GUID, in card-file order; unchanged files come from the cache."""
    paths = sorted(cards_dir.rglob("*.yml")) if cards_dir.is_dir() else []
    same_settings = previous.settings == manifest.settings
    found: dict[str, tuple[FileEntry, list[AnkiNote]] | None] = {}
    jobs: list[_Job] = []
    for path in paths:
        name = path.relative_to(cards_dir).as_posix()
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        old = previous.files.get(name)
        cached = _cached(previous, old, digest) if same_settings else None
        if cached is not None and old is not None:
            found[name] = (old, cached)
        else:
            jobs.append(_Job(path, name, data, digest))
    for job, (entry, rendered, problems) in zip(jobs, _render_all(jobs, settings), strict=True):
        diagnostics += problems
        found[job.name] = (entry, rendered) if entry else _last_time(previous, job.name)
    notes: dict[str, AnkiNote] = {}
    for path in paths:
        name = path.relative_to(cards_dir).as_posix()
        if (kept := found.get(name)) is None:
            continue
        manifest.files[name] = kept[0]
        for note in kept[1]:
            _add(notes, note, name, diagnostics)
    return notes


def _cached(previous: Manifest, old: FileEntry | None, digest: str) -> list[AnkiNote] | None:
    """The notes of a card file from the last build when its bytes are the same."""
    if old is None or not old.cacheable or old.hash != digest:
        return None
    if not all(guid in previous.notes for guid in old.guids):
        return None
    return [previous.notes[guid] for guid in old.guids]


def _last_time(previous: Manifest, name: str) -> tuple[FileEntry, list[AnkiNote]] | None:
    """What an unreadable card file held last time, rather than calling its facts removed."""
    old = previous.files.get(name)
    if old is None:
        return None
    return old, [previous.notes[guid] for guid in old.guids if guid in previous.notes]


_Rendered = tuple[FileEntry | None, list[AnkiNote], list[Diagnostic]]


def _render_all(jobs: list[_Job], settings: ExportSettings) -> list[_Rendered]:
    """Render the jobs in order: in worker processes when there is much to do and cores to share."""
    workers = min(os.cpu_count() or 1, 8)
    if workers < 2 or sum(len(job.data) for job in jobs) < PARALLEL_BYTES:
        return [_render_file(job, settings) for job in jobs]
    chunks = [jobs[start::workers] for start in range(workers)]
    # Forking is quick; it is only safe while this process runs no other thread.
    method = "fork" if threading.active_count() == 1 and os.name == "posix" else "spawn"
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        done = list(pool.map(_render_chunk, chunks, [settings] * workers))
    # Chunk k holds every workers-th job from k; put the results back in job order.
    rendered: list[_Rendered] = [(None, [], [])] * len(jobs)
    for start, results in enumerate(done):
        rendered[start::workers] = [
            (entry, [AnkiNote.from_row(row) for row in rows], problems)
            for entry, rows, problems in results
        ]
    return rendered


def _render_chunk(
    jobs: list[_Job], settings: ExportSettings
) -> list[tuple[FileEntry | None, list[tuple], list[Diagnostic]]]:
    """One worker's share, notes as rows (they cross between processes ten times faster)."""
    results = []
    for job in jobs:
        entry, notes, problems = _render_file(job, settings)
        results.append((entry, [note.to_row() for note in notes], problems))
    return results


def _render_file(job: _Job, settings: ExportSettings) -> _Rendered:
    """Read one card file and turn its cards (not the suspended ones) into notes."""
    card_file, problems = read_card_file(job.path, job.name)
    if card_file is None:
        return None, [], problems
    notes = [_note(card_file, card, job.name, settings, problems) for card in card_file.cards]
    kept = [note for note, card in zip(notes, card_file.cards, strict=True) if not card.suspended]
    # A file showing images is rendered every time: the images may change on their own.
    entry = FileEntry(job.digest, tuple(n.guid for n in kept), cacheable=b"![" not in job.data)
    return entry, kept, problems


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
