"""Reviews written by a process of their own, beside the server (SQLite files).

The server's threads share one interpreter, so whatever a review costs in Python and in file
calls takes turns with every other request. A writer process owns the batch connection
instead. Each request sends its review down a socket and waits, without holding the GIL. The
writer takes every review that has arrived, reads their cards, works out each FSRS step,
writes them in one transaction and commits (`write_batch`), then answers each. Reviews that
arrive meanwhile wait in the socket for the next transaction, so the writer never waits for
the server between batches. An answer comes only after its commit: nothing is acknowledged
that is not on disk.

If the writer dies or cannot be reached, its reviews count as not written: each request then
records its review alone through the ORM, and the review's token makes sure one the writer
did commit is not counted twice. The next review starts a new writer.
"""

from __future__ import annotations

import itertools
import os
import pickle
import socket
import subprocess
import sys
import threading
from contextlib import suppress
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from flask import Flask
from fsrs import Rating
from sqlalchemy import Engine, event

from .db import make_engine
from .prepared import Reader
from .review_batch import Pending, write_batch
from .review_rows import Review

__all__ = ["Writer", "init_app", "main", "stop_writer", "use_writer_process", "writer_of"]

MOST_PER_BATCH = 64
"""At most this many reviews go into one transaction."""
LONGEST_WAIT_S = 60.0
"""A review not answered by then is taken as not written (its request writes it alone)."""


_START = "from webapp.writer_process import main; main()"


@dataclass(eq=False)
class _Waiting:
    pending: Any
    answered: threading.Event = field(default_factory=threading.Event)
    written: bool = False


class Writer:
    """The server's side of a writer process: send a review, wait for its outcome."""

    def __init__(self, url: str, synchronous: str) -> None:
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [sys.executable, "-c", _START, str(theirs.fileno()), synchronous],
            stdin=subprocess.PIPE,
            pass_fds=[theirs.fileno()],
            env=_child_environment(),
        )
        assert self.process.stdin is not None
        self.process.stdin.write(url.encode())  # not on the command line: it may hold a password
        self.process.stdin.close()
        theirs.close()
        self._socket = ours
        self._connection = Connection(os.dup(ours.fileno()))
        self._sending = threading.Lock()
        self._lock = threading.Lock()
        self._waiting: dict[int, _Waiting] = {}
        self._numbers = itertools.count()
        self.alive = True
        threading.Thread(target=self._read_answers, name="quizgen-writer", daemon=True).start()

    def write(self, pending: Any) -> bool:
        """Send one `Pending` review and wait; its outcome is filled in. False when the writer
        could not write it (nothing of it is then reported)."""
        number, waiting = next(self._numbers), _Waiting(pending)
        with self._lock:
            if not self.alive:
                return False
            self._waiting[number] = waiting
        try:
            message = pickle.dumps((number, *_sent(pending)), pickle.HIGHEST_PROTOCOL)
            with self._sending:
                self._connection.send_bytes(message)
        except (OSError, ValueError):
            self._give_up()
        if not waiting.answered.wait(LONGEST_WAIT_S):
            with self._lock:
                abandoned = self._waiting.pop(number, None)
            if abandoned is not None:
                pending.forget()
                return False
            waiting.answered.wait()  # its answer is being handed over right now
        return waiting.written

    def _read_answers(self) -> None:
        """Hand each answer to the request waiting for it, until the writer ends."""
        while True:
            try:
                answers = pickle.loads(self._connection.recv_bytes())
            except (EOFError, OSError):
                break
            for number, written, *outcome in answers:
                with self._lock:
                    waiting = self._waiting.pop(number, None)
                if waiting is None:  # its request stopped waiting
                    continue
                _take(waiting.pending, outcome)
                waiting.written = written
                waiting.answered.set()
        self._give_up()

    def _give_up(self) -> None:
        """The writer is gone: every review still waiting counts as not written."""
        with self._lock:
            self.alive = False
            stranded = list(self._waiting.values())
            self._waiting.clear()
        for waiting in stranded:
            waiting.pending.forget()
            waiting.answered.set()

    def stop(self) -> None:
        """Shut the socket (the writer ends after its transaction) and wait for it."""
        with suppress(OSError):
            self._socket.shutdown(socket.SHUT_RDWR)  # also wakes the thread reading answers
        self._socket.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self._give_up()
        self._connection.close()


def _child_environment() -> dict[str, str]:
    """The environment, with this package importable however the server was started."""
    root = str(Path(__file__).resolve().parent.parent)
    paths = [root, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


_SETTINGS: WeakKeyDictionary[Engine, str] = WeakKeyDictionary()
_WRITERS: WeakKeyDictionary[Engine, Writer] = WeakKeyDictionary()
_STARTING = threading.Lock()


def init_app(app: Flask) -> None:
    """Use a writer process for the app's reviews when its settings and database allow it."""
    engine = app.extensions["quizgen_engine"]
    if app.config["REVIEW_WRITER"] == "process" and _sqlite_file(engine):
        use_writer_process(engine, app.config["SQLITE_SYNCHRONOUS"])


def _sqlite_file(engine: Engine) -> bool:
    """Whether the engine's database is a SQLite file (which another process can open)."""
    name = engine.url.database or ""
    return engine.dialect.name == "sqlite" and name not in {"", ":memory:"}


def use_writer_process(engine: Engine, synchronous: str) -> None:
    """Write the engine's review batches in a writer process (a SQLite file's engine)."""
    _SETTINGS[engine] = synchronous
    if not event.contains(engine, "engine_disposed", stop_writer):
        event.listen(engine, "engine_disposed", stop_writer)


def writer_of(engine: Engine) -> Writer | None:
    """The engine's writer, started on first use or again after it ended; None when the
    engine's batches are written in the server (`use_writer_process` was not called)."""
    synchronous = _SETTINGS.get(engine)
    if synchronous is None:
        return None
    writer = _WRITERS.get(engine)
    if writer is not None and writer.alive:
        return writer
    with _STARTING:
        writer = _WRITERS.get(engine)
        if writer is None or not writer.alive:
            if writer is not None:
                writer.stop()
            url = engine.url.render_as_string(hide_password=False)
            writer = _WRITERS[engine] = Writer(url, synchronous)
        return writer


def stop_writer(engine: Engine) -> None:
    """Stop the engine's writer, if one runs (the engine is disposed); the next review
    starts another."""
    with _STARTING:
        writer = _WRITERS.pop(engine, None)
    if writer is not None:
        writer.stop()


def _sent(pending: Pending) -> tuple:
    """What the writer needs of a review, as plain values (quicker to pickle than objects)."""
    review = pending.review
    fields = (review.learner, review.card_id, int(review.rating), review.now, review.retention)
    return (*fields, review.token, review.duration_ms, pending.version, pending.read)


def _received(message: tuple) -> tuple[int, Pending]:
    """The writer's side of `_sent`: the review's number, and the review."""
    number, learner, card_id, rating, now, retention, token, duration_ms, version, read = message
    review = Review(learner, card_id, Rating(rating), now, retention, token, duration_ms)
    pending = Pending(review, version) if read is None else Pending.of(review, version, read)
    return number, pending


def _outcome(pending: Pending) -> tuple:
    """What became of a review, as plain values."""
    found = (pending.read, pending.after, pending.missing)
    return (*found, pending.written, pending.error, pending.duplicate)


def _take(pending: Pending, outcome: list) -> None:
    """The server's side of `_outcome`: fill it in on the review sent."""
    read, after, missing, written, error, duplicate = outcome
    pending.read, pending.after, pending.missing = read, after, missing
    pending.written, pending.error, pending.duplicate = written, error, duplicate


def _next_batch(connection: Connection) -> list[tuple[int, Pending]]:
    """The reviews that have arrived: at least one (waiting for it), at most 64."""
    batch = [_received(pickle.loads(connection.recv_bytes()))]
    while len(batch) < MOST_PER_BATCH and connection.poll(0):
        batch.append(_received(pickle.loads(connection.recv_bytes())))
    return batch


def _write(connection: Connection, url: str, synchronous: str) -> None:
    """The writer's loop: take what has arrived, write it, answer; until the socket closes."""
    engine = make_engine(url, synchronous)
    driver = None
    while True:
        try:
            batch = _next_batch(connection)
        except (EOFError, OSError):
            break
        driver = driver or Reader(engine.raw_connection(), engine.dialect)
        written = write_batch(driver, None, [pending for _, pending in batch])
        if not written:  # perhaps a broken connection: the next batch opens another
            with suppress(Exception):
                driver.close()
            driver = None
        try:
            answers = [(number, written, *_outcome(pending)) for number, pending in batch]
            connection.send_bytes(pickle.dumps(answers, pickle.HIGHEST_PROTOCOL))
        except OSError:
            break
    engine.dispose()


def main() -> None:
    """The writer process: arguments FD SYNCHRONOUS, the database URL on stdin."""
    url = sys.stdin.read()
    connection = Connection(int(sys.argv[1]))
    with suppress(KeyboardInterrupt):  # Ctrl-C reaches the server and its writer alike
        _write(connection, url, sys.argv[2])
