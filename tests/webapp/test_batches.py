"""Reviews written together: each is committed before its answer, once, in order per card."""

from __future__ import annotations

import threading
import time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from webapp import review_batch
from webapp.batches import Batches
from webapp.models import CardState, ReviewCount, ReviewRow


def test_writes_that_wait_go_together_and_none_returns_before_its_write():
    batches: Batches[int] = Batches()
    first_started, release = threading.Event(), threading.Event()
    written: list[list[int]] = []
    returned: list[tuple[int, bool]] = []

    def write_all(batch: list[int]) -> None:
        if not written:
            first_started.set()
            release.wait(5)
        written.append(list(batch))

    def submit(job: int) -> None:
        batches.write(job, write_all)
        returned.append((job, any(job in batch for batch in written)))

    first = threading.Thread(target=submit, args=(0,))
    first.start()
    assert first_started.wait(5)
    others = [threading.Thread(target=submit, args=(n,)) for n in range(1, 6)]
    for thread in others:
        thread.start()
    time.sleep(0.2)  # all five are waiting for the first write
    assert written == []
    release.set()
    for thread in [first, *others]:
        thread.join(5)
    assert written == [[0], [1, 2, 3, 4, 5]]
    # Each job returned only after the write holding it was done.
    assert sorted(returned) == [(n, True) for n in range(6)]


def test_reviews_of_one_card_at_once_are_all_kept_in_order(app, reviews_at_once):
    answers = reviews_at_once(
        app, [{"card_id": "sqs-1", "rating": 3, "token": f"p-{n}"} for n in range(8)]
    )
    assert [answer.status_code for answer in answers] == [201] * 8
    with Session(app.extensions["quizgen_engine"]) as session:
        log = list(
            session.scalars(select(ReviewRow).where(ReviewRow.card_id == "sqs-1").order_by("id"))
        )
        state = session.get(CardState, (1, "sqs-1"))
        counted = session.scalar(select(func.sum(ReviewCount.reviews)))
    assert state is not None and state.version == 8 and state.reps == 8
    assert len(log) == 8 and counted == 8
    for earlier, later in zip(log, log[1:], strict=False):
        assert later.before == earlier.after  # each review starts where the last one ended
    assert log[-1].after == state.fsrs_dict()


def test_the_same_token_at_once_is_logged_once(app, reviews_at_once):
    answers = reviews_at_once(app, [{"card_id": "sqs-2", "rating": 3, "token": "same"}] * 6)
    assert sorted(answer.status_code for answer in answers) == [200] * 5 + [201]
    assert len({answer.json["review"]["id"] for answer in answers}) == 1
    with Session(app.extensions["quizgen_engine"]) as session:
        state = session.get(CardState, (1, "sqs-2"))
        logged = session.scalar(select(func.count()).select_from(ReviewRow))
    assert state is not None and state.version == 1 and logged == 1


def test_a_failed_batch_is_written_again_one_by_one(app, reviewer, monkeypatch):
    calls = []
    real = review_batch._apply

    def failing_once(driver, pending):
        calls.append(pending.review.token)
        if len(calls) == 1:
            raise RuntimeError("disk trouble")
        return real(driver, pending)

    monkeypatch.setattr(review_batch, "_apply", failing_once)
    assert reviewer.next() == reviewer.next()  # the plan is kept
    answer = reviewer.post("/api/reviews", {"card_id": "sqs-3", "rating": 3, "token": "f"})
    assert answer.status_code == 201, answer.json
    assert reviewer.next()["counts"]["done"] == 1  # written alone, it moved the version too
    again = reviewer.post("/api/reviews", {"card_id": "sqs-3", "rating": 3, "token": "f"})
    assert again.status_code == 200 and again.json["review"]["id"] == answer.json["review"]["id"]
    with Session(app.extensions["quizgen_engine"]) as session:
        assert session.scalar(select(func.count()).select_from(ReviewRow)) == 1
        state = session.get(CardState, (1, "sqs-3"))
    assert state is not None and state.version == 1


def test_reviews_of_several_cards_at_once_each_start_from_their_own_card(app, reviews_at_once):
    engine = app.extensions["quizgen_engine"]
    cards = ["sqs-1", "sqs-2", "sqs-3", "lam-1", "lam-2", "lam-3"]
    with Session(engine) as session, session.begin():
        # Give each card a distinct memory, so that a review read from the wrong card shows.
        for n, card in enumerate(cards):
            state = session.get(CardState, (1, card))
            assert state is not None
            state.state, state.stability, state.difficulty, state.reps = 2, 5.0 + n, 4.0, 3
            state.due_ms = state.last_review_ms = 1_700_000_000_000
        before = {card: session.get(CardState, (1, card)).fsrs_dict() for card in cards}
    answers = reviews_at_once(
        app, [{"card_id": card, "rating": 3, "token": f"m-{card}"} for card in cards]
    )
    assert [answer.status_code for answer in answers] == [201] * len(cards)
    with Session(engine) as session:
        for card, answer in zip(cards, answers, strict=True):
            review = answer.json["review"]
            assert review["card_id"] == card and review["before"] == before[card]
            state = session.get(CardState, (1, card))
            assert state is not None and state.version == 1
            assert state.fsrs_dict() == review["after"]
            assert answer.json["state"] == {"card_id": card, "version": 1, **review["after"]}


def test_batches_share_one_connection_until_one_fails_or_the_engine_goes(
    app, reviewer, monkeypatch
):
    engine = app.extensions["quizgen_engine"]

    def review(card_id: str, token: str) -> int:
        return reviewer.post(
            "/api/reviews", {"card_id": card_id, "rating": 3, "token": token}
        ).status_code

    assert review("sqs-1", "a") == 201
    first = review_batch._CONNECTIONS[engine]
    assert review("sqs-2", "b") == 201
    assert review_batch._CONNECTIONS[engine] is first

    def broken(driver, batch):
        raise RuntimeError("connection lost")

    monkeypatch.setattr(review_batch, "_read_cards", broken)
    assert review("sqs-3", "c") == 201  # written alone, through the ORM
    assert engine not in review_batch._CONNECTIONS  # the failed one was closed
    monkeypatch.undo()
    assert review("lam-2", "d") == 201
    assert review_batch._CONNECTIONS[engine] is not first
    engine.dispose()
    assert engine not in review_batch._CONNECTIONS
