"""Statistics against a review log and card states written with fixed times (exact numbers)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, func, inspect, select, text, update
from sqlalchemy.orm import Session

from quizgen.stats import Review, retention_per_day, reviews_per_day
from webapp.stats import queries as stats
from webapp.storage.counts import BUCKET_MS, rebuild_counts
from webapp.storage.db import RETIRED_INDEXES, setup_database
from webapp.storage.models import CardState, ReviewCount, ReviewRow, to_ms

DAY = timedelta(days=1)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# (card, time, rating, state before, undone): the clock of the tests is 2026-03-02 12:00 UTC.
LOG = [
    ("sqs-1", "2026-03-02 09:00", 3, 2, False),
    ("sqs-2", "2026-03-02 10:00", 1, 2, False),
    ("lam-2", "2026-03-02 10:30", 3, 2, True),
    ("lam-3", "2026-03-02 11:00", 3, 1, False),
    ("sqs-1", "2026-03-01 23:30", 4, 2, False),
    ("sqs-2", "2026-02-23 08:00", 2, 2, False),
    ("lam-3", "2024-01-01 08:00", 3, 2, False),
]

# card: (state, last review, due); every other card stays new.
STATES = {
    "sqs-1": (2, "2026-02-01 12:00", "2026-03-01 12:00"),  # 28 days: mature, overdue
    "sqs-2": (2, "2026-04-01 12:00", "2026-05-01 12:00"),  # 30 days: mature, beyond 30 days
    "lam-2": (2, "2026-03-01 12:00", "2026-03-04 12:00"),  # 3 days
    "lam-3": (1, "2026-02-01 12:00", "2026-03-04 01:00"),  # 31 days: mature
    "sqs-3": (2, "2026-01-01 12:00", "2026-03-03 12:00"),  # mature, but suspended below
}


@pytest.fixture
def history(app):
    """Write the log and the states above for the local learner; count days in UTC."""
    app.config["UTC_OFFSET_MINUTES"] = 0
    engine = app.extensions["quizgen_engine"]
    with Session(engine) as session, session.begin():
        for number, (card, when, rating, before, undone) in enumerate(LOG):
            moment = to_ms(at(when))
            session.add(
                ReviewRow(
                    learner_id=1,
                    card_id=card,
                    token=f"log-{number}",
                    rating=rating,
                    reviewed_ms=moment,
                    state_before=before,
                    state_after=2,
                    undone_ms=moment + 1000 if undone else None,
                )
            )
        for card, (state, last, due) in STATES.items():
            session.execute(
                update(CardState)
                .where(CardState.learner_id == 1, CardState.card_id == card)
                .values(state=state, last_review_ms=to_ms(at(last)), due_ms=to_ms(at(due)))
            )
        session.execute(
            update(CardState).where(CardState.card_id == "sqs-3").values(suspended=True)
        )
        rebuild_counts(session)
    return LOG


def test_heatmap_counts_reviews_per_day(client, history):
    data = client.get("/api/stats/heatmap").json
    counted = {day["day"]: day["count"] for day in data["days"] if day["count"]}
    assert counted == {"2026-03-02": 3, "2026-03-01": 1, "2026-02-23": 1}
    assert data["total"] == 5 and data["most"] == 3 and data["active_days"] == 3
    assert data["days"][-1]["day"] == "2026-03-02" and data["days"][-1]["level"] == 4
    levels = {day["day"]: day["level"] for day in data["days"] if day["count"]}
    assert levels == {"2026-03-02": 4, "2026-03-01": 2, "2026-02-23": 2}


def test_heatmap_counts_days_in_the_learner_time_zone(client, history):
    data = client.get("/api/stats/heatmap?offset_minutes=60&weeks=2").json
    counted = {day["day"]: day["count"] for day in data["days"] if day["count"]}
    assert counted == {"2026-03-02": 4, "2026-02-23": 1}


def test_retention_by_day_and_by_week(client, history):
    by_day = client.get("/api/stats/retention?by=day&weeks=2").json["points"]
    found = {p["start"]: (p["passed"], p["total"]) for p in by_day if p["total"]}
    assert found == {"2026-03-02": (1, 2), "2026-03-01": (1, 1), "2026-02-23": (1, 1)}
    by_week = client.get("/api/stats/retention?weeks=2").json["points"]
    assert [(p["start"], p["passed"], p["total"], p["rate"]) for p in by_week] == [
        ("2026-02-16", 0, 0, None),
        ("2026-02-23", 2, 2, 1.0),
        ("2026-03-02", 1, 2, 0.5),
    ]


def test_sql_counts_match_the_library_reductions(app, history):
    kept = [Review(card, at(when), rating, before) for card, when, rating, before, undone in LOG]
    kept = [r for r, row in zip(kept, LOG, strict=True) if not row[4]]
    offset = timedelta(hours=-5)
    with Session(app.extensions["quizgen_engine"]) as session:
        days = stats.review_days(
            session, 1, at("2023-12-01").date(), at("2026-03-02").date(), offset
        )
    assert days.counts == reviews_per_day(kept, offset)
    assert days.retention == retention_per_day(kept, offset)


def test_forecast_counts_due_cards_per_day(client, history):
    data = client.get("/api/stats/forecast?days=5").json["days"]
    assert [(d["day"], d["count"]) for d in data] == [
        ("2026-03-02", 1),  # sqs-1, overdue since yesterday
        ("2026-03-03", 0),  # sqs-3 is suspended
        ("2026-03-04", 2),  # lam-2 and lam-3
        ("2026-03-05", 0),
        ("2026-03-06", 0),
    ]


def test_mastery_per_deck_and_note(client, history):
    data = client.get("/api/stats/mastery").json
    decks = {d["name"]: (d["mature"], d["cards"]) for d in data["decks"]}
    # Visible cards: sqs-1, sqs-2, sqs-3-r (sqs-3 suspended, sqs-4 suspended in its file) and
    # lam-1, lam-1-c2, lam-2, lam-3.
    assert decks == {"aws": (3, 7), "aws::compute": (1, 4)}
    notes = {n["name"]: (n["title"], n["mature"], n["cards"]) for n in data["notes"]}
    assert notes == {
        "aws/sqs.md": ("SQS", 2, 3),
        "aws/compute/lambda.md": ("Lambda", 1, 4),
    }
    one = client.get("/api/stats/mastery?deck=aws::compute").json["notes"]
    assert [n["name"] for n in one] == ["aws/compute/lambda.md"]
    note = client.get("/api/stats/mastery?note=aws/sqs.md").json["note"]
    assert (note["mature"], note["cards"]) == (2, 3)


def test_note_mastery_bar_is_an_svg(client, history):
    response = client.get("/stats/note?note=aws/sqs.md")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert "2 of 3 cards mature (67%)" in response.text
    assert "<script" not in response.text


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/stats/note", 400, "note is required"),
        ("/stats/note?note=nope.md", 404, "no cards of note 'nope.md'"),
        ("/api/stats/mastery?note=nope.md", 404, "no cards of note"),
        ("/api/stats/heatmap?weeks=0", 400, "weeks must be a whole number from 1 to 260"),
        ("/api/stats/heatmap?weeks=x", 400, "weeks must be"),
        ("/api/stats/retention?by=month", 400, "by must be 'day' or 'week'"),
        ("/api/stats/forecast?days=9999", 400, "days must be"),
        ("/api/stats/heatmap?offset_minutes=abc", 400, "offset_minutes"),
        ("/api/stats/heatmap?offset_minutes=2000", 400, "from -840 to 840"),
        ("/api/stats/heatmap?offset_minutes=10", 400, "a multiple of 15"),
    ],
)
def test_bad_stats_requests(client, url, status, words):
    response = client.get(url)
    assert response.status_code == status
    body = response.json["error"] if response.is_json else response.text
    assert words in body.replace("&#39;", "'")


def test_stats_page_shows_the_pictures(client, history):
    page = client.get("/stats")
    assert page.status_code == 200
    text = page.text
    assert "2026-03-02: 3 reviews" in text and "2026-02-23: 1 review<" in text
    assert 'id="reviews-today">3<' in text
    assert 'id="true-retention">75%<' in text
    assert 'id="due-today">1<' in text
    assert "2026-03-04: 2 due" in text
    assert "SQS: 2 of 3 cards mature (67%)" in text
    assert "<script>" not in text.split("<main>")[1].split("</main>")[0]


def test_stats_are_per_learner(app, client, auth, history):
    app.config["ACCOUNTS"] = True
    auth.register("ada")
    data = client.get("/api/stats/heatmap").json
    assert data["total"] == 0
    assert client.get("/api/stats/forecast?days=3").json["days"][0]["count"] == 0


def test_counts_follow_reviews_and_undo(client, reviewer, app):
    app.config["UTC_OFFSET_MINUTES"] = 0
    for rating in (3, 4, 1):
        reviewer.rate(rating)
    reviewer.undo()
    today = client.get("/api/stats/heatmap?weeks=1").json["days"][-1]
    assert (today["day"], today["count"]) == ("2026-03-02", 2)
    engine = app.extensions["quizgen_engine"]
    counted = select(ReviewCount.bucket, ReviewCount.reviews)
    with Session(engine) as session:
        kept = session.execute(counted).all()
    with Session(engine) as session, session.begin():
        rebuild_counts(session)
        rebuilt = session.execute(counted).all()
    assert kept == rebuilt == [(to_ms(at("2026-03-02 12:00")) // BUCKET_MS, 2)]


def test_counts_are_filled_from_an_older_database(app, history):
    engine = app.extensions["quizgen_engine"]
    with Session(engine) as session, session.begin():
        session.execute(delete(ReviewCount))
    setup_database(engine)
    with Session(engine) as session:
        total = session.scalar(select(func.sum(ReviewCount.reviews)))
    assert total == sum(1 for row in LOG if not row[4])


def _lambda_mastery(client, deck: str = "") -> tuple[int, int]:
    answer = client.get("/api/stats/mastery", query_string={"deck": deck}).json
    notes = {n["name"]: n for n in answer["notes"]}
    lam = notes["aws/compute/lambda.md"]
    return lam["mature"], lam["cards"]


def test_mastery_is_never_stale_after_a_review_an_undo_or_a_suspension(
    app, client, reviewer, history
):
    # Mastery is kept between requests; each change must show at once. lam-2 (a 3-day
    # interval) with a long memory: one Good makes its interval 21 days or more.
    engine = app.extensions["quizgen_engine"]
    with Session(engine) as session, session.begin():
        session.execute(
            update(CardState)
            .where(CardState.learner_id == 1, CardState.card_id == "lam-2")
            .values(stability=200.0, difficulty=5.0, reps=3)
        )
    assert _lambda_mastery(client) == _lambda_mastery(client, "aws::compute") == (1, 4)
    assert "Lambda: 1 of 4 cards mature" in client.get("/stats").text
    review = reviewer.post("/api/reviews", {"card_id": "lam-2", "rating": 3, "token": "t-1"})
    assert review.status_code == 201, review.json
    assert _lambda_mastery(client) == _lambda_mastery(client, "aws::compute") == (2, 4)
    assert "Lambda: 2 of 4 cards mature" in client.get("/stats").text
    assert reviewer.undo().status_code == 200
    assert _lambda_mastery(client) == _lambda_mastery(client, "aws::compute") == (1, 4)
    assert "Lambda: 1 of 4 cards mature" in client.get("/stats").text
    suspended = reviewer.post("/api/suspend", {"card_ids": ["lam-3"]})
    assert suspended.status_code == 200, suspended.json
    assert _lambda_mastery(client) == (0, 3)
    assert reviewer.post("/api/unsuspend", {"card_ids": ["lam-3"]}).status_code == 200
    assert _lambda_mastery(client) == (1, 4)


def test_mastery_follows_a_sync(client, reviewer, card_folder, history):
    assert _lambda_mastery(client) == (1, 4)
    files = card_folder.sample()
    lam = next(name for name, card_file in files.items() if card_file.title == "Lambda")
    kept = tuple(card for card in files[lam].cards if card.id != "lam-3")
    files[lam] = replace(files[lam], cards=kept)
    card_folder.write(files)
    assert reviewer.post("/api/sync").json["gone"] == 1
    assert _lambda_mastery(client) == (0, 3)


def test_an_older_database_loses_its_retired_indexes_and_keeps_its_rows(app, history):
    engine = app.extensions["quizgen_engine"]
    with engine.begin() as connection:
        connection.execute(
            text("CREATE INDEX ix_card_states_due ON card_states (learner_id, state, due_ms)")
        )
        reviews = connection.scalar(select(func.count()).select_from(ReviewRow))
    setup_database(engine)
    indexes = {
        index["name"]
        for table in ("card_states", "reviews")
        for index in inspect(engine).get_indexes(table)
    }
    assert not indexes & set(RETIRED_INDEXES)
    assert "ix_card_states_forecast" in indexes
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(ReviewRow)) == reviews > 0


def test_empty_statistics_say_what_will_appear(client, reviewer):
    page = client.get("/stats").text
    for ident, words in [
        ("heatmap-empty", "No reviews yet"),
        ("retention-empty", "Nothing to measure yet"),
        ("forecast-empty", "No card is due in the next 30 days"),
        ("mastery-empty", "No card is mature yet"),
    ]:
        assert f'id="{ident}">{words}' in page
    reviewer.rate(3)
    page = client.get("/stats").text
    assert 'id="heatmap-empty"' not in page and 'id="forecast-empty"' not in page
    assert 'id="mastery-empty"' in page  # one review makes no card mature


def test_the_note_mastery_bar_says_what_it_shows(client, history):
    svg = client.get("/stats/note?note=aws/sqs.md").text
    labels = re.findall(r"<text[^>]*>([^<]+)</text>", svg)
    assert labels == ["Mastery", "2 of 3 cards mature (67%)"]
