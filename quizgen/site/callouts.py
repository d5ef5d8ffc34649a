"""Obsidian callouts (`> [!tip]- Title`) as Material admonitions (`??? tip "Title"`)."""

from __future__ import annotations

import re

from markdown_it.token import Token

__all__ = ["ADMONITION_TYPES", "convert_callouts"]

# Types Material styles; Obsidian's names are the same set.
_NAMES = (
    "note abstract summary tldr info todo tip hint important success check done question help "
    "faq warning caution attention failure fail missing danger error bug example quote cite"
)
ADMONITION_TYPES = frozenset(_NAMES.split())
_CALLOUT = re.compile(r"^([ \t]*)>[ \t]?\[!([^\]\s]+)\]([-+]?)[ \t]*(.*)$")
_QUOTE_PREFIX = re.compile(r"^[ \t]*>[ \t]?")


def convert_callouts(lines: list[str], tokens: list[Token], first: int, last: int) -> list[str]:
    """Turn every callout whose quote starts within lines [first, last) into an admonition."""
    result = list(lines)
    for token in tokens:
        if token.type != "blockquote_open" or not token.map:
            continue
        start, end = token.map
        if first <= start < last:
            _convert(result, start, min(end, last))
    return result


def _convert(lines: list[str], start: int, end: int) -> None:
    """Rewrite one quote in place when its first line is a callout header."""
    header = _CALLOUT.match(lines[start].split("\n", 1)[0])
    if not header:
        return
    indent, kind, fold, title = header.groups()
    rest = lines[start].split("\n")[1:]
    lines[start] = "\n".join([indent + admonition_header(kind, fold, title)] + rest)
    if rest:
        lines[start] = _body(lines[start], indent, skip_first=True)
    for index in range(start + 1, end):
        lines[index] = _body(lines[index], indent)


def admonition_header(kind: str, fold: str, title: str) -> str:
    """`!!! tip "Title"` (or `???`/`???+` when foldable); unknown types become notes."""
    marker = {"-": "???", "+": "???+"}.get(fold, "!!!")
    name = kind.casefold()
    if name not in ADMONITION_TYPES:
        title = title or kind.capitalize()
        name = "note"
    title = title.strip().replace('"', "&quot;")
    return f'{marker} {name} "{title}"' if title else f"{marker} {name}"


def _body(text: str, indent: str, skip_first: bool = False) -> str:
    """Body lines of a callout: drop one `>` level, indent four spaces under the header."""
    parts = text.split("\n")
    out = parts[:1] if skip_first else []
    for part in parts[1:] if skip_first else parts:
        inner = _QUOTE_PREFIX.sub("", part, count=1) if _QUOTE_PREFIX.match(part) else part.strip()
        out.append(f"{indent}    {inner}" if inner.strip() else "")
    return "\n".join(out)
