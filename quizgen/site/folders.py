"""The vault's folders as the site shows them: each folder has a page listing its notes.

A folder's page is its `index.md` (or `README.md`) when it has one, else a page generated here.
The list of a folder's notes is grouped by first letter, so a folder of 5,000 notes is still
one page a reader can scan, while the navigation of every note shows only its neighbours (see
`navigation.py`).
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..note import Note
from .urls import href, page_url, page_urls

__all__ = ["Folders", "folder_list"]

_DIGITS = re.compile(r"(\d+)")


@dataclass
class Folders:
    """Folders of the vault that hold notes, with their notes, sub-folders and pages."""

    notes: dict[str, list[str]] = field(default_factory=dict)  # folder -> its own notes
    subfolders: dict[str, list[str]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)  # notes in the folder and below
    pages: dict[str, str] = field(default_factory=dict)  # folder -> the note path of its page
    generated: set[str] = field(default_factory=set)  # folders whose page is made here

    @classmethod
    def of(cls, notes: dict[str, Note]) -> Folders:
        """The folders of these notes, each with the note that is its page or one to generate."""
        folders = cls()
        by_url = {url: path for path, url in page_urls(notes).items()}
        own: dict[str, list[str]] = defaultdict(list)
        for path in notes:
            folder = notes[path].folder
            own[folder].append(path)
            for parent in _parents(folder):
                folders.counts[parent] = folders.counts.get(parent, 0) + 1
        for folder in sorted(folders.counts, key=lambda f: (f.count("/"), f)):
            # index.md, else README.md, else a note named as the folder beside it: one URL.
            index = by_url.get(f"{folder}/" if folder else "")
            folders.pages[folder] = index or _generated_path(folder)
            if index is None:
                folders.generated.add(folder)
            by_title = sorted(own.get(folder, []), key=lambda p: (_reading_order(notes[p].title), p))
            folders.notes[folder] = [p for p in by_title if p != index]
            folders.subfolders.setdefault(folder, [])
            if folder:
                folders.subfolders.setdefault(_parent(folder), []).append(folder)
        return folders

    def title(self, folder: str) -> str:
        """What a folder is called on the site: its own name."""
        return folder.rsplit("/", 1)[-1] if folder else "Home"


def folder_list(folders: Folders, folder: str, notes: dict[str, Note], directory_urls: bool) -> str:
    """HTML listing a folder's sub-folders (with note counts) and notes (grouped by letter)."""
    here = page_url(folders.pages[folder], directory_urls, readme_is_index=True)
    parts = ['<div class="qz-folder" data-search-exclude markdown="0">']
    subfolders = folders.subfolders.get(folder, [])
    if subfolders:
        parts.append(f'<p class="qz-folder-title">Folders ({len(subfolders):,})</p>\n<ul>')
        for sub in subfolders:
            url = href(here, page_url(folders.pages[sub], directory_urls, readme_is_index=True))
            count = folders.counts[sub]
            label = f"{count:,} note{'' if count == 1 else 's'}"
            name = html.escape(folders.title(sub))
            parts.append(f'<li><a href="{url}">{name}</a> <span class="qz-count">{label}</span></li>')
        parts.append("</ul>")
    paths = folders.notes.get(folder, [])
    if paths:
        parts.append(f'<p class="qz-folder-title">Notes ({len(paths):,})</p>')
        parts += _grouped(paths, notes, here, directory_urls)
    parts.append("</div>")
    return "\n".join(parts) + "\n"


def _grouped(paths: list[str], notes: dict[str, Note], here: str, directory_urls: bool) -> list[str]:
    """The notes under one heading per first letter, with a row of letters to jump to."""
    groups: dict[str, list[str]] = defaultdict(list)
    for path in paths:
        first = notes[path].title[:1].upper()
        groups[first if first.isalpha() else "#"].append(path)
    if len(paths) <= 30:
        groups = {"": paths}
    letters = " ".join(f'<a href="#qz-{i}">{html.escape(k)}</a>' for i, k in enumerate(groups))
    lines = [f'<p class="qz-letters">{letters}</p>'] if len(groups) > 1 else []
    for number, (letter, members) in enumerate(groups.items()):
        if letter:
            lines.append(f'<p class="qz-letter" id="qz-{number}">{html.escape(letter)}</p>')
        lines.append("<ul>")
        for path in members:
            url = href(here, page_url(path, directory_urls))
            lines.append(f'<li><a href="{url}">{html.escape(notes[path].title)}</a></li>')
        lines.append("</ul>")
    return lines


def _reading_order(title: str) -> list[tuple[int, int | str]]:
    """Sort key that puts "Note 9" before "Note 10", letters in any case together."""
    return [(0, int(part)) if part.isdigit() else (1, part) for part in _DIGITS.split(title.casefold())]


def _generated_path(folder: str) -> str:
    """Where a generated folder page lives among the notes' paths."""
    return f"{folder}/index.md" if folder else "index.md"


def _parents(folder: str) -> list[str]:
    """The folder and every folder above it, up to the top ('')."""
    found = [""]
    parts = folder.split("/") if folder else []
    for end in range(1, len(parts) + 1):
        found.append("/".join(parts[:end]))
    return found


def _parent(folder: str) -> str:
    """The folder above."""
    return folder.rsplit("/", 1)[0] if "/" in folder else ""
