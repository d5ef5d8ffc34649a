"""FSRS scheduling of one learner's card state, with the next interval for each rating."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler, State

from ..storage.models import NEW, from_ms, to_ms

__all__ = ["RATINGS", "Outcome", "format_interval", "next_state", "parse_rating", "preview"]

RATINGS = {"again": Rating.Again, "hard": Rating.Hard, "good": Rating.Good, "easy": Rating.Easy}


@dataclass(frozen=True)
class Outcome:
    """The scheduling fields of a card after a review (same names as `CardState`)."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due_ms: int
    last_review_ms: int

    def fields(self) -> dict[str, int | float | None]:
        """The fields by name (a plain copy: `dataclasses.asdict` deep-copies, on a hot path)."""
        return dict(vars(self))


def parse_rating(value: object) -> Rating | None:
    """A rating from 1-4 or again/hard/good/easy; None when it is neither."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | str) and str(value).strip() in {"1", "2", "3", "4"}:
        return Rating(int(str(value).strip()))
    if isinstance(value, str):
        return RATINGS.get(value.strip().lower())
    return None


@lru_cache(maxsize=8)
def scheduler(desired_retention: float) -> Scheduler:
    """An FSRS-6 scheduler; no fuzz, so the interval shown on a button is the one applied."""
    return Scheduler(desired_retention=desired_retention, enable_fuzzing=False)


def _fsrs_card(
    state: int,
    step: int | None,
    stability: float | None,
    difficulty: float | None,
    due_ms: int | None,
    last_review_ms: int | None,
    now: datetime,
) -> FsrsCard:
    if state == NEW:
        return FsrsCard(card_id=0, state=State.Learning, step=0, due=now)
    return FsrsCard(
        card_id=0,
        state=State(state),
        step=step,
        stability=stability,
        difficulty=difficulty,
        due=from_ms(due_ms) if due_ms is not None else now,
        last_review=from_ms(last_review_ms) if last_review_ms is not None else None,
    )


def next_state(fields: dict, rating: Rating, now: datetime, retention: float) -> Outcome:
    """The card's scheduling fields after rating it at `now` (fields as in `fsrs_dict`)."""
    card = _fsrs_card(
        fields["state"],
        fields["step"],
        fields["stability"],
        fields["difficulty"],
        fields["due_ms"],
        fields["last_review_ms"],
        now,
    )
    after, _log = scheduler(retention).review_card(card, rating, review_datetime=now)
    return Outcome(
        state=int(after.state),
        step=after.step,
        stability=after.stability,
        difficulty=after.difficulty,
        due_ms=to_ms(after.due),
        last_review_ms=to_ms(now),
    )


def preview(fields: dict, now: datetime, retention: float) -> dict[int, timedelta]:
    """The interval each rating (1-4) would give."""
    last = fields["last_review_ms"]
    # FSRS looks at the time only as whole days since the last review: that, the card's
    # memory state and the retention decide every interval, so the four are computed once.
    days = (now - from_ms(last)).days if last is not None and fields["state"] != NEW else None
    return dict(
        _intervals(
            fields["state"],
            fields["step"],
            fields["stability"],
            fields["difficulty"],
            days,
            retention,
        )
    )


@lru_cache(maxsize=4096)
def _intervals(
    state: int,
    step: int | None,
    stability: float | None,
    difficulty: float | None,
    days: int | None,
    retention: float,
) -> tuple[tuple[int, timedelta], ...]:
    """The four intervals of a memory state reviewed `days` after its last review."""
    last = None if days is None else to_ms(_REFERENCE - timedelta(days=days))
    fields = {
        "state": state,
        "step": step,
        "stability": stability,
        "difficulty": difficulty,
        "due_ms": None,
        "last_review_ms": last,
    }
    start = to_ms(_REFERENCE)
    return tuple(
        (
            int(rating),
            timedelta(
                milliseconds=next_state(fields, rating, _REFERENCE, retention).due_ms - start
            ),
        )
        for rating in Rating
    )


_REFERENCE = datetime(2000, 1, 3, tzinfo=UTC)
"""Any whole moment: the intervals do not depend on which."""


def format_interval(interval: timedelta) -> str:
    """A short interval label as on Anki's buttons: <1m, 10m, 3h, 4d, 2mo, 1.5y."""
    seconds = interval.total_seconds()
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}".removesuffix(".0") + "mo"
    return f"{days / 365:.1f}".removesuffix(".0") + "y"
