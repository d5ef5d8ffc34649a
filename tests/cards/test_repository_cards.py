"""The repository's cards/ folder holds exactly what `quizgen cards` makes from notes/."""

from __future__ import annotations

from quizgen import load_vault
from quizgen.cards import write_card_files


def test_cards_folder_is_up_to_date(root, tmp_path):
    report = write_card_files(load_vault(root / "notes"), tmp_path)
    assert report.diagnostics == []
    fresh = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in tmp_path.rglob("*.yml")}
    kept = {
        p.relative_to(root / "cards").as_posix(): p.read_bytes()
        for p in (root / "cards").rglob("*.yml")
    }
    stale = sorted(name for name in fresh if kept.get(name) != fresh[name])
    assert not stale, (
        f"cards/ is out of date, run `quizgen cards --notes notes --out cards`: {stale}"
    )
    assert sorted(kept) == sorted(fresh)


def test_check_reports_extraction_problems(tmp_path):
    from quizgen.cli import card_problems  # what `quizgen check` adds to the vault's problems

    (tmp_path / "n.md").write_text("Which port does HTTPS use?\n?\n\nLater.\n", encoding="utf-8")
    problems = [str(problem) for problem in card_problems(load_vault(tmp_path))]
    assert problems == [
        "n.md:1: warning: flashcard has an empty answer; write text on both sides of the "
        "separator [empty-side]"
    ]
