"""What of a note is study material: drawings, task lists, daily notes and metadata are not.

- An Excalidraw drawing (`*.excalidraw.md`, or front matter `excalidraw-plugin`) gives no card.
- A task list item (`- [ ] ...`, `- [x] ...`, any one-character status) and the items nested
  in it give no card.
- A daily note (its file name a date: `2025-07-26.md`) gives only the cards written on purpose,
  and so does a repository's own file (`README.md`, `LICENSE.md`, `CHANGELOG.md`...): it tells
  about the notes, it does not teach.
- The list a chat assistant offers (`Let me know if you want:` then its items) gives no card.
- Metadata fields (`URL: https://...`, `Source: ...`, `Author: ...`, `Created: ...`, Dataview's
  `key:: value`) give no card: a paragraph or list item made only of them is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..note import Note
from .blocks import Piece
from .draft import Draft
from .model import Origin
from .speech import only_adjective

__all__ = [
    "field_line",
    "is_daily_note",
    "is_plan_note",
    "is_drawing",
    "is_repository_file",
    "study_drafts",
    "study_pieces",
]

_TASK = re.compile(r"^\[.\]\s")
# What a chat offers to do next: `Let me know if you want:`, `Would you like me to add:`.
_OFFER = re.compile(
    r"^\W*(?:let me know|would you like|if you(?:'d| would) like|want me to|let's say|"
    r"i can also|i(?:'ll| will| can) )",
    re.IGNORECASE,
)
_REPOSITORY_FILES = {"readme", "license", "licence", "changelog", "contributing", "code_of_conduct"}
_DATE_NAME = re.compile(r"^(?:\d{4}-\d{2}-\d{2}|\d{4}_\d{2}_\d{2}|\d{8}|\d{2}-\d{2}-\d{4})$")
_FIELDS = (
    "url|source|sources|author|authors|created|created at|updated|modified|last modified|"
    "date|link|links|reference|references|ref|tags|tag|aliases|alias|related|course|"
    "cssclass|cssclasses|status|uid|id|up"
)
_ZETTEL_ID_LINE = re.compile(r"^\s*\d{12,14}\s*$")  # `202209072224`: a Zettelkasten note id
# A line `Field: value` (or `**Field**: value`, `Field:: value`) with a known metadata field, or
# any one-word field whose value is only a URL or a wiki-link.
_FIELD = re.compile(
    rf"^\s*(?:[*_]{{0,2}})(?:{_FIELDS})(?:[*_]{{0,2}})\s*::?(?:[*_]{{0,2}})(?:\s|$)",
    re.IGNORECASE,
)
_LINK_FIELD = re.compile(
    r"^\s*[*_]{0,2}[\w-]+[*_]{0,2}\s*::?\s*(?:<?https?://\S+>?|\[\[[^\]]*\]\])\s*$"
)
_DATAVIEW = re.compile(r"^\s*[\w-]+::\s")


def is_drawing(note: Note) -> bool:
    """True for an Excalidraw drawing saved as Markdown."""
    return note.path.lower().endswith(".excalidraw.md") or "excalidraw-plugin" in note.front_matter


_SOLUTIONS = re.compile(r"\b(?:solutions?|solved|answers)$", re.IGNORECASE)


def is_daily_note(note: Note) -> bool:
    """True when the note's file name is a date (Obsidian's daily notes)."""
    return bool(_DATE_NAME.match(_stem(note)))


def is_plan_note(note: Note) -> bool:
    """True when the note's file name names a plan (`to_study.md`, `TODO.md`, `Reading
    list.md`): what to do, not what was learnt."""
    return bool(_PLAN_NAME.match(_stem(note)))


def _stem(note: Note) -> str:
    return note.path.rsplit("/", 1)[-1].removesuffix(".md").removesuffix(".MD")


_PLAN_NAME = re.compile(
    r"^(?:to[ _-]?(?:do|study|read|learn|review)|action[ _-]?plan|study[ _-]?plan|"
    r"reading[ _-]?list|backlog|inbox)s?$",
    re.IGNORECASE,
)


# `Real-World Example`, `Scenario: a company ...`, `Demo`: a made-up case, not facts to learn.
# `Given a scenario, implement ...` (CompTIA's wording of an exam objective) is no example.
_EXAMPLE_KINDS = {"worked", "practical", "quick", "full", "complete", "detailed", "typical"}
_CASE_KINDS = {"scenarios", "examples"}  # after a topic's name: its kinds of case
_EXAMPLE_HEADING = re.compile(
    r"\b(?<!given a )(?:examples?|scenarios?|demo|walkthrough|hands-on|lab|exercises?|"
    r"case stud(?:y|ies)|step-by-step|step \d+|console steps)\b",
    re.IGNORECASE,
)


def _worked_example(note: Note) -> bool:
    """`Example - Entropy.md`, `Questions and Solutions.md`: a note that is a worked example or
    an exercise as a whole."""
    stem = _stem(note)
    found = _EXAMPLE_HEADING.search(stem)
    if found and _kind_of_example(stem, found):
        return False  # `Adversarial example.md`: a term, not an example worked through
    return bool(found or _SOLUTIONS.search(stem))


def _kind_of_example(text: str, found: re.Match[str]) -> bool:
    """`Adversarial example`: an adjective English has only as one before `example` names a
    kind of thing to learn (not `Worked example`, `Practical examples`)."""
    before = text[: found.start()].split()
    if not before or not found.group().casefold().startswith("example"):
        return False
    word = before[-1].casefold()
    return word not in _EXAMPLE_KINDS and only_adjective(word)


def study_pieces(note: Note, pieces: Sequence[Piece]) -> list[Piece]:
    """The pieces of a note that may make cards: no drawing, tasks or metadata fields."""
    if is_drawing(note):
        return []
    kept: list[Piece] = []
    task: Piece | None = None  # the task item the walk is in
    offer = False  # in the list a chat offers (`Let me know if you want:`)
    for piece in pieces:
        if task and (piece.item == task.item or piece.depth > task.depth):
            continue  # the rest of the task item and the items nested in it
        task = None
        if piece.depth == 0:
            offer = piece.kind == "paragraph" and _offers(piece)
        elif offer:
            continue
        content = piece.inline.content if piece.inline else ""
        if piece.kind == "paragraph" and piece.first and piece.depth and _TASK.match(content):
            task = piece
            continue
        if piece.kind == "paragraph" and _metadata(content) and not _glossed(piece, content):
            continue
        if piece.kind == "paragraph" and _FOOTNOTES.match(content) and _CITES.search(content):
            continue  # `[^3]: Birdi T, Sullivan P. Ottawa Anesthesia Primer. 2012.`: a source
        if piece.kind == "paragraph" and _NAVIGATION.match(content):
            continue  # `**Next: 1.2 Hybridization**`: the way through a course, no fact
        kept.append(piece)
    return kept


_NAVIGATION = re.compile(
    r"^[*_\s]*(?:(?:[\w !]+\s)?next|previous|prev|back to|up|home)[*_]*\s*[:→>|-]", re.IGNORECASE
)
_FOOTNOTES = re.compile(r"^\s*\[\^[^\]\s]+\]:")  # a paragraph of footnotes
# What a footnote citing a source holds: a year, a DOI or PubMed id, a web address, a link.
_CITES = re.compile(r"\b(?:19|20)\d\d\b|\bdoi\b|\bPMID\b|https?://|\[\[|\bet al\b", re.I)
_GLOSS_WORDS = 3  # lower-case words after a bold term: what it means, not a course's name


def _glossed(piece: Piece, content: str) -> bool:
    """`- **Alias**: AWS-specific; maps a name to an AWS resource`: a bold term in a list with
    a sentence after it is a term and its meaning, not a metadata field (`**Course**: Ultimate
    AWS Certified Solutions Architect` names a course)."""
    term, _, value = content.partition(":")
    bold = term.strip().startswith("**") or value.startswith("**")
    plain = "http" not in value and "[[" not in value
    said = sum(word.isalpha() and word.islower() for word in value.split())  # not a name
    return piece.depth > 0 and bold and plain and said >= _GLOSS_WORDS


def _offers(piece: Piece) -> bool:
    """`Let me know if you want:`: a chat's offer, the list after it no study material (while
    `Here are the key takeaways:` leads into facts)."""
    content = piece.inline.content.strip() if piece.inline else ""
    return content.endswith(":") and bool(_OFFER.match(content.replace("’", "'")))


def _example_heading(text: str) -> bool:
    """`Example`, `Scenario: a company ...`, `Exercises`: a section that works a case through.
    A topic's kinds of case (`Congestion Scenarios`, `Attack Examples`) are facts to learn."""
    found = _EXAMPLE_HEADING.search(text)
    if found is None:
        return False
    word = found.group().casefold()
    topic = re.sub(r"[^A-Za-z]+", "", text[: found.start()])  # words before it, not numbering
    return not (word in _CASE_KINDS and topic) and not _kind_of_example(text, found)


def is_repository_file(note: Note) -> bool:
    """True for a repository's own file: `README.md`, `LICENSE.md`, `CONTRIBUTING.md`..."""
    stem = note.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem.casefold() in _REPOSITORY_FILES


def study_drafts(note: Note, drafts: list[Draft], exercises: bool = False) -> list[Draft]:
    """The cards a note keeps: a daily note or a README only those written on purpose, and a
    worked example (a section headed `Example`, `Scenario`, `Demo`...) only those too.
    `exercises`: the drafts are practice questions with their answers, kept in a section or a
    note of exercises."""
    if is_daily_note(note) or is_plan_note(note) or is_repository_file(note):
        return [draft for draft in drafts if draft.origin is Origin.EXPLICIT]
    if exercises:
        return drafts
    if _worked_example(note):
        return [draft for draft in drafts if draft.origin is Origin.EXPLICIT]
    examples = [(h.line, h.end_line) for h in note.headings if _example_heading(h.text)]
    return [
        draft
        for draft in drafts
        if draft.origin is Origin.EXPLICIT
        or not any(start <= draft.line <= end for start, end in examples)
    ]


def field_line(line: str) -> bool:
    """True for a metadata field's line: `URL: https://...`, `Author: ...`, `rating:: 10`, or a
    Zettelkasten id alone (`202209072224`)."""
    if ":" not in line:
        return bool(_ZETTEL_ID_LINE.match(line))
    return bool(_FIELD.match(line) or _LINK_FIELD.match(line) or _DATAVIEW.match(line))


def _metadata(content: str) -> bool:
    """True when every line of a paragraph is a metadata field."""
    lines = [line for line in content.split("\n") if line.strip()]
    return bool(lines) and all(field_line(line) for line in lines)
