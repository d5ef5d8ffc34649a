"""The queue's SQL: statements built once per scope shape (deck, tag, note) with bound values.

Composing SQL costs more than running it, so each shape's statements are made once and
SQLAlchemy's statement cache does the rest.
"""

from __future__ import annotations

from datetime import timedelta
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

from ..storage.models import NEW, CardState, CardTag

__all__ = ["LEARN_AHEAD", "LEARNING", "REVIEW", "candidates", "planning"]


LEARNING = (1, 3)
REVIEW = 2
LEARN_AHEAD = timedelta(minutes=20)


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
def candidates(kind: str, deck: bool, tag: bool, note: bool) -> Select:
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


@lru_cache(maxsize=64)
def _first(kind: str, deck: bool, tag: bool, note: bool) -> Select:
    return candidates(kind, deck, tag, note).limit(1)


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
        limited = candidates(kind, deck, tag, note).order_by(None).limit(bindparam(cap))
        return select(func.count()).select_from(limited.subquery()).scalar_subquery()

    return select(
        capped("new", "new_cap"), capped("ahead", "learning_cap"), capped("review", "review_cap")
    )


@lru_cache(maxsize=16)
def planning(deck: bool, tag: bool, note: bool) -> Select:
    """A scope shape's counts and next card id in one statement (fewer round trips).

    COALESCE stops at the first kind that has a card: due learning cards, due reviews (while
    the daily review limit allows), new cards (while the new limit allows), then learn-ahead.
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
    return _counting(deck, tag, note).add_columns(card)
