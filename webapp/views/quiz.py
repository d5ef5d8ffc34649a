"""Quiz pages and API: choose a scope and N, answer one question at a time, see the score."""

from __future__ import annotations

import secrets
from typing import Any

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, url_for
from sqlalchemy import select

from quizgen.cards import render_markdown

from ..db import get_session
from ..errors import BadInput
from ..models import QuizAnswerRow, QuizAttempt
from ..quizbank import get_bank
from ..quizzes import (
    CHOICES,
    MAX_QUESTIONS,
    QuizScope,
    answer_question,
    answered,
    create_quiz,
    feed_schedule,
    finish_quiz,
    get_attempt,
    parse_count,
    parse_kinds,
    public_question,
    questions_of,
    quiz_result,
)
from . import common
from .auth import login_required

__all__ = ["api", "bp"]

bp = Blueprint("quiz", __name__, url_prefix="/quiz")
bp.before_request(login_required)
api = Blueprint("quiz_api", __name__, url_prefix="/api/quizzes")
api.before_request(login_required)

KIND_LABELS = {
    "multiple_choice": "Multiple choice",
    "typed": "Typed answer",
    "cloze": "Fill in the blank",
    "true_false": "True or false",
}


def _feed(rows: list[QuizAnswerRow]) -> None:
    """Quiz answers rate their cards too when QUIZ_FEEDS_SCHEDULE is on."""
    config = current_app.config
    if config["QUIZ_FEEDS_SCHEDULE"] and rows:
        feed_schedule(
            get_session(), common.learner(), rows, common.now(), config["DESIRED_RETENTION"]
        )


def _seed(value: object) -> int:
    if value in (None, ""):
        return secrets.randbelow(2**31)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**63:
        raise BadInput("seed must be a whole number from 0")
    return value


def _new_quiz(data: Any, seed: object = None) -> QuizAttempt:
    return create_quiz(
        get_session(),
        common.learner(),
        get_bank(),
        QuizScope.from_args(data),
        parse_count(data.get("count", 10)),
        _seed(seed),
        common.now(),
        parse_kinds(data.get("kinds")),
    )


@bp.get("")
def start() -> Any:
    """The form: scope (deck, tag, note, heading), number of questions and kinds."""
    bank = get_bank()
    recent = get_session().scalars(
        select(QuizAttempt)
        .where(QuizAttempt.learner_id == common.learner())
        .order_by(QuizAttempt.id.desc())
        .limit(5)
    )
    return render_template(
        "quiz/start.html",
        scope=QuizScope.from_args(request.args),
        count=request.args.get("count", "10"),
        most=MAX_QUESTIONS,
        decks=sorted(bank.decks),
        tags=sorted(bank.tags),
        notes=sorted(bank.notes),
        kinds=KIND_LABELS,
        recent=list(recent),
    )


@bp.post("")
def create() -> Any:
    """Make a quiz from the form and show its first question."""
    kinds = request.form.getlist("kinds")
    data = {**request.form.to_dict(), "kinds": kinds}
    attempt = _new_quiz(data)
    return redirect(url_for("quiz.question", attempt_id=attempt.id), code=303)


@bp.get("/<int:attempt_id>")
def question(attempt_id: int) -> Any:
    """The first question not answered yet, with how the previous one went."""
    database = get_session()
    attempt = get_attempt(database, common.learner(), attempt_id)
    if attempt.finished_ms is not None:
        return redirect(url_for("quiz.result", attempt_id=attempt_id))
    questions = questions_of(attempt)
    done = answered(database, attempt)
    waiting = [q for q in questions if q.id not in done]
    if not waiting:
        return redirect(url_for("quiz.result", attempt_id=attempt_id))
    current = waiting[0]
    last = max(done.values(), key=lambda row: row.id, default=None)
    previous = next((q for q in questions if last and q.id == last.question_id), None)
    return render_template(
        "quiz/question.html",
        attempt=attempt,
        question=current,
        number=len(done) + 1,
        prompt_html=render_markdown(current.prompt),
        options=[(option, render_markdown(option)) for option in current.options],
        choices=current.kind in CHOICES,
        kind_label=KIND_LABELS[current.kind.value],
        last=last,
        previous=previous,
        scope=QuizScope.from_args(attempt.scope),
    )


@bp.post("/<int:attempt_id>/answer")
def answer(attempt_id: int) -> Any:
    """Record the answer from the question form; after the last one, show the score."""
    question_id = request.form.get("question_id", "").strip()
    if not question_id:
        raise BadInput("the form has no question_id")
    given = "" if request.form.get("skip") else request.form.get("answer", "")
    database, learner = get_session(), common.learner()
    row = answer_question(database, learner, attempt_id, question_id, given, common.now())
    _feed([row])
    attempt = get_attempt(database, learner, attempt_id)
    if len(answered(database, attempt)) < attempt.total:
        return redirect(url_for("quiz.question", attempt_id=attempt_id), code=303)
    return finish(attempt_id)


@bp.post("/<int:attempt_id>/finish")
def finish(attempt_id: int) -> Any:
    """End the quiz now: questions not answered count as wrong."""
    _result, added = finish_quiz(get_session(), common.learner(), attempt_id, common.now())
    _feed(added)
    return redirect(url_for("quiz.result", attempt_id=attempt_id), code=303)


@bp.get("/<int:attempt_id>/result")
def result(attempt_id: int) -> Any:
    """The score, and each wrong answer with the right one and a link to its section."""
    database, learner = get_session(), common.learner()
    attempt = get_attempt(database, learner, attempt_id)
    scored = quiz_result(database, learner, attempt_id)
    questions = {q.id: q for q in questions_of(attempt)}
    return render_template(
        "quiz/result.html",
        attempt=attempt,
        result=scored,
        questions=questions,
        render=render_markdown,
        scope=QuizScope.from_args(attempt.scope),
    )


# --- JSON API -------------------------------------------------------------------------------


def _quiz_json(attempt: QuizAttempt) -> dict[str, Any]:
    return {**attempt.to_dict(), "questions": [public_question(q) for q in questions_of(attempt)]}


@api.post("")
def api_create() -> Any:
    """Create a quiz: `{"deck", "tag", "note", "heading", "count", "kinds", "seed"}`."""
    data = common.json_body()
    attempt = _new_quiz(data, data.get("seed"))
    return jsonify(_quiz_json(attempt)), 201


@api.get("/<int:attempt_id>")
def api_quiz(attempt_id: int) -> Any:
    """A quiz's questions (answers hidden) and the answers given so far."""
    database = get_session()
    attempt = get_attempt(database, common.learner(), attempt_id)
    done = answered(database, attempt)
    return {**_quiz_json(attempt), "answers": [row.to_dict() for row in done.values()]}


@api.post("/<int:attempt_id>/answers")
def api_answer(attempt_id: int) -> Any:
    """Answer one question: `{"question_id", "answer"}` or `{"question_id", "option": 1-4}`."""
    data = common.json_body()
    question_id = data.get("question_id")
    if not isinstance(question_id, str) or not question_id:
        raise BadInput("question_id (a string) is required")
    database, learner = get_session(), common.learner()
    attempt = get_attempt(database, learner, attempt_id)
    given = _given(attempt, question_id, data)
    row = answer_question(database, learner, attempt_id, question_id, given, common.now())
    _feed([row])
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


@api.post("/<int:attempt_id>/submit")
def api_submit(attempt_id: int) -> Any:
    """Submit the quiz, with `{"answers": {question id: text}}` for questions not answered yet."""
    answers = common.json_body().get("answers") or {}
    if not isinstance(answers, dict) or not all(isinstance(v, str) for v in answers.values()):
        raise BadInput("answers must be an object of question id -> answer text")
    database, learner = get_session(), common.learner()
    scored, added = finish_quiz(database, learner, attempt_id, common.now(), answers)
    _feed(added)
    attempt = get_attempt(database, learner, attempt_id)
    return {"quiz": attempt.to_dict(), "result": scored.to_dict()}


@api.get("/<int:attempt_id>/result")
def api_result(attempt_id: int) -> Any:
    """The score of a submitted quiz (409 before it is submitted)."""
    database, learner = get_session(), common.learner()
    scored = quiz_result(database, learner, attempt_id)
    return {
        "quiz": get_attempt(database, learner, attempt_id).to_dict(),
        "result": scored.to_dict(),
    }
