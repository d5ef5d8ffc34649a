"""Note HTML made safe to show on the app's own address, as Obsidian does for a vault it opens.

A vault is often someone else's. Whatever its notes hold (raw HTML, `{ attr }` lists, Markdown
links), a page keeps ordinary formatting and loses everything that can run: scripts, event
handlers, `javascript:` and other non-web URLs, frames, objects, forms and `<style>` elements.
The rules are an allowlist applied by `nh3` (the binding of the Rust `ammonia` sanitiser, which
parses HTML as browsers do); this module only says what is allowed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

import nh3

__all__ = ["RUNNABLE_SUFFIXES", "clean_html", "escape_meta", "runnable"]

TAGS = nh3.ALLOWED_TAGS | {"tfoot", "video", "audio", "source"}
# Removed with everything inside them: their content is code, or markup a browser re-parses.
DROPPED = {
    "script", "style", "svg", "math", "iframe", "object", "template", "noscript",
    "textarea", "select", "title", "xmp", "noembed", "noframes",
}  # fmt: skip
TABLE_CELL = {"align", "colspan", "rowspan", "scope", "headers"}
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "id", "title", "lang", "dir", "style"},
    "a": {"href", "name", "hreflang", "download"},
    "img": {"src", "alt", "width", "height", "align", "loading"},
    "video": {"src", "poster", "controls", "width", "height", "loop", "muted"},
    "audio": {"src", "controls", "loop", "muted"},
    "source": {"src", "type"},
    "div": {"align", "data-search-exclude"},
    "p": {"align"},
    "details": {"open"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "td": TABLE_CELL,
    "th": TABLE_CELL,
    "col": {"span", "align"},
    "colgroup": {"span", "align"},
    "time": {"datetime"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
# Colours and alignment, as notes and Markdown tables use them; nothing that positions an
# element over the page or loads a URL.
STYLE_PROPERTIES = {
    "color", "background-color", "text-align", "text-decoration", "font-weight",
    "font-style", "vertical-align",
}  # fmt: skip
URL_SCHEMES = {"http", "https", "mailto", "tel", "data"}
_URL_ATTRIBUTES = {"href", "src", "poster", "cite"}
_BLANKS = re.compile(r"[\x00-\x20]+")

# Files of a vault that a browser runs when the site serves them (as a script, or as a page
# that loads one); under the app's address they would reach its API.
RUNNABLE_SUFFIXES = frozenset(".js .mjs .cjs .html .htm .xhtml .xht .shtml".split())


def clean_html(fragment: str) -> str:
    """The HTML with everything that can run removed and ordinary formatting kept."""
    return nh3.clean(
        fragment,
        tags=TAGS,
        clean_content_tags=DROPPED,
        attributes=ATTRIBUTES,
        attribute_filter=_attribute,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        filter_style_properties=STYLE_PROPERTIES,
    )


def _attribute(tag: str, name: str, value: str) -> str | None:
    """Drop `data:` URLs other than images, and ids that name the theme's own elements."""
    if name in _URL_ATTRIBUTES and _BLANKS.sub("", value).lower().startswith("data:"):
        image = tag == "img" and name == "src"
        return value if image and value.lstrip().lower().startswith("data:image/") else None
    # Material finds its settings and state by ids and globals starting with `__`
    # (`__config`, `__md_scope`); a note's element with such an id would stand in for them.
    if name in ("id", "name") and value.startswith("__"):
        return None
    return value


def escape_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    """Front-matter values as HTML text: the theme puts titles and tags into pages unescaped."""
    return {key: _escaped(value) for key, value in meta.items()}


def _escaped(value: Any) -> Any:
    """A string escaped; strings inside lists escaped; anything else as it is."""
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    return value


def runnable(path: str) -> bool:
    """True for a vault file a browser would run as a script or a page."""
    dot = path.rfind(".")
    return dot > path.rfind("/") and path[dot:].lower() in RUNNABLE_SUFFIXES
