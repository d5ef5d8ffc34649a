"""What to review next: due cards first, then new ones up to the daily limits, within a scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    bindparam,
    func,
    select,
)
from sqlalchemy.orm import Session

from ..storage.models import CardRow, CardState, ReviewRow, to_ms
from ..storage.scope import Scope, scoped
from .statements import LEARN_AHEAD, REVIEW, planning

__all__ = [
    "Counts",
    "Limits",
    "counts",
    "day_start",
    "list_cards",
    "next_card",
    "study_plan",
    "studied_today",
]


@dataclass(frozen=True)
class Limits:
    """Daily limits and when the day starts (hour of local time)."""

    new_per_day: int = 20
    reviews_per_day: int = 200
    day_starts_hour: int = 4


@dataclass(frozen=True)
class Counts:
    """Cards left today in a scope, and reviews done today."""

    new: int
    learning: int
    review: int
    done: int

    def to_dict(self) -> dict[str, int]:
        """Plain data for the JSON API."""
        return {
            "new": self.new,
            "learning": self.learning,
            "review": self.review,
            "done": self.done,
        }

    @property
    def left(self) -> int:
        """Cards left to study today."""
        return self.new + self.learning + self.review


def day_start(now: datetime, hour: int) -> datetime:
    """When the study day containing `now` began, in the server's local time."""
    local = now.astimezone()
    start = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    return start if start <= local else start - timedelta(days=1)


def _shape(scope: Scope) -> tuple[bool, bool, bool]:
    return bool(scope.deck), bool(scope.tag), bool(scope.note)


def _params(learner: int, scope: Scope, now: datetime) -> dict[str, Any]:
    return {
        "learner": learner,
        "deck": scope.deck,
        "deck_low": scope.deck + "::",
        "deck_high": scope.deck + ":;",
        "tag": scope.tag,
        "tag_low": scope.tag + "/",
        "tag_high": scope.tag + "0",
        "note": scope.note,
        "now": to_ms(now),
        "ahead": to_ms(now + LEARN_AHEAD),
    }


_STUDIED = (
    select(ReviewRow.was_new, ReviewRow.state_before, func.count())
    .where(
        ReviewRow.learner_id == bindparam("learner"),
        ReviewRow.reviewed_ms >= bindparam("since"),
        ReviewRow.undone_ms.is_(None),
    )
    .group_by(ReviewRow.was_new, ReviewRow.state_before)
)


_CARD_AND_STATE = (
    select(CardRow, CardState)
    .join(CardState, CardState.card_id == CardRow.id)
    .where(CardState.learner_id == bindparam("learner"), CardRow.id == bindparam("card"))
)
"""The next card and the learner's state of it, in one read."""


def studied_today(session: Session, learner: int, now: datetime, limits: Limits) -> dict[str, int]:
    """Reviews done since the day started: new cards seen, review cards, and all."""
    since = to_ms(day_start(now, limits.day_starts_hour))
    done = {"new": 0, "review": 0, "all": 0}
    rows = session.execute(_STUDIED, {"learner": learner, "since": since})
    for was_new, state_before, count in rows:
        done["all"] += count
        if was_new:
            done["new"] += count
        elif state_before == REVIEW:
            done["review"] += count
    return done


def _left(done: dict[str, int], limits: Limits) -> tuple[int, int]:
    return (
        max(0, limits.new_per_day - done["new"]),
        max(0, limits.reviews_per_day - done["review"]),
    )


def study_plan(
    session: Session, learner: int, scope: Scope, limits: Limits, now: datetime
) -> tuple[Counts, tuple[CardRow, CardState] | None]:
    """The counts and the next card, as the review page and `/api/next` show them."""
    done = studied_today(session, learner, now, limits)
    new_left, reviews_left = _left(done, limits)
    params = dict(
        _params(learner, scope, now), new_cap=new_left, learning_cap=10_000, review_cap=reviews_left
    )
    [planned] = session.execute(planning(*_shape(scope)), params).all()
    new, learning, review, card_id = planned
    left = Counts(
        new=min(new, new_left),
        learning=learning,
        review=min(review, reviews_left),
        done=done["all"],
    )
    if card_id is None:
        return left, None
    card, state = session.execute(_CARD_AND_STATE, {"learner": learner, "card": card_id}).one()
    return left, (card, state)


def next_card(
    session: Session, learner: int, scope: Scope, limits: Limits, now: datetime
) -> tuple[CardRow, CardState] | None:
    """The card to show now: due learning cards, due reviews, new cards, then learn-ahead."""
    return study_plan(session, learner, scope, limits, now)[1]


def counts(session: Session, learner: int, scope: Scope, limits: Limits, now: datetime) -> Counts:
    """New, learning and review cards left today in a scope (capped by the daily limits)."""
    return study_plan(session, learner, scope, limits, now)[0]


def list_cards(
    session: Session, learner: int, scope: Scope, *, limit: int = 100, offset: int = 0
) -> tuple[int, list[tuple[CardRow, CardState | None]]]:
    """Cards in a scope in card-file order (gone ones left out), with the learner's state."""
    stmt = scoped(select(CardRow).where(CardRow.gone.is_(False)), scope)
    total = int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)
    rows = list(
        session.scalars(stmt.order_by(CardRow.position, CardRow.id).limit(limit).offset(offset))
    )
    states = {
        state.card_id: state
        for state in session.scalars(
            select(CardState).where(
                CardState.learner_id == learner, CardState.card_id.in_([row.id for row in rows])
            )
        )
    }
    return total, [(row, states.get(row.id)) for row in rows]
