"""Explicit-card settings: `quizgen.toml`, the plugin's own data, and bad values reported."""

from __future__ import annotations

import json

from quizgen import load_vault
from quizgen.cards import extract_note
from quizgen.cards.settings import CONFIG_FILE, PLUGIN_DATA, CardSettings, read_settings


def test_defaults_without_any_file(tmp_path):
    assert read_settings(tmp_path) == (CardSettings(), [])


def test_plugin_separators_are_read_but_not_its_tags(tmp_path):
    data = tmp_path / PLUGIN_DATA
    data.parent.mkdir(parents=True)
    plugin = {"singlelineCardSeparator": ";;", "flashcardTags": ["#flashcards"]}
    data.write_text(json.dumps({"settings": plugin}), encoding="utf-8")
    settings, problems = read_settings(tmp_path)
    assert (settings.separator, settings.tags, problems) == (";;", (), [])


def test_config_file_wins_over_the_plugin(tmp_path):
    data = tmp_path / PLUGIN_DATA
    data.parent.mkdir(parents=True)
    data.write_text(json.dumps({"singlelineCardSeparator": ";;"}), encoding="utf-8")
    (tmp_path / CONFIG_FILE).write_text('[cards]\nseparator = "=>"\n', encoding="utf-8")
    assert read_settings(tmp_path)[0].separator == "=>"


def test_bad_values_are_reported_and_defaults_kept(tmp_path):
    text = '[cards]\nseparator = 3\ncolour = "red"\ntags = ["flashcards"]\n'
    (tmp_path / CONFIG_FILE).write_text(text, encoding="utf-8")
    settings, problems = read_settings(tmp_path)
    assert settings.separator == "::" and settings.tags == ("flashcards",)
    assert [p.code for p in problems] == ["bad-config", "bad-config"]
    assert "separator" in problems[0].message and "colour" in problems[1].message


def test_broken_toml_is_one_problem(tmp_path):
    (tmp_path / CONFIG_FILE).write_text("[cards\n", encoding="utf-8")
    settings, problems = read_settings(tmp_path)
    assert settings == CardSettings() and len(problems) == 1


def test_changing_the_separator_changes_the_source_hash(tmp_path):
    (tmp_path / "a.md").write_text("What is SQS;;A queue\n", encoding="utf-8")
    before, _ = extract_note(load_vault(tmp_path).notes["a.md"], load_vault(tmp_path))
    (tmp_path / CONFIG_FILE).write_text('[cards]\nseparator = ";;"\n', encoding="utf-8")
    vault = load_vault(tmp_path)
    after, _ = extract_note(vault.notes["a.md"], vault)
    assert before.source_hash != after.source_hash
    assert [card.back for card in after.cards if card.origin.value == "explicit"] == ["A queue"]


def _write_json(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_notes_in_the_templates_folders_give_no_cards(tmp_path):
    _write_json(tmp_path / ".obsidian/templates.json", {"folder": "Templates"})
    plugin = tmp_path / ".obsidian/plugins/templater-obsidian/data.json"
    _write_json(plugin, {"templates_folder": "Meta/Templater/"})
    template = "# {{title}}\n\nMax timeout::<% tp.file.title %>\n\nS3 stores objects up to 5 TB.\n"
    for path in ("Templates/Service.md", "Meta/Templater/Daily.md", "Templates.md"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(template, encoding="utf-8")
    vault = load_vault(tmp_path)
    assert read_settings(tmp_path)[0].templates == ("Meta/Templater", "Templates")
    cards = {path: extract_note(note, vault)[0].cards for path, note in vault.notes.items()}
    assert cards["Templates/Service.md"] == () and cards["Meta/Templater/Daily.md"] == ()
    assert cards["Templates.md"], "a note beside the folder, named like it, is a note"
