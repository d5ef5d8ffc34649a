"""The JSON API: cards, the next card, submitting and undoing reviews, syncing the card files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, current_app, jsonify, request
from sqlalchemy.orm import Session

from .. import web
from ..accounts.views import login_required
from ..errors import BadInput
from ..inputs import LARGEST_ID, json_integer, whole_number
from ..review.queue import list_cards, study_plan
from ..review.reviews import LONGEST_REVIEW_MS, submit_review, undo_review
from ..review.scheduling import format_interval, preview
from ..security import csrf_token
from ..storage.db import get_engine, get_session
from ..storage.scope import Scope
from ..storage.sync import sync_folder

__all__ = ["api"]

api = Blueprint("api", __name__, url_prefix="/api")
api.before_request(login_required)


def _learner() -> int:
    learner = web.current_learner()
    assert learner is not None
    return learner


def _bounded(name: str, default: int, most: int) -> int:
    return whole_number(request.args.get(name, default), name, 0, most)


@api.get("/csrf")
def csrf() -> Any:
    """The session's CSRF token, for the X-CSRF-Token header of writes."""
    return {"csrf_token": csrf_token()}


@api.get("/cards")
def cards() -> Any:
    """Cards filtered by note, tag or deck, in card-file order, with the learner's state."""
    scope = Scope.from_args(request.args)
    limit, offset = _bounded("limit", 100, 1000), _bounded("offset", 0, 10**9)
    total, rows = list_cards(get_session(), _learner(), scope, limit=limit, offset=offset)
    found = [dict(card.to_dict(), state=state.to_dict() if state else None) for card, state in rows]
    return {"total": total, "limit": limit, "offset": offset, "cards": found}


@api.get("/next")
def next_() -> Any:
    """The next card to review in a scope, the interval of each rating, and the counts."""
    scope, moment = Scope.from_args(request.args), web.now()
    learner = _learner()
    left, found = study_plan(get_session(), learner, scope, web.limits(), moment)
    if found is None:
        return {"card": None, "state": None, "intervals": None, "counts": left.to_dict()}
    card, state = found
    intervals = preview(state.fsrs_dict(), moment, current_app.config["DESIRED_RETENTION"])
    return {
        "card": card.to_dict(),
        "state": state.to_dict(),
        "intervals": {
            str(rating): {"seconds": int(gap.total_seconds()), "label": format_interval(gap)}
            for rating, gap in intervals.items()
        },
        "counts": left.to_dict(),
    }


@api.post("/reviews")
def reviews() -> Any:
    """Record a review; the same token (or card version) sent again is not counted twice."""
    data = web.json_body()
    card_id = data.get("card_id")
    if not isinstance(card_id, str) or not card_id:
        raise BadInput("card_id (a string) is required")
    token = data.get("token")
    if token is not None and not isinstance(token, str):
        raise BadInput("token must be a string")
    result = submit_review(
        get_session(),
        _learner(),
        card_id,
        data.get("rating"),
        web.now(),
        retention=current_app.config["DESIRED_RETENTION"],
        token=token,
        version=json_integer(data, "version", 0, LARGEST_ID),
        duration_ms=json_integer(data, "duration_ms", 0, LONGEST_REVIEW_MS),
    )
    return jsonify(result.to_dict()), 200 if result.duplicate else 201


@api.post("/undo")
def undo() -> Any:
    """Undo the learner's last review (or check it is `review_id`)."""
    data = web.json_body()
    review_id = json_integer(data, "review_id", 1, LARGEST_ID)
    result = undo_review(get_session(), _learner(), web.now(), review_id)
    return result.to_dict()


@api.post("/sync")
def sync() -> Any:
    """Sync the cards from the card folder now; history is kept."""
    with Session(get_engine()) as database:
        report = sync_folder(database, Path(current_app.config["CARDS_DIR"]))
    return report.to_dict()
