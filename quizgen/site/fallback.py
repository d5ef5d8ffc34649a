"""Notes the site cannot render: their text as written, escaped, and a diagnostic saying where.

A note is shown this way when the vault marks it (`Note.unrenderable`: past the size limit, or
nested too deep for Python-Markdown to finish in time) or when rendering it raises (a
`RecursionError` inside Python-Markdown on 2,000 nested `*`, say). Every other page is built.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass, field

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..diagnostics import Diagnostic
from ..loader import MAX_NOTE_BYTES
from ..note import Note

__all__ = ["Fallbacks", "failing_line", "fallback_html"]


def fallback_html(note: Note, reason: str) -> str:
    """The page body of a note shown as plain text."""
    notice = f"This note cannot be shown formatted ({reason}); its text is shown as written."
    return (
        f"<h1>{html.escape(note.title)}</h1>\n"
        f'<p class="qz-fallback-note">{html.escape(notice)}</p>\n'
        f'<pre class="qz-fallback">{html.escape(note.source)}</pre>\n'
    )


@dataclass
class Fallbacks:
    """Which notes of a build are shown as plain text, and why (`diagnostics` says where)."""

    reasons: dict[str, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def source(self, note: Note, write: Callable[[], str]) -> str:
        """The page Markdown `write` makes, or only the title when the note cannot be rewritten."""
        if note.unrenderable:
            self.reasons[note.path] = note.unrenderable
            return _title_only(note)
        try:
            return write()
        except Exception as error:  # a note that breaks the rewriting must not stop the site
            self._failed(note, error, 1)
            return _title_only(note)

    def guard(self, page: Page, note: Note) -> None:
        """Make `page.render` fall back to the note's plain text instead of failing the build."""
        render = page.render

        def guarded(config: MkDocsConfig, files: Files) -> None:
            if note.path not in self.reasons:
                try:
                    render(config, files)
                    return
                except Exception as error:  # any note that breaks Python-Markdown, likewise
                    self._failed(note, error, failing_line(note, config))
            _show_plain(page, note, self.reasons[note.path])

        page.render = guarded  # type: ignore[method-assign]

    def _failed(self, note: Note, error: Exception, line: int) -> None:
        """Remember why a note fell back, and report it at `line`."""
        reason = _reason(error)
        self.reasons[note.path] = reason
        message = f"the note cannot be rendered ({reason}); the site shows it as plain text"
        self.diagnostics.append(Diagnostic(note.path, line, "cannot-render", message))


def _title_only(note: Note) -> str:
    """Front matter with the title: all MkDocs needs of a page whose body is made elsewhere."""
    return f"---\ntitle: {json.dumps(note.title, ensure_ascii=False)}\n---\n"


def _reason(error: Exception) -> str:
    """A plain sentence for what went wrong while rendering."""
    if isinstance(error, RecursionError):
        return "its Markdown is nested too deeply for the site's renderer"
    return f"the renderer failed with {type(error).__name__}: {error}"


def _show_plain(page: Page, note: Note, reason: str) -> None:
    """Fill in what `Page.render` would have: the content, an empty table of contents."""
    page.content = fallback_html(note, reason)
    page.toc = get_toc([])
    page.present_anchor_ids = set()
    page.links_to_anchors = {}
    page._title_from_render = note.title
    if len(note.source) > MAX_NOTE_BYTES:
        page.meta["search"] = {"exclude": True}  # a huge text would bloat everyone's index


def failing_line(note: Note, config: MkDocsConfig) -> int:
    """The first line of the first top-level block that fails on its own (1 when none does)."""
    engine = markdown.Markdown(
        extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {}
    )
    lines = note.lines
    for token in note.tokens:
        if token.level != 0 or token.nesting == -1 or not token.map:
            continue
        first, last = token.map
        try:
            engine.reset().convert("\n".join(lines[first:last]))
        except Exception:
            return first + 1
    return 1
