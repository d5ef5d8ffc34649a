"""Failed logins rate-limited per account and per address, with Flask-Limiter.

The counts live in `RATELIMIT_STORAGE_URI`: memory by default (one process), or a shared
store such as `redis://host:6379` when several app processes must count together.
"""

from __future__ import annotations

import functools
from typing import Any

from flask import Flask, Response, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

__all__ = ["init_app"]


def _account() -> str:
    return "account:" + request.form.get("name", "").strip().lower()


def _failed(response: Response) -> bool:
    # A good login redirects; a refused one answers 400 with the form again.
    return response.status_code == 400


def _setting(app: Flask, name: str) -> str:
    return str(app.config[name])


def init_app(app: Flask, endpoint: str = "auth.login") -> None:
    """Limit the failed logins of `endpoint`: `LOGIN_LIMIT_PER_ACCOUNT` for each name tried and
    `LOGIN_LIMIT_PER_ADDRESS` for each client address (limits such as `5 per minute`)."""
    limiter = Limiter(get_remote_address, app=app, default_limits=[])
    view: Any = app.view_functions[endpoint]
    for setting, key in (("LOGIN_LIMIT_PER_ACCOUNT", _account), ("LOGIN_LIMIT_PER_ADDRESS", None)):
        limit = limiter.limit(
            functools.partial(_setting, app, setting),  # read at each request
            key_func=key,
            methods=["POST"],
            deduct_when=_failed,
            scope=setting.lower(),
            error_message="too many failed logins; wait a few minutes and try again",
        )
        view = limit(view)
    app.view_functions[endpoint] = view
