"""`kill -9` of `quizgen serve` while reviews stream in loses no review it acknowledged."""

from __future__ import annotations

import http.cookiejar
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(root: Path, cards: Path, site: Path, port: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PYTHONPATH"] = str(root)
    command = [
        sys.executable,
        "-c",
        "from quizgen.cli import main; main()",
        "serve",
        "--cards",
        str(cards),
        "--site",
        str(site),
        "--deck",
        str(site / "none.apkg"),
        "--port",
        str(port),
    ]
    server = subprocess.Popen(
        command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/csrf", timeout=1).close()
            return server
        except (OSError, urllib.error.URLError):
            assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
            time.sleep(0.1)
    server.kill()
    pytest.fail("quizgen serve did not answer within 30 s")


class Client:
    """One learner's browser session: a cookie jar and the CSRF token."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.token = self.get("/api/csrf")["csrf_token"]

    def get(self, path: str) -> dict:
        with self.opener.open(self.base + path, timeout=5) as answer:
            return json.load(answer)

    def review(self, card_id: str, rating: int, token: str) -> int:
        body = json.dumps({"card_id": card_id, "rating": rating, "token": token}).encode()
        request = urllib.request.Request(
            self.base + "/api/reviews",
            data=body,
            headers={"Content-Type": "application/json", "X-CSRF-Token": self.token},
        )
        with self.opener.open(request, timeout=5) as answer:
            return answer.status


def _stream(client: Client, cards: list[str], name: str, acked: list[str], stop: threading.Event):
    for number in range(100_000):
        if stop.is_set():
            return
        token = f"{name}-{number}"
        try:
            status = client.review(cards[number % len(cards)], 1 + number % 4, token)
        except (OSError, urllib.error.URLError):
            return  # the server is gone: this one was never acknowledged
        if status == 201:
            acked.append(token)


def test_kill_9_loses_no_acknowledged_review(root, cards_dir, site_dir, tmp_path):
    port = _free_port()
    server = _start(root, cards_dir, site_dir, port)
    base = f"http://127.0.0.1:{port}"
    try:
        cards = [card["id"] for card in Client(base).get("/api/cards")["cards"]]
        acked: list[str] = []
        stop = threading.Event()
        clients = [Client(base) for _ in range(4)]
        threads = [
            threading.Thread(target=_stream, args=(c, cards, f"c{i}", acked, stop))
            for i, c in enumerate(clients)
        ]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 20
        while len(acked) < 40 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
        stop.set()
        for thread in threads:
            thread.join(timeout=10)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    assert len(acked) >= 40
    printed = server.stdout.read().decode() if server.stdout else ""
    assert f"quiz app:  http://127.0.0.1:{port}/review" in printed
    assert f"notes:     http://127.0.0.1:{port}/notes/" in printed
    assert f"http://127.0.0.1:{port}/deck.apkg" in printed
    database = tmp_path / "instance" / "quizgen.sqlite3"
    restarted = _start(root, cards_dir, site_dir, port)
    try:
        with sqlite3.connect(database) as connection:
            tokens = {row[0] for row in connection.execute("SELECT token FROM reviews")}
            (integrity,) = connection.execute("PRAGMA integrity_check").fetchone()
        assert integrity == "ok"
        assert set(acked) <= tokens
        assert Client(base).get("/api/next")["counts"]["done"] == len(tokens)
    finally:
        restarted.kill()
        restarted.wait()
        for process in (server, restarted):
            if process.stdout:
                process.stdout.close()
