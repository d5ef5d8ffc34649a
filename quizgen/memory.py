"""Python's cycle collector paused while many long-lived objects are made, or run once a page."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["PageCollector", "collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the block, then restore it as it was.

    Loading a vault, extracting cards and exporting a deck each make hundreds of thousands of
    objects that live until the end and form no reference cycles. Each collection the
    collector starts on the way walks all of them again: measured, half the time of loading
    1,000 notes, and two thirds of reading a 50,000-note Anki manifest.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class PageCollector:
    """The cycle collector run once per page of a site build, not every 700 new objects.

    Each page makes a Python-Markdown instance and a template context full of reference
    cycles. Collected on the default schedule they had mostly outlived two generations, and
    the full collections that then freed them walked every page built so far: about a tenth of
    a 13,000-note build. Collecting the young generations after each page frees them young.
    """

    def __init__(self) -> None:
        self.paused = False

    def pause(self) -> None:
        """Stop automatic collections, if they are on (pages then call `page_done`)."""
        self.paused = gc.isenabled()
        gc.disable()

    def page_done(self) -> None:
        """Free the reference cycles the page left behind (the young generations only)."""
        if self.paused:
            gc.collect(1)

    def resume(self) -> None:
        """Turn automatic collections back on if `pause` turned them off."""
        if self.paused:
            gc.enable()
        self.paused = False
