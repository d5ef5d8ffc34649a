"""Every page in real headless Chromium at desktop and phone width, on the repository's own
cards: screenshots saved to tests/artifacts/webapp/ (not kept in git), and what a phone or a
narrow column must not show."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}

LINES_OF = """(selector) => Array.from(document.querySelectorAll(selector)).map((cell) => {
  const range = document.createRange();
  range.selectNodeContents(cell);
  const style = getComputedStyle(cell);
  return range.getBoundingClientRect().height / parseFloat(style.lineHeight);
})"""


@pytest.fixture
def cards_dir(root: Path) -> Path:
    """The repository's cards (real note names, tables, clozes), read in place."""
    return root / "cards"


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_every_page_at_desktop_and_phone_width(browser, live_url, every_page, artifacts, width):
    folder = artifacts / "webapp"
    folder.mkdir(exist_ok=True)
    context = browser.new_context(**(DESKTOP if width == "desktop" else PHONE))
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda line: errors.append(line.text) if line.type == "error" else None)
    try:
        for name, path in every_page.items():
            page.goto(live_url + path)
            if name == "error":  # the page itself answers 404, as it should
                errors = [error for error in errors if "404" not in error]
            page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= page.viewport_size["width"], f"{name} scrolls sideways at {width}"
            hints = [hint.is_visible() for hint in page.locator("kbd").all()]
            if width == "phone":
                assert not any(hints), f"{name} shows keyboard hints on a phone"
            elif name in ("review", "quiz-question"):
                assert any(hints), f"{name} shows no keyboard hint on a desktop"
    finally:
        context.close()
    assert errors == []


def test_the_card_list_keeps_names_and_dates_on_one_line(page, live_url, every_page):
    page.goto(live_url + every_page["browse"] + "?state=learning")
    names = page.evaluate(LINES_OF, "table.cards td.name")
    assert names and all(lines < 1.5 for lines in names), names
    assert page.locator("table.cards td.text").first.inner_text().count("**") == 0
