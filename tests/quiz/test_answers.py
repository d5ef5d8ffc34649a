"""Tolerant answer checking, driven by the table in fixtures/answers.txt."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.quiz import check_answer, normalise_answer

TABLE = Path(__file__).parent / "fixtures" / "answers.txt"


def _cases() -> list:
    cases = []
    for number, line in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        given, expected, same = (part.strip() for part in line.split("|"))
        cases.append(pytest.param(given, expected, same == "yes", id=f"line{number}"))
    return cases


@pytest.mark.parametrize(("given", "expected", "same"), _cases())
def test_check_answer(given: str, expected: str, same: bool) -> None:
    assert check_answer(given, expected) is same


@pytest.mark.parametrize(("given", "expected", "same"), _cases())
def test_check_answer_is_symmetric(given: str, expected: str, same: bool) -> None:
    if given.strip() and expected.strip():
        assert check_answer(expected, given) is same


def test_normalise_answer_keeps_decimal_points() -> None:
    assert normalise_answer("**0.5** GB, by default!") == "0.5 gb by default"
