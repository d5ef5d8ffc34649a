"""Quizzes: scope filters, questions with sibling-fact distractors, tolerant checking, scores."""

from .answers import check_answer, normalise_answer
from .build import ALL_KINDS, build_quiz, make_question
from .distractors import distractors
from .facts import Fact, FactIndex, facts_of
from .model import Mark, Question, QuestionKind, Quiz, QuizResult, WrongAnswer
from .numbers import nearby_quantities, quantity_shape
from .scope import Pair, in_deck, select_cards
from .score import score, source_link

__all__ = [
    "ALL_KINDS",
    "Fact",
    "FactIndex",
    "Mark",
    "Pair",
    "Question",
    "QuestionKind",
    "Quiz",
    "QuizResult",
    "WrongAnswer",
    "build_quiz",
    "check_answer",
    "distractors",
    "facts_of",
    "in_deck",
    "make_question",
    "nearby_quantities",
    "normalise_answer",
    "quantity_shape",
    "score",
    "select_cards",
    "source_link",
]
