"""What a quiz request does, for the pages and the API alike: make a quiz, feed its answers."""

from __future__ import annotations

import secrets
from typing import Any

from flask import current_app

from .. import web
from ..inputs import LARGEST_ID, json_integer
from ..storage.db import get_session
from ..storage.quiz_models import QuizAnswerRow, QuizAttempt
from .bank import get_bank
from .options import QuizScope, parse_count, parse_kinds
from .quizzes import create_quiz, feed_schedule

__all__ = ["feed_schedule_of", "new_quiz"]


def feed_schedule_of(rows: list[QuizAnswerRow]) -> None:
    """Quiz answers rate their cards too when QUIZ_FEEDS_SCHEDULE is on."""
    config = current_app.config
    if config["QUIZ_FEEDS_SCHEDULE"] and rows:
        feed_schedule(get_session(), web.learner(), rows, web.now(), config["DESIRED_RETENTION"])


def new_quiz(data: dict[str, Any]) -> QuizAttempt:
    """Make a quiz for this request's learner from a JSON body (or a form read as one)."""
    seed = json_integer(data, "seed", 0, LARGEST_ID)
    return create_quiz(
        get_session(),
        web.learner(),
        get_bank(get_session()),
        QuizScope.from_args(data),
        parse_count(data.get("count")),
        secrets.randbelow(2**31) if seed is None else seed,
        web.now(),
        parse_kinds(data.get("kinds")),
    )
