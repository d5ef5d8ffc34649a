"""Quiz pages and API: choose a scope and N, answer one question at a time, see the score."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from sqlalchemy import select

from quizgen.cards import render_markdown

from .. import web
from ..accounts.views import login_required
from ..errors import BadInput
from ..inputs import whole_number
from ..storage.db import get_session
from ..storage.quiz_models import QuizAttempt
from .actions import feed_schedule_of, new_quiz
from .bank import get_bank
from .options import CHOICES, MAX_QUESTIONS, QuizScope
from .quizzes import (
    answer_question,
    answered,
    finish_quiz,
    get_attempt,
    questions_of,
    quiz_result,
)

__all__ = ["bp"]

bp = Blueprint("quiz", __name__, url_prefix="/quiz")
bp.before_request(login_required)

KIND_LABELS = {
    "multiple_choice": "Multiple choice",
    "typed": "Typed answer",
    "cloze": "Fill in the blank",
    "true_false": "True or false",
}


@bp.get("")
def start() -> Any:
    """The form: scope (deck, tag, note, heading), number of questions and kinds."""
    bank = get_bank(get_session())
    recent = get_session().scalars(
        select(QuizAttempt)
        .where(QuizAttempt.learner_id == web.learner())
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
    form = request.form
    count = whole_number(form.get("count") or "10", "count", 1, MAX_QUESTIONS)
    attempt = new_quiz({**form.to_dict(), "count": count, "kinds": form.getlist("kinds")})
    return redirect(url_for("quiz.question", attempt_id=attempt.id), code=303)


@bp.get("/<id:attempt_id>")
def question(attempt_id: int) -> Any:
    """The first question not answered yet, with how the previous one went."""
    database = get_session()
    attempt = get_attempt(database, web.learner(), attempt_id)
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


@bp.post("/<id:attempt_id>/answer")
def answer(attempt_id: int) -> Any:
    """Record the answer from the question form; after the last one, show the score."""
    question_id = request.form.get("question_id", "").strip()
    if not question_id:
        raise BadInput("the form has no question_id")
    given = "" if request.form.get("skip") else request.form.get("answer", "")
    database, learner = get_session(), web.learner()
    row = answer_question(database, learner, attempt_id, question_id, given, web.now())
    feed_schedule_of([row])
    attempt = get_attempt(database, learner, attempt_id)
    if len(answered(database, attempt)) < attempt.total:
        return redirect(url_for("quiz.question", attempt_id=attempt_id), code=303)
    return finish(attempt_id)


@bp.post("/<id:attempt_id>/finish")
def finish(attempt_id: int) -> Any:
    """End the quiz now: questions not answered count as wrong."""
    _result, added = finish_quiz(get_session(), web.learner(), attempt_id, web.now())
    feed_schedule_of(added)
    return redirect(url_for("quiz.result", attempt_id=attempt_id), code=303)


@bp.get("/<id:attempt_id>/result")
def result(attempt_id: int) -> Any:
    """The score, and each wrong answer with the right one and a link to its section."""
    database, learner = get_session(), web.learner()
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
