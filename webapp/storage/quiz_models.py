"""The quiz tables: each quiz taken (its questions and score) and each answer given."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base

__all__ = ["QuizAnswerRow", "QuizAttempt"]


class QuizAttempt(Base):
    """One quiz a learner took: its scope, its questions (with answers), and the score.

    `questions` is `Quiz.to_dict()`; `review_cards` maps each question id to the review card
    (a row of `cards`) it asks about, so that a quiz answer can feed that card's schedule.
    """

    __tablename__ = "quiz_attempts"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    learner_id: Mapped[int] = mapped_column(Integer, ForeignKey("learners.id", ondelete="CASCADE"))
    scope: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    seed: Mapped[int] = mapped_column(BigInteger, default=0)
    questions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    review_cards: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    total: Mapped[int] = mapped_column(Integer, default=0)
    right: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_ms: Mapped[int] = mapped_column(BigInteger)
    finished_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)

    __table_args__ = (Index("ix_quiz_attempts_learner", "learner_id", "created_ms"),)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the JSON API (the questions are added by the caller, answers hidden)."""
        return {
            "id": self.id,
            "scope": self.scope,
            "seed": self.seed,
            "total": self.total,
            "right": self.right,
            "created_ms": self.created_ms,
            "finished_ms": self.finished_ms,
        }


class QuizAnswerRow(Base):
    """One answer given in a quiz, kept as the quiz history (apart from the review log)."""

    __tablename__ = "quiz_answers"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"),
        ForeignKey("quiz_attempts.id", ondelete="CASCADE"),
    )
    learner_id: Mapped[int] = mapped_column(Integer, ForeignKey("learners.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(200))
    card_id: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(32))
    given: Mapped[str] = mapped_column(Text, default="")
    correct: Mapped[bool] = mapped_column(Boolean, default=False)
    answered_ms: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (
        UniqueConstraint("attempt_id", "question_id", name="uq_quiz_answers_question"),
        Index("ix_quiz_answers_card", "learner_id", "card_id", "answered_ms"),
    )

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the JSON API."""
        return {
            "attempt_id": self.attempt_id,
            "question_id": self.question_id,
            "card_id": self.card_id,
            "kind": self.kind,
            "given": self.given,
            "correct": self.correct,
            "answered_ms": self.answered_ms,
        }
