"""Logins kept on the server: a signed cookie names one, and logging out deletes it."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base

__all__ = ["LoginRow"]


class LoginRow(Base):
    """One logged-in session of a learner; the cookie holds a token whose SHA-256 is the key.

    Only the hash is stored, so a copy of the database opens no session.
    """

    __tablename__ = "logins"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    learner_id: Mapped[int] = mapped_column(Integer, ForeignKey("learners.id"), index=True)
    created_ms: Mapped[int] = mapped_column(BigInteger)
