"""Reload a vault, parsing again only the notes whose files changed."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt

from ..diagnostics import Diagnostic
from ..note import Note
from ..vault import Vault, load_vault, parse_note_file

__all__ = ["NoteCache", "Reload", "file_stamp"]

Stamp = tuple[int, int, int]


@dataclass
class Reload:
    """A vault reloaded, and which of its notes were read and parsed again."""

    vault: Vault
    reread: list[str] = field(default_factory=list)


class NoteCache:
    """Parsed notes kept between reloads, keyed by path and checked by file time and size.

    The index and backlinks are made again over the whole vault; links are resolved again
    only where they may land elsewhere (see `load_vault`'s `previous`).
    """

    def __init__(self) -> None:
        self._notes: dict[str, tuple[Stamp, Note, list[Diagnostic]]] = {}
        self._vault: Vault | None = None
        self._lock = threading.Lock()

    def forget(self, paths: Iterable[str]) -> None:
        """Parse these notes again next time, whatever their file times say."""
        with self._lock:
            for path in paths:
                self._notes.pop(path, None)

    def reload(self, root: Path) -> Reload:
        """The vault under `root`, with unchanged notes taken from the previous load."""
        reread: list[str] = []

        def read_note(relative: str, file: Path, parser: MarkdownIt) -> tuple[Note, list]:
            stamp = file_stamp(file)
            kept = self._notes.get(relative)
            if kept is not None and kept[0] == stamp:
                return kept[1], kept[2]
            note, problems = parse_note_file(relative, file, parser)
            self._notes[relative] = (stamp, note, problems)
            reread.append(relative)
            return note, problems

        with self._lock:
            vault = load_vault(root, read_note=read_note, previous=self._vault)
            self._vault = vault
            for gone in set(self._notes) - set(vault.notes):
                del self._notes[gone]
        return Reload(vault, reread)


def file_stamp(file: Path) -> Stamp:
    """What tells a changed file: modification time (ns), size and inode (a file replaced
    through a temporary one, as card files are, gets a new inode); zeros if unreadable."""
    try:
        status = file.stat()
    except OSError:
        return (0, 0, 0)
    return (status.st_mtime_ns, status.st_size, status.st_ino)
