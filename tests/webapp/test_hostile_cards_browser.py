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


@pytest.fixture
def pages(live_url, reviewer, quizzer) -> dict[str, str]:
    """Every page that shows card text, with enough history for each to have some."""
    for rating in (3, 1, 4):
        reviewer.rate(rating)
    quiz = quizzer.made(count=3, seed=5)
    finished = quizzer.made(count=2, seed=6)
    assert quizzer.submit(finished["id"]).status_code == 200
    return {
        "review": "/review",
        "review-answer": "/review?reveal=1",
        "quiz-start": "/quiz",
        "quiz-question": f"/quiz/{quiz['id']}",
        "quiz-result": f"/quiz/{finished['id']}/result",
        "stats": "/stats",
        "browse": "/browse",
        "browse-card": f"/browse/card/{reviewer.seen[0]}",
    }


def test_no_page_of_the_app_runs_a_note_payload(browser, live_url, pages):
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    shown: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for name, path in pages.items():
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
