"""Packages imported into real Anki: decks, note types, fields, tags, media, updates, removals."""

from __future__ import annotations

from pathlib import Path

from quizgen.anki import REMOVED_TAG, export_package

SITE = "https://example.org/notes/"
T0 = 1_760_000_000.0


def build(project, timestamp: float = T0):
    """Export the project's cards with its notes folder and the site address."""
    return export_package(
        project.cards, project.out, notes_dir=project.notes, site_url=SITE, timestamp=timestamp
    )


def notes_by_sort_field(col) -> dict[str, object]:
    """Every note of the collection keyed by its first field."""
    found = [col.get_note(nid) for nid in col.find_notes("")]
    return {note.fields[0]: note for note in found}


def deck_of(col, note) -> set[str]:
    """Names of the decks the note's cards are in."""
    return {col.decks.name(card.did) for card in note.cards()}


def test_package_imports_with_decks_note_types_fields_tags_and_media(
    project, collection, import_package
):
    report = build(project)
    log = import_package(report.path)

    assert report.diagnostics == []
    assert len(log.new) == 5 and not log.updated and not log.duplicate
    names = {deck.name for deck in collection.decks.all_names_and_ids()}
    assert {"aws-notes", "aws-notes::aws", "aws-notes::aws::compute"} <= names
    # basic 1 + cloze 2 (c1, c2) + reversed 2 + lambda 1 + hand-written 1; suspended left out
    assert collection.card_count() == 7
    notes = notes_by_sort_field(collection)
    what = notes["What is <strong>Amazon SQS</strong>?"]
    assert what.note_type()["name"] == "quizgen Basic"
    assert what["Context"] == "Amazon SQS › Basics"
    assert what["Source"] == f'<a href="{SITE}aws/sqs/#basics">Amazon SQS</a>'
    assert set(what.tags) == {"aws::messaging", "exam", "queues", "origin::definition"}
    assert deck_of(collection, what) == {"aws-notes::aws"}
    cloze = next(n for k, n in notes.items() if k.startswith("Max message size"))
    assert cloze.note_type()["name"] == "quizgen Cloze" and len(cloze.cards()) == 2
    fifo = notes["FIFO queue"]
    assert fifo.note_type()["name"] == "quizgen Basic (and reversed card)"
    assert len(fifo.cards()) == 2
    mine = notes["My own question"]
    assert deck_of(collection, mine) == {"aws-notes"} and mine["Source"] == ""
    assert "Suspended?" not in notes


def test_images_are_packed_under_distinct_names(project, collection, import_package):
    report = build(project)
    import_package(report.path)

    media = sorted(path.name for path in Path(collection.media.dir()).iterdir())
    assert len(media) == 2 and all(name.endswith("-queue.png") for name in media)
    notes = notes_by_sort_field(collection)
    fifo_img = notes["FIFO queue"]["Back"].split('src="')[1].split('"')[0]
    lambda_front = next(k for k in notes if k.startswith("Lambda"))
    lambda_img = lambda_front.split('src="')[1].split('"')[0]
    assert fifo_img != lambda_img and {fifo_img, lambda_img} == set(media)
    assert (Path(collection.media.dir()) / fifo_img).read_bytes().endswith(b"sqs")


def test_edited_answer_updates_the_note_in_place_and_keeps_reviews(
    project, collection, import_package
):
    import_package(build(project).path)
    before = notes_by_sort_field(collection)["What is <strong>Amazon SQS</strong>?"]
    card = before.cards()[0]
    card.start_timer()
    collection.sched.answerCard(card, 4)  # Easy: straight to review with an interval
    reviewed = (card.type, card.reps, card.ivl, card.due)
    assert card.reps == 1 and card.ivl > 0

    project.write_sqs("A fully managed message queue.")
    # Same clock as the first build: the package must still be newer than what Anki has.
    report = build(project, timestamp=T0)
    log = import_package(report.path)

    assert report.timestamp > T0 and len(log.updated) >= 1 and not log.new
    after = notes_by_sort_field(collection)["What is <strong>Amazon SQS</strong>?"]
    assert after.id == before.id and after["Back"] == "A fully managed message queue."
    assert len(collection.find_notes("")) == 5
    card = after.cards()[0]
    assert (card.type, card.reps, card.ivl, card.due) == reviewed
    assert collection.db.scalar("select count() from revlog where cid = ?", card.id) == 1


def test_removed_fact_is_tagged_and_new_ones_go_to_the_removed_deck(
    project, collection, import_package
):
    import_package(build(project).path)
    project.write_sqs(drop="sqs-fifo")
    report = build(project, timestamp=T0 + 60)
    import_package(report.path)

    assert report.removed == 1
    found = collection.find_notes(f"tag:{REMOVED_TAG}")
    assert len(found) == 1
    gone = collection.get_note(found[0])
    assert gone["Front"] == "FIFO queue"  # fields are kept, only tags change
    # Real Anki never moves an existing card to another deck on import: the tag is the handle.
    assert deck_of(collection, gone) == {"aws-notes::aws"}

    fresh = collection.__class__(str(Path(collection.path).with_name("fresh.anki2")))
    try:
        from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

        request = ImportAnkiPackageRequest(
            package_path=str(report.path), options=ImportAnkiPackageOptions()
        )
        fresh.import_anki_package(request)
        note = fresh.get_note(fresh.find_notes(f"tag:{REMOVED_TAG}")[0])
        assert {fresh.decks.name(c.did) for c in note.cards()} == {"aws-notes::Removed"}
    finally:
        fresh.close()


def test_unchanged_rebuild_is_a_duplicate_not_an_update(project, collection, import_package):
    first = build(project)
    import_package(first.path)
    second = build(project, timestamp=T0 + 3600)
    log = import_package(second.path)

    assert second.timestamp == first.timestamp and not second.changed
    assert not log.updated and not log.new and len(log.duplicate) == 5
