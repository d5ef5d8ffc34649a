"""Heading anchors identical to the ids MkDocs gives headings on the site."""

from __future__ import annotations

from pymdownx.slugs import slugify

__all__ = ["SLUGIFY", "anchor_for", "unique_anchor"]

# The site's `toc` extension is configured with this same function (see quizgen.site.config),
# so an anchor computed here is the id the page gets.
SLUGIFY = slugify(case="lower")


def anchor_for(text: str) -> str:
    """The anchor id of a heading with this text, before de-duplication."""
    return SLUGIFY(text, "-")


def unique_anchor(anchor: str, taken: set[str]) -> str:
    """Add `_1`, `_2`... as Python-Markdown's toc does when an id is already on the page."""
    candidate, count = anchor, 0
    while candidate in taken or not candidate:
        count += 1
        candidate = f"{anchor}_{count}"
    taken.add(candidate)
    return candidate
