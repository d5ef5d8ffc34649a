"""The study plan (counts and next card) kept per learner until a card or the clock moves it.

Working out a plan reads what was studied today and walks the queue's indexes (three
statements). Between two changes of the learner's cards the answer stays the same, so it is
kept under the learner's row of `mastery_versions`, which every review, undo, suspension,
sync and new state bumps in its own transaction (see `webapp/mastery.py`). A kept plan is
used while that version is unchanged, the study day is the same, and the clock has not
reached the next due time that could change it (`queue.study_plan_until`). The version lives in
the database, so a change made by another process shows at once too.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from weakref import WeakKeyDictionary

from .mastery import KEPT_PER_LEARNER, read_version
from .models import CardRow, CardState
from .prepared import Reader
from .queue import Counts, Limits, Scope, day_start, study_plan_until
from .scheduling import to_ms

__all__ = ["kept_plan"]

Plan = tuple[Counts, tuple[CardRow, CardState] | None]


@dataclass(frozen=True)
class _Kept:
    """A plan and the span of time (ms) it is right for."""

    plan: Plan
    made_ms: int
    until_ms: int | None

    def fits(self, moment_ms: int) -> bool:
        """Whether the plan is still right at `moment_ms` (the clock may also go back)."""
        return self.made_ms <= moment_ms and (self.until_ms is None or moment_ms < self.until_ms)


_KEPT: WeakKeyDictionary[Any, dict[int, tuple[int, dict[Any, _Kept]]]] = WeakKeyDictionary()
_LOCK = threading.Lock()


def kept_plan(
    reader: Reader, engine: Any, learner: int, scope: Scope, limits: Limits, now: datetime
) -> Plan:
    """`study_plan`, kept until the learner's cards change, the day ends or a card falls due.

    The version is read first, so what is kept under a version is never older than it. Kept
    cards and states are shared between requests: read them, never change them.
    """
    version = read_version(reader, learner)
    moment = to_ms(now)
    key = (scope, limits, to_ms(day_start(now, limits.day_starts_hour)))
    with _LOCK:
        entry = _KEPT.setdefault(engine, {}).get(learner)
        if entry is not None and entry[0] == version:
            found = entry[1].get(key)
            if found is not None and found.fits(moment):
                return found.plan
    plan, until = study_plan_until(reader, learner, scope, limits, now)
    kept = _Kept(plan, moment, until)
    with _LOCK:
        learners = _KEPT.setdefault(engine, {})
        entry = learners.get(learner)
        if entry is None or entry[0] < version:
            entry = learners[learner] = (version, {})
        if entry[0] == version and (key in entry[1] or len(entry[1]) < KEPT_PER_LEARNER):
            entry[1][key] = kept
    return plan
