"""Reviews written by the writer process: committed before the answer, once each, in order,
and not lost when the writer dies."""

from __future__ import annotations

import os
import signal
import threading

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from webapp import create_app, writer_process
from webapp.models import CardState, ReviewRow
from webapp.writer_process import writer_of

REVIEW_WRITERS = ("process",)


def _log(app, card_id: str | None = None) -> list[ReviewRow]:
    query = select(ReviewRow).order_by(ReviewRow.id)
    if card_id:
        query = query.where(ReviewRow.card_id == card_id)
    with Session(app.extensions["quizgen_engine"]) as session:
        return list(session.scalars(query))


def test_a_review_is_written_by_another_process_and_committed_before_the_answer(app, reviewer):
    answer = reviewer.rate(3)
    writer = writer_of(app.extensions["quizgen_engine"])
    assert writer is not None and writer.process.poll() is None
    assert writer.process.pid != os.getpid()
    [logged] = _log(app)
    assert logged.id == answer["review"]["id"] and logged.rating == 3
    with Session(app.extensions["quizgen_engine"]) as session:
        state = session.get(CardState, (1, answer["review"]["card_id"]))
    assert state is not None and state.version == 1 and state.fsrs_dict() == logged.after


def test_reviews_of_one_card_at_once_are_all_kept_in_order(app, reviews_at_once):
    answers = reviews_at_once(
        app, [{"card_id": "sqs-1", "rating": 1 + n % 4, "token": f"p-{n}"} for n in range(8)]
    )
    assert [answer.status_code for answer in answers] == [201] * 8
    log = _log(app, "sqs-1")
    assert len(log) == 8
    for earlier, later in zip(log, log[1:], strict=False):
        assert later.before == earlier.after  # each review starts where the last one ended


def test_the_same_token_at_once_is_logged_once(app, reviews_at_once):
    answers = reviews_at_once(app, [{"card_id": "sqs-2", "rating": 3, "token": "same"}] * 6)
    assert sorted(answer.status_code for answer in answers) == [200] * 5 + [201]
    assert len({answer.json["review"]["id"] for answer in answers}) == 1
    assert len(_log(app)) == 1


def test_a_killed_writer_loses_no_review_and_is_replaced(app, reviewer, monkeypatch):
    monkeypatch.setattr(writer_process, "RESTART_AFTER_S", 0.0)
    engine = app.extensions["quizgen_engine"]
    first = reviewer.post("/api/reviews", {"card_id": "sqs-1", "rating": 3, "token": "a"})
    assert first.status_code == 201
    writer = writer_of(engine)
    assert writer is not None
    os.kill(writer.process.pid, signal.SIGKILL)
    writer.process.wait(10)
    # The next review finds the writer gone: it is written alone, or by a new writer.
    second = reviewer.post("/api/reviews", {"card_id": "sqs-1", "rating": 3, "token": "b"})
    assert second.status_code == 201, second.json
    third = reviewer.post("/api/reviews", {"card_id": "sqs-2", "rating": 3, "token": "c"})
    assert third.status_code == 201, third.json
    replaced = writer_of(engine)
    assert replaced is not None and replaced.process.pid != writer.process.pid
    assert [row.token for row in _log(app)] == ["a", "b", "c"]
    again = reviewer.post("/api/reviews", {"card_id": "sqs-1", "rating": 3, "token": "b"})
    assert again.status_code == 200 and again.json["review"]["id"] == second.json["review"]["id"]


def test_reviews_sent_while_the_writer_is_killed_are_each_logged_once(app, reviews_at_once):
    writer = writer_of(app.extensions["quizgen_engine"])
    assert writer is not None
    killer = threading.Timer(0.05, os.kill, (writer.process.pid, signal.SIGKILL))
    killer.start()
    bodies = [{"card_id": "sqs-3", "rating": 3, "token": f"k-{n}"} for n in range(40)]
    answers = []
    for batch in range(0, len(bodies), 8):
        answers += reviews_at_once(app, bodies[batch : batch + 8])
    killer.join()
    assert writer.process.wait(10) == -signal.SIGKILL
    assert [answer.status_code for answer in answers] == [201] * 40
    log = _log(app, "sqs-3")
    assert sorted(row.token for row in log) == sorted(body["token"] for body in bodies)
    for earlier, later in zip(log, log[1:], strict=False):
        assert later.before == earlier.after


def test_a_writer_that_cannot_run_is_not_started_for_every_review(app, reviewer, monkeypatch):
    started: list[object] = []
    real = writer_process.Writer

    def failing(url: str, synchronous: str):
        started.append(url)
        return real(url, synchronous)

    monkeypatch.setattr(writer_process, "_START", "import sys; sys.exit(3)")
    monkeypatch.setattr(writer_process, "Writer", failing)
    for number in range(5):
        body = {"card_id": "sqs-1", "rating": 3, "token": f"d-{number}"}
        answer = reviewer.post("/api/reviews", body)
        assert answer.status_code == 201, answer.json
    assert len(started) == 1  # the writer that died young is not replaced for a while
    assert [row.token for row in _log(app)] == [f"d-{number}" for number in range(5)]


def test_reviews_are_written_when_no_writer_can_be_started(app, reviewer, monkeypatch, capfd):
    def refused(*args, **kwargs):
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(writer_process.subprocess, "Popen", refused)
    answer = reviewer.post("/api/reviews", {"card_id": "sqs-2", "rating": 4, "token": "n"})
    assert answer.status_code == 201, answer.json
    assert [row.token for row in _log(app)] == ["n"]
    assert "the review writer could not start" in capfd.readouterr().err


def test_disposing_the_engine_stops_the_writer(app, reviewer):
    reviewer.rate(3)
    engine = app.extensions["quizgen_engine"]
    writer = writer_of(engine)
    assert writer is not None
    engine.dispose()
    assert writer.process.wait(10) == 0
    assert not writer.alive


def test_review_writer_must_be_process_or_thread(tmp_path):
    with pytest.raises(ValueError, match="REVIEW_WRITER must be process or thread"):
        create_app({"REVIEW_WRITER": "fork"}, instance_path=tmp_path / "instance")
