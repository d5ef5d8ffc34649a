"""The review page: question, reveal, rating forms, undo, escaping, links to the notes."""

from __future__ import annotations

import re


def test_page_shows_question_answer_buttons_and_counts(review_page):
    page = review_page.open().text
    assert "Lambda runs up to [...] with up to 10 GB" in page
    assert "<strong>15 minutes</strong>" in page
    for label in ("Again", "Hard", "Good", "Easy"):
        assert f"<span>{label}</span>" in page
    assert "<small>10m</small><span>Good</span>" in page
    assert 'class="count new" title="new cards left today"><b>8</b> new<' in page
    assert 'href="/notes/aws/compute/lambda/#limits"' in page
    assert "<span>aws › compute</span>" in page and "<span>Limits</span>" in page
    assert (
        'src="/static/review.js"' in page
        and "<script>" not in page.split("<body>")[1].split('src="/static/review.js"')[0]
    )


def test_card_html_is_escaped(review_page):
    first = review_page.open(note="aws/sqs.md").text
    assert "Max SQS message size?" in first
    review_page.answer("4", first, note="aws/sqs.md")
    page = review_page.open(note="aws/sqs.md").text
    assert "SQS &lt;script&gt;alert(1)&lt;/script&gt;?" in page
    assert "<script>alert" not in page


def test_answer_form_records_and_moves_on(review_page, stored):
    response = review_page.answer("3")
    assert response.status_code == 302 and response.headers["Location"] == "/review"
    (review,) = stored()
    assert review["card_id"] == "lam-1" and review["duration_ms"] == 1200
    assert "Lambda cold start?" in review_page.open().text or "10 GB" in review_page.open().text


def test_double_submit_of_the_form_records_once(review_page, stored):
    page = review_page.open().text
    assert review_page.answer("3", page).status_code == 302
    assert review_page.answer("3", page).status_code == 302
    assert len(stored()) == 1


def test_scope_survives_the_answer(review_page, stored):
    page = review_page.open(deck="aws").text
    assert 'name="deck" value="aws"' in page
    response = review_page.answer("4", page, deck="aws")
    assert response.headers["Location"] == "/review?deck=aws"


def test_form_without_csrf_is_refused_with_a_message(review_page, stored):
    response = review_page.answer("3", csrf_token="")
    assert response.status_code == 403
    assert "CSRF token is missing" in response.text
    assert stored() == []


def test_bad_rating_and_unknown_card_on_the_form(review_page, stored):
    bad = review_page.answer("9")
    assert bad.status_code == 400 and "rating must be" in bad.text
    unknown = review_page.answer("3", card_id="no-such-card")
    assert unknown.status_code == 404 and "no card" in unknown.text
    empty = review_page.answer("3", card_id="")
    assert empty.status_code == 400
    odd = review_page.answer("3", version="abc")
    assert odd.status_code == 400 and "version" in odd.text
    assert stored() == []


def test_undo_form_puts_the_card_back(review_page, stored):
    review_page.answer("1")
    page = review_page.open().text
    assert "Undo last review" in page
    assert review_page.undo(page).status_code == 302
    assert review_page.undo(page).status_code == 409
    assert stored()[0]["undone_ms"] is not None
    assert "Lambda runs up to [...]" in review_page.open().text


def test_reveal_without_javascript(review_page):
    page = review_page.open(reveal="1").text
    assert 'data-state="answer"' in page


def test_done_page_when_nothing_is_left(app, review_page):
    app.config["NEW_PER_DAY"] = 0
    page = review_page.open().text
    assert "Done for now" in page and 'name="card_id"' not in page


def test_home_redirects_to_review(client):
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"] == "/review"


def test_unknown_page_is_a_404_page(client):
    response = client.get("/nothing-here")
    assert response.status_code == 404 and "Something is not right" in response.text


def test_static_files_are_served_locally(client):
    assert client.get("/static/review.js", buffered=True).status_code == 200
    css = client.get("/static/app.css", buffered=True)
    assert css.status_code == 200 and "http" not in css.text


def test_the_counters_say_what_they_count(review_page):
    page = review_page.open().text
    counters = re.findall(r'<span class="count (\w+)"[^>]*><b>(\d+)</b> ([\w ]+)</span>', page)
    assert [(kind, words) for kind, _number, words in counters] == [
        ("new", "new"),
        ("learning", "learning"),
        ("due", "to review"),
    ]
    assert [int(number) for _kind, number, _words in counters] == [8, 0, 0]


def test_the_breadcrumb_does_not_repeat_the_question(review_page, card_folder, reviewer):
    from quizgen.cards import Card, CardFile, CardType

    card = Card(
        id="q-1",
        type=CardType.BASIC,
        front="AWS Quotas › Lambda — Quota: **Memory**",
        back="128 MB to 10,240 MB",
        context=("AWS Quotas", "Lambda"),
    )
    card_folder.write({"q.yml": CardFile(cards=(card,), note="q.md", title="AWS Quotas")})
    assert reviewer.post("/api/sync").json["total"] == 1
    page = review_page.open(reveal="1").text
    crumbs = re.search(r'<nav class="breadcrumb"[^>]*>(.*?)</nav>', page, re.S)
    assert crumbs is not None and crumbs.group(1).strip() == ""
    assert "Open in notes: AWS Quotas › Lambda</a>" in page
    assert "AWS Quotas › AWS Quotas" not in page
