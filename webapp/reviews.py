"""Record a review (once, however often it is sent) and undo the last one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .batches import batches_for
from .counts import count_review_fast, uncount_review
from .db import Prepared, Reader, write
from .errors import BadInput, Conflict, NotFound
from .mastery import mastery_changed
from .models import NEW, CardRow, CardState, ReviewRow
from .review_batch import Pending, write_with_engine
from .review_rows import (
    FIND_TOKEN,
    LOG,
    MOVE,
    Review,
    after_review,
    log_params,
    log_values,
    logged_review,
    move_params,
    read_state,
    state_dict,
)
from .scheduling import parse_rating, to_ms
from .writer_process import writer_of

__all__ = ["ReviewResult", "last_review_id", "submit_review", "undo_review"]


@dataclass(frozen=True)
class ReviewResult:
    """The stored review, the card's state after it, and whether it was already recorded.

    Both are plain data, as `ReviewRow.to_dict` and `CardState.to_dict` give them.
    """

    review: dict[str, Any]
    state: dict[str, Any]
    duplicate: bool = False

    @classmethod
    def of_rows(cls, review: ReviewRow, state: CardState, duplicate: bool = False) -> ReviewResult:
        """The result for rows loaded through the ORM."""
        return cls(review.to_dict(), state.to_dict(), duplicate)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the JSON API."""
        return {"review": self.review, "state": self.state, "duplicate": self.duplicate}


def _check_token(token: str | None, card_id: str, version: int | None) -> str:
    """The review's idempotency key: the client's token, else the card id at its version."""
    if token:
        if len(token) > 128:
            raise BadInput("review token is longer than 128 characters")
        return token
    if version is None:
        raise BadInput("send a review token or the card's version so a retry counts once")
    return f"{card_id}@{version}"


def _recorded(session: Session, learner: int, token: str) -> ReviewResult | None:
    review = session.scalar(
        select(ReviewRow).where(ReviewRow.learner_id == learner, ReviewRow.token == token)
    )
    if review is None:
        return None
    state = session.get(CardState, (learner, review.card_id), populate_existing=True)
    assert state is not None
    return ReviewResult.of_rows(review, state, duplicate=True)


def _new_state(session: Session, learner: int, card_id: str) -> tuple[int, dict]:
    """A state for a card that has none yet (a learner made after the last sync)."""
    card = session.get(CardRow, card_id)
    if card is None:
        raise NotFound(f"there is no card with id {card_id!r}")
    with write(session):
        _add_state(session, learner, card)
    read = read_state(session.connection(), learner, card_id)
    assert read is not None
    return read


def _add_state(session: Session, learner: int, card: CardRow) -> None:
    if session.get(CardState, (learner, card.id)) is not None:
        return
    state = CardState(
        learner_id=learner,
        card_id=card.id,
        position=card.position,
        deck=card.deck,
        note=card.note,
        hidden=card.gone or card.suspended,
        version=0,
    )
    state.state = NEW
    state.reps = state.lapses = 0
    session.add(state)
    session.flush()
    mastery_changed(session.connection(), learner)


def _move(connection: Connection, review: Review, version: int, before: dict) -> dict | None:
    """Move the card from `before` to its next state if it is still at `version`."""
    after = after_review(before, review)
    moved = MOVE.run(connection, move_params(review, version, after, version + 1))
    return after if moved.rowcount == 1 else None


def _log(connection: Connection, review: Review, before: dict, after: dict) -> dict[str, Any]:
    """Insert the review log row (and its quarter-hour count); the row as plain data."""
    values = log_values(review, before, after)
    review_id = LOG.run(connection, log_params(values, before, after)).scalar_one()
    count_review_fast(
        connection, review.learner, values["reviewed_ms"], before["state"], values["rating"]
    )
    return logged_review(review_id, values, before, after)


def _record(
    session: Session, review: Review, version: int | None, read: tuple[int, dict]
) -> ReviewResult:
    """The review in its own ORM transaction (the path when a batch could not take it)."""
    with write(session):
        connection = session.connection()
        found = FIND_TOKEN.run(connection, {"learner": review.learner, "token": review.token})
        if found.first() is not None:
            return _duplicate(session, review.learner, review.token)
        at, before = read
        after = _move(connection, review, at, before) if version in (None, at) else None
        if after is None:  # reviewed since it was read: take it as it is now
            now_read = read_state(connection, review.learner, review.card_id)
            assert now_read is not None
            at, before = now_read
            if version is not None and version != at:
                raise Conflict(
                    f"card {review.card_id!r} is at version {at}, not {version}; reload it"
                )
            after = _move(connection, review, at, before)
            if after is None:
                raise Conflict("the card was reviewed meanwhile; reload to see it as it is now")
        row = _log(connection, review, before, after)
        mastery_changed(connection, review.learner)
    return ReviewResult(row, state_dict(review, at + 1, after))


def _duplicate(session: Session, learner: int, token: str) -> ReviewResult:
    found = _recorded(session, learner, token)
    assert found is not None
    return found


def submit_review(
    engine: Engine,
    session: Callable[[], Session],
    learner: int,
    card_id: str,
    rating: object,
    now: datetime,
    *,
    retention: float = 0.9,
    token: str | None = None,
    version: int | None = None,
    duration_ms: int | None = None,
) -> ReviewResult:
    """Rate a card: one transaction; the same token (or version) sent again records nothing.

    The review is written with whatever other reviews wait: the batch reads the card, works
    out the FSRS step and writes on the engine's batch connection (see
    `webapp/review_batch.py`). When the batch cannot take it, the review is written alone
    through the ORM (`session`, asked for only then).
    """
    parsed = parse_rating(rating)
    if parsed is None:
        raise BadInput(f"rating must be 1-4 or again/hard/good/easy, not {rating!r}")
    if duration_ms is not None and not 0 <= duration_ms <= 86_400_000:
        raise BadInput("duration_ms must be between 0 and 86400000")
    key = _check_token(token, card_id, version)
    review = Review(learner, card_id, parsed, now, retention, key, duration_ms)
    pending = _in_batch(engine, Pending(review, version))
    if pending.missing:  # the learner's first look at this card (made after the last sync)
        pending = _in_batch(engine, Pending.of(review, version, _state_made(session, review)))
    if pending.error is not None:
        raise pending.error
    if pending.written is not None:
        return _written(pending)
    if pending.duplicate:
        found = _recorded(_fresh(session), learner, key)
        session().rollback()
        if found is not None:
            return found
    read = pending.read
    if read is None:  # the batch failed before it read the card
        read = read_state(_fresh(session).connection(), learner, card_id)
    return _submit_alone(_fresh(session), review, version, read or _state_made(session, review))


def _state_made(session: Callable[[], Session], review: Review) -> tuple[int, dict]:
    """A new state for the learner's card, made and read (NotFound for an unknown card)."""
    made = _new_state(_fresh(session), review.learner, review.card_id)
    session().rollback()
    return made


def _in_batch(engine: Engine, pending: Pending) -> Pending:
    """The review written with whatever others wait: by the writer process on a SQLite file
    (`webapp/writer_process.py`), else by this request or the one holding the turn
    (`webapp/batches.py`)."""
    writer = writer_of(engine)
    if writer is not None:
        writer.write(pending)
    else:
        batches_for(engine).write(pending, partial(write_with_engine, engine))
    return pending


def _fresh(session: Callable[[], Session]) -> Session:
    """The session, with no transaction left open from an earlier read."""
    opened = session()
    if opened.in_transaction():
        opened.rollback()
    return opened


def _written(pending: Pending) -> ReviewResult:
    """The result of a review written in a batch."""
    assert pending.written is not None
    review_id, at, before, after = pending.written
    review = pending.review
    values = log_values(review, before, after)
    return ReviewResult(
        logged_review(review_id, values, before, after), state_dict(review, at + 1, after)
    )


def _submit_alone(
    session: Session, review: Review, version: int | None, read: tuple[int, dict]
) -> ReviewResult:
    """The review in a transaction of its own, through the ORM session (when a batch failed)."""
    try:
        return _record(session, review, version, read)
    except IntegrityError:
        # Another request with the same token won the race: report what it stored.
        session.rollback()
        found = _recorded(session, review.learner, review.token)
        if found is None:
            raise Conflict(
                "the card was reviewed meanwhile; reload to see it as it is now"
            ) from None
        session.rollback()
        return found


_LAST = Prepared(
    select(ReviewRow.id)
    .where(ReviewRow.learner_id == bindparam("learner"), ReviewRow.undone_ms.is_(None))
    .order_by(ReviewRow.id.desc())
    .limit(1)
)


def last_review_id(reader: Reader, learner: int) -> int | None:
    """The id of the learner's last review not undone (what `u` would undo)."""
    found = _LAST.rows(reader, {"learner": learner})
    return found[0][0] if found else None


def _last_review(session: Session, learner: int, review_id: int | None) -> ReviewRow:
    query = select(ReviewRow).where(ReviewRow.learner_id == learner, ReviewRow.undone_ms.is_(None))
    last = session.scalar(query.order_by(ReviewRow.id.desc()).limit(1))
    if review_id is None:
        if last is None:
            raise Conflict("there is no review to undo")
        return last
    review = session.get(ReviewRow, review_id)
    if review is None or review.learner_id != learner:
        raise NotFound(f"there is no review with id {review_id}")
    if review.undone_ms is not None:
        raise Conflict(f"review {review_id} was already undone")
    if last is None or last.id != review.id:
        raise Conflict(f"review {review_id} is not the last one; undo the later ones first")
    return review


def undo_review(
    session: Session, learner: int, now: datetime, review_id: int | None = None
) -> ReviewResult:
    """Put the card back as it was before the last review; the review is marked undone, kept."""
    with write(session):
        review = _last_review(session, learner, review_id)
        state = session.get(CardState, (learner, review.card_id))
        assert state is not None
        for name, value in review.before.items():
            setattr(state, name, value)
        state.version += 1
        review.undone_ms = to_ms(now)
        uncount_review(session, review)
        mastery_changed(session.connection(), learner)
    return ReviewResult.of_rows(review, state)
