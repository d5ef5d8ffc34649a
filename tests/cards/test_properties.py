"""Random Markdown never makes extraction raise, and what it makes is well formed: the cards
`quizgen cards` writes never hold `[[`, `]]`, a callout marker or an empty side."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.cards import CardType, extract_note
from quizgen.cards.write import cards_to_write
from quizgen.loader import load_note
from quizgen.syntax import make_parser

PARSER = make_parser()
PIECES = [
    "# ",
    "## ",
    "- ",
    "1. ",
    "> ",
    "| a | b |\n| --- | --- |\n| ",
    "```\n",
    "**",
    "*",
    "==",
    "::",
    ":::",
    "?",
    "??",
    "{{c1::",
    "}}",
    "[[",
    "]]",
    "`",
    "\n",
    "\n\n",
    " ",
    "15 minutes",
    "arn:aws:iam::1:role/x",
    "::1",
    "[::-1]",
    "key:: value",
    "<!--SR:!2024-01-01,3,250-->",
    "means",
    "is",
    ":",
    "Lambda",
    "What?",
    "---\n",
    "^block",
    "#tag",
    "|",
    "\\",
    "1,000 MB",
    "%%",
    "~~",
    "[^1]",
    "^[",
    "<%",
    "$$",
    "$",
    "Q: ",
    "A: ",
    "**Note:** ",
    "1) ",
    "2) ",
    "<br>",
    "There are three types:\n",
    " is delivered only once.",
    " also",
    " hence ",
    "to allow ",
    "eg: ",
    "\t",
    "│",
    "✅ ",
    "$0.40",
    "0.40$ per month",
    "layer 7",
    "1, 10 or 100 Gbps",
    "## Example\n",
    "Here's ",
    "Cluster placement groups\n- ",
    " : ",
    "**Groups are required** ",
]
MARKDOWN = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=40).map(
    "".join
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWN)
def test_random_markdown_never_raises(text):
    note, _ = load_note("random.md", text.encode("utf-8", "surrogatepass"), PARSER)
    card_file, problems = extract_note(note)
    for card in card_file.cards:
        assert card.id and card.line >= 1
        if card.type is CardType.CLOZE:
            assert "{{c" in card.text
        else:
            assert card.front.strip() and card.back.strip()
    assert all(problem.path == "random.md" for problem in problems)


CALLOUT = re.compile(r"\[![\w-]+\]")
VAULT_PIECES = [
    "[[Amazon SQS]]",
    "[[sqs|the queue]]",
    "[[Lambda#Limits]]",
    "![[diagram.png]]",
    "![[other note]]",
    "> [!note] ",
    "> [!important]- Title\n> ",
    "> ",
    "==",
    "==highlighted words==",
    "::",
    ":::",
    ";;",
    "key:: value",
    "\n?\n",
    "\n??\n",
    "`code::x`",
    "```\nFn::Join [[x]]\n```\n",
    "| [[a]] | b |\n| --- | --- |\n| ",
    " | ",
    "- ",
    "  - ",
    "- [ ] ",
    "- [x] ",
    "1. ",
    "A. ",
    "B. ",
    "Answer: B",
    "**",
    "<span>",
    "</span>",
    "https://example.com/a",
    "15 minutes",
    "3 Availability Zones",
    "Lambda",
    " is ",
    " means ",
    ": ",
    "What is it?",
    "# ",
    "## ",
    "\n",
    "\n\n",
    " ",
]
VAULT_MARKDOWN = st.lists(
    st.one_of(st.sampled_from(VAULT_PIECES), st.text(alphabet="ab c.:[]!=", max_size=6)),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(VAULT_MARKDOWN)
def test_written_cards_hold_no_markup_and_no_empty_side(text):
    note, _ = load_note("random.md", text.encode("utf-8"), PARSER)
    card_file, _ = cards_to_write(note)
    for card in card_file.cards:
        sides = [card.text] if card.type is CardType.CLOZE else [card.front, card.back]
        shown = " ".join(sides)
        outside_code = re.sub(r"(`+)(?:(?!\1).)+?\1", " ", shown, flags=re.DOTALL)
        assert "[[" not in outside_code and "]]" not in outside_code, card
        assert not CALLOUT.search(outside_code), card
        assert all(re.search(r"\w", side) for side in sides), card


WORD = st.text(alphabet="abcdefghij", min_size=2, max_size=7)
ONE_LINE = st.tuples(WORD, WORD, st.sampled_from(["::", ":::"])).map(
    lambda parts: (f"What is {parts[0]}", f"the {parts[1]}", parts[2])
)
MULTI_LINE = st.tuples(WORD, WORD).map(lambda parts: (f"Which {parts[0]}", f"a {parts[1]}", "?"))


@settings(max_examples=150, deadline=None)
@given(st.lists(ONE_LINE, max_size=7), MULTI_LINE, st.integers(min_value=0, max_value=7))
def test_cards_on_consecutive_lines_never_merge(one_liners, multi, where):
    """One-line cards, and a `?` card among them, with no blank line: each is its own card.

    (Two `?` cards need a blank line or a one-line card between them, as in the plugin: the
    answer of a `?` card runs to the next card or a blank line.)
    """
    cards = [*one_liners]
    cards.insert(min(where, len(cards)), multi)
    lines = []
    for question, answer, separator in cards:
        if separator == "?":
            lines += [question, "?", answer]
        else:
            lines.append(f"{question}{separator}{answer}")
    note, _ = load_note("cards.md", "\n".join(lines).encode("utf-8"), PARSER)
    made = [(card.front, card.back) for card in extract_note(note)[0].cards]
    assert made == [(question, answer) for question, answer, _ in cards]
