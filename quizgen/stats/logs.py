"""Review logs reduced to the per-day counts the charts take (what the SQL GROUP BYs return)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from .days import day_of

__all__ = ["AGAIN", "REVIEW_STATE", "Review", "due_per_day", "retention_per_day", "reviews_per_day"]

AGAIN = 1
"""The rating that counts as a failed review (FSRS: 1 Again, 2 Hard, 3 Good, 4 Easy)."""
REVIEW_STATE = 2
"""FSRS state of a card past learning (1 learning, 2 review, 3 relearning)."""


@dataclass(frozen=True)
class Review:
    """One logged review: the card, when, the rating, and the card's state before it."""

    card_id: str
    reviewed_at: datetime
    rating: int
    state_before: int = REVIEW_STATE

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "card_id": self.card_id,
            "reviewed_at": self.reviewed_at.isoformat(),
            "rating": self.rating,
            "state_before": self.state_before,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Review:
        """Inverse of `to_dict`; a time without a zone is read as UTC."""
        moment = datetime.fromisoformat(str(data["reviewed_at"]))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return cls(
            card_id=str(data["card_id"]),
            reviewed_at=moment,
            rating=int(data["rating"]),
            state_before=int(data.get("state_before", REVIEW_STATE)),
        )


def reviews_per_day(reviews: Iterable[Review], offset: timedelta = timedelta(0)) -> dict[date, int]:
    """How many reviews were made on each day."""
    return dict(Counter(day_of(review.reviewed_at, offset) for review in reviews))


def retention_per_day(
    reviews: Iterable[Review], offset: timedelta = timedelta(0)
) -> dict[date, tuple[int, int]]:
    """(passed, total) per day of the reviews of cards in review state; Again is a fail."""
    passed: Counter[date] = Counter()
    total: Counter[date] = Counter()
    for review in reviews:
        if review.state_before != REVIEW_STATE:
            continue
        day = day_of(review.reviewed_at, offset)
        total[day] += 1
        passed[day] += review.rating != AGAIN
    return {day: (passed[day], total[day]) for day in total}


def due_per_day(due_times: Iterable[datetime], offset: timedelta = timedelta(0)) -> dict[date, int]:
    """How many cards fall due on each day."""
    return dict(Counter(day_of(moment, offset) for moment in due_times))
