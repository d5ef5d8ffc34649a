"""Several app processes on one database: a learner sees the same reviews, undo and queue from
each, because no process holds state another one needs."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

ACCOUNTS = {"QUIZGEN_ACCOUNTS": "true"}


def _queue(learner, base: str) -> tuple:
    """The next card and the counts, as one process answers them."""
    shown = learner.get("/api/next", base)
    return (shown["card"] and shown["card"]["id"]), shown["counts"]


def test_two_processes_agree_on_a_learners_reviews_undo_and_queue(
    serve_process, http_learner, database_kind
):
    first = serve_process(env=ACCOUNTS)
    second = serve_process(env=ACCOUNTS)
    learner = http_learner(first.base)
    assert learner.form("/auth/register", {"name": "ada", "password": "correct horse"}) == 200
    # Logged in on one process is logged in on the other (the session is signed, not kept).
    card, counts = _queue(learner, second.base)
    assert card is not None and counts["done"] == 0
    assert _queue(learner, first.base) == (card, counts)

    assert learner.review(card, 3, "first-look", first.base) == 201
    after = _queue(learner, second.base)
    assert after[0] != card and after[1]["done"] == 1
    assert _queue(learner, first.base) == after
    # The same token sent to the other process is the same review, not a second one.
    status, answer = learner.post(
        "/api/reviews", {"card_id": card, "rating": 3, "token": "first-look"}, second.base
    )
    assert status == 200 and answer["duplicate"] is True
    assert _queue(learner, first.base)[1]["done"] == 1

    status, undone = learner.post("/api/undo", {}, second.base)
    assert status == 200 and undone["review"]["card_id"] == card
    assert _queue(learner, first.base) == (card, counts)
    status, again = learner.post("/api/undo", {}, first.base)
    assert status == 409 and "no review to undo" in again["error"]


def test_gunicorn_workers_serve_one_learner(serve_process, http_learner, database_kind):
    if database_kind != "postgresql":
        pytest.skip("several gunicorn workers are for PostgreSQL (one SQLite file has one writer)")
    served = serve_process("--workers", "2", "--threads", "2")
    deadline = time.monotonic() + 30
    while len(_children(served.process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)  # the first worker may answer before the second has started
    assert len(_children(served.process.pid)) == 2
    learner = http_learner(served.base)
    seen = []
    for number in range(8):  # a new connection each time: the workers take turns
        card, counts = _queue(learner, served.base)
        assert counts["done"] == number
        assert learner.review(card, 3, f"w-{number}") == 201
        seen.append(card)
    assert len(set(seen)) == 8


def _children(pid: int) -> list[int]:
    """The process's child processes, as Linux lists them."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found
