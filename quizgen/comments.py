"""Obsidian comments: `%%...%%` text is hidden in Obsidian, so no page or card shows it.

A comment may sit inside a line (`fact %%check this%%`) or span lines; one left open runs to
the end of the note, as in Obsidian. `%%` inside code (a fenced block or an inline code span) is
code, not a comment. The text goes, its line breaks stay, so every line number still points at
the same line of the file.
"""

from __future__ import annotations

import re

__all__ = ["without_comments"]

_CODE_OR_COMMENT = re.compile(
    r"(?P<fence>^[ \t]*(?P<mark>`{3,}|~{3,}).*?(?:^[ \t]*(?P=mark)[ \t]*$|\Z))"
    r"|(?P<code>(?P<ticks>`+)[^`\n][^\n]*?(?P=ticks))"
    r"|(?P<comment>%%.*?(?:%%|\Z))",
    re.MULTILINE | re.DOTALL,
)


def without_comments(source: str) -> str:
    """The note's text with its comments taken out (their line breaks kept)."""
    if "%%" not in source:
        return source
    return _CODE_OR_COMMENT.sub(_kept, source)


def _kept(match: re.Match[str]) -> str:
    comment = match.group("comment")
    return match.group() if comment is None else "\n" * comment.count("\n")
