"""Inline tokens back to short Markdown for card sides: the pieces extraction rules work on."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from markdown_it.token import Token

__all__ = ["LinkText", "line_pieces", "markdown_of", "plain_of", "schedule_free", "without_notes"]

# How a wiki-link reads on a card (its note's title, its label...): given the token's meta.
LinkText = Callable[[dict], str]

_SPACES = re.compile(r"[ \t]+")
# `[Control Plane Node](Control Plane Node.md)`, `[#Ruhr Conflict](#Ruhr Conflict)`: a link whose
# target has spaces, which Markdown leaves as text; a reader sees its words.
_SPACED_NOTE_LINK = re.compile(
    r"(?<!!)\[([^\]\n]+)\]\(<?(?![a-z][a-z0-9+.-]*:)([^()<>\n]* [^()<>\n]*)>?\)"
)
_NEEDS_OBJECT = {"on", "of", "with", "in", "for", "to", "by", "the", "a", "an", "and", "or", "as"}
_FOOTNOTE = re.compile(r"^\[\^[^\]\s]+\]:\s*|\[\^[^\]\s]+\]|\^\[[^\]]*\]")
# `needed land [1].`, `as he said.[2]`: a source's number (not `a[1]`, an index in code)
_CITED = re.compile(r"(?:(?<=[\w*)\"'”])\s|(?<=[.,;:!?)\"'”]))\\?\[\d{1,3}\\?\](?=[\s.,;:!?)]|$)")
# `==6 MB per ==request`: highlight marks that made no highlight (` == ` between spaces is kept).
_STRAY_HIGHLIGHT = re.compile(r"(?<![=!<>\s])==(?!=)|(?<![=!<>])==(?=[^\s=])")
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.IGNORECASE)  # `https:`, `mailto:`
# `<pool-name>`, `<key_id>`: a command's value to fill in, which Markdown reads as an HTML tag
# no browser knows (a hyphen or underscore in a tag's name makes it a custom element).
_PLACEHOLDER = re.compile(r"<[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+>")
_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_MARKS = {
    "strong_open": "**",
    "strong_close": "**",
    "em_open": "*",
    "em_close": "*",
}


def default_link_text(meta: dict) -> str:
    """A wiki-link's label, else its heading, else its target's file name."""
    target = str(meta.get("target") or "").rsplit("/", 1)[-1]
    return str(meta.get("label") or meta.get("heading") or target)


def schedule_free(children: Iterable[Token]) -> list[Token]:
    """Inline children without `<!--SR:...-->` schedule comments (any HTML comment), empty text."""
    return [
        child
        for child in children
        if not (child.type == "html_inline" and child.content.startswith("<!--"))
        and not (child.type == "text" and not child.content)
    ]


def markdown_of(
    children: list[Token], link_text: LinkText = default_link_text, cloze: bool = False
) -> str:
    """Markdown for inline tokens; `==x==` becomes `{{cN::x}}` when `cloze` is set."""
    parts: list[str] = []
    number = 0
    struck = 0  # inside `~~...~~`: the author struck it out, it is no longer a fact
    for index, child in enumerate(children):
        kind = child.type
        if kind in ("s_open", "s_close"):
            struck += 1 if kind == "s_open" else -1
            continue
        if struck > 0:
            continue
        if kind == "text":
            text = child.content
            parts.append(_STRAY_HIGHLIGHT.sub("", text) if "==" in text else text)
        elif kind == "code_inline":
            fence = "``" if "`" in child.content else "`"
            parts.append(f"{fence}{child.content}{fence}")
        elif kind in _MARKS:
            parts.append(_MARKS[kind])
        elif kind == "highlight_open":
            number += 1
            parts.append(f"{{{{c{number}::" if cloze else "")
        elif kind == "highlight_close":
            parts.append("}}" if cloze else "")
        elif kind == "wikilink" and not child.meta.get("embed"):
            parts.append(link_text(child.meta))
        elif kind == "link_open":
            parts.append("" if _local(str(child.attrGet("href") or "")) else "[")
        elif kind == "link_close":
            href = _href(children, child)
            parts.append("" if _local(href) else f"]({href})")
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif kind == "html_inline" and _LINE_BREAK.match(child.content):
            parts.append("; ")  # `objects<br>static sites` in a table cell: two points
        elif kind == "html_inline" and _PLACEHOLDER.fullmatch(child.content):
            parts.append(f"`{child.content}`")  # `ip nat pool <pool-name>`: a value to fill in
        elif kind == "tag" and _read_as_word(children, index):
            parts.append(child.content)
    return _tidy("".join(parts))


def plain_of(children: Iterable[Token], link_text: LinkText = default_link_text) -> str:
    """The words a reader sees: no emphasis marks, no link targets, code kept as text."""
    children = list(children)
    parts = []
    struck = 0
    for index, child in enumerate(children):
        if child.type in ("s_open", "s_close"):
            struck += 1 if child.type == "s_open" else -1
        elif struck > 0:
            continue
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "wikilink" and not child.meta.get("embed"):
            parts.append(link_text(child.meta))
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "html_inline" and _LINE_BREAK.match(child.content):
            parts.append("; ")
        elif _kept_as_word(children, index):
            parts.append(child.content)  # `<pool-name>`, `#Windows uses ...`
    return _tidy("".join(parts))


def _kept_as_word(children: list[Token], index: int) -> bool:
    """A command's placeholder, or a tag the sentence reads as one of its words."""
    child = children[index]
    if child.type == "html_inline":
        return bool(_PLACEHOLDER.fullmatch(child.content))
    return child.type == "tag" and _read_as_word(children, index)


def _read_as_word(children: list[Token], index: int) -> bool:
    """`#Windows uses Exchange`: a tag that the sentence goes on from is a word of it; one that
    ends the line (`... #AWSCommonTest`) or stands before a new sentence (`#AWSCommonTest ID
    Federation is ...`) files the note and is no part of it."""
    line = _same_line(children[:index])
    opens_line = not any(
        re.search(r"[A-Za-z]", child.content or "") and child.type != "tag" for child in line
    )
    before = line[-1].content.split() if line and line[-1].type == "text" else []
    if before and before[-1].casefold() in _NEEDS_OBJECT:
        return True  # `Focus on #Reconnaissance`: the sentence needs the tag as its word
    name = re.sub(r"[’']s$", "", before[-1].rstrip(",;:.")) if before else ""
    if len(before) > 1 and name[:1].isupper() and name.isalpha():
        return False  # `Started by John Calvin #person and ...`, `Loyola’s #person book`: it files
    for child in children[index + 1 :]:
        if child.type in ("softbreak", "hardbreak"):
            return False
        said = (child.content or "").lstrip()
        if child.type != "tag" and re.search(r"[A-Za-z]", said):
            return not (opens_line and said[:1].isupper())
    return False


def _same_line(before: list[Token]) -> list[Token]:
    """The tokens of `before` after its last line break."""
    breaks = [i for i, child in enumerate(before) if child.type in ("softbreak", "hardbreak")]
    return before[breaks[-1] + 1 :] if breaks else before


def line_pieces(children: list[Token]) -> list[list[Token]]:
    """Inline children split at line breaks: one list per source line."""
    lines: list[list[Token]] = [[]]
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            lines.append([])
        else:
            lines[-1].append(child)
    return lines


def _href(children: Iterable[Token], closing: Token) -> str:
    """The href of the link a `link_close` token ends."""
    opened = None
    for child in children:
        if child is closing:
            break
        if child.type == "link_open":
            opened = child
    return str(opened.attrGet("href") or "") if opened else ""


def _local(href: str) -> bool:
    """A link to a note or a heading of the vault (`CW.md`, `#Internet Gateway`): its words are
    what a card shows, as for a wiki-link; a web address stays a link."""
    return not _SCHEME.match(href)


def without_notes(text: str) -> str:
    """A heading's text without footnote marks: `Mechanism of Action [^1]`."""
    return _SPACES.sub(" ", _FOOTNOTE.sub("", text)).strip() if "^" in text else text


def _tidy(text: str) -> str:
    """One space between words, nothing around: no `;` left by a `<br>` at either end, no
    footnote mark (`stateful[^1]`, `[^1]: Stateful means ...`, `layers^[inline note]`)."""
    if "[^" in text or "^[" in text:
        text = _FOOTNOTE.sub("", text)
    if "]" in text:
        text = _CITED.sub("", text)  # `as they needed land [1]`: the source's number
    if "](" in text:
        text = _SPACED_NOTE_LINK.sub(r"\1", text)
    text = _SPACES.sub(" ", text).strip(" ;")
    if " ," in text and "$" not in text:
        text = text.replace(" ,", ",")  # `Zwingli #person, ...` with its tag left out
    return text.replace("** **", " ").replace("****", "")
