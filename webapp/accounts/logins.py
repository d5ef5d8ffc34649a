"""Logins: passwords checked in the same time whether the name exists or not, and sessions
that the server can end."""

from __future__ import annotations

import functools
import hashlib
import secrets

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from ..storage.db import write
from ..storage.login_models import LoginRow
from ..storage.models import Learner

__all__ = ["check_login", "end_login", "learner_of_login", "start_login"]


@functools.cache
def _stand_in_hash() -> str:
    """A hash to check unknown names against, so they cost what a real account costs."""
    return generate_password_hash(secrets.token_hex(16))


def check_login(session: Session, name: str, password: str) -> int | None:
    """The learner whose name and password these are, else None, in about the same time
    either way (a name cannot be found out by timing the answer)."""
    learner = session.scalar(select(Learner).where(Learner.name == name))
    stored = learner.password_hash if learner is not None else ""
    matches = check_password_hash(stored or _stand_in_hash(), password)
    return learner.id if learner is not None and stored and matches else None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_login(session: Session, learner_id: int, now_ms: int, oldest_ms: int) -> str:
    """Open a login on the server; the token to keep in the (signed) session cookie.

    Logins opened before `oldest_ms` have expired: they are deleted here, so the table holds
    only logins that can still be used.
    """
    token = secrets.token_urlsafe(32)
    with write(session):
        session.execute(delete(LoginRow).where(LoginRow.created_ms < oldest_ms))
        session.add(LoginRow(token_hash=_hash(token), learner_id=learner_id, created_ms=now_ms))
    return token


def learner_of_login(session: Session, token: object, oldest_ms: int) -> int | None:
    """The learner of a login still open on the server and opened after `oldest_ms`, else None
    (logged out, expired, or never); read on the request's own session and connection."""
    if not isinstance(token, str) or not token:
        return None
    found = session.scalar(
        select(LoginRow.learner_id).where(
            LoginRow.token_hash == _hash(token), LoginRow.created_ms >= oldest_ms
        )
    )
    return int(found) if found is not None else None


def end_login(session: Session, token: object) -> None:
    """Close a login: its cookie opens nothing any more, even if kept or copied."""
    if not isinstance(token, str) or not token:
        return
    with write(session):
        session.execute(delete(LoginRow).where(LoginRow.token_hash == _hash(token)))
