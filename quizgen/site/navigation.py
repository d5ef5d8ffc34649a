"""Navigation whose size does not grow with the folder.

MkDocs renders the whole navigation tree into every page; with `navigation.prune` Material
still lists every sibling of the page, so in a folder of 2,612 notes each page carried 889 KB
of navigation and the site grew with the square of its size. Here each page gets a navigation
of its own: the folders on the way to it (with at most `FOLDERS` of their sub-folders), and in
its own folder only the `WINDOW` notes before and after it, with links to the folder's page
for the rest. Every folder has a page listing all it holds (see `folders.py`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from .folders import Folders

__all__ = ["FOLDERS", "WINDOW", "SiteNavigation"]

WINDOW = 10  # notes shown before and after the page, in its folder
FOLDERS = 15  # sub-folders shown before and after the open one, in one folder


@dataclass
class SiteNavigation:
    """The pages of a build by source path, to make each page's own navigation from."""

    folders: Folders
    pages: dict[str, Page]
    homepage: Page | None = None
    _folder_pages: dict[str, str] = field(default_factory=dict)
    _places: dict[tuple[str, str], int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._folder_pages = {page: folder for folder, page in self.folders.pages.items()}
        # Where each note stands in its folder: `list.index` per page made the build quadratic.
        self._places = {
            (folder, note): place
            for folder, notes in self.folders.notes.items()
            for place, note in enumerate(notes)
        }

    def for_page(self, page: Page) -> Navigation:
        """The navigation shown on `page`: its folders, their sub-folders, its neighbour notes."""
        src = page.file.src_uri
        folder = self._folder_pages.get(src, src.rsplit("/", 1)[0] if "/" in src else "")
        items = self._items("", _path_to(folder), src)
        if self.homepage is not None:
            items.insert(0, self.homepage)
        navigation = Navigation(items, [item for item in _walk(items) if isinstance(item, Page)])
        navigation.homepage = self.homepage
        return navigation

    def folder_of(self, src: str) -> str | None:
        """The folder whose page this is, or None for a page that is no folder's."""
        return self._folder_pages.get(src)

    def leaves_out(self, folder: str) -> bool:
        """True when the navigation cannot show all of a folder's notes or sub-folders."""
        notes = self.folders.notes.get(folder, [])
        subfolders = self.folders.subfolders.get(folder, [])
        return len(notes) > 2 * WINDOW + 1 or len(subfolders) > 2 * FOLDERS + 1

    def _items(self, folder: str, path: list[str], src: str) -> list[StructureItem]:
        """The entries of one folder: sub-folders (the one on the way open), then notes."""
        subfolders = self.folders.subfolders.get(folder, [])
        ahead = next((sub for sub in subfolders if sub in path), None)
        start, end = _window(len(subfolders), subfolders.index(ahead) if ahead else 0, FOLDERS)
        items: list[StructureItem] = []
        if start:
            items.append(self._more(folder, start, "folders"))
        items += [self._folder(sub, path, src, open_=sub == ahead) for sub in subfolders[start:end]]
        if end < len(subfolders):
            items.append(self._more(folder, len(subfolders) - end, "more folders"))
        return items + self._notes(folder, path, src)

    def _folder(self, folder: str, path: list[str], src: str, open_: bool) -> Section:
        """A folder: its page first (Material makes it the folder's link), open on the way."""
        index = self.pages.get(self.folders.pages[folder])
        children: list[StructureItem] = [index] if index is not None else []
        if open_:
            children += self._items(folder, path, src)
        section = Section(self.folders.title(folder), children)
        section.active = open_
        return section

    def _notes(self, folder: str, path: list[str], src: str) -> list[StructureItem]:
        """The folder's notes around the page (in its own folder), or its first ones (above it)."""
        notes = self.folders.notes.get(folder, [])
        if folder == path[-1]:
            start, end = _window(len(notes), self._places.get((folder, src), 0), WINDOW)
        else:
            start, end = 0, min(len(notes), WINDOW)
        items: list[StructureItem] = []
        if start:
            items.append(self._more(folder, start, "earlier notes"))
        items += [self.pages[p] for p in notes[start:end] if p in self.pages]
        if end < len(notes):
            items.append(self._more(folder, len(notes) - end, "more notes"))
        return items

    def _more(self, folder: str, count: int, what: str) -> Link:
        """A link to the folder's page, which lists everything the navigation leaves out."""
        index = self.pages.get(self.folders.pages[folder])
        return Link(f"{count:,} {what}…", index.url if index is not None else "")


def _window(total: int, center: int, half: int) -> tuple[int, int]:
    """[start, end) of at most 2 * half + 1 entries around `center`."""
    start = max(0, min(center - half, total - 2 * half - 1))
    return start, min(total, start + 2 * half + 1)


def _path_to(folder: str) -> list[str]:
    """The folders from the top ('') down to `folder`."""
    parts = folder.split("/") if folder else []
    return [""] + ["/".join(parts[: end + 1]) for end in range(len(parts))]


def _walk(items: list[StructureItem]) -> Iterator[StructureItem]:
    """Every item of a navigation tree."""
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])
