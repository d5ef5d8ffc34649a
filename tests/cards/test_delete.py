"""Deleting a card from its card file sticks; taking its id out of `deleted:` brings it back."""

from __future__ import annotations

from quizgen.cards import write_card_files

from .test_write import NOTE, edit, read, reload, setup

CARD_FILE = ("aws", "sqs.yml")


def remove_first_card(data):
    data["cards"].pop(0)


def test_a_deleted_card_stays_deleted_when_the_note_changes(make_vault, tmp_path):
    _, out, _ = setup(make_vault, tmp_path)
    path = out.joinpath(*CARD_FILE)
    removed = read(path)["cards"][0]["id"]
    edit(path, remove_first_card)
    changed = NOTE.replace("stays hidden from", "is invisible to")  # the deleted card's own fact
    report = write_card_files(reload(tmp_path, changed), out)
    data = read(path)
    assert report.changed == 1
    assert removed not in [card["id"] for card in data["cards"]]
    assert data["deleted"] == [removed]
    assert len(data["cards"]) == 1


def test_a_deleted_card_stays_deleted_when_nothing_changes(make_vault, tmp_path):
    vault, out, _ = setup(make_vault, tmp_path)
    path = out.joinpath(*CARD_FILE)
    edit(path, remove_first_card)
    before = path.read_bytes()
    report = write_card_files(vault, out)
    assert (report.changed, path.read_bytes()) == (0, before)


def test_taking_the_id_out_of_deleted_brings_the_card_back(make_vault, tmp_path):
    _, out, _ = setup(make_vault, tmp_path)
    path = out.joinpath(*CARD_FILE)
    removed = read(path)["cards"][0]["id"]
    edit(path, remove_first_card)
    write_card_files(reload(tmp_path, NOTE + "\nA new line.\n"), out)
    assert read(path)["deleted"] == [removed]
    edit(path, lambda data: data.pop("deleted"))
    report = write_card_files(reload(tmp_path), out)  # the note itself is unchanged
    data = read(path)
    assert report.changed == 1
    assert removed in [card["id"] for card in data["cards"]]
    assert "deleted" not in data


def test_a_new_card_is_not_taken_for_a_deleted_one(make_vault, tmp_path):
    _, out, _ = setup(make_vault, tmp_path)
    more = NOTE + "\n**Dead-letter queue** means a queue for messages that keep failing.\n"
    write_card_files(reload(tmp_path, more), out)
    data = read(out.joinpath(*CARD_FILE))
    assert len(data["cards"]) == 3 and "deleted" not in data
