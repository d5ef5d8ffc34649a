"""The static site: notes as MkDocs + Material pages with Obsidian links, embeds and backlinks."""

from .build import build_site
from .page import SiteNotes, card_counts
from .render import Renderer
from .urls import href, page_url, page_urls

__all__ = ["Renderer", "SiteNotes", "build_site", "card_counts", "href", "page_url", "page_urls"]
