"""Quantities in answers: their shape (`# minute`) and nearby wrong values in the same unit."""

from __future__ import annotations

import re

from .answers import normalise_answer

__all__ = ["nearby_quantities", "quantity_shape"]

_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\d])")
_SHAPE_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# The word after a number, when it ends a noun phrase (`2 years`, `5 targets per rule`).
_FOLLOWING_WORD = re.compile(
    r"^( )([a-z]+)\b(?!\s+(?!(?:per|every|each|a|an|and|or|to|of|by|in|at|for|from)\b)[a-z])"
)
# Nearby values, the closest first; each keeps an integer an integer.
_FACTORS = (2.0, 0.5, 3.0, 1.5, 4.0, 0.25, 5.0, 10.0, 0.1, 0.2)
_MAX_WORDS = 12


def quantity_shape(answer: str) -> str | None:
    """`15 minutes` -> `# minute`: answers of one shape are the same kind of quantity.

    None when the answer holds no number, no unit, or is too long to be a quantity.
    """
    if not any(char.isdigit() for char in answer):
        return None
    plain = normalise_answer(answer)
    if not _SHAPE_NUMBER.search(plain) or len(plain.split()) > _MAX_WORDS:
        return None
    shape = _SHAPE_NUMBER.sub("#", plain)
    if not re.search(r"[a-z]", shape):
        return None
    return shape


def nearby_quantities(answer: str) -> list[str]:
    """The answer with every number scaled by ×2, ÷2, ×3, …, written the way the answer is."""
    found: list[str] = []
    for factor in _FACTORS:
        variant = _scaled(answer, factor)
        if variant is not None and variant != answer and variant not in found:
            found.append(variant)
    return found


def _scaled(answer: str, factor: float) -> str | None:
    """The answer with its numbers times `factor`, or None when one would not fit its format."""
    parts: list[str] = []
    last = 0
    commas = _uses_commas(answer)
    for match in _NUMBER.finditer(answer):
        value = float(match.group(0).replace(",", "")) * factor
        text = _format(value, len(match.group(2) or ""), commas)
        if text is None or answer[match.end() :].lstrip().startswith("%") and value > 100:
            return None
        parts += [answer[last : match.start()], text]
        last = match.end()
        rest = _agree(answer[last:], value)
        parts.append(rest[0])
        last += rest[1]
    return "".join(parts) + answer[last:] if parts else None


def _format(value: float, decimals: int, commas: bool) -> str | None:
    """A number with the answer's decimals and thousands separators; None if it is not whole."""
    if decimals:
        return f"{value:,.{decimals}f}" if commas else f"{value:.{decimals}f}"
    if abs(value - round(value)) > 1e-9:
        return None
    return f"{round(value):,}" if commas else str(round(value))


def _uses_commas(answer: str) -> bool:
    """False only when the answer writes a number of 1000 or more without separators."""
    return not any(len(number) >= 4 for number in re.findall(r"(?<![\d,.])\d+", answer))


def _agree(rest: str, value: float) -> tuple[str, int]:
    """The word after a number made singular for 1 and plural otherwise: (new text, length used)."""
    match = _FOLLOWING_WORD.match(rest)
    if not match:
        return "", 0
    word = match.group(2)
    if value == 1 and word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    elif value != 1 and not word.endswith("s") and word in _COUNTABLE:
        word += "s"
    return match.group(1) + word, match.end()


_COUNTABLE = {
    *("second", "minute", "hour", "day", "week", "month", "year", "millisecond", "request"),
    *("message", "target", "instance", "execution", "environment", "attempt"),
    *("parameter", "function", "layer", "event", "time"),
}
