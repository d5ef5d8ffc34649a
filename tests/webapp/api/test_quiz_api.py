"""Quizzes through the JSON API: scopes, answers once each, scores, history, the schedule."""

from __future__ import annotations

import pytest

from webapp.storage.models import ReviewRow
from webapp.storage.quiz_models import QuizAnswerRow

CARD_SET = "quiz"
QUOTA_IDS = {f"quota-{n}" for n in range(6)}
SQS_IDS = QUOTA_IDS | {"sqs-def"}
LAMBDA_IDS = {"lam-1", "lam-2"}


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        ({}, SQS_IDS | LAMBDA_IDS),
        ({"deck": "aws"}, SQS_IDS | LAMBDA_IDS),
        ({"deck": "aws::compute"}, LAMBDA_IDS),
        ({"tag": "basics"}, {"sqs-def"}),
        ({"tag": "#queue"}, SQS_IDS),
        ({"note": "aws/compute/lambda.md"}, LAMBDA_IDS),
        ({"heading": "quotas"}, QUOTA_IDS),
        ({"heading": "Limits"}, {"lam-1"}),
        ({"deck": "aws", "heading": "Basics"}, {"sqs-def"}),
    ],
)
def test_scope_filters_choose_the_cards(quizzer, scope, expected):
    quiz = quizzer.made(count=50, seed=1, **scope)
    assert {q["card_id"] for q in quiz["questions"]} == expected
    assert quiz["total"] == len(expected)


def test_questions_hide_their_answers(quizzer):
    quiz = quizzer.made(count=3, seed=2)
    assert len(quiz["questions"]) == 3
    for question in quiz["questions"]:
        assert {"answer", "fact", "truth"}.isdisjoint(question)
        assert question["prompt"]


def test_multiple_choice_from_table_rows_has_four_distinct_options(quizzer):
    quiz = quizzer.made(count=6, seed=3, heading="quotas", kinds=["multiple_choice"])
    secret = quizzer.secret(quiz["id"])
    for question in quiz["questions"]:
        options = question["options"]
        assert question["kind"] == "multiple_choice"
        assert len(options) == 4 and len(set(options)) == 4 and all(o.strip() for o in options)
        assert options.count(secret[question["id"]]["answer"]) == 1


def test_same_seed_gives_the_same_quiz(quizzer):
    first = quizzer.made(count=5, seed=42)
    second = quizzer.made(count=5, seed=42)
    assert first["questions"] == second["questions"]
    assert first["id"] != second["id"]


def test_answer_each_question_then_score(quizzer, rows_of):
    quiz = quizzer.made(count=4, seed=5, heading="quotas", kinds=["multiple_choice"])
    secret = quizzer.secret(quiz["id"])
    first, second, third, _fourth = quiz["questions"]
    right = quizzer.answer(quiz["id"], first["id"], answer=secret[first["id"]]["answer"])
    assert right.status_code == 201 and right.json["correct"] is True
    option = first_wrong_option(second, secret)
    wrong = quizzer.answer(quiz["id"], second["id"], option=option)
    assert wrong.status_code == 201 and wrong.json["correct"] is False
    assert wrong.json["right_answer"] == secret[second["id"]]["answer"]
    right_third = secret[third["id"]]["answer"]
    result = quizzer.submit(quiz["id"], {third["id"]: right_third})
    assert result.status_code == 200
    scored = result.json["result"]
    assert (scored["right"], scored["total"], scored["percent"]) == (2, 4, 50)
    assert [w["question_id"] for w in scored["wrong"]] == [second["id"], _fourth["id"]]
    assert scored["wrong"][1]["given"] == ""
    assert scored["wrong"][0]["link"] == "/notes/aws/sqs/#quotas"
    assert result.json["quiz"]["right"] == 2 and result.json["quiz"]["finished_ms"] is not None
    again = quizzer.result(quiz["id"])
    assert again.status_code == 200 and again.json["result"] == scored
    stored = rows_of(QuizAnswerRow)
    assert [(a["question_id"], a["correct"]) for a in stored] == [
        (first["id"], True),
        (second["id"], False),
        (third["id"], True),
        (_fourth["id"], False),
    ]


def first_wrong_option(question, secret) -> int:
    """The 1-based number of an option that is not the right answer."""
    answer = secret[question["id"]]["answer"]
    return next(n for n, o in enumerate(question["options"], 1) if o != answer)


def test_typed_answers_are_checked_tolerantly(quizzer):
    quiz = quizzer.made(count=1, seed=1, note="aws/sqs.md", heading="Basics", kinds=["typed"])
    (question,) = quiz["questions"]
    answered = quizzer.answer(quiz["id"], question["id"], answer="  A Message-Queue! ")
    assert answered.json["correct"] is True


def test_get_quiz_shows_answers_given(quizzer, client):
    quiz = quizzer.made(count=2, seed=9, kinds=["typed"])
    first = quiz["questions"][0]
    quizzer.answer(quiz["id"], first["id"], answer="nope")
    shown = client.get(f"/api/quizzes/{quiz['id']}").json
    assert [a["question_id"] for a in shown["answers"]] == [first["id"]]
    assert shown["answers"][0]["correct"] is False
    assert shown["finished_ms"] is None


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"deck": "nowhere"}, 404, "no cards to quiz in deck nowhere"),
        ({"tag": "nothing"}, 404, "tag nothing"),
        ({"note": "missing.md"}, 404, "note missing.md"),
        ({"heading": "No such heading"}, 404, "heading No such heading"),
        ({"count": 0}, 400, "count must be a whole number from 1 to 50"),
        ({"count": 51}, 400, "count must be"),
        ({"count": "ten"}, 400, "count must be"),
        ({"count": True}, 400, "count must be"),
        ({"kinds": ["essay"]}, 400, "kinds must be among"),
        ({"deck": 3}, 400, "deck must be a string"),
        ({"seed": -1}, 400, "seed must be"),
    ],
)
def test_bad_quiz_requests_are_refused_with_a_message(quizzer, body, status, words):
    response = quizzer.create(**body)
    assert response.status_code == status
    assert words in response.json["error"]


def test_bad_answers_are_refused_with_a_message(quizzer, reviewer, client):
    quiz = quizzer.made(count=2, seed=4, heading="quotas", kinds=["multiple_choice"])
    first = quiz["questions"][0]["id"]
    cases = [
        (quizzer.answer(999, first, answer="x"), 404, "no quiz with id 999"),
        (quizzer.answer(quiz["id"], "nope", answer="x"), 404, "has no question 'nope'"),
        (quizzer.answer(quiz["id"], first, option=5), 400, "option must be from 1 to 4"),
        (quizzer.answer(quiz["id"], first, answer="not an option"), 400, "one of its options"),
        (quizzer.answer(quiz["id"], first, answer=7), 400, "answer must be a string"),
        (reviewer.post(f"/api/quizzes/{quiz['id']}/answers", {}), 400, "question_id"),
        (reviewer.post(f"/api/quizzes/{quiz['id']}/answers", [1]), 400, "JSON object"),
        (quizzer.result(quiz["id"]), 409, "not submitted yet"),
        (client.get("/api/quizzes/12345"), 404, "no quiz with id 12345"),
    ]
    for response, status, words in cases:
        assert response.status_code == status, response.json
        assert words in response.json["error"]


def test_a_question_is_answered_once_and_a_quiz_submitted_once(quizzer, rows_of):
    quiz = quizzer.made(count=2, seed=4, kinds=["typed"])
    first = quiz["questions"][0]["id"]
    assert quizzer.answer(quiz["id"], first, answer="x").status_code == 201
    twice = quizzer.answer(quiz["id"], first, answer="y")
    assert twice.status_code == 409 and "already answered" in twice.json["error"]
    in_submit = quizzer.submit(quiz["id"], {first: "z"})
    assert in_submit.status_code == 409 and "already answered" in in_submit.json["error"]
    assert quizzer.submit(quiz["id"]).status_code == 200
    for response in (quizzer.submit(quiz["id"]), quizzer.answer(quiz["id"], first, answer="x")):
        assert response.status_code == 409 and "already submitted" in response.json["error"]
    assert [a["given"] for a in rows_of(QuizAnswerRow)] == ["x", ""]


def test_quiz_writes_need_the_csrf_token(reviewer):
    response = reviewer.post("/api/quizzes", {"count": 2}, csrf=False)
    assert response.status_code == 403 and "CSRF" in response.json["error"]


def test_answers_do_not_touch_the_schedule_by_default(quizzer, stored):
    quiz = quizzer.made(count=3, seed=6)
    quizzer.submit(quiz["id"])
    assert stored() == []


def test_answers_feed_the_schedule_when_set(app, quizzer, stored, rows_of):
    app.config["QUIZ_FEEDS_SCHEDULE"] = True
    quiz = quizzer.made(count=2, seed=8, note="aws/compute/lambda.md", kinds=["cloze", "typed"])
    secret = quizzer.secret(quiz["id"])
    first, second = quiz["questions"]
    quizzer.answer(quiz["id"], first["id"], answer=secret[first["id"]]["answer"])
    quizzer.submit(quiz["id"])
    answers = {a["question_id"]: a["card_id"] for a in rows_of(QuizAnswerRow)}
    reviews = stored()
    assert [(r["card_id"], r["rating"]) for r in reviews] == [
        (answers[first["id"]], 3),
        (answers[second["id"]], 1),
    ]
    cloze = next(q for q in quiz["questions"] if q["card_id"] == "lam-1")
    expected = "lam-1-c2" if cloze["id"].startswith("lam-1-c2") else "lam-1"
    assert answers[cloze["id"]] == expected
    assert len(rows_of(ReviewRow)) == 2


def test_suspended_cards_are_left_out_of_quizzes(quizzer, reviewer):
    assert reviewer.post("/api/suspend", {"card_ids": ["lam-2"]}).status_code == 200
    quiz = quizzer.made(count=50, seed=1, deck="aws::compute")
    assert {q["card_id"] for q in quiz["questions"]} == {"lam-1"}
    reviewer.post("/api/suspend", {"card_ids": ["lam-1"]})
    empty = quizzer.create(count=5, deck="aws::compute")
    assert empty.status_code == 404


def test_a_quiz_belongs_to_its_learner(app, client, auth, quizzer):
    app.config["ACCOUNTS"] = True
    auth.register("ada")
    quiz = quizzer.made(count=2, seed=1)
    auth.logout()
    auth.register("bob")
    assert client.get(f"/api/quizzes/{quiz['id']}").status_code == 404
    assert quizzer.result(quiz["id"]).status_code == 404
