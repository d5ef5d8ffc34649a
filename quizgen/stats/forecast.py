"""The due forecast: how many cards fall due on each of the next days."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .svg import frame, rect, text

__all__ = ["DueDay", "due_forecast", "forecast_svg"]

_WIDTH, _HEIGHT, _LEFT, _TOP, _BOTTOM = 600, 160, 30, 10, 22


@dataclass(frozen=True)
class DueDay:
    """Cards due on one day; today's count includes every overdue card."""

    day: date
    count: int

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {"day": self.day.isoformat(), "count": self.count}


def due_forecast(due: Mapping[date, int], today: date, days: int = 30) -> list[DueDay]:
    """A count per day from today for `days` days; cards already overdue count on today."""
    if days <= 0:
        return []
    counts = [0] * days
    for day, count in due.items():
        offset = (day - today).days
        if offset < days:
            counts[max(offset, 0)] += count
    return [DueDay(today + timedelta(days=n), counts[n]) for n in range(days)]


def forecast_svg(forecast: list[DueDay], ident: str = "forecast") -> str:
    """A bar chart with one bar and tooltip per day."""
    most = max((day.count for day in forecast), default=0)
    width = (_WIDTH - _LEFT - 10) / max(len(forecast), 1)
    room = _HEIGHT - _TOP - _BOTTOM
    body = [rect(_LEFT, _TOP + room, _WIDTH - _LEFT - 10, 0.5, "#8c959f")]
    body.append(text(_LEFT - 4, _TOP + 8, str(most), "end"))
    for index, due in enumerate(forecast):
        height = room * due.count / most if most else 0
        x = _LEFT + index * width
        tip = f"{due.day.isoformat()}: {due.count} due"
        body.append(rect(x + 1, _TOP + room - height, max(width - 2, 1), height, "#1f6feb", tip))
        if index % 7 == 0:
            body.append(text(x, _HEIGHT - 6, due.day.strftime("%d %b")))
    total = sum(day.count for day in forecast)
    desc = f"{total} cards due over the next {len(forecast)} days, at most {most} on one day."
    return frame(ident, _WIDTH, _HEIGHT, "Due forecast", desc, body)
