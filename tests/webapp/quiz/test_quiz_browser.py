"""Real headless Chromium: review two cards, take a five-question quiz with the keyboard and
the mouse, read the score, then see the reviews on the statistics page and browse the cards."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

CARD_SET = "quiz"


def _review_two(page, live_url: str) -> None:
    page.goto(f"{live_url}/review")
    for _ in range(2):
        page.keyboard.press("Space")
        with page.expect_navigation():
            page.keyboard.press("3")


def _answer(page, question: dict, number: int, wrong: bool) -> None:
    """Answer one question: options by key (odd questions) or click (even), else typed."""
    if question["options"]:
        options = question["options"]
        target = next(o for o in options if (o != question["answer"]) == wrong)
        index = options.index(target) + 1
        if number % 2:
            page.keyboard.press(str(index))
        else:
            page.locator(f'.option[data-key="{index}"]').click()
        assert page.locator(f'.option[data-key="{index}"] input').is_checked()
    else:
        page.locator("#typed").fill("")
        page.keyboard.type("no idea at all" if wrong else question["answer"])
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_quiz_score_stats_and_browser(page, live_url, quizzer, stored, artifacts):
    errors: list[str] = []
    page.on("console", lambda line: errors.append(line.text) if line.type == "error" else None)
    _review_two(page, live_url)
    assert len(stored()) == 2

    page.goto(f"{live_url}/quiz")
    page.locator('input[name="count"]').fill("5")
    with page.expect_navigation():
        page.locator("#start-quiz").click()
    quiz_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    secret = quizzer.secret(quiz_id)
    for number in range(1, 6):
        assert page.locator("#quiz-progress").inner_text() == f"{number} / 5"
        question = secret[page.locator('input[name="question_id"]').input_value()]
        if number == 2:
            page.screenshot(path=str(artifacts / "webapp-quiz.png"), full_page=True)
        _answer(page, question, number, wrong=number == 3)

    assert page.url.endswith(f"/quiz/{quiz_id}/result")
    assert page.locator("#score").inner_text() == "4 of 5"
    wrong = page.locator(".wrong-answer")
    assert wrong.count() == 1
    link = wrong.locator(".source a").get_attribute("href")
    assert link is not None and link.startswith("/notes/aws/")
    page.screenshot(path=str(artifacts / "webapp-quiz-score.png"), full_page=True)

    with page.expect_navigation():
        page.locator("nav.top a", has_text="Statistics").click()
    assert page.locator("#reviews-today").inner_text() == "2"
    assert page.locator("#heatmap svg rect title", has_text=": 2 reviews").count() == 1
    page.screenshot(path=str(artifacts / "webapp-stats.png"), full_page=True)

    page.goto(f"{live_url}/browse")
    page.locator("#search").fill("lambda")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#found").inner_text() == "3 cards"
    page.locator('input[name="card_id"][value="lam-2"]').check()
    with page.expect_navigation():
        page.locator("#suspend").click()
    assert page.locator("tr.status-suspended").count() == 1
    page.screenshot(path=str(artifacts / "webapp-browse.png"), full_page=True)
    assert errors == []
