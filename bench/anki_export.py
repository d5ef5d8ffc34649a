"""Anki export of 50,000 generated cards, timed against bare genanki writing the same notes.

Prints one ratio per case (export time / genanki time, same process, best of REPEATS runs
each, as timeit does, since the machine is shared): cold (first build, every card rendered),
rebuild with one card file changed, and rebuild with nothing changed.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import genanki

from quizgen.anki import MODELS, export_package
from quizgen.anki.manifest import manifest_path, read_manifest
from quizgen.anki.package import deck_id
from quizgen.cards import Card, CardFile, CardType, Origin, dump_card_file

CARDS = 50_000
PER_FILE = 100
REPEATS = 3
WORDS = [
    "queue",
    "lambda",
    "bucket",
    "region",
    "quota",
    "timeout",
    "memory",
    "concurrency",
    "shard",
    "stream",
]


def card(rng: random.Random, number: int) -> Card:
    """One card with a mix of Markdown: emphasis, code, lists, clozes."""
    word = rng.choice(WORDS)
    kind = (CardType.BASIC, CardType.BASIC, CardType.REVERSE, CardType.CLOZE)[number % 4]
    if kind is CardType.CLOZE:
        text = f"The default **{word}** limit is {{{{c1::{number % 900 + 100}}}}} per `{word}-id`."
        return Card(f"c{number}", kind, text=text, context=("Limits",), origin=Origin.QUANTITY)
    front = f"What is the *{word}* setting number {number}?"
    back = f"It is `{number}`.\n\n- applies to {word}\n- see the {rng.choice(WORDS)} table"
    return Card(f"c{number}", kind, front=front, back=back, context=("Section", word))


def write_cards(folder: Path, rng: random.Random) -> None:
    """CARDS cards in files of PER_FILE, spread over ten sub-decks."""
    for start in range(0, CARDS, PER_FILE):
        cards = tuple(card(rng, number) for number in range(start, start + PER_FILE))
        index = start // PER_FILE
        card_file = CardFile(
            cards=cards,
            note=f"topic{index % 10}/n{index}.md",
            title=f"Note {index}",
            deck=f"topic{index % 10}",
            page=f"topic{index % 10}/n{index}/",
            tags=("bench",),
        )
        path = folder / f"topic{index % 10}" / f"n{index}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_card_file(card_file), encoding="utf-8")


def bare_genanki(notes, out: Path) -> float:
    """Seconds for genanki alone to write the same notes into the same decks."""
    started = time.perf_counter()
    decks: dict[str, genanki.Deck] = {}
    for note in notes:
        if note.deck not in decks:
            decks[note.deck] = genanki.Deck(deck_id(note.deck), note.deck)
        decks[note.deck].add_note(
            genanki.Note(
                model=MODELS[note.note_type],
                fields=list(note.fields),
                tags=list(note.tags),
                guid=note.guid,
            )
        )
    genanki.Package(list(decks.values())).write_to_file(str(out), timestamp=1.0)
    return time.perf_counter() - started


def timed(cards: Path, out: Path, stamp: float) -> float:
    """Seconds for one write_package-equivalent export."""
    started = time.perf_counter()
    export_package(cards, out, site_url="https://example.org/", timestamp=stamp)
    return time.perf_counter() - started


def first_build(cards: Path, out: Path) -> float:
    """Seconds for an export with no earlier package or manifest."""
    out.unlink(missing_ok=True)
    manifest_path(out).unlink(missing_ok=True)
    return timed(cards, out, 1_000.0)


def changed_build(cards: Path, out: Path, round_: int) -> float:
    """Seconds for an export after one answer in one card file changed."""
    one = next(cards.rglob("*.yml"))
    one.write_text(one.read_text().replace("It is", f"It was ({round_})", 1))
    return timed(cards, out, 2_000.0 + 10 * round_)


def main() -> int:
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as folder:
        cards, out = Path(folder) / "cards", Path(folder) / "deck.apkg"
        write_cards(cards, rng)
        cold = min(first_build(cards, out) for _ in range(REPEATS))
        notes = list(read_manifest(manifest_path(out))[0].notes.values())
        bare = Path(folder) / "bare.apkg"
        baseline = min(bare_genanki(notes, bare) for _ in range(REPEATS))
        changed = min(changed_build(cards, out, round_) for round_ in range(REPEATS))
        same = min(timed(cards, out, 3_000.0) for _ in range(REPEATS))
    print(f"anki export, {CARDS} cards, best of {REPEATS}: bare genanki {baseline:.2f} s")
    for label, seconds in (("cold", cold), ("one file changed", changed), ("unchanged", same)):
        print(f"  {label:17} {seconds:6.2f} s  ratio {seconds / baseline:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
