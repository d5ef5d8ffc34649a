"""Anki export: card files -> one `.apkg` that re-imports in place (genanki only)."""

from .models import MODELS, NoteType
from .notes import REMOVED_TAG, AnkiNote
from .package import ExportReport, deck_id, export_package, write_package

__all__ = [
    "MODELS",
    "REMOVED_TAG",
    "AnkiNote",
    "ExportReport",
    "NoteType",
    "deck_id",
    "export_package",
    "write_package",
]
