"""The review page: question, reveal, four ratings with their next interval, undo."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, url_for

from .. import web
from ..accounts.views import login_required
from ..errors import BadInput
from ..inputs import LARGEST_ID, optional_whole
from ..storage.db import get_session
from ..storage.scope import Scope
from .queue import study_plan
from .reviews import LONGEST_REVIEW_MS, last_review_id, submit_review, undo_review
from .scheduling import format_interval, preview

__all__ = ["bp"]

bp = Blueprint("review", __name__)
bp.before_request(login_required)

LABELS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


@bp.route("/")
def home() -> Any:
    """The app's front page is the review page."""
    return redirect(url_for("review.review"))


@bp.route("/review")
def review() -> Any:
    """Show the next card of the scope, or say the day is done."""
    learner = web.current_learner()
    assert learner is not None
    scope = Scope.from_args(request.args)
    moment = web.now()
    left, found = study_plan(get_session(), learner, scope, web.limits(), moment)
    buttons = []
    if found is not None:
        retention = current_app.config["DESIRED_RETENTION"]
        intervals = preview(found[1].fsrs_dict(), moment, retention)
        buttons = [(n, LABELS[n], format_interval(intervals[n])) for n in range(1, 5)]
    total = left.done + left.left
    return render_template(
        "review/review.html",
        card=found[0] if found else None,
        state=found[1] if found else None,
        buttons=buttons,
        counts=left,
        progress=round(100 * left.done / total) if total else 100,
        scope=scope,
        reveal=request.args.get("reveal") == "1",
        last_review=last_review_id(get_session(), learner),
    )


def _int_field(name: str, least: int, most: int) -> int | None:
    return optional_whole(request.form.get(name), name, least, most)


def _back() -> Any:
    scope: dict[str, Any] = Scope.from_args(request.form).to_dict()
    return redirect(url_for("review.review", **scope))


@bp.route("/review/answer", methods=["POST"])
def answer() -> Any:
    """Record a rating from the review form, then show the next card."""
    card_id = request.form.get("card_id", "").strip()
    if not card_id:
        raise BadInput("the form has no card_id")
    learner = web.current_learner()
    assert learner is not None
    submit_review(
        get_session(),
        learner,
        card_id,
        request.form.get("rating", ""),
        web.now(),
        retention=current_app.config["DESIRED_RETENTION"],
        token=request.form.get("token") or None,
        version=_int_field("version", 0, LARGEST_ID),
        duration_ms=_int_field("duration_ms", 0, LONGEST_REVIEW_MS),
    )
    return _back()


@bp.route("/review/undo", methods=["POST"])
def undo() -> Any:
    """Undo the last review (the one named in the form, if any), then show its card again."""
    learner = web.current_learner()
    assert learner is not None
    undo_review(get_session(), learner, web.now(), _int_field("review_id", 1, LARGEST_ID))
    return _back()
