"""Helpers for the card tests: small vaults written into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen import Vault, load_vault


@pytest.fixture
def make_vault(tmp_path):
    """Write notes {rel path: text} under tmp/notes and load them as a vault."""

    def make(notes: dict[str, str]) -> Vault:
        root = tmp_path / "notes"
        for name, text in notes.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return load_vault(root)

    return make


def notes_root(vault: Vault) -> Path:
    """The folder a test vault was loaded from."""
    return vault.root
