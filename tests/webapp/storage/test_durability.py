"""`kill -9` of `quizgen serve` while reviews stream in loses no review it acknowledged."""

from __future__ import annotations

import http.client
import os
import signal
import threading
import time

from sqlalchemy import create_engine, text

from webapp.storage.db import database_url as normalized


def _stream(learner, cards: list[str], name: str, acked: list[str], stop: threading.Event):
    for number in range(100_000):
        if stop.is_set():
            return
        token = f"{name}-{number}"
        try:
            status = learner.review(cards[number % len(cards)], 1 + number % 4, token)
        except (OSError, http.client.HTTPException, ValueError):
            return  # the server is gone (mid-answer, maybe): this one was never acknowledged
        if status == 201:
            acked.append(token)


def _stored(url: str) -> tuple[set[str], str]:
    """The review tokens stored, and SQLite's integrity check ("ok" elsewhere)."""
    engine = create_engine(normalized(url))
    try:
        with engine.connect() as connection:
            tokens = {row[0] for row in connection.execute(text("SELECT token FROM reviews"))}
            integrity = "ok"
            if engine.dialect.name == "sqlite":
                integrity = connection.execute(text("PRAGMA integrity_check")).scalar_one()
    finally:
        engine.dispose()
    return tokens, integrity


def test_kill_9_loses_no_acknowledged_review(serve_process, http_learner, database_url):
    served = serve_process()
    cards = [card["id"] for card in http_learner(served.base).get("/api/cards")["cards"]]
    acked: list[str] = []
    stop = threading.Event()
    learners = [http_learner(served.base) for _ in range(4)]
    threads = [
        threading.Thread(target=_stream, args=(learner, cards, f"c{i}", acked, stop))
        for i, learner in enumerate(learners)
    ]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 20
    while len(acked) < 40 and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(served.process.pid, signal.SIGKILL)
    served.process.wait(timeout=10)
    stop.set()
    for thread in threads:
        thread.join(timeout=10)
    assert len(acked) >= 40
    printed = served.output()
    assert f"quiz app:  {served.base}/review" in printed
    assert f"notes:     {served.base}/notes/" in printed
    assert f"{served.base}/deck.apkg" in printed
    restarted = serve_process()
    tokens, integrity = _stored(database_url)
    assert integrity == "ok"
    assert set(acked) <= tokens
    assert http_learner(restarted.base).get("/api/next")["counts"]["done"] == len(tokens)
