"""The MkDocs plugin: a thin adapter that serves pre-rendered note Markdown to MkDocs."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..cards import CardSet, load_card_files
from ..memory import PageCollector
from ..note import Note
from ..vault import Vault, load_vault
from .assets import ASSET_FILES, ASSETS, DEST, OVERRIDES, mathjax_files, mathjax_root
from .config import REQUIRED_EXTENSIONS
from .fallback import Fallbacks
from .fragments import FragmentsExtension
from .folders import Folders, folder_list
from .home import generated_pages
from .navigation import SiteNavigation
from .page import SiteNotes, card_counts
from .published import published_files
from .render import Renderer
from .sanitise import clean_html, escape_meta, runnable

__all__ = ["QuizgenPlugin"]

log = logging.getLogger("mkdocs.plugins.quizgen")

TAGS_PAGE = "tags.md"
# Vault problems that change what the site shows: notes as plain text, files left out.
SITE_CODES = {"too-large", "too-deep", "symlink-outside", "symlink-loop", "symlink-broken", "bad-app-json"}


class QuizgenOptions(Config):
    """Options under `plugins: - quizgen:` in mkdocs.yml."""

    cards_dir = opt.Optional(opt.Type(str))
    app_url = opt.Optional(opt.Type(str))
    embed_depth = opt.Type(int, default=3)
    tags = opt.Type(bool, default=True)
    mermaid_js = opt.Optional(opt.Type(str))
    raw_html = opt.Type(bool, default=False)
    publish_files = opt.ListOfItems(opt.Type(str), default=[])


class QuizgenPlugin(BasePlugin[QuizgenOptions]):
    """Obsidian links, embeds, callouts, backlinks and study links for MkDocs pages."""

    def __init__(self) -> None:
        self.vault: Vault | None = None
        self.vault_given = False
        self.cards: CardSet | None = None
        self.cards_given = False
        self.math = False
        self.site: SiteNotes | None = None
        self.fallbacks = Fallbacks()
        self.folders = Folders()
        self.navigation: SiteNavigation | None = None
        self.collector = PageCollector()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load the vault once, add the Markdown extensions and assets the pages need."""
        docs = Path(config.docs_dir).resolve()
        vault = self.vault
        if vault is None or not (self.vault_given or vault.root.resolve() == docs):
            vault = self.vault = load_vault(config.docs_dir)
        if not self.cards_given:
            self.cards = _cards_beside(config, self.config.cards_dir)
        renderer = Renderer(
            vault,
            embed_depth=self.config.embed_depth,
            directory_urls=config.use_directory_urls,
            marked=True,
        )
        counts = card_counts(self.cards) if self.cards is not None else None
        self.site = SiteNotes(renderer, app_url=self.config.app_url, counts=counts)
        self.fallbacks = Fallbacks()
        _add_extensions(config, mermaid=bool(self.config.mermaid_js))
        if self.site.renderer.marked:
            config.markdown_extensions.append(FragmentsExtension())
        config.extra_css.append(f"{DEST}/quizgen.css")
        self.math = mathjax_root() is not None and _has_math(vault)
        if self.math:
            config.extra_javascript.append(f"{DEST}/mathjax.js")
        if self.config.mermaid_js:
            config.extra_javascript.append(f"{DEST}/mermaid.min.js")
        if self.config.tags:
            _add_tags_plugin(config)
        _add_overrides(config)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Collect reference cycles once per page while the pages are built (memory.py)."""
        self.collector.pause()

    def on_build_error(self, *, error: Exception) -> None:
        """Give the cycle collector back its own schedule."""
        self.collector.resume()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """The vault's notes and linked files, quizgen's styles and scripts, a tags index page."""
        if self.vault is not None:
            files = published_files(files, config, self.vault, self.config.publish_files)
            self.folders = Folders.of(self.vault.notes)
            for page in generated_pages(config, self.vault.notes, self.folders, self.config.app_url):
                files.append(page)
        _drop_runnable(files, config, self.vault)
        for name in ASSET_FILES:
            files.append(_asset(config, ASSETS, name, f"{DEST}/{name}"))
        root = mathjax_root() if self.math else None
        if root is not None:
            for name in mathjax_files(root):
                files.append(_asset(config, root, name, f"{DEST}/mathjax/{name}"))
        if self.config.mermaid_js:
            path = Path(self.config.mermaid_js)
            files.append(_asset(config, path.parent, path.name, f"{DEST}/mermaid.min.js"))
        tagged = "material/tags" in config.plugins or "tags" in config.plugins
        if tagged and files.get_file_from_path(TAGS_PAGE) is None:
            content = "# Tags\n\n<!-- material/tags -->\n"
            files.append(File.generated(config, TAGS_PAGE, content=content))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Know every page, to give each one a navigation of its own size (navigation.py)."""
        pages = {f.src_uri: f.page for f in files.documentation_pages() if f.page is not None}
        self.navigation = SiteNavigation(self.folders, pages, nav.homepage)
        return nav

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav: Navigation):
        """The page's own navigation: its folders and neighbours, never a whole folder."""
        if self.navigation is not None:
            context["nav"] = self.navigation.for_page(page)
        return context

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """The note's rewritten Markdown in place of the file's own text."""
        note = self.vault.notes.get(page.file.src_uri) if self.vault else None
        site = self.site
        if note is None or site is None:
            return None
        return self.fallbacks.source(note, lambda: site.page(note, backlinks=False))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files):
        """A note that cannot be rendered is shown as plain text; the build goes on.

        A note's title and tags become HTML text: the theme shows them unescaped.
        """
        note = self.vault.notes.get(page.file.src_uri) if self.vault else None
        if note is not None:
            self.fallbacks.guard(page, note)
            page.meta = escape_meta(page.meta)
        return markdown

    def on_page_content(self, html: str, *, page: Page, **kwargs: Any) -> str:
        """The page's HTML with everything that can run removed, unless `raw_html` is on."""
        self.collector.page_done()
        return html if self.config.raw_html else clean_html(html)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Backlinks (and a big folder's list) at the end of the content area, not indexed."""
        self.collector.page_done()
        note = self.vault.notes.get(page.file.src_uri) if self.vault else None
        end = output.rfind("</article>")
        if note is None or self.site is None or end < 0:
            return output
        return output[:end] + self._folder_list(note) + self.site.backlinks(note) + output[end:]

    def _folder_list(self, note: Note) -> str:
        """All a folder holds, on its own index page, when the navigation shows only part."""
        navigation = self.navigation
        folder = navigation.folder_of(note.path) if navigation else None
        if folder is None or navigation is None or self.vault is None:
            return ""
        if not navigation.leaves_out(folder):
            return ""
        urls = self.site.renderer.directory_urls if self.site else True
        return folder_list(self.folders, folder, self.vault.notes, urls)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Report what rendering had to work around (embed loops and depth, plain-text notes)."""
        self.collector.resume()
        if self.site is None or self.vault is None:
            return
        plain = [d for d in self.vault.diagnostics if d.code in SITE_CODES]
        problems = self.site.renderer.diagnostics + self.fallbacks.diagnostics + plain
        for problem in sorted(set(problems)):
            log.warning(str(problem))


def _has_math(vault: Vault) -> bool:
    """True when some note may contain `$...$` or `\\(...\\)` math (then MathJax is shipped)."""
    return any("$" in note.source or "\\(" in note.source for note in vault.notes.values())


def _drop_runnable(files: Files, config: MkDocsConfig, vault: Vault | None) -> None:
    """Leave out vault files a browser would run (scripts, HTML pages), with a warning each.

    Scripts the mkdocs.yml names in `extra_javascript` are the site owner's, and kept.
    """
    named = {str(script) for script in config.extra_javascript}
    docs = Path(vault.root if vault else config.docs_dir).resolve()
    for file in [f for f in files if runnable(f.src_uri) and f.src_uri not in named]:
        if not file.abs_src_path or not Path(file.abs_src_path).resolve().is_relative_to(docs):
            continue
        log.warning(f"{file.src_uri}: not copied into the site: a browser would run it")
        files.remove(file)


def _add_overrides(config: MkDocsConfig) -> None:
    """Material's inline scripts come from files (see `overrides/`), ahead of the theme's own."""
    if config.theme.name != "material" or OVERRIDES in config.theme.dirs:
        return
    custom = 1 if config.theme.custom_dir else 0
    config.theme.dirs.insert(custom, OVERRIDES)


def _cards_beside(config: MkDocsConfig, cards_dir: str | None) -> CardSet | None:
    """Card files from `cards_dir` (default `cards/` beside mkdocs.yml); None when absent."""
    base = Path(config.config_file_path or ".").parent
    folder = base / (cards_dir or "cards")
    return load_card_files(folder) if folder.is_dir() else None


def _add_extensions(config: MkDocsConfig, *, mermaid: bool) -> None:
    """Add each required Markdown extension the config lacks; make toc ids match the vault's."""
    for name, options in REQUIRED_EXTENSIONS.items():
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
        merged: dict[str, Any] = {**options, **config.mdx_configs.get(name, {})}
        config.mdx_configs[name] = merged
    config.mdx_configs["toc"]["slugify"] = REQUIRED_EXTENSIONS["toc"]["slugify"]
    if mermaid:
        from pymdownx.superfences import fence_code_format

        fence = {"name": "mermaid", "class": "mermaid", "format": fence_code_format}
        fences = config.mdx_configs["pymdownx.superfences"].setdefault("custom_fences", [])
        if not any(f.get("name") == "mermaid" for f in fences):
            fences.append(fence)


def _add_tags_plugin(config: MkDocsConfig) -> None:
    """Turn on Material's tags plugin (tags index page) when the theme is Material."""
    if config.theme.name != "material" or "material/tags" in config.plugins:
        return
    if "tags" in config.plugins:
        return
    from material.plugins.tags.plugin import TagsPlugin

    tags = TagsPlugin()
    errors, _ = tags.load_config({}, config.config_file_path)
    if errors:
        return
    tags.on_startup(command="build", dirty=False)
    # Registering adds its events; MkDocs then calls its on_config after this one.
    config.plugins["material/tags"] = tags


def _asset(config: MkDocsConfig, src_dir: Path, name: str, dest: str) -> File:
    """A file shipped with quizgen (or MathJax), copied into the site at `dest`."""
    return File.generated(config, dest, abs_src_path=str(src_dir / name))
