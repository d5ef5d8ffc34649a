"""Accounts (only when ACCOUNTS is on): register, log in, log out; passwords hashed."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Flask,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from sqlalchemy.exc import IntegrityError
from werkzeug.security import generate_password_hash

from .. import web
from ..errors import NotFound
from ..storage.db import get_session, write
from ..storage.models import Learner, to_ms
from ..storage.sync import ensure_states
from . import limits
from .logins import check_login, end_login, start_login

__all__ = ["bp", "init_app", "login_required"]

bp = Blueprint("auth", __name__, url_prefix="/auth")


@bp.before_request
def _accounts_on() -> None:
    if not current_app.config["ACCOUNTS"]:
        raise NotFound("accounts are off: there is one local learner and no login")


def _form() -> tuple[str, str, str | None]:
    name = request.form.get("name", "").strip()
    password = request.form.get("password", "")
    if not name or len(name) > 80:
        return name, password, "a name of 1 to 80 characters is needed"
    if len(password) < 8:
        return name, password, "the password needs at least 8 characters"
    return name, password, None


@bp.route("/register", methods=["GET", "POST"])
def register() -> Any:
    """Create an account, then log in."""
    if request.method == "GET":
        return render_template("accounts/register.html")
    name, password, problem = _form()
    if problem:
        flash(problem)
        return render_template("accounts/register.html"), 400
    database = get_session()
    try:
        with write(database):
            learner = Learner(
                name=name,
                password_hash=generate_password_hash(password),
                created_ms=to_ms(web.now()),
            )
            database.add(learner)
            database.flush()
            ensure_states(database)
    except IntegrityError:
        database.rollback()
        flash(f"the name {name!r} is taken")
        return render_template("accounts/register.html"), 400
    return _log_in(learner.id)


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    """Check a name and password and start a session the server keeps."""
    if request.method == "GET":
        return render_template("accounts/login.html")
    name = request.form.get("name", "").strip()
    learner_id = check_login(get_session(), name, request.form.get("password", ""))
    if learner_id is None:
        flash("name or password is wrong")
        return render_template("accounts/login.html"), 400
    return _log_in(learner_id)


def _log_in(learner_id: int) -> Any:
    token = session.get("csrf_token")
    end_login(get_session(), session.get("login"))
    session.clear()
    session["learner_id"] = learner_id
    moment = to_ms(web.now())
    session["login"] = start_login(get_session(), learner_id, moment, web.oldest_login_ms())
    if token:
        session["csrf_token"] = token
    return redirect(url_for("review.review"))


@bp.route("/logout", methods=["POST"])
def logout() -> Any:
    """End the session, on the server too: the old cookie opens nothing any more."""
    end_login(get_session(), session.get("login"))
    session.clear()
    return redirect(url_for("auth.login"))


def login_required() -> Any:
    """A `before_request` for blueprints that need a learner: API gets 401, pages a redirect."""
    if web.current_learner() is not None:
        return None
    if web.wants_json():
        return {"error": "log in first (POST /auth/login)", "status": 401}, 401
    return redirect(url_for("auth.login", next=request.full_path))


def init_app(app: Flask) -> None:
    """Register the accounts blueprint, its login limits, and the login check of the files."""
    app.register_blueprint(bp)
    limits.init_app(app)
