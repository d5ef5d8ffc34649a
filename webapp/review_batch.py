"""Reviews written together: one short transaction, and one wait for the disk, for all that wait.

The batch reads the cards of all its reviews with one statement, inside its transaction, and
works out each FSRS step. (Read by each request on its own, before the lock, a card cost two
more driver calls per review, and under load each call costs a trip through the other
threads for the GIL.) It then moves each card if it is still at the version read (a card
reviewed twice in one batch is read again), logs the review unless its token is already
logged, adds the quarter-hour counts, bumps each learner's version once, and commits. See
`webapp/batches.py` for who writes when.
"""

from __future__ import annotations

from contextlib import nullcontext, suppress
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, event

from .counts import count_reviews_driver
from .db import writer_lock
from .errors import AppError, Conflict
from .mastery import mastery_changed_fast
from .prepared import Reader
from .review_rows import (
    FIND_TOKEN,
    MOVE,
    Review,
    after_review,
    driver_read,
    log_once,
    log_params,
    log_values,
    move_params,
    read_states,
)
from .scheduling import to_ms

__all__ = ["Pending", "close_batch_connection", "write_batch", "write_with_engine"]


@dataclass(eq=False)
class Pending:
    """A review waiting to be written, and what became of it."""

    review: Review
    version: int | None
    """The version the client pinned (None: take the card as it is)."""
    read: tuple[int, dict] | None = None
    """The card's version and scheduling fields when it was read (in the batch, or before)."""
    after: dict | None = None
    """The scheduling fields after the review, worked out from `read`."""
    missing: bool = False
    """The learner has no state for this card yet: the batch left the review out."""
    written: tuple[int, int, dict, dict] | None = None
    """The review's id, the version it moved the card from, and the fields before and after."""
    error: AppError | None = None
    duplicate: bool = False

    @classmethod
    def of(cls, review: Review, version: int | None, read: tuple[int, dict]) -> Pending:
        """A review with its FSRS step worked out from the state read."""
        return cls(review, version, read, after_review(read[1], review))

    def forget(self) -> None:
        """Drop the outcome (its transaction was rolled back; what was read still stands as a
        first guess, checked by the version when it is written)."""
        self.written, self.error, self.duplicate = None, None, False


def write_batch(driver: Reader, lock: Any, batch: list[Pending]) -> bool:
    """Write the batch in one transaction; on any failure none of it is written (each is then
    tried alone by its own request) and False is returned."""
    with lock or nullcontext():
        try:
            driver.begin_write()
            _read_cards(driver, batch)
            written = [pending for pending in batch if _apply(driver, pending)]
            count_reviews_driver(driver, [_counted(pending) for pending in written])
            for learner in sorted({pending.review.learner for pending in written}):
                mastery_changed_fast(driver, learner)
            driver.commit()
            return True
        except Exception:
            for pending in batch:  # first, so that nothing uncommitted is ever reported
                pending.forget()
            with suppress(Exception):  # a broken connection: the caller drops it
                driver.rollback()
            return False


_CONNECTIONS: WeakKeyDictionary[Engine, Reader] = WeakKeyDictionary()


def write_with_engine(engine: Engine, batch: list[Pending]) -> None:
    """`write_batch` on the engine's batch connection.

    Only the request holding the turn writes (see `webapp/batches.py`), so one connection,
    opened on first use, serves every batch; requests need none from the pool. After a failed
    batch it is closed, and the next batch opens another.
    """
    driver = _CONNECTIONS.get(engine)
    if driver is None:
        driver = _CONNECTIONS[engine] = Reader(engine.raw_connection(), engine.dialect)
        if not event.contains(engine, "engine_disposed", close_batch_connection):
            event.listen(engine, "engine_disposed", close_batch_connection)
    if not write_batch(driver, writer_lock(engine), batch):
        close_batch_connection(engine)


def close_batch_connection(engine: Engine) -> None:
    """Close the engine's batch connection, if it has one (the engine is disposed, or a batch
    failed on it)."""
    driver = _CONNECTIONS.pop(engine, None)
    if driver is not None:
        with suppress(Exception):
            driver.close()


def _read_cards(driver: Reader, batch: list[Pending]) -> None:
    """Read the cards of the reviews not read yet (one statement per learner), and work out
    their FSRS steps; a review whose card has no state is marked `missing`."""
    unread: dict[int, list[Pending]] = {}
    for pending in batch:
        if pending.read is None:
            unread.setdefault(pending.review.learner, []).append(pending)
    for learner, waiting in unread.items():
        cards = sorted({pending.review.card_id for pending in waiting})
        found = read_states(driver, learner, cards)
        for pending in waiting:
            read = found.get(pending.review.card_id)
            if read is None:
                pending.missing = True
            else:
                pending.read, pending.after = read, after_review(read[1], pending.review)


def _counted(pending: Pending) -> tuple[int, int, int, int]:
    """What the quarter-hour counts need of a logged review."""
    assert pending.written is not None
    review, before = pending.review, pending.written[2]
    return review.learner, to_ms(review.now), before["state"], int(review.rating)


def _apply(driver: Reader, pending: Pending) -> bool:
    """One review inside the batch's transaction; whether it was logged."""
    review = pending.review
    if pending.read is None or pending.after is None:  # missing: its request makes the state
        return False
    at, before = pending.read
    after = pending.after
    if pending.version not in (None, at) or not _move(driver, review, at, after):
        caught_up = _catch_up(driver, pending)
        if caught_up is None:
            return False
        at, before, after = caught_up
    review_id = _log(driver, review, before, after)
    if review_id is None:  # the token is logged already: put the card back, report that one
        _move(driver, review, at + 1, before, back=True)
        pending.duplicate = True
        return False
    pending.written = (review_id, at, before, after)
    return True


def _catch_up(driver: Reader, pending: Pending) -> tuple[int, dict, dict] | None:
    """The card moved since it was read: review it as it is now (or say why not)."""
    review = pending.review
    now_read = driver_read(driver, review.learner, review.card_id)
    assert now_read is not None
    at, before = now_read
    if pending.version is not None and pending.version != at:
        if FIND_TOKEN.rows(driver, {"learner": review.learner, "token": review.token}):
            pending.duplicate = True
        else:
            pending.error = Conflict(
                f"card {review.card_id!r} is at version {at}, not {pending.version}; reload it"
            )
        return None
    after = after_review(before, review)
    if not _move(driver, review, at, after):
        raise RuntimeError("a card moved while the write lock was held")
    return at, before, after


def _move(
    driver: Reader, review: Review, version: int, fields: dict, *, back: bool = False
) -> bool:
    """Set the card's fields if it is still at `version` (one step on, or `back` one)."""
    params = move_params(review, version, fields, version - 1 if back else version + 1)
    return MOVE.change(driver, params) == 1


def _log(driver: Reader, review: Review, before: dict, after: dict) -> int | None:
    """Insert the review log row; its id, or None when the token was logged before."""
    params = log_params(log_values(review, before, after), before, after)
    return log_once(driver, params)
