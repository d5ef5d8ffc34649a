"""Scoring a quiz: right count, marks, and wrong answers with the right one and a source link."""

from __future__ import annotations

import random

from quizgen.quiz import Question, QuestionKind, QuizResult, build_quiz, score


def _question(qid: str, answer: str, **fields) -> Question:
    return Question(
        id=qid,
        kind=fields.pop("kind", QuestionKind.TYPED),
        prompt=f"prompt {qid}",
        answer=answer,
        card_id=f"card-{qid}",
        **fields,
    )


def test_score_marks_right_wrong_and_missing() -> None:
    questions = [
        _question("a", "3,000", page="aws/sqs/", anchor="quotas", note="aws/sqs.md"),
        _question("b", "15 minutes", page="aws/lambda/", anchor=None, fact="15 minutes"),
        _question("c", "True", kind=QuestionKind.TRUE_FALSE, options=("True", "False")),
    ]
    result = score(questions, {"a": "3000", "b": "15 seconds"}, notes_url="/notes/")
    assert (result.right, result.total, result.percent) == (1, 3, 33)
    assert [mark.correct for mark in result.marks] == [True, False, False]
    assert [mark.given for mark in result.marks] == ["3000", "15 seconds", ""]
    assert [wrong.question_id for wrong in result.wrong] == ["b", "c"]
    first = result.wrong[0]
    assert (first.given, first.answer, first.fact) == ("15 seconds", "15 minutes", "15 minutes")
    assert first.link == "/notes/aws/lambda/"
    right = score(questions[:1], {"a": "3 000"})
    assert right.wrong == () and right.percent == 100


def test_wrong_answer_links_to_the_section() -> None:
    question = _question("a", "x", page="aws/sqs/", anchor="quotas", note="aws/sqs.md")
    result = score([question], {"a": "y"}, notes_url="http://127.0.0.1:8000/notes/")
    assert result.wrong[0].link == "http://127.0.0.1:8000/notes/aws/sqs/#quotas"
    assert result.wrong[0].note == "aws/sqs.md"


def test_score_of_a_built_quiz_answered_right_is_full(pairs) -> None:
    quiz = build_quiz(pairs, 12, random.Random(2))
    answers = {question.id: question.answer for question in quiz.questions}
    assert score(quiz.questions, answers).right == 12
    wrong = {question.id: question.answer + " not" for question in quiz.questions}
    result = score(quiz.questions, wrong)
    assert result.right == 0 and len(result.wrong) == 12
    assert QuizResult.from_dict(result.to_dict()) == result


def test_empty_quiz_scores_zero() -> None:
    result = score([], {})
    assert (result.right, result.total, result.percent) == (0, 0, 0)
