"""The `quizgen` command: thin verbs over the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .diagnostics import Diagnostic
from .vault import Vault, load_vault
from .walk import walk_vault

if TYPE_CHECKING:
    from .site.partial import Update

__all__ = ["main"]

NOTES = click.option(
    "--notes",
    "notes_dir",
    default="notes",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of Markdown notes (any Obsidian vault).",
)
CARDS = click.option(
    "--cards",
    "cards_dir",
    default="cards",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of card files (YAML).",
)
SITE_URL = click.option(
    "--site-url", default=None, help="Public address of the site, used for links back to notes."
)


@click.group()
@click.version_option(package_name="quizgen")
def main() -> None:
    """Turn Obsidian-style notes into a site, flashcards, Anki decks and a quiz app."""


def open_vault(notes_dir: Path) -> Vault:
    """Load a vault with a progress bar on stderr; a missing folder is a clear error."""
    if not notes_dir.is_dir():
        raise click.ClickException(f"notes folder '{notes_dir}' does not exist")
    total = sum(1 for file in walk_vault(notes_dir).files if file.suffix.lower() == ".md")
    with click.progressbar(length=total, label="Reading notes", file=sys.stderr) as bar:
        return load_vault(notes_dir, progress=lambda _path: bar.update(1))


def print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    """One line per problem on stderr, then a count."""
    for diagnostic in diagnostics:
        click.echo(str(diagnostic), err=True)


@main.command()
@NOTES
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to print the problems.",
)
def check(notes_dir: Path, output: str) -> None:
    """Report every problem in the notes; exit 1 when any is an error."""
    vault = open_vault(notes_dir)
    problems = vault.diagnostics + card_problems(vault)
    if output == "json":
        click.echo(json.dumps([d.to_dict() for d in problems], indent=2))
    else:
        for problem in problems:
            click.echo(str(problem))
        errors = sum(1 for d in problems if d.severity.value == "error")
        summary = f"{len(vault.notes)} notes, {errors} errors, {len(problems) - errors} warnings"
        click.echo(summary, err=True)
    if any(d.severity.value == "error" for d in problems):
        raise SystemExit(1)


def card_problems(vault: Vault) -> list[Diagnostic]:
    """Problems found while extracting cards, and the card lint (docs/cli.md lists its codes)."""
    from .cards.lint import lint_vault

    return lint_vault(vault)


@main.command()
@NOTES
@click.option(
    "--out",
    "out_dir",
    default="site",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder the site is written to.",
)
@SITE_URL
@click.option(
    "--app-url", default=None, help="Address of the quiz app, for 'quiz this note' links."
)
@CARDS
@click.option(
    "--publish",
    "publish_files",
    multiple=True,
    help="Glob pattern of vault files to publish even when no note links them (repeatable).",
)
def site(
    notes_dir: Path,
    out_dir: Path,
    site_url: str | None,
    app_url: str | None,
    cards_dir: Path,
    publish_files: tuple[str, ...],
) -> None:
    """Build the static site (MkDocs + Material) from the notes."""
    from .cards import load_card_files
    from .site import build_site

    vault = open_vault(notes_dir)
    cards = load_card_files(cards_dir) if cards_dir.is_dir() else None
    build_site(
        vault, out_dir, site_url=site_url, app_url=app_url, cards=cards, publish_files=publish_files
    )
    click.echo(f"site written to {out_dir}/")


@main.command()
@NOTES
@click.option(
    "--out",
    "out_dir",
    default="cards",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder the card files are written to.",
)
def cards(notes_dir: Path, out_dir: Path) -> None:
    """Extract cards from the notes into one YAML file per note."""
    from .cards import write_card_files

    vault = open_vault(notes_dir)
    report = write_card_files(vault, out_dir)
    print_diagnostics(report.diagnostics)
    click.echo(
        f"{card_count(out_dir)} in {len(report.paths)} files; {report.changed} files changed"
    )


def card_count(cards_dir: Path) -> str:
    """The cards to review, as the quiz app counts them, and the cards of the card files."""
    from .cards import load_card_files
    from .reviewable import review_cards_total

    cards = [card for _file, card in load_card_files(cards_dir).cards()]
    return f"{review_cards_total(cards)} cards to review ({len(cards)} in the card files)"


DECK_NAME = click.option(
    "--deck-name",
    default=None,
    help="Name of the top Anki deck (default: the notes folder's name).",
)


@main.command()
@CARDS
@click.option(
    "--out",
    "out_file",
    default="dist/quizgen.apkg",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The Anki package to write.",
)
@NOTES
@SITE_URL
@DECK_NAME
def anki(
    cards_dir: Path, out_file: Path, notes_dir: Path, site_url: str | None, deck_name: str | None
) -> None:
    """Export the card files as one Anki package (.apkg) that re-imports without duplicates."""
    export_deck(cards_dir, out_file, notes_dir, site_url, deck_name)


def export_deck(
    cards_dir: Path, out_file: Path, notes_dir: Path, site_url: str | None, deck_name: str | None
) -> None:
    """Write the package, then print its problems and counts."""
    from .anki import export_package

    if not cards_dir.is_dir():
        raise click.ClickException(f"cards folder '{cards_dir}' does not exist: run quizgen cards")
    report = export_package(
        cards_dir, out_file, notes_dir=notes_dir, site_url=site_url, deck_name=deck_name
    )
    print_diagnostics(report.diagnostics)
    state = "written" if report.changed else "unchanged, not rewritten"
    counts = f"{report.notes} notes, {report.removed} removed, {report.media} media files"
    click.echo(f"Anki package {report.path} ({counts}): {state}")


@main.command()
@NOTES
@CARDS
@click.option(
    "--out",
    "out_dir",
    default="dist",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the site and the Anki package.",
)
@SITE_URL
@DECK_NAME
def build(
    notes_dir: Path, cards_dir: Path, out_dir: Path, site_url: str | None, deck_name: str | None
) -> None:
    """Build everything from one parse: card files, the Anki package and the site."""
    from .cards import load_card_files, write_card_files
    from .site.resume import build_site_again

    vault = open_vault(notes_dir)
    print_diagnostics(vault.diagnostics)
    report = write_card_files(vault, cards_dir)
    print_diagnostics(report.diagnostics)
    click.echo(
        f"{card_count(cards_dir)} in {len(report.paths)} card files ({report.changed} changed)"
    )
    export_deck(cards_dir, out_dir / "quizgen.apkg", notes_dir, site_url, deck_name)
    site_dir = out_dir / "site"
    cards = load_card_files(cards_dir)
    update = build_site_again(vault, site_dir, site_url=site_url, app_url="/", cards=cards)
    click.echo(f"site written to {site_dir}/")
    click.echo(rebuilt(len(vault.notes), report.changed, update))


def rebuilt(notes: int, card_files_changed: int, update: Update) -> str:
    """What a build re-did: every note is read, card files only where a note changed, and the
    site's pages only where a change since the last build touches them."""
    site = f"{len(update.pages)} pages written"
    if update.removed:
        site += f", {len(update.removed)} removed"
    if update.full:
        site += " (whole site)"
    return f"rebuilt: {notes} notes read, {card_files_changed} card files changed, {site}"


def stale_site(notes_dir: Path, site_dir: Path) -> list[str]:
    """What to tell the user when the site to serve is missing or older than the notes."""
    built = site_dir / "index.html"
    if not built.is_file():
        return [f"no built site in {site_dir}: run `quizgen build` (the quiz app works without)"]
    notes = list(notes_dir.rglob("*.md")) if notes_dir.is_dir() else []
    newer = [note for note in notes if note.stat().st_mtime > built.stat().st_mtime]
    if not newer:
        return []
    newest = max(newer, key=lambda note: note.stat().st_mtime).relative_to(notes_dir)
    return [
        f"{len(newer)} note(s) changed since the site in {site_dir} was built (the latest: "
        f"{newest.as_posix()}): run `quizgen build` to see them there and in the cards"
    ]


@main.command()
@NOTES
@CARDS
@click.option(
    "--site",
    "site_dir",
    default="dist/site",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Built site to serve.",
)
@click.option(
    "--deck",
    "deck_file",
    default="dist/quizgen.apkg",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Anki package offered for download.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--database-url",
    envvar="DATABASE_URL",
    default=None,
    help="SQLAlchemy URL; a SQLite file by default.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="App processes; above 1, gunicorn runs them (use PostgreSQL for many learners).",
)
@click.option(
    "--threads", default=8, show_default=True, type=click.IntRange(1, 64), help="Threads each."
)
@click.option(
    "--watch",
    is_flag=True,
    help="Rebuild the cards and the site when a note changes, and update open pages.",
)
@SITE_URL
def serve(
    notes_dir: Path,
    cards_dir: Path,
    site_dir: Path,
    deck_file: Path,
    host: str,
    port: int,
    database_url: str | None,
    workers: int,
    threads: int,
    watch: bool,
    site_url: str | None,
) -> None:
    """Serve the quiz app and the site on one address (waitress, or gunicorn with --workers)."""
    from webapp import serve as serve_app

    if watch and workers > 1:
        raise click.ClickException("--watch rebuilds inside one app process: leave out --workers")
    if watch and not notes_dir.is_dir():
        raise click.ClickException(f"notes folder '{notes_dir}' does not exist")

    for warning in stale_site(notes_dir, site_dir):
        click.echo(f"warning: {warning}", err=True)
    serve_app(
        cards_dir=cards_dir,
        site_dir=site_dir,
        deck_file=deck_file,
        host=host,
        port=port,
        database_url=database_url,
        workers=workers,
        threads=threads,
        watch=notes_dir if watch else None,
        site_url=site_url,
    )
