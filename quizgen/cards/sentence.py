"""The words of a sentence, as the phrase rules read them: where each sits, how it reads."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .words import FUNCTION_WORDS, PARTICIPLES, rarity

__all__ = [
    "CLAUSE_WORDS",
    "LIST_JOINERS",
    "Span",
    "Word",
    "acts",
    "adverb_of_verb",
    "participle",
    "third_person",
    "words_of",
]

Span = tuple[int, int]  # first and last word of a phrase

_WORD = re.compile(r"\S+")
_OBJECT_OPENERS = {"it", "them", "the", "a", "an", "your", "its", "their", "this", "these", "our"}
_STOP = re.compile(r"[,;:()\[\]]|[.!?]$")  # punctuation after a word that ends a clause
_CAMEL = re.compile(r"^[a-z]+[A-Z]")  # `cloudWatch`, `iPhone`: a name written camel-case
_SHOUTED = 4.0  # Zipf: a word in capitals this common is emphasis, not an acronym
_DASHES = {"-", "–", "—", "--"}
_SIGNS = frozenset("|<>~^")  # `A > B`, `a | b`: a word of these only is no word, a break
_ARROW = re.compile(r"^(?:<?-+>|=+>|→|⇒)$")  # `OLTP ---> Transactions`: two sides
# Where a clause ends and another begins.
CLAUSE_WORDS = {"which", "that", "where", "when", "whereas", "while", "if", "because", "unless"}
CLAUSE_WORDS |= {"but", "so", "although", "though", "since", "whether", "than", "then", "until"}
CLAUSE_WORDS |= {"whenever", "wherever", "whereby"}
LIST_JOINERS = {"and", "or", "and/or", "or/and"}  # what joins a list's last item


@dataclass(slots=True)
class Word:
    """A word of a sentence: where it sits in the Markdown and how it reads."""

    start: int
    end: int
    text: str  # lower-case, without Markdown marks and punctuation around it
    stop: bool  # punctuation after it ends a clause
    opens: bool  # it opens a bracket: `(FaaS)`
    capital: bool  # written with a capital: part of a name
    shouted: bool = False  # a common word in capitals: `NEVER`, `ONLY`
    comma: bool = False  # a comma follows it


def words_of(sentence: str) -> list[Word]:
    """The words of a sentence with their Markdown marks and punctuation trimmed off."""
    found: list[Word] = []
    for match in _WORD.finditer(sentence):
        raw = match.group()
        lead = len(raw) - len(raw.lstrip("*_`(\"'[~"))
        core = raw.strip("*_`(\"'[~").rstrip("*_`)\"']~.,;:!?")
        end = match.start() + lead + len(core)
        stop = bool(_STOP.search(raw, lead + len(core)))
        if (
            core in _DASHES
            or (core and set(core) <= _SIGNS)
            or raw[-1] in ">→⇒"
            and _ARROW.match(raw)
        ) and found:
            found[-1].stop = True  # `session state - it scales`: two points
            continue
        if not core:
            if found and _STOP.search(raw):
                found[-1].stop = True  # `Amazon DynamoDB : create triggers`: two parts
            continue
        opens = "(" in raw[:lead] or "[" in raw[:lead]
        shouted = core.isupper() and len(core) > 2 and rarity(core.casefold()) > _SHOUTED
        comma = "," in raw[lead + len(core) :]
        found.append(
            Word(
                match.start() + lead,
                end,
                core.casefold(),
                stop,
                opens,
                core[0].isupper() or _CAMEL.search(core) is not None,  # `cloudWatch` too
                shouted,
                comma,
            )
        )
    return found


def third_person(text: str) -> bool:
    """`listens`, `assumes`: a word that may be a verb after its subject."""
    if text in FUNCTION_WORDS or not text.endswith("s") or text.endswith(("ss", "us", "is")):
        return False
    return rarity(text) > 0


def acts(words: list[Word], index: int, relative: bool = True) -> bool:
    """`compare it`, `route them`, `having your own`: a word that an object pronoun or an
    article follows is a verb (a noun is not followed by one). With `relative` False, `it` and
    `them` do not count: `the actions it can do` starts a clause after a noun."""
    after = words[index + 1].text if index + 1 < len(words) and not words[index].stop else ""
    return after in _OBJECT_OPENERS and (relative or after not in ("it", "them"))


def adverb_of_verb(words: list[Word], index: int) -> bool:
    """`dynamically provisioned`: an -ly word before a participle says how a thing is done."""
    return (
        index + 1 < len(words)
        and words[index].text.endswith("ly")
        and not words[index].capital
        and participle(words[index + 1].text)
    )


def participle(text: str) -> bool:
    """`generated`, `chosen`, `made`: a verb form that ends a noun phrase."""
    return text.endswith(("ed", "en")) or text in PARTICIPLES
