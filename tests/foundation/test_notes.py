"""What the vault model reads from a note: title, aliases, tags, headings, blocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen import load_vault

FIXTURES = Path(__file__).parent / "fixtures" / "links"


@pytest.fixture(scope="module")
def vault():
    return load_vault(FIXTURES)


def test_title_from_front_matter_then_h1_then_file_name(vault, tmp_path):
    assert vault.notes["index.md"].title == "Home"
    assert vault.notes["aws/compute/lambda.md"].title == "AWS Lambda"
    (tmp_path / "plain name.md").write_text("No heading here.\n", encoding="utf-8")
    assert load_vault(tmp_path).notes["plain name.md"].title == "plain name"


def test_aliases_and_tags_from_front_matter_and_body(vault):
    note = vault.notes["aws/compute/lambda.md"]
    assert note.aliases == ["Serverless Functions", "λ"]
    assert note.tags == ["aws", "compute", "serverless"]


def test_heading_anchors_match_mkdocs(vault):
    note = vault.notes["aws/compute/lambda.md"]
    assert [(h.level, h.anchor) for h in note.headings] == [
        (1, "aws-lambda"),
        (2, "cold-starts"),
        (2, "quotas"),
        (3, "timeout"),
    ]
    assert vault.notes["Café Notes/Résumé de café.md"].headings[1].anchor == "première-partie"


def test_repeated_headings_get_numbered_anchors(tmp_path):
    (tmp_path / "n.md").write_text("# A\n## Notes\n## Notes\n## Notes\n", encoding="utf-8")
    anchors = [h.anchor for h in load_vault(tmp_path).notes["n.md"].headings]
    assert anchors == ["a", "notes", "notes_1", "notes_2"]


def test_sections_end_at_next_heading_of_same_level(vault):
    note = vault.notes["aws/compute/lambda.md"]
    quotas = note.heading_for("Quotas")
    assert quotas is not None
    assert quotas.end_line == len(note.source.splitlines())
    assert note.heading_for("cold starts").end_line == quotas.line - 1


def test_block_ids_are_found_and_removed_from_text(vault):
    note = vault.notes["aws/compute/lambda.md"]
    block = note.blocks["burst"]
    assert note.source.splitlines()[block.line - 1].endswith("^burst")
    texts = [c.content for t in note.tokens if t.children for c in t.children]
    assert not any("^burst" in text for text in texts)


def test_heading_path_above_a_line(vault):
    note = vault.notes["aws/compute/lambda.md"]
    line = next(i for i, text in enumerate(note.lines, 1) if "15 minutes" in text)
    assert [h.text for h in note.heading_above(line)] == ["AWS Lambda", "Quotas", "Timeout"]


def test_hidden_folders_are_skipped(tmp_path):
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / ".obsidian" / "x.md").write_text("# hidden", encoding="utf-8")
    (tmp_path / "a.md").write_text("# A", encoding="utf-8")
    assert list(load_vault(tmp_path).notes) == ["a.md"]


def test_note_key_prefers_front_matter_id(tmp_path):
    (tmp_path / "a.md").write_text("---\nid: lambda-basics\n---\n# A\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# B\n", encoding="utf-8")
    notes = load_vault(tmp_path).notes
    assert notes["a.md"].key == "lambda-basics"
    assert notes["b.md"].key == "b"


COMMENTED = (
    "# Lambda\n\n"
    "Memory goes up to 10 GB. %%check the exact figure%%\n\n"
    "%%\nA private note to myself\nabout the exam\n%%\n\n"
    "Use `printf '%%d'` in code.\n\n"
    "```sql\nSELECT 1 %% 2\n```\n\n"
    "Timeout is 15 minutes.\n"
)


def test_obsidian_comments_are_left_out_and_lines_kept(tmp_path):
    (tmp_path / "lambda.md").write_text(COMMENTED, encoding="utf-8")
    note = load_vault(tmp_path).notes["lambda.md"]
    assert "check the exact figure" not in note.source
    assert "private note" not in note.source and "about the exam" not in note.source
    assert "printf '%%d'" in note.source and "SELECT 1 %% 2" in note.source
    assert note.source.count("\n") == COMMENTED.count("\n")
    assert note.lines[COMMENTED.split("\n").index("Timeout is 15 minutes.")] == (
        "Timeout is 15 minutes."
    )


CONFLICTED = """# Muscles

<<<<<<< Updated upstream
A band: the myosin filaments, which stay the same length.
=======
A band: the thick filaments.
>>>>>>> Stashed changes

Calcium binds troponin C.
"""


def test_git_conflict_markers_are_left_out_both_sides_kept_and_reported(tmp_path):
    (tmp_path / "muscles.md").write_text(CONFLICTED, encoding="utf-8")
    vault = load_vault(tmp_path)
    note = vault.notes["muscles.md"]
    assert "<<<<<<<" not in note.source and ">>>>>>>" not in note.source
    assert "=======" not in note.source
    assert "myosin filaments" in note.source and "the thick filaments" in note.source
    assert [h.text for h in note.headings] == ["Muscles"]  # `=======` made no heading
    assert note.source.count("\n") == CONFLICTED.count("\n")
    found = [d for d in vault.diagnostics if d.code == "merge-conflict"]
    assert [(d.path, d.line) for d in found] == [("muscles.md", 3)]
    assert (tmp_path / "muscles.md").read_text(encoding="utf-8") == CONFLICTED


def test_seven_equals_signs_without_a_conflict_still_underline_a_heading(tmp_path):
    (tmp_path / "setext.md").write_text("Title line\n=======\n\nText.\n", encoding="utf-8")
    vault = load_vault(tmp_path)
    assert [h.text for h in vault.notes["setext.md"].headings] == ["Title line"]
    assert not [d for d in vault.diagnostics if d.code == "merge-conflict"]
