"""Where notes and files end up on the site, and links between them."""

from __future__ import annotations

import posixpath
from urllib.parse import quote

__all__ = ["file_link", "page_url"]


def page_url(note_path: str) -> str:
    """Directory URL of a note, relative to the site root: 'a/b.md' -> 'a/b/', 'index.md' -> ''."""
    stem = note_path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def file_link(host_path: str, target_path: str, anchor: str | None = None) -> str:
    """Relative link from the Markdown file `host_path` to a vault file, as Markdown writes it."""
    relative = posixpath.relpath(target_path, posixpath.dirname(host_path) or ".")
    link = quote(relative, safe="/")
    # Anchors are slugs (no spaces), kept as written so they read like the ids they name.
    return f"{link}#{anchor}" if anchor else link
