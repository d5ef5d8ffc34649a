"""Reviews per day as a calendar heatmap: a column per week, a row per weekday."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .days import week_start
from .svg import COLOURS, frame, rect, text

__all__ = ["Heatmap", "HeatmapDay", "heatmap", "heatmap_svg", "intensity"]

_CELL, _GAP, _LEFT, _TOP = 11, 2, 28, 16
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class HeatmapDay:
    """One square of the calendar: its day, place (week column, weekday row) and level 0-4."""

    day: date
    week: int
    weekday: int
    count: int
    level: int

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "day": self.day.isoformat(),
            "week": self.week,
            "weekday": self.weekday,
            "count": self.count,
            "level": self.level,
        }


@dataclass(frozen=True)
class Heatmap:
    """The calendar's days from the first week's start to `end`, and the busiest day's count."""

    days: tuple[HeatmapDay, ...]
    weeks: int
    first_weekday: int
    most: int

    @property
    def total(self) -> int:
        """Reviews shown in the calendar."""
        return sum(day.count for day in self.days)

    @property
    def active_days(self) -> int:
        """Days with at least one review."""
        return sum(1 for day in self.days if day.count)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "weeks": self.weeks,
            "first_weekday": self.first_weekday,
            "most": self.most,
            "total": self.total,
            "active_days": self.active_days,
            "days": [day.to_dict() for day in self.days],
        }


def intensity(count: int, most: int) -> int:
    """Level 0 for no reviews, else 1-4 in quarters of the busiest day (`most` is level 4)."""
    if count <= 0 or most <= 0:
        return 0
    return min(4, math.ceil(4 * count / most))


def heatmap(
    counts: Mapping[date, int], end: date, weeks: int = 53, first_weekday: int = 0
) -> Heatmap:
    """The last `weeks` weeks up to `end` (today), from reviews-per-day counts."""
    start = week_start(end, first_weekday) - timedelta(weeks=weeks - 1)
    shown = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    most = max((counts.get(day, 0) for day in shown), default=0)
    days = tuple(
        HeatmapDay(
            day=day,
            week=(day - start).days // 7,
            weekday=(day - start).days % 7,
            count=counts.get(day, 0),
            level=intensity(counts.get(day, 0), most),
        )
        for day in shown
    )
    return Heatmap(days=days, weeks=weeks, first_weekday=first_weekday, most=most)


def heatmap_svg(calendar: Heatmap, ident: str = "heatmap") -> str:
    """The calendar as an SVG with a tooltip per day and a text summary for screen readers."""
    step = _CELL + _GAP
    body = [_month_labels(calendar, step), *_weekday_labels(calendar, step)]
    for cell in calendar.days:
        tip = f"{cell.day.isoformat()}: {_reviews(cell.count)}"
        x, y = _LEFT + cell.week * step, _TOP + cell.weekday * step
        body.append(rect(x, y, _CELL, _CELL, COLOURS[cell.level], tip))
    first = calendar.days[0].day.isoformat() if calendar.days else ""
    last = calendar.days[-1].day.isoformat() if calendar.days else ""
    desc = (
        f"{_reviews(calendar.total)} on {calendar.active_days} days from {first} to {last}; "
        f"the busiest day had {_reviews(calendar.most)}."
    )
    width, height = _LEFT + calendar.weeks * step, _TOP + 7 * step
    return frame(ident, width, height, "Reviews per day", desc, body)


def _month_labels(calendar: Heatmap, step: int) -> str:
    """A month's short name above the week its first day falls in."""
    labels = [
        text(_LEFT + cell.week * step, 10, cell.day.strftime("%b"))
        for cell in calendar.days
        if cell.day.day == 1
    ]
    return "".join(labels)


def _weekday_labels(calendar: Heatmap, step: int) -> list[str]:
    """Every other weekday's name at the left."""
    names = [_WEEKDAYS[(calendar.first_weekday + row) % 7] for row in range(7)]
    return [text(0, _TOP + row * step + 9, names[row]) for row in range(0, 7, 2)]


def _reviews(count: int) -> str:
    """`1 review`, `3 reviews`."""
    return f"{count} review" if count == 1 else f"{count} reviews"
