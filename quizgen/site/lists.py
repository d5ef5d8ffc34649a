"""Obsidian list indentation made readable by Python-Markdown.

Obsidian (CommonMark) nests a list item under its parent when it is indented as far as the
parent's text, often 2 spaces or a tab; Python-Markdown needs 4 spaces per level and a blank
line before a list that follows a paragraph. The vault's markdown-it tokens say which lines
belong to which list item, so each item's lines are re-indented to 4 spaces per level (code
blocks inside an item move with it; nothing outside lists is touched).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token

from .edits import Edit

__all__ = ["list_edits"]

_MARKER = re.compile(r"([-*+]|\d{1,9}[.)])([ \t]*)")
_QUOTE = re.compile(r"[ \t]*>[ \t]?")


@dataclass(frozen=True)
class _Item:
    """A list item: its lines, quote depth, nesting level (1 = top) and source columns."""

    start: int
    end: int
    quotes: int
    level: int
    marker: int
    content: int


def list_edits(lines: list[str], tokens: list[Token], first: int, last: int) -> list[Edit]:
    """Edits re-indenting the list items within lines [first, last) to 4 spaces per level.

    `tokens` are all the note's tokens (closing ones included); levels count from `first`.
    """
    owner: dict[int, _Item] = {}
    edits: list[Edit] = []
    for item in _items(lines, tokens, first, last, edits):
        for index in range(max(item.start, first), min(item.end, last, len(lines))):
            owner[index] = item  # later items are nested deeper: the innermost one wins
    for index, item in owner.items():
        edit = _reindent(lines[index], index, item)
        if edit is not None:
            edits.append(edit)
    return edits


def _items(lines, tokens: list[Token], first: int, last: int, edits: list[Edit]) -> list[_Item]:
    """The list items to re-indent; adds a blank line before lists that follow a paragraph."""
    items: list[_Item] = []
    stack: list[tuple[str, int]] = []  # open containers: ("quote" | "item" | "", first line)
    previous = ""
    for token in tokens:
        if token.nesting == -1 and stack:
            stack.pop()
        elif token.nesting == 1:
            line = token.map[0] if token.map else -1
            if token.type == "list_item_open" and first <= line < last and _plain(stack):
                item = _item(lines, line, token.map or [], stack, first)
                if item is not None:
                    items.append(item)
            is_list = token.type in ("bullet_list_open", "ordered_list_open")
            top = not any(kind == "item" for kind, _ in stack)
            if is_list and top and previous == "paragraph_close" and first < line < last:
                edits.append(_blank_line_before(lines, line, _count(stack, "quote")))
            kind = {"blockquote_open": "quote", "list_item_open": "item"}.get(token.type, "")
            stack.append((kind, line))
        previous = token.type
    return items


def _count(stack: list[tuple[str, int]], kind: str, since: int = -1) -> int:
    """How many open containers of this kind (starting at line `since` or later)."""
    return sum(1 for name, line in stack if name == kind and line >= since)


def _plain(stack: list[tuple[str, int]]) -> bool:
    """True when no quote sits inside a list item around this point (those are left alone)."""
    kinds = [kind for kind, _ in stack if kind]
    return "quote" not in kinds[kinds.index("item") :] if "item" in kinds else True


def _item(lines: list[str], line: int, span: list[int], stack, first: int) -> _Item | None:
    """A list item with the columns of its marker and text on its first line."""
    quotes = _count(stack, "quote")
    text = _inside(lines[line], quotes)
    if text is None:
        return None
    text = _detab(text)
    indent = len(text) - len(text.lstrip(" "))
    marker = _MARKER.match(text, indent)
    if marker is None:
        return None  # the item starts on its parent's line (`- - x`): leave it as written
    gap = len(marker.group(2))
    gap = 1 if gap == 0 or gap > 4 or marker.end() == len(text) else gap
    content = indent + len(marker.group(1)) + gap
    level = _count(stack, "item", first) + 1
    return _Item(line, span[1], quotes, level, indent, content)


def _reindent(line: str, index: int, item: _Item) -> Edit | None:
    """The edit moving one line of an item to Python-Markdown's columns for its level."""
    prefix = _prefix(line, item.quotes)
    if prefix is None:
        return None
    rest = line[len(prefix) :]
    if not rest.strip():
        return None
    spaces = len(rest) - len(rest.lstrip(" \t"))
    indent = len(rest[:spaces].expandtabs(4))
    if index == item.start:
        wanted = 4 * (item.level - 1) + max(0, indent - item.marker)
    else:
        wanted = 4 * item.level + max(0, indent - item.content)
    if rest[:spaces] == " " * wanted:
        return None
    return Edit(index, len(prefix), len(prefix) + spaces, " " * wanted)


def _blank_line_before(lines: list[str], index: int, quotes: int) -> Edit:
    """A blank line (inside the same quotes) before a list that follows a paragraph."""
    prefix = _prefix(lines[index], quotes) or ""
    return Edit(index, 0, 0, prefix.rstrip() + "\n")


def _prefix(line: str, quotes: int) -> str | None:
    """The `>` markers of `quotes` nested quotes at the start of a line, or None if missing."""
    position = 0
    for _ in range(quotes):
        found = _QUOTE.match(line, position)
        if found is None:
            return None
        position = found.end()
    return line[:position]


def _inside(line: str, quotes: int) -> str | None:
    """The line without its quote markers."""
    prefix = _prefix(line, quotes)
    return None if prefix is None else line[len(prefix) :]


def _detab(text: str) -> str:
    """Leading tabs as spaces to the next multiple of 4 columns, as CommonMark counts them."""
    body = text.lstrip(" \t")
    return text[: len(text) - len(body)].expandtabs(4) + body
