"""Read one note: decode, split front matter, tokenize once, collect what the vault needs."""

from __future__ import annotations

import re
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from .comments import without_comments
from .conflicts import without_conflict_markers
from .diagnostics import Diagnostic, Severity
from .markdown_links import markdown_links
from .note import Block, Heading, Note, WikiLink
from .slugs import anchor_for, unique_anchor

__all__ = ["MAX_NESTING", "MAX_NOTE_BYTES", "decode_note", "load_note", "too_deep"]

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Past this size a note is kept as plain text: parsing 20 MB took 35 s and 1 GB of memory, and
# no hand-written note comes near it (a pasted log or a web clipping does).
MAX_NOTE_BYTES = 1_000_000
# Lists and quotes nested deeper than this are shown as plain text: Python-Markdown's time
# grows with the square of the depth and it fails past ~250 levels (no real note comes near 50).
MAX_NESTING = 50
_DEEP_PREFIX = re.compile(rf"^[ \t>]{{{MAX_NESTING},}}", re.MULTILINE)
_ITEM = re.compile(r"((?:[ \t]*>)*)([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def load_note(path: str, raw: bytes, parser: MarkdownIt) -> tuple[Note, list[Diagnostic]]:
    """Parse one note from its bytes; problems come back as diagnostics, never exceptions."""
    source, problems = decode_note(path, raw)
    if len(raw) > MAX_NOTE_BYTES:
        return _plain_note(path, source, len(raw)), problems + [_size_problem(path, len(raw))]
    source = without_comments(source)  # `%%...%%`: hidden in Obsidian, so on no page or card
    source, conflict = without_conflict_markers(source)
    if conflict is not None:
        message = "Git conflict markers from a failed merge; both sides are kept, markers left out"
        problems = problems + [Diagnostic(path, conflict, "merge-conflict", message)]
    tokens = parser.parse(source, {})
    front_matter, yaml_problems = _front_matter(path, tokens)
    headings = _headings(tokens, source)
    note = Note(
        path=path,
        source=source,
        title=_title(front_matter, headings, path, _h1_after_a_list(tokens)),
        front_matter=front_matter,
        aliases=_string_list(front_matter.get("aliases", front_matter.get("alias"))),
        tags=_tags(front_matter, tokens),
        headings=headings,
        blocks=_blocks(tokens),
        links=_links(tokens),
        tokens=tokens,
        has_h1=any(h.level == 1 for h in headings),
    )
    deep = too_deep(source)
    if deep is not None:
        note.unrenderable = f"lists or quotes nested more than {MAX_NESTING} levels deep"
        message = f"{note.unrenderable} from this line on; the site shows the note as plain text"
        problems.append(Diagnostic(path, deep, "too-deep", message))
    return note, problems + yaml_problems


def _plain_note(path: str, source: str, size: int) -> Note:
    """A note too big to parse: its text only, titled by its file name."""
    name = path.rsplit("/", 1)[-1].removesuffix(".md")
    reason = f"the note is {size / 1e6:.1f} MB, past the {MAX_NOTE_BYTES / 1e6:g} MB limit"
    return Note(path=path, source=source, title=name, unrenderable=reason)


def _size_problem(path: str, size: int) -> Diagnostic:
    """The diagnostic for a note past the size limit."""
    message = (
        f"the note is {size / 1e6:.1f} MB, past the {MAX_NOTE_BYTES / 1e6:g} MB limit; "
        "it is not parsed (no links, tags or cards) and the site shows it as plain text"
    )
    return Diagnostic(path, 1, "too-large", message)


def too_deep(source: str) -> int | None:
    """The first line (1-based) where lists and quotes nest deeper than MAX_NESTING, else None.

    The parser's tokens stop at 20 levels of nesting, so the depth is read from the lines:
    quote markers plus the list items whose indentation is still open above the line.
    """
    if not _DEEP_PREFIX.search(source):
        return None  # each level needs one more character of indentation or one more `>`
    open_items: list[int] = []
    for number, line in enumerate(source.splitlines(), 1):
        item = _ITEM.match(line)
        quotes = line.count(">", 0, len(line) - len(line.lstrip(" \t>")))
        if item:
            column = len(item.group(2).expandtabs(4))
            while open_items and open_items[-1] >= column:
                open_items.pop()
            open_items.append(column)
        elif line[:1].strip():
            open_items.clear()  # text at the margin ends every list
        if quotes + len(open_items) > MAX_NESTING:
            return number
    return None


def decode_note(path: str, raw: bytes) -> tuple[str, list[Diagnostic]]:
    """UTF-8 text of a note; bad bytes become U+FFFD and are reported at their line."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        message = (
            f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x}); "
            "unreadable bytes are shown as \ufffd, save the file as UTF-8 to fix it"
        )
        problem = Diagnostic(path, line, "not-utf8", message, Severity.ERROR)
        return raw.decode("utf-8", errors="replace"), [problem]


def _front_matter(path: str, tokens: list[Token]) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The YAML mapping at the top of the note, or {} with a diagnostic saying why not."""
    if not tokens or tokens[0].type != "front_matter":
        return {}, []
    try:
        data = yaml.load(tokens[0].content, Loader=_YAML_LOADER)
    except yaml.YAMLError as error:
        # The context mark points at the construct left open (an unclosed `[`), which is
        # where the user has to look; the problem mark is where the parser gave up.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = (mark.line + 2) if mark else 1
        reason = getattr(error, "problem", None) or "it cannot be parsed"
        message = f"front matter is not valid YAML ({reason}); it is ignored, the note is kept"
        return {}, [Diagnostic(path, line, "bad-front-matter", message, Severity.ERROR)]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        message = "front matter should be a set of `key: value` lines; it is ignored"
        return {}, [Diagnostic(path, 1, "bad-front-matter", message, Severity.ERROR)]
    return {str(key): value for key, value in data.items()}, []


def _string_list(value: Any) -> list[str]:
    """A front-matter field that may be a list, a comma-separated string or missing."""
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).split(",")
    return [str(item).strip() for item in items if item is not None and str(item).strip()]


def _tags(front_matter: dict[str, Any], tokens: list[Token]) -> list[str]:
    """Front-matter tags then inline `#tags`, without `#`, first spelling kept, no repeats."""
    raw = front_matter.get("tags", front_matter.get("tag"))
    if isinstance(raw, str):
        raw = raw.replace(",", " ").split()
    found = [tag.lstrip("#") for tag in _string_list(raw)]
    found += [child.content for child in _children(tokens) if child.type == "tag"]
    seen: dict[str, str] = {}
    for tag in found:
        seen.setdefault(tag.casefold(), tag)
    return [tag for tag in seen.values() if tag]


def _children(tokens: list[Token]):
    """Every inline token of the note, in order."""
    for token in tokens:
        if token.type == "inline" and token.children:
            yield from token.children


def inline_text(token: Token) -> str:
    """The plain text a reader sees in an inline token (link labels, code, no markup)."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "wikilink":
            meta = child.meta
            parts.append(meta["label"] or meta["heading"] or meta["target"])
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def _headings(tokens: list[Token], source: str) -> list[Heading]:
    """Headings with MkDocs anchors; each section ends where a same-or-higher heading starts."""
    found: list[tuple[int, str, int]] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.map:
            text = inline_text(tokens[index + 1])
            found.append((int(token.tag[1]), text, token.map[0] + 1))
    taken: set[str] = set()
    last_line = len(source.splitlines())
    headings = []
    for position, (level, text, line) in enumerate(found):
        following = (other for lvl, _, other in found[position + 1 :] if lvl <= level)
        end = next(following, last_line + 1) - 1
        headings.append(Heading(level, text, unique_anchor(anchor_for(text), taken), line, end))
    return headings


def _blocks(tokens: list[Token]) -> dict[str, Block]:
    """Blocks named with `^id`, keyed by id."""
    blocks = {}
    for token in tokens:
        block_id = (token.meta or {}).get("block_id")
        if block_id and token.map:
            blocks[block_id] = Block(block_id, token.map[0] + 1, token.map[1])
    return blocks


def _links(tokens: list[Token]) -> list[WikiLink]:
    """Every wiki-link and embed, then every Markdown link to a vault file (never in code)."""
    wiki = [WikiLink.from_token(child) for child in _children(tokens) if child.type == "wikilink"]
    return wiki + markdown_links(tokens)


# An H1 that names a part of any note, not the note: `# Management` in `Atrial Fibrillation.md`.
_SECTION_WORDS = {"management", "overview", "introduction", "summary", "notes", "definition"}
_SECTION_WORDS |= {"definitions", "assessment", "treatment", "diagnosis", "investigations"}
_SECTION_WORDS |= {"presentation", "background", "contents", "table of contents", "key points"}


def _title(
    front_matter: dict[str, Any], headings: list[Heading], path: str, late: bool = False
) -> str:
    """Front-matter title, else the H1 when there is one, else the file name.

    A note with several H1s (`# Assessment`, `# Management`), whose H1 comes after a list
    (`late`) or names a part of any note (`# Management`), uses them as sections: its title is
    its file name (`Infective Endocarditis`)."""
    title = front_matter.get("title")
    if title not in (None, ""):
        return str(title)
    tops = [h.text for h in headings if h.level == 1 and h.text]
    if len(tops) == 1 and not late and tops[0].strip(" :").casefold() not in _SECTION_WORDS:
        return tops[0]
    return path.rsplit("/", 1)[-1].removesuffix(".md")


def _h1_after_a_list(tokens: list[Token]) -> bool:
    """True when a list or a table comes before the note's first H1: the H1 heads a part."""
    for token in tokens:
        if token.type == "heading_open" and token.tag == "h1":
            return False
        if token.level == 0 and token.type in (
            "bullet_list_open",
            "ordered_list_open",
            "table_open",
        ):
            return True
    return False
