"""quizgen: Obsidian-style notes into a site, cards, Anki decks and a quiz app."""

from .diagnostics import Diagnostic, Severity
from .links import Resolution, Target, resolve_link
from .note import Block, Heading, Note, WikiLink
from .vault import Vault, load_vault

__all__ = [
    "Block",
    "Diagnostic",
    "Heading",
    "Note",
    "Resolution",
    "Severity",
    "Target",
    "Vault",
    "WikiLink",
    "load_vault",
    "resolve_link",
]
