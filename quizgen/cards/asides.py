"""Asides in a sentence: a short gloss in brackets is a fact of its own, an example none.

- `storage is billed on the highest storage used (high water mark)`: the bracket says what the
  words before it mean, and a cloze may hide it beside the sentence's own phrase;
- `(e.g., 10 seconds, 1 minute)`, `for example ...`: what follows is an example, never hidden.
"""

from __future__ import annotations

import re

from .sentence import CLAUSE_WORDS, LIST_JOINERS, Span, Word

__all__ = ["examples", "glosses"]

_MAX_GLOSS_WORDS = 6  # an aside in brackets this short may be asked whole
_EXAMPLE_WORDS = {"example", "e.g", "e.g.", "eg", "ex", "like", "such", "see", "etc", "etc.", "say"}
_EXAMPLE_WORDS |= {"above", "below", "later", "optional"}
_EXAMPLE = re.compile(r"\b(?:e\.\s?g\b\.?|eg\b|for (?:example|instance)\b|ex\b:)", re.IGNORECASE)


def examples(sentence: str) -> list[tuple[int, int]]:
    """Where the sentence gives examples after what it says: from `e.g.` or `for example` to
    the bracket's end, a `;` or the sentence's end."""
    found = []
    for match in _EXAMPLE.finditer(sentence):
        if not sentence[: match.start()].strip(" *_("):
            continue  # `For example, X is ...`: the sentence itself is the example
        end = min(
            (i for i in (sentence.find(c, match.end()) for c in ");") if i >= 0),
            default=len(sentence),
        )
        found.append((match.start(), end))
    return found


def glosses(sentence: str, words: list[Word]) -> list[Span]:
    """The short asides in brackets that say what the words before them mean or hold."""
    return [span for span in _brackets(sentence, words) if _gloss(sentence, words, span)]


def _brackets(sentence: str, words: list[Word]) -> list[Span]:
    """The words inside each pair of round brackets, first and last."""
    spans = []
    for first, word in enumerate(words):
        if not word.opens or sentence[word.start - 1 : word.start] != "(":
            continue
        for last in range(first, min(len(words), first + _MAX_GLOSS_WORDS)):
            if sentence[words[last].end :].lstrip(".,;:!?*_`'\"").startswith(")"):
                spans.append((first, last))
                break
            if last > first and words[last].opens:
                break
    return spans


def _gloss(sentence: str, words: list[Word], span: Span) -> bool:
    """True for a short aside in brackets that says what the words before it mean or hold:
    `storage is billed on the highest storage used ({{high water mark}})`, `ASN ({{0–65,535}})`.
    Not an example (`(Python 3.8 for example)`), a link, a lone word (`(FaaS)`: the
    abbreviation card asks it; `(default)`), or a clause of its own (`(but no caching)`)."""
    first, last = span
    if first == 0 or words[first].text in CLAUSE_WORDS | LIST_JOINERS:
        return False
    if first == last and not any(ch.isdigit() for ch in words[first].text):
        return False
    inside = sentence[words[first].start : words[last].end + 1]
    if any(mark in inside for mark in ("[", "http", "(", "?")) or not inside[0].isalnum():
        return False
    if any(words[i].text in _EXAMPLE_WORDS for i in range(first, last + 1)):
        return False  # `(Python 3.8 for example)`, `(same as above)`
    # `ENI (Elastic Network Interfaces)`: the abbreviation card asks it
    return not (_acronym(sentence, words[first - 1]) and not any(ch.isdigit() for ch in inside))


def _acronym(sentence: str, word: Word) -> bool:
    """`ENI`, `DR/BC`, `S3`: a word written in capitals."""
    signs = [ch for ch in sentence[word.start : word.end] if ch.isalnum()]
    capitals = [ch for ch in signs if ch.isalpha()]
    return len(signs) > 1 and bool(capitals) and all(ch.isupper() for ch in capitals)
