"""Find where inline tokens sit in a note's source lines, and apply text edits there.

The vault's tokens carry line maps only; columns are found by walking each inline token's
children in order along its source lines, so text inside code spans is never matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from markdown_it.token import Token

__all__ = ["Edit", "Located", "apply_edits", "locate_inline"]

# Characters that may stand between two inline tokens on a line: indentation, quote and
# list markers, table pipes.
_GAP = set(" \t>|-*+0123456789.)")


@dataclass(frozen=True)
class Edit:
    """Replace `line[start:end]` (0-based line index) with `text`."""

    line: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Located:
    """An inline child token and where its source text is: line index and columns."""

    token: Token
    line: int
    start: int
    end: int


def locate_inline(lines: list[str], tokens: list[Token]) -> Iterator[Located]:
    """Yield wikilinks, tags, highlight marks and html of every inline token with columns."""
    cursors: dict[int, int] = {}
    for token in tokens:
        if token.type != "inline" or not token.map or not token.children:
            continue
        line = token.map[0]
        for child in token.children:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
                continue
            if line >= len(lines):
                return
            found = _find(lines[line], child, cursors.get(line, 0))
            if found is None:
                continue
            start, end = found
            cursors[line] = end
            if child.type != "text" and child.type != "code_inline":
                yield Located(child, line, start, end)


def _find(text: str, child: Token, cursor: int) -> tuple[int, int] | None:
    """Columns of one child token's source text at or after `cursor`, or None."""
    if child.type == "text":
        return _find_text(text, child.content, cursor)
    if child.type == "code_inline":
        opened = text.find(child.markup, cursor)
        if opened < 0:
            return None
        closed = text.find(child.markup, opened + len(child.markup) + 1)
        return (opened, closed + len(child.markup)) if closed >= 0 else (opened, len(text))
    for raw in _spellings(child):
        start = text.find(raw, cursor)
        if start >= 0:
            return start, start + len(raw)
    return None


def _find_text(text: str, content: str, cursor: int) -> tuple[int, int] | None:
    """Plain text advances the cursor only when nothing but markers stands before it."""
    if not content:
        return None
    start = text.find(content, cursor)
    if start < 0 or not set(text[cursor:start]) <= _GAP:
        return None
    return start, start + len(content)


def _spellings(child: Token) -> list[str]:
    """How a token may be written in the source (table cells escape `|` as `\\|`)."""
    if child.type == "wikilink":
        raw = child.markup + child.content + "]]"
        return [raw, raw.replace("|", "\\|")] if "|" in raw else [raw]
    if child.type == "tag":
        return ["#" + child.content]
    if child.type in ("highlight_open", "highlight_close"):
        return ["=="]
    return [child.content] if child.content else []


def apply_edits(lines: list[str], edits: list[Edit]) -> list[str]:
    """New lines with every edit applied (edits of one line must not overlap).

    Edits apply right to left; at the same column a replacement goes before an insertion.
    """
    result = list(lines)
    for edit in sorted(edits, key=lambda e: (e.line, e.start, e.end), reverse=True):
        text = result[edit.line]
        result[edit.line] = text[: edit.start] + edit.text + text[edit.end :]
    return result


_LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]+")


def content_start(text: str) -> int:
    """Column where a block's text starts on its first line, after quote and list markers."""
    position = 0
    while True:
        while position < len(text) and text[position] in " \t>":
            position += 1
        marker = _LIST_MARKER.match(text, position)
        if not marker:
            return position
        position = marker.end()
