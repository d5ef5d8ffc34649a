"""Markdown links and images to files of the vault: `[x](Note.md)`, `![](pic.png)`, `<img src>`.

Obsidian resolves these like wiki-links (a relative path first, then the file's name anywhere
in the vault), so they are read from the tokens as `WikiLink` records with `markdown=True` and
go through the same resolution, backlinks and diagnostics. Links with a scheme (`https:`,
`mailto:`, `obsidian:`) are not vault links.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote

from markdown_it.token import Token

from .note import WikiLink

__all__ = ["IMG_TAG", "children_with_lines", "html_images", "markdown_links", "vault_link"]

_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
# An <img> tag and its src value (group 2, 3 or 4 by quoting), on one line.
IMG_TAG = re.compile(
    r"""<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))[^>]*>""", re.IGNORECASE
)


def markdown_links(tokens: list[Token]) -> list[WikiLink]:
    """Every Markdown link, image and `<img src>` of a note that may name a vault file."""
    found: list[WikiLink | None] = []
    opened: tuple[str, int, list[str]] | None = None  # href, line and label text of a link
    for token, line in children_with_lines(tokens):
        if token.type == "link_open":
            opened = (str(token.attrGet("href") or ""), line, [])
        elif token.type == "link_close" and opened:
            href, start, label = opened
            found.append(vault_link(href, start, f"[{''.join(label)}]({href})"))
            opened = None
        elif opened and token.type in ("text", "code_inline"):
            opened[2].append(token.content)
        if token.type == "image":
            src = str(token.attrGet("src") or "")
            found.append(vault_link(src, line, f"![{token.content}]({src})", embed=True))
        elif token.type in ("html_inline", "html_block"):
            for src, at in html_images(token, line):
                found.append(vault_link(src, at, f'<img src="{src}">', embed=True))
    return [link for link in found if link is not None]


def vault_link(href: str, line: int, raw: str, embed: bool = False) -> WikiLink | None:
    """The link an href stands for when it names a vault file (path and #fragment), else None."""
    if not href or _EXTERNAL.match(href):
        return None
    path, _, fragment = href.partition("#")
    target, fragment = unquote(path).strip(), unquote(fragment).strip()
    if not target and not fragment:
        return None
    block = fragment[1:] if fragment.startswith("^") else None
    heading = None if block else (fragment or None)
    return WikiLink(raw, target, line, heading, block, None, embed, markdown=True)


def html_images(token: Token, line: int) -> Iterator[tuple[str, int]]:
    """The src of each `<img>` in an HTML token, with the 1-based line it is on."""
    for offset, text in enumerate(token.content.split("\n")):
        for match in IMG_TAG.finditer(text):
            yield next(group for group in match.groups() if group is not None), line + offset


def children_with_lines(tokens: list[Token]) -> Iterator[tuple[Token, int]]:
    """Inline children and HTML blocks, each with the 1-based line it starts on."""
    for token in tokens:
        if token.type == "html_block" and token.map:
            yield token, token.map[0] + 1
        if token.type != "inline" or not token.map or not token.children:
            continue
        line = token.map[0] + 1
        for child in token.children:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            yield child, line
