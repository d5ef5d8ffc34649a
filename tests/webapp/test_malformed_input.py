"""Every malformed number, id, page, path or body gets a 4xx with a sentence, never a 500.

One table per way of sending (JSON API, query string, form, path); each row is a request a
probe of the app once answered with a 500 (or with more than it should say), and the 4xx the
docs promise for it. They run on SQLite and on PostgreSQL, which refuses NUL bytes in text.
"""

from __future__ import annotations

import http.client
import json
from urllib.parse import urlsplit

PAST_IDS = 2**63  # one more than the largest id a database column holds
JSON = {"Content-Type": "application/json"}


def _is_api_error(response, status: int) -> bool:
    """The status asked for, in the API's error shape `{"error": sentence, "status": n}`."""
    body = response.json if response.is_json else None
    return (
        response.status_code == status
        and isinstance(body, dict)
        and body.get("status") == status
        and isinstance(body.get("error"), str)
        and bool(body["error"])
    )


API_BODIES = [
    ("/api/reviews", '{"card_id": "sqs-1", "rating": 3, "version": 1e400}', 400),
    ("/api/reviews", '{"card_id": "sqs-1", "rating": 3, "version": Infinity}', 400),
    ("/api/reviews", '{"card_id": "sqs-1", "rating": 3, "version": NaN}', 400),
    ("/api/reviews", f'{{"card_id": "sqs-1", "rating": 3, "version": {PAST_IDS}}}', 400),
    ("/api/reviews", '{"card_id": "sqs-1", "rating": 3, "version": "0"}', 400),
    ("/api/reviews", '{"card_id": "sqs-1", "rating": 3, "version": 0, "duration_ms": -1}', 400),
    ("/api/reviews", '{"card_id": "sqs-1", "rating": 3, "version": 0, "duration_ms": 1e9}', 400),
    ("/api/reviews", '{"card_id": "sqs-1\\u0000", "rating": 3, "version": 0}', 400),
    ("/api/reviews", '{"card_id": "sqs-1", "rating": 1e400, "version": 0}', 400),
    ("/api/reviews", '{"card_id": "sqs-1", "rating": "³", "version": 0}', 400),
    ("/api/undo", '{"review_id": 1e30}', 400),
    ("/api/undo", f'{{"review_id": {PAST_IDS}}}', 400),
    ("/api/undo", f'{{"review_id": {2**70}}}', 400),
    ("/api/undo", '{"review_id": "1"}', 400),
    ("/api/quizzes", '{"count": "5"}', 400),
    ("/api/quizzes", '{"count": 5.0}', 400),
    ("/api/quizzes", '{"kinds": "typed"}', 400),
    ("/api/quizzes", '{"kinds": ["typed", 3]}', 400),
    ("/api/quizzes", f'{{"seed": {2**64}}}', 400),
    ("/api/quizzes", '{"deck": "aws\\u0000"}', 400),
    ("/api/suspend", json.dumps({"card_ids": ["sqs-1"] * 1001}), 400),
    ("/api/suspend", json.dumps({"card_ids": [f"x-{n}" for n in range(1001)]}), 400),
    ("/api/unsuspend", json.dumps({"card_ids": {"\x00": 1}}), 400),
    (f"/api/quizzes/{PAST_IDS}/answers", '{"question_id": "q"}', 404),
    (f"/api/quizzes/{2**70}/submit", "{}", 404),
    ("/api/quizzes/\u00b2/submit", "{}", 404),
    ("/api/reviews", "[1, 2]", 400),
    ("/api/reviews", '{"card_id": ', 400),
]


def test_api_bodies(reviewer):
    headers = {**JSON, "X-CSRF-Token": reviewer.csrf()}
    wrong = []
    for path, body, status in API_BODIES:
        response = reviewer.client.post(path, data=body, headers=headers)
        if not _is_api_error(response, status):
            wrong.append((path, body[:80], response.status_code, response.get_data()[:200]))
    assert wrong == []


API_QUERIES = [
    (f"/api/quizzes/{PAST_IDS}", 404),
    (f"/api/quizzes/{2**64}/result", 404),
    ("/api/quizzes/\u0661\u0662", 404),
    ("/api/browse?page=\u00b2", 400),
    ("/api/browse?page=\u0661", 400),
    ("/api/browse?per_page=1_0", 400),
    ("/api/browse?page=-1", 400),
    (f"/api/browse?page={PAST_IDS}", 400),
    ("/api/cards?limit=\u00b2", 400),
    ("/api/cards?offset=inf", 400),
    ("/api/cards?limit=1e3", 400),
    ("/api/stats/heatmap?weeks=\u00b2", 400),
    ("/api/stats/forecast?days=%EF%BC%93", 400),  # a full-width 3
    ("/api/stats/forecast?offset_minutes=%D9%A1%D9%A5", 400),  # Arabic-Indic 15
    ("/api/stats/forecast?offset_minutes=1e400", 400),
    ("/api/next?deck=aws%00", 400),
    ("/api/browse?q=%00", 400),
    ("/api/cards/sqs-1%00/history", 404),
    ("/api/stats/mastery?note=%00", 400),
]


def test_api_queries_and_ids(client):
    wrong = []
    for path, status in API_QUERIES:
        response = client.get(path)
        if not _is_api_error(response, status):
            wrong.append((path, response.status_code, response.get_data()[:200]))
    assert wrong == []


PAGE_FORMS = [
    ("answer", {"version": "inf"}),
    ("answer", {"version": "1e400"}),
    ("answer", {"duration_ms": "inf"}),
    ("answer", {"duration_ms": "-5"}),
    ("answer", {"version": str(PAST_IDS)}),
    ("answer", {"version": "\u00b2"}),
    ("answer", {"card_id": "sqs-1\x00"}),
    ("undo", {"review_id": "inf"}),
    ("undo", {"review_id": "1e30"}),
    ("undo", {"review_id": str(2**64)}),
]


def test_review_page_forms(review_page):
    review_page.answer("3")  # so there is a review to undo
    wrong = []
    for action, fields in PAGE_FORMS:
        response = getattr(review_page, action)(**fields)
        page = response.status_code == 400 and "text/html" in response.content_type
        if not page or "</html>" not in response.text:
            wrong.append((action, fields, response.status_code, response.text[:200]))
    assert wrong == []


PAGES = [
    (f"/quiz/{PAST_IDS}", 404),
    (f"/quiz/{2**64}/result", 404),
    ("/quiz/\u00b2", 404),
    ("/browse?page=\u00b2", 400),
    ("/browse?page=\u0663", 400),
    ("/browse?per_page=%EF%BC%95", 400),
    ("/browse/card/%00", 404),
    ("/review?deck=%00", 400),
    ("/notes/%00", 404),
    ("/notes/aws/sqs/index.html%00.png", 404),
    ("/stats/note?note=a%00", 400),
]


def test_pages(client):
    wrong = []
    for path, status in PAGES:
        response = client.get(path)
        if response.status_code != status:
            wrong.append((path, response.status_code, response.text[:200]))
    assert wrong == []


def test_quiz_form_count_is_checked_as_a_whole_number(reviewer):
    form = {"csrf_token": reviewer.csrf(), "count": "\u00b2", "kinds": "typed"}
    response = reviewer.client.post("/quiz", data=form)
    assert response.status_code == 400 and "count" in response.text


def _raw_get(base: str, path: str) -> tuple[int, bytes]:
    """GET a path exactly as written (no client-side normalising of `..` or `%2f`)."""
    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        connection.request("GET", path)
        answer = connection.getresponse()
        return answer.status, answer.read()
    finally:
        connection.close()


def test_notes_outside_the_site_look_the_same_whether_they_exist_or_not(live_url):
    """Served by waitress, as a browser would reach it: `/` exists on every machine, the other
    folder nowhere; both answers are the same 404."""
    for encoded in ("..%2f", "..%2F", "%2e%2e%2f", "..%5c", "aws/..%2f..%2f"):
        there = _raw_get(live_url, f"/notes/{encoded * 12}")
        nowhere = _raw_get(live_url, f"/notes/{encoded * 12}no-such-folder-anywhere")
        assert there[0] == nowhere[0] == 404, encoded
        assert there[1] == nowhere[1], encoded
