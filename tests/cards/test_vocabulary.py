"""The vault's own words: its brand (a word in many note titles) names no term of it."""

from __future__ import annotations

import shutil
from pathlib import Path

from quizgen import load_vault
from quizgen.cards import extract_vault
from quizgen.cards.vocabulary import vault_brands

BRAND = Path(__file__).parent / "vaults" / "brand"


def _vault(tmp_path: Path):
    shutil.copytree(BRAND, tmp_path / "notes")
    return load_vault(tmp_path / "notes")


def test_a_word_in_most_titles_is_the_vaults_brand(tmp_path):
    assert vault_brands(_vault(tmp_path)) == frozenset({"aws"})


def test_a_list_item_opening_with_the_brand_is_not_asked_as_about_it(tmp_path):
    found = extract_vault(_vault(tmp_path))
    cards = found.files["AWS ECS.yml"].cards
    fronts = [card.front for card in cards]
    assert not any("**AWS**" in front for front in fronts), fronts
    assert any("**Fargate**" in card.front for card in cards), fronts  # a term of its own is
