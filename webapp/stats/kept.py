"""Mastery per note and deck, kept per learner until something that can change it happens.

Mastery groups every card state of the learner (100,000 in the bench, about 40 ms): too much
to redo for each request. What is worked out is kept in this process under the learner's
mastery version (`webapp/storage/versions.py`), which lives in the database: a change made
by any process shows at once. The passage of time changes nothing: a card is mature by the
interval between its last review and its due date, not by today's date.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ..storage.db import engine_of
from ..storage.versions import mastery_version

__all__ = ["KEPT_PER_LEARNER", "kept"]

T = TypeVar("T")

KEPT_PER_LEARNER = 64
"""At most this many answers (all notes, each deck asked for) are kept per learner."""

_KEPT: WeakKeyDictionary[Engine, dict[int, tuple[int, dict[Hashable, Any]]]] = WeakKeyDictionary()
_LOCK = threading.Lock()


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
