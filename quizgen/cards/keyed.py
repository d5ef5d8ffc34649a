"""A number keyed by a name in a list: `SSH: 22`, `443 = HTTPS - secure web`, `MySQL - 3306`.

Ports, status codes and error numbers are written as pairs with no unit, so the quota rule
leaves them alone; the number is what a learner recalls, and the name asks it. A code written
first with its meaning in words after it (`400 - Bad Request`) asks the meaning instead.
"""

from __future__ import annotations

import re

from .blocks import Piece
from .draft import Draft
from .explicit import normalise
from .model import CardType, Origin
from .render import cloze_spans
from .scope import Scope

__all__ = ["keyed_number_cards"]

_SEP = r"\s*(?:={1,2}|:|[-–→]|->)\s+"
_NUMBER = r"(?P<number>\d{1,6})"
_NAME = r"(?P<name>[A-Za-z][\w.+#/]*(?: [\w.+#/]+){0,2})"
_NAME_FIRST = re.compile(rf"^{_NAME}{_SEP}{_NUMBER}\.?$")
# `22 = SSH (secure shell) - log into a Linux instance`: what the name is for may follow.
_NUMBER_FIRST = re.compile(
    rf"^{_NUMBER}\s*(?:={{1,2}}|:|[-–→]|->)\s*{_NAME}(?:\s*\(.*?\))?(?:\s+[-–:]\s.*)?$"
)
_A_NAME = re.compile(r"[A-Z].*[A-Z]")  # `SSH`, `PostgreSQL`, `Max TTL`; not `Create bucket`
# `HTTP(80), HTTPS(443), FTP(21)`: a line of names, each with its number in brackets.
_BRACKETED = re.compile(rf"{_NAME}\s*\({_NUMBER}\)")
_BRACKETED_LINE = re.compile(
    rf"^{_BRACKETED.pattern}(?:(?:,\s*|\s+and\s+|,\s+and\s+){_BRACKETED.pattern})*\.?$".replace(
        "?P<name>", "?:"
    ).replace("?P<number>", "?:")
)


def keyed_pair(said: str) -> re.Match[str] | None:
    """The name and the number of a line that pairs them (`SSH: 22`), else None."""
    said = said.strip().replace(" == ", " = ", 1)  # `21 == FTP`: no highlight
    match = _NAME_FIRST.match(said) or _NUMBER_FIRST.match(said)
    if match is None or not _A_NAME.search(match.group("name")):
        return None
    numbering = match.re is _NUMBER_FIRST and len(match.group("number")) == 1
    if numbering and " " in match.group("name"):
        return None  # `1: Managed Devices`, `2: Network Management Station`: the points' order
    return match


def keyed_number_cards(piece: Piece, scope: Scope) -> list[Draft]:
    """A cloze on the number of a list item that pairs a name with a bare number."""
    said = scope.markdown(piece).strip()
    if _BRACKETED_LINE.match(said):
        return _bracketed_cards(said, piece, scope)
    match = keyed_pair(said) if piece.depth else None
    if match is None:
        return []
    said = match.string
    asked = "name" if _meaning(match) else "number"
    cloze = cloze_spans(said, [match.span(asked)])
    text = scope.standalone(cloze, piece.line, piece.about)
    key = normalise(f"{match.group('name')} number")
    return [Draft(Origin.DEFINITION, CardType.CLOZE, key, piece.line, text=text)]


def _meaning(match: re.Match[str]) -> bool:
    """`400 - Bad Request`, `503 - Service Unavailable`: a code first, then what it means in
    words, which the code asks; `22 = SSH` names a protocol, whose number is asked."""
    words = match.group("name").split()
    return match.re is _NUMBER_FIRST and len(words) > 1 and not any(w.isupper() for w in words)


def _bracketed_cards(said: str, piece: Piece, scope: Scope) -> list[Draft]:
    """`HTTP({{c1::80}}), HTTPS({{c2::443}})`: each name's number hidden, when all are names."""
    pairs = list(_BRACKETED.finditer(said))
    if not all(_A_NAME.search(pair.group("name")) for pair in pairs):
        return []
    cloze = cloze_spans(said, [pair.span("number") for pair in pairs])
    text = scope.standalone(cloze, piece.line, piece.about)
    key = normalise(" ".join(pair.group("name") for pair in pairs) + " numbers")
    return [Draft(Origin.DEFINITION, CardType.CLOZE, key, piece.line, text=text)]
