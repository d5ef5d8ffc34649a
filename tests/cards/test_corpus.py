"""The real Obsidian vault: every note is extracted, and no card is junk by construction."""

from __future__ import annotations

import re

import pytest

from quizgen import load_vault
from quizgen.cards import CardType, cloze_answer, extract_vault

# Text that only code, addresses or Dataview fields contain; a card side holding it came from them.
JUNK = re.compile(r"arn:aws:[\w-]*:|\[::-1\]|::=|(?<![\w:])::1\b|fe80::|^\w+:: ", re.MULTILINE)


@pytest.fixture(scope="module")
def extraction(corpus):
    vault = load_vault(corpus)
    return vault, extract_vault(vault)


def test_every_note_is_extracted(extraction):
    vault, found = extraction
    assert len(vault.notes) == 189
    assert len(found.files) == len(vault.notes)
    assert sum(len(f.cards) for f in found.files.values()) > 100


def test_no_card_has_an_empty_side_or_comes_from_code(extraction):
    vault, found = extraction
    fences = {path: _code_lines(note) for path, note in vault.notes.items()}
    for card_file in found.files.values():
        assert card_file.note is not None
        for card in card_file.cards:
            where = f"{card_file.note}:{card.line}"
            if card.type is CardType.CLOZE:
                assert cloze_answer(card.text).strip() and "{{c" in card.text, where
            else:
                assert card.front.strip() and card.back.strip(), where
            assert card.line not in fences[card_file.note], where
            assert not JUNK.search(f"{card.front}\n{card.back}\n{card.text}"), where


def _code_lines(note):
    """1-based lines inside fenced or indented code (not a list pasted with `•` bullets)."""
    lines = set()
    for token in note.tokens:
        pasted = token.type == "code_block" and all(
            line.strip().startswith("•") for line in token.content.splitlines() if line.strip()
        )
        if token.type in ("fence", "code_block") and token.map and not pasted:
            lines |= set(range(token.map[0] + 1, token.map[1] + 1))
    return lines
