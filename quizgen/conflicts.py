"""Git merge-conflict markers left in a note (`<<<<<<< Updated upstream`, `=======`, `>>>>>>>`).

A vault synced with Git can keep them after a failed merge. Markdown would read `=======` as
the underline of a heading made of the line above, so the markers are blanked before parsing
(both sides' text is kept, and every line keeps its number) and the build reports where they
are. The file itself is never changed.
"""

from __future__ import annotations

import re

__all__ = ["without_conflict_markers"]

_OPENING = re.compile(r"^<{7}(?: |$)", re.MULTILINE)
_MARKER = re.compile(r"^(?:<{7}|>{7}|\|{7})(?: [^\n]*)?$|^={7}$", re.MULTILINE)


def without_conflict_markers(source: str) -> tuple[str, int | None]:
    """The text with its conflict marker lines blanked, and the 1-based line of the first
    marker (None when the note has no conflict)."""
    opening = _OPENING.search(source)
    if opening is None:
        return source, None
    line = source.count("\n", 0, opening.start()) + 1
    return _MARKER.sub("", source), line
