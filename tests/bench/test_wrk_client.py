"""wrk as the bench's load client (bench/wrk_client.py): its scripts, and its reports read."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import wrk_client

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_report_gives_the_rate_the_percentiles_and_no_failures():
    report = wrk_client.parse_report((FIXTURES / "wrk_report.txt").read_text())
    assert report == {
        "requests": 857,
        "rps": 428.21,
        "p50_ms": 15.05,
        "p99_ms": 357.28,
        "failed": 0,
    }


def test_answers_of_400_and_up_count_as_failed():
    report = wrk_client.parse_report((FIXTURES / "wrk_report_failed.txt").read_text())
    assert report["failed"] == report["requests"] == 2675
    assert report["p50_ms"] == pytest.approx(0.754)


@pytest.mark.parametrize(
    ("text", "ms"), [("850.00us", 0.85), ("2.85ms", 2.85), ("1.33s", 1330.0), ("2.00m", 120_000.0)]
)
def test_durations_are_read_in_every_unit_wrk_prints(text, ms):
    assert wrk_client._ms(text) == pytest.approx(ms)


def test_a_report_without_its_figures_is_refused():
    with pytest.raises(ValueError, match="no line matching"):
        wrk_client.parse_report("Running 1s test @ http://127.0.0.1:1\n")
    with pytest.raises(ValueError, match="cannot read"):
        wrk_client._ms("3 fortnights")


def test_every_phase_makes_a_script_with_the_session():
    for name, request in wrk_client.REQUESTS.items():
        script = wrk_client.lua_script(
            request.format(cards=100, notes=10), "session=abc", "tok", "r1", 7
        )
        assert 'wrk.headers["Cookie"] = "session=abc"' in script, name
        assert 'wrk.headers["X-CSRF-Token"] = "tok"' in script, name
        assert "return wrk.format(" in script, name


class _Recorder(BaseHTTPRequestHandler):
    """Keeps each request's headers and body; answers 201."""

    seen: list[tuple[dict, bytes]] = []
    lock = threading.Lock()

    def do_POST(self) -> None:  # noqa: N802 (the name http.server calls)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        with self.lock:
            self.seen.append((dict(self.headers), body))
        self.send_response(201)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.skipif(not wrk_client.available(), reason="wrk is not installed (apt-get install wrk)")
def test_real_wrk_sends_reviews_with_the_session_and_fresh_tokens(tmp_path):
    _Recorder.protocol_version = "HTTP/1.1"
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        script = tmp_path / "reviews.lua"
        request = wrk_client.REQUESTS["submit-review"].format(cards=50, notes=10)
        script.write_text(wrk_client.lua_script(request, "session=abc", "tok", "r1", 7))
        report = wrk_client.run(f"http://127.0.0.1:{server.server_port}", str(script), 2, 1)
    finally:
        server.shutdown()
        server.server_close()
    assert report["requests"] > 10 and report["failed"] == 0
    bodies = [json.loads(body) for _, body in _Recorder.seen]
    assert all(headers["Cookie"] == "session=abc" for headers, _ in _Recorder.seen)
    assert all(headers["X-CSRF-Token"] == "tok" for headers, _ in _Recorder.seen)
    assert all(headers["Content-Type"] == "application/json" for headers, _ in _Recorder.seen)
    assert {body["rating"] for body in bodies} == {1, 2, 3, 4}
    assert all(0 <= int(body["card_id"].removeprefix("card-")) < 50 for body in bodies)
    tokens = [body["token"] for body in bodies]
    assert len(set(tokens)) == len(tokens) and all(t.startswith("wrk-r1-") for t in tokens)
