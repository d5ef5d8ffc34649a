"""Live rebuilds on both databases: an edited note's cards replace the old ones in the queue,
a deleted note's cards leave it, and an edited card keeps its id and its review history."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from quizgen.cards import CardSet, load_card_files
from quizgen.watch import LiveBuild
from webapp.storage.db import get_engine
from webapp.storage.models import CardRow, CardState, CardTag
from webapp.storage.sync import sync_cards


def questions(client, note: str) -> list[str]:
    return [card["question"] for card in client.get(f"/api/cards?note={note}").json["cards"]]


def test_rebuilds_bring_cards_to_the_queue_and_keep_history(app, client, reviewer, tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "lambda.md").write_text("# Lambda\n\nMax timeout::15 minutes\n\nMost memory::10 GB\n")
    (notes / "sqs.md").write_text("# SQS\n\nMax message size::256 KB\n")

    def sync(cards: CardSet, files: set[str] | None) -> None:
        with Session(get_engine(app)) as session:
            sync_cards(session, cards, files)

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


def stored_cards(app) -> dict[str, list]:
    """Every row of the card tables, as plain data."""
    with Session(get_engine(app)) as session:
        return {
            table.__name__: sorted(
                tuple(getattr(row, column.key) for column in table.__table__.columns)  # type: ignore[attr-defined]
                for row in session.scalars(select(table))
            )
            for table in (CardRow, CardState, CardTag)
        }


def test_a_sync_of_the_changed_files_equals_a_sync_of_all(app, tmp_path):
    notes, cards = tmp_path / "notes", tmp_path / "cards"
    notes.mkdir()
    for name in ("a", "b", "c", "d"):
        (notes / f"{name}.md").write_text(f"# {name}\n\n#{name}tag\n\n{name} first::1\n")
    synced: list[set[str] | None] = []

    def sync(card_set: CardSet, files: set[str] | None) -> None:
        synced.append(files)
        with Session(get_engine(app)) as session:
            sync_cards(session, card_set, files)

    builder = LiveBuild(notes, cards, tmp_path / "builds", on_cards=sync)
    builder.rebuild()
    first = {row[0]: row[2] for row in stored_cards(app)["CardRow"]}
    (notes / "a.md").write_text("# a\n\n#atag #more\n\na first::1\n\na second::2\n")
    (notes / "c.md").unlink()
    (notes / "bb.md").write_text("# bb\n\nbb first::1\n")
    builder.rebuild(["a.md", "c.md", "bb.md"])
    assert synced == [None, {"a.yml", "bb.yml", "c.yml"}]
    partial = stored_cards(app)
    with Session(get_engine(app)) as session:
        report = sync_cards(session, load_card_files(cards))
    assert (report.added, report.updated, report.gone, report.returned) == (0, 0, 0, 0)
    assert stored_cards(app) == partial
    positions = {row[0]: row[2] for row in partial["CardRow"]}
    assert all(positions[card] == place for card, place in first.items()), "cards keep places"
    new = sorted(positions[card] for card in set(positions) - set(first))
    assert new and new[0] > max(first.values()), "new cards come after those there were"
