"""Where `::` (or a separator the user set) splits a one-line card, and where it is part of
something else. The fixtures `explicit-*.md` show the same on whole notes."""

from __future__ import annotations

import pytest

from quizgen.cards.separators import find_split

CARDS = [
    ("What port does HTTPS use::443", "::"),
    ("Q::A", "::"),
    ("Q2:::A2", ":::"),
    ("Hund::dog", "::"),
    ("der Hund::the dog", "::"),
    ("Capital of France::Paris", "::"),
    ("What is SQS::A queue", "::"),
    ("In a list item, what does TTL stand for::time to live", "::"),
    ("Spaced question :: spaced answer", "::"),
    ("What is a::b", "::"),
]
NOT_CARDS = [
    "arn:aws:iam::123456789012:role/x",
    "::1 is the loopback",
    "fe80::1ff:fe23:4567:890a",
    "Open http://[::1]:8080/health",
    "https://example.com/a::b",
    "items[::-1]",
    "expr ::= term",
    "Fn::Join",
    "AWS::Region",
    "Use Fn::Join to concatenate values",
    "AWS::AccountId is a pseudo parameter",
    "std::int8_t",
    "The SDK uses std::string here",
    "Set key::value in prose",
    "rating:: 10",
    "category:: Movies",
    "rating::10",
    "[priority:: high]",
    "(due:: tomorrow)",
    "see ::1",
]


@pytest.mark.parametrize(("line", "separator"), CARDS)
def test_a_card_is_split_at_its_separator(line, separator):
    split = find_split(line, True, True, "::", ":::")
    assert split is not None
    start, end, reverse = split
    assert line[start:end] == separator
    assert reverse == (separator == ":::")


@pytest.mark.parametrize("line", NOT_CARDS)
def test_a_separator_inside_something_else_splits_nothing(line):
    assert find_split(line, True, True, "::", ":::") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("What does SQS stand for;;Simple Queue Service", (23, 25, False)),
        ("Which service sends notifications;;;Amazon SNS", (33, 36, True)),
        ("A C loop: for(;;) runs forever", None),
        ("What is SNS::not a card", None),
    ],
)
def test_separators_the_user_set(line, expected):
    assert find_split(line, True, True, ";;", ";;;") == expected
