"""Statistics: the page of pictures, a note's mastery bar for the site, and the JSON API."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, render_template, request

from quizgen.stats import (
    Mastery,
    forecast_svg,
    heatmap_svg,
    mastery_bar_svg,
    mastery_svg,
    retention_svg,
)

from .. import stats
from ..db import get_session
from ..errors import BadInput, NotFound
from . import common
from .auth import login_required

__all__ = ["api", "bp"]

bp = Blueprint("stats", __name__, url_prefix="/stats")
bp.before_request(login_required)
api = Blueprint("stats_api", __name__, url_prefix="/api/stats")
api.before_request(login_required)

NOTES_SHOWN = 60


def _whole(name: str, default: int, least: int, most: int) -> int:
    value = request.args.get(name, str(default)).strip()
    if not value.isdigit() or not least <= int(value) <= most:
        raise BadInput(f"{name} must be a whole number from {least} to {most}, not {value!r}")
    return int(value)


def _by() -> str:
    by = request.args.get("by", "week")
    if by not in ("day", "week"):
        raise BadInput(f"by must be 'day' or 'week', not {by!r}")
    return by


@bp.get("")
def page() -> Any:
    """Reviews per day, true retention, due forecast and mastery per deck and note."""
    database, learner, moment = get_session(), common.learner(), common.now()
    offset = common.utc_offset(moment)
    calendar, days = stats.review_heatmap(database, learner, moment, offset)
    points = stats.retention(days, moment, offset)
    due = stats.forecast(database, learner, moment, offset)
    deck = request.args.get("deck", "").strip()
    decks, notes = stats.mastery(database, learner, deck)
    passed = sum(p.passed for p in points)
    checked = sum(p.total for p in points)
    return render_template(
        "stats.html",
        heatmap=heatmap_svg(calendar),
        retention=retention_svg(points),
        forecast=forecast_svg(due),
        decks=mastery_svg(decks, "deck-mastery"),
        notes=mastery_svg(notes[:NOTES_SHOWN], "note-mastery"),
        notes_total=len(notes),
        notes_shown=min(len(notes), NOTES_SHOWN),
        deck=deck,
        deck_names=[record.name for record in decks if record.name],
        calendar=calendar,
        today=days.counts.get(calendar.days[-1].day, 0) if calendar.days else 0,
        retention_rate=round(100 * passed / checked) if checked else None,
        due_today=due[0].count if due else 0,
    )


@bp.get("/note")
def note_bar() -> Any:
    """A note's mastery as a small SVG bar (for the note's page on the site)."""
    note = request.args.get("note", "").strip()
    if not note:
        raise BadInput("note is required, e.g. /stats/note?note=aws-certs/sqs.md")
    record = stats.note_mastery(get_session(), common.learner(), note)
    if record is None:
        raise NotFound(f"there are no cards of note {note!r}")
    svg = mastery_bar_svg(record)
    return Response(svg, mimetype="image/svg+xml", headers={"Cache-Control": "no-cache"})


# --- JSON API -------------------------------------------------------------------------------


def _days(weeks: int) -> stats.ReviewDays:
    moment = common.now()
    _calendar, days = stats.review_heatmap(
        get_session(), common.learner(), moment, common.utc_offset(moment), weeks
    )
    return days


@api.get("/heatmap")
def api_heatmap() -> Any:
    """Reviews per day over the last `weeks` weeks (53 by default), with intensity levels."""
    moment = common.now()
    weeks = _whole("weeks", 53, 1, 260)
    calendar, _days_ = stats.review_heatmap(
        get_session(), common.learner(), moment, common.utc_offset(moment), weeks
    )
    return calendar.to_dict()


@api.get("/retention")
def api_retention() -> Any:
    """True retention per week (or `by=day`) over the last `weeks` weeks."""
    moment, weeks, by = common.now(), _whole("weeks", 53, 1, 260), _by()
    points = stats.retention(_days(weeks), moment, common.utc_offset(moment), weeks, by)
    return {"by": by, "points": [point.to_dict() for point in points]}


@api.get("/forecast")
def api_forecast() -> Any:
    """Cards due on each of the next `days` days (30 by default); overdue ones on today."""
    moment, days = common.now(), _whole("days", 30, 1, 365)
    due = stats.forecast(get_session(), common.learner(), moment, common.utc_offset(moment), days)
    return {"days": [day.to_dict() for day in due]}


def _mastery_list(records: list[Mastery]) -> list[dict[str, Any]]:
    return [record.to_dict() for record in records]


@api.get("/mastery")
def api_mastery() -> Any:
    """Mastery per deck and per note (`deck=` narrows the notes, `note=` gives one note)."""
    database, learner = get_session(), common.learner()
    note = request.args.get("note", "").strip()
    if note:
        record = stats.note_mastery(database, learner, note)
        if record is None:
            raise NotFound(f"there are no cards of note {note!r}")
        return {"note": record.to_dict()}
    decks, notes = stats.mastery(database, learner, request.args.get("deck", "").strip())
    return {"decks": _mastery_list(decks), "notes": _mastery_list(notes)}
