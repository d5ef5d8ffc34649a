"""The app's pages showing cards made from a hostile vault run nothing from it, in Chromium.

tests/security/vault holds notes whose titles, tags, attribute lists and links carry script
payloads (each opens a dialog and sets `window.__pwned` if it runs). Their cards are served by
the app, and every page that shows card or note text is opened, revealed and hovered.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen import load_vault
from quizgen.cards import write_card_files

pytestmark = pytest.mark.browser

HOSTILE = Path(__file__).resolve().parents[1] / "security" / "vault"
HOVER_ALL = """() => { for (const element of document.querySelectorAll('body *')) {
  for (const kind of ['mouseover', 'mouseenter', 'focus', 'click']) {
    if (kind === 'click' && element.closest('a, button, form')) continue;
    element.dispatchEvent(new Event(kind, {bubbles: true}));
  }
} }"""


@pytest.fixture
def cards_dir(tmp_path: Path) -> Path:
    """Card files of the hostile vault, as `quizgen cards` writes them."""
    out = tmp_path / "hostile-cards"
    write_card_files(load_vault(HOSTILE), out)
    written = "".join(path.read_text(encoding="utf-8") for path in out.rglob("*.yml"))
    assert "onmouseover=" in written or "onerror=" in written, "the cards carry payloads"
    return out


def test_no_page_of_the_app_runs_a_note_payload(browser, live_url, every_page):
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    shown: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for name, path in every_page.items():
            page.goto(live_url + path)
            page.evaluate(HOVER_ALL)
            for summary in page.locator("summary").all():
                summary.click()
            page.mouse.move(10, 10)
            page.wait_for_timeout(200)
            shown += [name] if "__pwned" in page.inner_text("body") else []
            pwned = page.evaluate("typeof window.__pwned !== 'undefined'")
            assert not pwned, f"a payload ran on {name}"
    finally:
        context.close()
    assert dialogs == []
    assert shown, "some page shows a payload (as text), so the test saw hostile content"
