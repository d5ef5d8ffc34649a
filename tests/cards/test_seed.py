"""The user's own Lambda note (fixtures/seed-aws-lambda.md, see fixtures/NOTICE.txt)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from quizgen import load_vault
from quizgen.cards import CardType, Origin, extract_note

SEED = Path(__file__).parent / "fixtures" / "seed-aws-lambda.md"
SHARED_SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "aws-lambda.md"


@pytest.fixture(scope="module")
def cards(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seed")
    shutil.copy(SEED, folder / "aws-lambda.md")
    vault = load_vault(folder)
    return list(extract_note(vault.notes["aws-lambda.md"], vault)[0].cards)


def of(cards, origin):
    return [card for card in cards if card.origin is origin]


def test_the_copy_is_the_users_note():
    if not SHARED_SEED.exists():
        pytest.skip("the original seed note lives in ../shared, present only in CI")
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_quotas_become_number_clozes(cards):
    texts = [re.sub(r"\{\{c\d+::", "{{", card.text) for card in of(cards, Origin.QUANTITY)]
    assert any("{{500 and 3000}} instances per minute" in text for text in texts)
    assert any("additional {{500}} instances per minute" in text for text in texts)
    assert any("(status code {{429}})" in text for text in texts)
    assert all(card.type is CardType.CLOZE for card in of(cards, Origin.QUANTITY))


def test_concurrency_mode_table_gives_one_card_per_row(cards):
    rows = of(cards, Origin.TABLE)
    keys = ["On-demand scaling", "Provisioned", "Reserved Capacity"]
    assert [card.front.split("**")[1] for card in rows] == keys
    assert all(card.anchor == "concurrency" for card in rows)
    assert "500 per minute" in rows[0].back


def test_runtime_traits(cards):
    listed = [card for card in of(cards, Origin.LIST) if "**" in card.front]
    traits = {card.front.split("**")[1]: card.back for card in listed}
    assert "fast to initialize" in traits["both Python and Node.js"]
    assert "slower to initialize" in traits["Java/C#"]
    assert "start-up and execution" in traits["Go"]


def test_bold_term_design_rules(cards):
    terms = {card.front.split("**")[1]: card.back for card in of(cards, Origin.DEFINITION)}
    for rule in (
        "Favour on-demand over batches",
        "Orchestration",
        "Idempotency",
        "Monoliths vs Fine grained functions",
        "Avoid functions calling functions",
    ):
        assert terms[rule].strip(), rule
    assert "Avoid synchronous waiting" not in terms  # nothing below it says what it means


def test_the_question_and_its_answer(cards):
    (question,) = of(cards, Origin.QUESTION)
    assert question.front.endswith("Can Lambda-based applications work in multiple Regions?")
    assert question.back.startswith("Lambda functions can be deployed in multiple Regions")
    assert question.context == ("AWS Lambda", "Gotchas")


# Facts the note states in plain prose, which earlier rules left without a card: (words the
# question shows, words its answer holds).
PROSE_FACTS = [
    (["Shared Responsiblity", "Availability Zones"], ["direct control"]),
    (["Shared Responsiblity", "should be stored in"], ["AWS Secrets Manager"]),
    (["Manage SDK Versions", "To lock an SDK version"], ["Lambda layer"]),
    (["Autoscaling", "over direct RDS connections"], ["RDS Proxy"]),
    (["that routes events based upon rules"], ["serverless event bus"]),
    (["reserved concurrency", "even if the overall capacity"], ["invoked"]),
    (["Secrets", "to encrypt environment variables"], ["KMS"]),
]


@pytest.mark.parametrize(("shown", "hidden"), PROSE_FACTS)
def test_prose_facts_get_a_card(cards, shown, hidden):
    asked = [
        (question.replace("[...]", " "), answer)
        for card in cards
        for question, answer in _questions(card)
    ]
    assert any(
        all(word in question for word in shown) and all(word in answer for word in hidden)
        for question, answer in asked
    ), asked


def _questions(card):
    """(what the learner sees, what they must recall) for each question a card asks."""
    if card.type is not CardType.CLOZE:
        yield " ".join([*card.context, card.front]), card.back
        return
    numbers = sorted(set(re.findall(r"\{\{c(\d+)::", card.text)))
    for number in numbers:
        answer = " ".join(re.findall(rf"\{{\{{c{number}::(.*?)\}}\}}", card.text))
        shown = re.sub(rf"\{{\{{c{number}::.*?\}}\}}", "[...]", card.text)
        shown = re.sub(r"\{\{c\d+::(.*?)\}\}", r"\1", shown)
        yield " ".join([*card.context, shown]), answer
