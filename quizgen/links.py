"""Resolve wiki-links the way Obsidian does."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import PurePosixPath

from .note import Note, WikiLink

__all__ = ["LinkIndex", "Resolution", "Target", "resolve_link"]


class Target(StrEnum):
    """What a link points at."""

    NOTE = "note"
    ATTACHMENT = "attachment"
    MISSING = "missing"


@dataclass(frozen=True)
class Resolution:
    """Where a link lands: a note (and anchor), an attachment, or nowhere."""

    kind: Target
    path: str | None = None
    anchor: str | None = None
    candidates: tuple[str, ...] = ()
    problem: str | None = None

    @property
    def found(self) -> bool:
        """True when the link points at something that exists."""
        return self.kind is not Target.MISSING


@dataclass
class LinkIndex:
    """Lookup tables from names, paths and aliases to notes and attachments."""

    notes: dict[str, Note] = field(default_factory=dict)
    attachments: set[str] = field(default_factory=set)
    by_name: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_path: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_file: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_suffix: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, notes: dict[str, Note], attachments: set[str]) -> LinkIndex:
        """Index every note by name, alias and path (all case-folded) and files by name."""
        index = cls(notes=notes, attachments=attachments)
        for path, note in notes.items():
            index.by_name[note.name.casefold()].append(path)
            for alias in note.aliases:
                if alias.casefold() != note.name.casefold():
                    index.by_name[alias.casefold()].append(path)
            index.by_path[path.removesuffix(".md").casefold()].append(path)
            parts = path.removesuffix(".md").casefold().split("/")
            for start in range(len(parts)):
                index.by_suffix["/".join(parts[start:])].append(path)
        for path in attachments:
            index.by_file[PurePosixPath(path).name.casefold()].append(path)
            index.by_path[path.casefold()].append(path)
        return index


def resolve_link(index: LinkIndex, link: WikiLink, source: Note) -> Resolution:
    """Find the note or file a link names, from the note it is written in."""
    if not link.target:
        return _with_fragment(source, link, ())
    target = link.target[:-3] if link.target.lower().endswith(".md") else link.target
    is_file = target == link.target and PurePosixPath(target).suffix
    file = _attachment(index, target, source) if is_file else None
    if file and file.found:
        return file
    candidates = _note_candidates(index, target, source)
    if not candidates and link.markdown and "/" in target:
        # Obsidian finds a Markdown link's file by its name when the path does not lead to it.
        candidates = list(index.by_name.get(PurePosixPath(target).name.casefold(), []))
    if not candidates:
        return file or Resolution(Target.MISSING, problem=f"no note is named '{link.target}'")
    chosen = _pick(candidates, link.target, source, index)
    return _with_fragment(index.notes[chosen], link, tuple(candidates))


def _note_candidates(index: LinkIndex, target: str, source: Note) -> list[str]:
    """Notes a target may mean: relative path, vault path, path suffix, then name or alias."""
    if "/" not in target:
        return list(index.by_name.get(target.casefold(), []))
    relative = posixpath.normpath(posixpath.join(source.folder, target)).casefold()
    for key in (relative, target.strip("/").casefold()):
        if key in index.by_path:
            return list(index.by_path[key])
    # A vault copied out of a bigger one keeps links like `[[Old/Root/Folder/Note]]`:
    # the longest trailing part of the path that names a note is what the user meant.
    parts = target.strip("/").casefold().split("/")
    for start in range(len(parts) - 1):
        found = index.by_suffix.get("/".join(parts[start:]))
        if found:
            return list(found)
    return []


def _pick(candidates: list[str], target: str, source: Note, index: LinkIndex) -> str:
    """Exact case first, then the linking note's own folder, then the shortest path."""
    wanted = PurePosixPath(target.removesuffix(".md")).name

    def rank(path: str) -> tuple[int, int, int, str]:
        note = index.notes[path]
        exact = note.name == wanted or wanted in note.aliases
        return (not exact, note.folder != source.folder, path.count("/"), path)

    return min(candidates, key=rank)


def _attachment(index: LinkIndex, target: str, source: Note) -> Resolution:
    """An image or other file: by relative path, vault path, then file name."""
    relative = posixpath.normpath(posixpath.join(source.folder, target)).casefold()
    for key in (relative, target.strip("/").casefold()):
        if key in index.by_path:
            found = [p for p in index.by_path[key] if p in index.attachments]
            if found:
                return Resolution(Target.ATTACHMENT, path=found[0])
    named = sorted(index.by_file.get(PurePosixPath(target).name.casefold(), []))
    if not named:
        return Resolution(Target.MISSING, problem=f"no file is named '{target}'")
    named.sort(key=lambda p: (PurePosixPath(p).parent.as_posix() != source.folder, len(p), p))
    return Resolution(Target.ATTACHMENT, path=named[0], candidates=tuple(named))


def _with_fragment(note: Note, link: WikiLink, candidates: tuple[str, ...]) -> Resolution:
    """Point at the heading or block a link names; a missing one is a problem, not a miss."""
    if link.block:
        block = note.blocks.get(link.block)
        problem = None if block else f"'{note.path}' has no block '^{link.block}'"
        return Resolution(Target.NOTE, note.path, f"^{link.block}", candidates, problem)
    if link.heading:
        heading = note.heading_for(link.heading)
        if heading:
            return Resolution(Target.NOTE, note.path, heading.anchor, candidates)
        problem = f"'{note.path}' has no heading '{link.heading}'"
        return Resolution(Target.NOTE, note.path, None, candidates, problem)
    return Resolution(Target.NOTE, note.path, None, candidates)
