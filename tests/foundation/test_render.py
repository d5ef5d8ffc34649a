"""Card sides rendered as safe HTML; the plain-text fast path agrees with the full renderer."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen.cards import cloze_answer, cloze_numbers, cloze_question, render_markdown
from quizgen.cards.render import _renderer


def full_render(text: str) -> str:
    html = _renderer().render(text).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40))
def test_fast_path_matches_the_parser(text):
    if "$" not in text:
        assert render_markdown(text) == full_render(text)


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("15 minutes", "15 minutes"),
        ("a < b & c", "a &lt; b &amp; c"),
        ('say "hi"', "say &quot;hi&quot;"),
        ("**1,000** per Region", "<strong>1,000</strong> per Region"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("Cost $x^2$", "Cost \\(x^2\\)"),
        ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
        ("1. first", "<ol>\n<li>first</li>\n</ol>"),
    ],
)
def test_render_markdown(text, html):
    assert render_markdown(text) == html


def test_cloze_helpers():
    text = "Timeout {{c1::15 minutes}}, workflows {{c2::1 year::how long}}."
    assert cloze_numbers(text) == [1, 2]
    assert cloze_question(text, 1) == "Timeout [...], workflows 1 year."
    assert cloze_question(text, 2) == "Timeout 15 minutes, workflows [how long]."
    assert cloze_answer(text) == "Timeout 15 minutes, workflows 1 year."
