"""Writing card files: same bytes on an unchanged vault, and the user's curation survives."""

from __future__ import annotations

import yaml

from quizgen import load_vault
from quizgen.cards import write as write_module
from quizgen.cards import write_card_files

NOTE = """---
title: Amazon SQS
tags: [aws]
---
# Amazon SQS

**Visibility timeout** means the time a received message stays hidden from other consumers.

**Long polling** means a receive call that waits for a message instead of returning at once.
"""


def setup(make_vault, tmp_path, notes=None):
    vault = make_vault(notes or {"aws/sqs.md": NOTE})
    out = tmp_path / "cards"
    return vault, out, write_card_files(vault, out)


def read(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def edit(path, change):
    data = read(path)
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def reload(tmp_path, text=None):
    if text is not None:
        (tmp_path / "notes" / "aws" / "sqs.md").write_text(text, encoding="utf-8")
    return load_vault(tmp_path / "notes")


def test_first_run_writes_one_file_per_note(make_vault, tmp_path):
    _, out, report = setup(make_vault, tmp_path)
    assert report.paths == [out / "aws" / "sqs.yml"]
    assert (report.cards, report.changed) == (2, 1)
    assert read(out / "aws" / "sqs.yml")["note"] == "aws/sqs.md"


def test_unchanged_vault_changes_no_byte_and_extracts_nothing(make_vault, tmp_path, monkeypatch):
    vault, out, _ = setup(make_vault, tmp_path)
    before = (out / "aws" / "sqs.yml").read_bytes()
    calls = []
    monkeypatch.setattr(write_module, "extract_note", lambda *a: calls.append(a))
    report = write_card_files(vault, out)
    assert (report.changed, report.cards, calls) == (0, 2, [])
    assert (out / "aws" / "sqs.yml").read_bytes() == before


def test_suspended_card_stays_suspended_after_the_note_changes(make_vault, tmp_path):
    _, out, _ = setup(make_vault, tmp_path)
    edit(out / "aws" / "sqs.yml", lambda d: d["cards"][0].update(suspended=True))
    changed = NOTE.replace("stays hidden from", "is invisible to")
    report = write_card_files(reload(tmp_path, changed), out)
    cards = read(out / "aws" / "sqs.yml")["cards"]
    assert report.changed == 1
    assert cards[0]["suspended"] is True
    assert "invisible" in cards[0]["back"]


def test_hand_edit_is_kept_until_the_fact_changes(make_vault, tmp_path):
    _, out, _ = setup(make_vault, tmp_path)
    edit(out / "aws" / "sqs.yml", lambda d: d["cards"][0].update(back="My own words."))
    # Another part of the note changes: the edited card keeps the user's words.
    other = NOTE.replace("instead of returning at once", "rather than returning at once")
    write_card_files(reload(tmp_path, other), out)
    assert read(out / "aws" / "sqs.yml")["cards"][0]["back"] == "My own words."
    # The fact itself changes in the note: the new generated text replaces the edit.
    changed = other.replace("stays hidden from", "is invisible to")
    write_card_files(reload(tmp_path, changed), out)
    assert "invisible" in read(out / "aws" / "sqs.yml")["cards"][0]["back"]


def test_unknown_fields_and_manual_cards_are_kept(make_vault, tmp_path):
    _, out, _ = setup(make_vault, tmp_path)

    def add(data):
        data["cards"][0]["note_to_self"] = "check the docs"
        data["cards"].append({"id": "mine1", "type": "basic", "front": "Q", "back": "A"})

    edit(out / "aws" / "sqs.yml", add)
    write_card_files(reload(tmp_path, NOTE.replace("at once", "immediately")), out)
    cards = read(out / "aws" / "sqs.yml")["cards"]
    assert cards[0]["note_to_self"] == "check the docs"
    assert cards[-1]["id"] == "mine1" and cards[-1]["front"] == "Q"


def test_hand_written_files_are_never_touched(make_vault, tmp_path):
    out = tmp_path / "cards"
    (out / "aws").mkdir(parents=True)
    mine = "title: Mine\ncards:\n- {id: x1, type: basic, front: Q, back: A}\n"
    (out / "mine.yml").write_text(mine, encoding="utf-8")
    (out / "aws" / "sqs.yml").write_text(mine, encoding="utf-8")
    report = write_card_files(make_vault({"aws/sqs.md": NOTE}), out)
    assert (out / "mine.yml").read_text(encoding="utf-8") == mine
    assert (out / "aws" / "sqs.yml").read_text(encoding="utf-8") == mine
    assert [d.code for d in report.diagnostics] == ["card-file-taken"]


def test_broken_card_file_is_reported_not_rewritten(make_vault, tmp_path):
    _, out, _ = setup(make_vault, tmp_path)
    broken = "note: aws/sqs.md\ncards: [unclosed\n"
    (out / "aws" / "sqs.yml").write_text(broken, encoding="utf-8")
    report = write_card_files(reload(tmp_path, NOTE + "\nMore.\n"), out)
    assert (out / "aws" / "sqs.yml").read_text(encoding="utf-8") == broken
    assert [d.code for d in report.diagnostics] == ["bad-card-file"]


def test_cards_of_a_deleted_note_go_unless_curated(make_vault, tmp_path):
    other = "**Topic** means a named channel that messages are published to.\n"
    vault, out, _ = setup(make_vault, tmp_path, {"aws/sqs.md": NOTE, "aws/sns.md": other})
    edit(out / "aws" / "sqs.yml", lambda d: d["cards"][1].update(suspended=True))
    kept = (out / "aws" / "sqs.yml").read_text(encoding="utf-8")
    for name in ("sqs.md", "sns.md"):
        (tmp_path / "notes" / "aws" / name).unlink()
    (tmp_path / "notes" / "index.md").write_text("Home.\n", encoding="utf-8")
    report = write_card_files(reload(tmp_path), out)
    assert not (out / "aws" / "sns.yml").exists()
    assert (out / "aws" / "sqs.yml").read_text(encoding="utf-8") == kept
    assert [d.code for d in report.diagnostics] == ["orphan-cards"]


def test_a_moved_note_with_an_id_takes_its_curation_along(make_vault, tmp_path):
    text = NOTE.replace("title: Amazon SQS", "title: Amazon SQS\nid: sqs")
    _, out, _ = setup(make_vault, tmp_path, {"aws/sqs.md": text})
    edit(out / "aws" / "sqs.yml", lambda d: d["cards"][0].update(suspended=True))
    (tmp_path / "notes" / "aws" / "sqs.md").unlink()
    (tmp_path / "notes" / "queues.md").write_text(text, encoding="utf-8")
    report = write_card_files(reload(tmp_path), out)
    assert not (out / "aws" / "sqs.yml").exists()
    assert read(out / "queues.yml")["cards"][0]["suspended"] is True
    assert report.diagnostics == []


def test_curated_card_whose_fact_left_the_note_is_kept_with_a_warning(make_vault, tmp_path):
    _, out, _ = setup(make_vault, tmp_path)
    edit(out / "aws" / "sqs.yml", lambda d: d["cards"][1].update(back="Edited."))
    without = NOTE.split("**Long polling**")[0]
    report = write_card_files(reload(tmp_path, without), out)
    cards = read(out / "aws" / "sqs.yml")["cards"]
    assert [card["back"] for card in cards][-1] == "Edited."
    assert [d.code for d in report.diagnostics] == ["stale-card"]


def test_a_rule_failing_on_one_note_keeps_its_file_and_the_others_go_on(
    make_vault, tmp_path, monkeypatch
):
    other = NOTE.replace("Amazon SQS", "Amazon SNS")
    vault, out, _ = setup(make_vault, tmp_path, {"aws/sqs.md": NOTE, "aws/sns.md": other})
    before = (out / "aws" / "sqs.yml").read_bytes()
    real = write_module.extract_note

    def failing(note, vault=None):
        if note.path == "aws/sqs.md":
            raise IndexError("pop from empty list")
        return real(note, vault)

    monkeypatch.setattr(write_module, "extract_note", failing)
    (out / "aws" / "sns.yml").unlink()
    vault = reload(tmp_path, NOTE + "\n**Dead-letter queue** means where failed messages go.\n")
    report = write_card_files(vault, out)
    failed = [d for d in report.diagnostics if d.code == "card-rules-failed"]
    assert [(d.path, d.severity.value) for d in failed] == [("aws/sqs.md", "error")]
    assert "IndexError" in failed[0].message
    assert (out / "aws" / "sqs.yml").read_bytes() == before
    assert read(out / "aws" / "sns.yml")["note"] == "aws/sns.md"
