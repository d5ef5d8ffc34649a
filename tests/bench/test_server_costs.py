"""The bench's reading of a server's costs from /proc (bench/server_costs.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import server_costs

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/io").exists(), reason="/proc/<pid>/io is Linux's; this system has none"
)


def test_counters_grow_with_the_work_done(tmp_path):
    before = server_costs.read_counters(os.getpid())
    assert before is not None and set(before) == set(server_costs.COUNTERS)
    target = tmp_path / "scratch.txt"
    for number in range(50):
        target.write_text(str(number))
        target.read_text()
    deadline = time.process_time() + 0.05
    while time.process_time() < deadline:
        pass
    waiter = threading.Event()
    for _ in range(5):  # each wait gives the CPU up: a voluntary context switch
        waiter.wait(0.001)
    after = server_costs.read_counters(os.getpid())
    assert after is not None
    assert after["writes"] - before["writes"] >= 50
    assert after["reads"] - before["reads"] >= 50
    assert after["cpu_ms"] - before["cpu_ms"] >= 20
    assert after["switches"] - before["switches"] >= 5


def test_a_child_process_is_counted_with_its_parent():
    busy = "import time\nend = time.process_time() + 0.3\nwhile time.process_time() < end: pass"
    child = subprocess.Popen([sys.executable, "-c", busy + "\ntime.sleep(30)"])
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            alone = server_costs._own_counters(child.pid)
            if alone is not None and alone["cpu_ms"] >= 300:
                break
            time.sleep(0.05)
        ours = server_costs._own_counters(os.getpid())
        both = server_costs.read_counters(os.getpid())
        assert ours is not None and both is not None
        assert both["cpu_ms"] - ours["cpu_ms"] >= 250
    finally:
        child.kill()
        child.wait()


def test_per_request_divides_each_counter_by_the_requests():
    before = {"cpu_ms": 100.0, "switches": 10.0, "reads": 4.0, "writes": 8.0}
    after = {"cpu_ms": 300.0, "switches": 50.0, "reads": 24.0, "writes": 48.0}
    assert server_costs.per_request(before, after, 20) == {
        "cpu_ms": 10.0,
        "switches": 2.0,
        "reads": 1.0,
        "writes": 2.0,
    }
    assert server_costs.per_request(None, after, 20) is None
    assert server_costs.per_request(before, after, 0) is None


def test_a_process_that_is_gone_has_no_counters():
    assert server_costs.read_counters(2**22 + 12345) is None
