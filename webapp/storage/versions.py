"""A counter per learner that grows whenever the learner's mastery may have changed.

Whatever can change a card's maturity, its note, deck or title, or whether it counts (a
review, an undo, a suspension, a sync, a new state) bumps the learner's row of
`mastery_versions` in the same transaction, so readers can tell at once, in any process,
whether what they worked out earlier still holds (see `webapp/stats/kept.py`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Table, bindparam, exists, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from .models import Learner, MasteryVersion

__all__ = ["mastery_changed", "mastery_changed_for_all", "mastery_version"]


@lru_cache(maxsize=4)
def _bump(dialect: str) -> Any:
    """`version + 1`, or a first row at 1."""
    table = MasteryVersion.__table__
    assert isinstance(table, Table)
    maker = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = maker(table).values(learner_id=bindparam("learner"), version=1)
    return stmt.on_conflict_do_update(
        index_elements=["learner_id"], set_={"version": table.c.version + 1}
    )


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
