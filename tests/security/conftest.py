"""The hostile fixture vault, built into sites and served: by the quiz app (with its CSP) on
waitress, or by a plain http.server (no CSP, so the sanitiser is all that stands)."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

import pytest

from quizgen import load_vault
from quizgen.site import build_site

VAULT = Path(__file__).parent / "vault"
# Made at test time: a file name that is HTML cannot be checked out on every system.
HOSTILE_NAME = '"><img src=x onerror="alert(\'file-name\');window.__pwned=1">.md'


@dataclass
class ServedSite:
    """A built site and the address its pages are served from (ending in /notes/)."""

    root: Path
    url: str

    def page_urls(self) -> list[str]:
        """The address of every page of the built site."""
        folders = sorted(p.parent.relative_to(self.root) for p in self.root.rglob("index.html"))
        return [self.url + quote(f"{folder.as_posix()}/".removeprefix("./")) for folder in folders]


@pytest.fixture(scope="session")
def hostile_notes(tmp_path_factory) -> Path:
    """A copy of the hostile vault, plus a note whose file name is HTML."""
    folder = tmp_path_factory.mktemp("hostile") / "notes"
    shutil.copytree(VAULT, folder)
    try:
        (folder / HOSTILE_NAME).write_text("A note whose file name is HTML.\n", encoding="utf-8")
    except OSError as error:  # pragma: no cover - file systems that refuse such names
        pytest.skip(f"this file system refuses an HTML file name: {error}")
    return folder


@pytest.fixture(scope="session")
def hostile_site(hostile_notes, tmp_path_factory) -> Path:
    """The hostile vault built with the defaults (sanitised), served nowhere."""
    out = tmp_path_factory.mktemp("built") / "site"
    build_site(load_vault(hostile_notes), out, app_url="/")
    return out


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class names it so
        """Keep test output clean."""


def _run_in_thread(serve_forever) -> threading.Thread:
    thread = threading.Thread(target=serve_forever, daemon=True)
    thread.start()
    return thread


def _static(notes: Path, folder: Path, raw_html: bool) -> Iterator[ServedSite]:
    """The site built for /notes/ and served by http.server: no CSP header at all."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/notes/"
    build_site(load_vault(notes), folder / "notes", site_url=url, app_url="/", raw_html=raw_html)
    thread = _run_in_thread(server.serve_forever)
    yield ServedSite(folder / "notes", url)
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def _in_app(notes: Path, folder: Path, raw_html: bool) -> Iterator[ServedSite]:
    """The site built for /notes/ and served by the quiz app on waitress, as `quizgen serve`."""
    from waitress.server import create_server

    from webapp import create_app

    (folder / "cards").mkdir()
    settings = {
        "TESTING": True,
        "DATABASE_URL": f"sqlite:///{folder / 'app.sqlite3'}",
        "CARDS_DIR": str(folder / "cards"),
        "SITE_DIR": str(folder / "site"),
        "DECK_FILE": str(folder / "deck.apkg"),
        "REVIEW_WRITER": "thread",
    }
    app = create_app(settings, instance_path=folder / "instance")
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    url = f"http://127.0.0.1:{server.effective_port}/notes/"  # type: ignore[union-attr]
    build_site(load_vault(notes), folder / "site", site_url=url, app_url="/", raw_html=raw_html)
    thread = _run_in_thread(server.run)
    yield ServedSite(folder / "site", url)
    server.close()
    thread.join(timeout=5)
    app.extensions["quizgen_engine"].dispose()


@pytest.fixture(scope="session")
def sanitised_static(hostile_notes, tmp_path_factory):
    """Sanitised pages with no CSP: the sanitiser alone."""
    yield from _static(hostile_notes, tmp_path_factory.mktemp("static"), raw_html=False)


@pytest.fixture(scope="session")
def raw_static(hostile_notes, tmp_path_factory):
    """Raw HTML with no CSP: nothing stands, so the payloads run (the probe's control)."""
    yield from _static(hostile_notes, tmp_path_factory.mktemp("raw-static"), raw_html=True)


@pytest.fixture(scope="session")
def sanitised_in_app(hostile_notes, tmp_path_factory):
    """Sanitised pages under the app's CSP, as `quizgen serve` has them."""
    yield from _in_app(hostile_notes, tmp_path_factory.mktemp("app"), raw_html=False)


@pytest.fixture(scope="session")
def raw_in_app(hostile_notes, tmp_path_factory):
    """Raw HTML under the app's CSP: the CSP alone."""
    yield from _in_app(hostile_notes, tmp_path_factory.mktemp("raw-app"), raw_html=True)
