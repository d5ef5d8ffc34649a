"""The study plan: every change to the cards, in this process or another, shows at once.

Each test first asks for the next card twice (the answer must not move by itself), then
changes something, or moves the clock, and checks the next answer.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import update
from sqlalchemy.orm import Session

from webapp import create_app
from webapp.storage.models import CardState, to_ms
from webapp.storage.versions import mastery_changed


def _kept(reviewer, **scope: str) -> dict:
    """The next card, asked twice: the same answer both times."""
    first = reviewer.next(**scope)
    assert reviewer.next(**scope) == first
    return first


def _same_place(answer: dict, before: dict) -> bool:
    """The same card and counts (an undo moves the card's version on)."""
    return (answer["card"], answer["counts"]) == (before["card"], before["counts"])


@pytest.fixture
def other_process(settings: dict, tmp_path: Path, reviewer_of):
    """A second app on the same database, with its own engine."""
    made: list[Flask] = []

    def start():
        app = create_app(settings, instance_path=tmp_path / "other")
        made.append(app)
        return reviewer_of(app.test_client())

    yield start
    for app in made:
        app.extensions["quizgen_engine"].dispose()


def test_a_review_shows_at_once(reviewer):
    shown = _kept(reviewer)
    reviewer.post("/api/reviews", {"card_id": shown["card"]["id"], "rating": 3, "token": "a"})
    after = reviewer.next()
    assert after["card"]["id"] != shown["card"]["id"]
    assert after["counts"]["done"] == shown["counts"]["done"] + 1


def test_an_undo_shows_at_once(reviewer):
    shown = _kept(reviewer)
    reviewer.rate(3)
    assert _kept(reviewer)["card"]["id"] != shown["card"]["id"]
    assert reviewer.undo().status_code == 200
    assert _same_place(reviewer.next(), shown)


def test_a_suspension_and_unsuspension_show_at_once(reviewer):
    shown = _kept(reviewer)
    card = shown["card"]["id"]
    assert reviewer.post("/api/suspend", {"card_ids": [card]}).status_code == 200
    assert _kept(reviewer)["card"]["id"] != card
    assert reviewer.post("/api/unsuspend", {"card_ids": [card]}).status_code == 200
    assert _same_place(reviewer.next(), shown)


def test_a_sync_shows_at_once(reviewer, card_folder):
    shown = _kept(reviewer)
    files = card_folder.sample()
    name = next(n for n, f in files.items() if any(c.id == shown["card"]["id"] for c in f.cards))
    kept = tuple(card for card in files[name].cards if card.id != shown["card"]["id"])
    files[name] = replace(files[name], cards=kept)
    card_folder.write(files)
    assert reviewer.post("/api/sync").json["gone"] >= 1
    assert reviewer.next()["card"]["id"] != shown["card"]["id"]


def test_another_process_review_and_sync_show_at_once(reviewer, card_folder, other_process):
    shown = _kept(reviewer)
    other = other_process()
    assert other.next() == shown
    other.post("/api/reviews", {"card_id": shown["card"]["id"], "rating": 3, "token": "b"})
    after = reviewer.next()
    assert after["card"]["id"] != shown["card"]["id"]
    assert after["counts"]["done"] == 1
    assert other.undo().status_code == 200
    assert _same_place(_kept(reviewer), shown)
    files = card_folder.sample()
    name = next(n for n, f in files.items() if any(c.id == shown["card"]["id"] for c in f.cards))
    files[name] = replace(files[name], title="Changed")
    card_folder.write(files)
    assert other.post("/api/sync").json["updated"] >= 1
    assert reviewer.next()["card"]["title"] == "Changed"


def test_a_learning_card_falling_due_comes_first(reviewer, clock):
    again = reviewer.rate(1)["state"]["card_id"]
    shown = _kept(reviewer)
    assert shown["card"]["id"] != again
    assert shown["counts"]["learning"] == 1
    clock.advance(minutes=2)
    assert reviewer.next()["card"]["id"] == again


def test_a_learning_card_within_the_learn_ahead_window_is_counted(app, reviewer, clock):
    card = reviewer.next()["card"]["id"]
    _set_state(app, card, state=1, step=0, due_ms=to_ms(clock.moment) + 30 * 60_000)
    assert _kept(reviewer)["counts"]["learning"] == 0
    clock.advance(minutes=11)
    assert reviewer.next()["counts"]["learning"] == 1


def test_a_review_card_falling_due_comes_first(app, reviewer, clock):
    card = "lam-3"
    _set_state(
        app, card, state=2, stability=3.0, difficulty=5.0, due_ms=to_ms(clock.moment) + 3_600_000
    )
    shown = _kept(reviewer)
    assert shown["card"]["id"] != card and shown["counts"]["review"] == 0
    clock.advance(hours=2)
    after = reviewer.next()
    assert after["card"]["id"] == card and after["counts"]["review"] == 1


def test_a_new_day_starts_new_counts(reviewer, clock):
    assert reviewer.rate(4)["state"]["due_ms"] > to_ms(clock.moment) + 2 * 86_400_000
    assert _kept(reviewer)["counts"]["done"] == 1
    clock.advance(days=1)
    assert reviewer.next()["counts"]["done"] == 0


def test_the_clock_going_back_is_not_served_a_later_plan(reviewer, clock):
    again = reviewer.rate(1)["state"]["card_id"]
    clock.advance(minutes=2)
    assert _kept(reviewer)["card"]["id"] == again
    clock.advance(minutes=-2)
    assert reviewer.next()["card"]["id"] != again


def _set_state(app: Flask, card: str, **values: object) -> None:
    """Move a card's state by hand, bumping the version as every change in the app does."""
    with Session(app.extensions["quizgen_engine"]) as session, session.begin():
        session.execute(
            update(CardState)
            .where(CardState.learner_id == 1, CardState.card_id == card)
            .values(last_review_ms=0, reps=1, **values)
        )
        mastery_changed(session.connection(), 1)
