"""The rules' fingerprint: a change to any module that decides cards re-extracts every note."""

from __future__ import annotations

from pathlib import Path

from quizgen.cards import extract

CARDS = Path(extract.__file__).parent
# Modules that only read or write card files: a change there decides no card.
NOT_RULES = {"__init__", "write"}


def test_every_rules_module_is_in_the_fingerprint():
    modules = {path.stem for path in CARDS.glob("*.py")} - NOT_RULES
    assert modules <= set(extract._RULE_MODULES), modules - set(extract._RULE_MODULES)


def test_every_fingerprinted_module_exists():
    for name in extract._RULE_MODULES:
        assert (CARDS / f"{name}.py").is_file(), name
