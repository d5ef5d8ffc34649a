"""What a quiz asks for: its scope, how many questions, and of which kinds."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from quizgen.quiz import ALL_KINDS, QuestionKind

from ..errors import BadInput

__all__ = ["CHOICES", "MAX_QUESTIONS", "QuizScope", "parse_count", "parse_kinds"]

MAX_QUESTIONS = 50
CHOICES = (QuestionKind.MULTIPLE_CHOICE, QuestionKind.TRUE_FALSE)


@dataclass(frozen=True)
class QuizScope:
    """Which cards a quiz asks about: a deck, tag, note and/or heading; empty means all."""

    deck: str = ""
    tag: str = ""
    note: str = ""
    heading: str = ""

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> QuizScope:
        """A scope from query parameters, a form or a JSON body."""

        def text(name: str) -> str:
            value = args.get(name) or ""
            if not isinstance(value, str):
                raise BadInput(f"{name} must be a string")
            return value.strip()

        return cls(text("deck"), text("tag").lstrip("#"), text("note"), text("heading"))

    def to_dict(self) -> dict[str, str]:
        """The non-empty parts."""
        parts = (("deck", self.deck), ("tag", self.tag), ("note", self.note))
        return {k: v for k, v in (*parts, ("heading", self.heading)) if v}

    def describe(self) -> str:
        """The scope in words: `deck aws, heading Limits`, or `all cards`."""
        return ", ".join(f"{k} {v}" for k, v in self.to_dict().items()) or "all cards"


def parse_kinds(value: object) -> tuple[QuestionKind, ...]:
    """Question kinds from a list of names; empty or missing means every kind."""
    if value in (None, "", []):
        return ALL_KINDS
    names = value.split(",") if isinstance(value, str) else value
    if not isinstance(names, list | tuple):
        raise BadInput("kinds must be a list of question kinds")
    try:
        return tuple(QuestionKind(str(name).strip()) for name in names)
    except ValueError:
        known = ", ".join(kind.value for kind in ALL_KINDS)
        raise BadInput(f"kinds must be among {known}") from None


def parse_count(value: object) -> int:
    """The number of questions, 1 to MAX_QUESTIONS."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise BadInput(f"count must be a whole number from 1 to {MAX_QUESTIONS}")
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_QUESTIONS:
        raise BadInput(f"count must be a whole number from 1 to {MAX_QUESTIONS}, not {text!r}")
    return int(text)
