"""The manifest beside a package: what was exported last time, and when.

It lets the next build (1) find facts that disappeared and export them once more into the
Removed deck, (2) reuse the same timestamp when nothing changed, and a newer one when
something did, and (3) skip re-rendering card files whose bytes have not changed.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from ..diagnostics import Diagnostic, Severity
from .notes import AnkiNote

__all__ = ["FORMAT", "FileEntry", "Manifest", "manifest_path", "read_manifest", "write_manifest"]

FORMAT = 1


@dataclass(frozen=True)
class FileEntry:
    """One card file as last exported: its content hash and the GUIDs of its notes."""

    hash: str
    guids: tuple[str, ...]
    cacheable: bool = True

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {"hash": self.hash, "guids": list(self.guids), "cacheable": self.cacheable}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FileEntry:
        """Inverse of `to_dict`."""
        return cls(str(data["hash"]), tuple(data["guids"]), bool(data.get("cacheable", True)))


@dataclass
class Manifest:
    """Timestamp and digest of the last package, its notes, and the card files they came from."""

    timestamp: float | None = None
    digest: str = ""
    settings: str = ""
    package: str = ""
    files: dict[str, FileEntry] = field(default_factory=dict)
    notes: dict[str, AnkiNote] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON, notes as rows in package order."""
        return {
            "format": FORMAT,
            "timestamp": self.timestamp,
            "digest": self.digest,
            "settings": self.settings,
            "package": self.package,
            "files": {name: entry.to_dict() for name, entry in sorted(self.files.items())},
            "notes": [note.to_row() for note in self.notes.values()],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Manifest:
        """Inverse of `to_dict`."""
        notes = (AnkiNote.from_row(row) for row in data.get("notes") or ())
        return cls(
            timestamp=data.get("timestamp"),
            digest=str(data.get("digest") or ""),
            settings=str(data.get("settings") or ""),
            package=str(data.get("package") or ""),
            files={k: FileEntry.from_dict(v) for k, v in (data.get("files") or {}).items()},
            notes={note.guid: note for note in notes},
        )


def manifest_path(out_file: Path) -> Path:
    """`deck.apkg` -> `deck.apkg.json`, beside the package."""
    return out_file.with_name(out_file.name + ".json")


def read_manifest(path: Path) -> tuple[Manifest, list[Diagnostic]]:
    """The manifest of the last build; a missing one is a first build, a broken one is reported."""
    if not path.exists():
        return Manifest(), []
    try:
        data = orjson.loads(path.read_bytes())
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}")
        return Manifest.from_dict(data), []
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        message = (
            f"manifest cannot be read ({error}); facts removed since the last build "
            "will not be moved to the Removed deck this time"
        )
        return Manifest(), [
            Diagnostic(path.name, 0, "bad-anki-manifest", message, Severity.WARNING)
        ]


def write_manifest(path: Path, manifest: Manifest) -> None:
    """Write the manifest atomically (a half-written one would lose the removed facts)."""
    temporary = path.with_name(path.name + ".tmp")
    data = orjson.dumps(manifest.to_dict())
    if path.exists() and path.read_bytes() == data:
        return
    temporary.write_bytes(data)
    os.replace(temporary, path)


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes, '' when it does not exist."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def content_digest(notes: list[AnkiNote], models_key: str) -> str:
    """A fingerprint of the notes in package order, and so of everything in the package's rows.

    The order and a removed note's `removed_at` are the same from one build to the next when
    nothing changed (card files in path order, removed notes in the last manifest's order).
    """
    rows = orjson.dumps([note.to_row() for note in notes])
    return hashlib.sha256(models_key.encode() + rows).hexdigest()
