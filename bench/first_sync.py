"""The app's first card sync into an empty database, against reading the card files.

A vault of generated notes (as `cards_extract.py` makes them) is turned into card files once;
then, in one process, the script times reading those files (`load_card_files`, the baseline),
the first sync into a fresh SQLite database, and a second sync with nothing changed.
Run: .venv/bin/python bench/first_sync.py [notes...]
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

from sqlalchemy.orm import Session

from quizgen import load_vault
from quizgen.cards import load_card_files, write_card_files
from webapp import create_app
from webapp.storage.db import get_engine
from webapp.storage.sync import sync_cards

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cards_extract import make_vault, timed  # noqa: E402


def run(count: int) -> None:
    """Print the figures for one vault size."""
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        make_vault(root / "notes", count, random.Random(count))
        write_card_files(load_vault(root / "notes"), root / "cards")
        read, cards = timed(lambda: load_card_files(root / "cards"))
        settings = {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{root / 'app.db'}",
            "CARDS_DIR": str(root / "not-synced-at-start"),
            "SITE_DIR": str(root / "site"),
            "DECK_FILE": str(root / "deck.apkg"),
        }
        engine = get_engine(create_app(settings, instance_path=root / "instance"))

        def sync():
            with Session(engine) as session:
                return sync_cards(session, cards)  # type: ignore[arg-type]

        first, report = timed(sync)
        again, _ = timed(sync)
        print(
            f"{count:>6} notes, {report.added} cards | read card files {read:6.2f}s "  # type: ignore[attr-defined]
            f"| first sync {first:6.2f}s = {first / read:.2f}x "
            f"| no-change sync {again:6.2f}s = {again / read:.2f}x"
        )
        engine.dispose()


if __name__ == "__main__":
    for size in [int(arg) for arg in sys.argv[1:]] or [1_000]:
        run(size)
