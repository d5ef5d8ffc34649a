"""Card sides as safe HTML: Markdown rendered with raw HTML escaped, math kept for MathJax."""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt

__all__ = ["cloze_answer", "cloze_numbers", "cloze_question", "render_markdown"]

CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
# Text with none of these needs no Markdown parser: escaping it gives the same HTML.
_MARKUP = re.compile(r"[\\`*_\[\]<>!|#&$=~\x00-\x1f\x7f]|^(?:[-+]|\d+[.)])|https?:|www\.")
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\s)([^$\n]+?)(?<!\s)\$(?!\d)")


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    """CommonMark with tables and strikethrough; `html` off so `<script>` shows as text."""
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(
        ["table", "strikethrough"]
    )


def render_markdown(text: str) -> str:
    """HTML for a card side; `$x$` becomes MathJax's `\\(x\\)`."""
    if text == text.strip() and not _MARKUP.search(text):
        return _escape(text)
    text = _INLINE_MATH.sub(lambda m: "\\\\(" + m.group(1) + "\\\\)", text)
    html = _renderer().render(text).strip()
    # A single paragraph reads better without the <p> wrapper on a card.
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html


def _escape(text: str) -> str:
    """Escape text the way markdown-it-py escapes a plain paragraph."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def cloze_numbers(text: str) -> list[int]:
    """The distinct cloze numbers in a cloze text, sorted."""
    return sorted({int(match.group(1)) for match in CLOZE.finditer(text)})


def cloze_question(text: str, number: int) -> str:
    """Cloze text with deletion `number` hidden as [...] (or its hint) and the others shown."""

    def hide(match: re.Match[str]) -> str:
        if int(match.group(1)) != number:
            return match.group(2)
        return f"[{match.group(3)}]" if match.group(3) else "[...]"

    return CLOZE.sub(hide, text)


def cloze_answer(text: str) -> str:
    """Cloze text with every deletion filled in."""
    return CLOZE.sub(lambda match: match.group(2), text)
