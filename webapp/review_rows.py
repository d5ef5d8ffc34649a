"""What recording a review reads and writes: the statements, and the rows they take."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

import orjson
from fsrs import Rating
from sqlalchemy import Connection, Table, bindparam, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from .models import NEW, CardState, ReviewRow
from .prepared import Prepared, Reader
from .scheduling import next_state, to_ms

__all__ = [
    "FIND_TOKEN",
    "LOG",
    "MOVE",
    "STATE_FIELDS",
    "Review",
    "after_review",
    "driver_read",
    "log_once",
    "log_params",
    "log_values",
    "logged_review",
    "move_params",
    "read_state",
    "read_states",
    "state_dict",
]

STATE_FIELDS = tuple(CardState().fsrs_dict())
FIND_TOKEN = Prepared(
    select(ReviewRow.id).where(
        ReviewRow.learner_id == bindparam("learner"), ReviewRow.token == bindparam("token")
    )
)
MOVE = Prepared(
    update(CardState)
    .where(
        CardState.learner_id == bindparam("learner"),
        CardState.card_id == bindparam("card"),
        CardState.version == bindparam("version"),
    )
    .values(
        version=bindparam("new_version"),
        **{name: bindparam(f"new_{name}") for name in STATE_FIELDS},
    )
)
_REVIEW_FIELDS = [column.key for column in ReviewRow.__table__.columns if column.key != "id"]
_LOG_VALUES: dict[str, Any] = {name: bindparam(f"r_{name}") for name in _REVIEW_FIELDS}
LOG = Prepared(insert(ReviewRow).values(_LOG_VALUES).returning(ReviewRow.id))


@lru_cache(maxsize=4)
def _log_once(dialect: str) -> Prepared:
    """The log insert that adds nothing when the token is already there.

    PostgreSQL returns the new id. SQLite's driver gives it as `lastrowid`, which saves a step
    (and, under load, a trip through the other threads for the GIL).
    """
    table = ReviewRow.__table__
    assert isinstance(table, Table)
    maker = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = maker(table).values(_LOG_VALUES)
    stmt = stmt.on_conflict_do_nothing(index_elements=["learner_id", "token"])
    return Prepared(stmt.returning(table.c.id) if dialect == "postgresql" else stmt)


def log_once(reader: Reader, params: dict[str, Any]) -> int | None:
    """Insert a review log row (`log_params`); its id, or None when its token was logged."""
    statement = _log_once(reader.dialect.name)
    if reader.dialect.name == "postgresql":
        found = statement.rows(reader, params)
        return found[0][0] if found else None
    return statement.inserted_id(reader, params)


@dataclass(frozen=True)
class Review:
    """One review to record: who, which card, the rating, when, and its idempotency key."""

    learner: int
    card_id: str
    rating: Rating
    now: datetime
    retention: float
    token: str
    duration_ms: int | None


def _as_read(row: Any) -> tuple[int, dict]:
    """A `_read_many` row without its card id: (version, scheduling fields as in `fsrs_dict`)."""
    return row[1], dict(zip(STATE_FIELDS, row[2:], strict=True))


@lru_cache(maxsize=64)
def _read_many(count: int) -> Prepared:
    """The card id, version and scheduling fields of `count` cards of one learner
    (parameters learner, card0, card1, ...)."""
    cards: list[Any] = [bindparam(f"card{n}") for n in range(count)]
    fields = (CardState.__table__.c[name] for name in STATE_FIELDS)
    return Prepared(
        select(CardState.card_id, CardState.version, *fields).where(
            CardState.learner_id == bindparam("learner"), CardState.card_id.in_(cards)
        )
    )


def read_states(reader: Reader, learner: int, card_ids: list[str]) -> dict[str, tuple[int, dict]]:
    """Each card's version and scheduling fields, by card id (cards with none are left out)."""
    params: dict[str, Any] = {f"card{n}": card_id for n, card_id in enumerate(card_ids)}
    params["learner"] = learner
    rows = _read_many(len(card_ids)).rows(reader, params)
    return {row[0]: _as_read(row) for row in rows}


def driver_read(reader: Reader, learner: int, card_id: str) -> tuple[int, dict] | None:
    """The card's version and scheduling fields, on a driver connection; None if it has none."""
    return read_states(reader, learner, [card_id]).get(card_id)


def read_state(connection: Connection, learner: int, card_id: str) -> tuple[int, dict] | None:
    """`driver_read` inside an ORM session's transaction (on its connection)."""
    row = _read_many(1).run(connection, {"learner": learner, "card0": card_id}).first()
    return None if row is None else _as_read(row)


def after_review(before: dict, review: Review) -> dict:
    """The scheduling fields after the review."""
    outcome = next_state(before, review.rating, review.now, review.retention)
    lapsed = before["state"] == 2 and review.rating == Rating.Again
    after = dict(before)
    after.update(outcome.fields(), reps=before["reps"] + 1, lapses=before["lapses"] + int(lapsed))
    return after


def log_values(review: Review, before: dict, after: dict) -> dict[str, Any]:
    """The review log row's plain columns."""
    return {
        "learner_id": review.learner,
        "card_id": review.card_id,
        "token": review.token,
        "rating": int(review.rating),
        "reviewed_ms": to_ms(review.now),
        "duration_ms": review.duration_ms,
        "was_new": before["state"] == NEW,
        "state_before": before["state"],
        "state_after": after["state"],
        "undone_ms": None,
    }


def logged_review(
    review_id: int, values: dict[str, Any], before: dict, after: dict
) -> dict[str, Any]:
    """A logged review as plain data, as `ReviewRow.to_dict` gives it."""
    found = {"id": review_id, **values, "before": before, "after": after}
    del found["learner_id"]
    return found


def state_dict(review: Review, version: int, fields: dict) -> dict[str, Any]:
    """The card's state as plain data, as `CardState.to_dict` gives it."""
    return {"card_id": review.card_id, "version": version, **fields}


def move_params(review: Review, version: int, fields: dict, new_version: int) -> dict[str, Any]:
    """Parameters of MOVE: set the card to `fields` and `new_version` if it is at `version`."""
    params = {f"new_{name}": fields[name] for name in STATE_FIELDS}
    params.update(learner=review.learner, card=review.card_id, version=version)
    params["new_version"] = new_version
    return params


def log_params(values: dict[str, Any], before: dict, after: dict) -> dict[str, Any]:
    """Parameters of the log insert, from `log_values` and the fields before and after."""
    params = {f"r_{name}": value for name, value in values.items()}
    params.update(r_before=orjson.dumps(before).decode(), r_after=orjson.dumps(after).decode())
    return params
