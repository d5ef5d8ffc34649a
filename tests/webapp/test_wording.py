"""Cards in words on pages: trails said once, breadcrumbs that do not repeat the question,
plain text instead of Markdown, one full stop."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from webapp.wording import breadcrumb, full_stop, join_trail, plain_text


def _card(question: str, title: str, context: tuple[str, ...], deck: str = "") -> SimpleNamespace:
    return SimpleNamespace(
        question=question, question_html=f"<p>{question}</p>", title=title, note="n.md",
        context=context, deck=deck,
    )  # fmt: skip


QUOTAS = ("AWS Quotas", "Lambda")


@pytest.mark.parametrize(
    ("card", "expected"),
    [
        # The question says its note and section itself: nothing is left to repeat.
        (_card("AWS Quotas › Lambda — Quota: <b>Memory</b>", "AWS Quotas", QUOTAS), []),
        (_card("AWS Quotas › <b>Soft quota</b>", "AWS Quotas", ("AWS Quotas",)), []),
        (_card("What is SQS?", "SQS", ("SQS", "Basics"), "aws::q"), ["aws › q", "SQS", "Basics"]),
        (_card("Basics of SQS?", "SQS", ("sqs",)), ["SQS"]),
        (_card("SQS › Limits — max size?", "SQS", ("SQS", "Limits"), "aws"), ["aws"]),
    ],
)  # fmt: skip
def test_breadcrumb_leaves_out_what_the_question_says(card, expected):
    assert breadcrumb(card) == expected


def test_a_trail_says_each_part_once():
    assert join_trail("AWS Quotas", "AWS Quotas") == "AWS Quotas"
    assert join_trail("AWS Quotas", "aws  quotas") == "AWS Quotas"
    assert join_trail("AWS Quotas", "Lambda") == "AWS Quotas › Lambda"
    assert join_trail("SQS", "") == "SQS"


@pytest.mark.parametrize(
    ("text", "stop"),
    [("another account.", ""), ("Yes!", ""), ("why?", ""), ("and so on…", ""), ("256 KB", ".")],
)
def test_a_sentence_gets_one_full_stop(text, stop):
    assert full_stop(text) == stop
    assert not (text + full_stop(text)).endswith("..")


def test_plain_text_of_rendered_markdown():
    assert plain_text("<ul><li><strong>REST API</strong>: Yes</li></ul>") == "REST API: Yes"
    listed = "<ul>\n<li><b>REST</b>: Yes</li>\n<li>HTTP: No</li>\n</ul>"
    assert plain_text(listed) == "REST: Yes; HTTP: No"
    assert plain_text("<p>a &lt;b&gt; &amp; c</p>") == "a <b> & c"
