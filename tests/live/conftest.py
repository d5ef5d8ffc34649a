"""A fixture vault served live: built once, the app on waitress in a thread, the watcher on.

Tests change real files in the notes folder and wait (up to a limit, never timing anything)
until the site, the card files and the review queue show the change.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from quizgen import load_vault
from quizgen.cards import load_card_files, write_card_files
from quizgen.site import build_site
from webapp import create_app
from webapp.live import start_live

VAULT = Path(__file__).parent / "vault"
PATIENCE = 60.0  # seconds a test waits for a rebuild before it fails


def build_all(notes: Path, cards: Path, site: Path) -> None:
    """What `quizgen build` does for cards and site, from one parse."""
    vault = load_vault(notes)
    write_card_files(vault, cards)
    build_site(vault, site, app_url="/", cards=load_card_files(cards))


def wait_for(check: Callable[[], Any], what: str) -> Any:
    """The first true result of `check`, polled until PATIENCE runs out."""
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"after {PATIENCE:.0f}s still waiting for {what}")


@dataclass
class LiveVault:
    """A served notes folder: its files, its outputs, and what the server answers."""

    notes: Path
    cards: Path
    base: str
    live: Any

    def write(self, name: str, text: str) -> None:
        path = self.notes / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
        """Status and body of a GET (errors included)."""
        request = urllib.request.Request(self.base + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return answer.status, answer.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", errors="replace")

    def page(self, path: str) -> str:
        """The body of a site page, or '' when it is not there."""
        status, body = self.get(path)
        return body if status == 200 else ""

    def queue(self, note: str) -> list[str]:
        """Front and back of every card of a note in the app's review queue."""
        status, body = self.get(f"/api/cards?note={note}&limit=1000")
        assert status == 200, body
        return [f"{card['question']} = {card['answer']}" for card in json.loads(body)["cards"]]

    def until(self, check: Callable[[], Any], what: str) -> Any:
        """Wait for a rebuild to show: the first true result of `check`."""
        return wait_for(check, what)

    def build(self) -> dict[str, Any]:
        return json.loads(self.get("/api/build")[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[LiveVault]:
    """The fixture vault built, served by waitress in a thread, and watched."""
    from waitress.server import create_server

    notes, cards, site = tmp_path / "notes", tmp_path / "cards", tmp_path / "dist" / "site"
    shutil.copytree(VAULT, notes)
    build_all(notes, cards, site)
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}",
            "CARDS_DIR": str(cards),
            "SITE_DIR": str(site),
            "DECK_FILE": str(tmp_path / "deck.apkg"),
        },
        instance_path=tmp_path / "instance",
    )
    live = start_live(app, notes, quiet=0.2)
    server = create_server(app, host="127.0.0.1", port=0, threads=4)

    def run() -> None:
        # The listening socket is closed under the loop when the test ends.
        with contextlib.suppress(OSError):
            server.run()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    yield LiveVault(notes, cards, f"http://127.0.0.1:{server.effective_port}", live)  # type: ignore[union-attr]
    live.stop()
    server.close()
    thread.join(timeout=5)
    app.extensions["quizgen_engine"].dispose()


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    """A fresh copy of the fixture vault."""
    folder = tmp_path / "notes"
    shutil.copytree(VAULT, folder)
    return folder


@pytest.fixture
def clean_build() -> Callable[[Path, Path, Path], None]:
    """`clean_build(notes, cards, site)`: cards and site from one parse, as `quizgen build`."""
    return build_all


@pytest.fixture
def served_until() -> Callable[[Callable[[], Any], str], Any]:
    """`served_until(check, what)`: wait for a rebuild to show, as `LiveVault.until` does."""
    return wait_for
