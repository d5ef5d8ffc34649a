"""Cards the user wrote on purpose: obsidian-spaced-repetition's syntax and Anki clozes.

Read line by line as the plugin reads them: a line holding `Q::A` (or `Q:::A`) is a card of its
own; a line holding only `?` (or `??`) makes the lines above it (since a blank line or the last
card) the question and the lines below it (up to a blank line or the next card) the answer;
`==highlight==` deletions and `{{c1::...}}` make a cloze of their paragraph. Lines are the
inline tokens of paragraphs, so separators inside code, link targets, tables and headings never
count; a card's lines may run over several paragraphs, list items and quotes with no blank line
between them (`Q?` above a `>` quote holding the choices and the `?`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it.token import Token

from ..cards.render import CLOZE
from .blocks import Piece, answer_below, with_points
from .draft import Draft, sentences
from .inline import LinkText, line_pieces, markdown_of, schedule_free
from .model import CardType, Origin
from .separators import find_split
from .settings import CardSettings

__all__ = ["Explicit", "answer_text", "explicit_cards", "normalise"]

_MARK = "\x00"
_CALLOUT = re.compile(r"^\s*\[![^\]]*\][+-]?\s*")
_LONG_CLOZE = 300  # characters: a longer highlighted paragraph is asked by its marked sentences
_CLOZE_NUMBER = re.compile(r"\{\{c(\d+)::")
_LOOK_AHEAD = 12  # pieces a question may run over before its `?` line (choices as a list)
DEFAULT = CardSettings()


@dataclass
class Explicit:
    """Explicit cards of one paragraph, the problems seen, and how much of it they claim."""

    drafts: list[Draft] = field(default_factory=list)
    problems: list[tuple[int, str, str]] = field(default_factory=list)  # line, code, message
    whole: bool = False  # Q::A or multi-line card: no automatic card from this paragraph
    cloze: bool = False  # a cloze was written: no quantity cloze from this paragraph
    used: int = 0  # pieces after this one that the cards took up


@dataclass
class _Line:
    """One source line of a paragraph: its number, inline tokens and paragraph."""

    number: int
    tokens: list[Token]
    piece: Piece
    lead: bool  # the first line of a list item


@dataclass
class _Walk:
    """The state of the line-by-line reading."""

    settings: CardSettings
    link_text: LinkText
    found: Explicit
    question: list[_Line] = field(default_factory=list)
    answer: list[_Line] = field(default_factory=list)
    kind: CardType | None = None  # set while a multi-line card is open
    marker: int = 0  # line of its `?`
    depth: int = 0  # list depth of the paragraph the reading started in


def normalise(text: str) -> str:
    """A question side reduced to its words, for ids that survive re-formatting."""
    text = CLOZE.sub("{{...}}", text)
    return " ".join(re.sub(r"[*_`~=>#\[\]()]", " ", text).casefold().split())


def explicit_cards(
    piece: Piece,
    following: list[Piece],
    link_text: LinkText,
    settings: CardSettings | None = DEFAULT,
) -> Explicit:
    """Explicit cards starting in a paragraph (or a list item's paragraph).

    `settings` None: the note holds no explicit cards (it lacks the tag the settings ask for).
    """
    found = Explicit()
    if settings is None or piece.inline is None:
        return found
    walk = _Walk(settings, link_text, found, depth=piece.depth)
    if _has_marker(piece.inline.content, settings) or _question_above(piece, following, settings):
        for line in _lines_of(piece):
            _read(walk, line)
        found.used = _continue(walk, piece, following)
        _close(walk)
    if found.drafts or found.problems:
        found.whole = True
        return found
    if "==" not in piece.inline.content and "{{" not in piece.inline.content:
        return found
    children = schedule_free(piece.children)
    if any(c.type == "highlight_open" for c in children) or _has_anki_cloze(children):
        _cloze(piece, children, link_text, found)
    return found


def _has_marker(content: str, settings: CardSettings) -> bool:
    """A quick look: could this paragraph's text hold a separator?"""
    if settings.separator in content or settings.reversed_separator in content:
        return True
    return settings.multiline_separator in content and bool(_multi_line_marker(settings, content))


def _multi_line_marker(settings: CardSettings, content: str) -> bool:
    """True when a line of the text holds only a multi-line card's separator."""
    return bool(
        _marker_line(settings.multiline_separator, settings.multiline_reversed_separator).search(
            content
        )
    )


@lru_cache(maxsize=16)
def _marker_line(basic: str, reverse: str) -> re.Pattern[str]:
    """A line holding only one of the multi-line separators."""
    options = "|".join(re.escape(s) for s in sorted({basic, reverse}, key=len, reverse=True))
    return re.compile(rf"(?m)^[ \t]*(?:{options})[ \t]*$")


def _question_above(piece: Piece, following: list[Piece], settings: CardSettings) -> bool:
    """True when a `?` line comes in the paragraphs right below, before any blank line."""
    end = piece.end
    for piece in following[:_LOOK_AHEAD]:
        if piece.kind != "paragraph" or piece.line != end + 1 or piece.inline is None:
            return False
        if _has_marker(piece.inline.content, settings):
            return True
        end = piece.end
    return False


def _lines_of(piece: Piece) -> list[_Line]:
    """A paragraph's source lines, without schedule comments or a callout's `[!type]` marker."""
    lines = []
    for offset, tokens in enumerate(line_pieces(schedule_free(piece.children))):
        if offset == 0 and piece.quote and tokens and tokens[0].type == "text":
            tokens = [tokens[0].copy(content=_CALLOUT.sub("", tokens[0].content)), *tokens[1:]]
        lead = offset == 0 and piece.first and piece.depth > 0
        lines.append(_Line(piece.line + offset, tokens, piece, lead))
    return lines


def _continue(walk: _Walk, piece: Piece, following: list[Piece]) -> int:
    """Read on into the paragraphs right below while a card is open; how many it takes."""
    used, end = 0, piece.end
    for below in following[:_LOOK_AHEAD]:
        if below.kind != "paragraph" or below.line != end + 1 or below.inline is None:
            break
        if walk.kind is None and not (walk.question and _question_in(walk, following, used)):
            break
        lines = _lines_of(below)
        if walk.kind is not None and any(_separator_line(walk, line) for line in lines):
            break  # the next card starts here: it is read on its own
        for line in lines:
            _read(walk, line)
        used, end = used + 1, below.end
    return used


def _question_in(walk: _Walk, following: list[Piece], start: int) -> bool:
    """True when the open question's `?` line comes before any one-line card below."""
    for below in following[start:_LOOK_AHEAD]:
        for line in _lines_of(below):
            if _one_line(walk, line) is not None:
                return False
            if _multi_kind(walk, line) is not None:
                return True
    return False


def _read(walk: _Walk, line: _Line) -> None:
    """One line of the plugin's reading: a one-line card, a `?` line, or a side's line."""
    if not line.tokens:
        return  # a schedule comment alone on its line
    split = _one_line(walk, line)
    if split is not None:
        _close(walk)
        _add_one_line(walk, line, *split)
        walk.question = []
        return
    kind = _multi_kind(walk, line)
    if kind is not None and walk.kind is None:
        walk.kind, walk.marker = kind, line.number
        return
    (walk.answer if walk.kind is not None else walk.question).append(line)


def _separator_line(walk: _Walk, line: _Line) -> bool:
    """True for a one-line card or a `?` line."""
    return _one_line(walk, line) is not None or _multi_kind(walk, line) is not None


def _multi_kind(walk: _Walk, line: _Line) -> CardType | None:
    """The card type a `?` (basic) or `??` (reverse) line opens, else None."""
    if len(line.tokens) != 1 or line.tokens[0].type != "text":
        return None
    text = line.tokens[0].content.strip()
    if text == walk.settings.multiline_reversed_separator:
        return CardType.REVERSE
    if text == walk.settings.multiline_separator:
        return CardType.BASIC
    return None


def _one_line(walk: _Walk, line: _Line) -> tuple[int, int, int, bool] | None:
    """Token index and span of a one-line card's separator on a line, and whether it reverses."""
    depth = 0
    last = len(line.tokens) - 1
    for index, child in enumerate(line.tokens):
        depth += child.nesting if child.type != "text" else 0
        if child.type != "text" or depth > 0:
            continue  # inside emphasis or a link: `*AWS::Region*` is a name, not a card
        basic, reverse = walk.settings.separator, walk.settings.reversed_separator
        split = find_split(child.content, index == 0, index == last, basic, reverse)
        if split is not None:
            return (index, *split)
    return None


def _add_one_line(walk: _Walk, line: _Line, index: int, start: int, end: int, rev: bool) -> None:
    """`question::answer` or `question:::answer` on one line."""
    child = line.tokens[index]
    marked = child.copy(content=child.content[:start] + _MARK + child.content[end:])
    tokens = [*line.tokens[:index], marked, *line.tokens[index + 1 :]]
    question, _, answer = markdown_of(tokens, walk.link_text).partition(_MARK)
    kind = CardType.REVERSE if rev else CardType.BASIC
    _add_basic(walk.found, line.number, kind, question.strip(), answer.strip())


def _close(walk: _Walk) -> None:
    """End the open multi-line card (at a blank line, a new card or the end of the text)."""
    if walk.kind is None:
        return
    question, answer = _side(walk, walk.question), _side(walk, walk.answer)
    line = walk.question[0].number if walk.question else walk.marker
    _add_basic(walk.found, line, walk.kind, question, answer)
    walk.question, walk.answer, walk.kind = [], [], None


def _side(walk: _Walk, lines: list[_Line]) -> str:
    """Markdown of a side's lines; the items of a list below the card's start as `- item`."""
    pieces = {id(line.piece) for line in lines}
    parts: list[str] = []
    for line in lines:
        text = markdown_of(line.tokens, walk.link_text)
        if not text:
            continue
        depth = line.piece.depth
        if line.lead and (depth > walk.depth or len(pieces) > 1):
            parts.append("  " * max(depth - walk.depth - 1, 0) + f"- {text}")
        else:
            parts.append(text)
    return "\n".join(parts).strip()


def _has_anki_cloze(children: list[Token]) -> bool:
    """True when a text token holds `{{c1::...}}`."""
    return any(c.type == "text" and CLOZE.search(c.content) for c in children)


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
    found.drafts += [
        Draft(Origin.EXPLICIT, CardType.CLOZE, normalise(run), piece.line, text=run)
        for run in _marked_sentences(text)
    ]


def _marked_sentences(text: str) -> list[str]:
    """A long paragraph as the runs of its sentences that hold a deletion, each a card: a
    learner reading ten lines to find one gap loses the point, and the rest asks nothing. A
    deletion running over a sentence's end keeps its sentences together."""
    if len(text) <= _LONG_CLOZE:
        return [text]
    runs: list[str] = []
    for part in sentences(text):
        if runs and runs[-1].count("{{") != runs[-1].count("}}"):
            runs[-1] = f"{runs[-1]} {part}"
        else:
            runs.append(part)
    return [_numbered(run) for run in runs if CLOZE.search(run)]


def _numbered(text: str) -> str:
    """Deletions numbered from 1 again, in the order they first appear (`c3`, `c3`, `c5` ->
    `c1`, `c1`, `c2`)."""
    order: dict[str, int] = {}
    for match in CLOZE.finditer(text):
        order.setdefault(match.group(1), len(order) + 1)
    return _CLOZE_NUMBER.sub(lambda m: f"{{{{c{order.get(m.group(1), m.group(1))}::", text)


def _add_basic(found: Explicit, line: int, kind: CardType, question: str, answer: str) -> None:
    """Keep a front/back card, or report the side that is empty."""
    if not question or not answer:
        side = "question" if not question else "answer"
        message = f"flashcard has an empty {side}; write text on both sides of the separator"
        found.problems.append((line, "empty-side", message))
        return
    found.drafts.append(Draft(Origin.EXPLICIT, kind, normalise(question), line, question, answer))


def _with_nested(part: Piece, taken: list[Piece], link_text: LinkText) -> str:
    """An answer's point with the short points nested right under it (`Cases: web servers,
    content management`), not when those have points of their own."""
    said = markdown_of(part.children, link_text)
    start = taken.index(part) + 1
    points: list[Piece] = []
    for below in taken[start:]:
        if below.depth <= part.depth:
            break
        if below.depth > part.depth + 1:
            return said
        points += [below] if below.first else []
    return with_points(said, [markdown_of(point.children, link_text) for point in points])


def answer_text(
    piece: Piece, following: list[Piece], link_text: LinkText, gap: int
) -> tuple[str, int]:
    """Markdown of the paragraph or list right below a piece, and how many pieces it takes."""
    parts, used = answer_below(piece, following, gap)
    texts = [_with_nested(part, following[:used], link_text) for part in parts]
    if len(parts) > 1 or (parts and parts[0].depth > piece.depth):
        return "\n".join(f"- {text}" for text in texts), used
    return (texts[0] if texts else ""), used
