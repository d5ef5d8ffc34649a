"""The tables: learners, cards synced from card files, each learner's card state, reviews.

Times are stored as integer milliseconds since the Unix epoch (UTC), which sort, index and
compare the same way on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "from_ms",
    "to_ms",
    "LOCAL_LEARNER",
    "Base",
    "CardRow",
    "CardState",
    "CardSync",
    "CardTag",
    "Learner",
    "MasteryVersion",
    "ReviewCount",
    "ReviewRow",
]

LOCAL_LEARNER = 1
"""The learner every review belongs to when accounts are off."""

NEW = 0
"""`CardState.state` of a card never reviewed; FSRS uses 1 learning, 2 review, 3 relearning."""


def to_ms(moment: datetime) -> int:
    """Milliseconds since the epoch."""
    return int(moment.timestamp() * 1000)


def from_ms(value: int) -> datetime:
    """A UTC datetime from milliseconds since the epoch."""
    return datetime.fromtimestamp(value / 1000, tz=UTC)


class Base(DeclarativeBase):
    """Declarative base of every table of the app."""


class Learner(Base):
    """A person who reviews; with accounts off there is one, the local learner."""

    __tablename__ = "learners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256), default="")
    created_ms: Mapped[int] = mapped_column(BigInteger, default=0)


class CardRow(Base):
    """One reviewable card as synced from a card file (a reverse card gives two rows).

    `source_id` is the card's id in its file; `id` adds `-r` for the reverse side and `-cN`
    for extra cloze deletions. A card no longer in any file is `gone`, never deleted.
    """

    __tablename__ = "cards"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    source_id: Mapped[str] = mapped_column(String(128))
    position: Mapped[int] = mapped_column(Integer, default=0)
    type: Mapped[str] = mapped_column(String(16))
    cloze: Mapped[int] = mapped_column(Integer, default=0)
    question: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str] = mapped_column(Text, default="")
    question_html: Mapped[str] = mapped_column(Text, default="")
    answer_html: Mapped[str] = mapped_column(Text, default="")
    context: Mapped[list[Any]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(String(512), default="")
    title: Mapped[str] = mapped_column(String(512), default="")
    deck: Mapped[str] = mapped_column(String(512), default="")
    page: Mapped[str] = mapped_column(String(512), default="")
    anchor: Mapped[str] = mapped_column(String(512), default="")
    line: Mapped[int] = mapped_column(Integer, default=0)
    origin: Mapped[str] = mapped_column(String(32), default="manual")
    file: Mapped[str] = mapped_column(String(512), default="")
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    gone: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        Index("ix_cards_note", "note"),
        Index("ix_cards_deck", "deck"),
        Index("ix_cards_source", "source_id"),
        Index("ix_cards_note_title", "note", "title"),
        Index("ix_cards_file", "file"),  # a live rebuild syncs the cards of a few files
    )

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the JSON API."""
        return {
            "id": self.id,
            "source_id": self.source_id,
            "type": self.type,
            "cloze": self.cloze,
            "question": self.question,
            "answer": self.answer,
            "question_html": self.question_html,
            "answer_html": self.answer_html,
            "context": list(self.context or ()),
            "note": self.note,
            "title": self.title,
            "deck": self.deck,
            "page": self.page,
            "anchor": self.anchor,
            "line": self.line,
            "origin": self.origin,
            "file": self.file,
            "suspended": self.suspended,
            "gone": self.gone,
        }


class CardTag(Base):
    """A tag of a card (the card's own tags and its note's), for filtering by tag."""

    __tablename__ = "card_tags"

    card_id: Mapped[str] = mapped_column(
        String(128), ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(256), primary_key=True)

    __table_args__ = (Index("ix_card_tags_tag", "tag", "card_id"),)


class CardState(Base):
    """A learner's FSRS state of one card; `version` grows on every review and every undo.

    `deck`, `note` and `hidden` (gone, or suspended in its card file) are copied from the card
    at each sync so that choosing the next card and counting what is left read one table.
    """

    __tablename__ = "card_states"

    learner_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    )
    card_id: Mapped[str] = mapped_column(
        String(128), ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    deck: Mapped[str] = mapped_column(String(512), default="")
    note: Mapped[str] = mapped_column(String(512), default="")
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[int] = mapped_column(Integer, default=NEW)
    step: Mapped[int | None] = mapped_column(Integer, nullable=True)
    stability: Mapped[float | None] = mapped_column(Float, nullable=True)
    difficulty: Mapped[float | None] = mapped_column(Float, nullable=True)
    due_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    last_review_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    reps: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=0)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)

    __table_args__ = (
        Index("ix_card_states_new", "learner_id", "state", "position"),
        Index("ix_card_states_deck", "learner_id", "deck", "state", "due_ms"),
        Index("ix_card_states_note", "learner_id", "note", "state", "due_ms"),
        # Covering indexes of the statistics: the due forecast and mastery per note and deck.
        # Only the few suspended cards: a full index on `suspended` would lure the queue's
        # "not suspended" walks away from their ordered indexes.
        Index(
            "ix_card_states_suspended_only",
            "learner_id",
            "card_id",
            sqlite_where=text("suspended = 1"),
            postgresql_where=text("suspended = true"),
        ),
        # Led by state, like the queue's own: led by due_ms, the planner would walk every due
        # review card looking for a learning one.
        Index("ix_card_states_forecast", "learner_id", "state", "due_ms", "hidden", "suspended"),
        Index(
            "ix_card_states_mastery",
            "learner_id",
            "note",
            "deck",
            "hidden",
            "suspended",
            "due_ms",
            "last_review_ms",
        ),
    )

    def fsrs_dict(self) -> dict[str, Any]:
        """The scheduling fields, as logged before and after each review."""
        return {
            "state": self.state,
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due_ms": self.due_ms,
            "last_review_ms": self.last_review_ms,
            "reps": self.reps,
            "lapses": self.lapses,
        }

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the JSON API."""
        return {"card_id": self.card_id, "version": self.version, **self.fsrs_dict()}


class ReviewRow(Base):
    """One review, kept forever; an undone review is marked, not deleted."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    learner_id: Mapped[int] = mapped_column(Integer, ForeignKey("learners.id", ondelete="CASCADE"))
    card_id: Mapped[str] = mapped_column(String(128), ForeignKey("cards.id", ondelete="CASCADE"))
    token: Mapped[str] = mapped_column(String(128))
    rating: Mapped[int] = mapped_column(Integer)
    reviewed_ms: Mapped[int] = mapped_column(BigInteger)
    duration_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)
    was_new: Mapped[bool] = mapped_column(Boolean, default=False)
    state_before: Mapped[int] = mapped_column(Integer, default=NEW)
    state_after: Mapped[int] = mapped_column(Integer, default=NEW)
    before: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    after: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    undone_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)

    __table_args__ = (
        UniqueConstraint("learner_id", "token", name="uq_reviews_token"),
        Index("ix_reviews_card", "card_id", "reviewed_ms"),
        # Covers what the queue counts as studied today, so it never reads the review rows.
        Index(
            "ix_reviews_today", "learner_id", "reviewed_ms", "undone_ms", "was_new", "state_before"
        ),
        Index("ix_reviews_undone", "learner_id", "undone_ms"),
    )

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the JSON API and for exporting the review log."""
        return {
            "id": self.id,
            "card_id": self.card_id,
            "token": self.token,
            "rating": self.rating,
            "reviewed_ms": self.reviewed_ms,
            "duration_ms": self.duration_ms,
            "was_new": self.was_new,
            "state_before": self.state_before,
            "state_after": self.state_after,
            "before": self.before,
            "after": self.after,
            "undone_ms": self.undone_ms,
        }


class ReviewCount(Base):
    """Reviews of one learner per quarter hour, kept with each review and undo.

    The statistics add these up per day in the learner's time zone (every zone is a whole
    number of quarter hours from UTC), so they read a row per busy quarter hour instead of
    every review. `passed` and `in_review` count reviews of cards in review state (FSRS 2).
    """

    __tablename__ = "review_counts"

    learner_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    )
    bucket: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    reviews: Mapped[int] = mapped_column(Integer, default=0)
    passed: Mapped[int] = mapped_column(Integer, default=0)
    in_review: Mapped[int] = mapped_column(Integer, default=0)


class MasteryVersion(Base):
    """A counter per learner that grows whenever the learner's mastery may have changed.

    Every review, undo, suspension and sync bumps it in its own transaction, so the statistics
    can keep mastery per note and deck until it moves (see `webapp/stats/kept.py`).
    """

    __tablename__ = "mastery_versions"

    learner_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(BigInteger, default=0)


class CardSync(Base):
    """One sync of the card files into the database; the latest id tells every app process
    whether what it read from the card files (the quiz bank) is still current."""

    __tablename__ = "card_syncs"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    synced_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
