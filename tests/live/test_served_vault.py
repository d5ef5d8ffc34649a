"""Edit, add, rename and delete notes of a served vault: site, card files and queue follow."""

from __future__ import annotations

import json
from urllib.parse import quote


def test_an_edit_reaches_the_page_the_card_file_and_the_queue(served):
    assert "15 minutes" in served.page("/notes/lambda/")
    served.write("lambda.md", "# Lambda\n\nMax Lambda timeout::900 seconds\n")
    served.until(lambda: "900 seconds" in served.page("/notes/lambda/"), "the edited page")
    assert "900 seconds" in (served.cards / "lambda.yml").read_text(encoding="utf-8")
    queue = served.until(lambda: served.queue("lambda.md"), "the lambda cards")
    assert any("900 seconds" in card for card in queue)
    assert not any("15 minutes" in card for card in queue)


def test_a_page_rewritten_in_the_same_second_is_sent_again(served):
    """Last-Modified has whole seconds; a browser that has the page from earlier in the same
    second (modelled by a date ahead of the file) still gets the edit, not a 304."""
    served.write("lambda.md", "# Lambda\n\nMax Lambda timeout::900 seconds\n")
    served.until(lambda: "900 seconds" in served.page("/notes/lambda/"), "the edited page")
    later = "Fri, 01 Jan 2100 00:00:00 GMT"
    status, body = served.get("/notes/lambda/", headers={"If-Modified-Since": later})
    assert status == 200
    assert "900 seconds" in body


def test_the_build_says_which_open_pages_a_rebuild_rewrote(served):
    served.live.first.join(timeout=120)  # the first site in memory, a whole new site
    before = served.build()["site"]
    served.write("lambda.md", "# Lambda\n\nMax Lambda timeout::900 seconds\n")
    served.until(lambda: served.build()["site"] > before, "the rebuilt site")
    asked = f"/api/build?since={before}&page="
    assert json.loads(served.get(asked + "/notes/lambda/")[1])["page_changed"] is True
    assert json.loads(served.get(asked + "/notes/sqs/")[1])["page_changed"] is False
    served.write("Key (KMS).md", "# KMS\n\nKey rotation::every year\n")
    served.until(lambda: served.build()["site"] > before + 1, "the site with the new note")
    after_add = served.build()["site"]
    served.write("Key (KMS).md", "# KMS\n\nKey rotation::every 365 days\n")
    served.until(lambda: served.build()["site"] > after_add, "the edited note's site")
    # A browser sends the path as it shows it: spaces quoted, brackets not.
    asked = f"/api/build?since={after_add}&page=" + quote("/notes/Key%20(KMS)/")
    assert json.loads(served.get(asked)[1])["page_changed"] is True
    now = served.build()["site"]
    assert (
        json.loads(served.get(f"/api/build?since={now}&page=/notes/lambda/")[1])["page_changed"]
        is False
    )


def test_a_new_note_gets_a_page_a_card_file_and_cards(served):
    assert served.get("/notes/dynamodb/")[0] == 404
    served.write("dynamodb.md", "# DynamoDB\n\nMax item size::400 KB\n")
    served.until(lambda: "400 KB" in served.page("/notes/dynamodb/"), "the new page")
    assert (served.cards / "dynamodb.yml").is_file()
    served.until(lambda: served.queue("dynamodb.md"), "the new note's cards")


def test_a_renamed_note_moves_page_cards_and_backlinks(served):
    (served.notes / "queues").mkdir()
    (served.notes / "sqs.md").rename(served.notes / "queues" / "sqs.md")
    served.until(lambda: "256 KB" in served.page("/notes/queues/sqs/"), "the page at its new place")
    assert served.get("/notes/sqs/")[0] == 404
    assert not (served.cards / "sqs.yml").exists()
    assert (served.cards / "queues" / "sqs.yml").is_file()
    served.until(lambda: served.queue("queues/sqs.md"), "the cards under the new path")
    assert served.queue("sqs.md") == []
    assert "queues/sqs/" in served.page("/notes/lambda/"), "the backlink follows the move"


def test_a_deleted_note_loses_its_page_card_file_and_cards(served):
    assert served.queue("sqs.md")
    (served.notes / "sqs.md").unlink()
    served.until(lambda: served.get("/notes/sqs/")[0] == 404, "the page to go")
    assert not (served.cards / "sqs.yml").exists()
    assert served.queue("sqs.md") == []
    # The page that linked to it is rebuilt in the same pass, maybe a moment after the 404.
    served.until(lambda: "sqs/" not in served.page("/notes/lambda/"), "no backlink from it")


def test_a_broken_note_is_reported_and_the_rest_is_built(served):
    served.write("broken.md", "---\ntitle: [unclosed\n---\n# Broken\n\nHalf written::yes\n")
    served.write("lambda.md", "# Lambda\n\nMax Lambda timeout::900 seconds\n")
    served.until(lambda: "900 seconds" in served.page("/notes/lambda/"), "the other note's page")
    build = served.until(lambda: served.build()["problems"] and served.build(), "the diagnostic")
    problems = build["problems"]
    assert any("broken.md:2" in line and "front matter" in line for line in problems)
    assert "Half written" in served.page("/notes/broken/"), "the note is kept without its YAML"


def test_a_burst_of_files_is_one_rebuild(served):
    before = served.build()["build"]
    for number in range(60):
        text = f"# Note {number}\n\nBurst fact {number}::{number}\n"
        served.write(f"burst/note-{number}.md", text)
    served.until(lambda: "Burst fact 59" in served.page("/notes/burst/note-59/"), "the last note")
    rebuilds = served.build()["build"] - before
    assert rebuilds <= 2, f"60 files written at once took {rebuilds} rebuilds"
    assert len(list((served.cards / "burst").glob("*.yml"))) == 60


def test_site_pages_and_the_review_page_carry_the_live_script(served):
    assert "live.js" in served.page("/notes/lambda/")
    assert "live.js" in served.page("/review")
    assert "live.js" not in served.get("/stats")[1]
    status, script = served.get("/static/live.js")
    assert status == 200 and "/api/build" in script


def test_without_watching_pages_are_served_as_built(tmp_path):
    from webapp import create_app

    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}",
            "CARDS_DIR": str(tmp_path / "cards"),
            "SITE_DIR": str(tmp_path / "site"),
        },
        instance_path=tmp_path / "instance",
    )
    client = app.test_client()
    assert client.get("/api/build").get_json() == {
        "watching": False,
        "build": 0,
        "site": 0,
        "cards": 0,
    }
    assert "live.js" not in client.get("/review").get_data(as_text=True)
    app.extensions["quizgen_engine"].dispose()
