"""Card sides as safe HTML: Markdown rendered with raw HTML escaped, math kept for MathJax."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import markdown_it
import markdown_it_pyrs

__all__ = [
    "asked_term",
    "cloze_answer",
    "cloze_numbers",
    "cloze_question",
    "cloze_spans",
    "hides_all",
    "render_markdown",
]

CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
_WORD = re.compile(r"[^\W_]+")
_CONTEXT = re.compile(r"^[^{}]*›[^{}]*?:\s")  # `Title › Section: ` in front of a card

_INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\s)([^$\n]+?)(?<!\s)\$(?!\d)")


def asked_term(term: str) -> str:
    """A term as a front asks it: in bold, without the author's own emphasis marks inside
    (`***IPv6* addresses**` reads `**IPv6 addresses**`)."""
    return f"**{term.replace('*', '')}**"


def cloze_spans(sentence: str, spans: Sequence[tuple[int, int]]) -> str:
    """The sentence with each (start, end) stretch hidden as `{{cN::...}}`, numbered in order."""
    parts, last = [], 0
    for number, (start, end) in enumerate(sorted(spans), 1):
        parts += [sentence[last:start], f"{{{{c{number}::{sentence[start:end]}}}}}"]
        last = end
    return "".join(parts) + sentence[last:]


# CommonMark's rules, tables and strikethrough; no raw HTML rules, so `<script>` shows as text.
_RULES: list[Any] = [  # the port types each name as a Literal
    *("blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph"),
    *("reference", "autolink", "backticks", "emphasis", "entity", "escape", "image", "link"),
    *("newline", "strikethrough", "table"),
]


@lru_cache(maxsize=1)
def _renderer() -> markdown_it_pyrs.MarkdownIt:
    """markdown-it's Rust port (same rules as markdown-it-py, about 20 times faster)."""
    renderer = markdown_it_pyrs.MarkdownIt("zero")
    renderer.enable_many(_RULES)
    return renderer


@lru_cache(maxsize=1)
def _reference() -> markdown_it.MarkdownIt:
    """markdown-it-py with the same rules, for the text the Rust port cannot take."""
    options = {"html": False, "linkify": False}
    return markdown_it.MarkdownIt("commonmark", options).enable(["table", "strikethrough"])


def _to_html(text: str) -> str:
    """Markdown to HTML, by the Rust port unless the text is one it may fail on."""
    # The port (0.4) panics on an unclosed code span inside a link label: "[`a".
    if "[" in text and "`" in text:
        return _reference().render(text)
    try:
        return _renderer().render(text)
    except BaseException as error:  # a Rust panic is a BaseException
        if type(error).__name__ != "PanicException":
            raise
        return _reference().render(text)


def render_markdown(text: str) -> str:
    """HTML for a card side; `$x$` becomes MathJax's `\\(x\\)`."""
    if "$" in text:
        text = _INLINE_MATH.sub(lambda m: "\\\\(" + m.group(1) + "\\\\)", text)
    html = _to_html(text).strip()
    # A single paragraph reads better without the <p> wrapper on a card.
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html


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


def hides_all(text: str) -> bool:
    """True when one of the cloze's questions hides (almost) all of its sentence.

    Each number `cN` is its own question: the other deletions stay visible in it. The note's
    title and section in front (`Amazon SQS › Quotas: `) are not the sentence.
    """
    first = text.find("{{")
    sentence = _CONTEXT.sub("", text, count=1) if "›" in text[:first] else text
    total = len(_words(CLOZE.sub(lambda match: f" {match.group(2)} ", sentence)))
    for number in {match.group(1) for match in CLOZE.finditer(sentence)}:
        hidden = sum(
            len(_words(match.group(2)))
            for match in CLOZE.finditer(sentence)
            if match.group(1) == number
        )
        left = total - hidden
        if left <= 0 or (hidden >= 4 and hidden >= 3 * left):
            return True
    return False


def _words(text: str) -> list[str]:
    """The words of a text, without Markdown marks."""
    return _WORD.findall(text)
