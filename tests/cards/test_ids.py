"""Card ids come from the note and the question side of a fact, never from answers or lines."""

from __future__ import annotations

import re

from quizgen.cards import extract_note

NOTE = """---
title: Amazon SQS
---
# Amazon SQS

## Quotas

| Quota | Value |
| --- | --- |
| Retention | 4 days default, 14 days maximum |

**Visibility timeout** means the time a received message stays hidden from other consumers.

Messages can be kept for at most 14 days in a queue.
"""


def ids(vault, path="aws/sqs.md"):
    card_file, _ = extract_note(vault.notes[path], vault)
    return {card.origin.value: card.id for card in card_file.cards}


def test_ids_are_short_hex(make_vault):
    found = ids(make_vault({"aws/sqs.md": NOTE}))
    assert set(found) == {"table", "definition", "quantity"}
    assert all(re.fullmatch(r"[0-9a-f]{12}", card_id) for card_id in found.values())


def test_editing_answers_and_moving_lines_keeps_ids(make_vault, tmp_path):
    before = ids(make_vault({"aws/sqs.md": NOTE}))
    edited = (
        NOTE.replace("4 days default, 14 days maximum", "1 minute to 14 days")
        .replace("stays hidden from other consumers", "is invisible to the others")
        .replace("at most 14 days", "at most 21 days")
        .replace("## Quotas", "Read on:\n\n## Quotas")
    )
    (tmp_path / "notes" / "aws" / "sqs.md").write_text(edited, encoding="utf-8")
    after = ids(make_vault({}))
    assert after == before


def test_changing_the_question_side_changes_the_id(make_vault, tmp_path):
    before = ids(make_vault({"aws/sqs.md": NOTE}))
    edited = NOTE.replace("| Retention |", "| Message retention |")
    (tmp_path / "notes" / "aws" / "sqs.md").write_text(edited, encoding="utf-8")
    after = ids(make_vault({}))
    assert after["table"] != before["table"]
    assert after["definition"] == before["definition"]


def test_moving_a_note_keeps_ids_only_with_a_front_matter_id(make_vault):
    with_id = NOTE.replace("title: Amazon SQS", "title: Amazon SQS\nid: sqs")
    vault = make_vault({"a/sqs.md": with_id, "b/queues.md": with_id, "c/sqs.md": NOTE})
    assert ids(vault, "a/sqs.md") == ids(vault, "b/queues.md")
    assert ids(vault, "c/sqs.md") != ids(vault, "a/sqs.md")


def test_colliding_ids_get_a_deterministic_suffix(make_vault):
    twice = "# Q\n\nWhat is SQS::A queue\n\nWhat is SQS::A managed queue\n"
    vault = make_vault({"q.md": twice})
    first, _ = extract_note(vault.notes["q.md"], vault)
    second, _ = extract_note(vault.notes["q.md"], vault)
    found = [card.id for card in first.cards]
    assert len(found) == 2 and found[1] == f"{found[0]}-2"
    assert found == [card.id for card in second.cards]
