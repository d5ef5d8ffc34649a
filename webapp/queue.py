"""What to review next: due cards first, then new ones up to the daily limits, within a scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Integer,
    Select,
    and_,
    bindparam,
    case,
    exists,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.orm import Session

from .models import NEW, CardRow, CardState, CardTag, ReviewRow
from .scheduling import to_ms

__all__ = [
    "Counts",
    "Limits",
    "Scope",
    "counts",
    "day_start",
    "list_cards",
    "next_card",
    "study_plan",
    "study_plan_until",
    "studied_today",
]

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
        # A range, not LIKE, so the deck index also serves sub-decks (`a`, then `a::b`).
        below = and_(CardRow.deck >= scope.deck + "::", CardRow.deck < scope.deck + ":;")
        stmt = stmt.where(or_(CardRow.deck == scope.deck, below))
    if scope.note:
        stmt = stmt.where(CardRow.note == scope.note)
    if scope.tag:
        nested = and_(CardTag.tag >= scope.tag + "/", CardTag.tag < scope.tag + "0")
        tagged = select(CardTag.card_id).where(or_(CardTag.tag == scope.tag, nested))
        stmt = stmt.where(CardRow.id.in_(tagged))
    return stmt


def _in_scope(stmt: Select, deck: bool, tag: bool, note: bool, *, tag_list: bool) -> Select:
    state = CardState
    if deck:
        # A range, not LIKE, so the deck index also serves sub-decks (`a`, then `a::b`).
        below = and_(state.deck >= bindparam("deck_low"), state.deck < bindparam("deck_high"))
        stmt = stmt.where(or_(state.deck == bindparam("deck"), below))
    if note:
        stmt = stmt.where(state.note == bindparam("note"))
    if tag:
        nested = and_(CardTag.tag >= bindparam("tag_low"), CardTag.tag < bindparam("tag_high"))
        named = or_(CardTag.tag == bindparam("tag"), nested)
        if tag_list:  # walk the tag's cards (for counting all of them)
            stmt = stmt.where(state.card_id.in_(select(CardTag.card_id).where(named)))
        else:  # walk the study order and stop at the first tagged card
            stmt = stmt.where(exists().where(CardTag.card_id == state.card_id, named))
    return stmt


def _visible() -> Select:
    state = CardState
    return select(state.card_id).where(
        state.learner_id == bindparam("learner"),
        state.hidden.is_(False),
        state.suspended.is_(False),
    )


@lru_cache(maxsize=128)
def _candidates(kind: str, deck: bool, tag: bool, note: bool) -> Select:
    """Card ids of one kind (learning, review, new, ahead) in a scope shape, in study order.

    Built once per shape with bound parameters: composing SQL costs more than running it.
    """
    state = CardState
    stmt = _in_scope(_visible(), deck, tag, note, tag_list=False)
    if kind == "new":
        return stmt.where(state.state == NEW).order_by(state.position, state.card_id)
    states = (REVIEW,) if kind == "review" else LEARNING
    until: Any = bindparam("ahead" if kind == "ahead" else "now")
    kinds = or_(*(state.state == literal_column(str(n)) for n in states))
    return stmt.where(kinds, state.due_ms <= until).order_by(state.due_ms)


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


@lru_cache(maxsize=64)
def _first(kind: str, deck: bool, tag: bool, note: bool) -> Select:
    return _candidates(kind, deck, tag, note).limit(1)


@lru_cache(maxsize=16)
def _counting(deck: bool, tag: bool, note: bool) -> Select:
    """One statement counting new, learning and review cards of a scope shape.

    A note or a tag is a small set of cards: one pass over it counts all three. Everything, or
    a deck, is large: each count walks its own index and stops at the daily cap.
    """
    state = CardState
    if tag or note:
        learning_states = or_(*(state.state == literal_column(str(n)) for n in LEARNING))
        learning = and_(learning_states, state.due_ms <= bindparam("ahead"))
        review = and_(state.state == REVIEW, state.due_ms <= bindparam("now"))
        one_pass = _in_scope(_visible(), deck, tag, note, tag_list=True)
        return one_pass.with_only_columns(
            func.count(case((state.state == NEW, 1))),
            func.count(case((learning, 1))),
            func.count(case((review, 1))),
        )

    def capped(kind: str, cap: str) -> Any:
        limited = _candidates(kind, deck, tag, note).order_by(None).limit(bindparam(cap))
        return select(func.count()).select_from(limited.subquery()).scalar_subquery()

    return select(
        capped("new", "new_cap"), capped("ahead", "learning_cap"), capped("review", "review_cap")
    )


_STUDIED = (
    select(ReviewRow.was_new, ReviewRow.state_before, func.count())
    .where(
        ReviewRow.learner_id == bindparam("learner"),
        ReviewRow.reviewed_ms >= bindparam("since"),
        ReviewRow.undone_ms.is_(None),
    )
    .group_by(ReviewRow.was_new, ReviewRow.state_before)
)


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


@lru_cache(maxsize=16)
def _planning(deck: bool, tag: bool, note: bool) -> Select:
    """Counts, the next card's id and the plan's horizon in one statement (fewer round trips).

    COALESCE stops at the first kind that has a card: due learning cards, due reviews (while
    the daily review limit allows), new cards (while the new limit allows), then learn-ahead.
    The horizon is when the next learning card falls due, enters the learn-ahead window, and
    when the next review card falls due (see `study_plan_until`).
    """

    def first(kind: str, gate: str | None) -> Any:
        stmt = _first(kind, deck, tag, note)
        if gate is not None:
            stmt = stmt.where(bindparam(gate, type_=Integer) > 0)
        return stmt.scalar_subquery()

    card = func.coalesce(
        first("learning", None),
        first("review", "review_cap"),
        first("new", "new_cap"),
        first("ahead", None),
    )
    # One subquery per state, so each walks its index in due order and stops at once.
    horizon = [
        _first_due_after(state, bound, deck, tag, note).scalar_subquery()
        for state, bound in _HORIZON
    ]
    return _counting(deck, tag, note).add_columns(card, *horizon)


def study_plan(
    session: Session, learner: int, scope: Scope, limits: Limits, now: datetime
) -> tuple[Counts, tuple[CardRow, CardState] | None]:
    """The counts and the next card, as the review page and `/api/next` show them."""
    return study_plan_until(session, learner, scope, limits, now)[0]


def study_plan_until(
    session: Session, learner: int, scope: Scope, limits: Limits, now: datetime
) -> tuple[tuple[Counts, tuple[CardRow, CardState] | None], int | None]:
    """`study_plan`, and until when (ms) it stays right if no card changes (None: for ever).

    Only the clock moves a plan: a learning card falling due (it comes first), one coming within
    the learn-ahead window (it is counted), or a review card falling due.
    """
    done = studied_today(session, learner, now, limits)
    new_left, reviews_left = _left(done, limits)
    params = dict(
        _params(learner, scope, now), new_cap=new_left, learning_cap=10_000, review_cap=reviews_left
    )
    [planned] = session.execute(_planning(*_shape(scope)), params).all()
    new, learning, review, card_id, *horizon = planned
    left = Counts(
        new=min(new, new_left),
        learning=learning,
        review=min(review, reviews_left),
        done=done["all"],
    )
    until = _until(*horizon)
    if card_id is None:
        return (left, None), until
    card = session.get(CardRow, card_id)
    state = session.get(CardState, (learner, card_id))
    assert card is not None and state is not None
    return (left, (card, state)), until


_HORIZON = (
    *((state, "now") for state in LEARNING),
    *((state, "ahead") for state in LEARNING),
    (REVIEW, "now"),
)
"""What the plan's horizon asks: when the next card of each state falls due after a bound."""


@lru_cache(maxsize=64)
def _first_due_after(state_number: int, bound: str, deck: bool, tag: bool, note: bool) -> Select:
    """When the first card in a state (and a scope) falls due after `bound`."""
    state = CardState
    stmt = _in_scope(_visible(), deck, tag, note, tag_list=False)
    stmt = stmt.where(state.state == literal_column(str(state_number)))
    stmt = stmt.where(state.due_ms > bindparam(bound)).order_by(state.due_ms).limit(1)
    return stmt.with_only_columns(state.due_ms)


def _until(*due: int | None) -> int | None:
    """The first of: a learning card due, one entering the learn-ahead window, a review due
    (`due` as `_HORIZON` asks)."""
    window = int(LEARN_AHEAD.total_seconds() * 1000)
    times = [
        moment - window if bound == "ahead" else moment
        for (_state, bound), moment in zip(_HORIZON, due, strict=True)
        if moment is not None
    ]
    return min(times, default=None)


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
