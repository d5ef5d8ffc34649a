"""One rebuild after a change: notes, card files, the app's cards, then the site's pages.

The first site is a whole MkDocs build into a new folder, kept in memory (`SiteSession`); after
that a change rebuilds only the pages it touches, each file replaced at once in the served
folder. If an update fails, the pages it had not written stay as they were, and the next
rebuild is again a whole build into a new folder, swapped in once complete.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ..cards import CardSet, write_card_files
from ..cards.vocabulary import vault_terms
from ..diagnostics import Diagnostic
from ..links import LinkIndex
from ..vault import Vault
from .cardfiles import CardFileCache
from .notes import NoteCache

if TYPE_CHECKING:
    from ..site.partial import SiteSession

KEY_TERMS = "key terms"  # what `vault_terms` keeps them under (`Vault.derived`)

__all__ = ["LiveBuild", "RebuildReport", "count_pages"]

_CHANGES_KEPT = 100  # site numbers whose rewritten pages are remembered


@dataclass
class RebuildReport:
    """What one rebuild re-did, how long each stage took, and what went wrong."""

    number: int
    changed: list[str] = field(default_factory=list)
    notes_read: int = 0
    notes_total: int = 0
    card_files_changed: int = 0
    pages_written: int = 0
    pages_removed: int = 0
    whole_site: bool = False
    seconds: dict[str, float] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    error: str | None = None

    def summary(self) -> str:
        """One line for the terminal."""
        stages = ", ".join(f"{name} {spent:.2f}s" for name, spent in self.seconds.items())
        site = f"{self.pages_written} pages written" if self.pages_written else "site kept"
        if self.pages_removed:
            site += f", {self.pages_removed} removed"
        if self.whole_site:
            site += " (whole site)"
        return (
            f"rebuild {self.number}: {self.notes_read} of {self.notes_total} notes re-read, "
            f"{self.card_files_changed} card files changed, {site} ({stages})"
        )


def count_pages(site_dir: Path) -> int:
    """The HTML pages of a built site."""
    return sum(1 for _ in site_dir.rglob("*.html"))


class LiveBuild:
    """Keeps the outputs of a notes folder up to date, one rebuild at a time.

    `on_cards(card_set, files)` runs after the card files changed (the app syncs its database
    there): `files` names the card files that changed, or is None when every file may have;
    `on_site(folder)` runs once a new site folder is complete.
    """

    def __init__(
        self,
        notes_dir: Path,
        cards_dir: Path,
        builds_dir: Path,
        *,
        site_url: str | None = None,
        app_url: str | None = "/",
        on_cards: Callable[[CardSet, set[str] | None], None] | None = None,
        on_site: Callable[[Path], None] | None = None,
        say: Callable[[str], None] = print,
    ) -> None:
        self.notes_dir, self.cards_dir, self.builds_dir = notes_dir, cards_dir, builds_dir
        self.site_url, self.app_url = site_url, app_url
        self.on_cards, self.on_site, self.say = on_cards, on_site, say
        self.cache = NoteCache()
        self.card_files = CardFileCache()
        self.number = 0
        self.cards_number = 0
        self.site_number = 0
        # The addresses of the pages each site number rewrote (None: every page may differ).
        self.site_changes: dict[int, frozenset[str] | None] = {}
        self.site_dir: Path | None = None
        self.session: SiteSession | None = None
        self.vault: Vault | None = None  # as the last rebuild left it
        self.last: RebuildReport | None = None
        self._lock = threading.Lock()

    def prime(self) -> float:
        """Parse every note and card file once, so the first change re-reads only itself;
        returns seconds."""
        start = time.perf_counter()
        self.vault = self.cache.reload(self.notes_dir).vault
        vault_terms(self.vault)  # so that a change works out only its own notes' terms
        self.card_files.load(self.cards_dir)
        return time.perf_counter() - start

    def build_site(self) -> RebuildReport:
        """The whole site once, kept in memory so that a change rebuilds only its pages."""
        return self.rebuild(site_only=True)

    def rebuild(self, changed: Iterable[str] = (), site_only: bool = False) -> RebuildReport:
        """Bring the card files, the app's cards and the site up to date with the notes."""
        with self._lock:
            self.number += 1
            report = RebuildReport(self.number, sorted(changed))
            try:
                if site_only and self.session is None:
                    self._whole_site(report)
                else:
                    self._run(report)
            except Exception as error:  # noqa: BLE001 - any failure keeps the last good site
                report.error = f"{type(error).__name__}: {error}"
            self.last = report
        self._tell(report)
        return report

    def _run(self, report: RebuildReport) -> None:
        self.cache.forget(report.changed)
        with _timed(report, "notes"):
            reload = self.cache.reload(self.notes_dir)
        vault = reload.vault
        report.notes_read, report.notes_total = len(reload.reread), len(vault.notes)
        touched = set(report.changed) | set(reload.reread)
        report.problems = [d for d in vault.diagnostics if d.path in touched]
        with _timed(report, "cards"):
            _keep_key_terms(self.vault, vault, reload.reread)
            extract = _notes_to_extract(self.vault, vault, report.changed, reload.reread)
            written = write_card_files(vault, self.cards_dir, extract)
        self.vault = vault
        report.card_files_changed = written.changed
        report.problems += [d for d in written.diagnostics if d.path in touched]
        with _timed(report, "card files"):
            cards = self.card_files.load(self.cards_dir)
        changed_files = self.card_files.changed
        if written.changed or changed_files is None or changed_files:
            with _timed(report, "sync"):
                if self.on_cards:
                    self.on_cards(cards, changed_files)
            self.cards_number += 1
        with _timed(report, "site"):
            if self.session is None:
                self._build_site(vault, cards, report)
            else:
                self._update_site(vault, cards, report, touched)

    def _whole_site(self, report: RebuildReport) -> None:
        """The first site of a session, from the notes and card files as they are."""
        reload = self.cache.reload(self.notes_dir)
        report.notes_read, report.notes_total = len(reload.reread), len(reload.vault.notes)
        with _timed(report, "site"):
            self._build_site(reload.vault, self.card_files.load(self.cards_dir), report)

    def _update_site(
        self, vault: Vault, cards: CardSet, report: RebuildReport, touched: set[str]
    ) -> None:
        """Rebuild the pages the change touches, in the served folder."""
        assert self.session is not None
        try:
            update = self.session.update(vault, cards, touched)
        except Exception:
            self.session = None  # the next rebuild builds a whole new folder
            raise
        report.pages_written = len(update.pages)
        report.pages_removed = len(update.removed)
        report.whole_site = update.full
        if self.on_site and self.site_dir is not None:
            self.on_site(self.site_dir)
        every = update.full or bool(update.removed)
        self._new_site_number(None if every else frozenset(map(unquote, update.urls)))

    def _build_site(self, vault: Vault, cards: CardSet, report: RebuildReport) -> None:
        """Build into a new folder, then swap it in and drop the builds before the last one."""
        from ..site.partial import SiteSession

        folder = self.builds_dir / str(report.number)
        shutil.rmtree(folder, ignore_errors=True)
        session = SiteSession(folder, site_url=self.site_url, app_url=self.app_url)
        session.build(vault, cards)
        self.session = session
        report.pages_written = count_pages(folder)
        report.whole_site = True
        previous, self.site_dir = self.site_dir, folder
        if self.on_site:
            self.on_site(folder)
        self._new_site_number(None)
        for old in self.builds_dir.iterdir():
            if old not in (folder, previous):
                shutil.rmtree(old, ignore_errors=True)

    def _new_site_number(self, pages: frozenset[str] | None) -> None:
        """Count a new site (after the swap: a page's number is never newer than the page)."""
        self.site_changes[self.site_number + 1] = pages
        self.site_changes.pop(self.site_number + 1 - _CHANGES_KEPT, None)
        self.site_number += 1

    def page_changed(self, since: int, url: str) -> bool:
        """True when a site newer than number `since` rewrote the page at `url` (`lambda/`,
        quoted or not: `Key%20(KMS)/` is `Key (KMS)/`)."""
        url = unquote(url)
        for number in range(since + 1, self.site_number + 1):
            changed = self.site_changes.get(number)  # None (or forgotten): every page
            if changed is None or url in changed:
                return True
        return False

    def _tell(self, report: RebuildReport) -> None:
        for problem in report.problems:
            self.say(str(problem))
        if report.error:
            self.say(f"rebuild {report.number} failed, the last good site stays: {report.error}")
        self.say(report.summary())


def _notes_to_extract(
    old: Vault | None, new: Vault, changed: list[str], reread: list[str]
) -> set[str] | None:
    """The notes whose card files a change may alter: those read again, those whose links
    land elsewhere, and those linking to a note that came, went or changed (its title is in
    their cards); None (every note) when a file other than a note changed."""
    if old is None or any(not path.endswith(".md") for path in changed):
        return None
    from ..site.touched import touched_notes

    found = touched_notes(old, new, reread)
    for path in set(reread) | (set(old.notes) ^ set(new.notes)):
        found.update(old.backlinks.get(path, []), new.backlinks.get(path, []))
    return found


def _keep_key_terms(old: Vault | None, new: Vault, reread: list[str]) -> None:
    """Give the reloaded vault the last one's key terms when the notes that changed, came or
    went name the same terms before and after: the vault's terms are the union of each
    note's own (`vault_terms`), so going over every note again would find the same."""
    if old is None:
        return
    changed = set(reread) | (set(old.notes) ^ set(new.notes))

    def terms_of(vault: Vault) -> frozenset[str]:
        notes = {path: vault.notes[path] for path in changed if path in vault.notes}
        return vault_terms(Vault(vault.root, notes, set(), LinkIndex.build(notes, set())))

    if terms_of(old) == terms_of(new):
        new.derived(KEY_TERMS, lambda: vault_terms(old))


class _timed:
    """Adds the seconds a stage took to the report."""

    def __init__(self, report: RebuildReport, name: str) -> None:
        self.report, self.name = report, name

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *_exc: object) -> None:
        self.report.seconds[self.name] = round(time.perf_counter() - self.start, 3)
