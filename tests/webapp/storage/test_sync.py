"""Syncing card files into the database keeps every review, whatever happens to the files."""

from __future__ import annotations

import re
from dataclasses import replace

from quizgen.cards import Card, CardType


def _without(files, card_id):
    changed = {}
    for name, card_file in files.items():
        cards = tuple(card for card in card_file.cards if card.id != card_id)
        changed[name] = replace(card_file, cards=cards)
    return changed


def _ids(client, **query):
    return [card["id"] for card in client.get("/api/cards", query_string=query).json["cards"]]


def test_edited_card_keeps_its_history(reviewer, card_folder, stored):
    result = reviewer.rate(3, note="aws/sqs.md")
    assert result["review"]["card_id"] == "sqs-1"
    files = card_folder.sample()
    sqs = files["aws/sqs.yml"]
    edited = sqs.cards[0].with_changes(back="256 KiB (262,144 bytes)")
    files["aws/sqs.yml"] = replace(sqs, cards=(edited, *sqs.cards[1:]))
    card_folder.write(files)
    report = reviewer.post("/api/sync").json
    assert report["updated"] == 1 and report["added"] == 0
    card = reviewer.client.get("/api/cards?tag=limits").json["cards"][0]
    assert card["answer"] == "256 KiB (262,144 bytes)"
    assert card["state"]["version"] == 1 and card["state"]["reps"] == 1
    assert len(stored()) == 1


def test_card_that_disappears_is_gone_then_returns_with_history(reviewer, card_folder, stored):
    reviewer.rate(3, note="aws/sqs.md")
    card_folder.write(_without(card_folder.sample(), "sqs-1"))
    report = reviewer.post("/api/sync").json
    assert report["gone"] == 1
    assert "sqs-1" not in _ids(reviewer.client)
    assert all(reviewer.rate(4)["review"]["card_id"] != "sqs-1" for _ in range(6))
    card_folder.write(card_folder.sample())
    assert reviewer.post("/api/sync").json["returned"] == 1
    card = reviewer.client.get("/api/cards?tag=limits").json["cards"][0]
    assert card["id"] == "sqs-1" and card["state"]["reps"] == 1
    assert [r["card_id"] for r in stored()].count("sqs-1") == 1


def test_a_renamed_notes_cards_keep_their_learners_progress(reviewer, card_folder, stored):
    reviewer.rate(3, note="aws/sqs.md")
    files = card_folder.sample()
    sqs = files.pop("aws/sqs.yml")
    renamed = tuple(card.with_changes(id=f"queues-{n}") for n, card in enumerate(sqs.cards))
    files["aws/queues.yml"] = replace(sqs, note="aws/queues.md", cards=renamed)
    card_folder.write(files)
    report = reviewer.post("/api/sync").json
    assert report["gone"] == report["added"] >= len(sqs.cards)
    cards = reviewer.client.get("/api/cards?note=aws/queues.md").json["cards"]
    progress = {card["id"]: card["state"]["reps"] for card in cards}
    assert progress.pop("queues-0") == 1 and set(progress.values()) == {0}
    assert [review["card_id"] for review in stored()] == ["sqs-1"]  # the log is not rewritten


def test_new_card_is_added_and_reviewable(reviewer, card_folder):
    files = card_folder.sample()
    lam = files["aws/compute/lambda.yml"]
    extra = Card(id="lam-9", type=CardType.BASIC, front="Lambda max memory?", back="10 GB")
    files["aws/compute/lambda.yml"] = replace(lam, cards=(*lam.cards, extra))
    card_folder.write(files)
    assert reviewer.post("/api/sync").json["added"] == 1
    assert "lam-9" in _ids(reviewer.client, deck="aws::compute")


def test_suspending_in_the_file_hides_the_card(reviewer, card_folder):
    files = card_folder.sample()
    lam = files["aws/compute/lambda.yml"]
    cards = tuple(card.with_changes(suspended=True) for card in lam.cards)
    files["aws/compute/lambda.yml"] = replace(lam, cards=cards)
    card_folder.write(files)
    reviewer.post("/api/sync")
    assert reviewer.next(deck="aws::compute")["card"] is None
    assert reviewer.next()["card"]["id"] == "sqs-1"


def test_repeated_card_id_is_reported_and_first_kept(reviewer, card_folder):
    files = card_folder.sample()
    copy = replace(files["aws/sqs.yml"], note="aws/copy.md")
    files["zz/copy.yml"] = copy
    card_folder.write(files)
    report = reviewer.post("/api/sync").json
    codes = {d["code"] for d in report["diagnostics"]}
    assert codes == {"duplicate-card-id"}
    assert {c["note"] for c in reviewer.client.get("/api/cards?deck=aws").json["cards"]} == {
        "aws/sqs.md",
        "aws/compute/lambda.md",
    }


def test_broken_card_file_is_reported_and_others_synced(reviewer, card_folder):
    (card_folder.path / "broken.yml").write_text("cards: [\n", encoding="utf-8")
    report = reviewer.post("/api/sync").json
    assert [d["code"] for d in report["diagnostics"]] == ["bad-card-file"]
    assert report["total"] == 9


def test_missing_card_folder_changes_nothing(app, reviewer, tmp_path):
    app.config["CARDS_DIR"] = str(tmp_path / "nowhere")
    report = reviewer.post("/api/sync").json
    assert report["gone"] == 0 and report["diagnostics"][0]["code"] == "no-cards"
    assert len(_ids(reviewer.client)) == 9


def test_empty_card_folder_marks_everything_gone_but_keeps_reviews(reviewer, card_folder, stored):
    reviewer.rate(3)
    card_folder.write({})
    assert reviewer.post("/api/sync").json["gone"] == 9
    assert _ids(reviewer.client) == []
    assert len(stored()) == 1


def test_cli_sync_command(runner, card_folder):
    card_folder.write(_without(card_folder.sample(), "lam-3"))
    result = runner.invoke(args=["sync-cards"])
    assert result.exit_code == 0
    assert "1 gone" in result.output


def test_cli_init_db_keeps_data(runner, reviewer, stored):
    reviewer.rate(3)
    assert "database ready" in runner.invoke(args=["init-db"]).output
    assert len(stored()) == 1


def test_the_cli_counts_the_cards_the_app_reviews(root, tmp_path, settings):
    from click.testing import CliRunner

    from quizgen.cli import main
    from webapp import create_app

    folder = tmp_path / "repo-cards"
    said = CliRunner().invoke(main, ["cards", "--notes", str(root / "notes"), "--out", str(folder)])
    assert said.exit_code == 0, said.output
    found = re.search(r"(\d+) cards to review \((\d+) in the card files\)", said.output)
    assert found, said.output
    to_review, in_files = int(found.group(1)), int(found.group(2))
    app = create_app({**settings, "CARDS_DIR": str(folder)}, instance_path=tmp_path / "other")
    try:
        total = app.test_client().get("/api/cards?limit=1").json["total"]
    finally:
        app.extensions["quizgen_engine"].dispose()
    assert total == to_review and to_review > in_files  # a cloze with two blanks is two


def test_changed_tags_replace_the_old_ones(reviewer, card_folder):
    files = card_folder.sample()
    sqs = files["aws/sqs.yml"]
    first = sqs.cards[0]
    assert "limits" in first.tags and _ids(reviewer.client, tag="limits") == [first.id]
    retagged = replace(first, tags=("queues", "exam", "queues"))
    files["aws/sqs.yml"] = replace(sqs, cards=(retagged, *sqs.cards[1:]))
    card_folder.write(files)
    assert reviewer.post("/api/sync").status_code == 200
    assert _ids(reviewer.client, tag="limits") == []
    assert _ids(reviewer.client, tag="queues") == [first.id]
    assert _ids(reviewer.client, tag="exam") == [first.id]
    files["aws/sqs.yml"] = replace(sqs, cards=(replace(first, tags=()), *sqs.cards[1:]))
    card_folder.write(files)
    reviewer.post("/api/sync")
    assert _ids(reviewer.client, tag="queues") == [] and _ids(reviewer.client, tag="exam") == []
