"""Open pages follow the notes in real Chromium: the site page reloads, the review page keeps
its card and only updates its counts and says the notes changed."""

from __future__ import annotations

import pytest

expect = pytest.importorskip("playwright.sync_api", reason="playwright is not installed").expect

WAIT_MS = 60_000


def watch_console(page) -> list[str]:
    """Console errors of a page (a script refused by the CSP shows up here)."""
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return errors


def test_an_open_site_page_shows_the_edit(served, page):
    errors = watch_console(page)
    page.goto(served.base + "/notes/lambda/")
    assert "15 minutes" in page.inner_text("article")
    served.write("lambda.md", "# Lambda\n\nMax Lambda timeout::900 seconds\n")
    expect(page.locator("article")).to_contain_text("900 seconds", timeout=WAIT_MS)
    assert errors == []


def test_an_open_page_the_edit_did_not_touch_stays(served, page):
    served.live.first.join(timeout=120)  # the first site in memory rewrites every page
    page.goto(served.base + "/notes/sqs/")
    page.evaluate("window.stillHere = true")
    seen = page.evaluate("window.quizgenLiveSite")
    served.write("lambda.md", "# Lambda\n\nMax Lambda timeout::900 seconds\n")
    # The page's CSP forbids the eval that wait_for_function needs: ask from here instead.
    served.until(lambda: page.evaluate("window.quizgenLiveSite") > seen, "the page to follow")
    assert page.evaluate("window.stillHere") is True, "the SQS page was not reloaded"


def test_the_review_page_keeps_its_card_and_updates_its_count(served, page):
    errors = watch_console(page)
    page.goto(served.base + "/review")
    card = page.get_attribute(".card[data-card-id]", "data-card-id")
    new_before = int(page.inner_text(".count.new b"))
    page.click("#show-answer")
    assert page.get_attribute("#review", "data-state") == "answer"
    served.write("dynamodb.md", "# DynamoDB\n\nMax item size::400 KB\n\nMax table count::2500\n")
    page.wait_for_selector("#live-cards", timeout=WAIT_MS)
    expect(page.locator(".count.new b")).to_have_text(str(new_before + 2), timeout=WAIT_MS)
    assert page.get_attribute(".card[data-card-id]", "data-card-id") == card
    assert page.get_attribute("#review", "data-state") == "answer", "the answer stays shown"
    assert errors == []
