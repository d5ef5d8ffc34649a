"""What a server process spends, read from Linux's /proc: CPU time, context switches and the
read and write calls it made (files and sockets alike), its child processes (gunicorn's
workers) included.

Rates drift on a shared machine; these counts per request move much less, so they show whether a
change made the server do less work even when the rate cannot tell.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["COUNTERS", "per_request", "read_counters"]

COUNTERS = ("cpu_ms", "switches", "reads", "writes")


def read_counters(pid: int) -> dict[str, float] | None:
    """The totals so far of the process and its children; None where /proc does not say
    (not Linux, or the process is gone)."""
    totals = _own_counters(pid)
    if totals is None:
        return None
    for child in _children(pid):
        found = _own_counters(child)
        for name in COUNTERS if found else ():
            totals[name] += found[name]
    return totals


def _children(pid: int) -> list[int]:
    """The process's child processes (none where the kernel does not list them)."""
    found: list[int] = []
    for task in _tasks(pid):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return found


def _tasks(pid: int) -> list[Path]:
    try:
        return list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return []


def _own_counters(pid: int) -> dict[str, float] | None:
    """One process's totals so far (all its threads)."""
    proc = Path(f"/proc/{pid}")
    try:
        stat = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        io = dict(line.split(": ") for line in (proc / "io").read_text().splitlines())
        switches = sum(_switches(task) for task in (proc / "task").iterdir())
    except (OSError, ValueError, IndexError, KeyError):
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    return {
        "cpu_ms": 1000 * (int(stat[11]) + int(stat[12])) / ticks,
        "switches": float(switches),
        "reads": float(io["syscr"]),
        "writes": float(io["syscw"]),
    }


def _switches(task: Path) -> int:
    """A thread's voluntary and involuntary context switches (0 if it has ended)."""
    try:
        lines = (task / "status").read_text().splitlines()
    except OSError:
        return 0
    return sum(int(line.split()[1]) for line in lines if "ctxt_switches" in line)


def per_request(
    before: dict[str, float] | None, after: dict[str, float] | None, requests: int
) -> dict[str, float] | None:
    """Each counter's growth divided by the requests served in between."""
    if before is None or after is None or requests <= 0:
        return None
    return {name: (after[name] - before[name]) / requests for name in COUNTERS}
