"""What is not study material, note by note: drawings, daily notes, task items, metadata."""

from __future__ import annotations

import pytest

from quizgen.cards import extract_note
from quizgen.cards.study import is_daily_note, is_drawing
from quizgen.loader import load_note
from quizgen.syntax import make_parser

PARSER = make_parser()
FACT = "**Amazon SQS** is a managed message queue that keeps messages for up to 14 days.\n"


def note(path: str, text: str):
    return load_note(path, text.encode("utf-8"), PARSER)[0]


def test_a_drawing_is_known_by_its_front_matter_alone():
    drawing = note("Diagrams/queue.md", f"---\nexcalidraw-plugin: parsed\n---\n{FACT}")
    assert is_drawing(drawing)
    assert extract_note(drawing)[0].cards == ()


@pytest.mark.parametrize(
    ("path", "daily"),
    [
        ("Daily/2025-07-26.md", True),
        ("2025_07_26.md", True),
        ("20250726.md", True),
        ("26-07-2025.md", True),
        ("2025-07-26 SQS deep dive.md", False),
        ("sqs.md", False),
    ],
)
def test_daily_notes_are_named_by_a_date(path, daily):
    assert is_daily_note(note(path, FACT)) is daily


def test_a_daily_note_keeps_only_what_was_written_on_purpose():
    cards = extract_note(note("2025-07-26.md", FACT + "\nWhat is SQS::A queue\n"))[0].cards
    assert [card.origin.value for card in cards] == ["explicit"]


@pytest.mark.parametrize(
    ("path", "kept"),
    [("Templates/New AWS Service.md", []), ("_templates/note.md", [])],
)
def test_a_templates_folder_gives_no_card_with_no_folder_set(path, kept):
    cards = extract_note(note(path, FACT + "\nWhat is SQS::A queue\n"))[0].cards
    assert [card.origin.value for card in cards] == kept


def test_a_note_about_templates_outside_a_templates_folder_is_studied():
    cards = extract_note(note("CloudFormation/templates.md", FACT))[0].cards
    assert cards and cards[0].origin.value != "explicit"


@pytest.mark.parametrize(
    "metadata",
    [
        "URL: https://docs.aws.amazon.com/sqs/",
        "Source: AWS docs\nAuthor: Jane Doe\nCreated: 2024-03-02",
        "- **Reference**: [[SQS FAQ]]",
        "Docs: <https://aws.amazon.com/sqs/>",
        "up:: [[Messaging]]",
    ],
)
def test_metadata_fields_give_no_card(metadata):
    cards = extract_note(note("sqs.md", f"# SQS\n\n{metadata}\n\n{FACT}"))[0].cards
    assert cards and all(card.line == 5 + metadata.count("\n") for card in cards)


def test_a_field_with_a_fact_in_it_is_not_metadata():
    text = "# SQS\n\n- Retention: messages are kept for up to 14 days\n"
    assert extract_note(note("sqs.md", text))[0].cards


def test_a_task_item_and_what_is_nested_in_it_give_no_card():
    text = "# Plan\n\n- [ ] Learn that SQS keeps messages for 14 days\n  - up to 256 KB each\n"
    text += "- Done list: nothing here\n\n" + FACT
    cards = extract_note(note("plan.md", text))[0].cards
    assert cards and {card.line for card in cards}.isdisjoint({3, 4})
