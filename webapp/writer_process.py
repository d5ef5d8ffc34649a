"""Reviews written by a process of their own, beside the server (SQLite files).

The server's threads share one interpreter, so whatever a review costs in Python and in file
calls takes turns with every other request. A writer process owns the batch connection
instead. A request takes a free channel (a socket pair made when the writer started), sends
its review and waits on the socket, without holding the GIL. The writer takes every review
that has arrived on any channel, reads their cards, works out each FSRS step, writes them in
one transaction and commits (`write_batch`), then answers each on its channel. Reviews that
arrive meanwhile wait in their sockets for the next transaction. An answer comes only after
its commit: nothing is acknowledged that is not on disk.

If the writer dies, its channels close: each request waiting on one then records its review
alone through the ORM, and the review's token makes sure one the writer did commit is not
counted twice. The next review starts a new writer.
"""

from __future__ import annotations

import os
import pickle
import queue
import selectors
import socket
import subprocess
import sys
import threading
import time
from contextlib import suppress
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

CHANNELS = 32
"""Reviews that can wait for the writer at once (more wait for a free channel)."""
RESTART_AFTER_S = 5.0
"""A writer that ended sooner than this after its start is not started again until then: one
that cannot run (a database it cannot open) must not cost a process start per review."""
_START = "from webapp.writer_process import main; main()"
_LENGTH = 4
"""Each message is its length (4 bytes, big-endian), then the pickled values."""


class Writer:
    """The server's side of a writer process: send a review, wait for its outcome."""

    def __init__(self, url: str, synchronous: str) -> None:
        pairs = [socket.socketpair() for _ in range(CHANNELS)]
        theirs = [pair[1].fileno() for pair in pairs]
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _START, synchronous, *map(str, theirs)],
                stdin=subprocess.PIPE,
                pass_fds=theirs,
                env=_child_environment(),
            )
        except OSError:
            for pair in pairs:
                pair[0].close()
                pair[1].close()
            raise
        assert self.process.stdin is not None
        # The URL is not among its arguments: it may hold a password. If the writer ended at
        # once, its closed channels tell the requests.
        with suppress(BrokenPipeError):
            self.process.stdin.write(url.encode())
        with suppress(BrokenPipeError):
            self.process.stdin.close()
        self._channels = [pair[0] for pair in pairs]
        self._free: queue.SimpleQueue[socket.socket] = queue.SimpleQueue()
        for ours, copy in pairs:
            copy.close()
            self._free.put(ours)
        self.alive = True
        self.started = time.monotonic()

    def write(self, pending: Pending) -> bool:
        """Send one review and wait; its outcome is filled in. False when the writer could
        not write it (nothing of it is then reported)."""
        if not self.alive:
            return False
        channel = self._free.get()
        try:
            _send(channel, _sent(pending))
            written, *outcome = _receive(channel)
        except (OSError, EOFError):  # the writer is gone
            self.alive = False
            pending.forget()
            return False
        finally:
            self._free.put(channel)  # a closed one fails at once for the next request too
        _take(pending, outcome)
        return bool(written)

    def stop(self) -> None:
        """Shut every channel (the writer ends after its transaction) and wait for it."""
        self.alive = False
        for channel in self._channels:
            with suppress(OSError):
                channel.shutdown(socket.SHUT_RDWR)  # wakes a request waiting on it, too
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        for channel in self._channels:
            channel.close()


def _send(channel: socket.socket, values: Any) -> None:
    data = pickle.dumps(values, pickle.HIGHEST_PROTOCOL)
    channel.sendall(len(data).to_bytes(_LENGTH, "big") + data)


def _receive(channel: socket.socket) -> Any:
    """The next message on the channel (EOFError when the other side has closed it)."""
    data = channel.recv(65536)
    while len(data) < _LENGTH or len(data) < _LENGTH + int.from_bytes(data[:_LENGTH], "big"):
        more = channel.recv(65536)
        if not more:
            raise EOFError("the channel was closed")
        data += more
    return pickle.loads(data[_LENGTH:])


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
    wanted = app.config["REVIEW_WRITER"] == "process" and os.name == "posix"
    if wanted and _sqlite_file(engine):
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
    engine's reviews are written in the server (`use_writer_process` was not called, or the
    last writer ended less than `RESTART_AFTER_S` after it started)."""
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
                if time.monotonic() - writer.started < RESTART_AFTER_S:
                    return None  # it died young: the server's threads write for a while
                writer.stop()
            url = engine.url.render_as_string(hide_password=False)
            try:
                writer = _WRITERS[engine] = Writer(url, synchronous)
            except OSError as error:  # no process can be started: the threads write
                print(f"quizgen: the review writer could not start ({error})", file=sys.stderr)
                return None
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


def _received(message: tuple) -> Pending:
    """The writer's side of `_sent`: the review."""
    learner, card_id, rating, now, retention, token, duration_ms, version, read = message
    review = Review(learner, card_id, Rating(rating), now, retention, token, duration_ms)
    return Pending(review, version) if read is None else Pending.of(review, version, read)


def _outcome(pending: Pending) -> tuple:
    """What became of a review, as plain values."""
    found = (pending.read, pending.after, pending.missing)
    return (*found, pending.written, pending.error, pending.duplicate)


def _take(pending: Pending, outcome: list) -> None:
    """The server's side of `_outcome`: fill it in on the review sent."""
    read, after, missing, written, error, duplicate = outcome
    pending.read, pending.after, pending.missing = read, after, missing
    pending.written, pending.error, pending.duplicate = written, error, duplicate


def _arrived(arrivals: selectors.BaseSelector) -> list[tuple[socket.socket, Pending]]:
    """The reviews waiting on the channels (waiting for the first), with their channels."""
    found = []
    for key, _ in arrivals.select():
        channel = key.data
        found.append((channel, _received(_receive(channel))))
    return found


def _write(channels: list[socket.socket], url: str, synchronous: str) -> None:
    """The writer's loop: take what has arrived, write it, answer; until the server goes."""
    engine = make_engine(url, synchronous)
    arrivals = selectors.DefaultSelector()
    for channel in channels:
        arrivals.register(channel, selectors.EVENT_READ, channel)
    driver = None
    try:
        while True:
            batch = _arrived(arrivals)
            driver = driver or Reader(engine.raw_connection(), engine.dialect)
            written = write_batch(driver, None, [pending for _, pending in batch])
            if not written:  # perhaps a broken connection: the next batch opens another
                with suppress(Exception):
                    driver.close()
                driver = None
            for channel, pending in batch:
                _send(channel, (written, *_outcome(pending)))
    except (EOFError, OSError):  # a channel closed: the server has gone
        pass
    finally:
        engine.dispose()


def main() -> None:
    """The writer process: arguments SYNCHRONOUS FD..., the database URL on stdin."""
    url = sys.stdin.read()
    channels = [socket.socket(fileno=int(fd)) for fd in sys.argv[2:]]
    with suppress(KeyboardInterrupt):  # Ctrl-C reaches the server and its writer alike
        _write(channels, url, sys.argv[1])
