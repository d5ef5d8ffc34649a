"""`build_site`: a whole notes site from a loaded vault, with no mkdocs.yml of its own."""

from __future__ import annotations

import html
import io
import logging
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from ..cards import CardSet
from ..vault import Vault
from .config import site_config
from .plugin import QuizgenPlugin

__all__ = ["build_site"]


def build_site(
    vault: Vault,
    out_dir: str | Path,
    *,
    site_url: str | None = None,
    app_url: str | None = None,
    cards: CardSet | None = None,
    site_name: str | None = None,
    raw_html: bool = False,
    publish_files: tuple[str, ...] | list[str] = (),
) -> Path:
    """Build the static site of a vault into `out_dir` with MkDocs + Material; returns out_dir.

    `publish_files`: glob patterns of vault files to publish even when no note links them;
    `raw_html`: keep the notes' HTML as written (scripts included: see docs/site.md, Security).
    """
    out = Path(out_dir)
    home = vault.notes.get("index.md") or vault.notes.get("README.md")
    # A note's title is text; the theme shows the site name unescaped.
    site_name = site_name or html.escape(home.title if home else Path(vault.root).resolve().name)
    # MkDocs walks its docs_dir following every symlink (a `loop -> .` never ends): it is given
    # an empty folder, and the plugin adds the vault's own files (see `published.py`).
    with tempfile.TemporaryDirectory(prefix="quizgen-docs-") as empty:
        settings = site_config(
            Path(empty), out, site_url=site_url, site_name=site_name, raw_html=raw_html
        )
        config = load_config(io.StringIO(""), **settings)
        plugin = config.plugins["quizgen"]
        assert isinstance(plugin, QuizgenPlugin)
        plugin.vault, plugin.vault_given = vault, True
        plugin.cards, plugin.cards_given = cards, True
        plugin.config.app_url = app_url
        plugin.config.publish_files = list(publish_files)
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
        build(config)
    return out
