"""wrk as the load client of bench/webapp_load.py: a Lua script per phase, and its report read.

wrk (C, one thread, an event loop) spends far less CPU per request than the bench's Python
client. On a small machine the client shares the cores with the server, so the two clients
can give different ratios; the bench prints which one it used.
"""

from __future__ import annotations

import re
import shutil
import subprocess

__all__ = ["REQUESTS", "available", "lua_script", "parse_report", "run"]

# Each phase's request, as the body of wrk's `request()` function. `counter` counts the
# requests of this run; `run` is unique to it, so review tokens never repeat across runs.
# (Headers given to `wrk.format` would replace the session's: a body's type is set apart.)
REQUESTS = {
    "hello-world": 'return wrk.format("GET", "/hello")',
    "next-card": 'return wrk.format("GET", "/api/next")',
    "next (note)": (
        "local k = counter % {notes}\n"
        '  return wrk.format("GET", string.format("/api/next?note=deck%d/note%d.md", k % 20, k))'
    ),
    "next (tag)": ('return wrk.format("GET", string.format("/api/next?tag=tag%d", counter % 50))'),
    "next (deck)": (
        'return wrk.format("GET", string.format("/api/next?deck=deck%d", counter % 20))'
    ),
    "submit-review": (
        'local body = string.format(\'{{"card_id":"card-%06d","rating":%d,'
        '"token":"wrk-%s-%d"}}\', math.random(0, {cards} - 1), counter % 4 + 1, run, counter)\n'
        '  wrk.headers["Content-Type"] = "application/json"\n'
        '  return wrk.format("POST", "/api/reviews", nil, body)'
    ),
    "stats heatmap": 'return wrk.format("GET", "/api/stats/heatmap")',
    "stats retention": 'return wrk.format("GET", "/api/stats/retention")',
    "stats forecast": 'return wrk.format("GET", "/api/stats/forecast")',
    "stats mastery": 'return wrk.format("GET", "/api/stats/mastery")',
    "stats page": 'return wrk.format("GET", "/stats")',
}


def available() -> bool:
    """Whether wrk is installed."""
    return shutil.which("wrk") is not None


def lua_script(request: str, cookie: str, token: str, run: str, seed: int) -> str:
    """The script for one phase: the session's cookie and CSRF token on every request."""
    return f"""local counter = 0
local run = "{run}"
math.randomseed({seed})
wrk.headers["Cookie"] = "{cookie}"
wrk.headers["X-CSRF-Token"] = "{token}"
function request()
  counter = counter + 1
  {request}
end
"""


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _find(pattern: str, report: str) -> str:
    found = re.search(pattern, report)
    if found is None:
        raise ValueError(f"wrk's report has no line matching {pattern!r}:\n{report}")
    return found.group(1)


def _ms(text: str) -> float:
    """Milliseconds from a wrk duration: 850.00us, 2.85ms, 1.33s, 2.00m."""
    found = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if found is None:
        raise ValueError(f"wrk printed a duration this bench cannot read: {text!r}")
    return float(found.group(1)) * _UNITS_MS[found.group(2)]


def parse_report(report: str) -> dict:
    """Requests, requests/s, p50 and p99 (ms) and failed answers from wrk's `--latency` report.

    Answers of 400 and up, and socket errors, are counted as failed.
    """
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report
    )
    return {
        "requests": int(_find(r"(\d+) requests in", report)),
        "rps": float(_find(r"Requests/sec:\s+([\d.]+)", report)),
        "p50_ms": _ms(_find(r"\n\s+50%\s+(\S+)", report)),
        "p99_ms": _ms(_find(r"\n\s+99%\s+(\S+)", report)),
        "failed": (int(failed.group(1)) if failed else 0)
        + (sum(int(n) for n in errors.groups()) if errors else 0),
    }


def run(url: str, script_path: str, connections: int, seconds: float) -> dict:
    """Run wrk (one thread, `connections` keep-alive connections) for `seconds`; its report."""
    command = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--latency",
        "-s",
        script_path,
        url,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return parse_report(done.stdout)
