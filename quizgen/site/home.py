"""The front page of a vault that has no `index.md` or `README.md` at its top.

It says what the vault holds: its folders with their note counts, the notes changed last, its
tags, and the study links note pages have (review, quiz, Anki deck), then the top folder's
own notes. `quizgen serve` mounts the site at `/notes/`, so without it `/notes/` would be a 404.
"""

from __future__ import annotations

import html
import json
import time
from collections import Counter

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from ..note import Note
from .folders import Folders, folder_list
from .urls import href, page_url

__all__ = ["RECENT", "folder_page", "generated_pages", "home_page"]

RECENT = 10  # notes in "Recently changed"
TAGS = 40  # tags shown, the most used first


def home_page(
    title: str,
    notes: dict[str, Note],
    folders: Folders,
    *,
    app_url: str | None = None,
    directory_urls: bool = True,
) -> str:
    """The Markdown of the generated front page."""
    count = len(notes)
    subfolders = len(folders.counts) - 1  # every folder that holds notes, but the top
    summary = f"{count:,} note{'' if count == 1 else 's'}"
    summary += f" in {subfolders:,} folder{'' if subfolders == 1 else 's'}." if subfolders else "."
    parts = [
        f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n",
        f"# {html.escape(title)}\n",
        _study(app_url),
        f'<p class="qz-summary">{summary}</p>\n',
        _recent(notes, directory_urls),
        _tags(notes, directory_urls),
        "## Folders and notes\n",
        folder_list(folders, "", notes, directory_urls),
    ]
    return "\n".join(part for part in parts if part)


def _study(app_url: str | None) -> str:
    """Review, quiz and deck links for the whole vault (none without the app's address)."""
    if app_url is None:
        return ""
    links = [
        f'<a class="qz-review" href="{html.escape(app_url)}review">Review</a>',
        f'<a class="qz-quiz" href="{html.escape(app_url)}quiz">Quiz</a>',
        f'<a class="qz-deck" href="{html.escape(app_url)}deck.apkg" download>Anki deck</a>',
    ]
    return '<div class="qz-study" data-search-exclude>' + " ".join(links) + "</div>\n"


def _recent(notes: dict[str, Note], directory_urls: bool) -> str:
    """The notes changed last, newest first, with their dates."""
    newest = sorted(notes.values(), key=lambda n: (-n.modified, n.path))[:RECENT]
    if not newest:
        return ""
    items = []
    for note in newest:
        url = href("", page_url(note.path, directory_urls))
        day = time.strftime("%Y-%m-%d", time.gmtime(note.modified))
        title = html.escape(note.title)
        items.append(f'<li><a href="{url}">{title}</a> <span class="qz-date">{day}</span></li>')
    return "## Recently changed\n\n" + '<ul class="qz-recent">\n' + "\n".join(items) + "\n</ul>\n"


def _tags(notes: dict[str, Note], directory_urls: bool) -> str:
    """The most used tags with their counts, each linking to the tags page."""
    counts = Counter(tag for note in notes.values() for tag in note.tags)
    if not counts:
        return ""
    url = href("", "tags/" if directory_urls else "tags.html")
    chips = [
        f'<a class="qz-tag" href="{url}">#{html.escape(tag)}</a> <span class="qz-count">{n}</span>'
        for tag, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:TAGS]
    ]
    return "## Tags\n\n" + '<p class="qz-tags">' + " ".join(chips) + "</p>\n"


def folder_page(folders: Folders, folder: str, notes: dict[str, Note], directory_urls: bool) -> str:
    """The Markdown of a generated folder page: its name and what it holds."""
    title = folders.title(folder)
    return "\n".join(
        [
            f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n",
            f"# {html.escape(title)}\n",
            folder_list(folders, folder, notes, directory_urls),
        ]
    )


def generated_pages(
    config: MkDocsConfig, notes: dict[str, Note], folders: Folders, app_url: str | None
) -> list[File]:
    """The front page (when the vault has none) and a page for each folder without its own."""
    urls = config.use_directory_urls
    files = []
    for folder in sorted(folders.generated):
        if folder:
            content = folder_page(folders, folder, notes, urls)
        else:
            content = home_page(config.site_name, notes, folders, app_url=app_url, directory_urls=urls)
        files.append(File.generated(config, folders.pages[folder], content=content))
    return files
