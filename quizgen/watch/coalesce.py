"""Bursts of file changes become one rebuild: wait until the folder has been quiet a moment."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable

__all__ = ["Coalescer"]


class Coalescer:
    """Collects changed paths and hands them to `flush` once no change came for `quiet` seconds.

    One thread runs `flush`, so rebuilds never overlap; changes that arrive during a rebuild
    are gathered for the next one. A stream that never pauses is still flushed every
    `longest` seconds, so a sync tool writing for a minute does not hold every page back.
    """

    def __init__(
        self,
        flush: Callable[[set[str]], None],
        quiet: float = 0.3,
        longest: float = 5.0,
    ) -> None:
        self._flush = flush
        self.quiet, self.longest = quiet, longest
        self._pending: set[str] = set()
        self._first = self._last = 0.0
        self._wake = threading.Condition()
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="quizgen-rebuild", daemon=True)
        self._thread.start()

    def add(self, paths: Iterable[str]) -> None:
        """Note that these paths changed (called from the file watcher's thread)."""
        with self._wake:
            now = time.monotonic()
            if not self._pending:
                self._first = now
            self._pending.update(paths)
            self._last = now
            self._wake.notify()

    def stop(self) -> None:
        """Let the rebuild thread finish its current rebuild and end."""
        with self._wake:
            self._stopped = True
            self._wake.notify()
        self._thread.join(timeout=60)

    def _run(self) -> None:
        while True:
            batch = self._next_batch()
            if batch is None:
                return
            self._flush(batch)

    def _next_batch(self) -> set[str] | None:
        """Wait for changes, then for the quiet moment; None once stopped."""
        with self._wake:
            while not self._stopped:
                if not self._pending:
                    self._wake.wait()
                    continue
                now = time.monotonic()
                due = min(self._last + self.quiet, self._first + self.longest)
                if now >= due:
                    batch, self._pending = self._pending, set()
                    return batch
                self._wake.wait(due - now)
            return None
