"""Card extraction on 1,000 and 10,000 generated notes, against markdown-it-py parsing them.

Notes are made from the project's own notes and the labelled set (the user's style) with their
numbers and names varied. For each size the script prints, in one process:
- parse: markdown-it-py (quizgen's parser) merely tokenizing every file, the baseline;
- load_vault: reading, parsing and linking the notes (what every quizgen command does first);
- extract: `extract_vault` on the loaded vault, as a ratio to parse;
- cards cold: `write_card_files` into an empty folder (extraction + YAML), as a ratio to parse;
- rerun: `write_card_files` again with nothing changed, as a ratio to parse.

parse, extract and rerun are each the best of 3 rounds taken in turns (the machine may be shared);
load_vault and cards cold are single runs.
Run: .venv/bin/python bench/cards_extract.py [sizes...]
"""

from __future__ import annotations

import random
import re
import sys
import tempfile
import time
from pathlib import Path

from quizgen import load_vault
from quizgen.cards import extract_vault, write_card_files
from quizgen.syntax import make_parser

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "notes").rglob("*.md")) + sorted(
    (ROOT / "tests" / "cards" / "labelled").glob("*.md")
)
SERVICES = ["Lambda", "SQS", "SNS", "EventBridge", "Kinesis", "KMS", "RDS", "DynamoDB", "S3"]


def make_vault(folder: Path, count: int, rng: random.Random) -> None:
    """Write `count` notes into folders of 100, each a varied copy of a template note."""
    texts = [path.read_text(encoding="utf-8") for path in TEMPLATES if path.name != "README.md"]
    for number in range(count):
        text = texts[number % len(texts)]
        text = re.sub(r"\b\d+\b", lambda m: str(rng.randint(1, 999)), text)
        service = rng.choice(SERVICES)
        text = text.replace("Lambda", service).replace("# ", f"# {number} ", 1)
        path = folder / f"area-{number // 100}" / f"note-{number}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def timed(action) -> tuple[float, object]:
    """Seconds an action takes, and what it returns."""
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def parse_all(folder: Path) -> int:
    """Tokenize every note with the parser quizgen uses; returns the token count."""
    parser = make_parser()
    return sum(len(parser.parse(p.read_text(encoding="utf-8"))) for p in folder.rglob("*.md"))


def run(count: int, rounds: int = 3) -> None:
    """Print the figures for one vault size (each the best of `rounds`, taken in turns)."""
    with tempfile.TemporaryDirectory() as temporary:
        notes, cards = Path(temporary) / "notes", Path(temporary) / "cards"
        make_vault(notes, count, random.Random(count))
        load, vault = timed(lambda: load_vault(notes))
        cold, report = timed(lambda: write_card_files(vault, cards))  # type: ignore[arg-type]
        parse = extract = rerun = float("inf")
        for _ in range(rounds):
            # In turns, so that a busy moment on a shared machine hits both sides alike.
            parse = min(parse, timed(lambda: parse_all(notes))[0])
            seconds, found = timed(lambda: extract_vault(vault))  # type: ignore[arg-type]
            extract = min(extract, seconds)
            seconds, again = timed(lambda: write_card_files(vault, cards))  # type: ignore[arg-type]
            rerun = min(rerun, seconds)
            assert again.changed == 0  # type: ignore[attr-defined]
        total = sum(len(f.cards) for f in found.files.values())  # type: ignore[attr-defined]
        assert report.cards == total  # type: ignore[attr-defined]
        print(
            f"{count:>6} notes, {total} cards | parse {parse:6.2f}s | load_vault {load:6.2f}s "
            f"| extract {extract:6.2f}s = {extract / parse:.2f}x parse "
            f"| cards cold {cold:6.2f}s = {cold / parse:.2f}x "
            f"| no-change rerun {rerun:5.2f}s = {rerun / parse:.2f}x"
        )


def main(sizes: list[int]) -> None:
    """Run every size."""
    for size in sizes:
        run(size)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1_000, 10_000])
