"""Markdown links and images on the site: each destination rewritten to where the vault found it.

`[x](EC2.md)`, `![](pic.png)` and `<img src="pic.png">` name a file the way Obsidian finds it
(relative path, then by name anywhere). A found Markdown link or image gets the path of its file
relative to the page's source, which MkDocs turns into the page's URL as for any `.md` link; an
`<img src>` (raw HTML, which MkDocs does not rewrite) gets the relative URL of the file. A link
to nothing becomes missing text, as a broken wiki-link does.
"""

from __future__ import annotations

import html
import posixpath
import re
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from markdown_it.token import Token

from ..links import Resolution
from ..markdown_links import IMG_TAG, children_with_lines, html_images, vault_link
from ..note import Note, WikiLink
from .edits import Edit

if TYPE_CHECKING:
    from .render import Renderer

__all__ = ["markdown_link_edits"]

# After a destination: an optional title, then the closing parenthesis.
_REST = re.compile(r"""\s*(?:"[^"]*"|'[^']*'|\([^)]*\))?\s*\)""")


def markdown_link_edits(
    renderer: Renderer, note: Note, lines: list[str], tokens: list[Token], host: Note
) -> list[Edit]:
    """Edits for every Markdown link, image and `<img src>` in these tokens of `note`."""
    edits: list[Edit] = []
    cursors: dict[int, int] = {}
    html_lines: set[int] = set()
    for token, line in children_with_lines(tokens):
        if token.type in ("html_inline", "html_block"):
            html_lines.update(at - 1 for _, at in html_images(token, line))
        elif token.type in ("link_open", "image") and line <= len(lines):
            edit = _destination_edit(renderer, note, lines, token, line - 1, host, cursors)
            edits += [edit] if edit else []
    for index in sorted(html_lines):
        edits += _img_edits(renderer, note, lines[index], index, host)
    return _first_of_overlapping(edits)


def _first_of_overlapping(edits: list[Edit]) -> list[Edit]:
    """The edits without any that overlaps an earlier one (an image inside a missing link)."""
    kept: list[Edit] = []
    for edit in edits:
        if not any(o.line == edit.line and o.start < edit.end and edit.start < o.end for o in kept):
            kept.append(edit)
    return kept


def _destination_edit(
    renderer: Renderer,
    note: Note,
    lines: list[str],
    token: Token,
    index: int,
    host: Note,
    cursors: dict[int, int],
) -> Edit | None:
    """The edit of one `[label](dest)` or `![alt](dest)` whose destination is a vault file."""
    href = str(token.attrGet("href" if token.type == "link_open" else "src") or "")
    text = lines[index]
    found = _find_destination(text, href, cursors.get(index, 0))
    if found is None:
        return None
    opening, start, end = found
    cursors[index] = end
    link = vault_link(href, index + 1, "", embed=token.type == "image")
    if link is None:
        return None
    result = renderer.vault.resolve(link, note)  # as the vault resolved it: same rules
    if result.found:
        return Edit(index, start, end, _source_path(host, result))
    image = token.content or _file_name(link) if token.type == "image" else None
    edit = _missing_edit(text, index, opening, end, image, result.problem or "missing")
    return Edit(edit.line, edit.start, edit.end, renderer.fragment(edit.text)) if edit else None


def _find_destination(text: str, href: str, cursor: int) -> tuple[int, int, int] | None:
    """(position of `](`, start, end) of the destination written for `href` on this line."""
    for spelling in dict.fromkeys((href, unquote(href))):
        written = re.escape(spelling)
        pattern = re.compile(r"\]\(\s*(<" + written + r">|" + written + r"(?=\s|\)))")
        match = pattern.search(text, cursor)
        if match:
            return match.start(), match.start(1), match.end(1)
    return None


def _source_path(host: Note, result: Resolution) -> str:
    """The found file's path relative to the host page's source, with the note's anchor."""
    anchor = f"#{result.anchor}" if result.anchor else ""
    if result.path == host.path and anchor:
        return anchor
    relative = posixpath.relpath(result.path or "", host.folder or ".")
    return quote(relative, safe="/") + anchor


def _missing_edit(
    text: str, index: int, opening: int, end: int, image: str | None, problem: str
) -> Edit | None:
    """The whole `[label](dest)` (or `![alt](dest)`, shown as `image`) as missing text.

    None when the `[` is not on the same line: the link is then left as written.
    """
    start = _opening_bracket(text, opening)
    rest = _REST.match(text, end)
    if start is None or rest is None:
        return None
    if image is not None and start > 0 and text[start - 1] == "!":
        start -= 1
    label = image if image is not None else text[start + 1 : opening]
    return Edit(index, start, rest.end(), _missing(label, problem))


def _opening_bracket(text: str, closing: int) -> int | None:
    """Where the `[` matching the `]` at `closing` is, on this line."""
    depth = 0
    for position in range(closing - 1, -1, -1):
        if position > 0 and text[position - 1] == "\\":
            continue
        if text[position] == "]":
            depth += 1
        elif text[position] == "[":
            if depth == 0:
                return position
            depth -= 1
    return None


def _img_edits(renderer: Renderer, note: Note, text: str, index: int, host: Note) -> list[Edit]:
    """Edits of every `<img src>` on one line of raw HTML."""
    edits = []
    for match in IMG_TAG.finditer(text):
        group = next(number for number in (1, 2, 3) if match.group(number) is not None)
        src = match.group(group)
        link = vault_link(src, index + 1, f'<img src="{src}">', embed=True)
        if link is None:
            continue
        result = renderer.resolution(note, link)
        if result.found:
            url = html.escape(renderer.link(host, result.path or ""))
            edits.append(Edit(index, match.start(group), match.end(group), url))
        else:
            missing = _missing(_file_name(link), result.problem or "missing")
            edits.append(Edit(index, match.start(), match.end(), missing))
    return edits


def _file_name(link: WikiLink) -> str:
    """The name of the file a link names, as missing text shows it."""
    return posixpath.basename(link.target) or link.target


def _missing(label: str, problem: str) -> str:
    """Missing text, as a broken wiki-link shows."""
    from .render import missing_text  # render.py imports this module

    return missing_text(label, problem)
