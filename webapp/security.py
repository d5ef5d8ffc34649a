"""CSRF tokens for every form post and API write, and security headers on every answer."""

from __future__ import annotations

import hmac
import secrets

from flask import Flask, Response, request, session
from markupsafe import Markup, escape

from .errors import Forbidden

__all__ = ["CSRF_FIELD", "CSRF_HEADER", "check_csrf", "csrf_field", "csrf_token", "init_app"]

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

APP_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# The built site runs only its own script files (quizgen moves Material's inline scripts into
# files), so a note's script that got past the sanitiser still cannot run on this address.
SITE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'self'"
)


def csrf_token() -> str:
    """The session's CSRF token, made on first use."""
    token = session.get(CSRF_FIELD)
    if not token:
        token = secrets.token_urlsafe(32)
        session[CSRF_FIELD] = token
    return str(token)


def csrf_field() -> Markup:
    """A hidden form field with the CSRF token."""
    return Markup(f'<input type="hidden" name="{CSRF_FIELD}" value="{escape(csrf_token())}">')


def check_csrf() -> None:
    """Refuse a write whose token (form field or header) does not match the session's."""
    if request.method in SAFE_METHODS:
        return
    expected = session.get(CSRF_FIELD)
    sent = request.headers.get(CSRF_HEADER) or request.form.get(CSRF_FIELD)
    if not expected or not sent or not hmac.compare_digest(str(expected), str(sent)):
        raise Forbidden(
            "the CSRF token is missing or does not match; reload the page and try again "
            f"(API clients: GET /api/csrf and send the token in the {CSRF_HEADER} header)"
        )


def _headers(response: Response) -> Response:
    on_site = request.path.startswith("/notes/")
    response.headers.setdefault("Content-Security-Policy", SITE_POLICY if on_site else APP_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "SAMEORIGIN" if on_site else "DENY")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    return response


def init_app(app: Flask) -> None:
    """Check CSRF before every write and add the headers after every answer."""
    app.before_request(check_csrf)
    app.after_request(_headers)
    app.jinja_env.globals.update(csrf_field=csrf_field, csrf_token=csrf_token)
