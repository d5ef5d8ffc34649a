"""The Flask test kit: app, client and runner on a fresh database, and one helper per action.

Every test runs on SQLite and again on PostgreSQL (TEST_DATABASE_URL, else the default local
server) in a schema of its own that is dropped afterwards; without one those runs skip,
saying why.
"""

from __future__ import annotations

import contextlib
import functools
import http.cookiejar
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizgen.cards import Card, CardFile, CardType, Origin, dump_card_file
from webapp import create_app
from webapp.storage.db import database_url as normalized

START = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@dataclass
class Clock:
    """A clock the test moves by hand."""

    moment: datetime = START

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


def sample_files() -> dict[str, CardFile]:
    """Two notes in two decks: five basic cards, a reverse card, a cloze with two deletions."""
    sqs = CardFile(
        cards=(
            Card(
                id="sqs-1",
                type=CardType.BASIC,
                front="Max SQS message size?",
                back="256 KB",
                context=("Limits",),
                anchor="limits",
                line=5,
                tags=("limits",),
            ),
            Card(
                id="sqs-2",
                type=CardType.BASIC,
                front="SQS <script>alert(1)</script>?",
                back="A **queue**",
                context=("Basics",),
                anchor="basics",
                line=9,
            ),
            Card(id="sqs-3", type=CardType.REVERSE, front="FIFO", back="first in, first out"),
            Card(id="sqs-4", type=CardType.BASIC, front="Hidden", back="x", suspended=True),
        ),
        note="aws/sqs.md",
        title="SQS",
        deck="aws",
        page="aws/sqs/",
        tags=("queue",),
    )
    lam = CardFile(
        cards=(
            Card(
                id="lam-1",
                type=CardType.CLOZE,
                text="Lambda runs up to {{c1::15 minutes}} with up to {{c2::10 GB}}",
                context=("Limits",),
                anchor="limits",
            ),
            Card(id="lam-2", type=CardType.BASIC, front="Lambda cold start?", back="first call"),
            Card(id="lam-3", type=CardType.BASIC, front="Lambda layers?", back="shared code"),
        ),
        note="aws/compute/lambda.md",
        title="Lambda",
        deck="aws::compute",
        page="aws/compute/lambda/",
        tags=("serverless",),
    )
    return {"aws/sqs.yml": sqs, "aws/compute/lambda.yml": lam}


QUOTAS = [
    ("Max message size", "256 KB"),
    ("Max retention period", "14 days"),
    ("Default visibility timeout", "30 seconds"),
    ("Max long polling wait", "20 seconds"),
    ("Max in-flight messages", "120,000"),
    ("Max batch size", "10 messages"),
]


def quiz_files() -> dict[str, CardFile]:
    """The SQS quota table (six rows) with two definitions, and a Lambda note with clozes."""
    rows = tuple(
        Card(
            id=f"quota-{n}",
            type=CardType.BASIC,
            front=f"SQS: {front}?",
            back=back,
            context=("Quotas",),
            anchor="quotas",
            line=10 + n,
            origin=Origin.TABLE,
        )
        for n, (front, back) in enumerate(QUOTAS)
    )
    sqs = CardFile(
        cards=(
            *rows,
            Card(
                id="sqs-def",
                type=CardType.BASIC,
                front="What is SQS?",
                back="a message queue",
                context=("Basics",),
                anchor="basics",
                line=3,
                tags=("basics",),
            ),
        ),
        note="aws/sqs.md",
        title="SQS",
        deck="aws",
        page="aws/sqs/",
        tags=("queue",),
    )
    lam = CardFile(
        cards=(
            Card(
                id="lam-1",
                type=CardType.CLOZE,
                text="Lambda runs up to {{c1::15 minutes}} with up to {{c2::10 GB}} of memory",
                context=("Limits",),
                anchor="limits",
                line=4,
            ),
            Card(
                id="lam-2",
                type=CardType.BASIC,
                front="Lambda cold start?",
                back="the first call",
                context=("Start",),
                anchor="start",
                line=8,
            ),
        ),
        note="aws/compute/lambda.md",
        title="Lambda",
        deck="aws::compute",
        page="aws/compute/lambda/",
        tags=("serverless",),
    )
    return {"aws/sqs.yml": sqs, "aws/compute/lambda.yml": lam}


def write_cards(folder: Path, files: dict[str, CardFile]) -> None:
    """Write card files as the extractor would; files not listed are removed."""
    for old in folder.rglob("*.yml"):
        old.unlink()
    for name, card_file in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_card_file(card_file), encoding="utf-8")


LOCAL_POSTGRESQL = "postgresql://postgres@127.0.0.1:5432/test"


@functools.cache
def postgresql() -> tuple[str | None, str]:
    """The PostgreSQL URL to test on, or None and why there is none.

    TEST_DATABASE_URL when set; else the default local server (database `test`, user
    `postgres`) when it lets us in.
    """
    url = os.environ.get("TEST_DATABASE_URL") or LOCAL_POSTGRESQL
    from sqlalchemy import create_engine, text

    engine = create_engine(normalized(url), connect_args={"connect_timeout": 2})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # any failure to connect means: skip, saying why
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        return None, f"PostgreSQL at {url} does not answer ({first_line}); set TEST_DATABASE_URL"
    finally:
        engine.dispose()
    return url, ""


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test that uses the database on SQLite and on PostgreSQL (skipped, saying why,
    when no PostgreSQL answers)."""
    if "database_kind" in metafunc.fixturenames:
        metafunc.parametrize("database_kind", ["sqlite", "postgresql"])


@pytest.fixture
def database_url(database_kind: str, tmp_path: Path) -> Iterator[str]:
    """A fresh SQLite file, or a fresh schema on the test PostgreSQL server."""
    if database_kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    base, why = postgresql()
    if base is None:
        pytest.skip(why)
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(normalized(base))
    with engine.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    joiner = "&" if "?" in base else "?"
    yield f"{base}{joiner}options={quote(f'-csearch_path={schema}')}"
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def card_set(request: pytest.FixtureRequest) -> dict[str, CardFile]:
    """The card files a test starts with: a module with `CARD_SET = "quiz"` gets `quiz_files`."""
    if getattr(request.module, "CARD_SET", "sample") == "quiz":
        return quiz_files()
    return sample_files()


@pytest.fixture
def cards_dir(tmp_path: Path, card_set: dict[str, CardFile]) -> Path:
    folder = tmp_path / "cards"
    write_cards(folder, card_set)
    return folder


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "aws" / "sqs").mkdir(parents=True)
    (site / "index.html").write_text("<h1>Home</h1>", encoding="utf-8")
    (site / "aws" / "sqs" / "index.html").write_text("<h1 id='limits'>SQS</h1>", encoding="utf-8")
    return site


@pytest.fixture
def settings(
    database_url: str,
    cards_dir: Path,
    site_dir: Path,
    tmp_path: Path,
    clock: Clock,
) -> dict[str, Any]:
    """Settings a test may change before asking for `app`."""
    return {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "CARDS_DIR": str(cards_dir),
        "SITE_DIR": str(site_dir),
        "DECK_FILE": str(tmp_path / "deck.apkg"),
        "CLOCK": clock,
        "NEW_PER_DAY": 20,
        "REVIEWS_PER_DAY": 200,
    }


@pytest.fixture
def app(settings: dict[str, Any], tmp_path: Path) -> Iterator[Flask]:
    made = create_app(settings, instance_path=tmp_path / "instance")
    yield made
    made.extensions["quizgen_engine"].dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


@dataclass
class ReviewActions:
    """What a learner does through the JSON API and the review page."""

    client: FlaskClient
    token: str = ""
    seen: list[str] = field(default_factory=list)

    def csrf(self) -> str:
        if not self.token:
            self.token = self.client.get("/api/csrf").json["csrf_token"]
        return self.token

    def post(self, url: str, body: Any = None, *, csrf: bool = True):
        headers = {"X-CSRF-Token": self.csrf()} if csrf else {}
        return self.client.post(url, json=body if body is not None else {}, headers=headers)

    def next(self, **scope: str) -> dict[str, Any]:
        response = self.client.get("/api/next", query_string=scope)
        assert response.status_code == 200, response.json
        return response.json

    def rate(self, rating: Any = 3, **scope: str) -> dict[str, Any]:
        """Rate the next card and return the API's answer."""
        shown = self.next(**scope)
        assert shown["card"] is not None, "no card to rate"
        self.seen.append(shown["card"]["id"])
        body = {
            "card_id": shown["card"]["id"],
            "rating": rating,
            "version": shown["state"]["version"],
        }
        response = self.post("/api/reviews", body)
        assert response.status_code == 201, response.json
        return response.json

    def undo(self, review_id: int | None = None):
        return self.post("/api/undo", {} if review_id is None else {"review_id": review_id})

    def form_token(self) -> str:
        """The CSRF token a page of the session carries."""
        with self.client.session_transaction() as session:
            return session.get("csrf_token") or self.csrf()


def _reviews_at_once(app: Flask, bodies: list[dict]) -> list:
    """Send each review body from its own client at the same moment; the answers, in order."""
    clients = [app.test_client() for _ in bodies]
    tokens = [client.get("/api/csrf").json["csrf_token"] for client in clients]
    answers: list = [None] * len(bodies)
    start = threading.Barrier(len(bodies))

    def send(index: int) -> None:
        start.wait(5)
        answers[index] = clients[index].post(
            "/api/reviews", json=bodies[index], headers={"X-CSRF-Token": tokens[index]}
        )

    threads = [threading.Thread(target=send, args=(n,)) for n in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return answers


@pytest.fixture
def reviews_at_once():
    """`reviews_at_once(app, bodies)`: reviews sent by several clients at the same moment."""
    return _reviews_at_once


@pytest.fixture
def reviewer(client: FlaskClient) -> ReviewActions:
    return ReviewActions(client)


@pytest.fixture
def reviewer_of():
    """`reviewer_of(client)`: the review actions of another client (another app, say)."""
    return ReviewActions


@dataclass
class AuthActions:
    """Registering, logging in and out through the account pages."""

    client: FlaskClient

    def _page_token(self) -> str:
        page = self.client.get("/auth/login").text
        marker = 'name="csrf_token" value="'
        start = page.index(marker) + len(marker)
        return page[start : page.index('"', start)]

    def register(self, name: str = "ada", password: str = "correct horse"):
        form = {"name": name, "password": password, "csrf_token": self._page_token()}
        return self.client.post("/auth/register", data=form)

    def login(self, name: str = "ada", password: str = "correct horse"):
        form = {"name": name, "password": password, "csrf_token": self._page_token()}
        return self.client.post("/auth/login", data=form)

    def logout(self):
        with self.client.session_transaction() as session:
            token = session.get("csrf_token", "")
        return self.client.post("/auth/logout", data={"csrf_token": token})


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)


@dataclass
class CardFolder:
    """The test's card folder: the sample files, and a way to rewrite them."""

    path: Path

    def sample(self) -> dict[str, CardFile]:
        return sample_files()

    def write(self, files: dict[str, CardFile]) -> None:
        write_cards(self.path, files)


@pytest.fixture
def card_folder(cards_dir: Path) -> CardFolder:
    return CardFolder(cards_dir)


@dataclass
class ReviewPage:
    """The review page as a browser without JavaScript uses it: GET, then form posts."""

    client: FlaskClient

    def open(self, **query: str):
        response = self.client.get("/review", query_string=query)
        assert response.status_code == 200
        return response

    def field(self, page: str, name: str) -> str:
        marker = f'name="{name}" value="'
        start = page.index(marker) + len(marker)
        return page[start : page.index('"', start)]

    def answer(self, rating: str = "3", page: str | None = None, **overrides: str):
        page = page or self.open().text
        form = {
            "csrf_token": self.field(page, "csrf_token"),
            "card_id": self.field(page, "card_id"),
            "version": self.field(page, "version"),
            "rating": rating,
            "duration_ms": "1200",
        }
        form.update(overrides)
        return self.client.post("/review/answer", data=form)

    def undo(self, page: str | None = None, **overrides: str):
        page = page or self.open().text
        form = {
            "csrf_token": self.field(page, "csrf_token"),
            "review_id": self.field(page, "review_id"),
        }
        form.update(overrides)
        return self.client.post("/review/undo", data=form)


@pytest.fixture
def review_page(client: FlaskClient) -> ReviewPage:
    return ReviewPage(client)


@pytest.fixture
def stored(app: Flask):
    """A function returning every review stored, oldest first, as dicts."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from webapp.storage.models import ReviewRow

    def reviews() -> list[dict[str, Any]]:
        with Session(app.extensions["quizgen_engine"]) as session:
            rows = session.scalars(select(ReviewRow).order_by(ReviewRow.id))
            return [row.to_dict() for row in rows]

    return reviews


@dataclass
class QuizActions:
    """Taking quizzes through the JSON API, and reading what the database kept."""

    reviewer: ReviewActions
    app: Flask

    def create(self, **body: Any):
        return self.reviewer.post("/api/quizzes", body)

    def made(self, **body: Any) -> dict[str, Any]:
        """Create a quiz that must succeed; its JSON."""
        response = self.create(**body)
        assert response.status_code == 201, response.json
        return response.json

    def answer(self, quiz_id: int, question_id: str, **body: Any):
        return self.reviewer.post(
            f"/api/quizzes/{quiz_id}/answers", {"question_id": question_id, **body}
        )

    def submit(self, quiz_id: int, answers: dict[str, str] | None = None):
        body = {} if answers is None else {"answers": answers}
        return self.reviewer.post(f"/api/quizzes/{quiz_id}/submit", body)

    def result(self, quiz_id: int):
        return self.reviewer.client.get(f"/api/quizzes/{quiz_id}/result")

    def secret(self, quiz_id: int) -> dict[str, dict[str, Any]]:
        """The stored questions with their right answers, by question id."""
        from sqlalchemy.orm import Session

        from webapp.storage.quiz_models import QuizAttempt

        with Session(self.app.extensions["quizgen_engine"]) as session:
            attempt = session.get(QuizAttempt, quiz_id)
            assert attempt is not None
            return {q["id"]: q for q in attempt.questions["questions"]}

    def wrong_answer(self, question: dict[str, Any]) -> str:
        """An answer to the question that is certainly wrong (an option when it has options)."""
        others = [o for o in question["options"] if o != question["answer"]]
        return others[0] if others else "certainly not this"


@pytest.fixture
def quizzer(reviewer: ReviewActions, app: Flask) -> QuizActions:
    return QuizActions(reviewer, app)


@pytest.fixture
def rows_of(app: Flask):
    """A function returning every row of a model's table (as dicts), in key order."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    def rows(table: Any) -> list[dict[str, Any]]:
        order = table.__table__.primary_key.columns
        with Session(app.extensions["quizgen_engine"]) as session:
            return [row.to_dict() for row in session.scalars(select(table).order_by(*order))]

    return rows


@contextlib.contextmanager
def served_in_thread(app: Flask, threads: int = 4) -> Iterator[str]:
    """The app served by waitress on a free local port, in a thread; its address."""
    from waitress import wasyncore
    from waitress.server import create_server

    server: Any = create_server(app, host="127.0.0.1", port=0, threads=threads)

    def run() -> None:
        with contextlib.suppress(OSError):  # a socket closed under the loop all the same
            server.run()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        # Closed from the server's own loop: closing its sockets from here while it waits on
        # them made the loop fail now and then (a bad file descriptor).
        server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
        thread.join(timeout=5)
        server.task_dispatcher.shutdown()


@pytest.fixture
def live_url(app):
    """The app served by waitress on a free local port, in a thread."""
    with served_in_thread(app) as url:
        yield url


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Served:
    """A `quizgen serve` process started by a test, and its address."""

    process: subprocess.Popen
    base: str

    def output(self) -> str:
        """What the process printed (read once it has ended)."""
        return self.process.stdout.read().decode() if self.process.stdout else ""


@pytest.fixture
def serve_process(root: Path, cards_dir: Path, site_dir: Path, database_url: str):
    """`serve_process(*options, env={...})`: `quizgen serve` of the test's cards on the test's
    database, in a process of its own on a free port, answering; each is killed at the end."""
    started: list[subprocess.Popen] = []

    def start(*options: str, env: dict[str, str] | None = None, port: int = 0) -> Served:
        port = port or _free_port()
        environ = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        environ.update(env or {}, PYTHONPATH=str(root))
        command = [sys.executable, "-c", "from quizgen.cli import main; main()", "serve"]
        command += ["--cards", str(cards_dir), "--site", str(site_dir)]
        command += ["--deck", str(site_dir / "none.apkg"), "--port", str(port)]
        command += ["--database-url", database_url, *options]
        process = subprocess.Popen(
            command, cwd=root, env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        started.append(process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{base}/api/csrf", timeout=1).close()
                return Served(process, base)
            except urllib.error.HTTPError:  # it answers (401 when accounts are on)
                return Served(process, base)
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"quizgen serve stopped:\n{Served(process, base).output()}")
                time.sleep(0.1)
        pytest.fail("quizgen serve did not answer within 60 s")

    yield start
    for process in started:
        if process.poll() is None:
            process.terminate()  # gunicorn stops its workers on SIGTERM
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        process.wait(timeout=30)
        if process.stdout:
            process.stdout.close()


class HttpLearner:
    """One learner's browser session over HTTP: a cookie jar (sent to every local port, as
    browsers do) and the session's CSRF token."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        try:
            self.token = self.get("/api/csrf")["csrf_token"]
        except urllib.error.HTTPError:  # accounts are on: the login page carries the token
            with self.opener.open(f"{base}/auth/login", timeout=10) as answer:
                page = answer.read().decode()
            marker = 'name="csrf_token" value="'
            start = page.index(marker) + len(marker)
            self.token = page[start : page.index('"', start)]

    def get(self, path: str, base: str = "") -> Any:
        with self.opener.open((base or self.base) + path, timeout=10) as answer:
            return json.load(answer)

    def post(self, path: str, body: dict[str, Any], base: str = "") -> tuple[int, Any]:
        """POST a JSON body; the status and the JSON answer (errors included)."""
        request = urllib.request.Request(
            (base or self.base) + path,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "X-CSRF-Token": self.token},
        )
        try:
            with self.opener.open(request, timeout=10) as answer:
                return answer.status, json.load(answer)
        except urllib.error.HTTPError as error:
            return error.code, json.load(error)

    def form(self, path: str, fields: dict[str, str], base: str = "") -> int:
        """POST a form with the CSRF token, as the account pages do; the final status."""
        data = urllib.parse.urlencode({**fields, "csrf_token": self.token}).encode()
        with self.opener.open((base or self.base) + path, data=data, timeout=10) as answer:
            return answer.status

    def review(self, card_id: str, rating: int, token: str, base: str = "") -> int:
        return self.post(
            "/api/reviews", {"card_id": card_id, "rating": rating, "token": token}, base
        )[0]


@pytest.fixture
def http_learner():
    """`http_learner(base)`: a learner's session against a served app."""
    return HttpLearner


@pytest.fixture
def every_page(live_url, reviewer, quizzer) -> dict[str, str]:
    """Each page's address, with some history so every part of every page has something."""
    for rating in (3, 1, 4, 3):
        reviewer.rate(rating)
    quiz = quizzer.made(count=3, kinds=["multiple_choice"], seed=5)
    first = quiz["questions"][0]
    quizzer.answer(quiz["id"], first["id"], option=1)
    finished = quizzer.made(count=2, seed=6)
    assert quizzer.submit(finished["id"]).status_code == 200
    card = reviewer.seen[0]
    return {
        "review": "/review",
        "review-answer": "/review?reveal=1",
        "quiz-start": "/quiz",
        "quiz-question": f"/quiz/{quiz['id']}",
        "quiz-result": f"/quiz/{finished['id']}/result",
        "stats": "/stats",
        "browse": "/browse",
        "browse-card": f"/browse/card/{card}",
        "error": "/browse/card/no-such-card",
    }
