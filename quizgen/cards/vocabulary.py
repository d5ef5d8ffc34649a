"""The vault's own vocabulary: the terms its notes name, which prose clozes favour hiding.

Note titles, aliases and file names, headings and bold terms anywhere in the vault. A single
common English word (`Overview`, `Links`, `Pricing`) is left out: it names no term.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from .words import FUNCTION_WORDS, rarity

if TYPE_CHECKING:
    from ..note import Note
    from ..vault import Vault

__all__ = ["vault_brands", "vault_terms"]

_MAX_WORDS = 5
_BRAND_SHARE = 0.15  # share of the note titles a word stands in: `AWS` in `AWS Lambda`, `AWS S3`
_BRAND_NOTES = 10  # notes a vault needs before a word counts as its brand
_COMMON_WORD = 4.5  # Zipf: a one-word term more common than this names nothing in particular


def vault_terms(vault: Vault) -> frozenset[str]:
    """The key terms of a vault, lower-case; worked out once per loaded vault."""
    found: frozenset[str] = vault.derived("key terms", lambda: _terms(vault))
    return found


def vault_brands(vault: Vault) -> frozenset[str]:
    """Words in many note titles (`AWS`, `Lecture`), lower-case: the vault's subject as a
    whole, so a list item opening with one (`AWS takes care of ...`) is about no term of it."""
    found: frozenset[str] = vault.derived("brand words", lambda: _brands(vault))
    return found


def _brands(vault: Vault) -> frozenset[str]:
    """`vault_brands` worked out."""
    titles = [set(note.title.casefold().split()) for note in vault.notes.values()]
    if len(titles) < _BRAND_NOTES:
        return frozenset()
    counts = Counter(word for words in titles for word in words if word not in FUNCTION_WORDS)
    return frozenset(word for word, count in counts.items() if count >= _BRAND_SHARE * len(titles))


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
