"""Cards the user wrote on purpose: obsidian-spaced-repetition's defaults and Anki clozes.

`Q::A`, `Q:::A` (both ways), a line holding only `?` or `??` between question and answer,
`==highlight==` deletions and `{{c1::...}}`. Only plain text tokens are searched, so `::` inside
code, URLs in links, ARNs, IPv6 addresses, `::=`, `[::-1]` and Dataview `key:: value` never split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it.token import Token

from ..cards.render import CLOZE
from .blocks import Piece, answer_below
from .draft import Draft
from .inline import LinkText, line_pieces, markdown_of, schedule_free
from .model import CardType, Origin

__all__ = ["Explicit", "answer_text", "explicit_cards", "normalise"]

_SEPARATOR = re.compile(r"(?<!:):{2,3}(?![:=])")
_IPV6ISH = re.compile(r"^[0-9A-Fa-f.%]*$")
_NOT_A_SIDE = set(":/[]()<>{}@\\")
_MARK = "\x00"
_MARKERS = ("::", "?", "==", "{{")
_NAMESPACE = re.compile(r"^[A-Z][A-Za-z0-9]*$")


@dataclass
class Explicit:
    """Explicit cards of one paragraph, the problems seen, and how much of it they claim."""

    drafts: list[Draft] = field(default_factory=list)
    problems: list[tuple[int, str, str]] = field(default_factory=list)  # line, code, message
    whole: bool = False  # Q::A or multi-line card: no automatic card from this paragraph
    cloze: bool = False  # a cloze was written: no quantity cloze from this paragraph
    used: int = 0  # pieces after this one that hold the answer


def normalise(text: str) -> str:
    """A question side reduced to its words, for ids that survive re-formatting."""
    text = CLOZE.sub("{{...}}", text)
    return " ".join(re.sub(r"[*_`~=>#\[\]()]", " ", text).casefold().split())


def explicit_cards(piece: Piece, following: list[Piece], link_text: LinkText) -> Explicit:
    """Explicit cards written in a paragraph (or a list item's paragraph)."""
    found = Explicit()
    content = piece.inline.content if piece.inline else ""
    if not any(mark in content for mark in _MARKERS):
        return found
    children = schedule_free(piece.children)
    lines = line_pieces(children)
    marker = next((i for i, line in enumerate(lines) if _alone(line) in ("?", "??")), None)
    if marker is not None:
        _multi_line(piece, following, lines, marker, link_text, found)
    elif any(c.type == "highlight_open" for c in children) or _has_anki_cloze(children):
        _cloze(piece, children, link_text, found)
    else:
        for offset, line in enumerate(lines):
            _single_line(piece.line + offset, line, link_text, found)
    return found


def _alone(line: list[Token]) -> str:
    """The text of a line made of one text token, else ''."""
    return line[0].content.strip() if len(line) == 1 and line[0].type == "text" else ""


def _has_anki_cloze(children: list[Token]) -> bool:
    """True when a text token holds `{{c1::...}}`."""
    return any(c.type == "text" and CLOZE.search(c.content) for c in children)


def _multi_line(
    piece: Piece,
    following: list[Piece],
    lines: list[list[Token]],
    marker: int,
    link_text: LinkText,
    found: Explicit,
) -> None:
    """Question lines, a `?` (or `??`) line, answer lines (or the next adjacent paragraph)."""
    question = "\n".join(markdown_of(line, link_text) for line in lines[:marker]).strip()
    answer = "\n".join(markdown_of(line, link_text) for line in lines[marker + 1 :]).strip()
    found.whole = True
    if not answer:
        answer, found.used = answer_text(piece, following, link_text, gap=0)
    kind = CardType.REVERSE if _alone(lines[marker]) == "??" else CardType.BASIC
    _add_basic(found, piece.line, kind, question, answer)


def _cloze(piece: Piece, children: list[Token], link_text: LinkText, found: Explicit) -> None:
    """A paragraph with `==deletions==` or Anki clozes becomes one cloze card."""
    text = markdown_of(children, link_text, cloze=True)
    found.cloze = True
    if not CLOZE.search(text):
        return
    if any(not match.group(2).strip() for match in CLOZE.finditer(text)):
        message = "cloze deletion is empty: put the hidden words between `{{c1::` and `}}`"
        found.problems.append((piece.line, "empty-cloze", message))
        return
    found.drafts.append(
        Draft(Origin.EXPLICIT, CardType.CLOZE, normalise(text), piece.line, text=text)
    )


def _single_line(line_no: int, line: list[Token], link_text: LinkText, found: Explicit) -> None:
    """`question::answer` or `question:::answer` on one line."""
    depth = 0
    for index, child in enumerate(line):
        depth += child.nesting if child.type != "text" else 0
        if child.type != "text" or depth > 0:
            continue  # inside emphasis or a link: `*AWS::Region*` is a name, not a card
        match = _separator(child.content, index == 0, index == len(line) - 1)
        if match is None:
            continue
        marked = child.copy(content=child.content[: match[0]] + _MARK + child.content[match[1] :])
        text = markdown_of([*line[:index], marked, *line[index + 1 :]], link_text)
        question, _, answer = text.partition(_MARK)
        kind = CardType.REVERSE if match[1] - match[0] == 3 else CardType.BASIC
        found.whole = True
        _add_basic(found, line_no, kind, question.strip(), answer.strip())
        return


def _separator(text: str, first: bool, last: bool) -> tuple[int, int] | None:
    """Where `::` or `:::` splits a card in this text, when it is a card separator at all.

    `first`/`last` say whether the text starts/ends its line (else markup such as `**` touches it).
    """
    for match in _SEPARATOR.finditer(text):
        start, end = match.span()
        if first and not text[:start].strip():
            continue  # nothing before it on the line: `::1`, `::: note`
        before = text[start - 1].isspace() if start else first
        after = text[end].isspace() if end < len(text) else last
        if before != after:
            continue  # `key:: value` (Dataview), `see ::1`, `std:: x`
        if before or _plain_runs(text, start, end):
            return start, end
    return None


def _plain_runs(text: str, start: int, end: int) -> bool:
    """For `a::b` written without spaces: the words around are words, not an address or code."""
    left_words, right_words = text[:start].split(), text[end:].split()
    left = left_words[-1] if left_words else ""
    right = right_words[0] if right_words else ""
    if _NOT_A_SIDE & set(left + right):
        return False
    if _NAMESPACE.match(left) and _NAMESPACE.match(right):
        # `AWS::AccountId`, `AWS::Region is ...`: a qualified name, not `What is SQS::A queue`
        internal = re.search(r"[A-Z0-9]", right[1:])
        return not (internal or (len(right) > 2 and text[end + len(right) :].strip()))
    return not (left and right and _IPV6ISH.match(left) and _IPV6ISH.match(right))


def _add_basic(found: Explicit, line: int, kind: CardType, question: str, answer: str) -> None:
    """Keep a front/back card, or report the side that is empty."""
    if not question or not answer:
        side = "question" if not question else "answer"
        message = f"flashcard has an empty {side}; write text on both sides of the separator"
        found.problems.append((line, "empty-side", message))
        return
    found.drafts.append(Draft(Origin.EXPLICIT, kind, normalise(question), line, question, answer))


def answer_text(
    piece: Piece, following: list[Piece], link_text: LinkText, gap: int
) -> tuple[str, int]:
    """Markdown of the paragraph or list right below a piece, and how many pieces it takes."""
    parts, used = answer_below(piece, following, gap)
    texts = [markdown_of(part.children, link_text) for part in parts]
    if len(parts) > 1 or (parts and parts[0].depth > piece.depth):
        return "\n".join(f"- {text}" for text in texts), used
    return (texts[0] if texts else ""), used
