"""Fixture files: each `.md` beside the card file (`.yml`) and problems (`.problems`) expected.

A `.toml` beside a note is the vault's `quizgen.toml` (explicit-card settings) for that case.
Set QUIZGEN_UPDATE_FIXTURES=1 to rewrite the expectations after a deliberate rule change, then
read the diff before committing it.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from quizgen import load_vault
from quizgen.cards import dump_card_file, extract_note

FIXTURES = Path(__file__).parent / "fixtures"
CASES = sorted(path.stem for path in FIXTURES.glob("*.md"))
UPDATE = os.environ.get("QUIZGEN_UPDATE_FIXTURES") == "1"


def extracted(name: str, tmp_path: Path) -> tuple[str, str]:
    """Card file text and problem lines for one fixture note, read as a one-note vault."""
    shutil.copy(FIXTURES / f"{name}.md", tmp_path / f"{name}.md")
    if (FIXTURES / f"{name}.toml").is_file():
        shutil.copy(FIXTURES / f"{name}.toml", tmp_path / "quizgen.toml")
    vault = load_vault(tmp_path)
    card_file, problems = extract_note(vault.notes[f"{name}.md"], vault)
    # The source hash includes the rules' code version; fixtures pin the cards, not the version.
    return dump_card_file(replace(card_file, source_hash="")), "".join(
        f"{problem}\n" for problem in problems
    )


@pytest.mark.parametrize("name", CASES)
def test_fixture(name, tmp_path):
    cards, problems = extracted(name, tmp_path)
    expected_cards = FIXTURES / f"{name}.yml"
    expected_problems = FIXTURES / f"{name}.problems"
    if UPDATE:
        expected_cards.write_text(cards, encoding="utf-8")
        if problems:
            expected_problems.write_text(problems, encoding="utf-8")
        else:
            expected_problems.unlink(missing_ok=True)
    assert cards == expected_cards.read_text(encoding="utf-8")
    wanted = expected_problems.read_text(encoding="utf-8") if expected_problems.exists() else ""
    assert problems == wanted
