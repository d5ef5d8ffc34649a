"""The card lint: every card that breaks a rule a tutor would hold it to, with file, line, code.

Markup rules (`card-link`, `card-callout`, `card-highlight`, `card-html`, `card-field`,
`card-separator`) find Obsidian, HTML or card markup left in a side; `quizgen cards` never
writes such a card, nor one with an empty side (`writable`). The other rules
(`card-url-answer`, `card-empty`, `card-echo`, `card-cloze-whole`, `card-same-front`) are
reported by `quizgen check`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, Severity
from .explicit import normalise
from .extract import extract_vault
from .marks import cuts_a_mark
from .model import Card, CardFile, CardType, Origin
from .render import CLOZE, hides_all
from .settings import read_settings

if TYPE_CHECKING:
    from ..vault import Vault

__all__ = [
    "MARKUP_RULES",
    "NOT_WRITTEN",
    "RULES",
    "card_faults",
    "lint_file",
    "lint_vault",
    "writable",
]

_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1|```.*?```", re.DOTALL)
_CALLOUT = re.compile(r"\[![\w-]+\][+-]?")
_HTML = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")
_INLINE_HTML = {"br", "sub", "sup", "b", "i", "u", "em", "strong", "kbd", "code", "small"}
_FIELD = re.compile(r"(?m)^\s*\w[\w -]{0,30}::\s*\S|[\s\[(][A-Za-z][\w-]{0,30}::\s")
_URL = re.compile(r"^<?(?:https?://|www\.)\S+>?$")
_WORD = re.compile(r"[^\W_]+")

RULES = {
    "card-link": "a wiki-link or embed (`[[`, `]]`, `![[`) is left in the card",
    "card-callout": "a callout marker (`[!note]`) is left in the card",
    "card-highlight": "a highlight's `==` is left in the card",
    "card-html": "an HTML tag is left in the card",
    "card-field": "a Dataview field (`key:: value`) is left in the card",
    "card-separator": "`::` (an explicit card's separator) is left in a question quizgen made",
    "card-cut-mark": "a deletion quizgen made cuts a bold run or code span in two",
    "card-url-answer": "the answer is only a URL",
    "card-empty": "a side of the card is empty",
    "card-echo": "the answer repeats the question",
    "card-cloze-whole": "the cloze hides (almost) the whole sentence: it asks nothing",
    "card-same-front": "another card of this note asks the same question",
}
MARKUP_RULES = frozenset(
    {"card-link", "card-callout", "card-highlight", "card-html", "card-field", "card-separator"}
    | {"card-cut-mark"}
)
NOT_WRITTEN = MARKUP_RULES | {"card-empty"}  # cards `quizgen cards` never writes


# A highlight's mark glued to its words: `==word`, `word==` (not `===`, `!==`, `<==` or ` == `).
_HIGHLIGHT_MARK = re.compile(r"(?<![=!<>\s])==(?!=)|(?<![=!<>])==(?![=\s])")


def card_faults(card: Card) -> list[str]:
    """The codes of the rules one card breaks (the rules that need no other card)."""
    sides = [card.text] if card.type is CardType.CLOZE else [card.front, card.back]
    text = _CODE.sub(" ", "\n".join(sides))
    plain = CLOZE.sub(lambda match: f" {match.group(2)} ", text)
    faults = []
    if "[[" in text or "]]" in text:
        faults.append("card-link")
    if _CALLOUT.search("\n".join(sides)):  # in code too: `> [!INFO]` reads as a leftover marker
        faults.append("card-callout")
    if "==" in plain and _HIGHLIGHT_MARK.search(plain):
        faults.append("card-highlight")  # not a spaced ` == `, which Obsidian shows as it is
    if "<!--" in text or any(m.group(1).lower() not in _INLINE_HTML for m in _HTML.finditer(text)):
        faults.append("card-html")
    if _FIELD.search(CLOZE.sub(" ", text) if card.type is CardType.CLOZE else plain):
        faults.append("card-field")
    elif card.origin is not Origin.EXPLICIT and "::" in card.front:
        faults.append("card-separator")  # in code too: `fc00::/8` reads as a card's separator
    if card.origin is not Origin.EXPLICIT and any(
        cuts_a_mark(match.group(2)) for match in CLOZE.finditer(card.text)
    ):
        faults.append("card-cut-mark")  # `**{{c1::renal disease** (ESRD)}}`: a stray `**`
    return faults + _sense_faults(card)


def _sense_faults(card: Card) -> list[str]:
    """Rules on what the card asks: empty sides, echoes, URL answers, clozes hiding everything."""
    if card.type is CardType.CLOZE:
        deletions = [match.group(2).strip() for match in CLOZE.finditer(card.text)]
        if not deletions or not all(deletions):
            return ["card-empty"]
        if any(_URL.match(deletion) for deletion in deletions):
            return ["card-url-answer"]
        return ["card-cloze-whole"] if hides_all(card.text) else []
    if not _words(card.front) or not _words(card.back):
        return ["card-empty"]
    if _URL.match(card.back.strip()):
        return ["card-url-answer"]
    asked = {normalise(card.front), normalise(card.front.rsplit("›", 1)[-1])}
    return ["card-echo"] if normalise(card.back) in asked else []


def _words(text: str) -> list[str]:
    """The words of a side, without Markdown marks."""
    return _WORD.findall(text)


def lint_file(card_file: CardFile) -> list[Diagnostic]:
    """Every rule every card of one note's file breaks."""
    path = card_file.note or ""
    found = []
    seen: dict[str, Card] = {}
    for card in card_file.cards:
        for code in card_faults(card):
            found.append(_diagnostic(path, card, code, RULES[code]))
        if card.type is CardType.CLOZE:
            continue
        key = normalise(card.front)
        if key in seen:
            message = f"{RULES['card-same-front']} (line {seen[key].line}, card {seen[key].id})"
            found.append(_diagnostic(path, card, "card-same-front", message))
        seen.setdefault(key, card)
    return found


def lint_vault(vault: Vault) -> list[Diagnostic]:
    """The problems of extracting a vault's cards, its card settings and every card's faults."""
    extraction = extract_vault(vault)
    found = read_settings(vault.root)[1] + extraction.diagnostics
    for card_file in extraction.files.values():
        found += lint_file(card_file)
    return sorted(found)


def writable(card_file: CardFile) -> tuple[CardFile, list[Diagnostic]]:
    """A note's generated cards without those with markup left or an empty side; a warning each."""
    kept, dropped = [], []
    for card in card_file.cards:
        faults = NOT_WRITTEN.intersection(card_faults(card))
        if not faults:
            kept.append(card)
            continue
        code = sorted(faults)[0]
        message = f"card not written: {RULES[code]}"
        dropped.append(_diagnostic(card_file.note or "", card, code, message))
    if not dropped:
        return card_file, []
    return replace(card_file, cards=tuple(kept)), dropped


def _diagnostic(path: str, card: Card, code: str, message: str) -> Diagnostic:
    """A lint problem at the card's line, naming the card."""
    shown = " ".join(card.question.split())
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return Diagnostic(
        path, card.line, code, f"{message}: {shown!r} (card {card.id})", Severity.WARNING
    )
