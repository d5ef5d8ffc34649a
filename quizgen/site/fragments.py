"""Inline HTML written by the renderer, handed to Python-Markdown's HTML stash in one step.

Python-Markdown treats raw inline HTML (a link as `<a href=...>label</a>`) in two costly passes:
its HTML block parser reads every tag of the page, then an inline pattern stashes each tag.
The renderer can instead wrap each fragment it writes in two private-use characters; this
extension's preprocessor swaps every wrapped fragment for a stash placeholder before either pass
runs, and Python-Markdown puts the HTML back when it writes the page, as it does for any raw
HTML. Notes never hold the markers themselves: the renderer does not mark anything in a vault
whose text contains them (see `Renderer.marked`).

Use it as the Markdown extension `quizgen.site.fragments` with `Renderer(..., marked=True)`.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

__all__ = ["CLOSE", "OPEN", "FragmentsExtension", "makeExtension", "marked"]

OPEN, CLOSE = "\ue000", "\ue001"
_FRAGMENT = re.compile(f"{OPEN}([^{OPEN}{CLOSE}]*){CLOSE}")
# After whitespace is normalised (30, which drops Python-Markdown's own placeholder characters),
# before fenced code (25) and the HTML block parser (20).
PRIORITY = 29


def marked(fragment: str) -> str:
    """An inline HTML fragment wrapped for the preprocessor."""
    return OPEN + fragment + CLOSE


class _StashFragments(Preprocessor):
    """Replace each marked fragment by a placeholder for its HTML."""

    def run(self, lines: list[str]) -> list[str]:
        """The lines with every marked fragment stashed."""
        text = "\n".join(lines)
        if OPEN not in text:
            return lines
        stash = self.md.htmlStash.store
        return _FRAGMENT.sub(lambda match: stash(match.group(1)), text).split("\n")


class FragmentsExtension(Extension):
    """Python-Markdown extension: stash the renderer's marked HTML fragments."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        """Register the preprocessor."""
        md.preprocessors.register(_StashFragments(md), "quizgen_fragments", PRIORITY)


def makeExtension(**kwargs) -> FragmentsExtension:  # noqa: N802 - Python-Markdown's entry point
    """The extension, as Python-Markdown loads it by module name."""
    return FragmentsExtension(**kwargs)
