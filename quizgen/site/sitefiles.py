"""Files of a served site changed in place: a reader gets the old file or the new one, never
half of one, and a page that is gone takes its emptied folders with it."""

from __future__ import annotations

import os
import tempfile

__all__ = ["remove_file", "replace_file"]


def replace_file(path: str, data: bytes) -> None:
    """Replace a file of the served site at once: a reader sees the old or the new one."""
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".quizgen-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.remove(temporary)
        raise


def remove_file(path: str, site_dir: str) -> None:
    """Remove a file of the site and the folders it leaves empty."""
    try:
        os.remove(path)
    except FileNotFoundError:
        return
    folder, top = os.path.dirname(path), os.path.abspath(site_dir)
    while folder and os.path.abspath(folder) != top and not os.listdir(folder):
        os.rmdir(folder)
        folder = os.path.dirname(folder)
