"""Statistics of one learner, aggregated in SQL and drawn by `quizgen.stats`.

Every query groups on an index that covers it (see `models.py`), so a page costs about the
same for a thousand reviews or a million: the database counts, Python only lays out the days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import BigInteger, Select, bindparam, case, func, literal_column, select
from sqlalchemy.orm import Session

from quizgen.stats import (
    DAY_MS,
    MATURE_DAYS,
    DueDay,
    Heatmap,
    Mastery,
    MasteryRow,
    RetentionPoint,
    day_from_number,
    day_of,
    due_forecast,
    heatmap,
    mastery_by_deck,
    mastery_by_note,
    retention_series,
)

from ..storage.counts import BUCKET_MS
from ..storage.models import CardRow, CardState, ReviewCount
from .kept import kept

__all__ = [
    "ReviewDays",
    "due_counts",
    "forecast",
    "mastery",
    "mastery_rows",
    "note_mastery",
    "retention",
    "review_days",
    "review_heatmap",
]


@dataclass(frozen=True)
class ReviewDays:
    """Per day: all reviews (for the heatmap) and reviews in review state, passed and total."""

    counts: dict[date, int]
    retention: dict[date, tuple[int, int]]


def _day(column: Any) -> Any:
    """`(column + :offset) / 86400000` as an integer day number on every database."""
    shifted = (column + bindparam("offset", type_=BigInteger)).self_group()
    return shifted.op("/")(literal_column(str(DAY_MS)))


@lru_cache(maxsize=1)
def _days_query() -> Select:
    counts = ReviewCount
    moment = counts.bucket * literal_column(str(BUCKET_MS))
    day = _day(moment).label("day")
    return (
        select(day, func.sum(counts.reviews), func.sum(counts.passed), func.sum(counts.in_review))
        .where(
            counts.learner_id == bindparam("learner"),
            counts.bucket >= bindparam("since"),
            counts.bucket < bindparam("until"),
        )
        .group_by(literal_column("day"))
    )


def review_days(
    session: Session, learner: int, first: date, last: date, offset: timedelta
) -> ReviewDays:
    """Reviews per day from `first` to `last` (the learner's days), from the quarter-hour counts.

    `offset` must be a whole number of quarter hours (as every time zone is).
    """
    offset_ms = int(offset.total_seconds() * 1000)
    params = {
        "learner": learner,
        "offset": offset_ms,
        "since": _day_start_ms(first, offset_ms) // BUCKET_MS,
        "until": _day_start_ms(last + timedelta(days=1), offset_ms) // BUCKET_MS,
    }
    counts: dict[date, int] = {}
    kept: dict[date, tuple[int, int]] = {}
    for number, count, passed, total in session.execute(_days_query(), params):
        if not count:
            continue  # every review of those quarter hours was undone
        day = day_from_number(int(number))
        counts[day] = int(count)
        if total:
            kept[day] = (int(passed), int(total))
    return ReviewDays(counts, kept)


def _day_start_ms(day: date, offset_ms: int) -> int:
    return (day - date(1970, 1, 1)).days * DAY_MS - offset_ms


def review_heatmap(
    session: Session, learner: int, now: datetime, offset: timedelta, weeks: int = 53
) -> tuple[Heatmap, ReviewDays]:
    """The calendar of the last `weeks` weeks up to today, and the per-day counts behind it."""
    today = day_of(now, offset)
    days = review_days(session, learner, today - timedelta(weeks=weeks), today, offset)
    return heatmap(days.counts, today, weeks=weeks), days


def retention(
    days: ReviewDays, now: datetime, offset: timedelta, weeks: int = 53, by: str = "week"
) -> list[RetentionPoint]:
    """True retention per week (or day) over the last `weeks` weeks."""
    today = day_of(now, offset)
    return retention_series(
        days.retention, today - timedelta(weeks=weeks) + timedelta(1), today, by
    )


@lru_cache(maxsize=1)
def _due_query() -> Select:
    state = CardState
    day = _day(state.due_ms).label("day")
    return (
        select(day, func.count())
        .where(
            state.learner_id == bindparam("learner"),
            state.due_ms < bindparam("horizon"),
            state.state.in_((1, 2, 3)),  # one index range per state
            state.suspended.is_(False),
            state.hidden.is_(False),
        )
        .group_by(literal_column("day"))
    )


def due_counts(
    session: Session, learner: int, now: datetime, offset: timedelta, days: int
) -> dict[date, int]:
    """Cards due per day before the end of the forecast (overdue ones on their own past day)."""
    offset_ms = int(offset.total_seconds() * 1000)
    horizon = _day_start_ms(day_of(now, offset) + timedelta(days=days), offset_ms)
    params = {"learner": learner, "offset": offset_ms, "horizon": horizon}
    rows = session.execute(_due_query(), params)
    return {day_from_number(int(number)): int(count) for number, count in rows}


def forecast(
    session: Session, learner: int, now: datetime, offset: timedelta, days: int = 30
) -> list[DueDay]:
    """Cards due on each of the next `days` days; overdue cards count on today."""
    due = due_counts(session, learner, now, offset, days)
    return due_forecast(due, day_of(now, offset), days)


def _mature() -> Any:
    interval = CardState.due_ms - CardState.last_review_ms
    return func.sum(case((interval >= MATURE_DAYS * DAY_MS, 1), else_=0))


@lru_cache(maxsize=2)
def _mastery_query(one_note: bool) -> Select:
    state = CardState
    stmt = select(state.note, state.deck, func.count(), _mature()).where(
        state.learner_id == bindparam("learner"),
        state.hidden.is_(False),
        state.suspended.is_(False),
    )
    if one_note:
        stmt = stmt.where(state.note == bindparam("note"))
    return stmt.group_by(state.note, state.deck)


def _titles(session: Session, notes: set[str]) -> dict[str, str]:
    if not notes:
        return {}
    if len(notes) > 500:  # every note: one grouped pass beats a long IN list
        stmt = select(CardRow.note, func.min(CardRow.title)).group_by(CardRow.note)
    else:
        stmt = (
            select(CardRow.note, func.min(CardRow.title))
            .where(CardRow.note.in_(sorted(notes)))
            .group_by(CardRow.note)
        )
    return {note: title or "" for note, title in session.execute(stmt)}


def mastery_rows(session: Session, learner: int, note: str | None = None) -> list[MasteryRow]:
    """Cards and mature cards per (note, deck), for every note or one."""
    params: dict[str, Any] = {"learner": learner}
    if note is not None:
        params["note"] = note
    rows = list(session.execute(_mastery_query(note is not None), params))
    titles = _titles(session, {row[0] for row in rows})
    return [
        MasteryRow(row[0], row[1], int(row[2]), int(row[3] or 0), titles.get(row[0], ""))
        for row in rows
    ]


def mastery(session: Session, learner: int, deck: str = "") -> tuple[list[Mastery], list[Mastery]]:
    """Mastery per deck (all decks) and per note (the notes of `deck`, or all)."""
    decks, notes = kept(
        session, learner, ("mastery", deck), lambda: _mastery(session, learner, deck)
    )
    return list(decks), list(notes)


def _mastery(
    session: Session, learner: int, deck: str
) -> tuple[tuple[Mastery, ...], tuple[Mastery, ...]]:
    rows = kept(session, learner, "rows", lambda: tuple(mastery_rows(session, learner)))
    chosen = [r for r in rows if r.deck == deck or r.deck.startswith(deck + "::")] if deck else rows
    return tuple(mastery_by_deck(rows)), tuple(mastery_by_note(chosen))


def note_mastery(session: Session, learner: int, note: str) -> Mastery | None:
    """One note's mastery; None when the note has no cards."""
    found = mastery_by_note(mastery_rows(session, learner, note))
    return found[0] if found else None
