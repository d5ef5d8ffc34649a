"""`quizgen serve --watch` as the user runs it: a process that rebuilds on an edit."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def answer(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return ""


def test_serve_watch_rebuilds_after_an_edit(tmp_path: Path, notes: Path, clean_build, served_until):
    cards, site = tmp_path / "cards", tmp_path / "dist" / "site"
    clean_build(notes, cards, site)
    port = free_port()
    command = [sys.executable, "-c", "from quizgen.cli import main; main()", "serve", "--watch"]
    command += ["--notes", str(notes), "--cards", str(cards), "--site", str(site)]
    command += ["--deck", str(tmp_path / "deck.apkg"), "--port", str(port)]
    command += ["--database-url", f"sqlite:///{tmp_path / 'app.db'}"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        watching = lambda: json.loads(answer(base + "/api/build") or "{}").get("watching")  # noqa: E731
        served_until(watching, "the server")
        (notes / "lambda.md").write_text("# Lambda\n\nMax Lambda timeout::900 seconds\n")
        served_until(lambda: "900 seconds" in answer(base + "/notes/lambda/"), "the new page")
        found = json.loads(answer(base + "/api/cards?note=lambda.md"))["cards"]
        assert [card["answer"] for card in found] == ["900 seconds"]
    finally:
        process.terminate()
        output = process.communicate(timeout=30)[0].decode()
    assert "watching" in output and "1 of 3 notes re-read" in output
