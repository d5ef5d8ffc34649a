"""A section named after a term, opened by what the term is: `# War Driving` then `- Act of
searching for wireless networks by driving around` asks `What is **War Driving**?`.

Many vaults file one term a heading and define it in the section's first point, without ever
writing the term again. A cloze of that point hides some phrase of it; the question a tutor
asks is what the heading's term is.
"""

from __future__ import annotations

import re

from .blocks import Piece
from .draft import Draft, finished, sentences
from .explicit import normalise
from .inline import line_pieces, markdown_of, without_notes
from .leads import generic_question
from .model import CardType, Origin
from .scope import Scope
from .speech import base_form, only_verb, only_verb_form, third_person_of
from .words import (
    LABELS,
    MARKERS,
    PARTICIPLES,
    VERBS,
    acts_as_verb,
    ranks,
    weighs_two,
)

__all__ = ["defines", "reads_as_definition", "section_definitions"]

_TERM_WORDS = 6  # a heading longer than this is a sentence, not a term
_ANSWER_WORDS = (4, 30)  # a definition this long: not a label, not a paragraph
# Headings over what a section says of the term named above them: `# IV Attack` › `## About`.
_ABOUT_HEADINGS = {"about", "overview", "definition", "description", "summary", "introduction"}
_ABOUT_HEADINGS |= {
    "fundamentals",
    "basics",
    "intro",
    "essentials",
    "concepts",
    "background",
    "recap",
}
_ABOUT_HEADINGS |= {"what is it", "basics", "general", "intro"}
# Headings over one side of a subject (`Pricing`, `Prevention`): no term of their own.
_ASPECTS = {"objectives", "notes", "pricing", "cost", "costs", "prevention", "mitigation"}
_ASPECTS |= {"mitigations", "detection", "security", "performance", "limits", "history", "setup"}
_ASPECTS |= {"mechanism", "pharmacokinetics", "pharmacodynamics", "dosage", "dosing", "dose"}
_ASPECTS |= {"content", "contents", "details", "body"}
_ASPECTS |= {
    "properties",
    "operation",
    "operations",
    "characteristics",
}  # `## Properties`  # `## Content`: where the note's text is
_SORTING_WORDS = {"other", "key", "main", "general", "additional", "more", "common", "important"}
_QUESTION_WORDS = {"how", "why", "what", "when", "where", "which", "who", "if", "with", "without"}
_QUESTION_WORDS |= {"in", "on", "for", "from", "to", "by", "at", "after", "before", "during"}
# `Forms of Code Analysis`, `Types of Attacks`: a heading over kinds, each defined on its own.
_KINDS_OF = re.compile(
    r"^(?:\w+\s+)?(?:types|forms|kinds|examples|categories|classes)\s+of\b", re.I
)
# `Act of searching ...`, `Attack that exploits ...`, `The ability to log in once ...`,
# `Encrypted signatures used when ...`: a noun phrase and what sets it apart.
_NOUN_PHRASE = re.compile(
    r"^(?:(?:an?|the)\s+)?(?P<head>(?:[\w'/()-]+\s+){0,3}?[\w'/()-]+)\s+"
    r"(?:that|which|who|whose|where|of|to|for|used|in\s+which|when|by\s+which)\b",
    re.IGNORECASE,
)
# `Occurs when an attacker ...`, `Refers to ...`, `Is a type of ...`: the term left out in front.
_SUBJECTLESS = re.compile(r"^(?:occurs|happens|refers\s+to|is\s+(?:a|an|the|when))\b", re.I)
_OPENERS = {"because", "if", "when", "although", "since", "while", "after", "before", "during"}
_OPENERS |= {"under", "unlike", "despite", "as", "once", "unless", "until", "with", "without"}
_LABELLED = re.compile(r"^\*\*[^*]{1,40}\*\*\s?:|^\*\*[^*]{1,40}:\*\*")  # `**Label**: ...`
_ABBREVIATED = re.compile(r"\([A-Z][A-Za-z0-9]{1,7}\)")  # `(KMS)` after a name: a term's name
_HEADING_MARKS = re.compile(r"[*_`=]|^\d+(?:\.\d+)*[.)]?\s+")


def section_definitions(pieces: list[Piece], scope: Scope) -> list[tuple[Draft, str]]:
    """`What is **Term**?` for each section whose heading names a term its first point defines,
    each with the key of the sentence it asks (whose own cloze it replaces)."""
    found = []
    for index, piece in enumerate(pieces):
        if piece.kind != "heading":
            continue
        at = _next_text(pieces, index + 1)
        first = pieces[at] if at < len(pieces) else None
        if first is None or first.kind != "paragraph" or first.depth > 1 or first.inline is None:
            continue
        term, named_at = _term(scope, first.line)
        said = " ".join(finished(sentences(_first_line(first, scope))))  # not `Adds in...`
        said = said if _short(said) else sentences(said)[0]  # a long paragraph: its first
        if _LABELLED.match(said):
            continue  # `**Reclaim Policy**: The reclaim policy ...`: a point about its label
        heading = _plain(piece.inline.content if piece.inline else "")
        after = _next_text(pieces, at + 1)
        asked = _aspect_question(heading, first, pieces[after] if after < len(pieces) else None)
        if asked and _ANSWER_WORDS[0] <= len(said.split()) <= _ANSWER_WORDS[1]:
            above = scope.headings(piece.line)[:-1]  # what the aspect is of: the heading above
            where = scope.where(above[-1].line) if above else scope.title
            term, front = heading, f"{where}: {asked}"
        elif term and defines(said, term):
            where = scope.where(named_at, drop=term)
            front = f"{where} › What is **{term}**?" if where else f"What is **{term}**?"
        elif term and _does(said, term):  # `#### Deterrent` then `- Discourage an intrusion`
            where = scope.where(named_at, drop=term)
            front = f"{where} › What does **{term}** do?" if where else f"What does **{term}** do?"
        else:
            continue
        draft = Draft(Origin.DEFINITION, CardType.BASIC, normalise(term), first.line, front, said)
        found += [(draft, normalise(MARKERS.sub("", part))) for part in sentences(said)]
    return found


def _first_line(first: Piece, scope: Scope) -> str:
    """A paragraph's text, or its first line when each line says a point of its own
    (`Useful for maintaining airway patency` / `Sizing: corner of mouth to ...`)."""
    lines = [markdown_of(line, scope.link_text).strip() for line in line_pieces(first.children)]
    lines = [line for line in lines if line]
    if len(lines) > 1 and lines[1][:1].isupper():  # not a sentence wrapped onto the next line
        return lines[0]
    return scope.markdown(first).strip()


def _next_text(pieces: list[Piece], start: int) -> int:
    """Where the first paragraph, heading or table from `start` on is (`len(pieces)`: none)."""
    return next((i for i in range(start, len(pieces)) if pieces[i].kind != "other"), len(pieces))


def _aspect_question(heading: str, first: Piece, following: Piece | None) -> str:
    """`## Mechanism of Action` over one paragraph: `What is the mechanism of action?`, asked
    of what the note is about ('' for any other heading, or a section of more points)."""
    asked = generic_question(heading)
    if not asked or first.depth or "\n" in (first.inline.content if first.inline else ""):
        return ""  # a list under it, or lines of points, are asked by the list rules
    return asked if following is None or following.kind == "heading" else ""


def _term(scope: Scope, line: int) -> tuple[str, int]:
    """The term the section a line opens is named after ('' when its heading is no term), and
    the line of the heading that names it."""
    headings = scope.headings(line)
    if not headings:
        return "", 0
    at = len(headings) - 1
    if _plain(headings[at].text).casefold() in _ABOUT_HEADINGS and at > 0:
        at -= 1  # `# IV Attack` › `## About`
    heading, text = headings[at], _plain(headings[at].text)
    if at > 0 and _sorts_by_aspect(_plain(headings[at - 1].text)):
        return "", 0  # `# Pharmacodynamics` › `## Cardiovascular`: a side of it, no term
    return (text, heading.line) if _names_term(text) else ("", 0)


def _sorts_by_aspect(text: str) -> bool:
    """`Pharmacodynamics`, `Side effects`: a heading whose sections are sides of its subject."""
    return any(word in _ASPECTS for word in text.casefold().split()) or bool(generic_question(text))


def _plain(heading: str) -> str:
    """A heading's words without emphasis or numbering: `**2. Horizontal Scaling**`."""
    return without_notes(_HEADING_MARKS.sub("", heading)).strip(" :")


def _names_term(text: str) -> bool:
    """True for a heading that is a term's name, not a sentence, a part or a kind of parts."""
    words = text.split()
    if not 1 <= len(words) <= _TERM_WORDS or text.endswith("?"):
        return False
    if words[0].casefold() in _QUESTION_WORDS:
        return False  # `How attackers pick a target`, `With a Bucket Key`: no name
    if ", " in text:
        return False  # `Gentamicin, tobramycin, amikacin`: several things, no one term
    if words[0].casefold() in _SORTING_WORDS and not _ABBREVIATED.search(text):
        return False  # `Other Indications`, `Key Behaviors`; not `Key management system (KMS)`
    if weighs_two(text):
        return False  # `Signed URLs vs. Signed Cookies`: two things weighed, no one term
    folded = text.casefold()
    if any(word in _ABOUT_HEADINGS | _ASPECTS for word in folded.split()) or folded in LABELS:
        return False  # `Storage Overview`, `Notes`: what part of the note, not which term
    if _KINDS_OF.match(text) or generic_question(text):
        return False  # `Types of attacks`, `Benefits`: asked by the leads and labels rules
    return not any(word.casefold() in VERBS for word in words[1:])  # `How routers pick a path`


def _short(said: str) -> bool:
    """True for text short enough to be a definition's answer whole."""
    return len(said.split()) <= _ANSWER_WORDS[1]


def _does(said: str, term: str) -> bool:
    """True when a point says what the term does, its verb first: `Discourage an intrusion
    attempt`, `Identify and log an intrusion attempt` (a verb English has as nothing else)."""
    words = said.split()
    if not _ANSWER_WORDS[0] <= len(words) <= _ANSWER_WORDS[1]:
        return False
    if term.casefold() in said.casefold() or said.endswith(":"):
        return False
    return _verb_first(words)


def _verb_first(words: list[str]) -> bool:
    """`Discourage an intrusion attempt`, `Helps the inner structure of a cell`: a point opening
    with a verb, in the dictionary form (a verb English has as nothing else) or told of its
    subject (`Helps`, `Separates`) with an article or a noun after it."""
    first = words[0].strip("*_")
    verb = first.casefold()
    if not first[:1].isupper() or verb in PARTICIPLES or verb in _SAYS_WHAT_IT_IS:
        return False  # `Occurs in the cytosol`, `Consists of two wires`: what it is
    if only_verb_form(verb) and base_form(verb):
        return True
    after = words[1].casefold() if len(words) > 1 else ""
    told = verb.endswith("s") and third_person_of(verb)
    return told and (only_verb(verb) or after in _DETERMINERS)


_SAYS_WHAT_IT_IS = {"occurs", "happens", "refers", "consists", "means", "is", "are", "includes"}
_DETERMINERS = {"the", "a", "an", "its", "their", "all", "each", "every", "any", "many"}


def defines(said: str, term: str) -> bool:
    """True when a point reads as what the term is, without naming the term itself."""
    if not _ANSWER_WORDS[0] <= len(said.split()) <= _ANSWER_WORDS[1]:
        return False
    if term.casefold() in said.casefold() or said.startswith(("[", "!")) or said.endswith(":"):
        return False
    return reads_as_definition(said) and not _verb_first(said.split())


def reads_as_definition(said: str) -> bool:
    """`Act of searching ...`, `A server that hosts zone files`, `Occurs when ...`: a noun
    phrase and what sets it apart, or a definition with its term left out; not a sentence."""
    if _SUBJECTLESS.match(said):
        return True
    match = _NOUN_PHRASE.match(said)
    if not match:
        return False
    head = match.group("head").split()
    if ranks(said):
        return False  # `the major concern for CKD patients ...`: a ranking, no definition
    if head[0].casefold() in _OPENERS:
        return False  # `Because of spreading disease, ...`: a clause opens, no noun phrase
    if only_verb(head[0].casefold()):
        return False  # `Detects a variety of pathogens`: what it does, no noun phrase
    if len(head) > 1 and head[-1].islower() and acts_as_verb(head[-1]):
        return False  # `the caller waits for the response`: a sentence
    return not any(word.casefold() in VERBS for word in head[1:])
