"""Live rebuilds: watch the notes, coalesce bursts, rebuild cards and site, swap the site in."""

from .cardfiles import CardFileCache
from .coalesce import Coalescer
from .notes import NoteCache, Reload
from .rebuild import LiveBuild, RebuildReport, count_pages
from .watcher import watch_folder

__all__ = [
    "CardFileCache",
    "Coalescer",
    "LiveBuild",
    "NoteCache",
    "RebuildReport",
    "Reload",
    "count_pages",
    "watch_folder",
]
