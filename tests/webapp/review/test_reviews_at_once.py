"""Reviews sent at the same moment: each is kept once, in order per card, committed before its
answer; the same token sent at once by several requests is one review."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from webapp.storage.models import CardState, ReviewCount, ReviewRow


def _log(app, card_id: str) -> list[ReviewRow]:
    with Session(app.extensions["quizgen_engine"]) as session:
        query = select(ReviewRow).where(ReviewRow.card_id == card_id).order_by(ReviewRow.id)
        return list(session.scalars(query))


def test_reviews_of_one_card_at_once_are_all_kept_in_order(app, reviews_at_once):
    answers = reviews_at_once(
        app, [{"card_id": "sqs-1", "rating": 3, "token": f"p-{n}"} for n in range(8)]
    )
    assert [answer.status_code for answer in answers] == [201] * 8
    log = _log(app, "sqs-1")
    with Session(app.extensions["quizgen_engine"]) as session:
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


def test_the_same_version_at_once_is_one_review_and_the_rest_are_told(app, reviews_at_once):
    answers = reviews_at_once(app, [{"card_id": "lam-2", "rating": 2, "version": 0}] * 5)
    assert sorted(answer.status_code for answer in answers) == [200] * 4 + [201]
    assert len(_log(app, "lam-2")) == 1


def test_reviews_of_several_cards_at_once_each_start_from_their_own_card(app, reviews_at_once):
    cards = ["sqs-1", "sqs-2", "sqs-3", "lam-2", "lam-3"]
    bodies = [
        {"card_id": card, "rating": 1 + n % 4, "token": f"{card}-{n}"}
        for n in range(3)
        for card in cards
    ]
    answers = reviews_at_once(app, bodies)
    assert [answer.status_code for answer in answers] == [201] * len(bodies)
    for card in cards:
        log = _log(app, card)
        assert len(log) == 3
        assert log[0].before["state"] == 0
        for earlier, later in zip(log, log[1:], strict=False):
            assert later.before == earlier.after
