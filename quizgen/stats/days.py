"""Days as the statistics count them: a calendar date at a fixed offset from UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

__all__ = ["DAY_MS", "day_from_number", "day_number", "day_of", "week_start"]

DAY_MS = 86_400_000
_EPOCH = date(1970, 1, 1)


def day_of(moment: datetime, offset: timedelta = timedelta(0)) -> date:
    """The learner's calendar day of a moment, `offset` being their time zone's (e.g. +1 h)."""
    return (moment.astimezone(UTC) + offset).date()


def day_number(ms: int, offset: timedelta = timedelta(0)) -> int:
    """Day number (days since 1970-01-01) of epoch milliseconds, as SQL `(ms + off) / 86400000`."""
    return (ms + int(offset.total_seconds() * 1000)) // DAY_MS


def day_from_number(number: int) -> date:
    """The date of a day number (inverse of `day_number`)."""
    return _EPOCH + timedelta(days=number)


def week_start(day: date, first_weekday: int = 0) -> date:
    """The first day of the week a day is in (Monday when `first_weekday` is 0, Sunday for 6)."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)
