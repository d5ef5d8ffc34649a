"""Watch a notes folder with watchdog and pass the vault paths that changed to a callback."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

__all__ = ["watch_folder"]


class _Changes(FileSystemEventHandler):
    def __init__(self, root: Path, changed: Callable[[Iterable[str]], None]) -> None:
        self.root, self.changed = root, changed

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        if event.is_directory and event.event_type == "modified":
            return
        paths = [event.src_path, getattr(event, "dest_path", "") or ""]
        found = [p for p in (self._relative(path) for path in paths if path) if p]
        if found:
            self.changed(found)

    def _relative(self, path: str | bytes) -> str | None:
        """The path inside the vault, or None for files the vault skips (hidden folders)."""
        text = path.decode() if isinstance(path, bytes) else path
        try:
            parts = Path(text).resolve().relative_to(self.root).parts
        except ValueError:
            return None
        if not parts or any(part.startswith(".") for part in parts):
            return None
        return "/".join(parts)


def watch_folder(root: Path, changed: Callable[[Iterable[str]], None]) -> BaseObserver:
    """Start watching `root` (and its subfolders); stop with `.stop()` then `.join()`."""
    observer = Observer()
    observer.schedule(_Changes(root.resolve(), changed), str(root), recursive=True)
    observer.daemon = True
    observer.start()
    return observer
