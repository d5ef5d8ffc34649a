"""What to review next: due cards first, then new ones up to the daily limits, within a scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from .models import NEW, CardRow, CardState, CardTag, ReviewRow
from .scheduling import to_ms

__all__ = ["Counts", "Limits", "Scope", "counts", "day_start", "list_cards", "next_card"]

LEARNING = (1, 3)
REVIEW = 2
LEARN_AHEAD = timedelta(minutes=20)


@dataclass(frozen=True)
class Scope:
    """Which cards to study: one deck (with its sub-decks), tag or note; empty means all."""

    deck: str = ""
    tag: str = ""
    note: str = ""

    @classmethod
    def from_args(cls, args: Any) -> Scope:
        """A scope from query parameters `deck=`, `tag=`, `note=`."""
        return cls(
            deck=(args.get("deck") or "").strip(),
            tag=(args.get("tag") or "").strip().lstrip("#"),
            note=(args.get("note") or "").strip(),
        )

    def to_dict(self) -> dict[str, str]:
        """The non-empty parts, as query parameters."""
        return {k: v for k, v in (("deck", self.deck), ("tag", self.tag), ("note", self.note)) if v}


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


def _scoped(stmt: Select, scope: Scope) -> Select:
    if scope.deck:
        stmt = stmt.where(
            or_(CardRow.deck == scope.deck, CardRow.deck.startswith(scope.deck + "::"))
        )
    if scope.note:
        stmt = stmt.where(CardRow.note == scope.note)
    if scope.tag:
        tagged = select(CardTag.card_id).where(
            or_(CardTag.tag == scope.tag, CardTag.tag.startswith(scope.tag + "/"))
        )
        stmt = stmt.where(CardRow.id.in_(tagged))
    return stmt


def _studyable(columns: Any, learner: int, scope: Scope) -> Select:
    stmt = (
        select(*columns)
        .select_from(CardState)
        .join(CardRow, CardRow.id == CardState.card_id)
        .where(
            CardState.learner_id == learner,
            CardRow.gone.is_(False),
            CardRow.suspended.is_(False),
            CardState.suspended.is_(False),
        )
    )
    return _scoped(stmt, scope)


def studied_today(session: Session, learner: int, now: datetime, limits: Limits) -> dict[str, int]:
    """Reviews done since the day started: new cards seen, review cards, and all."""
    since = to_ms(day_start(now, limits.day_starts_hour))
    rows = session.execute(
        select(ReviewRow.was_new, ReviewRow.state_before, func.count())
        .where(
            ReviewRow.learner_id == learner,
            ReviewRow.reviewed_ms >= since,
            ReviewRow.undone_ms.is_(None),
        )
        .group_by(ReviewRow.was_new, ReviewRow.state_before)
    )
    done = {"new": 0, "review": 0, "all": 0}
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


def _due(learner: int, scope: Scope, states: tuple[int, ...], until_ms: int) -> Select:
    return _studyable([CardRow, CardState], learner, scope).where(
        CardState.due_ms <= until_ms, CardState.state.in_(states)
    )


def _new(learner: int, scope: Scope) -> Select:
    return _studyable([CardRow, CardState], learner, scope).where(CardState.state == NEW)


def next_card(
    session: Session, learner: int, scope: Scope, limits: Limits, now: datetime
) -> tuple[CardRow, CardState] | None:
    """The card to show now: due learning cards, due reviews, new cards, then learn-ahead."""
    new_left, reviews_left = _left(studied_today(session, learner, now, limits), limits)
    now_ms = to_ms(now)
    due_states = LEARNING + ((REVIEW,) if reviews_left else ())
    queries = [_due(learner, scope, due_states, now_ms).order_by(CardState.due_ms)]
    if new_left:
        queries.append(_new(learner, scope).order_by(CardState.position, CardState.card_id))
    ahead = to_ms(now + LEARN_AHEAD)
    queries.append(_due(learner, scope, LEARNING, ahead).order_by(CardState.due_ms))
    for query in queries:
        found = session.execute(query.limit(1)).first()
        if found is not None:
            return found[0], found[1]
    return None


def _count(session: Session, query: Select, cap: int) -> int:
    if cap <= 0:
        return 0
    limited = query.with_only_columns(CardState.card_id).limit(cap).subquery()
    return int(session.scalar(select(func.count()).select_from(limited)) or 0)


def counts(session: Session, learner: int, scope: Scope, limits: Limits, now: datetime) -> Counts:
    """New, learning and review cards left today in a scope (capped by the daily limits)."""
    done = studied_today(session, learner, now, limits)
    new_left, reviews_left = _left(done, limits)
    now_ms = to_ms(now)
    return Counts(
        new=_count(session, _new(learner, scope), new_left),
        learning=_count(session, _due(learner, scope, LEARNING, to_ms(now + LEARN_AHEAD)), 10_000),
        review=_count(session, _due(learner, scope, (REVIEW,), now_ms), reviews_left),
        done=done["all"],
    )


def list_cards(
    session: Session, learner: int, scope: Scope, *, limit: int = 100, offset: int = 0
) -> tuple[int, list[tuple[CardRow, CardState | None]]]:
    """Cards in a scope in card-file order (gone ones left out), with the learner's state."""
    stmt = _scoped(select(CardRow).where(CardRow.gone.is_(False)), scope)
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
