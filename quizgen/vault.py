"""The vault: every note of a folder, parsed once, with its links resolved."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from .diagnostics import Diagnostic, Severity
from .links import LinkIndex, Resolution, Target, resolve_link
from .loader import load_note
from .memory import collector_paused
from .note import Note, WikiLink
from .syntax import make_parser
from .walk import walk_vault

__all__ = ["Vault", "load_vault", "parse_note_file", "vault_files"]

Progress = Callable[[str], None]
ReadNote = Callable[[str, Path, MarkdownIt], tuple[Note, list[Diagnostic]]]


@dataclass
class Vault:
    """Notes by path (relative, with `/`), attachments, resolved links and diagnostics."""

    root: Path
    notes: dict[str, Note]
    attachments: set[str]
    index: LinkIndex
    resolved: dict[str, list[Resolution]] = field(default_factory=dict)
    backlinks: dict[str, list[str]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def derived(self, key: str, make: Callable[[], Any]) -> Any:
        """What is worked out once from the loaded vault (card settings, its key terms)."""
        if key not in self._derived:
            self._derived[key] = make()
        return self._derived[key]

    def resolve(self, link: WikiLink, source: Note) -> Resolution:
        """Resolve any link as if written in `source` (links of the vault are precomputed)."""
        return resolve_link(self.index, link, source)

    def links_of(self, note: Note) -> list[tuple[WikiLink, Resolution]]:
        """A note's links beside where each one lands."""
        return list(zip(note.links, self.resolved.get(note.path, []), strict=True))

    def note_for(self, name: str) -> Note | None:
        """The note a bare `[[name]]` written at the top of the vault would open."""
        found = self.resolve(WikiLink(raw=name, target=name, line=0), _TOP)
        return self.notes.get(found.path or "") if found.kind is Target.NOTE else None

    @property
    def errors(self) -> list[Diagnostic]:
        """Diagnostics that make `quizgen check` fail."""
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]


_TOP = Note(path="_.md", source="", title="")


def vault_files(root: Path) -> Iterable[Path]:
    """Every file of the vault in a stable order, as `walk_vault` finds them."""
    return walk_vault(root).files


def load_vault(
    root: str | Path,
    progress: Progress | None = None,
    read_note: ReadNote | None = None,
    previous: Vault | None = None,
) -> Vault:
    """Load, parse and link every note under `root`; problems become diagnostics.

    `read_note(relative, file, parser)` replaces reading and parsing one note (the watcher
    passes one that keeps the notes that did not change, and the vault it loaded last as
    `previous`, whose links are kept where they cannot have moved).
    """
    with collector_paused():
        return _load(Path(root), progress, read_note or parse_note_file, previous)


def parse_note_file(relative: str, file: Path, parser: MarkdownIt) -> tuple[Note, list[Diagnostic]]:
    """Read and parse one note file."""
    return load_note(relative, _read(file), parser)


def _load(
    root: Path, progress: Progress | None, read_note: ReadNote, previous: Vault | None
) -> Vault:
    """The stages of loading: read and parse each note, index, resolve, find embed loops."""
    parser = make_parser()
    notes: dict[str, Note] = {}
    attachments: set[str] = set()
    walked = walk_vault(root)
    diagnostics: list[Diagnostic] = list(walked.problems)
    for file in walked.files:
        relative = file.relative_to(root).as_posix()
        if file.suffix.lower() != ".md":
            attachments.add(relative)
            continue
        if progress:
            progress(relative)
        note, problems = read_note(relative, file, parser)
        note.modified = _modified(file)
        notes[relative] = note
        diagnostics += problems
    vault = Vault(root, notes, attachments, LinkIndex.build(notes, attachments))
    _link(vault, _links_kept(vault, previous))
    vault.diagnostics = sorted(diagnostics + vault.diagnostics + _embed_loops(vault))
    return vault


def _read(file: Path) -> bytes:
    """The file's bytes; an unreadable file reads as empty (and is reported by its loader)."""
    try:
        return file.read_bytes()
    except OSError:
        return b""


def _modified(file: Path) -> float:
    """When the file last changed (0 when that cannot be read)."""
    try:
        return file.stat().st_mtime
    except OSError:
        return 0.0


def _links_kept(vault: Vault, previous: Vault | None) -> dict[str, list[Resolution]]:
    """The resolved links of `previous` that still hold: those of the notes that did not
    change (the same objects) and link to none that did, while no note came, went or changed
    its aliases (the names links are resolved by)."""
    if previous is None or previous.notes.keys() != vault.notes.keys():
        return {}
    if previous.attachments != vault.attachments:
        return {}
    changed = {path for path, note in vault.notes.items() if previous.notes[path] is not note}
    if any(previous.notes[path].aliases != vault.notes[path].aliases for path in changed):
        return {}
    return {
        path: results
        for path, results in previous.resolved.items()
        if path not in changed and not any(result.path in changed for result in results)
    }


def _link(vault: Vault, kept: dict[str, list[Resolution]] | None = None) -> None:
    """Resolve every link of every note, fill backlinks and report links that go nowhere."""
    backlinks: dict[str, set[str]] = defaultdict(set)
    kept = kept or {}
    for note in vault.notes.values():
        results = kept.get(note.path)
        if results is None:
            results = [resolve_link(vault.index, link, note) for link in note.links]
        vault.resolved[note.path] = results
        for link, result in zip(note.links, results, strict=True):
            vault.diagnostics += _link_problems(note, link, result)
            if result.kind is Target.NOTE and result.path != note.path and result.path:
                backlinks[result.path].add(note.path)
    vault.backlinks = {path: sorted(sources) for path, sources in backlinks.items()}


def _link_problems(note: Note, link: WikiLink, result: Resolution) -> list[Diagnostic]:
    """Diagnostics for one link: missing target, missing embed, missing fragment, ambiguity."""
    if not result.found:
        if link.embed:
            message = f"embedded file {link.raw} is missing: {result.problem}"
            return [Diagnostic(note.path, link.line, "missing-embed", message, Severity.ERROR)]
        message = f"broken link {link.raw}: {result.problem}"
        return [Diagnostic(note.path, link.line, "broken-link", message)]
    problems = []
    if result.problem:
        message = f"link {link.raw} goes to the top of the note: {result.problem}"
        problems.append(Diagnostic(note.path, link.line, "missing-anchor", message))
    if len(set(result.candidates)) > 1:
        others = ", ".join(sorted(set(result.candidates)))
        message = f"link {link.raw} could mean {others}; it goes to {result.path}"
        problems.append(Diagnostic(note.path, link.line, "ambiguous-link", message))
    return problems


def _embed_loops(vault: Vault) -> list[Diagnostic]:
    """Report each embed that leads back to the note it is in (directly or through others)."""
    embeds: dict[str, list[tuple[WikiLink, str]]] = defaultdict(list)
    for note in vault.notes.values():
        for link, result in vault.links_of(note):
            if link.embed and result.kind is Target.NOTE and result.path:
                embeds[note.path].append((link, result.path))
    problems = []
    for path, edges in embeds.items():
        for link, target in edges:
            if _reaches(embeds, target, path):
                message = f"embed {link.raw} leads back to this note; it is shown as a link"
                problems.append(Diagnostic(path, link.line, "embed-loop", message, Severity.ERROR))
    return problems


def _reaches(embeds: dict[str, list[tuple[WikiLink, str]]], start: str, goal: str) -> bool:
    """True when following embeds from `start` arrives at `goal`."""
    seen, stack = set(), [start]
    while stack:
        current = stack.pop()
        if current == goal:
            return True
        if current not in seen:
            seen.add(current)
            stack.extend(target for _, target in embeds.get(current, []))
    return False
