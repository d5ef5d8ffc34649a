"""`quizgen build` again: rebuild only the pages that changed since the last build.

The watcher keeps its site build in memory (`partial.py`); a new `quizgen build` process has
only what the last build left on disk. So each build also saves, beside the site, what the
next one needs to tell which pages a change touches: each note's fingerprint, title, tags,
links and where they landed, each page's title, navigation and search entries. The next
build sets up MkDocs over the vault as it is now without rendering any page, works out the
pages that differ (as `SiteSession.update` does), renders those and writes them in place.
Without a saved state that fits (first build, other settings, another quizgen), the whole
site is built.
"""

from __future__ import annotations

import hashlib
import html
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mkdocs
from mkdocs.structure.files import get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.utils import meta as front_matter

from ..cards import CardSet
from ..links import Resolution
from ..note import Note, WikiLink
from ..vault import Vault
from .fallback import _title_only
from .page import _front_matter
from .partial import TAGS_PAGE, SiteSession, Update, _tags_differ
from .published import linked_files
from .render import Renderer
from .sanitise import escape_meta
from .sitefiles import remove_file
from .touched import touched_notes

__all__ = ["STATE_FILE", "build_site_again"]

STATE_FILE = ".quizgen-site-state"
FORMAT = 1


@dataclass
class SavedNote:
    """What the next build needs of a note: its fingerprint and what other pages show of it."""

    fingerprint: str
    title: str
    tags: list[str]
    aliases: list[str]
    links: list[WikiLink]


@dataclass
class SavedSite:
    """What a build leaves for the next one, beside the site."""

    key: tuple
    notes: dict[str, SavedNote] = field(default_factory=dict)
    attachments: set[str] = field(default_factory=set)
    resolved: dict[str, list[Resolution]] = field(default_factory=dict)
    backlinks: dict[str, list[str]] = field(default_factory=dict)
    math: bool = False
    marked: bool = False
    site_name: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    titles: dict[str, str | None] = field(default_factory=dict)
    navigations: dict[str, tuple] = field(default_factory=dict)
    entries: dict[str, str] = field(default_factory=dict)
    generated: dict[str, str] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # source path -> its file in the site
    copied: dict[str, str] = field(default_factory=dict)  # the vault's other files, likewise

    def vault(self, root: Path) -> Vault:
        """The last build's vault, as far as telling what changed needs it."""
        notes = {
            path: Note(path=path, source="", title=saved.title, tags=saved.tags,
                       aliases=saved.aliases, links=saved.links)
            for path, saved in self.notes.items()
        }  # fmt: skip
        vault = Vault(root, notes, set(self.attachments), index=None)  # type: ignore[arg-type]
        vault.resolved, vault.backlinks = self.resolved, self.backlinks
        return vault


def build_site_again(
    vault: Vault,
    out_dir: Path,
    *,
    cards: CardSet | None,
    site_url: str | None = None,
    app_url: str | None = None,
) -> Update:
    """The site of `vault` in `out_dir`, rebuilding only what changed since the last build."""
    out_dir = Path(out_dir)
    key = (FORMAT, _code(), str(out_dir.resolve()), site_url, app_url)
    state_file = out_dir.parent / STATE_FILE
    saved = _read(state_file, key) if (out_dir / "index.html").is_file() else None
    session = SiteSession(out_dir, site_url=site_url, app_url=app_url)
    state_file.unlink(missing_ok=True)  # a build that stops half way leaves none
    update = session.build(vault, cards) if saved is None else _again(session, saved, vault, cards)
    _save(state_file, _state(session, key, vault))
    return update


def _again(session: SiteSession, saved: SavedSite, vault: Vault, cards: CardSet | None) -> Update:
    """Set up MkDocs over `vault` without rendering, then rebuild the pages that differ."""
    old = saved.vault(vault.root)
    if _differs_throughout(saved, vault):
        return session.build(vault, cards)
    session.set_up(vault, cards, clean=False)
    config = session.config
    try:
        return _rebuild_touched(session, saved, old, vault, cards)
    except Exception as error:
        config.plugins.on_build_error(error=error)
        raise
    finally:
        session.finish()


def _rebuild_touched(
    session: SiteSession, saved: SavedSite, old: Vault, vault: Vault, cards: CardSet | None
) -> Update:
    """Render and write the pages that differ from the saved build's, and the search index."""
    config, files = session.config, session.files
    pages = {page.file.src_uri: page for page in session._pages()}
    _read_titles(session, vault)
    session.env = config.plugins.on_env(session.env, config=config, files=files)
    files.copy_static_files(dirty=True)
    reread = {p for p, n in vault.notes.items() if saved.notes.get(p, None) is None
              or saved.notes[p].fingerprint != _fingerprint(n)}  # fmt: skip
    touched = touched_notes(old, vault, reread) | reread
    touched |= {src for src in pages if src not in saved.pages}
    counts = session._card_counts(cards) or {}
    touched |= {p for p in set(counts) | set(saved.counts) if counts.get(p) != saved.counts.get(p)}
    touched |= {
        src for src, text in saved.generated.items()
        if src in pages and pages[src].file.content_string != text
    }  # fmt: skip
    if _tags_differ(old, vault):
        touched.add(TAGS_PAGE)
    titles = {src: page.title for src, page in pages.items()}
    moved = set(old.notes) != set(vault.notes) or linked_files(old) != linked_files(vault)
    if moved or titles != saved.titles:
        after = session._navigations()
        touched |= {src for src, shape in after.items() if saved.navigations.get(src) != shape}
    session.entries = dict(saved.entries)
    session._populate([pages[src] for src in sorted(touched) if src in pages])
    written = [pages[src] for src in sorted(touched) if src in pages]
    session._write_pages(written)
    now = {file.dest_uri for file in files}
    for dest in sorted({*saved.pages.values(), *saved.copied.values()} - now):
        remove_file(str(Path(config.site_dir) / dest), config.site_dir)
    removed = [src for src in saved.pages if src not in pages]
    return session.write_rest(vault, cards, written, removed, moved or titles != saved.titles)


def _differs_throughout(saved: SavedSite, vault: Vault) -> bool:
    """True when every page may change: MathJax, inline HTML marks or the site's name."""
    from .plugin import _has_math

    if _has_math(vault) != saved.math or Renderer(vault, marked=True).marked != saved.marked:
        return True
    home = vault.notes.get("index.md") or vault.notes.get("README.md")
    name = html.escape(home.title if home else vault.root.resolve().name)
    return name != saved.site_name


def _read_titles(session: SiteSession, vault: Vault) -> None:
    """Give every page its front matter (title, tags) without rendering it, as a build's
    first pass would, and tell the tags plugin which pages carry which tags."""
    tags = session.config.plugins.get("material/tags")
    for page in session._pages():
        note = vault.notes.get(page.file.src_uri)
        if note is None:
            source = page.file.content_string
        else:  # what the plugin gives MkDocs, without the page's body
            source = _title_only(note) if note.unrenderable else _front_matter(note)
        page.markdown, page.meta = front_matter.get_data(source)
        if note is not None:
            page.meta = escape_meta(page.meta)
        if tags is not None and tags.filter(page.file):
            tags.mappings.add(page, page.markdown)
    listed = session.files.get_file_from_path(TAGS_PAGE)
    if tags is not None and listed is not None and listed.page is not None:
        # The tags page's listing links each page's tags to it, rendered or not.
        page = listed.page
        page.markdown = tags.listings.add(page, page.markdown)
        page.content = ""


def _fingerprint(note: Note) -> str:
    """What tells a note changed since the last build."""
    return hashlib.sha256(f"{note.path}\0{note.source}".encode()).hexdigest()


def _state(session: SiteSession, key: tuple, vault: Vault) -> SavedSite:
    """What this build leaves for the next one."""
    plugin = session.plugin
    assert plugin.site is not None
    return SavedSite(
        key=key,
        notes={
            path: SavedNote(
                _fingerprint(note),
                note.title,
                list(note.tags),
                list(note.aliases),
                list(note.links),
            )
            for path, note in vault.notes.items()
        },  # fmt: skip
        attachments=set(vault.attachments),
        resolved=vault.resolved,
        backlinks=vault.backlinks,
        math=plugin.math,
        marked=plugin.site.renderer.marked,
        site_name=session.config.site_name,
        counts=session.counts,
        titles=session.titles,
        navigations=session._navigations(),
        entries=session.entries,
        generated={
            page.file.src_uri: page.file.content_string
            for page in session._pages()
            if page.file.abs_src_path is None
        },
        pages={page.file.src_uri: page.file.dest_uri for page in session._pages()},
        copied={
            file.src_uri: file.dest_uri
            for file in session.files
            if not file.is_documentation_page() and file.src_dir == str(vault.root)
        },
    )


def _read(path: Path, key: tuple) -> SavedSite | None:
    """The saved state, when there is one made with the same settings and quizgen."""
    try:
        with path.open("rb") as file:
            saved: Any = pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    return saved if isinstance(saved, SavedSite) and saved.key == key else None


def _save(path: Path, saved: SavedSite) -> None:
    """Write the state at once (temporary file, then rename)."""
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("wb") as file:
        pickle.dump(saved, file, protocol=pickle.HIGHEST_PROTOCOL)
    temporary.replace(path)


def _code() -> str:
    """What tells the code that made a site: MkDocs' version and quizgen's own files."""
    package = Path(__file__).resolve().parent.parent
    stamps = [mkdocs.__version__]
    for file in sorted(package.rglob("*")):
        if file.suffix in (".py", ".html", ".css", ".js"):
            status = file.stat()
            stamps.append(f"{file.relative_to(package)}:{status.st_size}:{status.st_mtime_ns}")
    return hashlib.sha256("\n".join(stamps).encode()).hexdigest()
