"""The files of a vault, found the way Obsidian sees them, safely.

Hidden folders (`.obsidian`, `.trash`, `.git`) and the "Excluded files" of Obsidian's settings
(`userIgnoreFilters` in `.obsidian/app.json`) are left out. Symlinks are never followed out of
the vault, and folder symlinks are never followed at all (the folder they point at is read where
it is), so a link loop such as `loop -> .` cannot make the walk endless; each such link is
reported once.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic

__all__ = ["VaultFiles", "ignore_filters", "walk_vault"]

APP_JSON = ".obsidian/app.json"


@dataclass
class VaultFiles:
    """The vault's files in a stable order, and what was skipped that the user should hear of."""

    files: list[Path] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


def walk_vault(root: Path) -> VaultFiles:
    """Every file of the vault under `root`, sorted by path, and the symlinks not followed."""
    found = VaultFiles()
    real_root = Path(os.path.realpath(root))
    filters, found.problems = ignore_filters(root)
    _walk(root, root, real_root, filters, found)
    found.files.sort()
    return found


def _walk(folder: Path, root: Path, real_root: Path, filters: list, found: VaultFiles) -> None:
    """Add the files of one folder, then walk its sub-folders (never through a symlink)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        path = Path(entry.path)
        relative = path.relative_to(root).as_posix()
        if entry.name.startswith(".") or _ignored(relative, filters):
            continue
        if entry.is_symlink():
            problem = _symlink_problem(path, relative, real_root)
            if problem:
                found.problems.append(problem)
            elif path.is_file():
                found.files.append(path)
        elif entry.is_dir():
            _walk(path, root, real_root, filters, found)
        elif entry.is_file():
            found.files.append(path)


def _symlink_problem(path: Path, relative: str, real_root: Path) -> Diagnostic | None:
    """Why a symlink is not followed, or None for a link to a file inside the vault."""
    target = Path(os.path.realpath(path))
    if not target.exists():
        return _problem(
            relative, "symlink-broken", f"this symlink points to {target}, which does not exist"
        )
    if not target.is_relative_to(real_root):
        message = f"this symlink points to {target}, outside the vault; it is not followed"
        return _problem(relative, "symlink-outside", message)
    if not target.is_dir():
        return None
    if Path(os.path.realpath(path.parent)).is_relative_to(target):
        message = "this symlink points to a folder that contains it (a loop); it is not followed"
        return _problem(relative, "symlink-loop", message)
    return None  # a folder of the vault: read where it is, not twice


def _problem(relative: str, code: str, message: str) -> Diagnostic:
    """A diagnostic about a whole file (line 0)."""
    return Diagnostic(relative, 0, code, message)


def ignore_filters(root: Path) -> tuple[list[str | re.Pattern[str]], list[Diagnostic]]:
    """Obsidian's "Excluded files": path prefixes, and regular expressions written `/.../`."""
    file = root / APP_JSON
    if not file.is_file():
        return [], []
    try:
        settings = json.loads(file.read_text(encoding="utf-8"))
        raw = settings.get("userIgnoreFilters") or []
    except (OSError, ValueError, AttributeError) as error:
        message = f"Obsidian's settings cannot be read ({error}); no files are excluded"
        return [], [Diagnostic(APP_JSON, 1, "bad-app-json", message)]
    filters: list[str | re.Pattern[str]] = []
    problems = []
    for item in raw if isinstance(raw, list) else []:
        text = str(item)
        if len(text) > 2 and text.startswith("/") and text.endswith("/"):
            try:
                filters.append(re.compile(text[1:-1]))
            except re.error as error:
                message = f"the excluded-files pattern {text} is not valid ({error}); it is skipped"
                problems.append(Diagnostic(APP_JSON, 1, "bad-app-json", message))
        elif text:
            filters.append(text)
    return filters, problems


def _ignored(relative: str, filters: list[str | re.Pattern[str]]) -> bool:
    """True when Obsidian's excluded-files list names this path (a prefix or a pattern)."""
    for item in filters:
        if isinstance(item, str):
            if relative.startswith(item) or (relative + "/").startswith(item):
                return True
        elif item.search(relative):
            return True
    return False
