"""Which files of the vault the site publishes: its notes and the files they link to.

MkDocs would publish every file of `docs_dir` it finds by following symlinks, out of the vault
too; the site takes the vault's own list instead (see `quizgen/walk.py`). A file that is
neither a note nor linked from one (a `Dockerfile`, `package-lock.json`) is left out unless a
`publish_files` pattern names it, or the mkdocs.yml uses it (`extra_css`, a logo).
"""

from __future__ import annotations

import os
from fnmatch import fnmatch

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..links import Target
from ..vault import Vault

__all__ = ["linked_files", "published_files"]


def published_files(
    files: Files, config: MkDocsConfig, vault: Vault, patterns: list[str] | tuple[str, ...] = ()
) -> Files:
    """MkDocs' files with those of `docs_dir` replaced by the vault's notes and linked files."""
    docs = os.path.abspath(config.docs_dir)
    kept = [file for file in files if not _walked(file, docs)]
    wanted = linked_files(vault) | _used_by_config(config)
    chosen = [path for path in sorted(vault.attachments) if _published(path, wanted, patterns)]
    root = str(vault.root)
    kept += [_note_file(path, root, config, vault) for path in vault.notes]
    kept += [File(path, root, config.site_dir, config.use_directory_urls) for path in chosen]
    return Files(kept)


def linked_files(vault: Vault) -> set[str]:
    """Every attachment some note links to or embeds."""
    return {
        result.path
        for results in vault.resolved.values()
        for result in results
        if result.kind is Target.ATTACHMENT and result.path
    }


def _published(path: str, wanted: set[str], patterns: list[str] | tuple[str, ...]) -> bool:
    """True for a linked attachment or one a `publish_files` pattern names."""
    return path in wanted or any(fnmatch(path, pattern) for pattern in patterns)


def _walked(file: File, docs: str) -> bool:
    """True for a file MkDocs found in docs_dir (theme and generated files are not)."""
    return file.src_dir is not None and os.path.abspath(file.src_dir) == docs


def _used_by_config(config: MkDocsConfig) -> set[str]:
    """Files of docs_dir that mkdocs.yml itself uses: extra CSS and JavaScript, logo, favicon."""
    used = {str(item) for item in config.extra_css}
    used |= {str(getattr(item, "path", item)) for item in config.extra_javascript}
    used |= {str(config.theme.get(key)) for key in ("logo", "favicon") if config.theme.get(key)}
    return used


def _note_file(path: str, root: str, config: MkDocsConfig, vault: Vault) -> File:
    """A note's file; a README.md beside an index.md becomes the page README/ (not the index)."""
    file = File(path, root, config.site_dir, config.use_directory_urls)
    folder, _, name = path.rpartition("/")
    beside = f"{folder}/index.md" if folder else "index.md"
    if name == "README.md" and beside in vault.notes:
        file.dest_uri = path.removesuffix(".md") + "/index.html"
    return file

