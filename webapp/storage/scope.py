"""Which cards to study, browse or list: one deck (with its sub-decks), tag or note."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, or_, select

from .models import CardRow, CardTag

__all__ = ["Scope", "scoped"]


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


def scoped(stmt: Select, scope: Scope) -> Select:
    """`stmt` (over `cards`) narrowed to the cards of the scope."""
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
