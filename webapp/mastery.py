"""Mastery per note and deck, kept per learner until something that can change it happens.

Mastery groups every card state of the learner (100,000 in the bench, about 40 ms): too much
to redo for each request. Whatever can change a card's maturity, its note, deck or title, or
whether it counts (a review, an undo, a suspension, a sync, a new state) bumps the learner's
row of `mastery_versions` in the same transaction; the statistics read that one row and reuse
the rows worked out for that version. The passage of time changes nothing: a card is mature
by the interval between its last review and its due date, not by today's date.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from functools import lru_cache
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, Table, bindparam, exists, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from .db import engine_of
from .models import Learner, MasteryVersion

__all__ = [
    "KEPT_PER_LEARNER",
    "kept",
    "mastery_changed",
    "mastery_changed_for_all",
    "mastery_version",
]

T = TypeVar("T")

KEPT_PER_LEARNER = 64
"""At most this many answers (all notes, each deck asked for) are kept per learner."""

_KEPT: WeakKeyDictionary[Engine, dict[int, tuple[int, dict[Hashable, Any]]]] = WeakKeyDictionary()
_LOCK = threading.Lock()


@lru_cache(maxsize=4)
def _bump(dialect: str) -> Any:
    """`version + 1`, or a first row at 1, compiled once (it runs inside each review)."""
    table = MasteryVersion.__table__
    assert isinstance(table, Table)
    maker = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = maker(table).values(learner_id=bindparam("learner"), version=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=["learner_id"], set_={"version": table.c.version + 1}
    )
    return stmt


def mastery_changed(connection: Connection, learner: int) -> None:
    """Mark the learner's mastery as changed, in the transaction that changed it."""
    connection.execute(_bump(connection.dialect.name), {"learner": learner})


def mastery_changed_for_all(session: Session) -> None:
    """Mark every learner's mastery as changed (a sync moves cards of all of them)."""
    versions = MasteryVersion
    session.execute(update(versions).values(version=versions.version + 1))
    missing = ~exists().where(versions.learner_id == Learner.id)
    session.execute(
        insert(versions).from_select(
            ["learner_id", "version"], select(Learner.id, 1).where(missing)
        )
    )


def mastery_version(session: Session, learner: int) -> int:
    """The learner's mastery version (0 before anything changed it)."""
    found = session.scalar(
        select(MasteryVersion.version).where(MasteryVersion.learner_id == learner)
    )
    return int(found or 0)


def kept(session: Session, learner: int, key: Hashable, work_out: Callable[[], T]) -> T:
    """What `work_out()` gives for the learner, kept under `key` until the version moves.

    The version is read first, so what is kept under a version is never older than it.
    Kept values are shared between requests: give immutable ones (tuples, frozen records).
    """
    version = mastery_version(session, learner)
    engine = engine_of(session)
    with _LOCK:
        entry = _KEPT.setdefault(engine, {}).get(learner)
        if entry is not None and entry[0] == version and key in entry[1]:
            return entry[1][key]
    value = work_out()
    with _LOCK:
        learners = _KEPT.setdefault(engine, {})
        entry = learners.get(learner)
        if entry is None or entry[0] < version:
            entry = learners[learner] = (version, {})
        if entry[0] == version and len(entry[1]) < KEPT_PER_LEARNER:
            entry[1][key] = value
    return value
