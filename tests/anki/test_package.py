"""The package and manifest read back with sqlite: same rows, timestamps, removals, problems."""

from __future__ import annotations

import itertools
import json
import logging
import os
import sqlite3
import zipfile
from pathlib import Path

import genanki
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen.anki import AnkiNote, NoteType, collect, export_package, write_package
from quizgen.anki.manifest import Manifest, manifest_path, read_manifest
from quizgen.anki.media import obsidian_images_to_markdown
from quizgen.anki.models import model_for
from quizgen.anki.notes import anki_tag, deck_name, note_guid
from quizgen.anki.package import KEEP_REMOVED_DAYS, deck_id
from quizgen.anki.writer import card_ords, genanki_note
from quizgen.cards import Card, CardFile, CardType

T0 = 1_760_000_000.0


def rows(package: Path, tmp_path: Path) -> dict[str, list[tuple]]:
    """The notes, cards and collection rows of a package."""
    with zipfile.ZipFile(package) as archive:
        archive.extract("collection.anki2", tmp_path / "rows")
    connection = sqlite3.connect(tmp_path / "rows" / "collection.anki2")
    try:
        return {
            "notes": connection.execute("select * from notes order by guid").fetchall(),
            "cards": connection.execute("select * from cards order by id").fetchall(),
            "col": connection.execute("select models, decks from col").fetchall(),
        }
    finally:
        connection.close()
        (tmp_path / "rows" / "collection.anki2").unlink()


def test_building_twice_from_unchanged_cards_gives_the_same_rows(project, tmp_path):
    first = export_package(project.cards, project.out, notes_dir=project.notes, timestamp=T0)
    before = rows(first.path, tmp_path)
    second = export_package(project.cards, project.out, notes_dir=project.notes, timestamp=T0 + 99)

    assert rows(second.path, tmp_path) == before
    assert len(before["notes"]) == 5 and second.timestamp == T0 and not second.changed


def test_a_changed_card_gives_a_newer_timestamp_and_the_same_guids(project, tmp_path):
    first = export_package(project.cards, project.out, timestamp=T0)
    before = rows(first.path, tmp_path)
    project.write_sqs("Changed")
    second = export_package(project.cards, project.out, timestamp=T0 - 500)

    after = rows(second.path, tmp_path)
    assert second.timestamp == T0 + 1 and second.changed
    assert [n[1] for n in after["notes"]] == [n[1] for n in before["notes"]]
    assert {n[3] for n in after["notes"]} == {int(T0) + 1}


def test_broken_card_file_is_reported_and_its_cards_are_not_removed(project):
    export_package(project.cards, project.out, timestamp=T0)
    (project.cards / "aws" / "sqs.yml").write_text("cards: [\n  - id: oops\n", encoding="utf-8")
    report = export_package(project.cards, project.out, timestamp=T0 + 10)

    assert [d.code for d in report.diagnostics] == ["bad-card-file"]
    assert report.diagnostics[0].path == "aws/sqs.yml"
    assert report.removed == 0 and report.notes == 5
    assert (project.cards / "aws" / "sqs.yml").read_text().startswith("cards: [")


def test_missing_image_is_reported_with_the_note_and_line(project):
    project.write(
        "broken.yml",
        CardFile(
            cards=(Card("b-1", CardType.BASIC, front="Q ![[gone.png]]", back="A", line=7),),
            note="aws/broken.md",
        ),
    )
    report = export_package(project.cards, project.out, notes_dir=project.notes, timestamp=T0)

    [problem] = report.diagnostics
    assert (problem.path, problem.line, problem.code) == ("aws/broken.md", 7, "missing-image")
    assert "gone.png" in problem.message


def test_duplicate_card_id_keeps_the_first_card(project):
    project.write("zz-copy.yml", CardFile(cards=(Card("mine-1", CardType.BASIC, front="x"),)))
    report = export_package(project.cards, project.out, timestamp=T0)

    assert [d.code for d in report.diagnostics] == ["duplicate-card-id"]
    manifest, _ = read_manifest(manifest_path(project.out))
    assert manifest.notes[_guid(manifest, "My own question")].fields[1] == "My own answer"


def _guid(manifest: Manifest, front: str) -> str:
    """The GUID of the note whose first field is `front`."""
    return next(guid for guid, note in manifest.notes.items() if note.fields[0] == front)


def test_removed_facts_stay_for_a_while_then_are_forgotten(project):
    export_package(project.cards, project.out, timestamp=T0)
    project.write_sqs(drop="sqs-size")
    removed = export_package(project.cards, project.out, timestamp=T0 + 10)
    later = export_package(project.cards, project.out, timestamp=T0 + 20)
    gone = export_package(project.cards, project.out, timestamp=T0 + KEEP_REMOVED_DAYS * 86400 + 11)

    assert (removed.removed, later.removed, gone.removed) == (1, 1, 0)
    assert later.timestamp == removed.timestamp  # nothing new: same package
    assert gone.timestamp > later.timestamp


def test_a_fact_that_comes_back_loses_the_removed_tag(project):
    export_package(project.cards, project.out, timestamp=T0)
    project.write_sqs(drop="sqs-what")
    export_package(project.cards, project.out, timestamp=T0 + 10)
    project.write_sqs()
    report = export_package(project.cards, project.out, timestamp=T0 + 20)

    manifest, _ = read_manifest(manifest_path(project.out))
    assert report.removed == 0
    assert all("quizgen::removed" not in note.tags for note in manifest.notes.values())


def test_without_a_site_the_source_is_the_note_path_and_line(project):
    export_package(project.cards, project.out, timestamp=T0)
    manifest, _ = read_manifest(manifest_path(project.out))
    note = manifest.notes[_guid(manifest, "What is <strong>Amazon SQS</strong>?")]
    assert note.fields[3] == "aws/sqs.md, line 5"


def test_a_broken_manifest_is_reported_and_the_build_goes_on(project):
    project.out.parent.mkdir(parents=True)
    manifest_path(project.out).write_text("{not json", encoding="utf-8")
    report = export_package(project.cards, project.out, timestamp=T0)

    assert [d.code for d in report.diagnostics] == ["bad-anki-manifest"]
    assert report.notes == 5 and json.loads(manifest_path(project.out).read_text())["format"] == 1


def test_write_package_logs_problems_and_returns_the_path(project, caplog):
    project.write("zz-copy.yml", CardFile(cards=(Card("mine-1", CardType.BASIC, front="x"),)))
    with caplog.at_level(logging.WARNING, logger="quizgen.anki"):
        path = write_package(project.cards, project.out, timestamp=T0)

    assert path == project.out and path.is_file()
    assert "zz-copy.yml:0: error: a card id appears twice" in caplog.text


def test_deck_name_defaults_to_the_notes_folder_and_can_be_given(project, tmp_path):
    named = export_package(project.cards, project.out, deck_name="AWS SAA", timestamp=T0)
    manifest, _ = read_manifest(manifest_path(named.path))
    assert {note.deck for note in manifest.notes.values()} == {
        "AWS SAA",
        "AWS SAA::aws",
        "AWS SAA::aws::compute",
    }
    assert deck_id("AWS SAA::aws") == deck_id("AWS SAA::aws") != deck_id("AWS SAA")


def test_manifest_and_note_records_round_trip():
    note = AnkiNote("g", NoteType.CLOZE, "d::e", ("a", "b", "", ""), ("t",), ("m.png",), 5.0)
    manifest = Manifest(timestamp=T0, digest="x", settings="s", notes={"g": note})
    assert Manifest.from_dict(json.loads(json.dumps(manifest.to_dict()))) == manifest
    assert AnkiNote.from_dict(note.to_dict()) == note


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("#aws/lambda", "aws::lambda"), ("exam prep", "exam_prep"), ("a//b/", "a::b"), ("#", "")],
)
def test_obsidian_tags_become_anki_tags(tag, expected):
    assert anki_tag(tag) == expected


@pytest.mark.parametrize(
    ("deck", "expected"),
    [("", "Root"), ("aws::appendix", "Root::aws::appendix"), ("a/b", "Root::a::b")],
)
def test_sub_decks_hang_under_the_root(deck, expected):
    assert deck_name("Root", deck) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("![[x.png]]", "![](<x.png>)"),
        ("![[a b.png|300]]", "![](<a b.png>)"),
        ("![[x.png|the diagram]]", "![the diagram](<x.png>)"),
        ("![[Other note]]", "![[Other note]]"),
    ],
)
def test_obsidian_image_embeds_become_markdown_images(text, expected):
    assert obsidian_images_to_markdown(text) == expected


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_rendering_in_worker_processes_gives_the_same_package(
    project, tmp_path, monkeypatch, method
):
    (project.cards / "aws" / "broken.yml").write_text("cards: [\n", encoding="utf-8")
    serial = export_package(project.cards, project.out, notes_dir=project.notes, timestamp=T0)
    serial_rows = rows(serial.path, tmp_path)
    monkeypatch.setattr(collect, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(collect, "usable_cores", lambda: 2)
    monkeypatch.setattr(collect, "start_method", lambda: method)
    other = tmp_path / "parallel" / "deck.apkg"
    parallel = export_package(project.cards, other, notes_dir=project.notes, timestamp=T0)

    assert rows(parallel.path, tmp_path) == serial_rows
    assert parallel.diagnostics == serial.diagnostics
    assert [d.code for d in parallel.diagnostics][:1] == ["bad-card-file"]
    assert read_manifest(manifest_path(other))[0].files == (
        read_manifest(manifest_path(project.out))[0].files
    )


@settings(max_examples=200)
@given(st.text(max_size=40))
def test_note_guids_are_genankis(card_id):
    assert note_guid(card_id) == genanki.guid_for("quizgen", card_id)


FIELD_TEXTS = [
    "",
    "x",
    "{{c1::a}}",
    "{{c2::b}} and {{c1::c}}",
    "{{c0::z}}",
    "{{c12::q\nr}}",
    "{{c3::}}",
]


@settings(max_examples=300)
@given(
    st.sampled_from(list(NoteType)),
    st.lists(st.sampled_from(FIELD_TEXTS), min_size=4, max_size=4),
)
def test_known_notes_get_the_cards_genanki_gives(note_type, fields):
    plain = genanki.Note(model=model_for(note_type), fields=list(fields))
    assert card_ords(note_type, tuple(fields)) == [card.ord for card in plain.cards]


def test_known_notes_write_the_rows_plain_genanki_notes_write(project, tmp_path):
    project.write("aws/cloze.yml", CardFile(cards=(cloze_card(),), note="aws/cloze.md"))
    report = export_package(project.cards, project.out, notes_dir=project.notes, timestamp=T0)
    notes = list(read_manifest(manifest_path(report.path))[0].notes.values())
    plain = tmp_path / "plain.anki2"
    known = tmp_path / "known.anki2"
    for path, make in ((plain, plain_note), (known, genanki_note)):
        deck = genanki.Deck(1, "d")
        for note in notes:
            deck.add_note(make(note))
        connection = sqlite3.connect(path)
        genanki.Package(deck).write_to_db(connection.cursor(), T0, itertools.count(1))
        connection.commit()
        connection.close()
    rows = table_rows(known)
    assert rows == table_rows(plain)
    assert len(rows["notes"]) == 6 and {card[3] for card in rows["cards"]} == {0, 1}


def test_exported_fields_hold_no_html_genanki_would_warn_about(project):
    report = export_package(project.cards, project.out, notes_dir=project.notes, timestamp=T0)
    for note in read_manifest(manifest_path(report.path))[0].notes.values():
        for text in note.fields:
            assert genanki.Note._find_invalid_html_tags_in_field(text) == []


def cloze_card() -> Card:
    return Card("cz", CardType.CLOZE, text="SQS keeps {{c1::4 days}}, at most {{c2::14 days}}.")


def plain_note(note: AnkiNote) -> genanki.Note:
    model = model_for(note.note_type)
    return genanki.Note(model=model, fields=list(note.fields), tags=list(note.tags), guid=note.guid)


def table_rows(path: Path) -> dict[str, list[tuple]]:
    connection = sqlite3.connect(path)
    try:
        return {
            table: connection.execute(f"select * from {table} order by id").fetchall()
            for table in ("notes", "cards")
        }
    finally:
        connection.close()


def test_a_rewritten_card_file_with_the_same_cards_keeps_the_timestamp(project, tmp_path):
    first = export_package(project.cards, project.out, timestamp=T0)
    before = rows(first.path, tmp_path)
    sqs = project.cards / "aws" / "sqs.yml"
    sqs.write_text("# reformatted by hand\n" + sqs.read_text(encoding="utf-8"), encoding="utf-8")
    again = export_package(project.cards, project.out, timestamp=T0 + 50)
    assert (again.timestamp, again.changed) == (T0, False)
    assert rows(again.path, tmp_path) == before

    project.out.unlink()  # the package is gone: written again, with the same timestamp
    sqs.write_text("# and again\n" + sqs.read_text(encoding="utf-8"), encoding="utf-8")
    rebuilt = export_package(project.cards, project.out, timestamp=T0 + 90)
    after = rows(rebuilt.path, tmp_path)
    assert rebuilt.timestamp == T0
    assert {note[3] for note in after["notes"]} == {int(T0)}
    assert [note[1:] for note in after["notes"]] == [note[1:] for note in before["notes"]]


def test_a_worker_that_dies_leaves_the_rest_to_the_main_process(
    project, tmp_path, monkeypatch, caplog
):
    serial = export_package(project.cards, tmp_path / "serial.apkg", timestamp=T0)
    original = collect._render_task

    def dying(jobs, settings):
        if any(job.name == "aws/sqs.yml" for job in jobs):
            os._exit(1)  # a worker killed mid-task
        return original(jobs, settings)

    dying.__module__, dying.__qualname__ = original.__module__, original.__qualname__
    monkeypatch.setattr(collect, "_render_task", dying)
    # Forked workers see the patched task; started afresh they would import the real one.
    monkeypatch.setattr(collect, "start_method", lambda: "fork")
    monkeypatch.setattr(collect, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(collect, "FILES_PER_TASK", 1)
    monkeypatch.setattr(collect, "usable_cores", lambda: 2)
    with caplog.at_level(logging.WARNING, logger="quizgen.anki"):
        survived = export_package(project.cards, project.out, timestamp=T0)

    assert "a worker process stopped" in caplog.text
    assert survived.notes == serial.notes == 5
    assert rows(survived.path, tmp_path)["notes"] == rows(serial.path, tmp_path)["notes"]
