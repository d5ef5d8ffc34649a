"""Sync the cards table from the card files, by card id, keeping every review.

A card that is no longer in any file is marked `gone`; when it comes back it is marked
present again and finds its state and history where it left them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy import and_, delete, exists, func, insert, or_, select, text, true, update
from sqlalchemy.orm import Session

from quizgen.cards import Card, CardFile, CardSet, CardType, load_card_files, render_markdown
from quizgen.cards.render import CLOZE, cloze_answer, cloze_numbers, cloze_question
from quizgen.diagnostics import Diagnostic, Severity

from .db import get_engine, write
from .models import CardRow, CardState, CardSync, CardTag, Learner
from .versions import mastery_changed_for_all

__all__ = [
    "SyncReport",
    "card_rows",
    "ensure_states",
    "latest_sync",
    "sync_cards",
    "sync_folder",
]

SYNC_LOCK = 0x5155495A
"""PostgreSQL advisory lock key held by a sync for its transaction."""

_FIELDS = [
    "source_id",
    "position",
    "type",
    "cloze",
    "question",
    "answer",
    "question_html",
    "answer_html",
    "context",
    "note",
    "title",
    "deck",
    "page",
    "anchor",
    "line",
    "origin",
    "file",
    "suspended",
]

# A card with these the same is the same card (its note renamed or moved gives it a new id).
_CONTENT = ["type", "cloze", "question", "answer"]
# What a learner has done with a card: it follows the card to its new id.
_PROGRESS = ["state", "step", "stability", "difficulty", "due_ms", "last_review_ms", "reps"]
_PROGRESS += ["lapses", "version"]


@dataclass
class SyncReport:
    """What a sync changed."""

    added: int = 0
    updated: int = 0
    gone: int = 0
    returned: int = 0
    total: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the JSON API."""
        return {
            "added": self.added,
            "updated": self.updated,
            "gone": self.gone,
            "returned": self.returned,
            "total": self.total,
            "diagnostics": [d.to_dict() for d in self.diagnostics],
        }


def _cloze_reveal(text: str, number: int) -> str:
    """Cloze text with every deletion filled in and deletion `number` in bold."""

    def fill(match: re.Match[str]) -> str:
        return f"**{match.group(2)}**" if int(match.group(1)) == number else match.group(2)

    return CLOZE.sub(fill, text)


def _sides(card: Card) -> list[tuple[str, int, str, str, str, str]]:
    """(id suffix, cloze number, question, answer, question html, answer html) per review card."""
    if card.type is CardType.CLOZE:
        numbers = cloze_numbers(card.text) or [0]
        sides = []
        for index, number in enumerate(numbers):
            suffix = "" if index == 0 else f"-c{number}"
            question = cloze_question(card.text, number)
            answer = cloze_answer(card.text)
            revealed = _cloze_reveal(card.text, number)
            sides.append(
                (
                    suffix,
                    number,
                    question,
                    answer,
                    render_markdown(question),
                    render_markdown(revealed),
                )
            )
        return sides
    forward = (
        "",
        0,
        card.front,
        card.back,
        render_markdown(card.front),
        render_markdown(card.back),
    )
    if card.type is not CardType.REVERSE:
        return [forward]
    backward = ("-r", 0, card.back, card.front, forward[5], forward[4])
    return [forward, backward]


def card_rows(name: str, card_file: CardFile, card: Card, position: int) -> list[dict[str, Any]]:
    """The rows (with a `tags` list) one card of a card file gives."""
    rows = []
    for suffix, number, question, answer, question_html, answer_html in _sides(card):
        rows.append(
            {
                "id": card.id + suffix,
                "source_id": card.id,
                "position": position,
                "type": card.type.value,
                "cloze": number,
                "question": question,
                "answer": answer,
                "question_html": question_html,
                "answer_html": answer_html,
                "context": list(card.context),
                "note": card_file.note or "",
                "title": card_file.title,
                "deck": card_file.deck,
                "page": card_file.page,
                "anchor": card.anchor or "",
                "line": card.line,
                "origin": card.origin.value,
                "file": name,
                "suspended": card.suspended,
                "tags": sorted(set(card.tags) | set(card_file.tags)),
            }
        )
    return rows


def _wanted(card_set: CardSet, files: list[str], report: SyncReport) -> dict[str, dict[str, Any]]:
    """Every row the named card files ask for, by id; a repeated id is reported and skipped."""
    wanted: dict[str, dict[str, Any]] = {}
    for name in files:
        card_file = card_set.files.get(name)
        if card_file is None:
            continue  # a file gone: its cards are retired
        for card in card_file.cards:
            for row in card_rows(name, card_file, card, 0):
                if row["id"] in wanted:
                    message = f"card id {row['id']} is also in {wanted[row['id']]['file']}; skipped"
                    report.diagnostics.append(
                        Diagnostic(name, card.line, "duplicate-card-id", message, Severity.WARNING)
                    )
                    continue
                wanted[row["id"]] = row
    return wanted


def _existing(session: Session, wanted: dict[str, dict[str, Any]], files: list[str] | None):
    """The stored rows a sync may change: all of them, or those of `files` and of `wanted`."""
    if files is None:
        return {row.id: row for row in session.scalars(select(CardRow))}
    found: dict[str, CardRow] = {}
    for chunk in _chunks(files):
        found.update(
            (row.id, row) for row in session.scalars(select(CardRow).where(CardRow.file.in_(chunk)))
        )
    missing = [card_id for card_id in wanted if card_id not in found]
    for chunk in _chunks(missing):
        found.update(
            (row.id, row) for row in session.scalars(select(CardRow).where(CardRow.id.in_(chunk)))
        )
    return found


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    """Lists short enough for one `IN (...)` of any database."""
    return [items[start : start + size] for start in range(0, len(items), size)]


def _stored_tags(session: Session, ids: list[str], everything: bool) -> dict[str, set[str]]:
    """The stored tags of these cards."""
    tags: dict[str, set[str]] = {}
    query = select(CardTag.card_id, CardTag.tag)
    for chunk in [None] if everything else _chunks(ids):
        chosen = query if chunk is None else query.where(CardTag.card_id.in_(chunk))
        for card_id, tag in session.execute(chosen):
            tags.setdefault(card_id, set()).add(tag)
    return tags


def _taken_elsewhere(row: CardRow, data: dict[str, Any], files: set[str] | None) -> bool:
    """True when a card file outside this sync, first in file order, already has the id."""
    if files is None or row.gone or row.file in files:
        return False
    return bool(row.file < data["file"])


def _store(
    session: Session,
    wanted: dict[str, dict[str, Any]],
    report: SyncReport,
    files: list[str] | None,
) -> dict[str, str]:
    """Add, update and retire rows; a new card is numbered after every card seen before.

    Returns {new card id: retired card id} for the cards that came back under another id with
    the same sides (a note renamed or moved): their learners' states follow them.
    """
    existing = _existing(session, wanted, files)
    named = set(files) if files is not None else None
    tags = _stored_tags(session, list(existing), named is None)
    positions = {row.source_id: row.position for row in existing.values()}
    last = int(session.scalar(select(func.max(CardRow.position))) or 0)
    added: dict[tuple[str, ...], str] = {}
    moved: dict[str, str] = {}
    new_rows: list[dict[str, Any]] = []
    retag: dict[str, list[str]] = {}
    for card_id, data in wanted.items():
        row = existing.get(card_id)
        if row is not None and _taken_elsewhere(row, data, named):
            message = f"card id {card_id} is also in {row.file}; skipped"
            report.diagnostics.append(
                Diagnostic(
                    data["file"], data["line"], "duplicate-card-id", message, Severity.WARNING
                )
            )
            continue
        fields = {name: data[name] for name in _FIELDS}
        if row is None:
            if data["source_id"] not in positions:
                last += 1
                positions[data["source_id"]] = last
            fields["position"] = positions[data["source_id"]]
            new_rows.append({"id": card_id, "gone": False, **fields})
            added[_content(fields)] = card_id
            report.added += 1
        else:
            del fields["position"]  # a card keeps the place it got when it first came
            changed = any(getattr(row, name) != value for name, value in fields.items())
            report.returned += int(row.gone)
            report.updated += int(changed and not row.gone)
            for name, value in fields.items():
                setattr(row, name, value)
            row.gone = False
        if set(data["tags"]) != tags.get(card_id, set()):
            retag[card_id] = data["tags"]
    _insert_rows(session, new_rows)
    _replace_tags(session, retag, had_tags=set(tags))
    for card_id, stored in existing.items():
        mine = named is None or stored.file in named
        if mine and card_id not in wanted and not stored.gone:
            stored.gone = True
            report.gone += 1
            same = added.pop(_content({name: getattr(stored, name) for name in _CONTENT}), None)
            if same is not None:
                moved[same] = card_id
    report.total = len(wanted)
    if named is not None:
        session.flush()
        report.total = int(session.scalar(select(func.count()).where(CardRow.gone.is_(False))) or 0)
    return moved


def _insert_rows(session: Session, rows: list[dict[str, Any]]) -> None:
    """New cards in one statement per batch (an ORM object each took a flush's share apiece)."""
    if rows:
        session.flush()
        session.execute(insert(CardRow), rows)


def _replace_tags(session: Session, retag: dict[str, list[str]], had_tags: set[str]) -> None:
    """The tags of these cards, set in a few statements rather than one flush per card."""
    if not retag:
        return
    session.flush()
    for chunk in _chunks([card_id for card_id in retag if card_id in had_tags]):
        session.execute(delete(CardTag).where(CardTag.card_id.in_(chunk)))
    rows = [
        {"card_id": card_id, "tag": tag}
        for card_id, card_tags in retag.items()
        for tag in dict.fromkeys(card_tags)
    ]
    if rows:
        session.execute(insert(CardTag), rows)


def _content(fields: dict[str, Any]) -> tuple[str, ...]:
    """What a card asks and answers, whatever its id and file."""
    return tuple(str(fields[name]) for name in _CONTENT)


def _carry_states(session: Session, moved: dict[str, str]) -> None:
    """Each learner's state of a retired card goes to the card that took its place."""
    for new_id, old_id in moved.items():
        old_states = session.scalars(select(CardState).where(CardState.card_id == old_id))
        progress = {state.learner_id: state for state in old_states}
        for state in session.scalars(select(CardState).where(CardState.card_id == new_id)):
            old = progress.get(state.learner_id)
            if old is not None and old.reps and not state.reps:
                for name in _PROGRESS:
                    setattr(state, name, getattr(old, name))


def ensure_states(session: Session, files: list[str] | None = None) -> None:
    """Give every learner a state for every card (of `files`, or all), and copy the card's
    deck, note and flags."""
    for chunk in [None] if files is None else _chunks(files):
        chosen_cards = true() if chunk is None else CardRow.file.in_(chunk)
        missing = ~exists().where(
            and_(CardState.learner_id == Learner.id, CardState.card_id == CardRow.id)
        )
        chosen = (
            select(Learner.id, CardRow.id, CardRow.position)
            .select_from(Learner)
            .join(CardRow, true())
            .where(missing, chosen_cards)
        )
        session.execute(
            insert(CardState).from_select(["learner_id", "card_id", "position"], chosen)
        )

        def copied(column: Any) -> Any:
            return select(column).where(CardRow.id == CardState.card_id).scalar_subquery()

        states = update(CardState)
        if chunk is not None:
            states = states.where(CardState.card_id.in_(select(CardRow.id).where(chosen_cards)))
        session.execute(
            states.values(
                position=copied(CardRow.position),
                deck=copied(CardRow.deck),
                note=copied(CardRow.note),
                hidden=copied(or_(CardRow.gone, CardRow.suspended)),
            ),
            execution_options={"synchronize_session": False},
        )
    mastery_changed_for_all(session)


def sync_cards(
    session: Session, card_set: CardSet, files: Collection[str] | None = None
) -> SyncReport:
    """Bring the cards table in line with a set of card files, in one transaction.

    With `files` (card file names, changed, added or deleted), only the cards of those files
    are compared: the result is the same as a sync of every file, when the files left out
    are as they were at the last sync.
    """
    report = SyncReport(diagnostics=list(card_set.diagnostics))
    names = sorted(card_set.files) if files is None else sorted(set(files))
    with write(session):
        if session.get_bind().dialect.name == "postgresql":
            # App processes starting together take turns (SQLite's BEGIN IMMEDIATE does so).
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SYNC_LOCK})
        partial = None if files is None else names
        moved = _store(session, _wanted(card_set, names, report), report, partial)
        session.flush()
        ensure_states(session, partial)
        if moved:
            _carry_states(session, moved)
            mastery_changed_for_all(session)
        session.add(CardSync(synced_ms=int(time.time() * 1000), total=report.total))
    return report


def latest_sync(session: Session) -> int:
    """The id of the latest sync (0 before the first)."""
    return int(session.scalar(select(func.max(CardSync.id))) or 0)


def sync_folder(session: Session, cards_dir: Path) -> SyncReport:
    """Sync from a folder of card files; a missing folder changes nothing and says so."""
    if not cards_dir.is_dir():
        message = f"card folder {cards_dir} does not exist; cards were left as they are"
        return SyncReport(diagnostics=[Diagnostic(str(cards_dir), 0, "no-cards", message)])
    return sync_cards(session, load_card_files(cards_dir))


@click.command("sync-cards")
@with_appcontext
def sync_command() -> None:
    """Sync the cards from the card folder (review history is kept)."""
    from flask import current_app

    with Session(get_engine()) as session:
        report = sync_folder(session, Path(current_app.config["CARDS_DIR"]))
    for diagnostic in report.diagnostics:
        click.echo(str(diagnostic), err=True)
    click.echo(
        f"{report.total} cards: {report.added} added, {report.updated} updated, "
        f"{report.gone} gone, {report.returned} back"
    )


def init_app(app: Flask) -> None:
    """Sync once at start (unless SYNC_ON_START is off) and add the `sync-cards` command."""
    app.cli.add_command(sync_command)
    if not app.config["SYNC_ON_START"]:
        return
    with Session(get_engine(app)) as session:
        report = sync_folder(session, Path(app.config["CARDS_DIR"]))
    for diagnostic in report.diagnostics:
        app.logger.warning("%s", diagnostic)
