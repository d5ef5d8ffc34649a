"""Tolerant answer checking: the same fact written a little differently still counts."""

from __future__ import annotations

import re

__all__ = ["check_answer", "normalise_answer"]

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_WIKILINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")
_EMPHASIS = re.compile(r"[*_`~]|==")
_THOUSANDS = re.compile(r"(?<=\d)[,\s'\u00a0\u202f](?=\d{3}(?!\d))")
_PERCENT = re.compile(r"\s*%")
# Punctuation goes, but a decimal point between digits stays: 0.5 is not 05.
_PUNCTUATION = re.compile(r"(?!(?<=\d)\.(?=\d))[^\w\s]|_")
_ARTICLE = re.compile(r"^(?:a|an|the)\s+")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
# Short unit spellings, read as units only right after a number ("15 min", "512 mb").
_UNIT_ALIASES = {
    "ms": "millisecond",
    "msec": "millisecond",
    "s": "second",
    "sec": "second",
    "secs": "second",
    "min": "minute",
    "mins": "minute",
    "h": "hour",
    "hr": "hour",
    "hrs": "hour",
    "d": "day",
    "yr": "year",
    "yrs": "year",
}


def normalise_answer(text: str) -> str:
    """The comparable form of an answer: plain words, lower case, plain numbers, singular units."""
    text = _WIKILINK.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    text = _THOUSANDS.sub("", text)
    text = _PERCENT.sub(" percent", text)
    text = _PUNCTUATION.sub(" ", text.casefold())
    text = _ARTICLE.sub("", " ".join(text.split()))
    return " ".join(_words(text.split()))


def check_answer(given: str, expected: str) -> bool:
    """True when the given answer says the same as the expected one, give or take spelling."""
    wanted = normalise_answer(expected)
    return bool(wanted) and normalise_answer(given) == wanted


def _words(words: list[str]) -> list[str]:
    """Each word in its singular form, short units after a number spelled out."""
    found: list[str] = []
    for word in words:
        after_number = bool(found) and bool(_NUMBER.match(found[-1]))
        if after_number and word in _UNIT_ALIASES:
            found.append(_UNIT_ALIASES[word])
        else:
            found.append(_singular(word))
    return found


def _singular(word: str) -> str:
    """`minutes` -> `minute`; words ending in `ss` and short words stay as they are."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word.isalpha():
        return word[:-1]
    return word
