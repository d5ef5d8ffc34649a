"""Abbreviations a note spells out: `Border Gateway Protocol (BGP)` asks what BGP stands for.

The ways of writing one that are read: `Long Name (ABBR)`, `ABBR (Long Name)`, `Long Name or
ABBR` and `ABBR = Long Name` (either way round); `EC2` counts its C twice. The name counts only
when its words' initials spell the abbreviation (small words such as `as a` may count or not:
`Function as a Service (FaaS)`), so `EC2 (the instance)` asks nothing.
Each abbreviation is asked once per note, where it is first spelled out; one spelled out in a
link (`[[Key Management Service (KMS)]]`) is asked in the note it links to, not here.
A note or a section titled by an abbreviation (`OAI`, `## DMZ`) whose text spells it out with
no brackets (`Origin Access Identities are ...`, `- De-Militarized Zone`) asks it too, where the
spelling first comes.
"""

from __future__ import annotations

import re

from .blocks import Piece
from .draft import Draft
from .inline import markdown_of, schedule_free
from .model import CardType, Origin
from .scope import Scope

__all__ = ["abbreviation_cards", "heading_abbreviations", "title_spelled"]

_SHORT = r"[A-Z][A-Za-z0-9]{0,2}[A-Z][A-Za-z0-9]{0,4}"  # two capitals at least: BGP, FaaS
_NAME_WORD = r"[A-Z][\w'-]*"
# Small words a spelled-out name may hold: `Function as a Service`.
_SMALL_WORDS = ("of", "for", "as", "a", "an", "and", "the", "to", "in", "on")
_SMALL = f"(?:{'|'.join(_SMALL_WORDS)})"
# `Recovery point objective (RPO)`, `field programmable gate arrays (FPGAs)`: the name may be
# written in lower case; its words' initials must still spell the abbreviation.
_NAME = rf"[A-Za-z][\w'-]*(?:[ -](?:{_SMALL}[ -])*[A-Za-z][\w'-]*){{1,6}}"
_FORMS = (
    re.compile(rf"(?P<name>{_NAME}) \((?P<short>{_SHORT})s?\)"),  # Long Name (ABBR)
    re.compile(rf"\b(?P<short>{_SHORT})s? \((?P<name>{_NAME})\)"),  # ABBR (Long Name)
    re.compile(rf"(?P<name>{_NAME}),? or (?P<short>{_SHORT})\b"),  # Long Name or ABBR
    re.compile(rf"\b(?P<short>{_SHORT})s? ={{1,2}} (?P<name>{_NAME})"),  # ABBR = Long Name
    re.compile(rf"(?P<name>{_NAME}) ={{1,2}} (?P<short>{_SHORT})s?\b"),  # Long Name = ABBR
)
_HEADING_MARKS = re.compile(r"[*_`]|^\d+(?:\.\d+)*[.)]?\s+")  # `**DMZ**`, `2. DMZ`
_TITLE_SHORT = re.compile(rf"{_SHORT}s?")
_CAPITALISED = re.compile(rf"{_NAME_WORD}(?:[ -](?:{_SMALL}[ -])*{_NAME_WORD}){{1,6}}")
# A cheap first look: some abbreviation in brackets, before a bracket, or after `or`.
_MAYBE = re.compile(rf"\({_SHORT}s?\)|\b{_SHORT}s? \(| or {_SHORT}\b|{_SHORT}s? =| = {_SHORT}")
# `EC2`, `S3`: a digit after a letter counts that letter (Elastic Compute Cloud, Simple Storage
# Service).
_REPEATED = re.compile(r"([a-z])([23])$")


def abbreviation_cards(piece: Piece, scope: Scope, asked: set[str]) -> list[Draft]:
    """A card for each abbreviation the piece spells out that `asked` does not hold yet."""
    drafts: list[Draft] = []
    if piece.inline is None:
        return drafts
    found = []
    if _MAYBE.search(piece.inline.content):
        found = spelled_out(markdown_of(schedule_free(piece.children), _hidden_link))
    headings = scope.headings(piece.line)
    named = [scope.title] + ([_HEADING_MARKS.sub("", headings[-1].text)] if headings else [])
    for title in dict.fromkeys(named):  # `# DMZ` then `- De-Militarized Zone`
        if title.casefold() not in asked and _TITLE_SHORT.fullmatch(title):
            found += [(title, name) for name in title_spelled(title, piece.inline.content)[:1]]
    for short, name in found:
        if short.casefold() in asked:
            continue
        asked.add(short.casefold())
        where = scope.where(piece.line, drop=short, parent=piece.parent)
        if name.casefold() in where.casefold():
            continue  # `OSPF › BDR (Backup Designated Router)`: the heading spells it out
        question = f"What does **{short}** stand for?"
        front = f"{where} › {question}" if where else question
        drafts.append(
            Draft(Origin.STATEMENT, CardType.BASIC, f"stands for {short}", piece.line, front, name)
        )
    return drafts


def heading_abbreviations(piece: Piece, scope: Scope, asked: set[str]) -> list[Draft]:
    """`## Classless Interdomain Routing (CIDR)`: a heading that spells an abbreviation out asks
    it too, the headings that would give it away left out of its front and context. A title
    that spells one out asks nothing: every card of the note shows it."""
    drafts: list[Draft] = []
    if piece.inline is None or piece.kind != "heading":
        return drafts
    for short, name in spelled_out(_HEADING_MARKS.sub("", piece.inline.content)):
        folded = name.casefold()
        if short.casefold() in asked or folded in scope.title.casefold():
            continue
        asked.add(short.casefold())
        shown = tuple(part for part in scope.context(piece.line) if folded not in part.casefold())
        where = [part for part in scope.where(piece.line, drop=short).split(" › ") if part]
        question = f"What does **{short}** stand for?"
        front = " › ".join([*(part for part in where if folded not in part.casefold()), question])
        key = f"stands for {short}"
        drafts.append(
            Draft(Origin.STATEMENT, CardType.BASIC, key, piece.line, front, name, context=shown)
        )
    return drafts


def spelled_out(text: str) -> list[tuple[str, str]]:
    """(abbreviation, name) for each abbreviation `text` spells out, in order."""
    found = []
    plain = re.sub(r"[*_`]", "", text)
    for form in _FORMS:
        for match in form.finditer(plain):
            name = _spelling(match.group("short"), match.group("name"))
            if name:
                found.append((match.start(), match.group("short"), name))
    return [(short, name) for _, short, name in sorted(found)]


def title_spelled(title: str, text: str) -> list[str]:
    """Runs of capitalised words in `text` whose initials spell the `title` (`OAI` in `Origin
    Access Identities are ...`)."""
    plain = re.sub(r"[*_`]", "", text)
    names = (_spelling(title, match.group()) for match in _CAPITALISED.finditer(plain))
    return [name for name in names if name and " " in name]


def _spelling(short: str, name: str) -> str | None:
    """The end of `name` whose initials spell `short`, or None."""
    words = name.split(" ")
    letters = short.rstrip("s").casefold() if short[-1] == "s" and short[-2].isupper() else ""
    letters = letters or short.casefold()
    letters = _REPEATED.sub(lambda match: match.group(1) * int(match.group(2)), letters)
    tails = [words[start:] for start in range(len(words))]
    # shortest first: `S3 {{Server-Side Encryption}} (SSE)`, when both spell it
    tails = [tail for tail in reversed(tails) if tail[0].casefold() not in _SMALL_WORDS]
    spelled = next((tail for tail in tails if letters in _initials(tail)), None)
    # `Web ACL Capacity Units (WCU)`: an acronym inside the name may give no letter
    spelled = spelled or next((tail for tail in tails if letters == _without_acronyms(tail)), None)
    return " ".join(spelled) if spelled else None


def _initials(words: list[str]) -> set[str]:
    """The ways the initials of `words` read: with and without small words and hyphen parts."""
    parts = [part for word in words for part in word.split("-") if part]
    every = "".join(part[0] for part in parts).casefold()
    capitals = "".join(part[0] for part in parts if part.casefold() not in _SMALL_WORDS).casefold()
    whole_words = "".join(word[0] for word in words if word.casefold() not in _SMALL_WORDS)
    return {every, capitals, whole_words.casefold()}


def _without_acronyms(words: list[str]) -> str:
    """The initials of the words that are not acronyms: `Web ACL Capacity Units` -> `wcu`."""
    return "".join(word[0] for word in words if not word.isupper()).casefold()


def _hidden_link(meta: dict) -> str:
    """A wiki-link's text left out: what it spells out is asked in the note it links to."""
    return "\u2026"
