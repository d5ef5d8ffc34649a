"""The bench's reading of a server's costs from /proc (bench/server_costs.py)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "server_costs.py"
pytestmark = pytest.mark.skipif(
    not Path("/proc/self/io").exists(), reason="/proc/<pid>/io is Linux's; this system has none"
)


def _costs():
    spec = importlib.util.spec_from_file_location("server_costs", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("server_costs", module)
    spec.loader.exec_module(module)
    return module


def test_counters_grow_with_the_work_done(tmp_path):
    costs = _costs()
    before = costs.read_counters(os.getpid())
    assert before is not None and set(before) == set(costs.COUNTERS)
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
    after = costs.read_counters(os.getpid())
    assert after is not None
    assert after["writes"] - before["writes"] >= 50
    assert after["reads"] - before["reads"] >= 50
    assert after["cpu_ms"] - before["cpu_ms"] >= 20
    assert after["switches"] - before["switches"] >= 5


def test_a_child_process_is_counted_with_its_parent():
    costs = _costs()
    busy = "import time\nend = time.process_time() + 0.3\nwhile time.process_time() < end: pass"
    child = subprocess.Popen([sys.executable, "-c", busy + "\ntime.sleep(30)"])
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            alone = costs._own_counters(child.pid)
            if alone is not None and alone["cpu_ms"] >= 300:
                break
            time.sleep(0.05)
        ours = costs._own_counters(os.getpid())
        both = costs.read_counters(os.getpid())
        assert ours is not None and both is not None
        assert both["cpu_ms"] - ours["cpu_ms"] >= 250
    finally:
        child.kill()
        child.wait()


def test_per_request_divides_each_counter_by_the_requests():
    costs = _costs()
    before = {"cpu_ms": 100.0, "switches": 10.0, "reads": 4.0, "writes": 8.0}
    after = {"cpu_ms": 300.0, "switches": 50.0, "reads": 24.0, "writes": 48.0}
    assert costs.per_request(before, after, 20) == {
        "cpu_ms": 10.0,
        "switches": 2.0,
        "reads": 1.0,
        "writes": 2.0,
    }
    assert costs.per_request(None, after, 20) is None
    assert costs.per_request(before, after, 0) is None


def test_a_process_that_is_gone_has_no_counters():
    costs = _costs()
    assert costs.read_counters(2**22 + 12345) is None
