"""Record a review (once, however often it is sent) and undo the last one.

Each review is one short transaction: lock the card's state (its row on PostgreSQL, the
database on SQLite), move the state on by FSRS, log the review, count it. A token already in the
log is refused by its unique index, and the review first logged under it is the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fsrs import Rating
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..errors import BadInput, Conflict, NotFound
from ..storage.counts import count_review, uncount_review
from ..storage.db import write
from ..storage.models import NEW, CardRow, CardState, ReviewRow, to_ms
from ..storage.versions import mastery_changed
from .scheduling import next_state, parse_rating

__all__ = ["LONGEST_REVIEW_MS", "ReviewResult", "last_review_id", "submit_review", "undo_review"]

LONGEST_TOKEN = 128
LONGEST_REVIEW_MS = 86_400_000
"""The longest time a review may say it took: a day."""


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
        if len(token) > LONGEST_TOKEN:
            raise BadInput(f"review token is longer than {LONGEST_TOKEN} characters")
        return token
    if version is None:
        raise BadInput("send a review token or the card's version so a retry counts once")
    return f"{card_id}@{version}"


def _recorded(session: Session, learner: int, token: str) -> ReviewResult | None:
    """The review already logged under this token, as a duplicate; None when there is none."""
    review = session.scalar(
        select(ReviewRow).where(ReviewRow.learner_id == learner, ReviewRow.token == token)
    )
    if review is None:
        return None
    state = session.get(CardState, (learner, review.card_id), populate_existing=True)
    assert state is not None
    return ReviewResult.of_rows(review, state, duplicate=True)


def _locked_state(session: Session, learner: int, card_id: str) -> CardState:
    """The learner's state of the card, locked for this transaction (made if it has none)."""
    key = (learner, card_id)
    state = session.get(CardState, key, with_for_update=True, populate_existing=True)
    if state is not None:
        return state
    card = session.get(CardRow, card_id)
    if card is None:
        raise NotFound(f"there is no card with id {card_id!r}")
    state = CardState(
        learner_id=learner,
        card_id=card.id,
        position=card.position,
        deck=card.deck,
        note=card.note,
        hidden=card.gone or card.suspended,
        state=NEW,
        reps=0,
        lapses=0,
        version=0,
        suspended=False,
    )
    session.add(state)
    session.flush()
    return state


def after_review(before: dict, rating: Rating, now: datetime, retention: float) -> dict:
    """The scheduling fields after a review (fields as in `CardState.fsrs_dict`)."""
    outcome = next_state(before, rating, now, retention)
    lapsed = before["state"] == 2 and rating == Rating.Again
    after = dict(before)
    after.update(outcome.fields(), reps=before["reps"] + 1, lapses=before["lapses"] + int(lapsed))
    return after


@dataclass(frozen=True)
class _Review:
    """One review to record: the rating, when, how long it took, and its idempotency key."""

    rating: Rating
    now: datetime
    retention: float
    token: str
    duration_ms: int | None


def _record(session: Session, state: CardState, review: _Review) -> ReviewResult:
    """Move the locked state on, log the review and count it (inside the transaction)."""
    before = state.fsrs_dict()
    after = after_review(before, review.rating, review.now, review.retention)
    for name, value in after.items():
        setattr(state, name, value)
    state.version += 1
    row = ReviewRow(
        learner_id=state.learner_id,
        card_id=state.card_id,
        token=review.token,
        rating=int(review.rating),
        reviewed_ms=to_ms(review.now),
        duration_ms=review.duration_ms,
        was_new=before["state"] == NEW,
        state_before=before["state"],
        state_after=after["state"],
        before=before,
        after=after,
    )
    session.add(row)
    session.flush()
    count_review(session, row)
    mastery_changed(session.connection(), state.learner_id)
    return ReviewResult.of_rows(row, state)


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
    """Rate a card in one transaction; the same token (or version) sent again records nothing."""
    parsed = parse_rating(rating)
    if parsed is None:
        raise BadInput(f"rating must be 1-4 or again/hard/good/easy, not {rating!r}")
    if duration_ms is not None and not 0 <= duration_ms <= LONGEST_REVIEW_MS:
        raise BadInput(f"duration_ms must be between 0 and {LONGEST_REVIEW_MS}")
    key = _check_token(token, card_id, version)
    review = _Review(parsed, now, retention, key, duration_ms)
    try:
        with write(session):
            state = _locked_state(session, learner, card_id)
            if version is not None and version != state.version:
                found = _recorded(session, learner, key)  # a retry of a recorded review?
                if found is not None:
                    return found
                raise Conflict(
                    f"card {card_id!r} is at version {state.version}, not {version}; reload it"
                )
            return _record(session, state, review)
    except IntegrityError:
        # The token was logged already (a retry: the log's unique token refuses it), or another
        # request made the same state first.
        session.rollback()
        found = _recorded(session, learner, key)
        session.rollback()
        if found is None:
            raise Conflict("the card was reviewed meanwhile; reload to see it as it is") from None
        return found


def last_review_id(session: Session, learner: int) -> int | None:
    """The id of the learner's last review not undone (what `u` would undo)."""
    return session.scalar(
        select(ReviewRow.id)
        .where(ReviewRow.learner_id == learner, ReviewRow.undone_ms.is_(None))
        .order_by(ReviewRow.id.desc())
        .limit(1)
    )


def _last_review(session: Session, learner: int, review_id: int | None) -> ReviewRow:
    last_id = last_review_id(session, learner)
    if review_id is None:
        if last_id is None:
            raise Conflict("there is no review to undo")
        review_id = last_id
    review = session.get(ReviewRow, review_id, with_for_update=True, populate_existing=True)
    if review is None or review.learner_id != learner:
        raise NotFound(f"there is no review with id {review_id}")
    if review.undone_ms is not None:
        raise Conflict(f"review {review_id} was already undone")
    if last_id != review.id:
        raise Conflict(f"review {review_id} is not the last one; undo the later ones first")
    return review


def undo_review(
    session: Session, learner: int, now: datetime, review_id: int | None = None
) -> ReviewResult:
    """Put the card back as it was before the last review; the review is marked undone, kept."""
    with write(session):
        review = _last_review(session, learner, review_id)
        state = _locked_state(session, learner, review.card_id)
        for name, value in review.before.items():
            setattr(state, name, value)
        state.version += 1
        review.undone_ms = to_ms(now)
        uncount_review(session, review)
        mastery_changed(session.connection(), learner)
    return ReviewResult.of_rows(review, state)
