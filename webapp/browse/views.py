"""The card browser: search, suspend and unsuspend, a card's history; pages and JSON API."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, redirect, render_template, request, url_for

from .. import web
from ..accounts.views import login_required
from ..errors import BadInput
from ..storage.db import get_session
from ..storage.models import from_ms
from .search import (
    RATING_NAMES,
    STATE_NAMES,
    STATES,
    CardQuery,
    card_history,
    card_status,
    search_cards,
    set_suspended,
)

__all__ = ["bp"]

bp = Blueprint("browse", __name__, url_prefix="/browse")
bp.before_request(login_required)


def _when(ms: int | None) -> str:
    return from_ms(ms).strftime("%Y-%m-%d %H:%M") if ms is not None else ""


@bp.get("")
def browse() -> Any:
    """Search cards by words, note, tag, deck and state; a page of results."""
    query = CardQuery.from_args(request.args)
    total, rows = search_cards(get_session(), web.learner(), query)
    pages = max(1, -(-total // query.per_page))
    base = query.to_dict()
    return render_template(
        "browse/browse.html",
        query=query,
        rows=[(card, state, card_status(card, state)) for card, state in rows],
        total=total,
        pages=pages,
        states=STATES,
        page_url=lambda n: url_for("browse.browse") + "?" + urlencode({**base, "page": n}),
        back=url_for("browse.browse") + "?" + urlencode({**base, "page": query.page}),
        when=_when,
    )


@bp.get("/card/<path:card_id>")
def card(card_id: str) -> Any:
    """One card: its sides, its source section, its state, its reviews and quiz answers."""
    history = card_history(get_session(), web.learner(), card_id)
    return render_template(
        "browse/card.html",
        history=history,
        status=card_status(history.card, history.state),
        state_names=STATE_NAMES,
        ratings=RATING_NAMES,
        when=_when,
    )


def _safe_back(value: str) -> str:
    """Only a path of this app's browser is followed after a form (no open redirect)."""
    return value if value.startswith("/browse") and "//" not in value else url_for("browse.browse")


@bp.post("/suspend")
def suspend() -> Any:
    """Suspend or unsuspend the cards ticked in the form (`action` = suspend or unsuspend)."""
    action = request.form.get("action", "")
    if action not in ("suspend", "unsuspend"):
        raise BadInput("action must be suspend or unsuspend")
    card_ids = request.form.getlist("card_id")
    if not card_ids:
        raise BadInput("tick at least one card")
    set_suspended(get_session(), web.learner(), card_ids, action == "suspend")
    return redirect(_safe_back(request.form.get("back", "")), code=303)
