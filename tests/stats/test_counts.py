"""Review logs reduced to per-day counts, in Python and in SQL (the web app's GROUP BYs)."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from quizgen.stats import (
    DAY_MS,
    Review,
    day_from_number,
    day_number,
    due_per_day,
    retention_per_day,
    reviews_per_day,
)

from .conftest import at

JAN = {n: date(2026, 1, n) for n in range(1, 32)}
HOUR = timedelta(hours=1)


def test_reviews_per_day(reviews) -> None:
    assert reviews_per_day(reviews) == {JAN[1]: 4, JAN[3]: 1, JAN[8]: 4}


def test_reviews_per_day_in_the_learners_time_zone(reviews) -> None:
    assert reviews_per_day(reviews, HOUR) == {JAN[1]: 3, JAN[2]: 1, JAN[3]: 1, JAN[8]: 4}


def test_retention_per_day_counts_review_state_only_and_again_fails(reviews) -> None:
    assert retention_per_day(reviews) == {JAN[1]: (2, 3), JAN[3]: (1, 1), JAN[8]: (3, 4)}


def test_due_per_day() -> None:
    assert due_per_day([at(0, 1), at(0, 2), at(1, 23.5)], HOUR) == {JAN[1]: 2, JAN[3]: 1}


def test_day_numbers_round_trip() -> None:
    ms = int(at(0, 23.5).timestamp() * 1000)
    assert day_from_number(day_number(ms)) == JAN[1]
    assert day_from_number(day_number(ms, HOUR)) == JAN[2]
    assert day_number(0) == 0 and day_number(DAY_MS - 1) == 0


def test_review_round_trips() -> None:
    review = Review("a", at(1, 2), 3, 2)
    assert Review.from_dict(review.to_dict()) == review


def _database(reviews: list[Review]) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE reviews (card_id TEXT, reviewed_ms INTEGER, rating INT, state INT)")
    db.executemany(
        "INSERT INTO reviews VALUES (?, ?, ?, ?)",
        [
            (r.card_id, int(r.reviewed_at.timestamp() * 1000), r.rating, r.state_before)
            for r in reviews
        ],
    )
    return db


def test_the_documented_sql_gives_the_same_counts(reviews) -> None:
    db = _database(reviews)
    offset_ms = 3_600_000
    per_day = db.execute(
        "SELECT (reviewed_ms + ?) / 86400000 AS day, COUNT(*) FROM reviews GROUP BY day",
        (offset_ms,),
    ).fetchall()
    assert {day_from_number(day): n for day, n in per_day} == reviews_per_day(reviews, HOUR)
    retention = db.execute(
        "SELECT (reviewed_ms + ?) / 86400000 AS day,"
        " SUM(CASE WHEN rating > 1 THEN 1 ELSE 0 END), COUNT(*)"
        " FROM reviews WHERE state = 2 GROUP BY day",
        (offset_ms,),
    ).fetchall()
    found = {day_from_number(day): (good, total) for day, good, total in retention}
    assert found == retention_per_day(reviews, HOUR)
