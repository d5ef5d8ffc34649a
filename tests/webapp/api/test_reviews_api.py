"""The JSON API: cards, next card, reviews (once each), undo, limits, and bad input."""

from __future__ import annotations

import pytest


def test_cards_lists_every_visible_card_in_file_order(client):
    data = client.get("/api/cards").json
    ids = [card["id"] for card in data["cards"]]
    # lam-1 has two deletions, sqs-3 is a reverse card: 2 + 2 + 2 + 3 visible, 1 suspended.
    assert ids == [
        "lam-1",
        "lam-1-c2",
        "lam-2",
        "lam-3",
        "sqs-1",
        "sqs-2",
        "sqs-3",
        "sqs-3-r",
        "sqs-4",
    ]
    assert data["total"] == 9
    assert data["cards"][0]["state"]["state"] == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"note": "aws/sqs.md"}, {"sqs-1", "sqs-2", "sqs-3", "sqs-3-r", "sqs-4"}),
        ({"tag": "limits"}, {"sqs-1"}),
        ({"tag": "#serverless"}, {"lam-1", "lam-1-c2", "lam-2", "lam-3"}),
        ({"deck": "aws::compute"}, {"lam-1", "lam-1-c2", "lam-2", "lam-3"}),
        ({"deck": "aws::comp"}, set()),
        ({"deck": "aws", "tag": "limits"}, {"sqs-1"}),
    ],
)
def test_cards_filter_by_note_tag_and_deck(client, query, expected):
    assert {
        card["id"] for card in client.get("/api/cards", query_string=query).json["cards"]
    } == expected


def test_cards_paging_and_bad_numbers(client):
    page = client.get("/api/cards?limit=2&offset=2").json
    assert [card["id"] for card in page["cards"]] == ["lam-2", "lam-3"]
    response = client.get("/api/cards?limit=-1")
    assert response.status_code == 400
    assert "limit" in response.json["error"]


def test_next_gives_new_card_with_intervals_and_counts(reviewer):
    shown = reviewer.next()
    assert shown["card"]["id"] == "lam-1"
    assert shown["card"]["question_html"] == "Lambda runs up to [...] with up to 10 GB"
    assert "<strong>15 minutes</strong>" in shown["card"]["answer_html"]
    seconds = [shown["intervals"][str(n)]["seconds"] for n in range(1, 5)]
    assert seconds == sorted(seconds) and seconds[0] < seconds[3]
    assert shown["counts"] == {"new": 8, "learning": 0, "review": 0, "done": 0}


def test_next_skips_suspended_cards(reviewer):
    seen = [reviewer.rate(4, note="aws/sqs.md")["review"]["card_id"] for _ in range(4)]
    assert "sqs-4" not in seen
    assert reviewer.next(note="aws/sqs.md")["card"] is None


def test_submit_records_fsrs_state_and_log(reviewer, stored):
    result = reviewer.rate(3)
    assert result["duplicate"] is False
    assert result["state"]["version"] == 1 and result["state"]["reps"] == 1
    assert result["state"]["stability"] > 0
    (review,) = stored()
    assert review["card_id"] == "lam-1" and review["rating"] == 3 and review["was_new"]
    assert review["before"]["state"] == 0 and review["after"]["state"] == result["state"]["state"]
    assert review["state_after"] == 1


def test_same_version_twice_records_one_review(reviewer, stored):
    body = {"card_id": "lam-2", "rating": "good", "version": 0}
    first = reviewer.post("/api/reviews", body)
    second = reviewer.post("/api/reviews", body)
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json["duplicate"] is True
    assert second.json["review"]["id"] == first.json["review"]["id"]
    assert len(stored()) == 1


def test_same_client_token_twice_records_one_review(reviewer, stored):
    body = {"card_id": "lam-2", "rating": 2, "token": "tab-1:42"}
    assert reviewer.post("/api/reviews", body).status_code == 201
    assert reviewer.post("/api/reviews", body).json["duplicate"] is True
    assert [r["token"] for r in stored()] == ["tab-1:42"]


def test_stale_version_is_a_conflict(reviewer, stored):
    reviewer.post("/api/reviews", {"card_id": "lam-2", "rating": 3, "version": 0})
    response = reviewer.post("/api/reviews", {"card_id": "lam-2", "rating": 3, "version": 5})
    assert response.status_code == 409
    assert "version" in response.json["error"]
    assert len(stored()) == 1


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"card_id": "nope", "rating": 3, "version": 0}, 404, "no card"),
        ({"card_id": "lam-2", "rating": 5, "version": 0}, 400, "rating"),
        ({"card_id": "lam-2", "rating": "great", "version": 0}, 400, "rating"),
        ({"card_id": "lam-2", "rating": True, "version": 0}, 400, "rating"),
        ({"card_id": "lam-2", "rating": 3}, 400, "token"),
        ({"card_id": "lam-2", "rating": 3, "version": "1"}, 400, "version"),
        ({"card_id": "lam-2", "rating": 3, "version": 0, "duration_ms": -5}, 400, "duration"),
        ({"card_id": 7, "rating": 3, "version": 0}, 400, "card_id"),
        ({"rating": 3}, 400, "card_id"),
        ([1, 2], 400, "JSON object"),
    ],
)
def test_bad_reviews_are_refused_with_a_message(reviewer, stored, body, status, words):
    response = reviewer.post("/api/reviews", body)
    assert response.status_code == status
    assert words in response.json["error"]
    assert stored() == []


def test_body_that_is_not_json_is_refused(reviewer):
    response = reviewer.client.post(
        "/api/reviews",
        data="rating=3",
        headers={"X-CSRF-Token": reviewer.csrf()},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "JSON" in response.json["error"]


@pytest.mark.parametrize("header", [None, "wrong-token"])
def test_writes_without_the_csrf_token_are_refused(reviewer, stored, header):
    reviewer.csrf()
    headers = {"X-CSRF-Token": header} if header else {}
    for url in ("/api/reviews", "/api/undo", "/api/sync"):
        response = reviewer.client.post(
            url, json={"card_id": "lam-2", "rating": 3, "version": 0}, headers=headers
        )
        assert response.status_code == 403
        assert "CSRF" in response.json["error"]
    assert stored() == []


def test_undo_restores_state_and_keeps_the_review_marked(reviewer, stored, clock):
    reviewer.rate(3)
    clock.advance(seconds=30)
    response = reviewer.undo()
    assert response.status_code == 200
    assert response.json["state"]["state"] == 0 and response.json["state"]["version"] == 2
    (review,) = stored()
    assert review["undone_ms"] is not None
    assert reviewer.next()["card"]["id"] == "lam-1"
    assert reviewer.next()["counts"]["done"] == 0


def test_undo_twice_with_the_same_id_undoes_once(reviewer, stored):
    first = reviewer.rate(3)["review"]["id"]
    reviewer.rate(3)
    assert reviewer.undo().status_code == 200
    assert reviewer.undo(first).status_code == 200
    again = reviewer.undo(first)
    assert again.status_code == 409 and "already undone" in again.json["error"]
    assert all(review["undone_ms"] for review in stored())


def test_undo_with_nothing_to_undo_or_unknown_review(reviewer):
    response = reviewer.undo()
    assert response.status_code == 409 and "no review" in response.json["error"]
    assert reviewer.undo(999).status_code == 404


def test_undo_refuses_an_older_review(reviewer):
    first = reviewer.rate(3)["review"]["id"]
    reviewer.rate(3)
    response = reviewer.undo(first)
    assert response.status_code == 409 and "not the last" in response.json["error"]


def test_rereview_after_undo_is_recorded(reviewer, stored):
    reviewer.rate(1)
    reviewer.undo()
    reviewer.rate(4)
    assert [(r["rating"], r["undone_ms"] is None) for r in stored()] == [(1, False), (4, True)]


def test_daily_new_limit_then_next_day(app, reviewer, clock):
    app.config["NEW_PER_DAY"] = 3
    for _ in range(3):
        reviewer.rate(4)
    shown = reviewer.next()
    assert shown["card"] is None and shown["counts"]["new"] == 0 and shown["counts"]["done"] == 3
    clock.advance(days=1)
    assert reviewer.next()["counts"]["new"] == 3


def test_undo_gives_back_a_new_card_of_the_daily_limit(app, reviewer):
    app.config["NEW_PER_DAY"] = 1
    reviewer.rate(4)
    assert reviewer.next()["card"] is None
    reviewer.undo()
    assert reviewer.next()["card"]["id"] == "lam-1"


def test_daily_review_limit_and_due_first(app, reviewer, clock):
    for _ in range(4):
        reviewer.rate(4)  # Easy on a new card: straight to review, due in days
    clock.advance(days=60)
    app.config["REVIEWS_PER_DAY"] = 2
    shown = reviewer.next()
    assert shown["counts"]["review"] == 2
    assert shown["card"]["id"] in reviewer.seen  # a due card comes before new ones
    reviewer.rate(3)
    reviewer.rate(3)
    after = reviewer.next()
    assert after["counts"]["review"] == 0
    assert after["card"]["id"] not in reviewer.seen  # limit reached: new cards next


def test_again_brings_the_card_back_within_minutes(reviewer, clock):
    reviewer.rate(1)
    reviewer.rate(1)
    clock.advance(minutes=2)
    shown = reviewer.next()
    assert shown["card"]["id"] == "lam-1"
    assert shown["counts"]["learning"] >= 1


def test_scope_limits_next_card(reviewer):
    assert reviewer.next(note="aws/sqs.md")["card"]["id"] == "sqs-1"
    assert reviewer.next(tag="limits")["card"]["id"] == "sqs-1"
    assert reviewer.next(deck="aws::compute")["card"]["id"] == "lam-1"
    assert reviewer.next(note="missing.md")["card"] is None


def test_unknown_api_route_and_method_are_json_errors(client):
    missing = client.get("/api/nothing")
    assert missing.status_code == 404 and "error" in missing.json
    wrong = client.get("/api/reviews")
    assert wrong.status_code == 405 and "error" in wrong.json
