"""Live rebuilds on both databases: an edited note's cards replace the old ones in the queue,
a deleted note's cards leave it, and an edited card keeps its id and its review history."""

from __future__ import annotations

from sqlalchemy.orm import Session

from quizgen.cards import CardSet
from quizgen.watch import LiveBuild
from webapp.storage.db import get_engine
from webapp.storage.sync import sync_cards


def questions(client, note: str) -> list[str]:
    return [card["question"] for card in client.get(f"/api/cards?note={note}").json["cards"]]


def test_rebuilds_bring_cards_to_the_queue_and_keep_history(app, client, reviewer, tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "lambda.md").write_text("# Lambda\n\nMax timeout::15 minutes\n\nMost memory::10 GB\n")
    (notes / "sqs.md").write_text("# SQS\n\nMax message size::256 KB\n")

    def sync(cards: CardSet) -> None:
        with Session(get_engine(app)) as session:
            sync_cards(session, cards)

    builder = LiveBuild(notes, tmp_path / "cards", tmp_path / "builds", on_cards=sync)
    builder.rebuild()
    assert questions(client, "lambda.md") == ["Max timeout", "Most memory"]
    reviewer.rate(3, note="lambda.md")
    rated = reviewer.seen[0]
    (notes / "lambda.md").write_text(
        "# Lambda\n\nMax timeout::900 seconds\n\nMost memory::10240 MB\n"
    )
    (notes / "sqs.md").unlink()
    builder.rebuild(["lambda.md", "sqs.md"])
    assert questions(client, "lambda.md") == ["Max timeout", "Most memory"]
    cards = client.get("/api/cards?note=lambda.md").json["cards"]
    assert [card["answer"] for card in cards] == ["900 seconds", "10240 MB"]
    assert rated in [card["id"] for card in cards], "an edited answer keeps the card's id"
    assert questions(client, "sqs.md") == []
    history = client.get(f"/api/cards/{rated}/history").json
    assert len(history["reviews"]) == 1
