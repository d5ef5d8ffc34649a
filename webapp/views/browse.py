"""The card browser: search, suspend and unsuspend, a card's history; pages and JSON API."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, redirect, render_template, request, url_for

from ..browse import STATES, CardQuery, card_history, search_cards, set_suspended
from ..db import get_session
from ..errors import BadInput
from ..scheduling import from_ms
from . import common
from .auth import login_required

__all__ = ["api", "bp"]

bp = Blueprint("browse", __name__, url_prefix="/browse")
bp.before_request(login_required)
api = Blueprint("browse_api", __name__, url_prefix="/api")
api.before_request(login_required)

STATE_NAMES = {0: "new", 1: "learning", 2: "review", 3: "relearning"}
RATING_NAMES = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}


def _status(card: Any, state: Any) -> str:
    if card.gone:
        return "gone"
    if card.suspended or (state is not None and state.suspended):
        return "suspended"
    return STATE_NAMES.get(state.state if state is not None else 0, "new")


def _when(ms: int | None) -> str:
    return from_ms(ms).strftime("%Y-%m-%d %H:%M") if ms is not None else ""


@bp.get("")
def browse() -> Any:
    """Search cards by words, note, tag, deck and state; a page of results."""
    query = CardQuery.from_args(request.args)
    total, rows = search_cards(get_session(), common.learner(), query)
    pages = max(1, -(-total // query.per_page))
    base = query.to_dict()
    return render_template(
        "browse.html",
        query=query,
        rows=[(card, state, _status(card, state)) for card, state in rows],
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
    history = card_history(get_session(), common.learner(), card_id)
    return render_template(
        "browse_card.html",
        history=history,
        status=_status(history.card, history.state),
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
    set_suspended(get_session(), common.learner(), card_ids, action == "suspend")
    return redirect(_safe_back(request.form.get("back", "")), code=303)


# --- JSON API -------------------------------------------------------------------------------


@api.get("/browse")
def api_browse() -> Any:
    """Search cards: `q`, `note`, `tag`, `deck`, `state`, `page`, `per_page` (at most 200)."""
    query = CardQuery.from_args(request.args)
    total, rows = search_cards(get_session(), common.learner(), query)
    cards = [
        dict(card.to_dict(), status=_status(card, state), state=state.to_dict() if state else None)
        for card, state in rows
    ]
    return {"total": total, "page": query.page, "per_page": query.per_page, "cards": cards}


@api.get("/cards/<path:card_id>/history")
def api_history(card_id: str) -> Any:
    """A card, the learner's state of it, its reviews and its quiz answers."""
    return card_history(get_session(), common.learner(), card_id).to_dict()


def _card_ids() -> list[str]:
    ids = common.json_body().get("card_ids")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise BadInput("card_ids must be a list of card ids")
    return ids


@api.post("/suspend")
def api_suspend() -> Any:
    """Suspend cards for this learner: `{"card_ids": [...]}`; kept across syncs."""
    changed = set_suspended(get_session(), common.learner(), _card_ids(), True)
    return {"changed": changed, "suspended": True}


@api.post("/unsuspend")
def api_unsuspend() -> Any:
    """Unsuspend cards for this learner: `{"card_ids": [...]}`."""
    changed = set_suspended(get_session(), common.learner(), _card_ids(), False)
    return {"changed": changed, "suspended": False}
