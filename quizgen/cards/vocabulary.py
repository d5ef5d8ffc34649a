"""The vault's own vocabulary: the terms its notes name, which prose clozes favour hiding.

Note titles, aliases and file names, headings and bold terms anywhere in the vault. A single
common English word (`Overview`, `Links`, `Pricing`) is left out: it names no term.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .words import FUNCTION_WORDS, rarity

if TYPE_CHECKING:
    from ..note import Note
    from ..vault import Vault

__all__ = ["vault_terms"]

_MAX_WORDS = 5
_COMMON_WORD = 4.5  # Zipf: a one-word term more common than this names nothing in particular


def vault_terms(vault: Vault) -> frozenset[str]:
    """The key terms of a vault, lower-case; worked out once per loaded vault."""
    found: frozenset[str] = vault.derived("key terms", lambda: _terms(vault))
    return found


def _terms(vault: Vault) -> frozenset[str]:
    """Every note's names and bold terms that are terms."""
    found: set[str] = set()
    for note in vault.notes.values():
        found.update(_note_terms(note))
    return frozenset(term for term in found if _is_term(term))


def _note_terms(note: Note) -> list[str]:
    """What one note names: its title, aliases, file name, headings and bold terms."""
    names = [note.title, *note.aliases, note.name, *(heading.text for heading in note.headings)]
    for token in note.tokens:
        children = token.children or []
        for index, child in enumerate(children[:-2]):
            if child.type == "strong_open" and children[index + 2].type == "strong_close":
                names.append(children[index + 1].content)
    return [" ".join(name.casefold().split()).strip(" :.") for name in names]


def _is_term(term: str) -> bool:
    """A short name, not a common word on its own nor a sentence."""
    words = term.split()
    if not words or len(words) > _MAX_WORDS or all(word in FUNCTION_WORDS for word in words):
        return False
    return len(words) > 1 or rarity(term) < _COMMON_WORD
