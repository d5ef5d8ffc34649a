"""What every view needs: the clock, the learner, the limits, and errors as 4xx answers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from flask import Flask, current_app, jsonify, render_template, request, session
from werkzeug.exceptions import HTTPException

from ..errors import AppError
from ..models import LOCAL_LEARNER
from ..queue import Limits

__all__ = ["current_learner", "init_app", "limits", "now", "wants_json"]


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
    learner = session.get("learner_id")
    return int(learner) if learner is not None else None


def wants_json() -> bool:
    """Whether to answer an error with JSON (API paths and JSON requests)."""
    return request.path.startswith("/api/") or request.is_json


def _error(status: int, message: str) -> Any:
    if wants_json():
        return jsonify(error=message, status=status), status
    return render_template("error.html", status=status, message=message), status


def init_app(app: Flask) -> None:
    """Register the error handlers: app errors and HTTP errors become a message, never a 500."""
    app.register_error_handler(AppError, lambda error: _error(error.status, error.message))

    def http_error(error: HTTPException) -> Any:
        return _error(error.code or 500, error.description or error.name)

    app.register_error_handler(HTTPException, http_error)
