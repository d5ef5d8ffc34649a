"""What every view needs: the clock, the learner, the limits, and errors as 4xx answers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask, current_app, g, jsonify, render_template, request, session
from flask.globals import request_ctx
from werkzeug.exceptions import HTTPException

from .errors import AppError, BadInput, Forbidden
from .inputs import has_nul_text, whole_number
from .review.queue import Limits
from .storage.db import get_session
from .storage.models import LOCAL_LEARNER

__all__ = [
    "current_learner",
    "init_app",
    "json_body",
    "learner",
    "limits",
    "now",
    "oldest_login_ms",
    "utc_offset",
    "wants_json",
    "whole_arg",
]


def now() -> datetime:
    """The current time in UTC; tests set `CLOCK` to pin it."""
    clock: Callable[[], datetime] | None = current_app.config.get("CLOCK")
    return clock() if clock else datetime.now(UTC)


def limits() -> Limits:
    """The daily limits from the settings."""
    config = current_app.config
    return Limits(config["NEW_PER_DAY"], config["REVIEWS_PER_DAY"], config["DAY_STARTS_HOUR"])


def current_learner() -> int | None:
    """The learner of this request: the local one without accounts, else the logged-in one."""
    if not current_app.config["ACCOUNTS"]:
        return LOCAL_LEARNER
    if "quizgen_learner" not in g:
        # A signed cookie is not enough: its login must still be open on the server.
        from .accounts.logins import learner_of_login

        found = learner_of_login(get_session(), session.get("login"), oldest_login_ms())
        g.quizgen_learner = found if found == session.get("learner_id") else None
    return g.quizgen_learner


def oldest_login_ms() -> int:
    """Logins opened before this moment have expired (`PERMANENT_SESSION_LIFETIME`, 31 days)."""
    lifetime = current_app.permanent_session_lifetime
    return int((now() - lifetime).timestamp() * 1000)


def wants_json() -> bool:
    """Whether to answer an error with JSON (API paths and JSON requests)."""
    return request.path.startswith("/api/") or request.is_json


def _error(status: int, message: str) -> Any:
    # No URL adapter: the Host was refused, so no page (its links need one) can be drawn.
    if wants_json() or request_ctx.url_adapter is None:
        return jsonify(error=message, status=status), status
    return render_template("error.html", status=status, message=message), status


def init_app(app: Flask) -> None:
    """Register the error handlers: app errors and HTTP errors become a message, never a 500."""
    app.register_error_handler(AppError, lambda error: _error(error.status, error.message))

    def http_error(error: HTTPException) -> Any:
        return _error(error.code or 500, error.description or error.name)

    app.register_error_handler(HTTPException, http_error)


def learner() -> int:
    """The learner of this request (blueprints using it require a login first)."""
    found = current_learner()
    if found is None:
        raise Forbidden("log in first")
    return found


def json_body() -> dict[str, Any]:
    """The request's JSON object (an empty body is `{}`); anything else is a 400."""
    data = request.get_json(silent=True)
    if data is None and not request.content_length:
        return {}
    if not isinstance(data, dict):
        raise BadInput("the request body must be a JSON object")
    if has_nul_text(data):
        raise BadInput("the request body has a NUL byte in a string")
    return data


def utc_offset(moment: datetime) -> timedelta:
    """The learner's offset from UTC for counting days: `UTC_OFFSET_MINUTES`, else the server's.

    API clients may send `offset_minutes` (a multiple of 15 from -840 to 840) to count days in
    their own time zone.
    """
    sent = request.args.get("offset_minutes")
    if sent is not None:
        minutes = whole_number(sent, "offset_minutes", -840, 840)
        if minutes % 15:
            raise BadInput("offset_minutes must be a multiple of 15 from -840 to 840")
        return timedelta(minutes=minutes)
    configured = current_app.config.get("UTC_OFFSET_MINUTES")
    if configured is not None:
        return timedelta(minutes=15 * round(int(configured) / 15))
    local = moment.astimezone().utcoffset() or timedelta(0)
    return timedelta(minutes=15 * round(local.total_seconds() / 900))


def whole_arg(name: str, default: int, least: int, most: int) -> int:
    """A whole-number query parameter within bounds; anything else is a 400."""
    return whole_number(request.args.get(name, default), name, least, most)
