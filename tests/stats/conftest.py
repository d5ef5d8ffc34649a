"""A review log with fixed times, shared by the statistics tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from quizgen.stats import Review

T0 = datetime(2026, 1, 1, tzinfo=UTC)  # a Thursday


def at(days: float, hours: float = 0) -> datetime:
    """A fixed time: `days` and `hours` after 2026-01-01 00:00 UTC."""
    return T0 + timedelta(days=days, hours=hours)


@pytest.fixture
def reviews() -> list[Review]:
    """Nine reviews over 2026-01-01, 01-03 and 01-08; state 2 is review, 1 learning; 1 is Again."""
    return [
        Review("a", at(0, 9), 3, 2),
        Review("b", at(0, 9.1), 1, 2),
        Review("c", at(0, 9.2), 3, 1),
        Review("d", at(0, 23.5), 4, 2),
        Review("a", at(2, 12), 2, 2),
        Review("a", at(7, 8), 3, 2),
        Review("b", at(7, 8.1), 3, 2),
        Review("c", at(7, 8.2), 1, 2),
        Review("d", at(7, 8.3), 3, 2),
    ]
