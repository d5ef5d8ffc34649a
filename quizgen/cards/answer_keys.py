"""Practice questions answered by number: a numbered list of questions, then an answer key.

    1. What is the hybridization of each carbon in CH₃–CH=CH–C≡CH?
    2. Why don't alkanes show cis-trans isomerism?

    > [!question]- Answers
    > 1. C1(sp³)–C2(sp²)=C3(sp²)–C4(sp)≡C5(sp)
    > 2. Alkanes have free rotation around single bonds ...

asks each question with the answer of the same number (`Arrange in order of acidity: ...` is
a question too). The key must follow the questions under a line, heading or callout title
naming it (`Answers`, `Solutions`, `Answer key`) and hold as many numbered answers as there
are questions; otherwise no card pairs them, since a question given another's answer would
teach the wrong thing.
"""

from __future__ import annotations

import re

from .blocks import Piece
from .draft import Draft
from .explicit import normalise
from .model import CardType, Origin
from .scope import Scope

__all__ = ["answer_key_cards"]

_KEY_TITLE = re.compile(
    r"^\s*(?:\[![\w-]+\][-+]?\s*)?[*_#\s]*(?:answers?|solutions?|answer key|key)\b[*_:\s]*$",
    re.IGNORECASE,
)


def answer_key_cards(pieces: list[Piece], scope: Scope) -> tuple[list[Draft], list[Piece]]:
    """Cards pairing numbered questions with their numbered answers, and the pieces left."""
    drafts: list[Draft] = []
    taken: set[int] = set()
    index = 0
    while index < len(pieces):
        questions = _numbered(pieces, index, quoted=False)
        if len(questions) < 2:
            index += max(1, len(questions))
            continue
        title = _title_after(pieces, questions[-1] + 1)
        answers = _numbered(pieces, title + 1, quoted=None) if title is not None else []
        if title is None or len(answers) != len(questions):
            index = questions[-1] + 1
            continue
        for asked, told in zip(questions, answers, strict=True):
            drafts.append(_card(pieces[asked], pieces[told], scope))
        taken.update(range(questions[0], answers[-1] + 1))
        index = answers[-1] + 1
    return drafts, [piece for at, piece in enumerate(pieces) if at not in taken]


def _numbered(pieces: list[Piece], start: int, quoted: bool | None) -> list[int]:
    """Indexes of the first paragraphs of one numbered list's items from `start` (none when the
    piece there opens no numbered list); `quoted` False keeps to text outside quotes."""
    if start >= len(pieces):
        return []
    first = pieces[start]
    if not _item(first) or (quoted is False and first.quote):
        return []
    found = []
    for at in range(start, len(pieces)):
        piece = pieces[at]
        if piece.group != first.group or piece.kind != "paragraph":
            break
        if _item(piece):
            found.append(at)
    return found


def _item(piece: Piece) -> bool:
    return piece.kind == "paragraph" and piece.ordered and piece.first and piece.depth == 1


def _title_after(pieces: list[Piece], start: int) -> int | None:
    """Index of the line naming the answer key right after the questions, if there is one."""
    if start >= len(pieces):
        return None
    piece = pieces[start]
    text = piece.inline.content if piece.inline is not None else ""
    return start if piece.kind in ("paragraph", "heading") and _KEY_TITLE.match(text) else None


def _card(question: Piece, answer: Piece, scope: Scope) -> Draft:
    asked = scope.markdown(question).strip()
    front = scope.standalone(asked, question.line, "")
    back = scope.markdown(answer).strip()
    return Draft(Origin.QUESTION, CardType.BASIC, normalise(asked), question.line, front, back)
