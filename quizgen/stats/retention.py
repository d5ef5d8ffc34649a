"""True retention over time: the share of reviews of mature-state cards that were not Again."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .days import week_start
from .svg import escape, frame, rect, text

__all__ = ["RetentionPoint", "retention_series", "retention_svg"]

_WIDTH, _HEIGHT, _LEFT, _TOP, _BOTTOM = 600, 200, 36, 10, 24


@dataclass(frozen=True)
class RetentionPoint:
    """Reviews of cards in review state in one period (a day or a week) and how many passed."""

    start: date
    passed: int
    total: int

    @property
    def rate(self) -> float | None:
        """passed / total, None when there were no such reviews."""
        return self.passed / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "start": self.start.isoformat(),
            "passed": self.passed,
            "total": self.total,
            "rate": self.rate,
        }


def retention_series(
    per_day: Mapping[date, tuple[int, int]],
    start: date,
    end: date,
    by: str = "week",
    first_weekday: int = 0,
) -> list[RetentionPoint]:
    """A point per day or per week from `start` to `end`, empty periods included."""
    if by not in ("day", "week"):
        raise ValueError(f"retention is counted by 'day' or 'week', not {by!r}")
    step = timedelta(days=1 if by == "day" else 7)
    first = start if by == "day" else week_start(start, first_weekday)
    periods = []
    while first <= end:
        periods.append(first)
        first += step
    passed = dict.fromkeys(periods, 0)
    total = dict.fromkeys(periods, 0)
    for day, (good, all_) in per_day.items():
        if not start <= day <= end:
            continue
        key = day if by == "day" else week_start(day, first_weekday)
        passed[key] += good
        total[key] += all_
    return [RetentionPoint(key, passed[key], total[key]) for key in periods]


def retention_svg(points: list[RetentionPoint], ident: str = "retention") -> str:
    """A line chart of retention (0-100 %) with a dot and tooltip per period; gaps stay gaps."""
    body = _grid()
    width = _WIDTH - _LEFT - 10
    gap = width / max(len(points) - 1, 1)
    line: list[str] = []
    for index, point in enumerate(points):
        if point.rate is None:
            body.append(_polyline(line))
            line = []
            continue
        x, y = _LEFT + index * gap, _y(point.rate)
        line.append(f"{x:.1f},{y:.1f}")
        tip = f"{point.start.isoformat()}: {point.rate:.0%} ({point.passed} of {point.total})"
        body.append(f"<circle cx='{x:.1f}' cy='{y:.1f}' r='3' fill='#1f6feb'>")
        body.append(f"<title>{escape(tip)}</title></circle>")
    body.append(_polyline(line))
    if points:
        body.append(text(_LEFT, _HEIGHT - 6, points[0].start.isoformat()))
        body.append(text(_WIDTH - 10, _HEIGHT - 6, points[-1].start.isoformat(), "end"))
    return frame(ident, _WIDTH, _HEIGHT, "True retention", _summary(points), body)


def _summary(points: list[RetentionPoint]) -> str:
    """The overall retention in words."""
    passed = sum(point.passed for point in points)
    total = sum(point.total for point in points)
    if not total:
        return "No reviews of mature-state cards in this period."
    return f"{passed} of {total} reviews passed ({passed / total:.0%}) over {len(points)} periods."


def _grid() -> list[str]:
    """Horizontal lines and labels at 0, 25, 50, 75 and 100 %."""
    found = []
    for share in (0, 0.25, 0.5, 0.75, 1):
        y = _y(share)
        found.append(rect(_LEFT, y, _WIDTH - _LEFT - 10, 0.5, "#d0d7de"))
        found.append(text(_LEFT - 4, y + 3, f"{share:.0%}", "end"))
    return found


def _y(rate: float) -> float:
    """The height on the chart of a rate."""
    return _TOP + (1 - rate) * (_HEIGHT - _TOP - _BOTTOM)


def _polyline(points: list[str]) -> str:
    """A line through some points (nothing for fewer than two)."""
    if len(points) < 2:
        return ""
    return f"<polyline fill='none' stroke='#1f6feb' stroke-width='2' points='{' '.join(points)}'/>"
