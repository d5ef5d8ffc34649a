"""Cards in words on pages: where they come from (said once), their plain text, full stops."""

from __future__ import annotations

import re
from typing import Any

from flask import Flask
from markupsafe import Markup

__all__ = [
    "breadcrumb",
    "full_stop",
    "init_app",
    "join_trail",
    "plain_text",
    "source_trail",
]

_SEPARATORS = " ›>—–-:|"


def _without_repeats(parts: list[str]) -> list[str]:
    """The parts in order, each said once (case and spacing aside), empty ones left out."""
    kept: list[str] = []
    seen: set[str] = set()
    for part in parts:
        key = " ".join(part.split()).casefold()
        if key and key not in seen:
            seen.add(key)
            kept.append(part.strip())
    return kept


def plain_text(html: str) -> str:
    """The text of rendered HTML, tags and entities gone, spaces collapsed; list items are
    parted by semicolons (`REST API: Yes; HTTP API: No`)."""
    items = re.sub(r"</li>\s*(?=<li)", "; </li>", html)
    return " ".join(Markup(items).striptags().split())


def join_trail(*parts: str) -> str:
    """Parts joined with ` › `, each said once: `AWS Quotas › Lambda`, never `X › X`."""
    return " › ".join(_without_repeats(list(parts)))


def source_trail(card: Any) -> list[str]:
    """The note and the section a card comes from: `AWS Quotas › Lambda`."""
    return _without_repeats([card.title or card.note, *(card.context or ())])


def breadcrumb(card: Any) -> list[str]:
    """The card's deck and source, less what its question already begins with.

    A question written as `AWS Quotas › Lambda — Quota: Memory` says its note and section
    itself; the breadcrumb above it would only repeat them.
    """
    decks = [part for part in (card.deck or "").split("::") if part]
    deck = [" › ".join(decks)] if decks else []
    said = {part.casefold() for part in decks}
    source = [part for part in source_trail(card) if part.casefold() not in said]
    question = plain_text(card.question_html or card.question or "").casefold()
    while source and question.startswith(" ".join(source[0].split()).casefold()):
        question = question[len(" ".join(source[0].split())) :].lstrip(_SEPARATORS)
        source = source[1:]
    return [*deck, *source]


def full_stop(text: str) -> str:
    """The full stop a sentence ending in `text` still needs: none after `.`, `!`, `?` or `…`."""
    return "" if text.rstrip().endswith((".", "!", "?", "…")) else "."


def init_app(app: Flask) -> None:
    """Make the trails available to every template."""
    app.jinja_env.globals.update(
        breadcrumb=breadcrumb,
        full_stop=full_stop,
        join_trail=join_trail,
        plain_text=plain_text,
    )
