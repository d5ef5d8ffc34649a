"""The card lint: each rule fires on the shape it names and not on a near miss; `quizgen check`
reports it (text and JSON) and `quizgen cards` never writes a card with markup left in it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from quizgen.cards import Card, CardFile, CardType, Origin, write_card_files
from quizgen.cards.lint import RULES, card_faults, lint_file
from quizgen.cli import main
from quizgen.vault import load_vault


def basic(front: str, back: str) -> Card:
    return Card(id="a", type=CardType.BASIC, front=front, back=back, line=3)


def cloze(text: str) -> Card:
    return Card(id="a", type=CardType.CLOZE, text=text, line=3)


FAULTY = [
    (basic("Lambda › [[AWS Lambda|Lambda]] limits", "15 minutes"), "card-link"),
    (basic("Lambda › limits", "see ![[diagram.png]]"), "card-link"),
    (cloze("[!important] Lambda runs for {{c1::15 minutes}}"), "card-callout"),
    (cloze("The limit is =={{c1::5 GB}} per ==object"), "card-highlight"),
    (basic("S3 › limits", "<span>5 TB</span> per object"), "card-html"),
    (basic("S3 › owner", "rating:: 10 and more"), "card-field"),
    (basic("S3 › owner", "status::draft"), "card-field"),
    (basic("S3 › limits", "5 TB <!-- check -->"), "card-html"),
    (
        basic("CloudFormation › Fn::Join", "joins values").with_changes(origin=Origin.LIST),
        "card-separator",
    ),
    (
        basic("IPv6 › **`fd00::/8`**", "the usable ULA range").with_changes(origin=Origin.LIST),
        "card-separator",
    ),
    (
        cloze("Most men with **{{c1::renal disease** (ESRD)}} ...").with_changes(
            origin=Origin.STATEMENT
        ),
        "card-cut-mark",
    ),
    (basic("Where are the S3 docs", "https://docs.aws.amazon.com/s3/"), "card-url-answer"),
    (basic("S3 › **Bucket**", "**"), "card-empty"),
    (cloze("Nothing is hidden {{c1:: }} here"), "card-empty"),
    (basic("SQS › **Amazon SQS**", "Amazon SQS"), "card-echo"),
    (
        cloze("DynamoDB › Backups: {{c1::Point-in-time recovery restores any second}}"),
        "card-cloze-whole",
    ),
]
FINE = [
    basic("What does `[[link]]` mean in Obsidian", "A wiki-link"),
    basic("What does `a == b` test", "equality"),
    basic("Water's formula", "H<sub>2</sub>O"),
    basic("Where are logs kept", "In CloudWatch Logs, see https://x.example/logs"),
    cloze("Snowball Edge: {{c1::100 TB}}, {{c2::52 vCPU}}"),
    cloze("Glacier Deep Archive: standard {{c1::12 hours}} retrieval"),
    cloze("A hint: {{c1::Amazon SQS::queue}} decouples producers from consumers."),
    cloze("Most men with **{{c1::renal disease}}** (ESRD)").with_changes(origin=Origin.STATEMENT),
    cloze("A **{{c1::low** TSH}} is what I marked").with_changes(origin=Origin.EXPLICIT),
    basic("SQS › **Visibility timeout**", "30 seconds by default"),
    basic("What does SQS stand for", "Simple Queue Service").with_changes(origin=Origin.EXPLICIT),
]


@pytest.mark.parametrize(("card", "code"), FAULTY)
def test_each_rule_fires(card, code):
    assert code in card_faults(card)


@pytest.mark.parametrize("card", FINE)
def test_near_misses_are_fine(card):
    assert card_faults(card) == []


def test_same_front_twice_in_a_note_is_reported_once_at_the_second():
    cards = (basic("SQS › **Queue**", "a"), basic("SQS › **queue**", "b").with_changes(line=9))
    found = lint_file(CardFile(cards=cards, note="sqs.md"))
    assert [(d.code, d.line) for d in found] == [("card-same-front", 9)]
    assert "line 3" in found[0].message


def test_every_rule_is_documented():
    text = (Path(__file__).parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
    assert [code for code in RULES if f"`{code}`" not in text] == []


NOTE = """# Lambda

> [!important] Lambda can run for 15 minutes

[!tip] The longest a function runs::15 minutes

Lambda functions scale to 1000 concurrent executions by default.
"""


def test_check_reports_the_lint_in_text_and_json(tmp_path):
    (tmp_path / "lambda.md").write_text(NOTE, encoding="utf-8")
    runner = CliRunner()
    text = runner.invoke(main, ["check", "--notes", str(tmp_path)])
    # The callout's marker never reaches a card (blocks.py reads it as the quote's title);
    # a marker written outside a quote stays in the card written around it: the lint catches it.
    assert "lambda.md:5: warning:" in text.output and "[card-callout]" in text.output
    assert "lambda.md:3:" not in text.output
    result = runner.invoke(main, ["check", "--notes", str(tmp_path), "--format", "json"])
    codes = {(d["path"], d["line"], d["code"]) for d in json.loads(result.stdout)}
    assert ("lambda.md", 5, "card-callout") in codes


def test_cards_with_markup_are_not_written_and_are_reported(tmp_path):
    notes, out = tmp_path / "notes", tmp_path / "cards"
    notes.mkdir()
    (notes / "lambda.md").write_text(NOTE, encoding="utf-8")
    report = write_card_files(load_vault(notes), out)
    written = yaml.safe_load((out / "lambda.yml").read_text(encoding="utf-8"))["cards"]
    texts = [card.get("text", "") + card.get("front", "") for card in written]
    assert texts and not any("[!" in t or "==" in t for t in texts)
    assert any("1000" in t for t in texts)
    dropped = {(d.line, d.code) for d in report.diagnostics}
    assert (5, "card-callout") in dropped
