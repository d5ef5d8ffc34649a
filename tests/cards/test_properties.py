"""Random Markdown never makes extraction raise, and what it makes is well formed."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.cards import CardType, extract_note
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
