"""Cards: the records, their YAML files, and rendering of their sides."""

from .files import CardSet, dump_card_file, load_card_files, read_card_file
from .model import Card, CardFile, CardType, Origin
from .render import cloze_answer, cloze_numbers, cloze_question, render_markdown

__all__ = [
    "Card",
    "CardFile",
    "CardSet",
    "CardType",
    "Origin",
    "cloze_answer",
    "cloze_numbers",
    "cloze_question",
    "dump_card_file",
    "load_card_files",
    "read_card_file",
    "render_markdown",
]
