"""Cards and card files: small records with symmetric serialization."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

__all__ = ["Card", "CardFile", "CardType", "Origin"]


class CardType(StrEnum):
    """How a card is asked: front/back, both ways, or a cloze deletion."""

    BASIC = "basic"
    REVERSE = "reverse"
    CLOZE = "cloze"


class Origin(StrEnum):
    """Where a card came from in the note."""

    EXPLICIT = "explicit"
    TABLE = "table"
    DEFINITION = "definition"
    QUESTION = "question"
    QUANTITY = "quantity"
    LIST = "list"
    STATEMENT = "statement"
    COMMAND = "command"
    MANUAL = "manual"


_KNOWN = {
    "id",
    "type",
    "front",
    "back",
    "text",
    "context",
    "anchor",
    "line",
    "origin",
    "tags",
    "suspended",
    "fact",
}


@dataclass(frozen=True)
class Card:
    """One flashcard. `fact` fingerprints the generated text so hand edits can be noticed."""

    id: str
    type: CardType
    front: str = ""
    back: str = ""
    text: str = ""
    context: tuple[str, ...] = ()
    anchor: str | None = None
    line: int = 0
    origin: Origin = Origin.MANUAL
    tags: tuple[str, ...] = ()
    suspended: bool = False
    fact: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def question(self) -> str:
        """The side shown first (cloze text for cloze cards)."""
        return self.text if self.type is CardType.CLOZE else self.front

    def to_dict(self) -> dict[str, Any]:
        """Plain data in the card-file field order; empty optional fields are left out."""
        data: dict[str, Any] = {"id": self.id, "type": self.type.value}
        if self.type is CardType.CLOZE:
            data["text"] = self.text
        else:
            data["front"] = self.front
            data["back"] = self.back
        data["context"] = list(self.context)
        data["anchor"] = self.anchor
        data["line"] = self.line
        data["origin"] = self.origin.value
        data["tags"] = list(self.tags)
        if self.suspended:
            data["suspended"] = True
        if self.fact:
            data["fact"] = self.fact
        data.update(self.extra)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Card:
        """Inverse of `to_dict`; unknown fields are kept in `extra` and written back."""
        return cls(
            id=str(data["id"]),
            type=CardType(data.get("type", "basic")),
            front=str(data.get("front") or ""),
            back=str(data.get("back") or ""),
            text=str(data.get("text") or ""),
            context=tuple(str(c) for c in data.get("context") or ()),
            anchor=data.get("anchor") or None,
            line=int(data.get("line") or 0),
            origin=Origin(data.get("origin") or "manual"),
            tags=tuple(str(t) for t in data.get("tags") or ()),
            suspended=_flag(data.get("suspended", False)),
            fact=str(data.get("fact") or ""),
            extra={k: v for k, v in data.items() if k not in _KNOWN},
        )

    def with_changes(self, **changes: Any) -> Card:
        """A copy with some fields replaced."""
        return replace(self, **changes)


def _flag(value: Any) -> bool:
    """A yes/no field, read the way YAML 1.1 reads `yes`, `no`, `on`, `off` too."""
    if isinstance(value, str):
        return value.strip().lower() in {"yes", "y", "true", "on", "1"}
    return bool(value)


@dataclass(frozen=True)
class CardFile:
    """The cards of one note (`note` set) or a hand-written file (`note` is None).

    `deleted` holds the ids of generated cards the user removed from the file (never written
    again); `generated` the ids quizgen wrote last time, which tells such a removal apart from
    a card it has not made yet.
    """

    cards: tuple[Card, ...]
    note: str | None = None
    title: str = ""
    deck: str = ""
    page: str = ""
    tags: tuple[str, ...] = ()
    source_hash: str = ""
    deleted: tuple[str, ...] = ()
    generated: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain data with `note` first, as the card-file format documents."""
        data: dict[str, Any] = {}
        if self.note is not None:
            data["note"] = self.note
        data["title"] = self.title
        data["deck"] = self.deck
        data["page"] = self.page
        data["tags"] = list(self.tags)
        if self.source_hash:
            data["source_hash"] = self.source_hash
        if self.deleted:
            data["deleted"] = list(self.deleted)
        data["cards"] = [card.to_dict() for card in self.cards]
        if self.generated:
            data["generated"] = list(self.generated)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CardFile:
        """Inverse of `to_dict`."""
        return cls(
            cards=tuple(Card.from_dict(card) for card in data.get("cards") or ()),
            note=data.get("note"),
            title=str(data.get("title") or ""),
            deck=str(data.get("deck") or ""),
            page=str(data.get("page") or ""),
            tags=tuple(str(t) for t in data.get("tags") or ()),
            source_hash=str(data.get("source_hash") or ""),
            deleted=tuple(str(i) for i in data.get("deleted") or ()),
            generated=tuple(str(i) for i in data.get("generated") or ()),
        )
