"""The card browser: search cards, suspend and unsuspend them, and read a card's history."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from ..errors import BadInput, NotFound
from ..inputs import whole_number
from ..storage.db import write
from ..storage.models import CardRow, CardState, ReviewRow
from ..storage.quiz_models import QuizAnswerRow
from ..storage.scope import Scope, scoped
from ..storage.versions import mastery_changed

__all__ = [
    "RATING_NAMES",
    "STATE_NAMES",
    "STATES",
    "card_status",
    "CardHistory",
    "CardQuery",
    "card_history",
    "search_cards",
    "set_suspended",
]

STATES = ("new", "learning", "review", "relearning", "suspended", "gone")
_FSRS = {"new": 0, "learning": 1, "review": 2, "relearning": 3}
MAX_PER_PAGE = 200


STATE_NAMES = {0: "new", 1: "learning", 2: "review", 3: "relearning"}
RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


def card_status(card: CardRow, state: CardState | None) -> str:
    """The card's status in words: gone, suspended, or its FSRS state."""
    if card.gone:
        return "gone"
    if card.suspended or (state is not None and state.suspended):
        return "suspended"
    return STATE_NAMES.get(state.state if state is not None else 0, "new")


@dataclass(frozen=True)
class CardQuery:
    """What the browser looks for: words, note, tag, deck, state, and which page of results."""

    text: str = ""
    note: str = ""
    tag: str = ""
    deck: str = ""
    state: str = ""
    page: int = 1
    per_page: int = 50

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> CardQuery:
        """A query from the page's or the API's query parameters; bad values are a 400."""
        state = (args.get("state") or "").strip().lower()
        if state and state not in STATES:
            raise BadInput(f"state must be one of {', '.join(STATES)}, not {state!r}")
        scope = Scope.from_args(args)
        return cls(
            text=(args.get("q") or "").strip()[:200],
            note=scope.note,
            tag=scope.tag,
            deck=scope.deck,
            state=state,
            page=_whole(args, "page", 1, 1, 10**6),
            per_page=_whole(args, "per_page", 50, 1, MAX_PER_PAGE),
        )

    def to_dict(self) -> dict[str, Any]:
        """The non-default parts, as query parameters (`q` for the text)."""
        parts = {"q": self.text, "note": self.note, "tag": self.tag, "deck": self.deck}
        found: dict[str, Any] = {k: v for k, v in parts.items() if v}
        if self.state:
            found["state"] = self.state
        if self.per_page != 50:
            found["per_page"] = self.per_page
        return found


def _whole(args: Mapping[str, Any], name: str, default: int, least: int, most: int) -> int:
    return whole_number(args.get(name) or default, name, least, most)


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(query: CardQuery, learner: int) -> Any:
    state = CardState
    joined = and_(state.card_id == CardRow.id, state.learner_id == learner)
    stmt = select(CardRow, state).outerjoin(state, joined)
    stmt = scoped(stmt, Scope(query.deck, query.tag, query.note))
    if query.text:
        pattern = _like(query.text)
        stmt = stmt.where(
            or_(
                func.lower(CardRow.question).like(pattern, escape="\\"),
                func.lower(CardRow.answer).like(pattern, escape="\\"),
            )
        )
    if query.state == "gone":
        return stmt.where(CardRow.gone.is_(True))
    stmt = stmt.where(CardRow.gone.is_(False))
    suspended = or_(CardRow.suspended.is_(True), state.suspended.is_(True))
    if query.state == "suspended":
        return stmt.where(suspended)
    if query.state:
        fsrs = func.coalesce(state.state, 0) == _FSRS[query.state]
        return stmt.where(fsrs, ~suspended)
    return stmt


def search_cards(
    session: Session, learner: int, query: CardQuery
) -> tuple[int, list[tuple[CardRow, CardState | None]]]:
    """How many cards match, and the page asked for, in card-file order."""
    stmt = _filtered(query, learner)
    total = int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)
    page = stmt.order_by(CardRow.position, CardRow.id)
    page = page.limit(query.per_page).offset((query.page - 1) * query.per_page)
    return total, [(row[0], row[1]) for row in session.execute(page)]


def set_suspended(session: Session, learner: int, card_ids: Sequence[str], suspended: bool) -> int:
    """Suspend or unsuspend cards for one learner (kept across syncs); returns how many changed."""
    if not 1 <= len(card_ids) <= 1000 or not all(isinstance(i, str) and i for i in card_ids):
        raise BadInput("card_ids must be a list of 1 to 1000 card ids")
    ids = sorted(set(card_ids))
    with write(session):
        known = set(
            session.scalars(
                select(CardState.card_id).where(
                    CardState.learner_id == learner, CardState.card_id.in_(ids)
                )
            )
        )
        missing = [i for i in ids if i not in known]
        if missing:
            raise NotFound(f"there is no card with id {missing[0]!r}")
        changed = session.execute(
            update(CardState)
            .where(
                CardState.learner_id == learner,
                CardState.card_id.in_(ids),
                CardState.suspended.is_(not suspended),
            )
            .values(suspended=suspended, version=CardState.version + 1),
            execution_options={"synchronize_session": False},
        )
        mastery_changed(session.connection(), learner)
    return int(changed.rowcount)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class CardHistory:
    """A card, the learner's state of it, its reviews (oldest first) and its quiz answers."""

    card: CardRow
    state: CardState | None
    reviews: list[ReviewRow]
    quiz_answers: list[QuizAnswerRow]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the JSON API."""
        return {
            "card": self.card.to_dict(),
            "state": self.state.to_dict() if self.state else None,
            "suspended": bool(self.state and self.state.suspended),
            "reviews": [review.to_dict() for review in self.reviews],
            "quiz_answers": [answer.to_dict() for answer in self.quiz_answers],
        }


def card_history(session: Session, learner: int, card_id: str) -> CardHistory:
    """Everything the learner did with one card; 404 for an unknown card."""
    card = session.get(CardRow, card_id)
    if card is None:
        raise NotFound(f"there is no card with id {card_id!r}")
    reviews = session.scalars(
        select(ReviewRow)
        .where(ReviewRow.card_id == card_id, ReviewRow.learner_id == learner)
        .order_by(ReviewRow.reviewed_ms, ReviewRow.id)
    )
    answers = session.scalars(
        select(QuizAnswerRow)
        .where(QuizAnswerRow.card_id == card_id, QuizAnswerRow.learner_id == learner)
        .order_by(QuizAnswerRow.answered_ms, QuizAnswerRow.id)
    )
    state = session.get(CardState, (learner, card_id))
    return CardHistory(card, state, list(reviews), list(answers))
