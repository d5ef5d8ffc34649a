"""Record a review (once, however often it is sent) and undo the last one."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from fsrs import Rating
from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .counts import count_review_fast, uncount_review
from .db import Prepared, Reader, write
from .errors import BadInput, Conflict, NotFound
from .mastery import mastery_changed
from .models import NEW, CardRow, CardState, ReviewRow
from .scheduling import next_state, parse_rating, to_ms

__all__ = ["ReviewResult", "last_review_id", "submit_review", "undo_review"]


@dataclass(frozen=True)
class ReviewResult:
    """The stored review, the card's state after it, and whether it was already recorded."""

    review: ReviewRow
    state: CardState
    duplicate: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the JSON API."""
        return {
            "review": self.review.to_dict(),
            "state": self.state.to_dict(),
            "duplicate": self.duplicate,
        }


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
    return ReviewResult(review, state, duplicate=True)


def _new_state(session: Session, learner: int, card_id: str) -> tuple[int, dict]:
    """A state for a card that has none yet (a learner made after the last sync)."""
    card = session.get(CardRow, card_id)
    if card is None:
        raise NotFound(f"there is no card with id {card_id!r}")
    with write(session):
        _add_state(session, learner, card)
    read = _read_state(session.connection(), learner, card_id)
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


_STATE_FIELDS = tuple(CardState().fsrs_dict())
_READ_STATE = Prepared(
    select(CardState.version, *(CardState.__table__.c[name] for name in _STATE_FIELDS)).where(
        CardState.learner_id == bindparam("learner"), CardState.card_id == bindparam("card")
    )
)
_FIND_TOKEN = Prepared(
    select(ReviewRow.id).where(
        ReviewRow.learner_id == bindparam("learner"), ReviewRow.token == bindparam("token")
    )
)
_MOVE = Prepared(
    update(CardState)
    .where(
        CardState.learner_id == bindparam("learner"),
        CardState.card_id == bindparam("card"),
        CardState.version == bindparam("version"),
    )
    .values(
        version=bindparam("new_version"),
        **{name: bindparam(f"new_{name}") for name in _STATE_FIELDS},
    )
)
_REVIEW_FIELDS = [column.key for column in ReviewRow.__table__.columns if column.key != "id"]
_LOG = Prepared(
    insert(ReviewRow)
    .values({name: bindparam(f"r_{name}") for name in _REVIEW_FIELDS})
    .returning(ReviewRow.id)
)


def _read_state(connection: Connection, learner: int, card_id: str) -> tuple[int, dict] | None:
    """The card's version and scheduling fields (as in `fsrs_dict`), or None."""
    row = _READ_STATE.run(connection, {"learner": learner, "card": card_id}).first()
    if row is None:
        return None
    return row[0], dict(zip(_STATE_FIELDS, row[1:], strict=True))


def _after(before: dict, rating: Rating, now: datetime, retention: float) -> tuple[dict, int]:
    """The scheduling fields after the review, and the FSRS state it lands in."""
    outcome = next_state(before, rating, now, retention)
    lapsed = before["state"] == 2 and rating == Rating.Again
    after = dict(before, **asdict(outcome))
    after.update(reps=before["reps"] + 1, lapses=before["lapses"] + int(lapsed))
    return after, outcome.state


@dataclass(frozen=True)
class _Review:
    """One review to record: who, which card, the rating, when, and its idempotency key."""

    learner: int
    card_id: str
    rating: Rating
    now: datetime
    retention: float
    token: str
    duration_ms: int | None


def _move(connection: Connection, review: _Review, version: int, before: dict) -> dict | None:
    """Move the card from `before` to its next state if it is still at `version`."""
    after, _state = _after(before, review.rating, review.now, review.retention)
    params = {f"new_{name}": after[name] for name in _STATE_FIELDS}
    params.update(learner=review.learner, card=review.card_id, version=version)
    moved = _MOVE.run(connection, dict(params, new_version=version + 1))
    return after if moved.rowcount == 1 else None


def _log(connection: Connection, review: _Review, before: dict, after: dict) -> ReviewRow:
    """Insert the review log row (and its quarter-hour count); the row as a detached object."""
    values = {
        "learner_id": review.learner,
        "card_id": review.card_id,
        "token": review.token,
        "rating": int(review.rating),
        "reviewed_ms": to_ms(review.now),
        "duration_ms": review.duration_ms,
        "was_new": before["state"] == NEW,
        "state_before": before["state"],
        "state_after": after["state"],
        "undone_ms": None,
    }
    params = {f"r_{name}": value for name, value in values.items()}
    params.update(r_before=json.dumps(before), r_after=json.dumps(after))
    review_id = _LOG.run(connection, params).scalar_one()
    count_review_fast(
        connection, review.learner, values["reviewed_ms"], before["state"], values["rating"]
    )
    return ReviewRow(id=review_id, before=before, after=after, **values)


def _record(
    session: Session, review: _Review, version: int | None, read: tuple[int, dict]
) -> ReviewResult:
    """The write transaction: the FSRS step was worked out before it, so the lock is short."""
    with write(session):
        connection = session.connection()
        found = _FIND_TOKEN.run(connection, {"learner": review.learner, "token": review.token})
        if found.first() is not None:
            return _duplicate(session, review.learner, review.token)
        at, before = read
        after = _move(connection, review, at, before) if version in (None, at) else None
        if after is None:  # reviewed since it was read: take it as it is now
            now_read = _read_state(connection, review.learner, review.card_id)
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
    state = CardState(learner_id=review.learner, card_id=review.card_id, version=at + 1, **after)
    return ReviewResult(row, state)


def _duplicate(session: Session, learner: int, token: str) -> ReviewResult:
    found = _recorded(session, learner, token)
    assert found is not None
    return found


def submit_review(
    session: Session,
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
    """Rate a card: one transaction; the same token (or version) sent again records nothing."""
    parsed = parse_rating(rating)
    if parsed is None:
        raise BadInput(f"rating must be 1-4 or again/hard/good/easy, not {rating!r}")
    if duration_ms is not None and not 0 <= duration_ms <= 86_400_000:
        raise BadInput("duration_ms must be between 0 and 86400000")
    key = _check_token(token, card_id, version)
    review = _Review(learner, card_id, parsed, now, retention, key, duration_ms)
    if session.in_transaction():
        session.rollback()
    read = _read_state(session.connection(), learner, card_id)
    if read is None:
        read = _new_state(session, learner, card_id)
    try:
        return _record(session, review, version, read)
    except IntegrityError:
        # Another request with the same token won the race: report what it stored.
        session.rollback()
        found = _recorded(session, learner, key)
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
    return ReviewResult(review, state)
