"""Bursts of changes become one rebuild; changes during a rebuild wait for the next one."""

from __future__ import annotations

import threading

from quizgen.watch import Coalescer


def test_a_burst_is_one_batch_with_every_path():
    batches: list[set[str]] = []
    done = threading.Event()

    def flush(paths: set[str]) -> None:
        batches.append(paths)
        done.set()

    coalescer = Coalescer(flush, quiet=0.5)
    for number in range(500):
        coalescer.add([f"note-{number}.md"])
    assert done.wait(10)
    coalescer.stop()
    assert len(batches) == 1
    assert batches[0] == {f"note-{number}.md" for number in range(500)}


def test_changes_during_a_rebuild_make_the_next_one():
    batches: list[set[str]] = []
    started, release, second = threading.Event(), threading.Event(), threading.Event()

    def flush(paths: set[str]) -> None:
        batches.append(paths)
        if len(batches) == 1:
            started.set()
            release.wait(10)
        else:
            second.set()

    coalescer = Coalescer(flush, quiet=0.05)
    coalescer.add(["a.md"])
    assert started.wait(10)
    coalescer.add(["b.md"])
    coalescer.add(["c.md"])
    release.set()
    assert second.wait(10)
    coalescer.stop()
    assert batches == [{"a.md"}, {"b.md", "c.md"}]
