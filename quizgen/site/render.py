"""Obsidian Markdown to plain MkDocs Markdown: links, embeds, highlights, callouts, anchors.

Everything here takes the vault model and a note and returns Markdown, so any engine that
reads Python-Markdown (MkDocs, or a successor) can render the result.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePosixPath

from markdown_it.token import Token

from ..diagnostics import Diagnostic, Severity
from ..links import Resolution, Target
from ..note import Note, WikiLink
from ..vault import Vault
from .callouts import convert_callouts
from .edits import Edit, apply_edits, content_start, locate_inline
from .fragments import CLOSE, OPEN, marked
from .lists import list_edits
from .markdown_links import markdown_link_edits
from .urls import href, page_urls

__all__ = ["IMAGE_SUFFIXES", "Renderer", "body_start", "missing_text"]

_IMAGES = ".png .jpg .jpeg .gif .svg .webp .bmp .avif"
IMAGE_SUFFIXES = frozenset(_IMAGES.split())
_SIZE = re.compile(r"^(\d+)(?:x(\d+))?$")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")


@dataclass
class Renderer:
    """Rewrites notes of one vault; `diagnostics` collects what rendering had to work around.

    With `marked`, inline HTML is wrapped for the `quizgen.site.fragments` Markdown extension,
    which must then be in the engine's extension list (much faster pages in Python-Markdown).
    """

    vault: Vault
    embed_depth: int = 3
    directory_urls: bool = True
    marked: bool = False
    diagnostics: list[Diagnostic] = field(default_factory=list)
    urls: dict[str, str] = field(default_factory=dict)
    _resolved: dict[str, dict[tuple[int, str], Resolution]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.urls = page_urls(self.vault.notes, self.directory_urls)
        if self.marked:
            notes = self.vault.notes.values()
            self.marked = not any(OPEN in n.source or CLOSE in n.source for n in notes)

    def fragment(self, text: str) -> str:
        """Inline HTML as it goes into the Markdown (wrapped when `marked`)."""
        return marked(text) if self.marked else text

    def link(self, host: Note, target: str, anchor: str | None = None) -> str:
        """Relative href from `host`'s page to a note's page (or a vault file) and anchor."""
        to_url = self.urls.get(target, target)
        if to_url == self.urls[host.path] and anchor:
            return f"#{anchor}"
        return href(self.urls[host.path], to_url, anchor)

    def resolution(self, note: Note, link: WikiLink) -> Resolution:
        """Where a link lands: from the vault's precomputed results, resolved only if absent."""
        known = self._resolved.get(note.path)
        if known is None:
            known = {(w.line, w.raw): r for w, r in self.vault.links_of(note)}
            self._resolved[note.path] = known
        return known.get((link.line, link.raw)) or self.vault.resolve(link, note)

    def body(self, note: Note) -> str:
        """The note's Markdown without front matter, rewritten for the site."""
        start = body_start(note.tokens)
        return "\n".join(self.rewrite(note, start, len(note.lines), host=note, stack=(note.path,)))

    def rewrite(self, note: Note, first: int, last: int, host: Note, stack: tuple) -> list[str]:
        """Lines [first, last) of `note` rewritten as they should read on `host`'s page."""
        lines = note.lines
        tokens = [t for t in note.tokens if t.map and first <= t.map[0] < last]
        located = locate_inline(lines, tokens)
        edits = [self._inline_edit(note, lines, found, host, stack) for found in located]
        edits += _anchor_edits(note, lines, tokens, host is not note, self.fragment)
        edits += list_edits(lines, note.tokens, first, last)
        kept = [edit for edit in edits if edit is not None]
        kept += _apart(kept, markdown_link_edits(self, note, lines, tokens, host))
        rewritten = apply_edits(lines, kept)
        return convert_callouts(rewritten, tokens, first, last)[first:last]

    def _inline_edit(self, note, lines, found, host, stack) -> Edit | None:
        """The replacement for one located wikilink, tag or highlight mark."""
        token = found.token
        if token.type == "highlight_open":
            text = self.fragment("<mark>")
        elif token.type == "highlight_close":
            text = self.fragment("</mark>")
        elif token.type == "tag":
            text = self.fragment(f'<span class="qz-tag">#{html.escape(token.content)}</span>')
        elif token.type == "wikilink":
            text = self._link(note, lines[found.line], found, host, stack)
        else:
            return None
        return Edit(found.line, found.start, found.end, text)

    def _link(self, note: Note, line: str, found, host: Note, stack: tuple) -> str:
        """Markdown for one wikilink or embed."""
        link = WikiLink.from_token(found.token)
        target = self.resolution(note, link)
        if target.kind is Target.MISSING:
            return self.fragment(missing_text(_shown(link), target.problem or "missing"))
        if target.kind is Target.ATTACHMENT:
            return self.fragment(_attachment(link, self.link(host, target.path or "")))
        if not link.embed:
            return self._note_link(_shown(link), target, host)
        alone = not line[: found.start].strip(" \t>") and not line[found.end :].strip()
        return self._embed(note, link, target, host, stack, line[: found.start] if alone else None)

    def _embed(self, note, link: WikiLink, target: Resolution, host, stack, prefix) -> str:
        """The embedded note, section or block, or a link when it cannot be shown in place."""
        shown = self.vault.notes[target.path or ""]
        if prefix is None:
            return self._note_link(_shown(link), target, host)
        if shown.path in stack:
            self._report(note, link, "embed-loop", "leads back to a note it is shown in")
            return self._note_link(_shown(link), target, host)
        if len(stack) > self.embed_depth:
            self._report(note, link, "embed-depth", f"is nested more than {self.embed_depth} deep")
            return self._note_link(_shown(link), target, host)
        first, last = _embed_range(shown, target)
        inner = self.rewrite(shown, first, last, host, stack + (shown.path,))
        title = self._note_link(shown.title if not target.anchor else _shown(link), target, host)
        # An admonition box: unlike an HTML block it also works inside quotes, callouts, lists.
        body = [_prefixed(prefix + "    ", text) for text in inner]
        return "\n".join([f'!!! qz-embed "{title}"', *body, prefix.rstrip()])

    def _note_link(self, text: str, target: Resolution, host: Note) -> str:
        """An HTML link to a note's page (and anchor) from `host`'s page."""
        url = html.escape(self.link(host, target.path or "", target.anchor))
        return self.fragment(f'<a class="qz-link" href="{url}">{html.escape(text)}</a>')

    def _report(self, note: Note, link: WikiLink, code: str, reason: str) -> None:
        """Record a rendering problem; the embed is shown as a link instead."""
        message = f"embed {link.raw} {reason}; it is shown as a link"
        self.diagnostics.append(Diagnostic(note.path, link.line, code, message, Severity.WARNING))


def _apart(edits: list[Edit], more: list[Edit]) -> list[Edit]:
    """The edits of `more` that overlap none of `edits` (a missing link around a tag, say)."""
    taken: dict[int, list[Edit]] = {}
    for edit in edits:
        taken.setdefault(edit.line, []).append(edit)
    return [
        edit
        for edit in more
        if not any(o.start < edit.end and edit.start < o.end for o in taken.get(edit.line, []))
    ]


def missing_text(label: str, problem: str) -> str:
    """A link whose target does not exist: visibly missing text, no href."""
    title = html.escape(problem, quote=True)
    return f'<span class="qz-missing" title="{title}">{html.escape(label)}</span>'


def _shown(link: WikiLink) -> str:
    """`link.text`, worked out once per distinct target (it builds a path object each time)."""
    return link.label or _text_of(link.target, link.heading, link.block)


@lru_cache(maxsize=65536)
def _text_of(target: str, heading: str | None, block: str | None) -> str:
    """What a reader sees for an unlabelled link to this target."""
    return WikiLink(raw="", target=target, line=0, heading=heading, block=block).text


def _attachment(link: WikiLink, url: str) -> str:
    """An image (with `|300` or `|300x200` size) or a link to any other file."""
    name = PurePosixPath(link.target).name
    url = html.escape(url)
    if not link.embed or PurePosixPath(name).suffix.lower() not in IMAGE_SUFFIXES:
        return f'<a class="qz-file" href="{url}">{html.escape(link.label or name)}</a>'
    size = _SIZE.match(link.label or "")
    alt = html.escape(name if size or not link.label else link.label)
    width, height = size.groups() if size else (None, None)
    sizes = (f' width="{width}"' if width else "") + (f' height="{height}"' if height else "")
    return f'<img src="{url}" alt="{alt}"{sizes}>'


def _embed_range(note: Note, target: Resolution) -> tuple[int, int]:
    """0-based line range [first, last) an embed shows: a block, a section or the whole body."""
    anchor = target.anchor or ""
    block = note.blocks.get(anchor[1:]) if anchor.startswith("^") else None
    if block:
        return block.line - 1, block.end_line
    heading = next((h for h in note.headings if h.anchor == anchor), None) if anchor else None
    if heading:
        return heading.line - 1, heading.end_line
    return body_start(note.tokens), len(note.lines)


def _prefixed(prefix: str, text: str) -> str:
    """Lines of embedded content under the embed's own quote or list indentation."""
    return "\n".join(
        prefix + part if part.strip() else prefix.rstrip() for part in text.split("\n")
    )


def body_start(tokens: list[Token]) -> int:
    """First line after the front matter."""
    if tokens and tokens[0].type == "front_matter" and tokens[0].map:
        return tokens[0].map[1]
    return 0


def _anchor_edits(
    note: Note,
    lines: list[str],
    tokens: list[Token],
    embedded: bool,
    fragment: Callable[[str], str],
) -> list[Edit]:
    """Heading ids from the vault model and `^block` markers turned into anchors."""
    edits = []
    anchors = {h.line: h.anchor for h in note.headings}
    for token in tokens:
        if token.type == "heading_open" and token.map and token.level == 0:
            edits.append(_heading_indent(lines, token.map[0]))
        if token.type == "heading_open" and not embedded and token.map:
            edits.append(_heading_id(lines, token, anchors.get(token.map[0] + 1)))
        block_id = (token.meta or {}).get("block_id") if token.type != "inline" else None
        if block_id and token.map:
            edits += _block_anchor(lines, token.map, block_id, embedded, fragment)
    return [edit for edit in edits if edit is not None]


def _heading_indent(lines: list[str], index: int) -> Edit | None:
    """Drop the 1-3 spaces before a top-level heading (Python-Markdown reads it as text)."""
    text = lines[index]
    spaces = len(text) - len(text.lstrip(" "))
    return Edit(index, 0, spaces, "") if 0 < spaces < 4 else None


def _heading_id(lines: list[str], token: Token, anchor: str | None) -> Edit | None:
    """`{ #anchor }` at the end of the heading's text line, so ids match the vault's anchors."""
    if not anchor or not token.map:
        return None
    index = token.map[0] if token.markup.startswith("#") else token.map[1] - 2
    text = lines[index]
    closing = _CLOSING_HASHES.search(text) if token.markup.startswith("#") else None
    start = closing.start() if closing else len(text.rstrip())
    return Edit(index, start, len(text), f" {{ #{anchor} }}")


def _block_anchor(
    lines: list[str], span: list[int], block_id: str, embedded: bool, fragment: Callable[[str], str]
) -> list[Edit]:
    """Drop the `^id` marker; outside embeds, put an element with that id where the block starts."""
    last = span[1] - 1
    marker = re.search(rf"[ \t]*\^{re.escape(block_id)}[ \t]*$", lines[last])
    edits = [Edit(last, marker.start(), marker.end(), "")] if marker else []
    if not embedded:
        column = content_start(lines[span[0]])
        anchor = fragment(f'<span class="qz-block" id="^{block_id}"></span>')
        edits.append(Edit(span[0], column, column, anchor))
    return edits
