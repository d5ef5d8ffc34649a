"""Load + resolve a generated vault, as a ratio to markdown-it-py merely parsing the same files.

Run: .venv/bin/python bench/vault_load.py [sizes...]   (default 1000 10000)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from markdown_it import MarkdownIt

sys.path.insert(0, str(Path(__file__).parent))
from vault_notes import write_vault  # noqa: E402

from quizgen import load_vault  # noqa: E402


def plain_parse(folder: Path) -> int:
    """Baseline: read every note and tokenize it with stock markdown-it-py (commonmark + table)."""
    parser = MarkdownIt("commonmark").enable("table")
    count = 0
    for path in sorted(folder.rglob("*.md")):
        count += len(parser.parse(path.read_text(encoding="utf-8")))
    return count


def best_of(runs: int, action) -> float:
    """Fastest wall time of a few runs, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main(sizes: list[int]) -> None:
    print(f"{'notes':>7} {'markdown-it':>12} {'load_vault':>11} {'ratio':>6}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = write_vault(Path(tmp), size)
            runs = 3 if size <= 2000 else 2
            base = best_of(runs, lambda folder=folder: plain_parse(folder))
            ours = best_of(runs, lambda folder=folder: load_vault(folder))
            print(f"{size:>7} {base:>11.2f}s {ours:>10.2f}s {ours / base:>5.2f}x")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1000, 10000])
