"""Card files built from records, and a headless real-Anki collection to import into."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from quizgen.cards import Card, CardFile, CardType, Origin, dump_card_file

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def sqs_file(answer: str = "A managed message queue.", *, drop: str = "") -> CardFile:
    """The SQS note's cards; `answer` changes one fact, `drop` leaves a card id out."""
    cards = (
        Card(
            "sqs-what",
            CardType.BASIC,
            front="What is **Amazon SQS**?",
            back=answer,
            context=("Amazon SQS", "Basics"),
            anchor="basics",
            line=5,
            origin=Origin.DEFINITION,
            tags=("queues",),
        ),
        Card(
            "sqs-size",
            CardType.CLOZE,
            text="Max message size is {{c1::256 KiB}}; retention up to {{c2::14 days}}.",
            context=("Amazon SQS", "Limits"),
            anchor="limits",
            line=12,
            origin=Origin.QUANTITY,
        ),
        Card(
            "sqs-fifo",
            CardType.REVERSE,
            front="FIFO queue",
            back="Exactly-once, ordered delivery\n\n![[queue.png]]",
            context=("Amazon SQS",),
            line=20,
            origin=Origin.TABLE,
        ),
        Card("sqs-hidden", CardType.BASIC, front="Suspended?", back="Yes", suspended=True),
    )
    kept = tuple(card for card in cards if card.id != drop)
    return CardFile(
        cards=kept,
        note="aws/sqs.md",
        title="Amazon SQS",
        deck="aws",
        page="aws/sqs/",
        tags=("aws/messaging", "exam"),
    )


def lambda_file() -> CardFile:
    """A note in a nested sub-deck, with an image that has the same name as the SQS one."""
    card = Card(
        "lambda-timeout",
        CardType.BASIC,
        front="Lambda's maximum timeout? ![](img/queue.png)",
        back="15 minutes ($15 \\times 60$ s)",
        context=("AWS Lambda", "Limits"),
        anchor="limits",
        line=8,
        origin=Origin.QUANTITY,
    )
    return CardFile(
        cards=(card,),
        note="aws/compute/lambda.md",
        title="AWS Lambda",
        deck="aws::compute",
        page="aws/compute/lambda/",
    )


def manual_file() -> CardFile:
    """A hand-written card file (no source note)."""
    card = Card("mine-1", CardType.BASIC, front="My own question", back="My own answer")
    return CardFile(cards=(card,), title="", deck="")


@dataclass
class Project:
    """A notes folder with two images called queue.png, and a cards folder."""

    notes: Path
    cards: Path
    out: Path

    def write(self, name: str, card_file: CardFile) -> None:
        """Write one card file under cards/."""
        path = self.cards / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_card_file(card_file), encoding="utf-8")

    def write_sqs(self, answer: str = "A managed message queue.", *, drop: str = "") -> None:
        """Rewrite the SQS card file with one answer changed or one card left out."""
        self.write("aws/sqs.yml", sqs_file(answer, drop=drop))

    def write_all(self) -> None:
        """The three standard card files."""
        self.write("aws/sqs.yml", sqs_file())
        self.write("aws/compute/lambda.yml", lambda_file())
        self.write("mine.yml", manual_file())


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """Notes and cards folders in a temporary directory."""
    notes = tmp_path / "aws-notes"
    (notes / "aws").mkdir(parents=True)
    (notes / "aws" / "queue.png").write_bytes(PNG + b"sqs")
    (notes / "aws" / "compute" / "img").mkdir(parents=True)
    (notes / "aws" / "compute" / "img" / "queue.png").write_bytes(PNG + b"lambda")
    found = Project(notes, tmp_path / "cards", tmp_path / "dist" / "deck.apkg")
    found.write_all()
    return found


@pytest.fixture
def collection(tmp_path: Path):
    """A fresh, empty Anki collection (the real `anki` package, headless)."""
    anki_collection = pytest.importorskip(
        "anki.collection", reason="the anki package is a test dependency"
    )
    folder = tmp_path / "anki"
    folder.mkdir()
    col = anki_collection.Collection(str(folder / "collection.anki2"))
    yield col
    col.close()


@pytest.fixture
def import_package(collection):
    """Import an .apkg into the collection with Anki's default options (update notes if newer)."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    def run(path: Path):
        request = ImportAnkiPackageRequest(
            package_path=str(path), options=ImportAnkiPackageOptions()
        )
        return collection.import_anki_package(request).log

    return run
