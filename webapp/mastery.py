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
from collections.abc import Callable
from functools import lru_cache
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, Table, bindparam, exists, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from quizgen.stats import MasteryRow

from .models import Learner, MasteryVersion
from .prepared import Prepared

__all__ = ["cached_rows", "mastery_changed", "mastery_changed_for_all", "mastery_version"]

Rows = list[MasteryRow]

_KEPT: WeakKeyDictionary[Engine, dict[int, tuple[int, Rows]]] = WeakKeyDictionary()
_LOCK = threading.Lock()


@lru_cache(maxsize=4)
def _bump(dialect: str) -> Prepared:
    """`version + 1`, or a first row at 1, compiled once (it runs inside each review)."""
    table = MasteryVersion.__table__
    assert isinstance(table, Table)
    maker = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = maker(table).values(learner_id=bindparam("learner"), version=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=["learner_id"], set_={"version": table.c.version + 1}
    )
    return Prepared(stmt)


def mastery_changed(connection: Connection, learner: int) -> None:
    """Mark the learner's mastery as changed, in the transaction that changed it."""
    _bump(connection.dialect.name).run(connection, {"learner": learner})


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


_VERSION = Prepared(
    select(MasteryVersion.version).where(MasteryVersion.learner_id == bindparam("learner"))
)


def mastery_version(session: Session, learner: int) -> int:
    """The learner's mastery version (0 before anything changed it)."""
    row = _VERSION.run(session.connection(), {"learner": learner}).first()
    return int(row[0]) if row else 0


def _engine(session: Session) -> Engine:
    bind = session.get_bind()
    return bind.engine if isinstance(bind, Connection) else bind


def cached_rows(session: Session, learner: int, work_out: Callable[[], Rows]) -> Rows:
    """The learner's mastery rows: kept ones if nothing changed since, else `work_out()`.

    The version is read before the rows, so rows kept under a version are never older than it.
    """
    version = mastery_version(session, learner)
    engine = _engine(session)
    with _LOCK:
        kept = _KEPT.setdefault(engine, {}).get(learner)
    if kept is not None and kept[0] == version:
        return list(kept[1])
    rows = work_out()
    with _LOCK:
        learners: dict[int, tuple[int, Rows]] = _KEPT.setdefault(engine, {})
        older = learners.get(learner)
        if older is None or older[0] <= version:
            learners[learner] = (version, list(rows))
    return rows
