"""Where notes and files end up on the site, and links between them."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import quote

__all__ = ["href", "page_url", "page_urls"]


def page_url(note_path: str, directory_urls: bool = True, readme_is_index: bool = False) -> str:
    """A note's URL from the site root: 'a/b.md' -> 'a/b/' or 'a/b.html'; 'index.md' -> ''."""
    stem = note_path.removesuffix(".md")
    folder, _, name = stem.rpartition("/")
    folder = folder + "/" if folder else ""
    if name == "index" or (name == "README" and readme_is_index):
        return folder if directory_urls else folder + "index.html"
    return stem + "/" if directory_urls else stem + ".html"


def page_urls(paths: Iterable[str], directory_urls: bool = True) -> dict[str, str]:
    """URL of every note; a README.md is its folder's index unless an index.md is beside it."""
    paths = list(paths)
    indexes = {p.removesuffix("index.md") for p in paths if p.rpartition("/")[2] == "index.md"}
    return {
        path: page_url(path, directory_urls, path.removesuffix("README.md") not in indexes)
        for path in paths
    }


@lru_cache(maxsize=65536)
def href(from_url: str, to_url: str, anchor: str | None = None) -> str:
    """Relative, percent-encoded href from one page URL to another page or file URL."""
    here = from_url[:-1] if from_url.endswith("/") else from_url.rpartition("/")[0]
    relative = _relative(to_url, here)
    if not to_url or to_url.endswith("/"):
        relative = "./" if relative == "." else relative + "/"
    link = quote(relative, safe="/.")
    return f"{link}#{anchor}" if anchor else link


def _relative(to_url: str, here: str) -> str:
    """`posixpath.relpath(to_url, here)` for normalised site paths, without its overhead.

    Site URLs have no `.`/`..` parts, so the path is found from the common leading folders.
    """
    target = [part for part in to_url.split("/") if part]
    source = [part for part in here.split("/") if part]
    common = 0
    for ours, theirs in zip(source, target, strict=False):
        if ours != theirs:
            break
        common += 1
    return "/".join([".."] * (len(source) - common) + target[common:]) or "."
