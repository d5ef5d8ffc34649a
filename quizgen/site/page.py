"""A whole site page for a note: front matter, title, study links, body, backlinks."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from urllib.parse import quote

from ..cards import CardSet
from ..note import Note
from .render import Renderer, body_start

__all__ = ["SiteNotes", "card_counts"]


def card_counts(cards: CardSet) -> dict[str, int]:
    """How many active cards each note yields, by note path."""
    counts: dict[str, int] = {}
    for card_file, card in cards.cards():
        if card_file.note and not card.suspended:
            counts[card_file.note] = counts.get(card_file.note, 0) + 1
    return counts


@dataclass
class SiteNotes:
    """Renders the notes of one vault as site pages (engine-agnostic Markdown)."""

    renderer: Renderer
    app_url: str | None = None
    counts: dict[str, int] | None = None
    backlinks_title: str = "Backlinks"

    def page(self, note: Note, backlinks: bool = True) -> str:
        """The Markdown of a note's page, front matter included (backlinks as an HTML block)."""
        body = self.renderer.body(note).split("\n")
        split = _after_title(note, body)
        title = [] if note.has_h1 else [f"# {note.title}", ""]
        parts = [_front_matter(note), *title, *body[:split], self._header(note), *body[split:]]
        if backlinks:
            parts.append(self.backlinks(note))
        return "\n".join(parts) + "\n"

    def _header(self, note: Note) -> str:
        """Aliases (so search finds them) and the study links, right under the title."""
        lines = []
        if note.aliases:
            names = ", ".join(html.escape(alias) for alias in note.aliases)
            lines.append(f'<p class="qz-aliases">Also called: {names}</p>')
        study = self._study(note)
        if study:
            lines.append(study)
        return "\n\n".join(lines) + "\n" if lines else ""

    def _study(self, note: Note) -> str:
        """Card count and review / quiz / Anki links for this note."""
        items = []
        if self.counts is not None:
            count = self.counts.get(note.path, 0)
            items.append(f'<span class="qz-count">{count} card{"" if count == 1 else "s"}</span>')
        if self.app_url is not None:
            query = quote(note.path, safe="/")
            carded = self.counts is None or bool(self.counts.get(note.path))
            # A note with no cards has nothing to review or quiz: no buttons that lead nowhere.
            for label, target in (("Review", "review"), ("Quiz this note", "quiz")) * carded:
                href = html.escape(f"{self.app_url}{target}?note={query}")
                items.append(f'<a class="qz-{target}" href="{href}">{label}</a>')
            deck = html.escape(f"{self.app_url}deck.apkg")
            items.append(f'<a class="qz-deck" href="{deck}" download>Anki deck</a>')
            if self.counts and self.counts.get(note.path):
                items.append(self._mastery(query))
        if not items:
            return ""
        return '<div class="qz-study" data-search-exclude>' + " ".join(items) + "</div>"

    def _mastery(self, query: str) -> str:
        """The app's bar of how many of this note's cards are mature (its own SVG)."""
        src = html.escape(f"{self.app_url}stats/note?note={query}")
        alt = "Share of this note's cards you know well"
        return f'<img class="qz-mastery" src="{src}" alt="{alt}" loading="lazy">'

    def backlinks(self, note: Note) -> str:
        """HTML list of the notes linking here, for the end of the page's content."""
        sources = self.renderer.vault.backlinks.get(note.path, [])
        if not sources:
            return ""
        notes, link = self.renderer.vault.notes, self.renderer.link
        items = [
            f'<li><a href="{html.escape(link(note, s))}">{html.escape(notes[s].title)}</a></li>'
            for s in sources
        ]
        title = f'<p class="qz-backlinks-title">{self.backlinks_title}</p>'
        opening = '<nav class="qz-backlinks" data-search-exclude>'
        return "\n".join(["", opening, title, "<ul>", *items, "</ul>", "</nav>", ""])


def _after_title(note: Note, body: list[str]) -> int:
    """Index of the body line after a leading H1, so study links sit under the title."""
    first = note.headings[0] if note.headings else None
    if not note.has_h1 or first is None or first.level != 1:
        return 0
    line = first.line - 1 - body_start(note.tokens)
    if line < 0 or any(text.strip() for text in body[:line]):
        return 0
    setext = line + 1 < len(body) and body[line + 1].strip().startswith("=")
    return line + (2 if setext else 1)


def _front_matter(note: Note) -> str:
    """Fresh front matter from the vault model (the note's own may not be valid YAML).

    Values are written as JSON, which YAML reads as it is, and is much faster to write.
    """
    lines = [f"title: {json.dumps(note.title, ensure_ascii=False)}"]
    if note.tags:
        lines.append(f"tags: {json.dumps(note.tags, ensure_ascii=False)}")
    if note.aliases:
        lines.append(f"aliases: {json.dumps(note.aliases, ensure_ascii=False)}")
    return "---\n" + "\n".join(lines) + "\n---\n"
