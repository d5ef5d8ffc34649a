"""Writes that arrive together are committed together (group commit).

SQLite has one writer and each commit waits for the disk (`synchronous=FULL`). When several
requests want to write at once, one of them takes the turn and writes everything waiting in
one transaction; the others wait for that commit and answer from it. Nobody answers before
the transaction holding their write has committed. One request alone writes alone, at once.
Each waiting request sleeps on its own event and is woken once: when its write is done, or
when the turn passes to it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar
from weakref import WeakKeyDictionary

__all__ = ["Batches", "batches_for"]

Job = TypeVar("Job")

MOST_PER_BATCH = 64
"""At most this many writes go into one transaction."""


@dataclass(eq=False)
class _Turn(Generic[Job]):
    """One waiting write: woken when it is done, or when it is its turn to write."""

    job: Job
    woken: threading.Event = field(default_factory=threading.Event)
    done: bool = False


class Batches(Generic[Job]):
    """A queue of writes; whoever has the turn writes all that wait (at most 64)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: list[_Turn[Job]] = []
        self._writing = False

    def write(self, job: Job, write_all: Callable[[list[Job]], None]) -> None:
        """Return once `job` has been written by `write_all` (here, or in another thread).

        `write_all` gets a batch and must record each job's outcome on the job itself; an
        exception from it reaches only the thread that ran it.
        """
        turn = _Turn(job)
        with self._lock:
            self._waiting.append(turn)
            mine = not self._writing
            self._writing = True
        while True:
            if not mine:
                turn.woken.wait()
                turn.woken.clear()
                if turn.done:
                    return
            with self._lock:
                batch = self._waiting[:MOST_PER_BATCH]
                del self._waiting[:MOST_PER_BATCH]
            try:
                write_all([waiting.job for waiting in batch])
            finally:
                self._pass_turn(batch)
            if turn.done:
                return
            mine = False

    def _pass_turn(self, batch: list[_Turn[Job]]) -> None:
        """Wake the owners of a written batch, and give the turn to the oldest waiting."""
        with self._lock:
            for written in batch:
                written.done = True
            following = self._waiting[0] if self._waiting else None
            self._writing = following is not None
        for written in batch:
            written.woken.set()
        if following is not None:
            following.woken.set()


_BATCHES: WeakKeyDictionary[object, Batches] = WeakKeyDictionary()
_LOCK = threading.Lock()


def batches_for(owner: object) -> Batches:
    """The one queue of an owner (an engine: one per database)."""
    with _LOCK:
        found = _BATCHES.get(owner)
        if found is None:
            found = _BATCHES[owner] = Batches()
        return found
