"""Score a quiz: which answers were right, and the right answer with its source for the rest."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .answers import check_answer
from .model import Mark, Question, QuizResult, WrongAnswer

__all__ = ["score", "source_link"]


def score(
    questions: Iterable[Question], answers: Mapping[str, str], notes_url: str = "/notes/"
) -> QuizResult:
    """Mark each question against `answers` (question id -> given text); unanswered is wrong."""
    marks: list[Mark] = []
    wrong: list[WrongAnswer] = []
    for question in questions:
        given = str(answers.get(question.id) or "")
        correct = check_answer(given, question.answer)
        marks.append(Mark(question.id, question.card_id, question.kind, given, correct))
        if not correct:
            wrong.append(_wrong(question, given, notes_url))
    right = sum(mark.correct for mark in marks)
    return QuizResult(right=right, total=len(marks), marks=tuple(marks), wrong=tuple(wrong))


def source_link(question: Question, notes_url: str = "/notes/") -> str:
    """The address of the question's source section on the site: `/notes/aws-certs/sqs/#quotas`."""
    return notes_url + question.source


def _wrong(question: Question, given: str, notes_url: str) -> WrongAnswer:
    """A wrong answer with everything needed to show the right one and link to its source."""
    return WrongAnswer(
        question_id=question.id,
        prompt=question.prompt,
        given=given,
        answer=question.answer,
        fact=question.fact,
        card_id=question.card_id,
        note=question.note,
        title=question.title,
        page=question.page,
        anchor=question.anchor,
        link=source_link(question, notes_url),
    )
