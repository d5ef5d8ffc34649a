"""Which notes' pages a change of the vault touches, from the vault before and after it.

A note's page shows its own text, the notes it embeds (to `embed_depth`), where its links
land, and the titles of the notes linking to it (its backlinks). So a change of some notes
touches their own pages, the pages of notes whose links now land elsewhere or whose
backlinks differ, the notes their titles are shown on, and every note embedding them.
Navigation, folder lists, tags and card counts are compared page by page in `partial.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

from ..links import Target
from ..vault import Vault

__all__ = ["touched_notes"]


def touched_notes(old: Vault, new: Vault, reread: Iterable[str]) -> set[str]:
    """Paths of the notes of `new` whose pages may read differently than in `old`."""
    changed = {path for path in reread if path in new.notes}
    added = set(new.notes) - set(old.notes)
    removed = set(old.notes) - set(new.notes)
    touched = changed | added
    touched |= _links_moved(old, new)
    retitled = {p for p in changed if p in old.notes and old.notes[p].title != new.notes[p].title}
    for path in retitled | added | removed:
        touched |= _targets(old, path) | _targets(new, path)
    if added or removed:
        touched |= _mentioning(new, added | removed)
    touched |= _embedding(old, new, changed | added | removed)
    return touched & set(new.notes)


def _links_moved(old: Vault, new: Vault) -> set[str]:
    """Notes whose links land elsewhere, or whose backlinks differ, after the change."""
    moved = set()
    for path in new.notes:
        links = old.resolved.get(path) != new.resolved.get(path)
        if links or old.backlinks.get(path, []) != new.backlinks.get(path, []):
            moved.add(path)
    return moved


def _targets(vault: Vault, path: str) -> set[str]:
    """The notes a note links to: its title is in their backlinks."""
    return {r.path for r in vault.resolved.get(path, []) if r.kind is Target.NOTE and r.path}


def _mentioning(vault: Vault, paths: set[str]) -> set[str]:
    """Notes whose text names a file that came or went (a Markdown link may now land)."""
    names = {PurePosixPath(path).name for path in paths}
    return {p for p, note in vault.notes.items() if any(name in note.source for name in names)}


def _embedding(old: Vault, new: Vault, paths: set[str]) -> set[str]:
    """Every note showing one of these notes in place, directly or through other embeds."""
    found: set[str] = set()
    todo = list(paths)
    while todo:
        shown = todo.pop()
        for vault in (old, new):
            for source in vault.backlinks.get(shown, []):
                if source not in found and _embeds(vault, source, shown):
                    found.add(source)
                    todo.append(source)
    return found


def _embeds(vault: Vault, source: str, shown: str) -> bool:
    """True when `source` embeds `shown` (a link with `!`)."""
    note = vault.notes.get(source)
    if note is None:
        return False
    return any(link.embed and found.path == shown for link, found in vault.links_of(note))
