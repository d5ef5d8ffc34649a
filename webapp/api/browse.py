"""The card browser: search, suspend and unsuspend, a card's history; pages and JSON API."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, request

from .. import web
from ..accounts.views import login_required
from ..browse.search import CardQuery, card_history, card_status, search_cards, set_suspended
from ..errors import BadInput
from ..storage.db import get_session

__all__ = ["api"]

api = Blueprint("browse_api", __name__, url_prefix="/api")
api.before_request(login_required)


@api.get("/browse")
def api_browse() -> Any:
    """Search cards: `q`, `note`, `tag`, `deck`, `state`, `page`, `per_page` (at most 200)."""
    query = CardQuery.from_args(request.args)
    total, rows = search_cards(get_session(), web.learner(), query)
    cards = [
        dict(
            card.to_dict(),
            status=card_status(card, state),
            state=state.to_dict() if state else None,
        )
        for card, state in rows
    ]
    return {"total": total, "page": query.page, "per_page": query.per_page, "cards": cards}


@api.get("/cards/<path:card_id>/history")
def api_history(card_id: str) -> Any:
    """A card, the learner's state of it, its reviews and its quiz answers."""
    return card_history(get_session(), web.learner(), card_id).to_dict()


def _card_ids() -> list[str]:
    ids = web.json_body().get("card_ids")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise BadInput("card_ids must be a list of card ids")
    return ids


@api.post("/suspend")
def api_suspend() -> Any:
    """Suspend cards for this learner: `{"card_ids": [...]}`; kept across syncs."""
    changed = set_suspended(get_session(), web.learner(), _card_ids(), True)
    return {"changed": changed, "suspended": True}


@api.post("/unsuspend")
def api_unsuspend() -> Any:
    """Unsuspend cards for this learner: `{"card_ids": [...]}`."""
    changed = set_suspended(get_session(), web.learner(), _card_ids(), False)
    return {"changed": changed, "suspended": False}
