"""Small helpers for self-contained, accessible SVG: escaping, the frame, shapes."""

from __future__ import annotations

from xml.sax.saxutils import escape as _escape

__all__ = ["COLOURS", "escape", "frame", "rect", "text"]

# Intensity levels 0 (nothing) to 4 (the most); the same greens as a contribution calendar.
COLOURS = ("#ebedf0", "#c6e48b", "#7bc96f", "#239a3b", "#196127")
FONT = "font-family='system-ui, sans-serif' font-size='10' fill='#444'"


def escape(value: object) -> str:
    """Text safe inside an SVG element or a quoted attribute."""
    return _escape(str(value), {'"': "&quot;", "'": "&apos;"})


def frame(ident: str, width: float, height: float, title: str, desc: str, body: list[str]) -> str:
    """An `<svg>` with a title and description that screen readers announce."""
    ident = escape(ident)
    return "".join(
        [
            f"<svg xmlns='http://www.w3.org/2000/svg' role='img' width='{width:g}' "
            f"height='{height:g}' viewBox='0 0 {width:g} {height:g}' "
            f"aria-labelledby='{ident}-title {ident}-desc'>",
            f"<title id='{ident}-title'>{escape(title)}</title>",
            f"<desc id='{ident}-desc'>{escape(desc)}</desc>",
            *body,
            "</svg>",
        ]
    )


def rect(x: float, y: float, width: float, height: float, fill: str, tip: str = "") -> str:
    """A rectangle, with a `<title>` tooltip when `tip` is given."""
    shape = f"<rect x='{x:g}' y='{y:g}' width='{width:g}' height='{height:g}' fill='{fill}'"
    if not tip:
        return shape + "/>"
    return f"{shape}><title>{escape(tip)}</title></rect>"


def text(x: float, y: float, words: str, anchor: str = "start") -> str:
    """A small label."""
    return f"<text x='{x:g}' y='{y:g}' text-anchor='{anchor}' {FONT}>{escape(words)}</text>"
