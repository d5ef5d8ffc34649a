"""markdown-it-py plugins for the Obsidian syntax notes use.

Each plugin adds one rule and leaves its findings in `token.meta`; the parser made by
`make_parser` is the single place where notes are tokenized.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.front_matter import front_matter_plugin

__all__ = ["make_parser", "parse_link_text"]

_TAG_CHARS = re.compile(r"[\w/\-]+")
_BLOCK_ID = re.compile(r"(?:^|\s)\^([A-Za-z0-9][A-Za-z0-9-]*)\s*$")


def make_parser() -> MarkdownIt:
    """The Markdown parser every part of quizgen uses to read a note."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    md.core.ruler.at("inline", _inline_with_lines)
    md.inline.ruler.before("link", "wikilink", _wikilink)
    md.inline.ruler.before("link", "tag", _tag)
    md.inline.ruler.before("emphasis", "highlight", _highlight)
    md.core.ruler.push("block_id", _block_id)
    return md


def parse_link_text(inner: str) -> dict[str, str | None]:
    """Split the inside of `[[...]]` into target, heading, block and label."""
    target, _, label = inner.partition("|")
    # Inside a table the pipe is written `\|`: the backslash belongs to the syntax.
    target = target.strip().removesuffix("\\").strip()
    heading = block = None
    if "#" in target:
        target, _, fragment = target.partition("#")
        fragment = fragment.strip()
        if fragment.startswith("^"):
            block = fragment[1:]
        else:
            # Obsidian allows nested headings, `note#Section#Subsection`: the last one counts.
            heading = fragment.split("#")[-1].strip() or None
    return {
        "target": target.strip(),
        "heading": heading,
        "block": block,
        "label": label.strip() if label else None,
    }


def _inline_with_lines(state: StateCore) -> None:
    """Parse inline content, telling inline rules which source line each block starts on."""
    for token in state.tokens:
        if token.type != "inline":
            continue
        state.env["block_line"] = token.map[0] if token.map else 0
        token.children = []
        state.md.inline.parse(token.content, state.md, state.env, token.children)


def _line_of(state: StateInline) -> int:
    """1-based source line of the inline rule's current position."""
    return int(state.env.get("block_line", 0)) + state.src.count("\n", 0, state.pos) + 1


def _wikilink(state: StateInline, silent: bool) -> bool:
    """`[[target#heading|label]]` and the embed form `![[...]]`."""
    start = state.pos
    embed = state.src.startswith("![[", start)
    opener = start + (3 if embed else 2)
    if not (embed or state.src.startswith("[[", start)):
        return False
    end = state.src.find("]]", opener)
    if end < 0:
        return False
    inner = state.src[opener:end]
    if not inner.strip() or "\n" in inner or "[" in inner:
        return False
    if not silent:
        token = state.push("wikilink", "", 0)
        token.content = inner
        token.markup = "![[" if embed else "[["
        token.meta = {"embed": embed, "line": _line_of(state), **parse_link_text(inner)}
    state.pos = end + 2
    return True


def _tag(state: StateInline, silent: bool) -> bool:
    """An inline `#tag`: after a space or line start, with at least one non-digit."""
    pos = state.pos
    if state.src[pos] != "#" or (pos > 0 and not state.src[pos - 1].isspace()):
        return False
    match = _TAG_CHARS.match(state.src, pos + 1)
    if not match or match.group().isdigit() or match.group().strip("/-_") == "":
        return False
    if not silent:
        token = state.push("tag", "", 0)
        token.content = match.group()
        token.meta = {"line": _line_of(state)}
    state.pos = match.end()
    return True


def _highlight(state: StateInline, silent: bool) -> bool:
    """`==highlighted text==` on one line, as Obsidian writes it."""
    start = state.pos
    if not state.src.startswith("==", start) or state.src.startswith("===", start):
        return False
    end = state.src.find("==", start + 2)
    inner = state.src[start + 2 : end] if end > 0 else ""
    if not inner.strip() or "\n" in inner or inner[0].isspace() or inner[-1].isspace():
        return False
    if not silent:
        state.push("highlight_open", "mark", 1).markup = "=="
        old_max = state.posMax
        state.pos, state.posMax = start + 2, end
        state.md.inline.tokenize(state)
        state.posMax = old_max
        state.push("highlight_close", "mark", -1).markup = "=="
    state.pos = end + 2
    return True


def _block_id(state: StateCore) -> None:
    """Mark a paragraph or list item ending in `^block-id` and drop the marker from its text."""
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "inline" or not token.children:
            continue
        last = token.children[-1]
        match = _BLOCK_ID.search(last.content) if last.type == "text" else None
        if not match:
            continue
        last.content = last.content[: match.start()].rstrip()
        whole = _BLOCK_ID.search(token.content)  # the raw line, read for labels, loses it too
        token.content = token.content[: whole.start()].rstrip() if whole else token.content
        opener = tokens[index - 1] if index else token
        opener.meta = {**(opener.meta or {}), "block_id": match.group(1)}
