"""Load test of the web app: 100,000 cards and 1,000,000 logged reviews on SQLite.

Serves the app with waitress in a subprocess on 127.0.0.1 and runs a bounded client (threads,
a fixed number of requests per phase and a time limit) against a hello-world route, next-card,
submit-review, quizzes (create and submit) and the statistics, printing requests/s, p50 and
p99 of each and the ratio to hello-world. With `--client wrk` (installed apart), wrk sends the
load instead, for a fixed time per phase (the quiz phases need the Python client).

    .venv/bin/python bench/webapp_load.py [--cards 100000] [--reviews 1000000] [--requests 4000]
    .venv/bin/python bench/webapp_load.py --client wrk --phases "next-card,submit-review"
    .venv/bin/python bench/webapp_load.py --postgresql --workers 2 --learners 100
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import wrk_client  # noqa: E402
from server_costs import COUNTERS, per_request, read_counters  # noqa: E402

DAY_MS = 86_400_000
SETTINGS = {"SYNC_ON_START": False, "NEW_PER_DAY": 20, "REVIEWS_PER_DAY": 200}


def make_app(
    folder: Path,
    synchronous: str | None = None,
    *,
    database_url: str | None = None,
    accounts: bool = False,
):
    """The app on the bench database, with a hello-world route as the baseline.

    The route is added like any other view: the same session, CSRF check, error handlers and
    security headers run around it as around next-card and submit-review.
    """
    from webapp import create_app

    settings = dict(
        SETTINGS,
        CARDS_DIR=str(folder / "cards"),
        DATABASE_URL=database_url or f"sqlite:///{folder / 'bench.sqlite3'}",
        ACCOUNTS=accounts,
    )
    if synchronous:
        settings["SQLITE_SYNCHRONOUS"] = synchronous
    app = create_app(settings, instance_path=folder / "instance")
    app.add_url_rule("/hello", "hello", lambda: "Hello, World!")
    return app


def _card_rows(count: int) -> list[tuple]:
    rows = []
    for number in range(count):
        note = f"deck{number % 20}/note{number % 2000}.md"
        deck = f"deck{number % 20}"
        question = f"What is fact number {number}?"
        rows.append(
            (
                f"card-{number:06d}",
                f"card-{number:06d}",
                number,
                "basic",
                0,
                question,
                f"Answer {number}",
                question,
                f"Answer {number}",
                "[]",
                note,
                f"Note {number % 2000}",
                deck,
                note[:-3] + "/",
                "",
                0,
                "table",
                note,
                0,
                0,
            )
        )
    return rows


def write_card_files(folder: Path, cards: int) -> None:
    """The same cards as card files (one per note), which quizzes are made from."""
    from quizgen.cards import Card, CardFile, CardType, Origin, dump_card_file

    notes = min(cards, 2000)
    for note in range(notes):
        deck = f"deck{note % 20}"
        made = tuple(
            Card(
                id=f"card-{number:06d}",
                type=CardType.BASIC,
                front=f"What is fact number {number}?",
                back=f"Answer {number}",
                context=("Facts",),
                anchor="facts",
                line=number,
                origin=Origin.TABLE,
                tags=(f"tag{number % 50}",),
            )
            for number in range(note, cards, 2000)
        )
        card_file = CardFile(
            cards=made,
            note=f"{deck}/note{note}.md",
            title=f"Note {note}",
            deck=deck,
            page=f"{deck}/note{note}/",
        )
        path = folder / "cards" / deck / f"note{note}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_card_file(card_file), encoding="utf-8")


def fill(folder: Path, cards: int, reviews: int, seed: int = 7) -> None:
    """Bulk-insert the cards, their states and the review log (plain executemany)."""
    write_card_files(folder, cards)
    app = make_app(folder)
    engine = app.extensions["quizgen_engine"]
    rng = random.Random(seed)
    now_ms = int(datetime.now(UTC).timestamp() * 1000)
    old_ms = now_ms - 2 * DAY_MS  # every logged review is before today
    reviewed = int(cards * 0.8)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO cards (id, source_id, position, type, cloze, question, answer,"
            " question_html, answer_html, context, note, title, deck, page, anchor, line, origin,"
            " file, suspended, gone) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            _card_rows(cards),
        )
        connection.exec_driver_sql(
            "INSERT INTO card_tags (card_id, tag) VALUES (?, ?)",
            [(f"card-{n:06d}", f"tag{n % 50}") for n in range(cards)],
        )
        states = []
        for number in range(cards):
            where = (
                f"card-{number:06d}",
                number,
                f"deck{number % 20}",
                f"deck{number % 20}/note{number % 2000}.md",
            )
            if number < reviewed:
                due = now_ms + rng.randint(-30, 90) * DAY_MS
                states.append((*where, 2, 10.0, 5.0, due, old_ms, 12, 1, 12))
            else:
                states.append((*where, 0, None, None, None, None, 0, 0, 0))
        connection.exec_driver_sql(
            "INSERT INTO card_states (learner_id, card_id, position, deck, note, state, stability,"
            " difficulty, due_ms, last_review_ms, reps, lapses, version, suspended, hidden)"
            " VALUES (1,?,?,?,?,?,?,?,?,?,?,?,?,0,0)",
            states,
        )
        before = json.dumps({"state": 2, "stability": 9.0, "difficulty": 5.0})
        after = json.dumps({"state": 2, "stability": 10.0, "difficulty": 5.0})
        batch = []
        for number in range(reviews):
            card = f"card-{number % reviewed:06d}"
            when = old_ms - rng.randint(0, 700) * DAY_MS
            batch.append(
                (1, card, f"gen-{number}", 1 + number % 4, when, 8000, 0, 2, 2, before, after)
            )
            if len(batch) == 100_000:
                _insert_reviews(connection, batch)
                batch = []
        _insert_reviews(connection, batch)
    engine.dispose()


def _insert_reviews(connection, batch: list[tuple]) -> None:
    if batch:
        connection.exec_driver_sql(
            "INSERT INTO reviews (learner_id, card_id, token, rating, reviewed_ms, duration_ms,"
            " was_new, state_before, state_after, before, after) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            batch,
        )


def serve(args: argparse.Namespace) -> None:
    """Run the bench app (the child process): waitress, or gunicorn with --workers."""
    import logging

    import waitress

    from webapp.server import gunicorn_app

    app = make_app(
        args.serve, args.synchronous, database_url=args.database_url, accounts=args.accounts
    )
    if args.workers[0]:
        options = {"bind": f"127.0.0.1:{args.port}", "workers": args.workers[0]}
        options.update(threads=args.server_threads, loglevel="warning", keepalive=300)
        gunicorn_app(app, options).run()
        return
    # The queue-depth warnings are expected under a deliberate overload.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    waitress.serve(app, host="127.0.0.1", port=args.port, threads=args.server_threads, _quiet=True)


class Worker:
    """One client thread with a keep-alive connection and its own session cookie."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        self.connection.request("GET", "/api/csrf")
        answer = self.connection.getresponse()
        self.cookie = answer.getheader("Set-Cookie", "").split(";")[0]
        self.token = json.loads(answer.read())["csrf_token"]

    def call(self, method: str, path: str, body: dict | None = None) -> float:
        """Send one request; the answer's body is kept in `last`."""
        headers = {"Cookie": self.cookie, "X-CSRF-Token": self.token}
        data = json.dumps(body).encode() if body is not None else None
        if data is not None:
            headers["Content-Type"] = "application/json"
        start = time.perf_counter()
        self.connection.request(method, path, body=data, headers=headers)
        answer = self.connection.getresponse()
        self.last = answer.read()
        elapsed = time.perf_counter() - start
        if answer.status >= 400:
            raise RuntimeError(f"{method} {path} answered {answer.status}: {self.last[:200]!r}")
        return elapsed


def run_phase(
    workers: list[Worker], make_request, total: int, limit_s: float, keep: list | None = None
) -> dict:
    """Send `total` requests spread over the workers (or stop at the time limit).

    With `keep`, each answer's JSON is appended to it (quizzes to submit later).
    """
    latencies: list[float] = []
    lock = threading.Lock()
    share = total // len(workers)
    deadline = time.perf_counter() + limit_s

    def drive(index: int, worker: Worker) -> None:
        mine = []
        for number in range(share):
            if time.perf_counter() > deadline:
                break
            mine.append(worker.call(*make_request(index, number)))
            if keep is not None:
                with lock:
                    keep.append(json.loads(worker.last))
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=drive, args=(i, w)) for i, w in enumerate(workers)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    latencies.sort()
    return {
        "requests": len(latencies),
        "rps": len(latencies) / wall,
        "p50_ms": 1000 * latencies[len(latencies) // 2],
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
    }


def wait_for_server(port: int, server: subprocess.Popen) -> None:
    """Wait until the bench server answers its hello-world route (at most a minute)."""
    for _ in range(600):
        if server.poll() is not None:
            raise SystemExit("the bench server stopped")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/hello")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the bench server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=4000, help="requests per phase")
    parser.add_argument("--threads", type=int, default=8, help="client threads (wrk: connections)")
    parser.add_argument(
        "--server-threads", type=int, default=8, help="waitress threads of the server"
    )
    parser.add_argument(
        "--client",
        choices=("python", "wrk"),
        default="python",
        help="the load client: the bench's own Python threads, or wrk (installed apart)",
    )
    parser.add_argument("--seconds", type=float, default=10.0, help="seconds per phase with wrk")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per phase")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--synchronous", help="SQLite synchronous pragma (default: the app's, FULL)"
    )
    parser.add_argument(
        "--phases", help="comma-separated phase names to run (hello-world always runs)"
    )
    parser.add_argument(
        "--rounds", type=int, default=1, help="run the phases this many times, in turn (medians)"
    )
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="time the GET phases one request at a time with Flask's test client instead",
    )
    parser.add_argument(
        "--costs",
        action="store_true",
        help="also print the server's CPU time per request (SQLite: with context switches and"
        " read/write calls; PostgreSQL: with the database's and the client's)",
    )
    parser.add_argument(
        "--postgresql",
        nargs="?",
        const="",
        metavar="URL",
        help="many learners on PostgreSQL (URL, else TEST_DATABASE_URL, else the local server);"
        " see bench/many_learners.py",
    )
    parser.add_argument(
        "--workers",
        type=lambda value: [int(part) for part in value.split(",")],
        default=[0],
        help="gunicorn workers of the server; with --postgresql, a list (1,2) is run in turn",
    )
    parser.add_argument("--learners", type=int, default=100, help="learners (PostgreSQL mode)")
    parser.add_argument(
        "--pace",
        type=float,
        default=2.0,
        help="PostgreSQL mode: seconds between a learner's requests in the paced phases (0: none)",
    )
    parser.add_argument(
        "--paced-requests", type=int, default=10, help="requests per learner in a paced phase"
    )
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--accounts", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args)
        return
    if args.postgresql is not None:
        import many_learners

        many_learners.run(args)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        fill(folder, args.cards, args.reviews)
        print(
            f"generated {args.cards:,} cards and {args.reviews:,} reviews in "
            f"{time.perf_counter() - start:.1f} s"
        )
        if args.in_process:
            in_process(args, folder)
            return
        if args.client == "wrk" and not wrk_client.available():
            raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
        command = [sys.executable, __file__, "--serve", str(folder), "--port", str(args.port)]
        if args.synchronous:
            command += ["--synchronous", args.synchronous]
        command += ["--server-threads", str(args.server_threads)]
        server = subprocess.Popen(command, cwd=ROOT)
        try:
            wait_for_server(args.port, server)
            report(args, server.pid if args.costs else None)
        finally:
            server.terminate()
            server.wait(timeout=30)


def _submit(quizzes: list[dict]):
    """Submit quizzes made earlier, answering every question (an option, or typed text)."""

    def answer(question: dict, number: int) -> str:
        if question["options"]:
            return question["options"][number % len(question["options"])]
        return "Answer " + (question["card_id"][5:].lstrip("0") or "0")

    def make_request(index: int, number: int) -> tuple:
        quiz = quizzes.pop()
        answers = {q["id"]: answer(q, n) for n, q in enumerate(quiz["questions"])}
        return ("POST", f"/api/quizzes/{quiz['id']}/submit", {"answers": answers})

    return make_request


def phases(args: argparse.Namespace) -> dict:
    """Each phase's name and the request it sends (worker index, request number)."""
    rng = random.Random(11)
    run = f"{random.getrandbits(32):08x}"  # tokens unique across runs and warm-ups: no duplicates
    serial = itertools.count()
    card_ids = [f"card-{n:06d}" for n in range(args.cards)]
    notes = min(args.cards, 2000)

    def note(n: int) -> str:
        return f"deck{n % notes % 20}/note{n % notes}.md"

    return {
        "hello-world": lambda i, n: ("GET", "/hello"),
        "next-card": lambda i, n: ("GET", "/api/next"),
        "next (note)": lambda i, n: ("GET", f"/api/next?note={note(n)}"),
        "next (tag)": lambda i, n: ("GET", f"/api/next?tag=tag{n % 50}"),
        "next (deck)": lambda i, n: ("GET", f"/api/next?deck=deck{n % 20}"),
        "submit-review": lambda i, n: (
            "POST",
            "/api/reviews",
            {
                "card_id": rng.choice(card_ids),
                "rating": 1 + n % 4,
                "token": f"bench-{run}-{next(serial)}",
            },
        ),
        "quiz (note, 10)": lambda i, n: (
            "POST",
            "/api/quizzes",
            {"note": note(n), "count": 10, "seed": n, "kinds": ["multiple_choice", "typed"]},
        ),
        "quiz (deck, 20)": lambda i, n: (
            "POST",
            "/api/quizzes",
            {"deck": f"deck{n % 20}", "count": 20, "seed": n},
        ),
        "quiz submit": None,  # filled with the quizzes the note phase made
        "stats heatmap": lambda i, n: ("GET", "/api/stats/heatmap"),
        "stats retention": lambda i, n: ("GET", "/api/stats/retention"),
        "stats forecast": lambda i, n: ("GET", "/api/stats/forecast"),
        "stats mastery": lambda i, n: ("GET", "/api/stats/mastery"),
        "note mastery svg": lambda i, n: ("GET", f"/stats/note?note={note(n)}"),
        "stats page": lambda i, n: ("GET", "/stats"),
    }


def chosen_names(phases: str) -> set[str]:
    """The names in --phases, with hello-world and what they need; a comma inside parentheses
    is part of a name ("quiz (note, 10)")."""
    names = {name.strip() for name in re.split(r",(?![^(]*\))", phases)} | {"hello-world"}
    if "quiz submit" in names:  # it submits the quizzes that phase makes
        names.add("quiz (note, 10)")
    return names


def first_quiz(args: argparse.Namespace, worker: Worker) -> None:
    """The first quiz reads and indexes every card file (once per sync): timed apart."""
    start = time.perf_counter()
    assert worker.connection.sock is not None
    worker.connection.sock.settimeout(600)
    worker.call("POST", "/api/quizzes", {"count": 1})
    worker.connection.sock.settimeout(10)
    took = time.perf_counter() - start
    print(f"first quiz (reads {args.cards:,} cards from card files): {took:.1f} s")


def report(args: argparse.Namespace, server_pid: int | None = None) -> None:
    """Run the phases (all, or those named by --phases) and print the table (and, given the
    server's pid, what it spent per request)."""
    workers = [Worker(args.port) for _ in range(args.threads)]
    chosen = phases(args)
    if args.phases:
        wanted = chosen_names(args.phases)
        chosen = {name: make for name, make in chosen.items() if name in wanted}
    if args.client == "wrk":
        left_out = [name for name in chosen if name not in wrk_client.REQUESTS]
        if left_out:
            print(f"not sent with wrk (they need the Python client): {', '.join(left_out)}")
        chosen = {name: make for name, make in chosen.items() if name in wrk_client.REQUESTS}
        print(f"client: wrk, 1 thread, {args.threads} connections, {args.seconds:g} s per phase")
    elif any(name.startswith("quiz") for name in chosen):
        first_quiz(args, workers[0])
    rounds: list[dict] = []
    for _ in range(args.rounds):
        if args.client == "wrk":
            rounds.append(run_round_wrk(args, workers[0], list(chosen), server_pid))
        else:
            rounds.append(run_round(args, workers, chosen, server_pid))
    print_table(rounds)
    if server_pid is not None:
        print_costs(rounds)


def run_round(
    args: argparse.Namespace, workers: list[Worker], chosen: dict, server_pid: int | None = None
) -> dict:
    """Each chosen phase once, in order (hello-world first): its result by name (with the
    server's costs per request when its pid is given)."""
    results = {}
    quizzes: list[dict] = []
    for name, make_request in chosen.items():
        keep = quizzes if name == "quiz (note, 10)" else None
        if make_request is None:
            make_request = _submit(quizzes)
        else:
            run_phase(workers, make_request, args.threads * 20, args.time_limit)  # warm-up
        phase = partial(run_phase, workers, make_request, args.requests, args.time_limit, keep)
        results[name] = _with_costs(server_pid, phase)
    return results


def _with_costs(server_pid: int | None, run) -> dict:
    """`run()`'s result, with the server's costs per request when its pid is given."""
    before = read_counters(server_pid) if server_pid else None
    result = run()
    if server_pid:
        result["costs"] = per_request(before, read_counters(server_pid), result["requests"])
    return result


def run_round_wrk(
    args: argparse.Namespace, worker: Worker, names: list[str], server_pid: int | None = None
) -> dict:
    """`run_round` with wrk as the client: each phase after a 2 s warm-up, for --seconds."""
    results = {}
    for name in names:
        _wrk_phase(args, worker, name, 2)  # warm-up
        results[name] = _with_costs(
            server_pid, partial(_wrk_phase, args, worker, name, args.seconds)
        )
        if results[name]["failed"]:
            raise SystemExit(f"{name}: {results[name]['failed']} requests failed under wrk")
    return results


def _wrk_phase(args: argparse.Namespace, worker: Worker, name: str, seconds: float) -> dict:
    """One run of wrk with the phase's request, as the worker's session (fresh review tokens)."""
    request = wrk_client.REQUESTS[name].format(cards=args.cards, notes=min(args.cards, 2000))
    run = f"{random.getrandbits(32):08x}"
    script = wrk_client.lua_script(request, worker.cookie, worker.token, run, seed=11)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "phase.lua"
        path.write_text(script, encoding="utf-8")
        return wrk_client.run(f"http://127.0.0.1:{args.port}", str(path), args.threads, seconds)


def print_table(rounds: list[dict]) -> None:
    """Medians over the rounds; each round's ratio is to that round's hello-world.

    With several rounds the range of the ratio follows it: a route's phase and its base run
    minutes apart at most, so drift of the shared machine shows as a range, not as a bias.
    """
    print(
        f"{'route':<17} {'requests':>8} {'req/s':>8} {'ratio':>6} {'range':>11} "
        f"{'p50 ms':>7} {'p99 ms':>7}"
    )
    for name in rounds[0]:
        runs = [results[name] for results in rounds]
        ratios = sorted(results[name]["rps"] / results["hello-world"]["rps"] for results in rounds)
        spread = f"{ratios[0]:.2f}-{ratios[-1]:.2f}" if len(rounds) > 1 else ""
        print(
            f"{name:<17} {runs[0]['requests']:>8} {_median(runs, 'rps'):>8.0f} "
            f"{ratios[len(ratios) // 2]:>6.2f} {spread:>11} "
            f"{_median(runs, 'p50_ms'):>7.1f} {_median(runs, 'p99_ms'):>7.1f}"
        )


def print_costs(rounds: list[dict]) -> None:
    """The server's costs per request, medians over the rounds (where /proc told them)."""
    print(f"{'server, per request':<17} {'CPU ms':>8} {'switches':>9} {'reads':>7} {'writes':>7}")
    for name in rounds[0]:
        costs = [results[name].get("costs") for results in rounds]
        if any(cost is None for cost in costs):
            continue
        cpu, switches, reads, writes = (_median(costs, counter) for counter in COUNTERS)
        print(f"{name:<17} {cpu:>8.3f} {switches:>9.1f} {reads:>7.1f} {writes:>7.1f}")


def _median(runs: list[dict], key: str) -> float:
    return sorted(run[key] for run in runs)[len(runs) // 2]


def _best_ms(call, repeat: int) -> float:
    """The best of three means of `repeat` calls, in ms."""
    means = []
    for _ in range(3):
        start = time.perf_counter()
        for n in range(repeat):
            call(n)
        means.append((time.perf_counter() - start) * 1000 / repeat)
    return min(means)


def in_process(args: argparse.Namespace, folder: Path) -> None:
    """One request at a time through Flask's test client: the cost of each GET phase.

    "after a review" times the statistic or next card right after a review each time, so
    nothing kept from the request before can be used (what a learner sees while studying).
    """
    app = make_app(folder, args.synchronous)
    client = app.test_client()
    token = client.get("/api/csrf").json["csrf_token"]
    chosen = phases(args)
    if args.phases:
        wanted = chosen_names(args.phases)
        chosen = {name: make for name, make in chosen.items() if name in wanted}
    repeat = max(1, args.requests // 10)
    review = chosen.pop("submit-review", None) or phases(args)["submit-review"]
    numbers = itertools.count(10_000_000)  # fresh review tokens
    print(f"{'route (in-process)':<30} {'ms':>8}")
    for name, make_request in chosen.items():
        if make_request is None or make_request(0, 0)[0] != "GET":
            continue

        def get(n: int, make_request=make_request) -> None:
            answer = client.get(make_request(0, n)[1])
            assert answer.status_code == 200, answer.status_code

        get(0)
        print(f"{name:<30} {_best_ms(get, repeat):>8.2f}")
        if not name.startswith(("stats", "next")):
            continue

        def review_then_get(n: int, get=get) -> float:
            _method, path, body = review(0, next(numbers))
            client.post(path, json=body, headers={"X-CSRF-Token": token})
            start = time.perf_counter()
            get(n)
            return time.perf_counter() - start

        runs = max(1, repeat // 5)
        cost = min(sum(review_then_get(n) for n in range(runs)) for _ in range(3)) * 1000 / runs
        print(f"{name + ' after a review':<30} {cost:>8.2f}")


if __name__ == "__main__":
    main()
