"""Statistics: the page of pictures, a note's mastery bar for the site, and the JSON API."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, request

from quizgen.stats import (
    Mastery,
)

from .. import web
from ..accounts.views import login_required
from ..errors import BadInput, NotFound
from ..stats import queries as stats
from ..storage.db import get_session

__all__ = ["api"]

api = Blueprint("stats_api", __name__, url_prefix="/api/stats")
api.before_request(login_required)


def _by() -> str:
    by = request.args.get("by", "week")
    if by not in ("day", "week"):
        raise BadInput(f"by must be 'day' or 'week', not {by!r}")
    return by


def _days(weeks: int) -> stats.ReviewDays:
    moment = web.now()
    _calendar, days = stats.review_heatmap(
        get_session(), web.learner(), moment, web.utc_offset(moment), weeks
    )
    return days


@api.get("/heatmap")
def api_heatmap() -> Any:
    """Reviews per day over the last `weeks` weeks (53 by default), with intensity levels."""
    moment = web.now()
    weeks = web.whole_arg("weeks", 53, 1, 260)
    calendar, _days_ = stats.review_heatmap(
        get_session(), web.learner(), moment, web.utc_offset(moment), weeks
    )
    return calendar.to_dict()


@api.get("/retention")
def api_retention() -> Any:
    """True retention per week (or `by=day`) over the last `weeks` weeks."""
    moment, weeks, by = web.now(), web.whole_arg("weeks", 53, 1, 260), _by()
    points = stats.retention(_days(weeks), moment, web.utc_offset(moment), weeks, by)
    return {"by": by, "points": [point.to_dict() for point in points]}


@api.get("/forecast")
def api_forecast() -> Any:
    """Cards due on each of the next `days` days (30 by default); overdue ones on today."""
    moment, days = web.now(), web.whole_arg("days", 30, 1, 365)
    due = stats.forecast(get_session(), web.learner(), moment, web.utc_offset(moment), days)
    return {"days": [day.to_dict() for day in due]}


def _mastery_list(records: list[Mastery]) -> list[dict[str, Any]]:
    return [record.to_dict() for record in records]


@api.get("/mastery")
def api_mastery() -> Any:
    """Mastery per deck and per note (`deck=` narrows the notes, `note=` gives one note)."""
    database, learner = get_session(), web.learner()
    note = request.args.get("note", "").strip()
    if note:
        record = stats.note_mastery(database, learner, note)
        if record is None:
            raise NotFound(f"there are no cards of note {note!r}")
        return {"note": record.to_dict()}
    decks, notes = stats.mastery(database, learner, request.args.get("deck", "").strip())
    return {"decks": _mastery_list(decks), "notes": _mastery_list(notes)}
