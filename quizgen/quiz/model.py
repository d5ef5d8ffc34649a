"""Quiz records: questions, a quiz, and the result of answering one."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = ["Mark", "Question", "QuestionKind", "Quiz", "QuizResult", "WrongAnswer"]


class QuestionKind(StrEnum):
    """How a question is asked."""

    MULTIPLE_CHOICE = "multiple_choice"
    TYPED = "typed"
    CLOZE = "cloze"
    TRUE_FALSE = "true_false"


@dataclass(frozen=True)
class Question:
    """One quiz question made from one card.

    `answer` is what a learner must give (an option's text for multiple choice, `True`/`False`
    for true/false); `fact` is the card's own answer, shown with a wrong answer; `truth` says
    whether a true/false statement used the card's own answer (True) or a sibling's (False).
    """

    id: str
    kind: QuestionKind
    prompt: str
    answer: str
    card_id: str
    options: tuple[str, ...] = ()
    note: str | None = None
    title: str = ""
    page: str = ""
    anchor: str | None = None
    context: tuple[str, ...] = ()
    truth: bool | None = None
    fact: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "id": self.id,
            "kind": self.kind.value,
            "prompt": self.prompt,
            "options": list(self.options),
            "answer": self.answer,
            "card_id": self.card_id,
            "note": self.note,
            "title": self.title,
            "page": self.page,
            "anchor": self.anchor,
            "context": list(self.context),
            "truth": self.truth,
            "fact": self.fact,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Question:
        """Inverse of `to_dict`."""
        truth = data.get("truth")
        return cls(
            id=str(data["id"]),
            kind=QuestionKind(data["kind"]),
            prompt=str(data.get("prompt") or ""),
            answer=str(data.get("answer") or ""),
            card_id=str(data.get("card_id") or ""),
            options=tuple(str(option) for option in data.get("options") or ()),
            note=data.get("note"),
            title=str(data.get("title") or ""),
            page=str(data.get("page") or ""),
            anchor=data.get("anchor") or None,
            context=tuple(str(c) for c in data.get("context") or ()),
            truth=None if truth is None else bool(truth),
            fact=str(data.get("fact") or ""),
        )

    @property
    def source(self) -> str:
        """The source section relative to the site root: `aws-certs/sqs/#quotas`."""
        return f"{self.page}#{self.anchor}" if self.anchor else self.page


@dataclass(frozen=True)
class Quiz:
    """The questions of one quiz, in the order they are asked."""

    questions: tuple[Question, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {"questions": [question.to_dict() for question in self.questions]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quiz:
        """Inverse of `to_dict`."""
        return cls(tuple(Question.from_dict(q) for q in data.get("questions") or ()))

    def __len__(self) -> int:
        return len(self.questions)


@dataclass(frozen=True)
class Mark:
    """How one question was answered: kept as the quiz's own history."""

    question_id: str
    card_id: str
    kind: QuestionKind
    given: str
    correct: bool

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "question_id": self.question_id,
            "card_id": self.card_id,
            "kind": self.kind.value,
            "given": self.given,
            "correct": self.correct,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mark:
        """Inverse of `to_dict`."""
        return cls(
            question_id=str(data["question_id"]),
            card_id=str(data.get("card_id") or ""),
            kind=QuestionKind(data["kind"]),
            given=str(data.get("given") or ""),
            correct=bool(data.get("correct")),
        )


@dataclass(frozen=True)
class WrongAnswer:
    """A question answered wrongly, with the right answer and where to read about it."""

    question_id: str
    prompt: str
    given: str
    answer: str
    fact: str
    card_id: str
    note: str | None = None
    title: str = ""
    page: str = ""
    anchor: str | None = None
    link: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "question_id": self.question_id,
            "prompt": self.prompt,
            "given": self.given,
            "answer": self.answer,
            "fact": self.fact,
            "card_id": self.card_id,
            "note": self.note,
            "title": self.title,
            "page": self.page,
            "anchor": self.anchor,
            "link": self.link,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WrongAnswer:
        """Inverse of `to_dict`."""
        return cls(
            question_id=str(data["question_id"]),
            prompt=str(data.get("prompt") or ""),
            given=str(data.get("given") or ""),
            answer=str(data.get("answer") or ""),
            fact=str(data.get("fact") or ""),
            card_id=str(data.get("card_id") or ""),
            note=data.get("note"),
            title=str(data.get("title") or ""),
            page=str(data.get("page") or ""),
            anchor=data.get("anchor") or None,
            link=str(data.get("link") or ""),
        )


@dataclass(frozen=True)
class QuizResult:
    """The score of a quiz: how many were right, each answer's mark, the wrong ones explained."""

    right: int
    total: int
    marks: tuple[Mark, ...] = ()
    wrong: tuple[WrongAnswer, ...] = field(default=())

    @property
    def percent(self) -> int:
        """The score as a whole percentage (0 for an empty quiz)."""
        return round(100 * self.right / self.total) if self.total else 0

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "right": self.right,
            "total": self.total,
            "percent": self.percent,
            "marks": [mark.to_dict() for mark in self.marks],
            "wrong": [wrong.to_dict() for wrong in self.wrong],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> QuizResult:
        """Inverse of `to_dict` (`percent` is recomputed)."""
        return cls(
            right=int(data.get("right") or 0),
            total=int(data.get("total") or 0),
            marks=tuple(Mark.from_dict(m) for m in data.get("marks") or ()),
            wrong=tuple(WrongAnswer.from_dict(w) for w in data.get("wrong") or ()),
        )
