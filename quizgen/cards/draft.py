"""What a rule finds before it becomes a Card: sides, origin, the key its id comes from."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import CardType, Origin

__all__ = ["Draft", "finished", "first_sentences", "paired_marks", "sentences"]

# A sentence ends at . ! or ? followed by a space and a capital, a digit, a bracket or emphasis.
# An italic or bold run may close right after the stop (`*... keys.* *There is ...*`): its
# marks go with the split, and `paired_marks` writes them again around what they covered.
_SENTENCE_END = re.compile(r"(?<=[.!?])(?:[*_]{1,2}(?=\s))?\s+(?=[A-Z0-9\[*`(\"'])")
_TRAILING = ("...", "…")  # an ellipsis: the author's sentence breaks off
_ABBREVIATION = re.compile(
    r"(?:\b(?:e\.g|i\.e|eg|ie|etc|vs|approx|incl|min|max|no)\.|\b[A-Z]\."
    r"|\b(?:St|Dr|Mr|Mrs|Ms|Jr|Sr|Prof|Gen|Fig|Mt|Ft|Rev|Sgt|Capt|Lt|Col)\.)$"  # `St. Teresa`
)


@dataclass(frozen=True)
class Draft:
    """A card as a rule sees it; `key` is the question side the id is made from."""

    origin: Origin
    type: CardType
    key: str
    line: int
    front: str = ""
    back: str = ""
    text: str = ""
    about: str = ""  # what the list item it came from is about (its parent item or lead-in)
    context: tuple[str, ...] | None = None  # headings shown above it, when not its line's own


def sentences(text: str) -> list[str]:
    """Split Markdown text into sentences, keeping abbreviations such as `e.g.` whole."""
    found: list[str] = []
    for part in _SENTENCE_END.split(text):
        if found and _ABBREVIATION.search(found[-1]):
            found[-1] = f"{found[-1]} {part}"
        else:
            found.append(part)
    return [paired_marks(s.strip()) for s in found if s.strip()]


def paired_marks(sentence: str) -> str:
    """A sentence cut out of an italic or bold run, its run's mark written on both sides."""
    if "*" not in sentence:
        return sentence
    if sentence.count("**") % 2:
        sentence = _paired(sentence, "**")
    if sentence.replace("**", "").count("*") % 2:
        sentence = _paired(sentence, "*")
    return sentence


def _paired(sentence: str, mark: str) -> str:
    """`**Bold run.` -> `**Bold run.**`, `Second part.**` -> `**Second part.**`."""
    if sentence.startswith(mark) and not sentence.startswith(mark + "*"):
        return sentence + mark
    if sentence.endswith(mark) and not sentence.endswith("*" + mark):
        return mark + sentence
    return sentence


def finished(parts: list[str]) -> list[str]:
    """The sentences before one the author left unfinished (`Adds in...`)."""
    cut = next((i for i, part in enumerate(parts) if part.rstrip("*_ ").endswith(_TRAILING)), None)
    return parts if cut is None or cut == 0 else parts[:cut]


def first_sentences(text: str, short: int = 40) -> str:
    """The first sentence, plus the next one when the first is very short."""
    parts = finished(sentences(text))
    if not parts:
        return ""
    if len(parts[0]) < short and len(parts) > 1:
        return f"{parts[0]} {parts[1]}"
    return parts[0]
