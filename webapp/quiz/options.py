"""What a quiz asks for: its scope, how many questions, and of which kinds."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from quizgen.quiz import ALL_KINDS, QuestionKind

from ..errors import BadInput
from ..inputs import json_integer

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
    """Question kinds from a list of names; missing or empty means every kind."""
    if value is None or value == []:
        return ALL_KINDS
    known = ", ".join(kind.value for kind in ALL_KINDS)
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        raise BadInput(f"kinds must be a list of question kinds among {known}")
    try:
        return tuple(QuestionKind(name.strip()) for name in value)
    except ValueError:
        raise BadInput(f"kinds must be among {known}") from None


def parse_count(value: object) -> int:
    """The number of questions, 1 to MAX_QUESTIONS (a JSON integer; 10 when missing)."""
    count = json_integer({"count": value}, "count", 1, MAX_QUESTIONS)
    return 10 if count is None else count
