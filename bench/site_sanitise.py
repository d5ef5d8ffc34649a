"""What sanitising the notes' HTML costs a site build: the same vault built with raw HTML
(no sanitiser, the baseline) and sanitised, alternately in one process.

Uses bench/site_build.py's generated vault (~7 KB notes full of wiki-links, a callout, code)
plus, in every tenth note, a paragraph of raw HTML. Prints the ratio of CPU seconds of the
sanitised build to the raw one, best of each over the rounds.
Usage: python bench/site_sanitise.py [notes] [rounds]
"""

from __future__ import annotations

import functools
import logging
import sys
import tempfile
from pathlib import Path

from site_build import make_vault, timed

from quizgen import load_vault
from quizgen.site import build_site

RAW_HTML = (
    '\n<div class="box"><b onmouseover="x()">bold</b> <a href="javascript:x()">link</a> '
    '<img src="pic.png" onerror="x()"> <kbd>Ctrl</kbd></div>\n'
)


def main() -> None:
    """Build raw and sanitised alternately and print the ratio."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as temp:
        notes = Path(temp) / "notes"
        make_vault(notes, count)
        for path in sorted(notes.rglob("*.md"))[::10]:
            path.write_text(path.read_text(encoding="utf-8") + RAW_HTML, encoding="utf-8")
        vault = load_vault(notes)
        raw_build = functools.partial(build_site, raw_html=True)
        raw_build(vault, Path(temp) / "warm")  # imports and theme caches, not measured
        raw, clean = [], []
        for _ in range(rounds):
            raw.append(timed(raw_build, vault, Path(temp) / "raw"))
            clean.append(timed(build_site, vault, Path(temp) / "clean"))
    print(f"{count} notes: raw HTML {min(raw):.2f} s of CPU, sanitised {min(clean):.2f} s")
    print(f"sanitised / raw: {min(clean) / min(raw):.3f}x")


if __name__ == "__main__":
    main()
