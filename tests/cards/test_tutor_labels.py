"""Cards of real notes against what a tutor labelled, scored by the shared tools CI scores with.

`../shared/labels/aws-saa-notes.yml` holds the facts a tutor would card on 25 notes of the real
corpus; `../shared/tools/score_cards.py` scores a cards folder against it and
`../shared/tools/junk_check.py` flags cards no tutor would keep. Both exist only beside CI.
The floors below are where the rules stand (the aim is recall 0.90); a change that loses
facts or adds junk fails here.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from quizgen import load_vault
from quizgen.cards import write_card_files

SHARED = Path(__file__).resolve().parents[3] / "shared"
LABELS = SHARED / "labels" / "aws-saa-notes.yml"
TOOLS = SHARED / "tools"
SEED = Path(__file__).parent / "fixtures" / "seed-aws-lambda.md"
RECALL_FLOOR = 0.81
MOST_QUESTIONS_PER_FACT = 2.0


def _tool(name: str, *args: Path) -> str:
    """Run one of the shared scoring tools and return what it printed."""
    if not (TOOLS / name).exists():
        pytest.skip(f"{TOOLS / name} not found: ../shared/ exists only in CI")
    done = subprocess.run(
        [sys.executable, str(TOOLS / name), *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _cards_of(notes: Path, out: Path) -> Path:
    write_card_files(load_vault(notes), out)
    return out


@pytest.fixture(scope="module")
def corpus_cards(corpus, tmp_path_factory) -> Path:
    return _cards_of(corpus, tmp_path_factory.mktemp("corpus-cards"))


def _questions(cards_dir: Path, notes: set[str]) -> int:
    """Questions a learner is asked from these notes: one per cloze number, two for a reverse."""
    count = 0
    for note in notes:
        data = yaml.safe_load((cards_dir / note).with_suffix(".yml").read_text(encoding="utf-8"))
        for card in data["cards"]:
            if card["type"] == "cloze":
                count += len(set(re.findall(r"\{\{c(\d+)::", card["text"])))
            else:
                count += 2 if card["type"] == "reverse" else 1
    return count


def test_recall_on_the_tutors_facts(corpus_cards, capsys):
    if not LABELS.exists():
        pytest.skip(f"{LABELS} not found: ../shared/ exists only in CI")
    report = _tool("score_cards.py", corpus_cards, LABELS)
    summary = dict(re.findall(r"(\w+)=([\d./]+)", report.strip().splitlines()[-1]))
    facts = yaml.safe_load(LABELS.read_text(encoding="utf-8"))["facts"]
    per_fact = _questions(corpus_cards, {fact["note"] for fact in facts}) / len(facts)
    with capsys.disabled():
        print(f"\ntutor labels: {report.strip().splitlines()[-1]} questions/fact={per_fact:.2f}")
    assert float(summary["recall"]) >= RECALL_FLOOR, report
    assert summary["forbidden"] == "0" and summary["junk"] == "0", report
    assert per_fact <= MOST_QUESTIONS_PER_FACT


def test_no_card_of_the_corpus_is_flagged_as_junk(corpus_cards):
    report = _tool("junk_check.py", corpus_cards)
    assert report.strip().endswith("rate=0.000"), report


@pytest.mark.parametrize("notes", ["notes", "seed"])
def test_no_card_of_our_notes_or_the_seed_is_flagged_as_junk(notes, root, tmp_path):
    if notes == "seed":
        folder = tmp_path / "seed"
        folder.mkdir()
        (folder / SEED.name).write_bytes(SEED.read_bytes())
    else:
        folder = root / "notes"
    report = _tool("junk_check.py", _cards_of(folder, tmp_path / "cards"))
    assert report.strip().endswith("rate=0.000"), report
