"""A site build kept in memory, so a change of some notes rebuilds only the pages it touches.

`SiteSession.build` runs the stages of a MkDocs build (`mkdocs.commands.build.build`) one by
one and keeps what they made: the config with its plugins, the files, the navigation, each
page's search entries. `SiteSession.update` then takes the vault after a change, works out
the pages whose HTML may differ (`touched.py`, and page by page: navigation, folder lists,
card counts, tags), renders those again with MkDocs' own page functions, and replaces their
files in the site folder one by one (write a temporary file, then rename). The search index
is written again from the kept entries. The result is the site a clean build of the same
notes gives, byte for byte (tests/live/test_incremental.py checks it).
"""

from __future__ import annotations

import html
import io
import json
import logging
import os
import shutil
import tempfile
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands.build import _build_theme_template, _populate_page, get_context
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from ..cards import CardSet
from ..vault import Vault
from .config import site_config
from .folders import Folders
from .home import generated_pages
from .page import SiteNotes, card_counts
from .plugin import QuizgenPlugin, _has_math
from .published import linked_files
from .render import Renderer
from .sitefiles import remove_file, replace_file
from .touched import touched_notes

__all__ = ["SiteSession", "Update"]

SEARCH_INDEX = "search/search_index.json"
TAGS_PAGE = "tags.md"


@dataclass
class Update:
    """What one update of the site re-did."""

    pages: list[str] = field(default_factory=list)  # source paths of the pages written
    removed: list[str] = field(default_factory=list)
    full: bool = False  # True when the whole site was built
    urls: list[str] = field(default_factory=list)  # addresses of the pages written (`lambda/`)


class SiteSession:
    """One site folder built from a vault, kept up to date page by page."""

    def __init__(
        self,
        out_dir: Path,
        *,
        site_url: str | None = None,
        app_url: str | None = None,
        site_name: str | None = None,
    ) -> None:
        self.out_dir = Path(out_dir)
        self.site_url, self.app_url, self.site_name = site_url, app_url, site_name
        # MkDocs is given an empty docs folder, as in `build_site`; it goes with the session.
        self._empty = tempfile.mkdtemp(prefix="quizgen-docs-")
        weakref.finalize(self, shutil.rmtree, self._empty, True)
        self.vault: Vault | None = None
        self.counts: dict[str, int] = {}
        self.entries: dict[str, str] = {}  # source path -> its search entries as JSON
        self.titles: dict[str, str | None] = {}
        self._counted: dict[str, tuple[Any, int]] = {}
        # What the build's stages made (set up by `set_up`).
        self.config: MkDocsConfig
        self.plugin: QuizgenPlugin
        self.files: Files
        self.doc_files: Sequence[File]
        self.theme_files: list[File]
        self.nav: Navigation
        self.env: Any

    # The whole site -------------------------------------------------------------------------

    def build(self, vault: Vault, cards: CardSet | None) -> Update:
        """Build every page (as `build_site` does) and keep what the stages made."""
        self.set_up(vault, cards, clean=True)
        config = self.config
        try:
            for page in self._pages():
                _populate_page(page, config, self.files)
            self.env = config.plugins.on_env(self.env, config=config, files=self.files)
            self.files.copy_static_files()
            self._templates()
            for page in self._pages():
                replace_file(page.file.abs_dest_path, self._page_html(page))
            self._write_search_index()
        except Exception as error:
            config.plugins.on_build_error(error=error)
            raise
        self._remember(vault, cards)
        self.finish()
        return Update(pages=[page.file.src_uri for page in self._pages()], full=True)

    def set_up(self, vault: Vault, cards: CardSet | None, *, clean: bool) -> None:
        """A build's first stages: the config with its plugins, the files, the navigation."""
        from mkdocs import utils

        config = self._config(vault)
        plugin = self._plugin(config)
        plugin.vault, plugin.vault_given = vault, True
        plugin.cards, plugin.cards_given = cards, True
        config = self.config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        try:
            if clean:
                utils.clean_directory(config.site_dir)
            files = get_files(config)
            self.env = config.theme.get_env()
            files.add_files_from_theme(self.env, config)
            self.theme_files = list(files)
            files = config.plugins.on_files(files, config=config)
            set_exclusions(files, config)
            nav = get_navigation(files, config)
            self.nav = config.plugins.on_nav(nav, config=config, files=files)
        except Exception as error:
            config.plugins.on_build_error(error=error)
            raise
        self.files, self.doc_files = files, files.documentation_pages()

    def finish(self) -> None:
        """What the plugin does after a build: report what rendering had to work around."""
        self.plugin.on_post_build(config=self.config)

    # A change ---------------------------------------------------------------------------------

    def update(self, vault: Vault, cards: CardSet | None, reread: Iterable[str]) -> Update:
        """Bring the site in line with `vault`, rebuilding only the pages the change touches."""
        old = self.vault
        if old is None or self._whole_site_differs(old, vault):
            return self.build(vault, cards)
        reread = set(reread)
        touched = touched_notes(old, vault, reread)
        moved = set(old.notes) != set(vault.notes) or linked_files(old) != linked_files(vault)
        retitled = moved or any(
            old.notes[p].title != vault.notes[p].title for p in reread if p in old.notes
        )
        before = self._navigations() if retitled else {}
        old_titles = self.titles
        old_files = {f.src_uri: f for f in self.files}
        self._refresh_plugin(vault, cards)
        removed, generated = self._refresh_files(old_files, moved)
        pages = {page.file.src_uri: page for page in self._pages()}
        touched |= generated | {src for src in pages if src in reread or src not in old_files}
        counts = self._card_counts(cards) or {}
        touched |= {
            p for p in set(counts) | set(self.counts) if counts.get(p) != self.counts.get(p)
        }
        if _tags_differ(old, vault):
            touched.add(TAGS_PAGE)
        done = self._populate([pages[src] for src in sorted(touched) if src in pages])
        if retitled:
            after = self._navigations()
            touched |= {src for src, shape in after.items() if before.get(src) != shape}
            self._populate([pages[src] for src in sorted(touched - done) if src in pages])
        written = [pages[src] for src in sorted(touched) if src in pages]
        self._write_pages(written)
        return self.write_rest(vault, cards, written, removed, moved or old_titles != self.titles)

    def write_rest(
        self,
        vault: Vault,
        cards: CardSet | None,
        written: list[Page],
        removed: Iterable[str],
        templates: bool,
    ) -> Update:
        """After the touched pages: the search index, the state kept, and 404/sitemap if asked."""
        removed = sorted(removed)
        for src in removed:
            self.entries.pop(src, None)
        self._write_search_index()
        self._remember(vault, cards)
        if templates:
            self._templates()
        return Update(
            pages=[page.file.src_uri for page in written],
            removed=removed,
            urls=[page.url for page in written],
        )

    # Stages -----------------------------------------------------------------------------------

    def _config(self, vault: Vault) -> MkDocsConfig:
        """The settings `build_site` uses, with the vault given to the plugin."""
        name = self._site_name(vault)
        settings = site_config(
            Path(self._empty), self.out_dir, site_url=self.site_url, site_name=name
        )
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
        return load_config(io.StringIO(""), **settings)

    def _plugin(self, config: MkDocsConfig) -> QuizgenPlugin:
        plugin = config.plugins["quizgen"]
        assert isinstance(plugin, QuizgenPlugin)
        plugin.config.app_url = self.app_url
        self.plugin = plugin
        return plugin

    def _whole_site_differs(self, old: Vault, new: Vault) -> bool:
        """True when every page may change: the site name, MathJax or the inline HTML marks."""
        plugin = self.plugin
        if _has_math(new) != plugin.math:
            return True
        marked = Renderer(new, marked=True).marked
        if plugin.site is None or marked != plugin.site.renderer.marked:
            return True
        return self._site_name(new) != self.config.site_name

    def _site_name(self, vault: Vault) -> str:
        """The site's name, as `build_site` gives it."""
        home = vault.notes.get("index.md") or vault.notes.get("README.md")
        # A note's title is text; the theme shows the site name unescaped.
        return self.site_name or html.escape(home.title if home else vault.root.resolve().name)

    def _refresh_plugin(self, vault: Vault, cards: CardSet | None) -> None:
        """The plugin's view of the vault, as its `on_config` makes it for a build."""
        plugin = self.plugin
        plugin.vault, plugin.cards = vault, cards
        renderer = Renderer(
            vault,
            embed_depth=plugin.config.embed_depth,
            directory_urls=self.config.use_directory_urls,
            marked=True,
        )
        counts = self._card_counts(cards)
        plugin.site = SiteNotes(renderer, app_url=plugin.config.app_url, counts=counts)
        plugin.fallbacks.diagnostics.clear()
        plugin.site.renderer.diagnostics.clear()

    def _refresh_files(self, old_files: dict[str, File], moved: bool) -> tuple[set[str], set[str]]:
        """The files and navigation of the vault as it is now.

        Returns the source paths of the pages gone, and of the pages to make again: generated
        pages (front page, folder pages) whose Markdown changed, pages at a new address.
        """
        config, plugin = self.config, self.plugin
        assert plugin.vault is not None
        readdressed: set[str] = set()
        if moved:
            files = config.plugins.on_files(Files(list(self.theme_files)), config=config)
            set_exclusions(files, config)
            for file in files:
                kept = old_files.get(file.src_uri)
                if kept is not None and file.dest_uri != kept.dest_uri:
                    self._remove(kept)  # a README.md that an index.md now stands beside
                    readdressed.add(file.src_uri)
                elif kept is not None and kept.page is not None:
                    file.page, kept.page.file = kept.page, file
            self.files = files
            nav = get_navigation(files, config)
            self.nav = config.plugins.on_nav(nav, config=config, files=files)
        else:
            plugin.folders = Folders.of(plugin.vault.notes)
            plugin.on_nav(self.nav, config=config, files=self.files)
        self.doc_files = self.files.documentation_pages()
        now = {file.src_uri: file for file in self.files}
        made = generated_pages(config, plugin.vault.notes, plugin.folders, plugin.config.app_url)
        generated = set(readdressed)
        for file in made:
            kept = now.get(file.src_uri)
            before = old_files.get(file.src_uri)
            if before is not None and before.content_string != file.content_string:
                generated.add(file.src_uri)
            if kept is not None and not moved:
                kept.content_string = file.content_string
        self._copy_attachments(now, old_files)
        gone = set(old_files) - set(now)
        for src in gone:
            self._remove(old_files[src])
        return {src for src in gone if old_files[src].is_documentation_page()}, generated

    def _copy_attachments(self, now: dict[str, File], old_files: dict[str, File]) -> None:
        """Copy the vault's files that are new in the site, or changed since their copy."""
        root = os.path.abspath(self.config.docs_dir) if self.vault is None else str(self.vault.root)
        for src, file in now.items():
            if file.is_documentation_page() or file.abs_src_path is None:
                continue
            if src not in old_files or (file.src_dir == root and file.is_modified()):
                file.copy_file()

    def _remove(self, file: File) -> None:
        """Take a page or file that is gone out of the site."""
        if file.page is not None:
            self._forget_tags(file.page)
        remove_file(file.abs_dest_path, self.config.site_dir)

    def _populate(self, pages: list[Page]) -> set[str]:
        """Read and render pages again, as the build's first pass does; their source paths."""
        plugin = self.plugin
        tags = self.config.plugins.get("material/tags")
        for page in pages:
            plugin.fallbacks.reasons.pop(page.file.src_uri, None)
            page.__dict__.pop("render", None)  # the plugin's guard wraps it again
            self._forget_tags(page)
            _populate_page(page, self.config, self.files)
        if tags is not None and pages:
            _order_mappings(tags, self._pages())
        if tags is not None and any(page.file.src_uri == TAGS_PAGE for page in pages):
            tags.on_env(self.env, config=self.config, files=self.files)
        return {page.file.src_uri for page in pages}

    def _forget_tags(self, page: Page) -> None:
        """Drop what the tags plugin knows of a page (it is read again, or gone)."""
        tags = self.config.plugins.get("material/tags")
        if tags is None:
            return
        tags.mappings.data.pop(page.url, None)
        tags.listings.data = {listing for listing in tags.listings.data if listing.page is not page}

    def _write_pages(self, pages: list[Page]) -> None:
        """Render every page first, then replace their files: a failure writes nothing."""
        done = [(page, self._page_html(page)) for page in pages]
        for page, output in done:
            replace_file(page.file.abs_dest_path, output)

    def _page_html(self, page: Page) -> bytes:
        """A page's HTML, as `mkdocs.commands.build._build_page` makes it; keeps its search
        entries."""
        config, search = self.config, self.config.plugins.get("material/search")
        config._current_page = page
        if search is not None:
            search.search_index.entries = []
        try:
            page.active = True
            context = get_context(self.nav, self.doc_files, config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(
                context, page=page, config=config, nav=self.nav
            )
            output = template.render(context)
            output = config.plugins.on_post_page(output, page=page, config=config)
        finally:
            page.active = False
            config._current_page = None
        if search is not None:
            entries = json.dumps(search.search_index.entries, separators=(",", ":"), default=str)
            self.entries[page.file.src_uri] = entries[1:-1]
        return output.encode("utf-8", errors="xmlcharrefreplace")

    def _write_search_index(self) -> None:
        """The search index from the kept entries, in the order of the site's pages.

        Each page's entries are kept as JSON text: the index is the same JSON the search
        plugin writes, without encoding every page again.
        """
        search = self.config.plugins.get("material/search")
        if search is None:
            return
        search.search_index.entries = []
        empty = search.search_index.generate_search_index(None)
        assert empty.endswith('"docs":[]}')
        kept = (self.entries.get(page.file.src_uri, "") for page in self._pages())
        docs = ",".join(entries for entries in kept if entries)
        data = empty[: -len("]}")] + docs + "]}"
        replace_file(os.path.join(self.config.site_dir, SEARCH_INDEX), data.encode("utf-8"))

    def _templates(self) -> None:
        """The theme's own pages (404, sitemap), which list or link every page."""
        for template in self.config.theme.static_templates:
            _build_theme_template(template, self.env, self.files, self.config, self.nav)

    def _navigations(self) -> dict[str, tuple]:
        """What each page's navigation shows, to tell which pages a new title or note moves."""
        navigation = self.plugin.navigation
        if navigation is None:
            return {}
        pages = self._pages()
        return {page.file.src_uri: _shape(navigation.for_page(page).items) for page in pages}

    def _card_counts(self, cards: CardSet | None) -> dict[str, int] | None:
        """`card_counts`, counting again only the card files that are new objects (the
        watcher's card file cache keeps the others)."""
        if cards is None:
            return None
        kept, self._counted = self._counted, {}
        counts: dict[str, int] = {}
        for name, card_file in cards.files.items():
            known = kept.get(name)
            if known is None or known[0] is not card_file:
                single = CardSet(files={name: card_file})
                known = (card_file, card_counts(single).get(card_file.note or "", 0))
            self._counted[name] = known
            if card_file.note and known[1]:
                counts[card_file.note] = counts.get(card_file.note, 0) + known[1]
        return counts

    def _pages(self) -> list[Page]:
        return [f.page for f in self.doc_files if f.page is not None]

    def _remember(self, vault: Vault, cards: CardSet | None) -> None:
        self.vault = vault
        self.counts = self._card_counts(cards) or {}
        self.titles = {page.file.src_uri: page.title for page in self._pages()}



def _shape(items: list) -> tuple:
    """A navigation as plain data: kind, title, address, open or not, and what it holds."""
    return tuple(
        (
            type(item).__name__,
            item.title,
            getattr(item, "url", None),
            bool(getattr(item, "active", False)),
            _shape(getattr(item, "children", None) or []),
        )
        for item in items
    )


def _tags_differ(old: Vault, new: Vault) -> bool:
    """True when the tags page may read differently: a tagged note came, went or changed."""
    for path in set(old.notes) | set(new.notes):
        before, after = old.notes.get(path), new.notes.get(path)
        if before is after:
            continue
        shown = [(n.tags, n.title) if n is not None and n.tags else None for n in (before, after)]
        if shown[0] != shown[1]:
            return True
    return False


def _order_mappings(tags: Any, pages: list[Page]) -> None:
    """Keep the tags plugin's pages in site order, as a whole build adds them."""
    data = tags.mappings.data
    tags.mappings.data = {page.url: data[page.url] for page in pages if page.url in data}
