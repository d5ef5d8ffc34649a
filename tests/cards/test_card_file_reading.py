"""Reading card files: the fast reader agrees with PyYAML and hand edits read as meant."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen.cards import Card, CardFile, CardType, dump_card_file, read_card_file
from quizgen.cards.files import parse_yaml

REPOSITORY_CARDS = Path(__file__).resolve().parents[2] / "cards"
# Text that tempts a YAML writer: types of YAML 1.1, quotes, colons, comment signs, blank lines.
TRICKY = st.text(
    alphabet=st.sampled_from(list("ab:#-'\"\\ \n\t|>{}[],&*!%@`?yesnoYNO01.~éEex+_o") + ["\u00a0"]),
    max_size=30,
) | st.sampled_from(
    [
        "yes",
        "no",
        "on",
        "off",
        "~",
        "null",
        "1.0",
        "010",
        "2024-01-01",
        "1_000",
        "1e5",
        "0o17",
        "1.0e5",
        ".inf",
        "0x1F",
        "0b11",
    ]
)


def test_repository_card_files_read_the_same_as_with_pyyaml():
    paths = sorted(REPOSITORY_CARDS.rglob("*.yml"))
    assert paths, "the repository's cards/ folder holds card files"
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert parse_yaml(text) == yaml.safe_load(text), path


@settings(max_examples=300, deadline=None)
@given(front=TRICKY, back=TRICKY, context=st.lists(TRICKY, max_size=3), tag=TRICKY)
def test_written_card_files_read_back_the_same(front, back, context, tag):
    card = Card("c1", CardType.BASIC, front=front, back=back, context=tuple(context))
    text = dump_card_file(CardFile(cards=(card,), note="n.md", title=front, tags=(tag,)))
    assert parse_yaml(text) == yaml.safe_load(text)


def test_suspended_yes_and_no_read_as_meant(tmp_path):
    path = tmp_path / "hand.yml"
    cards = "".join(
        f"- {{id: c{i}, type: basic, front: q, back: a, suspended: {flag}}}\n"
        for i, flag in enumerate(["yes", "no", "true", "false", "on", "off", "Yes", "NO"])
    )
    path.write_text(f"title: Hand\ncards:\n{cards}", encoding="utf-8")
    card_file, problems = read_card_file(path)
    assert problems == []
    assert [card.suspended for card in card_file.cards] == [True, False] * 4


def test_yaml_words_stay_words_in_card_text(tmp_path):
    path = tmp_path / "hand.yml"
    path.write_text("cards:\n- {id: c1, front: yes, back: 010}\n", encoding="utf-8")
    card_file, _ = read_card_file(path)
    assert (card_file.cards[0].front, card_file.cards[0].back) == ("yes", "010")


def test_a_broken_file_is_reported_with_its_line(tmp_path):
    path = tmp_path / "broken.yml"
    path.write_text("title: x\ncards:\n- id: c1\n  front: [unclosed\n", encoding="utf-8")
    card_file, problems = read_card_file(path, "broken.yml")
    assert card_file is None
    assert [(p.path, p.code) for p in problems] == [("broken.yml", "bad-card-file")]
    assert problems[0].line >= 4
    assert path.read_text(encoding="utf-8").endswith("[unclosed\n")


def test_what_only_pyyaml_accepts_is_still_read(tmp_path):
    path = tmp_path / "dup.yml"
    # ryaml refuses a repeated key; PyYAML keeps the last, as it did before.
    path.write_text("title: one\ntitle: two\ncards: []\n", encoding="utf-8")
    card_file, problems = read_card_file(path)
    assert problems == [] and card_file.title == "two"
