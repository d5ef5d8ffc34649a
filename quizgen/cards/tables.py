"""Comparison and quota tables: one card per body row, keyed by its first cell."""

from __future__ import annotations

import re

from markdown_it.token import Token

from .blocks import Piece
from .draft import Draft
from .explicit import normalise
from .inline import markdown_of, plain_of
from .model import CardType, Origin
from .scope import Scope
from .words import MARKERS, echoes

__all__ = ["table_cards"]

# A row named like a point or a case of a worked example, and a cell that is only a value.
_CASE = re.compile(r"([A-Za-z]{0,2})(\d*)")  # `A`, `D1`, `x2`, `7`
_CASES = 3  # rows a table of cases has at least
_VALUE = re.compile(r"[-+−]?[\d.,]+%?|[A-Za-z]+|")
_MOST = 0.8  # share of rows or cells that makes a table a table of data
# Second-column headers that add nothing to a question ("Quota | Value").
_ADDRESS = re.compile(r"(?:https?://|www\.)\S*")
_PLAIN_HEADERS = {"", "value", "values", "comment", "comments", "description", "details", "notes"}
_PLAIN_HEADERS |= {"detail", "note", "explanation", "summary", "info", "remarks", "key point"}


_DOTTED = re.compile(r"\d+(?:\.\d+)+(?:/\d+)?")  # `10.54`, `10.0.0.0/16`: addresses, no names
_PLACEHOLDERS = {"-", "–", "—", "--", "n/a", "na", "tbd", "?", "..."}  # a cell left blank


def table_cards(piece: Piece, scope: Scope) -> list[Draft]:
    """Cards for a table's rows: the row key (and column names) ask, the other cells answer."""
    if len(piece.rows) < 2:
        return []
    header = [_plain(cell, scope) for cell in piece.rows[0][1]]
    if len(header) < 2:
        return []
    drafts = []
    rows = piece.rows[1:]
    keys = [_plain(cells[0], scope) if cells else "" for _, cells in rows]
    if _data(header, keys, [_plain(cell, scope) for _, cells in rows for cell in cells[1:]]):
        return []  # `D1 | Sunny | Hot | No`, `A-B | 1.41`: a worked example's data, no facts
    if len(set(keys)) < len(keys) and len(header) > 2:
        # The first column repeats (`Service | Quota | Value`): the first two cells are the key.
        header = [f"{header[0]} · {header[1]}", *header[2:]]
        rows = [(line, [_joined(cells[:2]), *cells[2:]]) for line, cells in rows]
    for line, cells in rows:
        draft = _row_card(header, line, cells, scope)
        if draft is not None:
            drafts.append(draft)
    return drafts


def _data(header: list[str], keys: list[str], cells: list[str]) -> bool:
    """True for a table of a worked example's data: a matrix whose columns are its rows
    (`| | A | B |` over rows `A`, `B`), or rows named like points or cases (`A`, `B`, `C`; `D1`,
    `D2`; `A-B`) whose other cells are numbers, formulas or single words."""
    if not keys or not cells:
        return False
    names = {key.strip().strip("*") for key in keys}
    if len(names) > 1 and names == {name.strip("*") for name in header[1:] if name}:
        return True
    if len(keys) >= _CASES and all(_DOTTED.fullmatch(key.strip("* `")) for key in keys):
        return True  # `10.54 | Europe | Prod`: an address plan's rows, a scenario's data
    plain = [cell for cell in cells if _VALUE.fullmatch(cell.strip()) or "$" in cell]
    return _named_as_cases(keys) and len(plain) >= _MOST * len(cells)


def _named_as_cases(keys: list[str]) -> bool:
    """`A`, `B`, `C` or `D1`, `D2`, `D3` (or pairs of them, `A-B`): rows that name the cases of
    an example, where `EC2`, `S3` or `A`, `MX` name things."""
    names = [part for key in keys for part in re.split(r"\s*[-–,]\s*", key.strip()) if part]
    parts = [_CASE.fullmatch(name) for name in names]
    paired = all(re.search(r"\w\s*[-–,]\s*\w", key) for key in keys)  # `A-B`: even one row
    if (len(keys) < _CASES and not paired) or not all(parts):
        return False
    letters = {part.group(1) for part in parts if part}
    numbered = all(part.group(2) for part in parts if part)
    return (numbered and len(letters) == 1) or all(len(name) == 1 for name in names)


def _row_card(header: list[str], line: int, cells: list[Token], scope: Scope) -> Draft | None:
    """One row as a card, or None when its key or every answer cell is empty."""
    key = _plain(cells[0], scope) if cells else ""
    answers = [_answer(cell, scope) for cell in cells[1:]]
    if not key.strip() or not any(answers):
        return None
    if any(answer.count("`") % 2 for answer in answers):
        return None  # `` `{permit `` | ...: a `|` inside code cut the cell, its rest is lost
    if all(_letters(answer) == _letters(key) for answer in answers if answer):
        return None  # `BC | B, C`: the answer only spells the key again
    if len(answers) == 1 and echoes(key, answers[0]):
        return None  # `Origin | specifies the origin`: nothing to recall
    shown = _shown_key(cells[0], scope) or key  # `eq <port-num>` stays code, no HTML tag
    front = f"{scope.where(line)} — {header[0]}: **{shown}**" if header[0] else f"**{shown}**"
    if len(header) == 2:
        back = answers[0]
        if header[1].casefold() not in _PLAIN_HEADERS:
            front += f" — {header[1]}?"
    else:
        names = header[1 : len(answers) + 1]
        front += f" ({', '.join(n for n, a in zip(names, answers, strict=False) if n and a)})"
        back = "\n".join(
            f"- **{name}**: {answer}" if name else f"- {answer}"
            for name, answer in zip(names, answers, strict=False)
            if answer
        )
    if not header[0]:
        front = f"{scope.where(line)} — {front}"
    question_key = normalise(f"{header[0]} {key}")
    return Draft(Origin.TABLE, CardType.BASIC, question_key, line, front, back)


def _shown_key(cell: Token, scope: Scope) -> str:
    """A key cell as the card shows it: code kept as code (`` `eq <port-num>` ``), other marks
    and emoji markers off."""
    children = cell.children or []
    if not any(child.type == "code_inline" for child in children):
        return ""
    return MARKERS.sub("", markdown_of(children, scope.link_text)).strip().strip("*")


def _letters(text: str) -> str:
    """A cell's letters and digits alone, to compare two cells."""
    return re.sub(r"[\W_]+", "", text).casefold()


def _plain(cell: Token, scope: Scope) -> str:
    """A header or key cell as plain words, emoji markers off: `✅ NACLs` -> `NACLs`."""
    return MARKERS.sub("", plain_of(cell.children or [], scope.link_text)).strip()


def _answer(cell: Token, scope: Scope) -> str:
    """A cell as an answer; '' for a cell holding only an address (a `Docs` column of links)."""
    text = markdown_of(cell.children or [], scope.link_text)
    shown = plain_of(cell.children or [], scope.link_text)
    empty = not shown.strip() or shown.strip().casefold() in _PLACEHOLDERS
    return "" if empty or _ADDRESS.fullmatch(shown.strip()) else text


def _joined(cells: list[Token]) -> Token:
    """Two cells as one inline token: `Step Functions · Express workflow duration`."""
    joined = Token("inline", "", 0)
    children = list(cells[0].children or [])
    for cell in cells[1:]:
        children += [Token("text", "", 0, content=" · "), *(cell.children or [])]
    joined.children = children
    return joined
