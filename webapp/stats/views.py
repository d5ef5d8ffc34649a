"""Statistics: the page of pictures, a note's mastery bar for the site, and the JSON API."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, render_template, request

from quizgen.stats import (
    forecast_svg,
    heatmap_svg,
    mastery_bar_svg,
    mastery_svg,
    retention_svg,
)

from .. import web
from ..accounts.views import login_required
from ..errors import BadInput, NotFound
from ..storage.db import get_session
from . import queries as stats

__all__ = ["bp"]

bp = Blueprint("stats", __name__, url_prefix="/stats")
bp.before_request(login_required)

NOTES_SHOWN = 60


@bp.get("")
def page() -> Any:
    """Reviews per day, true retention, due forecast and mastery per deck and note."""
    database, learner, moment = get_session(), web.learner(), web.now()
    offset = web.utc_offset(moment)
    calendar, days = stats.review_heatmap(database, learner, moment, offset)
    points = stats.retention(days, moment, offset)
    due = stats.forecast(database, learner, moment, offset)
    deck = request.args.get("deck", "").strip()
    decks, notes = stats.mastery(database, learner, deck)
    passed = sum(p.passed for p in points)
    checked = sum(p.total for p in points)
    return render_template(
        "stats/stats.html",
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
        due_total=sum(day.count for day in due),
        mature_total=sum(record.mature for record in decks),
        checked=checked,
    )


@bp.get("/note")
def note_bar() -> Any:
    """A note's mastery as a small SVG bar (for the note's page on the site)."""
    note = request.args.get("note", "").strip()
    if not note:
        raise BadInput("note is required, e.g. /stats/note?note=aws-certs/sqs.md")
    record = stats.note_mastery(get_session(), web.learner(), note)
    if record is None:
        raise NotFound(f"there are no cards of note {note!r}")
    svg = mastery_bar_svg(record)
    return Response(svg, mimetype="image/svg+xml", headers={"Cache-Control": "no-cache"})
