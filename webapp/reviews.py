"""Record a review (once, however often it is sent) and undo the last one."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from fsrs import Rating
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from .counts import count_review, uncount_review
from .db import write
from .errors import BadInput, Conflict, NotFound
from .models import NEW, CardRow, CardState, ReviewRow
from .scheduling import next_state, parse_rating, to_ms

__all__ = ["ReviewResult", "submit_review", "undo_review"]


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
    state = session.get(CardState, (learner, review.card_id))
    assert state is not None
    return ReviewResult(review, state, duplicate=True)


def _state_for(session: Session, learner: int, card_id: str) -> CardState:
    state = session.get(CardState, (learner, card_id))
    if state is not None:
        return state
    card = session.get(CardRow, card_id)
    if card is None:
        raise NotFound(f"there is no card with id {card_id!r}")
    state = CardState(
        learner_id=learner,
        card_id=card_id,
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
    return state


def _apply(
    session: Session,
    state: CardState,
    rating: Rating,
    now: datetime,
    retention: float,
    token: str,
    duration_ms: int | None,
) -> ReviewRow:
    before = state.fsrs_dict()
    outcome = next_state(before, rating, now, retention)
    lapsed = before["state"] == 2 and rating == Rating.Again
    after = dict(before, **asdict(outcome))
    after.update(reps=before["reps"] + 1, lapses=before["lapses"] + int(lapsed))
    moved = session.execute(
        update(CardState)
        .where(
            CardState.learner_id == state.learner_id,
            CardState.card_id == state.card_id,
            CardState.version == state.version,
        )
        .values(version=state.version + 1, **after),
        execution_options={"synchronize_session": False},
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict("the card was reviewed meanwhile; reload to see it as it is now")
    # Keep the loaded object in step without a second UPDATE or a reload.
    for name, value in dict(after, version=state.version + 1).items():
        set_committed_value(state, name, value)
    review = ReviewRow(
        learner_id=state.learner_id,
        card_id=state.card_id,
        token=token,
        rating=int(rating),
        reviewed_ms=to_ms(now),
        duration_ms=duration_ms,
        was_new=before["state"] == NEW,
        state_before=before["state"],
        state_after=outcome.state,
        before=before,
        after=after,
    )
    session.add(review)
    count_review(session, review)
    return review


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
    try:
        with write(session):
            found = _recorded(session, learner, key)
            if found is not None:
                return found
            state = _state_for(session, learner, card_id)
            if version is not None and version != state.version:
                raise Conflict(
                    f"card {card_id!r} is at version {state.version}, not {version}; reload it"
                )
            review = _apply(session, state, parsed, now, retention, key, duration_ms)
        return ReviewResult(review, state)
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
    return ReviewResult(review, state)
