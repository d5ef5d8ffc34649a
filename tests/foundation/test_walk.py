"""Obsidian's "Excluded files" setting, read from `.obsidian/app.json`."""

from __future__ import annotations

import json

from quizgen.walk import walk_vault


def _vault(tmp_path, settings: str):
    for name in ("keep.md", "Archive/old.md", "Archived.md", "daily/2024-01-01.md", "x/draft.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("# note\n", encoding="utf-8")
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / ".obsidian" / "app.json").write_text(settings, encoding="utf-8")
    found = walk_vault(tmp_path)
    return [p.relative_to(tmp_path).as_posix() for p in found.files], found.problems


def test_prefixes_and_patterns_exclude_as_obsidian_does(tmp_path):
    filters = ["Archive/", "/^daily\\/\\d{4}/", "/draft\\.md$/"]
    files, problems = _vault(tmp_path, json.dumps({"userIgnoreFilters": filters}))
    assert files == ["Archived.md", "keep.md"]
    assert problems == []


def test_unreadable_settings_exclude_nothing_and_say_so(tmp_path):
    files, problems = _vault(tmp_path, "{not json")
    assert len(files) == 5
    assert [(p.path, p.line, p.code) for p in problems] == [
        (".obsidian/app.json", 1, "bad-app-json")
    ]


def test_a_bad_pattern_is_skipped_and_reported(tmp_path):
    files, problems = _vault(tmp_path, json.dumps({"userIgnoreFilters": ["/([/", "Archive/"]}))
    assert "Archive/old.md" not in files and "x/draft.md" in files
    assert [p.code for p in problems] == ["bad-app-json"]
