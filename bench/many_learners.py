"""Many learners on PostgreSQL: the app as N gunicorn workers, each learner reviewing its own cards.

Run through `bench/webapp_load.py --postgresql [URL] --workers N --learners 100`. A schema of
its own is filled (cards from card files, a state of every card for every learner, a history of
reviews) and dropped at the end. Each learner logs in on a keep-alive connection of its own and
sends, phase after phase, as fast as it is answered: hello-world (the baseline), next-card and
submit-review (of one of its own cards). The table gives requests per second, p50 and p99 and
the ratio to hello-world on the same server; submit-review's rate is the reviews per second.
With --pace S the two are sent once more by learners who pause about S seconds before each
request, as people do: the latency a learner sees at that load. With --costs it also prints
the CPU time each request cost the app's processes, PostgreSQL (the server's backends serving
the app) and the bench's own client, steadier than the rates on a shared machine.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path
from urllib.parse import quote

from server_costs import read_counters
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session
from webapp_load import ROOT, Worker, make_app, run_phase, wait_for_server, write_card_files

__all__ = ["run"]

LOCAL = "postgresql://postgres@127.0.0.1:5432/test"
PASSWORD = "bench password"
DAY_MS = 86_400_000


def run(args: argparse.Namespace) -> None:
    """Fill a fresh schema, serve it with --workers gunicorn workers, and print the table."""
    from webapp.storage.db import database_url

    base = args.postgresql or os.environ.get("TEST_DATABASE_URL") or LOCAL
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(database_url(base))
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    joiner = "&" if "?" in base else "?"
    # The application name tells the app's backends apart from any other's (for --costs).
    url = f"{base}{joiner}options={quote(f'-csearch_path={schema}')}&application_name={schema}"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            start = time.perf_counter()
            fill(folder, url, args.cards, args.learners, args.reviews)
            took = time.perf_counter() - start
            print(
                f"PostgreSQL: {args.cards:,} cards, {args.learners} learners (a state of every "
                f"card each), {args.reviews:,} past reviews, made in {took:.1f} s"
            )
            for workers in args.workers:
                _serve_and_measure(args, folder, url, workers or 1, _Costs(admin, schema))
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def fill(folder: Path, url: str, cards: int, learners: int, reviews: int) -> None:
    """Card files synced as the app does, the learners, their states and a review history."""
    from werkzeug.security import generate_password_hash

    from webapp.storage.counts import rebuild_counts
    from webapp.storage.sync import sync_folder

    write_card_files(folder, cards)
    app = make_app(folder, database_url=url, accounts=True)
    engine = app.extensions["quizgen_engine"]
    secret = generate_password_hash(PASSWORD)
    rows = [{"name": f"learner-{n}", "hash": secret} for n in range(learners)]
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO learners (name, password_hash, created_ms) VALUES (:name, :hash, 0)"),
            rows,
        )
    with Session(engine) as session:
        sync_folder(session, folder / "cards")  # a state of every card for every learner
    now_ms = int(time.time() * 1000)
    with Session(engine) as session, session.begin():
        session.execute(text(_PAST_REVIEWS), {"now": now_ms, "day": DAY_MS})
        session.execute(text(_HISTORY), {"count": reviews, "old": now_ms - 2 * DAY_MS})
        rebuild_counts(session)
    with engine.connect() as connection:
        connection.execute(text("COMMIT"))
        connection.execute(text("ANALYZE"))
    engine.dispose()


# Four cards in five have been reviewed before: due from 30 days ago to 90 days ahead.
_PAST_REVIEWS = """
UPDATE card_states SET state = 2, stability = 10.0, difficulty = 5.0, reps = 12, lapses = 1,
  version = 12, last_review_ms = :now - 2 * :day,
  due_ms = :now + (floor(random() * 120) - 30)::bigint * :day
WHERE position % 5 <> 0
"""
# The review log: `count` reviews before today, spread over the learners and their cards.
_HISTORY = """
INSERT INTO reviews (learner_id, card_id, token, rating, reviewed_ms, duration_ms, was_new,
  state_before, state_after, before, after)
SELECT s.learner_id, s.card_id, 'gen-' || n, 1 + n % 4, :old - (n % 700)::bigint * 86400000,
  8000, false, 2, 2, '{}', '{}'
FROM generate_series(1, :count) AS n
CROSS JOIN (SELECT count(*) AS total FROM card_states WHERE position % 5 <> 0) AS t
JOIN (SELECT learner_id, card_id, row_number() OVER (ORDER BY learner_id, card_id) - 1 AS k
      FROM card_states WHERE position % 5 <> 0) AS s ON s.k = n % t.total
"""


class Learner(Worker):
    """One learner logged in on a keep-alive connection of its own."""

    def __init__(self, port: int, name: str) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.connection.request("GET", "/auth/login")
        answer = self.connection.getresponse()
        page = answer.read().decode()
        cookie = answer.getheader("Set-Cookie", "").split(";")[0]
        found = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert found, "no CSRF token on the login page"
        self.token = found.group(1)
        form = urllib.parse.urlencode(
            {"name": name, "password": PASSWORD, "csrf_token": self.token}
        )
        headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
        self.connection.request("POST", "/auth/login", body=form, headers=headers)
        answer = self.connection.getresponse()
        answer.read()
        if answer.status != 302:
            raise RuntimeError(f"{name} could not log in: {answer.status}")
        self.cookie = answer.getheader("Set-Cookie", "").split(";")[0]


def _serve_and_measure(
    args: argparse.Namespace, folder: Path, url: str, workers: int, costs: _Costs
) -> None:
    command = [sys.executable, str(ROOT / "bench" / "webapp_load.py"), "--serve", str(folder)]
    command += ["--port", str(args.port), "--database-url", url, "--accounts"]
    command += ["--workers", str(workers), "--server-threads", str(args.server_threads)]
    server = subprocess.Popen(command, cwd=ROOT)
    try:
        wait_for_server(args.port, server)
        learners = [Learner(args.port, f"learner-{n}") for n in range(args.learners)]
        costs.server_pid = server.pid if args.costs else None
        rounds = [_round(args, learners, costs) for _ in range(args.rounds)]
        _print(args, rounds, workers)
    finally:
        server.terminate()
        server.wait(timeout=60)


def _round(args: argparse.Namespace, learners: list[Learner], costs: _Costs) -> dict:
    """hello-world, next-card and submit-review once each (after a warm-up)."""
    rng = random.Random(11)
    run = f"{random.getrandbits(32):08x}"
    serial = itertools.count()
    cards = [f"card-{n:06d}" for n in range(args.cards)]

    def review(_index: int, number: int) -> tuple:
        body = {"card_id": rng.choice(cards), "rating": 1 + number % 4}
        body["token"] = f"bench-{run}-{next(serial)}"
        return ("POST", "/api/reviews", body)

    phases = {
        "hello-world": lambda i, n: ("GET", "/hello"),
        "next-card": lambda i, n: ("GET", "/api/next"),
        "submit-review": review,
    }
    results = {}
    for name, make_request in phases.items():
        run_phase(learners, make_request, len(learners) * 5, args.time_limit)  # warm-up
        results[name] = costs.of(
            partial(run_phase, learners, make_request, args.requests, args.time_limit)
        )
    if args.pace:
        for name in ("next-card", "submit-review"):
            paced = _paced(phases[name], args.pace)
            results[f"{name}, paced"] = run_phase(
                learners, paced, len(learners) * args.paced_requests, args.time_limit * 4
            )
    return results


class _Costs:
    """CPU time per request of the app's processes, of PostgreSQL's backends serving them
    (found by the application name) and of this client, read around a phase."""

    def __init__(self, admin: Engine, application: str) -> None:
        self.admin = admin
        self.application = application
        self.server_pid: int | None = None

    def of(self, run_phase: Callable[[], dict]) -> dict:
        """`run_phase()`'s result, with "costs" when the server's pid is known."""
        if self.server_pid is None:
            return run_phase()
        before = self._read()
        result = run_phase()
        after = self._read()
        result["costs"] = {
            part: (after[part] - before.get(part, 0.0)) / result["requests"] for part in after
        }
        return result

    def _read(self) -> dict[str, float]:
        assert self.server_pid is not None
        server = read_counters(self.server_pid)
        assert server is not None, "the server's counters cannot be read from /proc"
        with self.admin.connect() as connection:
            backends = connection.scalars(
                text("SELECT pid FROM pg_stat_activity WHERE application_name = :name"),
                {"name": self.application},
            ).all()
        database = sum((read_counters(pid) or {"cpu_ms": 0.0})["cpu_ms"] for pid in backends)
        return {
            "app": server["cpu_ms"],
            "postgresql": database,
            "client": 1000 * time.process_time(),
        }


def _paced(make_request, pace_s: float):
    """The same requests, each learner pausing first (about `pace_s` on average, untimed):
    learners who read and think between clicks instead of sending as fast as answered."""
    rng = random.Random(13)

    def paced(index: int, number: int) -> tuple:
        time.sleep(rng.uniform(0.5, 1.5) * pace_s)
        return make_request(index, number)

    return paced


def _print(args: argparse.Namespace, rounds: list[dict], workers: int) -> None:
    """Medians over the rounds; each round's ratio is to that round's hello-world."""
    print(f"{workers} gunicorn worker(s) x {args.server_threads} threads, {args.learners} learners")
    print(f"{'route':<14} {'requests':>8} {'req/s':>8} {'ratio':>6} {'p50 ms':>7} {'p99 ms':>7}")
    for name in rounds[0]:
        runs = sorted((results[name] for results in rounds), key=lambda run: run["rps"])
        ratios = sorted(results[name]["rps"] / results["hello-world"]["rps"] for results in rounds)
        middle = runs[len(runs) // 2]
        print(
            f"{name:<14} {middle['requests']:>8} {middle['rps']:>8.0f} "
            f"{ratios[len(ratios) // 2]:>6.2f} {middle['p50_ms']:>7.1f} {middle['p99_ms']:>7.1f}"
        )
    if args.costs:
        _print_costs(rounds)
    reviews = sorted(results["submit-review"]["rps"] for results in rounds)
    print(f"reviews per second (as fast as answered): {reviews[len(reviews) // 2]:.0f}")
    if args.pace:
        print(f"paced: each learner sends a request about every {args.pace:g} s")


def _print_costs(rounds: list[dict]) -> None:
    """CPU ms per request of each part, medians over the rounds, and the cores they kept busy
    (requests per second times CPU seconds per request): near the machine's cores, the rate is
    bound by CPU, not by a lock or a pool."""
    print(
        f"{'CPU ms per request':<18} {'app':>6} {'postgresql':>10} {'client':>7} {'all':>6}"
        f" {'cores busy':>10}"
    )
    for name in ("hello-world", "next-card", "submit-review"):
        app, database, client, rate = (
            _median([results[name]["costs"] | results[name] for results in rounds], part)
            for part in ("app", "postgresql", "client", "rps")
        )
        total = app + database + client
        print(
            f"{name:<18} {app:>6.3f} {database:>10.3f} {client:>7.3f} {total:>6.3f}"
            f" {rate * total / 1000:>10.2f}"
        )


def _median(runs: list[dict], key: str) -> float:
    return sorted(run[key] for run in runs)[len(runs) // 2]
