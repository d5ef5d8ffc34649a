"""Default MkDocs settings for a notes site, and the Markdown extensions the pages need."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..slugs import SLUGIFY

__all__ = ["REQUIRED_EXTENSIONS", "THEME_FEATURES", "site_config"]

# What the rewritten Markdown relies on; the plugin adds any that a mkdocs.yml leaves out.
REQUIRED_EXTENSIONS: dict[str, dict[str, Any]] = {
    "toc": {"slugify": SLUGIFY, "permalink": True},
    "attr_list": {},
    "md_in_html": {},
    "admonition": {},
    "pymdownx.details": {},
    "pymdownx.superfences": {},
    "pymdownx.arithmatex": {"generic": True},
    "tables": {},
    "footnotes": {},
    "sane_lists": {},
}

THEME_FEATURES = [
    "navigation.instant",
    "navigation.instant.preview",
    "navigation.prune",
    "navigation.indexes",
    "navigation.top",
    "navigation.tracking",
    "search.highlight",
    "search.suggest",
    "toc.follow",
]


def site_config(
    notes_dir: Path,
    out_dir: Path,
    *,
    site_url: str | None = None,
    site_name: str | None = None,
    raw_html: bool = False,
) -> dict[str, Any]:
    """MkDocs settings that build a vault with no mkdocs.yml of its own.

    `raw_html=True` puts the notes' HTML into the pages as written, scripts included: only for
    a vault you wrote yourself (see docs/site.md, Security).
    """
    return {
        "site_name": site_name or notes_dir.resolve().name or "Notes",
        "site_url": site_url,
        "docs_dir": str(notes_dir.resolve()),
        "site_dir": str(out_dir.resolve()),
        "use_directory_urls": True,
        "strict": False,
        "theme": {
            "name": "material",
            "font": False,
            "features": list(THEME_FEATURES),
            "palette": {"scheme": "default", "primary": "indigo", "accent": "indigo"},
        },
        "markdown_extensions": [{name: dict(opts)} for name, opts in REQUIRED_EXTENSIONS.items()],
        "plugins": ["search", "tags", {"quizgen": {"raw_html": raw_html}}],
        "validation": {
            "omitted_files": "info",
            "absolute_links": "info",
            "unrecognized_links": "info",
            "anchors": "info",
        },
    }
