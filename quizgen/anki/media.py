"""Images a card shows: found in the notes folder and packed under content-hash names."""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from ..vault import vault_files

__all__ = ["MediaLibrary", "obsidian_images_to_markdown", "packed_name"]

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".avif"}
# `![[diagram.png]]`, `![[diagram.png|300]]`, `![[diagram.png|a caption]]`
_EMBED = re.compile(r"!\[\[([^\]|#^]+?)(?:\|([^\]]*))?\]\]")
_SIZE = re.compile(r"\d+(x\d+)?")
_IMG_SRC = re.compile(r'(<img src=")([^"]*)(")')
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def obsidian_images_to_markdown(text: str) -> str:
    """Turn Obsidian image embeds into CommonMark images so the renderer makes `<img>` tags."""

    def convert(match: re.Match[str]) -> str:
        target, label = match.group(1).strip(), (match.group(2) or "").strip()
        if PurePosixPath(target).suffix.lower() not in IMAGE_SUFFIXES:
            return match.group(0)
        alt = "" if _SIZE.fullmatch(label) else label
        return f"![{alt}](<{target}>)"

    return _EMBED.sub(convert, text) if "![[" in text else text


def packed_name(path: Path, data: bytes) -> str:
    """A media name that two different files never share: content hash prefix + file name."""
    digest = hashlib.sha256(data).hexdigest()[:12]
    return f"{digest}-{_SAFE.sub('_', path.name)}"


@dataclass
class MediaLibrary:
    """Attachments of a notes folder, looked up the way Obsidian finds an embedded file."""

    root: Path
    by_path: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    packed: dict[str, Path] = field(default_factory=dict)
    _names: dict[str, str] = field(default_factory=dict)

    @classmethod
    def scan(cls, root: Path) -> MediaLibrary:
        """Index every non-Markdown file under `root` by path and by file name."""
        library = cls(root)
        for file in vault_files(root):
            if file.suffix.lower() == ".md":
                continue
            relative = file.relative_to(root).as_posix()
            library.by_path[relative.casefold()] = relative
            library.by_name[file.name.casefold()].append(relative)
        return library

    def find(self, target: str, note: str | None) -> str | None:
        """The attachment a link names: relative to the note, from the root, then by name."""
        target = unquote(target).strip()
        folder = posixpath.dirname(note) if note else ""
        for key in (posixpath.normpath(posixpath.join(folder, target)), target.lstrip("/")):
            if key.casefold() in self.by_path:
                return self.by_path[key.casefold()]
        named = self.by_name.get(PurePosixPath(target).name.casefold(), [])
        if not named:
            return None
        return sorted(named, key=lambda p: (posixpath.dirname(p) != folder, len(p), p))[0]

    def pack(self, relative: str) -> str:
        """The packed name of an attachment, remembering the file for the package."""
        if relative not in self._names:
            path = self.root / relative
            name = packed_name(path, path.read_bytes())
            self._names[relative] = name
            self.packed[name] = path
        return self._names[relative]

    def rewrite(self, html: str, note: str | None, missing: list[str]) -> tuple[str, list[str]]:
        """Point local `<img>` tags at packed names; names not found go to `missing`."""
        used: list[str] = []

        def swap(match: re.Match[str]) -> str:
            src = match.group(2)
            if "://" in src or src.startswith("data:"):
                return match.group(0)
            found = self.find(src, note)
            if found is None:
                missing.append(unquote(src))
                return match.group(0)
            name = self.pack(found)
            used.append(name)
            return match.group(1) + name + match.group(3)

        return _IMG_SRC.sub(swap, html), used
