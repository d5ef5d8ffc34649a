"""The `quizgen` command: help on every verb, `check` output and exit codes, docs in sync."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen.cli import main

BAD = Path(__file__).parent / "fixtures" / "bad"
LINKS = Path(__file__).parent / "fixtures" / "links"
VERBS = sorted(main.commands)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_the_verbs_the_user_asked_for():
    assert VERBS == ["anki", "build", "cards", "check", "serve", "site"]


@pytest.mark.parametrize("verb", VERBS)
def test_every_verb_has_help(verb):
    result = run(verb, "--help")
    assert result.exit_code == 0
    assert main.commands[verb].help
    assert "--help" in result.output
    if verb != "anki":
        assert "--notes" in result.output


@pytest.mark.parametrize("verb", VERBS)
def test_every_verb_is_documented(root, verb):
    reference = (root / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"quizgen {verb}" in reference
    assert f"quizgen {verb}" in (root / "README.md").read_text(encoding="utf-8")


def test_check_prints_every_diagnostic_and_fails_on_errors():
    result = run("check", "--notes", str(BAD))
    assert result.exit_code == 1
    for line in (BAD / "expected.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            where, code = line.split()
            assert any(
                where + ":" in out and f"[{code}]" in out for out in result.output.splitlines()
            )


def test_check_json_is_a_list_of_diagnostics():
    result = run("check", "--notes", str(BAD), "--format", "json")
    problems = json.loads(result.stdout)
    assert result.exit_code == 1
    assert {p["code"] for p in problems} >= {"not-utf8", "bad-front-matter", "embed-loop"}
    assert all({"path", "line", "message", "severity"} <= set(p) for p in problems)


def test_check_passes_with_only_warnings():
    result = run("check", "--notes", str(LINKS))
    assert result.exit_code == 0
    assert "ambiguous-link" in result.output


def test_check_on_the_knowledge_base_reports_nothing(root):
    result = run("check", "--notes", str(root / "notes"), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_missing_notes_folder_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["check", "--notes", str(tmp_path / "nope")])
    assert result.exit_code != 0
    assert "does not exist" in result.output


def test_serve_says_when_the_site_is_missing_or_older_than_the_notes(tmp_path, monkeypatch):
    import webapp

    served = []
    monkeypatch.setattr(webapp, "serve", lambda **options: served.append(options))
    notes, site = tmp_path / "notes", tmp_path / "site"
    notes.mkdir()
    (notes / "sqs.md").write_text("# SQS\n", encoding="utf-8")
    arguments = ("serve", "--notes", str(notes), "--site", str(site))

    missing = CliRunner().invoke(main, list(arguments))
    assert "no built site" in missing.output and len(served) == 1

    site.mkdir()
    (site / "index.html").write_text("<html></html>", encoding="utf-8")
    os.utime(notes / "sqs.md", (2_000_000_000, 2_000_000_000))  # edited after the build
    stale = CliRunner().invoke(main, list(arguments))
    assert "1 note(s) changed" in stale.output and "sqs.md" in stale.output

    os.utime(notes / "sqs.md", (1_000_000_000, 1_000_000_000))
    fresh = CliRunner().invoke(main, list(arguments))
    assert "warning" not in fresh.output and len(served) == 3
