"""Real headless Chromium against the app on waitress: review three cards with the keyboard."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _rate_with(page, keys: list[str]) -> None:
    for key in keys:
        with page.expect_navigation():
            page.keyboard.press(key)


def test_review_three_cards_with_the_keyboard(page, live_url, stored, artifacts):
    page.goto(f"{live_url}/review")
    assert page.locator("#answer").is_hidden()
    assert "Lambda runs up to [...]" in page.locator("#question").inner_text()
    page.keyboard.press("Space")
    assert page.locator("#answer").is_visible()
    assert page.locator(".rate-3 small").inner_text() == "10m"
    page.screenshot(path=str(artifacts / "webapp-review-answer.png"))
    _rate_with(page, ["3"])
    page.keyboard.press("Enter")
    _rate_with(page, ["4"])
    page.keyboard.press("Space")
    _rate_with(page, ["Enter"])  # after the reveal, Enter means Good
    reviews = stored()
    assert [(r["card_id"], r["rating"]) for r in reviews] == [
        ("lam-1", 3),
        ("lam-1-c2", 4),
        ("lam-2", 3),
    ]
    assert all(r["duration_ms"] is not None and r["duration_ms"] >= 0 for r in reviews)
    assert page.locator(".count.new b").inner_text() == "5"
    _rate_with(page, ["u"])
    assert stored()[-1]["undone_ms"] is not None
    assert "Lambda cold start?" in page.locator("#question").inner_text()


def test_review_page_fits_a_phone(browser, live_url, artifacts):
    context = browser.new_context(viewport={"width": 375, "height": 700}, is_mobile=True)
    phone = context.new_page()
    errors: list[str] = []
    phone.on("console", lambda line: errors.append(line.text) if line.type == "error" else None)
    phone.goto(f"{live_url}/review")
    phone.locator("#show-answer").click()
    width = phone.evaluate("document.documentElement.scrollWidth")
    buttons = phone.locator(".rate").all()
    assert width <= 375
    assert len(buttons) == 4 and all(button.is_visible() for button in buttons)
    phone.screenshot(path=str(artifacts / "webapp-review-phone.png"))
    context.close()
    assert errors == []
