"""Card files -> notes, reusing the last build's notes for card files whose bytes are unchanged."""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Generator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from ..cards import Card, CardFile, read_card_file
from ..diagnostics import Diagnostic, Severity
from .manifest import FileEntry, Manifest
from .notes import AnkiNote, ExportSettings, note_for_card

__all__ = ["CardFiles", "collect_notes", "plan_files"]

log = logging.getLogger("quizgen.anki")


# Card files are rendered in worker processes when there are this many bytes of them to render.
PARALLEL_BYTES = 2_000_000
# Card files per task sent to a worker: small enough that the first results come back early.
FILES_PER_TASK = 8


@dataclass
class _Job:
    """A card file whose notes must be rendered this time (its bytes changed, or no cache)."""

    path: Path
    name: str
    data: bytes
    digest: str


@dataclass
class CardFiles:
    """The card files of one export in order: the ones the last build's notes serve, the rest."""

    names: list[str] = field(default_factory=list)
    cached: dict[str, tuple[FileEntry, list[AnkiNote]]] = field(default_factory=dict)
    jobs: list[_Job] = field(default_factory=list)


def plan_files(cards_dir: Path, previous: Manifest, same_settings: bool) -> CardFiles:
    """Hash each card file; those with the bytes of the last build reuse its notes."""
    plan = CardFiles()
    paths = sorted(cards_dir.rglob("*.yml")) if cards_dir.is_dir() else []
    for path in paths:
        name = path.relative_to(cards_dir).as_posix()
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        old = previous.files.get(name)
        cached = _cached(previous, old, digest) if same_settings else None
        plan.names.append(name)
        if cached is not None and old is not None:
            plan.cached[name] = (old, cached)
        else:
            plan.jobs.append(_Job(path, name, data, digest))
    return plan


def collect_notes(
    plan: CardFiles,
    settings: ExportSettings,
    previous: Manifest,
    manifest: Manifest,
    diagnostics: list[Diagnostic],
    on_note: Callable[[AnkiNote], None] | None = None,
) -> dict[str, AnkiNote]:
    """Every exported note by GUID, in card-file order; `on_note` sees each one as it comes."""
    rendered = _render_all(plan.jobs, settings)
    notes: dict[str, AnkiNote] = {}
    try:
        for name in plan.names:
            kept = plan.cached.get(name)
            if kept is None:
                entry, fresh, problems = next(rendered)
                diagnostics += problems
                kept = (entry, fresh) if entry else _last_time(previous, name)
            if kept is None:
                continue
            manifest.files[name] = kept[0]
            for note in kept[1]:
                if _add(notes, note, name, diagnostics) and on_note is not None:
                    on_note(note)
    finally:
        rendered.close()  # stops the worker processes
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


def _render_all(jobs: list[_Job], settings: ExportSettings) -> Generator[_Rendered]:
    """The jobs rendered, in order; by worker processes when there is much to do and cores."""
    workers = min(usable_cores(), 8)
    if workers < 2 or sum(len(job.data) for job in jobs) < PARALLEL_BYTES:
        yield from (_render_file(job, settings) for job in jobs)
        return
    tasks = [jobs[start : start + FILES_PER_TASK] for start in range(0, len(jobs), FILES_PER_TASK)]
    context = multiprocessing.get_context(start_method())
    done = 0
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            for results in pool.map(_render_task, tasks, [settings] * len(tasks)):
                for entry, rows, problems in results:
                    done += 1
                    yield entry, [AnkiNote.from_row(row) for row in rows], problems
    except BrokenProcessPool:  # a worker died (out of memory, killed): go on here
        log.warning("a worker process stopped; rendering the rest in this one")
        yield from (_render_file(job, settings) for job in jobs[done:])


def start_method() -> str:
    """Fork (quick) on Linux while this process runs no other thread; else start afresh."""
    alone = threading.active_count() == 1
    return "fork" if alone and sys.platform.startswith("linux") else "spawn"


def usable_cores() -> int:
    """The cores this process may run on (fewer than the machine's under `taskset` or a cgroup)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _render_task(
    jobs: list[_Job], settings: ExportSettings
) -> list[tuple[FileEntry | None, list[tuple], list[Diagnostic]]]:
    """A worker's task, notes as rows (they cross between processes ten times faster)."""
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
) -> bool:
    """Add a note unless its card id was already exported from another card."""
    if note.guid in notes:
        message = "a card id appears twice; the second card is left out of the Anki package"
        diagnostics.append(Diagnostic(name, 0, "duplicate-card-id", message, Severity.ERROR))
        return False
    notes[note.guid] = note
    return True
