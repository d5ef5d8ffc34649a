"""Quizzes as stored history: create one from a scope, answer its questions once, score it."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from quizgen.quiz import (
    ALL_KINDS,
    Question,
    QuestionKind,
    Quiz,
    QuizResult,
    build_quiz,
    check_answer,
    score,
    select_cards,
)

from ..errors import BadInput, Conflict, NotFound
from ..storage.db import write
from ..storage.models import CardRow, CardState, to_ms
from ..storage.quiz_models import QuizAnswerRow, QuizAttempt
from .bank import QuizBank, review_card_id
from .options import CHOICES, QuizScope

__all__ = [
    "answer_question",
    "answered",
    "create_quiz",
    "feed_schedule",
    "finish_quiz",
    "get_attempt",
    "public_question",
    "questions_of",
    "quiz_result",
    "review_token",
]

# Written as the partial index `ix_card_states_suspended_only` is, so that it is used.
_SUSPENDED = CardState.suspended == true()


def _suspended_sources(session: Session, learner: int) -> set[str]:
    """Cards the learner suspended (any side of a card keeps the whole card out of quizzes)."""
    stmt = (
        select(CardRow.source_id)
        .join(CardState, CardState.card_id == CardRow.id)
        .where(CardState.learner_id == learner, _SUSPENDED)
    )
    return set(session.scalars(stmt))


def create_quiz(
    session: Session,
    learner: int,
    bank: QuizBank,
    scope: QuizScope,
    count: int,
    seed: int,
    now: datetime,
    kinds: Sequence[QuestionKind] = ALL_KINDS,
) -> QuizAttempt:
    """Build a quiz of up to `count` questions in a scope and store it; 404 for an empty scope."""
    parts = {k: (v or None) for k, v in (("deck", scope.deck), ("tag", scope.tag))}
    chosen = bank.candidates(scope.deck, scope.note)
    if scope.tag or scope.heading or (scope.deck and scope.note):
        chosen = select_cards(
            chosen, note=scope.note or None, heading=scope.heading or None, **parts
        )
    left_out = _suspended_sources(session, learner)
    if left_out:
        chosen = [(f, c) for f, c in chosen if c.id not in left_out]
    if not chosen:
        raise NotFound(f"there are no cards to quiz in {scope.describe()}")
    quiz = build_quiz(chosen, count, random.Random(seed), kinds=kinds, pool=bank.index)
    if not quiz.questions:
        raise NotFound(f"the cards in {scope.describe()} give no questions")
    review_cards = {
        q.id: review_card_id(bank.by_id[q.card_id], _cloze_number(q)) for q in quiz.questions
    }
    with write(session):
        attempt = QuizAttempt(
            learner_id=learner,
            scope=scope.to_dict(),
            seed=seed,
            questions=quiz.to_dict(),
            review_cards=review_cards,
            total=len(quiz.questions),
            created_ms=to_ms(now),
        )
        session.add(attempt)
    return attempt


def _cloze_number(question: Question) -> int:
    """The cloze deletion a question asks (0 when it is not about one)."""
    marker = question.id.removeprefix(question.card_id).removesuffix(f"-{question.kind.value}")
    return int(marker[2:]) if marker.startswith("-c") and marker[2:].isdigit() else 0


def get_attempt(session: Session, learner: int, attempt_id: int) -> QuizAttempt:
    """The learner's quiz with this id; 404 for another learner's or a missing one."""
    attempt = session.get(QuizAttempt, attempt_id)
    if attempt is None or attempt.learner_id != learner:
        raise NotFound(f"there is no quiz with id {attempt_id}")
    return attempt


def questions_of(attempt: QuizAttempt) -> tuple[Question, ...]:
    """The attempt's questions, in order."""
    return Quiz.from_dict(attempt.questions).questions


def public_question(question: Question) -> dict[str, Any]:
    """A question as the learner may see it before answering (no answer, no fact)."""
    data = question.to_dict()
    for secret in ("answer", "fact", "truth"):
        data.pop(secret)
    return data


def answered(session: Session, attempt: QuizAttempt) -> dict[str, QuizAnswerRow]:
    """The answers given so far, by question id."""
    rows = session.scalars(select(QuizAnswerRow).where(QuizAnswerRow.attempt_id == attempt.id))
    return {row.question_id: row for row in rows}


def _checked_given(question: Question, given: str) -> str:
    given = given.strip()
    if len(given) > 2000:
        raise BadInput("an answer may have at most 2000 characters")
    if given and question.kind in CHOICES and given not in question.options:
        raise BadInput(f"the answer to {question.id} must be one of its options")
    return given


def answer_question(
    session: Session, learner: int, attempt_id: int, question_id: str, given: str, now: datetime
) -> QuizAnswerRow:
    """Record one answer (an empty one means "I don't know"); a second answer is refused."""
    attempt = get_attempt(session, learner, attempt_id)
    if attempt.finished_ms is not None:
        raise Conflict(f"quiz {attempt_id} is already submitted")
    question = next((q for q in questions_of(attempt) if q.id == question_id), None)
    if question is None:
        raise NotFound(f"quiz {attempt_id} has no question {question_id!r}")
    given = _checked_given(question, given)
    try:
        with write(session):
            row = _answer_row(attempt, question, given, now)
            session.add(row)
    except IntegrityError:
        session.rollback()
        raise Conflict(
            f"question {question_id!r} of quiz {attempt_id} is already answered"
        ) from None
    return row


def _answer_row(attempt: QuizAttempt, question: Question, given: str, now: datetime) -> Any:
    return QuizAnswerRow(
        attempt_id=attempt.id,
        learner_id=attempt.learner_id,
        question_id=question.id,
        card_id=attempt.review_cards.get(question.id, question.card_id),
        kind=question.kind.value,
        given=given,
        correct=check_answer(given, question.answer),
        answered_ms=to_ms(now),
    )


def finish_quiz(
    session: Session,
    learner: int,
    attempt_id: int,
    now: datetime,
    answers: Mapping[str, str] | None = None,
) -> tuple[QuizResult, list[QuizAnswerRow]]:
    """Submit a quiz: record `answers` not given yet and "I don't know" for the rest; score it.

    Returns the result and the answer rows recorded by this call (to feed the schedule).
    """
    attempt = get_attempt(session, learner, attempt_id)
    if attempt.finished_ms is not None:
        raise Conflict(f"quiz {attempt_id} is already submitted")
    questions = questions_of(attempt)
    known = {q.id for q in questions}
    unknown = sorted(set(answers or {}) - known)
    if unknown:
        raise NotFound(f"quiz {attempt_id} has no question {unknown[0]!r}")
    before = answered(session, attempt)
    twice = sorted(set(answers or {}) & set(before))
    if twice:
        raise Conflict(f"question {twice[0]!r} of quiz {attempt_id} is already answered")
    given = {q.id: _checked_given(q, str((answers or {}).get(q.id) or "")) for q in questions}
    added = []
    try:
        with write(session):
            for question in questions:
                if question.id not in before:
                    added.append(_answer_row(attempt, question, given[question.id], now))
            session.add_all(added)
            result = score(questions, {**given, **{k: r.given for k, r in before.items()}})
            attempt.right, attempt.finished_ms = result.right, to_ms(now)
    except IntegrityError:
        session.rollback()
        raise Conflict(f"quiz {attempt_id} was submitted meanwhile") from None
    return result, added


def quiz_result(session: Session, learner: int, attempt_id: int) -> QuizResult:
    """The score of a submitted quiz, with each wrong answer and its source link."""
    attempt = get_attempt(session, learner, attempt_id)
    if attempt.finished_ms is None:
        raise Conflict(f"quiz {attempt_id} is not submitted yet")
    given = {key: row.given for key, row in answered(session, attempt).items()}
    return score(questions_of(attempt), given)


def review_token(attempt_id: int, question_id: str) -> str:
    """The review token of a quiz answer fed to the schedule (a retry records one review)."""
    digest = hashlib.sha1(question_id.encode(), usedforsecurity=False).hexdigest()[:20]
    return f"quiz-{attempt_id}-{digest}"


def feed_schedule(
    session: Session, learner: int, rows: Sequence[QuizAnswerRow], now: datetime, retention: float
) -> int:
    """Rate each answered card Good (right) or Again (wrong, or "I don't know"); returns how many.

    A card no longer in the database (the card files changed since the last sync) is skipped.
    """
    from ..review.reviews import submit_review

    fed = 0
    for row in rows:
        token = review_token(row.attempt_id, row.question_id)
        rating = 3 if row.correct else 1
        try:
            submit_review(
                session,
                learner,
                row.card_id,
                rating,
                now,
                retention=retention,
                token=token,
            )
        except NotFound:
            continue
        fed += 1
    return fed
