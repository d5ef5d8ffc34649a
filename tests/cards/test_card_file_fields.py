"""Deck, page, tags, context and anchor of extracted cards."""

from __future__ import annotations

import pytest

from quizgen.cards import extract_note, extract_vault

FACT = "**Term** means a short definition of the term.\n"


@pytest.mark.parametrize(
    ("path", "front_matter", "deck", "page"),
    [
        ("index.md", "", "", ""),
        ("top.md", "", "", "top/"),
        ("aws-certs/index.md", "", "aws-certs", "aws-certs/"),
        ("aws-certs/appendix/lambda-internals.md", "", "aws-certs::appendix", None),
        ("x/y.md", "deck: AWS/Serverless\n", "AWS::Serverless", "x/y/"),
        ("x/z.md", "deck: 'AWS :: Exam'\n", "AWS::Exam", "x/z/"),
    ],
)
def test_deck_and_page(make_vault, path, front_matter, deck, page):
    text = f"---\n{front_matter}tags: [aws, two words]\n---\n{FACT}" if front_matter else FACT
    vault = make_vault({path: text})
    card_file, _ = extract_note(vault.notes[path], vault)
    assert card_file.deck == deck
    assert page is None or card_file.page == page
    assert card_file.note == path


def test_card_path_mirrors_the_note(make_vault):
    vault = make_vault({"aws/sqs.md": FACT, "index.md": FACT})
    assert sorted(extract_vault(vault).files) == ["aws/sqs.yml", "index.yml"]


def test_tags_context_and_anchor(make_vault):
    text = (
        "---\ntitle: Lambda\ntags: [aws, Two Words]\n---\n"
        "Intro: **Cold start** means the first call pays for setting up.\n\n"
        "# AWS Lambda\n\n## Scaling\n\n### Burst\n\n"
        "**Burst** means the first jump of concurrency at the start of traffic.\n"
    )
    vault = make_vault({"lambda.md": text})
    card_file, _ = extract_note(vault.notes["lambda.md"], vault)
    assert card_file.tags == ("aws", "Two Words")
    burst = next(card for card in card_file.cards if "Burst" in card.front)
    assert burst.context == ("AWS Lambda", "Scaling", "Burst")
    assert burst.anchor == "burst"
    assert burst.tags == ("aws", "Two-Words")
    assert burst.line == 13


def test_context_starts_with_the_title_when_there_is_no_h1(make_vault):
    text = (
        "---\ntitle: Amazon SQS\n---\n## Polling\n\n**Long polling** means waiting for messages.\n"
    )
    vault = make_vault({"sqs.md": text})
    (card,) = extract_note(vault.notes["sqs.md"], vault)[0].cards
    assert card.context == ("Amazon SQS", "Polling")
    assert card.anchor == "polling"


def test_links_read_as_written_not_as_the_linked_note_title(make_vault):
    vault = make_vault(
        {
            "sqs.md": "---\ntitle: Amazon SQS\n---\n# SQS Introduction\nA queue.\n",
            "lambda.md": "**Queue between functions** means putting [[sqs]] or [[sqs|a queue]] "
            "between them.\n",
        }
    )
    (card,) = extract_note(vault.notes["lambda.md"], vault)[0].cards
    assert card.back == "putting sqs or a queue between them."
