"""The card browser: search, states, paging, suspend and unsuspend, a card's history."""

from __future__ import annotations

import pytest

SQS_VISIBLE = ["sqs-1", "sqs-2", "sqs-3", "sqs-3-r", "sqs-4"]


def ids(response) -> list[str]:
    assert response.status_code == 200, response.json
    return [card["id"] for card in response.json["cards"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "lambda"}, ["lam-1", "lam-1-c2", "lam-2", "lam-3"]),
        ({"q": "256 kb"}, ["sqs-1"]),
        ({"q": "first in"}, ["sqs-3", "sqs-3-r"]),
        ({"q": "100%"}, []),
        ({"q": "_"}, []),
        ({"note": "aws/sqs.md"}, SQS_VISIBLE),
        ({"tag": "limits"}, ["sqs-1"]),
        ({"deck": "aws::compute", "q": "layers"}, ["lam-3"]),
        ({"state": "new", "note": "aws/sqs.md"}, ["sqs-1", "sqs-2", "sqs-3", "sqs-3-r"]),
        ({"state": "suspended"}, ["sqs-4"]),
        ({"state": "review"}, []),
        ({"state": "gone"}, []),
    ],
)
def test_search_by_text_note_tag_deck_and_state(client, query, expected):
    assert ids(client.get("/api/browse", query_string=query)) == expected


def test_states_follow_reviews(reviewer, client):
    reviewer.rate(3)  # lam-1 goes to learning
    assert ids(client.get("/api/browse?state=learning")) == ["lam-1"]
    reviewer.rate(4)  # lam-1-c2 straight to review
    assert ids(client.get("/api/browse?state=review")) == ["lam-1-c2"]
    data = client.get("/api/browse?q=layers").json["cards"][0]
    assert data["status"] == "new" and data["state"]["state"] == 0


def test_paging(client):
    first = client.get("/api/browse?per_page=4").json
    second = client.get("/api/browse?per_page=4&page=3").json
    assert first["total"] == 9 and len(first["cards"]) == 4
    assert [c["id"] for c in second["cards"]] == ["sqs-4"]


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/api/browse?state=sleeping", "state must be one of new, learning"),
        ("/api/browse?page=0", "page must be a whole number"),
        ("/api/browse?per_page=500", "per_page must be a whole number from 1 to 200"),
        ("/browse?state=sleeping", "state must be one of"),
    ],
)
def test_bad_searches(client, url, words):
    response = client.get(url)
    assert response.status_code == 400
    assert words in (response.json["error"] if response.is_json else response.text)


def test_suspend_and_unsuspend_keep_across_syncs(reviewer, client, card_folder):
    done = reviewer.post("/api/suspend", {"card_ids": ["lam-1", "lam-2"]})
    assert done.status_code == 200 and done.json == {"changed": 2, "suspended": True}
    assert reviewer.next()["card"]["id"] == "lam-1-c2"
    assert ids(client.get("/api/browse?state=suspended")) == ["lam-1", "lam-2", "sqs-4"]
    card_folder.write(card_folder.sample())
    assert reviewer.post("/api/sync").status_code == 200
    assert ids(client.get("/api/browse?state=suspended")) == ["lam-1", "lam-2", "sqs-4"]
    again = reviewer.post("/api/suspend", {"card_ids": ["lam-1"]})
    assert again.json["changed"] == 0
    back = reviewer.post("/api/unsuspend", {"card_ids": ["lam-1"]})
    assert back.json == {"changed": 1, "suspended": False}
    assert reviewer.next()["card"]["id"] == "lam-1"


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"card_ids": ["nope"]}, 404, "no card with id 'nope'"),
        ({"card_ids": []}, 400, "card_ids must be a list of 1 to 1000"),
        ({"card_ids": "lam-1"}, 400, "card_ids must be a list"),
        ({}, 400, "card_ids must be a list"),
    ],
)
def test_bad_suspends(reviewer, body, status, words):
    response = reviewer.post("/api/suspend", body)
    assert response.status_code == status and words in response.json["error"]


def test_suspend_needs_csrf(reviewer):
    response = reviewer.post("/api/suspend", {"card_ids": ["lam-1"]}, csrf=False)
    assert response.status_code == 403


def test_history_lists_reviews_and_quiz_answers(reviewer, client, quizzer):
    for version, rating in enumerate((1, 3)):
        body = {"card_id": "lam-1", "rating": rating, "version": version}
        assert reviewer.post("/api/reviews", body).status_code == 201
    quiz = quizzer.made(count=9, seed=3, note="aws/compute/lambda.md", kinds=["typed"])
    question = next(q for q in quiz["questions"] if q["card_id"] == "lam-2")
    quizzer.answer(quiz["id"], question["id"], answer="first call")
    history = client.get("/api/cards/lam-1/history").json
    assert [r["rating"] for r in history["reviews"]] == [1, 3]
    assert history["card"]["id"] == "lam-1" and history["state"]["reps"] == 2
    answers = client.get("/api/cards/lam-2/history").json["quiz_answers"]
    assert [(a["given"], a["correct"]) for a in answers] == [("first call", True)]
    missing = client.get("/api/cards/nope/history")
    assert missing.status_code == 404 and "no card with id 'nope'" in missing.json["error"]


def form_token(page: str) -> str:
    marker = 'name="csrf_token" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


def test_browser_page_searches_and_suspends_with_a_form(client):
    page = client.get("/browse?q=lambda&per_page=2")
    assert page.status_code == 200
    assert "4 cards, page 1 of 2" in page.text and 'rel="next"' in page.text
    assert 'href="/notes/aws/compute/lambda/#limits"' in page.text
    form = {
        "csrf_token": form_token(page.text),
        "card_id": ["lam-2", "lam-3"],
        "action": "suspend",
        "back": "/browse?q=lambda",
    }
    done = client.post("/browse/suspend", data=form)
    assert done.status_code == 303 and done.headers["Location"] == "/browse?q=lambda"
    listed = client.get("/browse?state=suspended").text
    assert "Lambda cold start?" in listed and "Lambda layers?" in listed
    form.update(back="https://evil.example/", action="unsuspend")
    undone = client.post("/browse/suspend", data=form)
    assert undone.headers["Location"] == "/browse"
    assert "0 cards" in client.get("/browse?state=suspended&deck=aws::compute").text


def test_browser_form_errors(client):
    token = form_token(client.get("/browse").text)
    no_action = client.post("/browse/suspend", data={"csrf_token": token, "card_id": "lam-1"})
    assert no_action.status_code == 400 and "action must be" in no_action.text
    none = client.post("/browse/suspend", data={"csrf_token": token, "action": "suspend"})
    assert none.status_code == 400 and "tick at least one card" in none.text
    forged = client.post("/browse/suspend", data={"action": "suspend", "card_id": "lam-1"})
    assert forged.status_code == 403


def test_card_page_shows_history_and_escapes_content(reviewer, client):
    reviewer.rate(3)
    page = client.get("/browse/card/lam-1")
    assert page.status_code == 200
    assert 'id="card-status">learning<' in page.text and "Good" in page.text
    assert 'href="/notes/aws/compute/lambda/#limits"' in page.text
    escaped = client.get("/browse/card/sqs-2").text
    assert "<script>alert(1)</script>" not in escaped and "&lt;script&gt;" in escaped
    assert client.get("/browse/card/nope").status_code == 404


def test_the_list_shows_plain_text_not_markdown(client):
    page = client.get("/browse?note=aws/sqs.md").text
    assert "**queue**" not in page and "A queue" in page
    assert "&lt;script&gt;" in page and "<script>alert" not in page
    assert '<td class="name">' in page  # note names and dates do not wrap (see app.css)
