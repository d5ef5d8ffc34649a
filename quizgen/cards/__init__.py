"""Cards: extraction from notes, the records, their YAML files, and rendering of their sides."""

from .extract import Extraction, card_path, extract_note, extract_vault
from .files import CardSet, dump_card_file, load_card_files, read_card_file
from .model import Card, CardFile, CardType, Origin
from .render import cloze_answer, cloze_numbers, cloze_question, render_markdown
from .write import WriteReport, write_card_files

__all__ = [
    "Card",
    "CardFile",
    "CardSet",
    "CardType",
    "Extraction",
    "Origin",
    "WriteReport",
    "card_path",
    "cloze_answer",
    "cloze_numbers",
    "cloze_question",
    "dump_card_file",
    "extract_note",
    "extract_vault",
    "load_card_files",
    "read_card_file",
    "render_markdown",
    "write_card_files",
]
