"""A note's tokens as a flat list of pieces (paragraphs, headings, tables) with their setting."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..syntax import make_parser
from .words import INSTANCE_LEADS, LABELS, chatty, cut_off

__all__ = ["Piece", "answer_below", "pieces_of", "with_points"]

_OTHER = {"fence", "code_block", "html_block", "hr", "math_block"}
# An indented block whose every line starts with a bullet (`•`, `◦`, `▪`): a pasted list, not code.
_BULLETED = re.compile(r"(?:[ \t]*[•◦▪‣·][ \t]*\S[^\n]*\n?|[ \t]*\n)+")


@dataclass
class Piece:
    """One block a rule can look at; `depth` > 0 inside lists, `first` for an item's lead."""

    kind: str  # paragraph | heading | table | other
    line: int  # 1-based first line
    end: int  # 1-based last line
    inline: Token | None = None
    level: int = 0  # heading level
    depth: int = 0  # list nesting
    first: bool = False  # first paragraph of its list item
    ordered: bool = False
    quote: bool = False
    item: int = 0  # serial number of the list item it is in (0: none)
    group: int = 0  # serial number of the list it is in (0: none)
    parent: str = ""  # for a nested list item: the lead text of the item it is nested in
    intro: str = ""  # for a list item: the short paragraph ending in `:` that led into the list
    rows: list[tuple[int, list[Token]]] = field(default_factory=list)  # table: (line, cells)
    skip: int = 0  # leading children that are not text: a callout's `[!tip] Title` line
    cut: int = 0  # trailing children that are not the item's: a label glued to it by Markdown
    until: int = 0  # a heading inside a quote (a callout's): the last line of that quote
    code: str = ""  # a fenced code block's text (kind `other`)
    lang: str = ""  # and its language: `sh`, `yaml`

    @property
    def about(self) -> str:
        """What the piece's words are about beyond its heading: the item it is nested in, or
        the line that led into its list (`Steps:`, `Cluster placement groups`)."""
        return self.parent or (self.intro if self.depth == 1 and self.first else "")

    @property
    def children(self) -> list[Token]:
        """The inline children of a paragraph or heading."""
        children = list(self.inline.children or []) if self.inline else []
        children = children[self.skip : len(children) - self.cut]
        if self.depth and children and children[0].type == "text":
            marker = _LIST_CALLOUT.match(children[0].content)
            if marker:  # `- & Compile like ...`: the List Callouts plugin's colour, no text
                children[0] = children[0].copy(content=children[0].content[marker.end() :])
        return children


@dataclass
class _Walk:
    lists: list[tuple[bool, int]] = field(default_factory=list)  # (ordered?, serial) per list
    items: list[list] = field(default_factory=list)  # [serial, paragraphs seen, lead text]
    quotes: int = 0
    serial: int = 0
    closed: str = ""  # lead of the list item that closed last
    quoted: str = ""  # `1. Synchronous` then `> lines`: the item the quote belongs to
    numbered: tuple[int, int] | None = None  # last numbered list at the top: (serial, next number)
    fresh_quote: bool = False  # the next paragraph opens a quote: it may be a callout's title
    quote_end: int = 0  # the last line of the outermost quote the walk is in
    intro: str = ""  # `Requesting a certificate:`, a paragraph that may lead into a list
    list_intro: str = ""  # the paragraph that led into the list the walk is in
    # `- Multi-AZ:` with nothing nested, then `- Failover ...` beside it: the items after a
    # hanging label are about it (by list depth), as the writer meant them to be nested
    hanging: dict[int, str] = field(default_factory=dict)


def pieces_of(tokens: list[Token]) -> list[Piece]:
    """Walk block tokens once, keeping what each paragraph sits in."""
    pieces: list[Piece] = []
    walk = _Walk()
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "table_open":
            index = _table(tokens, index, pieces)
            continue
        _open_or_close(token, walk)
        rows, taken = _tab_rows(tokens, index) if token.type == "paragraph_open" else ([], 0)
        if rows and not walk.lists and not walk.quotes:
            pieces += _pasted_table(rows)
            index += taken
            continue
        if token.type in ("paragraph_open", "heading_open"):
            pieces.append(_text_piece(token, tokens[index + 1], walk))
            index += 2
            continue
        if token.type == "code_block" and token.map and _BULLETED.fullmatch(token.content):
            pieces += _pasted_list(token.content, token.map[0])
        elif token.type == "fence" and token.map:
            where = token.map[0] + 1, token.map[1]
            pieces.append(Piece("other", *where, code=token.content, lang=token.info.strip()))
        elif token.type in _OTHER and token.map:
            pieces.append(Piece("other", token.map[0] + 1, token.map[1]))
        index += 1
    return pieces


def _tab_rows(tokens: list[Token], index: int) -> tuple[list[tuple[int, str]], int]:
    """`Challenge<TAB>Solution`, then rows the same: the lines of a table pasted from a chat
    window, cells split by tabs, with their line numbers, and the tokens they take up; nothing
    for other paragraphs."""
    found: list[tuple[int, str]] = []
    cells, start = 0, index
    while index + 2 < len(tokens) and tokens[index].type == "paragraph_open":
        lines = tokens[index + 1].content.split("\n")
        counts = {line.count("\t") for line in lines}
        if len(counts) != 1 or not min(counts) or cells and counts != {cells}:
            break
        cells = counts.pop()
        where = tokens[index].map
        first = where[0] + 1 if where else 0
        found += [(first + number, line) for number, line in enumerate(lines)]
        index += 3  # paragraph_open, inline, paragraph_close
    return (found, index - start) if len(found) > 1 else ([], 0)


def _pasted_table(lines: list[tuple[int, str]]) -> list[Piece]:
    """The lines of a tab-separated table as the piece of a Markdown table (first line: header)."""
    rows = [
        "| " + " | ".join(cell.strip() for cell in text.split("\t")) + " |" for _, text in lines
    ]
    rule = "|" + " --- |" * (lines[0][1].count("\t") + 1)
    found = pieces_of(_parser().parse("\n".join([rows[0], rule, *rows[1:]]), {}))
    numbers = [lines[0][0], lines[0][0]] + [number for number, _ in lines[1:]]  # 1-based
    return [
        replace(
            piece,
            line=lines[0][0],
            end=lines[-1][0],
            rows=[(numbers[row - 1], cells) for row, cells in piece.rows],
        )
        for piece in found
    ]


def _pasted_list(text: str, offset: int) -> list[Piece]:
    """`\t•\tiBGP: routes within an AS`: a list pasted from elsewhere, indented into code."""
    bullets = re.sub(r"(?m)^\s*[•◦▪‣·]\s*", "- ", text)
    found = pieces_of(_parser().parse(bullets, {}))
    return [replace(piece, line=piece.line + offset, end=piece.end + offset) for piece in found]


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """The notes' parser, for text the cards read again."""
    return make_parser()


def _open_or_close(token: Token, walk: _Walk) -> None:
    """Keep the stack of lists, list items and quotes the walk is inside."""
    kind = token.type
    if kind in ("bullet_list_open", "ordered_list_open"):
        if not walk.lists and not walk.quotes:
            walk.quoted = _label(walk.closed)  # `1. Volume Cached` then a list of its traits
        if not walk.lists:
            walk.list_intro = walk.intro  # in a callout too: `> **NLB**` then `> - items`
        walk.hanging.pop(len(walk.lists), None)  # a label with items nested in it hangs no more
        walk.lists.append((kind == "ordered_list_open", _list_group(token, walk)))
    elif kind in ("bullet_list_close", "ordered_list_close"):
        walk.hanging.pop(len(walk.lists), None)
        walk.lists.pop()
        walk.quoted = walk.quoted if walk.lists else ""
    elif kind == "list_item_open":
        walk.serial += 1
        walk.items.append([walk.serial, 0, ""])
        if len(walk.lists) == 1 and walk.lists[0][0] and token.info.isdigit():
            walk.numbered = (walk.lists[0][1], int(token.info) + 1)
    elif kind == "list_item_close":
        walk.closed = walk.items.pop()[2]
    elif kind == "blockquote_open":
        walk.quotes += 1
        if walk.quotes == 1 and token.map:
            walk.quote_end = token.map[1]  # the quote's last line, 1-based
        walk.fresh_quote = True
        walk.quoted = _label(walk.closed) if walk.quotes == 1 and not walk.items else walk.quoted
    elif kind == "blockquote_close":
        walk.quotes -= 1
        walk.quoted = walk.quoted if walk.quotes else ""
        walk.closed = walk.closed if walk.quotes else ""  # a callout's items head nothing after it
        walk.intro = walk.intro if walk.quotes else ""
    elif kind in ("paragraph_open", "heading_open", "table_open") and not walk.quotes:
        walk.closed = ""  # a quote after other blocks belongs to none of the items above
        walk.intro = ""
        walk.numbered = walk.numbered if kind == "paragraph_open" and walk.lists else None


def _list_group(opener: Token, walk: _Walk) -> int:
    """A new list's serial, or that of the numbered list it goes on with.

    `1. Synchronous`, a quote, then `2. Asynchronous`: Markdown makes two lists of one item each;
    the second starts at 2 where the first stopped, so they are read as one list.
    """
    walk.serial += 1
    start = opener.attrGet("start")
    if opener.type != "ordered_list_open" or walk.lists or walk.quotes or not start:
        return walk.serial
    if walk.numbered and walk.numbered[1] == int(start):
        return walk.numbered[0]
    return walk.serial


def _text_piece(opener: Token, inline: Token, walk: _Walk) -> Piece:
    """A paragraph or heading with the list and quote it is in."""
    start, end = opener.map or (0, 0)
    if opener.type == "heading_open":
        until = walk.quote_end if walk.quotes else 0
        return Piece("heading", start + 1, end, inline, level=int(opener.tag[1]), until=until)
    first, serial = False, 0
    hanging = ""
    if walk.items:
        serial, seen, _ = walk.items[-1]
        first = seen == 0
        walk.items[-1][1] += 1
        if first:
            walk.items[-1][2] = _lead(inline.content)
            hanging = _hanging(inline.content, walk)
    skip, title = _callout(inline) if walk.fresh_quote else (0, "")
    if walk.fresh_quote and skip:  # `> [!IMPORTANT] Versioned File Names`: a callout is no
        walk.quoted = ""  # part of the list item above it
    walk.fresh_quote = False
    if not walk.lists:
        walk.intro = _intro(inline.content)
    intro, cut = walk.list_intro if walk.lists else "", 0
    if len(walk.lists) == 1 and inline.content.count("\n") == 1:
        # `- low latency` then `Spread Placement Groups` on the next line, glued to the item by
        # Markdown: a label for the items after it, not a part of this one.
        label = _intro(inline.content.rsplit("\n", 1)[-1])
        if label[:1].isupper():
            walk.list_intro, cut = label, _after_last_break(inline.children or [])
    return Piece(
        "paragraph",
        start + 1,
        end,
        inline,
        skip=skip,
        depth=len(walk.lists),
        first=first,
        ordered=bool(walk.lists and walk.lists[-1][0]),
        quote=walk.quotes > 0,
        item=serial,
        group=walk.lists[-1][1] if walk.lists else 0,
        parent=title or (walk.items[-2][2] if len(walk.items) > 1 else walk.quoted) or hanging,
        intro=intro,
        cut=cut,
    )


_POINTING_BACK = {"its", "their", "it", "they", "this", "these", "those"}
_BARE_URL = re.compile(r"<?https?://\S+>?")
_LONE_WIKILINK = re.compile(r"\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|([^\]]+))?\]\]:?")
_LIST_CALLOUT = re.compile(r"^[!?$%&@~] (?=\S|$)")  # `- ? Why ...`, `- & Note`: List Callouts
_NOT_A_LABEL = re.compile(r"^#|[<>\[\]`|]|://")  # a tag, HTML, a link, code, a table, a URL
_CALLOUT = re.compile(r"^\s*\[![\w-]+\][+-]?\s*")
_BREAKS = ("softbreak", "hardbreak")
# `AWS Health Dashboard - Service History`: a name and its part, a heading written as a line.
_TITLED = re.compile(r"[A-Z][\w&/.' -]{1,40} [-–—] [A-Z][\w&/.' ]{1,30}")
_TERM = re.compile(r"^([^:]{1,40}?):\s")
_EMBED = re.compile(r"!\[\[[^\]]*\]\]")
_WIKILINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")
# `[VPC CIDR](VPC.md#VPC%20CIDR)`: a link written the Markdown way reads as its words.
_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*\)")
_TRAILING_TAGS = re.compile(r"(?:\s+#[A-Za-z][\w/-]*)+\s*$")  # `Naming #AWSCommonTest`
_INLINE_TAG = re.compile(r"(?<!\S)#(?=[A-Za-z])")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")  # `<u>MISP</u> rating`


def _hanging(content: str, walk: _Walk) -> str:
    """The hanging label an item's first paragraph sits under (see `_Walk.hanging`); an item
    that is itself a label (`- Multi-Region:`) starts a new one for the items after it."""
    depth = len(walk.lists)
    if content.rstrip().endswith(":") and "\n" not in content.strip():
        walk.hanging[depth] = _label(_intro(content))
        return ""
    return walk.hanging.get(depth, "")


def _callout(inline: Token) -> tuple[int, str]:
    """`> [!tip] Title` opening a quote: how many children its marker line takes, and the title."""
    children = inline.children or []
    first = children[0].content if children and children[0].type == "text" else ""
    match = _CALLOUT.match(first)
    if not match:
        return 0, ""
    line_end = next((i for i, c in enumerate(children) if c.type in _BREAKS), len(children))
    title = " ".join(child.content for child in children[:line_end] if child.type == "text")
    title = _CALLOUT.sub("", title).strip()
    return line_end + (line_end < len(children)), _label(title)


def _after_last_break(children: list[Token]) -> int:
    """How many inline children the last line break and the line after it take."""
    breaks = [i for i, child in enumerate(children) if child.type in _BREAKS]
    return len(children) - breaks[-1] if breaks else 0


_KEYED = re.compile(r"\w[*_]*:[*_]*\s+[*_]*\w")  # `Key: value`, a value after the colon


def _intro(content: str) -> str:
    """`Steps:`, `Cluster placement groups`, `**S3 Standard-IA**`: a paragraph that names what
    the list right after it is about ('' when it is a sentence of its own)."""
    content = content.strip()
    alone = _LONE_WIKILINK.fullmatch(content.strip("*_"))
    if alone:  # `[[Route 53]]` right above its points names what they are about
        return (alone.group(2) or alone.group(1)).rsplit("/", 1)[-1].strip()
    if "\n" in content or _NOT_A_LABEL.search(content):
        return ""  # several lines, a tag, a link or HTML
    if not content.endswith(":") and content.rstrip("*_").endswith((".", "?", "!")):
        return ""
    if _KEYED.search(content):
        return ""  # `**General formula: CₙH₂ₙ₊₂**`: a fact of its own, no lead-in
    if chatty(content):
        return ""  # `Here are the key takeaways:`
    first = content.split(maxsplit=1)[:1]
    if first and first[0].casefold() in _POINTING_BACK:
        return ""  # `Its content is as follows:`: names nothing the card could show
    lead = _lead(content.rsplit(". ", 1)[-1])
    label = lead if _TITLED.fullmatch(lead) else _label(lead)
    if label.casefold().strip(" .") in INSTANCE_LEADS:
        return ""  # `For example:` leads into instances, each a fact of its own, and names none
    return "" if all(word in LABELS for word in label.casefold().split()) else label  # `Note:`


def _label(lead: str) -> str:
    """A list item short enough to name what the block right after it is about."""
    return lead if 0 < len(lead.split()) <= 5 else ""


def _link_shown(match: re.Match[str]) -> str:
    """A wiki-link as a reader sees it: `[[AWS ECS#Task Definitions]]` -> `AWS ECS > Task
    Definitions`, `[[a/EC2|EC2 notes]]` -> `EC2 notes`."""
    if "|" in match.group(0):
        return match.group(1)
    target, _, fragment = match.group(1).partition("#")
    name = target.rsplit("/", 1)[-1].removesuffix(".md")
    return " > ".join(part for part in (name, fragment) if part)


def _lead(content: str) -> str:
    """An item's first line as a reader sees it: what nested items are about."""
    line = _WIKILINK.sub(_link_shown, _EMBED.sub("", content))
    line = _HTML_TAG.sub("", _LINK.sub(r"\1", line))  # as a reader sees it: no tags
    line = _INLINE_TAG.sub("", _TRAILING_TAGS.sub("", line))  # `#Linux uses ...`: a word
    line = _LIST_CALLOUT.sub("", line.split("\n", 1)[0])
    line = line.replace("**", "").replace("__", "").replace("==", "").replace("`", "")
    line = " ".join(line.split()).rstrip(":-–— ").strip()  # `Over Internet -`
    if _BARE_URL.fullmatch(line):
        return ""  # `https://docs...` over its points: where to read, no subject
    term = _TERM.match(line)  # `LSI: must be created with the table`: nested items are about LSI
    if term and cut_off(line):
        return f"{term.group(1).strip()}: {line[term.end() :]}"  # `Hub: for routing between`
    return term.group(1).strip() if term else line


def _table(tokens: list[Token], index: int, pieces: list[Piece]) -> int:
    """Collect a table's rows of cells; returns the index after `table_close`."""
    start, end = tokens[index].map or (0, 0)
    piece = Piece("table", start + 1, end)
    row: list[Token] = []
    line = start + 1
    index += 1
    while index < len(tokens) and tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "tr_open":
            row, line = [], (token.map[0] + 1 if token.map else line)
        elif token.type == "inline":
            row.append(token)
        elif token.type == "tr_close":
            piece.rows.append((line, row))
        index += 1
    pieces.append(piece)
    return index + 1


def with_points(said: str, points: list[str]) -> str:
    """A list item with the short points nested in it after a colon (`Cases: Big Data, Media
    Processing`), which a learner recalls with it; the item alone when they are long."""
    points = [point for point in points if point.strip() and not point.rstrip().endswith(":")]
    if (
        not points
        or len(points) > _MOST_NESTED
        or any(len(p.split()) > _NESTED_WORDS for p in points)
    ):
        return said
    return f"{said.rstrip(': ')}: {', '.join(point.rstrip('.,;') for point in points)}"


_MOST_NESTED, _NESTED_WORDS = 8, 4  # nested points this few and short are shown with their item


def answer_below(piece: Piece, following: list[Piece], gap: int) -> tuple[list[Piece], int]:
    """The paragraph or list right below a piece (at most `gap` blank lines between).

    Returns the answer's paragraphs (a list gives its items' lead paragraphs) and how many pieces
    that takes up.
    """
    if not following or following[0].kind != "paragraph":
        return [], 0
    first = following[0]
    if first.line > piece.end + 1 + gap or first.depth < piece.depth:
        return [], 0
    if first.depth == piece.depth or not first.first:
        return [first], 1
    taken = 0
    while taken < len(following) and following[taken].depth >= first.depth:
        if following[taken].kind != "paragraph":
            break
        taken += 1
    return [p for p in following[:taken] if p.depth == first.depth and p.first], taken
