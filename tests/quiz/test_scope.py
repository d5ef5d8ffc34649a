"""Scope filters: deck, tag, note and heading."""

from __future__ import annotations

import pytest

from quizgen.quiz import in_deck, select_cards


def _ids(pairs) -> set[str]:
    return {card.id for _, card in pairs}


def test_no_scope_keeps_every_card(pairs) -> None:
    assert len(select_cards(pairs)) == len(pairs) == 19


@pytest.mark.parametrize(
    ("deck", "count"),
    [("aws", 17), ("AWS", 17), ("aws::appendix", 6), ("aws/appendix", 6), ("aw", 0), ("", 19)],
)
def test_deck_is_a_prefix_on_whole_parts(pairs, deck: str, count: int) -> None:
    assert len(select_cards(pairs, deck=deck)) == count


def test_tag_matches_card_or_note_tags_and_nested_tags(pairs) -> None:
    assert _ids(select_cards(pairs, tag="acronyms")) == {"own-1"}
    assert len(select_cards(pairs, tag="#exam")) == 2
    assert len(select_cards(pairs, tag="serverless")) == 6
    assert select_cards(pairs, tag="server") == []


def test_note_is_the_source_note_path(pairs) -> None:
    assert len(select_cards(pairs, note="aws/sqs.md")) == 11
    assert select_cards(pairs, note="sqs.md") == []


def test_heading_is_the_anchor_or_a_context_heading(pairs) -> None:
    assert _ids(select_cards(pairs, heading="polling")) == {
        "sqs-long-polling",
        "sqs-short-polling",
        "sqs-wait",
    }
    assert _ids(select_cards(pairs, heading="Visibility timeout")) == {"sqs-visibility-cloze"}
    assert len(select_cards(pairs, heading="#quotas")) == 7


def test_scopes_combine(pairs) -> None:
    found = select_cards(pairs, deck="aws", tag="messaging", heading="Failures")
    assert _ids(found) == {"sqs-dlq"}


def test_in_deck() -> None:
    assert in_deck("aws-certs::appendix", "aws-certs")
    assert not in_deck("aws-certs-old", "aws-certs")
    assert in_deck("", "")
    assert not in_deck("", "aws")
