"""Reloading a vault resolves again only the links that may land elsewhere, and finds what a
fresh load finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen import load_vault
from quizgen.watch import NoteCache

CHANGES = {
    "heading gone": ("b.md", "# B\n\nNo sections now.\n"),
    "heading back": ("b.md", "# B\n\n## Part\n\nText.\n"),
    "alias": ("c.md", "---\naliases: [Bee]\n---\n# C\n"),
    "new note": ("d.md", "# D\n\nSee [[a]].\n"),
    "linking edit": ("a.md", "# A\n\n[[b#Part]] [[Bee]] [[d]] [[missing]]\n"),
}


def write_vault(notes: Path) -> None:
    (notes / "a.md").write_text("# A\n\n[[b#Part]] [[Bee]] [[d]]\n")
    (notes / "b.md").write_text("# B\n\n## Part\n\nText.\n")
    (notes / "c.md").write_text("# C\n\nSee [[a]].\n")


@pytest.mark.parametrize("steps", [list(CHANGES)[: n + 1] for n in range(len(CHANGES))])
def test_a_reload_links_as_a_fresh_load_does(tmp_path: Path, steps: list[str]):
    write_vault(tmp_path)
    cache = NoteCache()
    cache.reload(tmp_path)
    for step in steps:
        name, text = CHANGES[step]
        (tmp_path / name).write_text(text)
        cache.forget([name])
        again = cache.reload(tmp_path).vault
    fresh = load_vault(tmp_path)
    assert again.resolved == fresh.resolved
    assert again.backlinks == fresh.backlinks
    assert again.diagnostics == fresh.diagnostics
