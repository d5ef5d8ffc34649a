"""FSRS wrapper: ratings, interval labels, previews that match what a review applies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating

from webapp.review.queue import day_start
from webapp.review.scheduling import format_interval, next_state, parse_rating, preview
from webapp.storage.models import NEW

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
NEW_CARD = {
    "state": NEW,
    "step": None,
    "stability": None,
    "difficulty": None,
    "due_ms": None,
    "last_review_ms": None,
}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, 1),
        ("4", 4),
        (" good ", 3),
        ("Again", 1),
        ("hard", 2),
        (0, None),
        (5, None),
        ("best", None),
        (True, None),
        (None, None),
        (2.0, None),
    ],
)
def test_parse_rating(value, expected):
    parsed = parse_rating(value)
    assert (int(parsed) if parsed is not None else None) == expected


@pytest.mark.parametrize(
    ("interval", "label"),
    [
        (timedelta(seconds=20), "<1m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(hours=5), "5h"),
        (timedelta(days=3), "3d"),
        (timedelta(days=45), "1.5mo"),
        (timedelta(days=60), "2mo"),
        (timedelta(days=400), "1.1y"),
    ],
)
def test_format_interval(interval, label):
    assert format_interval(interval) == label


def test_preview_matches_the_applied_review():
    shown = preview(NEW_CARD, NOW, 0.9)
    for rating, gap in shown.items():
        outcome = next_state(NEW_CARD, parse_rating(rating), NOW, 0.9)  # type: ignore[arg-type]
        assert outcome.due_ms - int(NOW.timestamp() * 1000) == int(gap.total_seconds() * 1000)


@pytest.mark.parametrize("hours_later", [0.5, 5, 30, 24 * 9 + 3, 24 * 400])
@pytest.mark.parametrize("first", [1, 2, 3, 4])
def test_preview_of_a_reviewed_card_matches_the_next_review(first, hours_later):
    """Previews are computed once per memory state and day gap; each must equal the review."""
    fields = dict(NEW_CARD, **next_state(NEW_CARD, Rating(first), NOW, 0.9).__dict__)
    later = NOW + timedelta(hours=hours_later, milliseconds=250)
    shown = preview(fields, later, 0.9)
    for rating in Rating:
        outcome = next_state(fields, rating, later, 0.9)
        assert outcome.due_ms - int(later.timestamp() * 1000) == shown[int(rating)] // timedelta(
            milliseconds=1
        )


def test_higher_retention_gives_shorter_intervals():
    easy = next_state(NEW_CARD, parse_rating(4), NOW, 0.9)  # type: ignore[arg-type]
    fields = dict(NEW_CARD, **easy.__dict__)
    later = NOW + timedelta(days=30)
    low = preview(fields, later, 0.8)[3]
    high = preview(fields, later, 0.97)[3]
    assert high < low


def test_day_starts_at_the_configured_hour():
    moment = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    start = day_start(moment, 4)
    assert start <= moment < start + timedelta(days=1)
    assert start.astimezone().hour == 4
