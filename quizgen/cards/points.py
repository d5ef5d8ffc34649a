"""Answers of five points or more, asked a point at a time.

A card whose answer is a list of five to eight short points (`Use cases: - long-term backups -
compliance archives ...`) asks too much at once: a learner recalls three and fails the card. It
becomes a cloze of the list, each point hidden in turn with the others shown. Only traits
written in lower case (`- cheap - fast - 125GB - 16TB ...`) are asked so: a list whose points
mostly open with a capital (`- Preparation - Containment ...`, `- Variable workloads`) is a set
whose whole the tutors ask for, and stays one card. Whatever rule made the card (a list under a
heading, a label over a list, a question answered by a list), the list is asked the same way.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .draft import Draft
from .explicit import normalise
from .model import CardType, Origin
from .quantity import quantity_spans
from .render import CLOZE
from .words import GOES_ON

__all__ = ["CARD_SYNTAX", "hidden_point", "point_by_point", "points_cloze", "points_front"]

CARD_SYNTAX = ("::", "{{", "}}")  # in a hidden point, a cloze would read these as its own marks
_MOST_POINTS = (5, 8)  # an answer of this many points is asked a point at a time
_POINT_WORDS = 8  # a point longer than this is a sentence, not a point to recall
_MOST_HIDDEN = 0.6  # share of a cloze's text its deletions may hide together
_NAME_WORDS = 4
_GOES_ON = GOES_ON | {"so", "then", "also"}  # `- Or if ...` goes on from the point above
_COUNTED = re.compile(r" \(\d+ points\)$")  # `EFS (5 points)`: the list card's count
# `First IP ---> Network Address`, `Burst: 250MB/s`: a point's name, then what it says of it.
_NAME_SPLIT = re.compile(r"\s[-–—]\s|:\s|\s(?:->|-->|--->|→|=>)\s")


def point_by_point(draft: Draft) -> list[Draft]:
    """The card, or when its answer is five to eight short points, one cloze a point."""
    points = _points(draft)
    if not points:
        return [draft]
    lines = [f"- {hidden_point(point, number)}" for number, point in enumerate(points, 1)]
    text = points_cloze(draft.front, lines)
    return one_gap_each(replace(draft, type=CardType.CLOZE, front="", back="", text=text))


def points_cloze(front: str, lines: list[str]) -> str:
    """A list cloze's text: the question the list answered, then its points (some hidden)."""
    front = points_front(front)
    return f"{front}{'' if front.endswith(('?', '…')) else ':'}\n" + "\n".join(lines)


def points_front(front: str) -> str:
    """A list card's question without its count: `EFS (5 points)` -> `EFS`."""
    return _COUNTED.sub("", front).rstrip(":")


def _points(draft: Draft) -> list[str]:
    """The points of a card's answer when they are worth asking one by one, else []."""
    if draft.type is not CardType.BASIC or draft.origin is Origin.EXPLICIT:
        return []
    lines = [line.strip() for line in draft.back.splitlines() if line.strip()]
    if not _MOST_POINTS[0] <= len(lines) <= _MOST_POINTS[1]:
        return []
    if not all(line.startswith("- ") for line in lines):
        return []
    points = [line[2:].strip() for line in lines]
    if 2 * sum(_capitalised(point) for point in points) > len(points):
        return []  # `- Preparation - Containment - Eradication ...`: the set is the fact
    for point in points:
        words = point.split()
        if not words or len(words) > _POINT_WORDS or point.endswith(":"):
            return []  # a sentence, or a label of points nested below it
        if words[0].casefold() in _GOES_ON or "://" in point:
            return []
        if any(mark in point for mark in CARD_SYNTAX):
            return []  # `Fn::Join` hidden would read as a cloze's hint
    return points


def _capitalised(point: str) -> bool:
    """`Containment`, `Variable workloads`: a point written as an item of a set, not as a trait
    (`cheap`, `frequent access`) of the thing the list describes."""
    return point.strip("*_` ")[:1].isupper()


def one_gap_each(draft: Draft) -> list[Draft]:
    """A list cloze whose deletions together would hide most of it (`- {{c1::Income}} -
    {{c2::Advertisement}} ...`) as one card a point, each showing the others: a cloze that hides
    nearly all its text reads as one that asks nothing."""
    hidden = sum(len(match.group(2)) for match in CLOZE.finditer(draft.text))
    if hidden <= _MOST_HIDDEN * len(CLOZE.sub(r"\2", draft.text)):
        return [draft]
    return [
        replace(draft, key=normalise(f"{draft.key} {match.group(2)}"), text=_only(draft, match))
        for match in CLOZE.finditer(draft.text)
    ]


def _only(draft: Draft, kept: re.Match[str]) -> str:
    """A cloze's text with only the deletion `kept`, numbered 1; the others shown."""
    before = CLOZE.sub(r"\2", draft.text[: kept.start()])
    after = CLOZE.sub(r"\2", draft.text[kept.end() :])
    return f"{before}{{{{c1::{kept.group(2)}}}}}{after}"


def hidden_point(said: str, number: int) -> str:
    """A point hidden as deletion `number`: only its numbers when it states some (`{{3-63}}
    characters`: the noun says what is asked), only what follows its name when it has one
    (`Last IP ---> {{Broadcast Address}}`), else whole."""
    spans = quantity_spans(said)
    split = _NAME_SPLIT.search(said)
    if not spans and split and _names_point(said[: split.start()], said[split.end() :]):
        return f"{said[: split.end()]}{{{{c{number}::{said[split.end() :]}}}}}"
    if not spans:
        return f"{{{{c{number}::{said}}}}}"
    for start, end in reversed(spans):
        said = f"{said[:start]}{{{{c{number}::{said[start:end]}}}}}{said[end:]}"
    return said


def _names_point(name: str, rest: str) -> bool:
    """True when a point opens with a short name of what it describes: `Last IP ---> ...`."""
    return bool(name.strip()) and len(name.split()) <= _NAME_WORDS and bool(rest.strip())
