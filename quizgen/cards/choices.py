"""Practice questions: multiple choice with the answer marked, or no card at all.

A question (a paragraph or a heading) with options lettered A, B, C... on its next lines or in
the list right below it (`A. ...`, `A) ...`, `(A) ...`, `- [ ] ...`), answered by a line such as
`Answer: B` (`**Correct answer:** B, D`) in the question, an option, the paragraph below or a
`<details>` block, or by a marked
option (`- [x] B. ...`, a bold option, a ✅). The card asks the question with its options and
answers the marked ones. Without a marked answer it makes no card: guessing would teach the
wrong answer. The question, its options and its answer are then left to no other rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it.token import Token

from .blocks import Piece
from .draft import Draft
from .explicit import normalise
from .inline import LinkText, line_pieces, markdown_of, schedule_free
from .model import CardType, Origin
from .settings import CardSettings

__all__ = ["practice_questions"]

_LETTERED = re.compile(r"(?m)^[ \t]*(?:\[.\]\s*)?[*_]{0,2}\(?[A-Ha-h][.)]\s")
_OPTION = re.compile(
    r"^(?P<mark>\[[ xX]\]\s*)?(?P<bold>[*_]{2})?\(?(?P<letter>[A-Ha-h])[.):]\s+(?P<text>.+)$"
)
_TASK = re.compile(r"^\[(?P<x>[ xX])\]\s+(?P<text>.+)$")
_ANSWER = re.compile(
    r"^[*_>\s]*(?:the\s+)?(?:correct\s+|right\s+)?(?:answers?|ans|solution)\s*[*_]*\s*[:：=–—-]"
    r"\s*[*_]*\s*(?:option\s+)?\(?(?P<letters>[A-Ha-h](?:\)?\s*(?:,|and|&|/)\s*\(?[A-Ha-h])*)"
    r"(?=\)?[*_]*\s*(?:$|[.):,;–—-]|\s[A-Z(]))",
    re.IGNORECASE,
)
_CHECK = ("✅", "✔", "☑")
_LABEL = re.compile(r"^[*_]{0,2}(?:Q|Question)\s*\d+\s*[.:)]?[*_]{0,2}[.:)]?\s*", re.IGNORECASE)
_MAX_OPTIONS = 8
_TAG = re.compile(r"<[^>]*>")
_ASKS = re.compile(
    r"\?|^\W*(?:which|what|how|why|when|where|who)\b|\b(?:choose|select|pick)\b"
    r"|^[*_]{0,2}(?:Q|Question)\s*\d",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass
class _Option:
    letter: str  # "" for unlettered task options
    text: str
    marked: bool


@dataclass
class _Found:
    question: list[str]
    options: list[_Option]
    answer: str  # letters from an answer line
    used: list[int]  # piece indices taken


def practice_questions(
    pieces: list[Piece],
    link_text: LinkText,
    settings: CardSettings | None,
    tokens: Sequence[Token] = (),
) -> tuple[list[Draft], list[Piece]]:
    """Cards of the practice questions in a note's pieces, and the pieces left for other rules.

    `tokens` (the note's) give the text of HTML blocks, where an answer may hide in `<details>`.
    """
    drafts: list[Draft] = []
    taken: set[int] = set()
    html: dict[int, str] | None = None
    for index, piece in enumerate(pieces):
        if index in taken or not _may_ask(pieces, index):
            continue
        if html is None:
            html = {t.map[0] + 1: t.content for t in tokens if t.type == "html_block" and t.map}
        found = _question_at(pieces, index, link_text, settings, html)
        if found is None:
            continue
        taken.update(found.used)
        draft = _draft(found, piece.line)
        if draft is not None:
            drafts.append(draft)
    if not taken:
        return drafts, pieces
    return drafts, [piece for index, piece in enumerate(pieces) if index not in taken]


def _may_ask(pieces: list[Piece], index: int) -> bool:
    """A quick look: lettered options in this paragraph or the one right below (a heading may
    ask the question: `### Which service ...?` over `- [ ] ...` options)."""
    piece = pieces[index]
    if piece.kind not in ("paragraph", "heading") or piece.inline is None:
        return False
    if "\n" in piece.inline.content and _LETTERED.search(piece.inline.content.split("\n", 1)[1]):
        return True
    below = pieces[index + 1] if index + 1 < len(pieces) else None
    return bool(below and below.inline and below.depth > 0 and _option_start(below))


def _option_start(piece: Piece) -> bool:
    """True when a list item's paragraph opens like an option."""
    content = piece.inline.content if piece.inline else ""
    return piece.first and bool(_LETTERED.match(content) or _TASK.match(content))


def _lines(piece: Piece, link_text: LinkText) -> list[str]:
    """A paragraph's lines as card Markdown."""
    return [markdown_of(line, link_text) for line in line_pieces(schedule_free(piece.children))]


def _question_at(
    pieces: list[Piece],
    index: int,
    link_text: LinkText,
    settings: CardSettings | None,
    html: dict[int, str],
) -> _Found | None:
    """The practice question starting at a paragraph, with its options and answer."""
    lines = _lines(pieces[index], link_text)
    if settings and any(_is_separator(line, settings) for line in lines):
        return None  # a `?` card written on purpose: the explicit syntax reads it
    found = _Found([], [], "", [index])
    first = next((n for n, line in enumerate(lines[1:], 1) if _option(line)), None)
    if first is not None:
        found.question = lines[:first]
        _read_options(found, lines[first:])
    else:
        found.question = lines
        _options_below(found, pieces, index, link_text)
    letters = [option.letter.upper() for option in found.options if option.letter]
    if len(found.options) < 2 or (letters and letters != _abc(len(letters))):
        return None
    if not letters and not "".join(found.question).rstrip("*_ ").endswith("?"):
        return None  # a task list under a heading-like line, not a question
    if not found.answer:
        _answer_below(found, pieces, link_text, html)
    marked = found.answer or any(option.marked for option in found.options)
    if not marked and not _ASKS.search("\n".join(found.question)):
        return None  # lettered steps under a heading-like line, not a question: left to others
    return found


def _abc(count: int) -> list[str]:
    """The first letters of the alphabet: option letters in order."""
    return [chr(ord("A") + n) for n in range(count)]


def _is_separator(line: str, settings: CardSettings) -> bool:
    """True for a multi-line card's `?` line."""
    return line.strip() in (settings.multiline_separator, settings.multiline_reversed_separator)


def _option(line: str) -> _Option | None:
    """An option line: `A. text`, `(B) **text**`, `[x] C) text`, `[ ] text`, else None."""
    match = _OPTION.match(line.strip())
    if match:
        text = match["text"].strip()
        bold = bool(match["bold"]) and text.endswith(match["bold"])
        text = text.removesuffix(match["bold"] or "\0").strip() if bold else text
        if text.startswith("**") and text.endswith("**") and len(text) > 4:
            text, bold = text[2:-2].strip(), True
        marked = bold or (match["mark"] or "").lower().startswith("[x") or _checked(text)
        return _Option(match["letter"].upper(), _unchecked(text), marked)
    task = _TASK.match(line.strip())
    if task:
        return _Option("", _unchecked(task["text"].strip()), task["x"] != " ")
    return None


def _checked(text: str) -> bool:
    """True when an option carries a check mark."""
    return any(mark in text for mark in _CHECK)


def _unchecked(text: str) -> str:
    """Option text without the check marks that give the answer away."""
    for mark in _CHECK:
        text = text.replace(mark, "")
    return text.strip()


def _read_options(found: _Found, lines: list[str]) -> None:
    """Option lines, then an answer line, in one paragraph (or one list item)."""
    for line in lines:
        option = _option(line)
        answer = _ANSWER.match(line)
        if answer:
            found.answer = answer["letters"]
            return
        if option is None or len(found.options) >= _MAX_OPTIONS:
            return
        found.options.append(option)


def _options_below(found: _Found, pieces: list[Piece], index: int, link_text: LinkText) -> None:
    """Options in the list right below the question (its items' first paragraphs)."""
    question = pieces[index]
    end = question.end
    for offset, piece in enumerate(pieces[index + 1 : index + 1 + _MAX_OPTIONS], index + 1):
        if piece.kind != "paragraph" or piece.line > end + 2 or piece.depth <= question.depth:
            break
        if not _option_start(piece):
            break
        before = len(found.options)
        _read_options(found, _lines(piece, link_text))
        if len(found.options) == before:
            break
        found.used.append(offset)
        end = piece.end
        if found.answer:
            break


def _answer_below(
    found: _Found, pieces: list[Piece], link_text: LinkText, html: dict[int, str]
) -> None:
    """An answer line in the next paragraph, or in (or past) an HTML block such as `<details>`."""
    last = found.used[-1]
    end = pieces[last].end
    for offset, piece in enumerate(pieces[last + 1 : last + 4], last + 1):
        if piece.line > end + 3:
            return
        if piece.kind == "other":
            letters = _answer_in_html(html.get(piece.line, ""))
            if letters:
                found.answer = letters
                found.used.append(offset)
                return
            end = piece.end
            continue
        if piece.kind != "paragraph":
            return
        for line in _lines(piece, link_text)[:2]:
            answer = _ANSWER.match(line)
            if answer:
                found.answer = answer["letters"]
                found.used.append(offset)
                return
        return


def _answer_in_html(content: str) -> str:
    """The letters of an answer line inside an HTML block's text (each tag ends a line)."""
    for line in _TAG.sub("\n", content).split("\n"):
        answer = _ANSWER.match(line.strip())
        if answer:
            return answer["letters"]
    return ""


def _draft(found: _Found, line: int) -> Draft | None:
    """The card: the question with its options; the marked options as the answer."""
    letters = set(re.findall(r"[A-H]", found.answer.upper()))
    chosen = [o for o in found.options if (o.letter in letters if letters else o.marked)]
    if not chosen:
        return None
    question = "\n".join(found.question).strip()
    question = _LABEL.sub("", question).strip() or question
    if not question:
        return None
    options = "\n".join(f"- {_shown(option)}" for option in found.options)
    back = "\n".join(_shown(option) for option in chosen)
    front = f"{question}\n{options}"
    return Draft(Origin.QUESTION, CardType.BASIC, normalise(question), line, front, back)


def _shown(option: _Option) -> str:
    """An option as the card shows it: `B. text`."""
    return f"{option.letter}. {option.text}" if option.letter else option.text
