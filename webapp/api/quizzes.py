"""Quiz pages and API: choose a scope and N, answer one question at a time, see the score."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify

from .. import web
from ..accounts.views import login_required
from ..errors import BadInput
from ..quiz.actions import feed_schedule_of, new_quiz
from ..quiz.quizzes import (
    answer_question,
    answered,
    finish_quiz,
    get_attempt,
    public_question,
    questions_of,
    quiz_result,
)
from ..storage.db import get_session
from ..storage.quiz_models import QuizAttempt

__all__ = ["api"]

api = Blueprint("quiz_api", __name__, url_prefix="/api/quizzes")
api.before_request(login_required)


def _quiz_json(attempt: QuizAttempt) -> dict[str, Any]:
    return {**attempt.to_dict(), "questions": [public_question(q) for q in questions_of(attempt)]}


@api.post("")
def api_create() -> Any:
    """Create a quiz: `{"deck", "tag", "note", "heading", "count", "kinds", "seed"}`."""
    data = web.json_body()
    attempt = new_quiz(data)
    return jsonify(_quiz_json(attempt)), 201


@api.get("/<id:attempt_id>")
def api_quiz(attempt_id: int) -> Any:
    """A quiz's questions (answers hidden) and the answers given so far."""
    database = get_session()
    attempt = get_attempt(database, web.learner(), attempt_id)
    done = answered(database, attempt)
    return {**_quiz_json(attempt), "answers": [row.to_dict() for row in done.values()]}


@api.post("/<id:attempt_id>/answers")
def api_answer(attempt_id: int) -> Any:
    """Answer one question: `{"question_id", "answer"}` or `{"question_id", "option": 1-4}`."""
    data = web.json_body()
    question_id = data.get("question_id")
    if not isinstance(question_id, str) or not question_id:
        raise BadInput("question_id (a string) is required")
    database, learner = get_session(), web.learner()
    attempt = get_attempt(database, learner, attempt_id)
    given = _given(attempt, question_id, data)
    row = answer_question(database, learner, attempt_id, question_id, given, web.now())
    feed_schedule_of([row])
    question = next(q for q in questions_of(attempt) if q.id == question_id)
    body = {**row.to_dict(), "right_answer": question.answer, "fact": question.fact}
    return jsonify(body), 201


def _given(attempt: QuizAttempt, question_id: str, data: dict[str, Any]) -> str:
    """The answer's text: `answer` as sent, or the text of option number `option`."""
    option = data.get("option")
    if option is None:
        given = data.get("answer", "")
        if not isinstance(given, str):
            raise BadInput("answer must be a string")
        return given
    question = next((q for q in questions_of(attempt) if q.id == question_id), None)
    if question is None:
        return ""  # answer_question reports the unknown question
    if isinstance(option, bool) or not isinstance(option, int):
        raise BadInput("option must be a whole number")
    if not 1 <= option <= len(question.options):
        raise BadInput(f"option must be from 1 to {len(question.options)} for this question")
    return question.options[option - 1]


@api.post("/<id:attempt_id>/submit")
def api_submit(attempt_id: int) -> Any:
    """Submit the quiz, with `{"answers": {question id: text}}` for questions not answered yet."""
    answers = web.json_body().get("answers") or {}
    if not isinstance(answers, dict) or not all(isinstance(v, str) for v in answers.values()):
        raise BadInput("answers must be an object of question id -> answer text")
    database, learner = get_session(), web.learner()
    scored, added = finish_quiz(database, learner, attempt_id, web.now(), answers)
    feed_schedule_of(added)
    attempt = get_attempt(database, learner, attempt_id)
    return {"quiz": attempt.to_dict(), "result": scored.to_dict()}


@api.get("/<id:attempt_id>/result")
def api_result(attempt_id: int) -> Any:
    """The score of a submitted quiz (409 before it is submitted)."""
    database, learner = get_session(), web.learner()
    scored = quiz_result(database, learner, attempt_id)
    return {
        "quiz": get_attempt(database, learner, attempt_id).to_dict(),
        "result": scored.to_dict(),
    }
