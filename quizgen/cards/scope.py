"""Where a fact sits in its note: the words a card needs to stand alone."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ..note import Heading, Note
from .blocks import Piece
from .inline import LinkText, default_link_text, markdown_of, schedule_free, without_notes
from .words import FUNCTION_WORDS, MARKERS, chatty, in_english, singular

__all__ = ["Scope", "generic"]

_WORD = re.compile(r"[a-z][a-z0-9-]+")
_COMMON_LEAST, _COMMON_SHARE = 4, 100  # a word this many times, and once per this many words
_GENERIC_WORDS = 2  # a heading this short (`Best for`, `Pros`) needs the one above it
_GENERIC_HEADING_WORDS = {"how", "why", "what", "when", "where", "which", "work", "works", "use"}
_GENERIC_HEADING_WORDS |= {"uses", "using", "usage", "case", "cases", "feature", "features", "key"}
_GENERIC_HEADING_WORDS |= {"benefit", "benefits", "limitation", "limitations", "pros", "cons"}
_GENERIC_HEADING_WORDS |= {"example", "examples", "tip", "tips", "important", "points", "setup"}
_GENERIC_HEADING_WORDS |= {"option", "options", "type", "types", "details", "choose", "need"}
_GENERIC_HEADING_WORDS |= {"mechanism", "action", "pharmacokinetics", "pharmacodynamics", "dosage"}
_GENERIC_HEADING_WORDS |= {"indications", "contraindications", "complications", "side", "effects"}
_GENERIC_HEADING_WORDS |= {"adverse", "symptoms", "causes", "risk", "factors", "overview"}
_HIDDEN = re.compile(r"\{\{c\d+::.*?\}\}")
_NUMBERING = re.compile(r"^(?:\d+[.)]|[IVX]+\.|[A-Za-z][.)])\s+")  # `2. `, `IV. `, `b) `
_STUDY_WORDS = re.compile(  # words a title uses for what kind of note it is, not its subject
    r"^(?:(?:an )?(?:introduction|intro|overview|guide|notes) (?:to|of|on) )"
    r"|\b(?:basics|fundamentals|introduction|intro|overview|essentials|notes|summary|explained)$",
    re.IGNORECASE,
)
# A heading that says what kind of text follows, not what it is about: left out of a card's path.
_ABOUT_THE_NOTE = re.compile(
    r"\bkey (?:insights|takeaways|points|concepts|terms|information|facts|ideas)\b|\btranscript\b"
    r"|^(?:summary|takeaways|notes|overview|introduction|key notes|main points|tl;?dr)$"
    r"|^(?:content|contents|details|description|my notes|body)$",
    re.IGNORECASE,
)
_TALK_TITLE = re.compile(  # a transcript, an example program's walk, a conclusion, the sources
    r"(?:(?:video|lecture|lesson|full) )?transcript(?:ion)?s?:?$"
    r"|(?:\d+\.\s*)?(?:conclusions?|in conclusion|final thoughts|closing thoughts|wrap[- ]?up):?$"
    r"|(?:sources?|references?|bibliography|citations?|further reading|see also|useful links|"
    r"external links|next topics?|what's next|up next)(?::.*)?$|next steps?(?::.*)?$"
    r"|(?:[\w-]+ ){0,2}analog(?:y|ies):?$"
    r"|(?:in )?(?:this|the|our) (?:program|example program|demo|code|output)\b",
    re.IGNORECASE,
)
# `**Catagram Application Example:**` over a list; `Example use cases:` lists facts.
_EXAMPLE_LEAD = re.compile(
    r"(?<!for )\b(?:example|scenario|demo|walkthrough)\b(?! (?:use|uses|use cases|applications)\b)",
    re.IGNORECASE,
)
_TITLE_PARTS = re.compile(r"\s+[-–—|]\s+|:\s+")  # `Course: Subject - Summary`
_COURSE_PART = re.compile(  # a part of a title that names the course, the exam or the kind of note
    r"\b[A-Z]{2,4}[- ]?C0\d\b|\b(?:learn ?cantrill|udemy|coursera|course|lecture|lesson|module|"
    r"tutorial|cheat ?sheet|study guide|part \d+|exam)\b|^(?:summary|overview|explained|notes)$",
    re.IGNORECASE,
)
_SUBJECT_WORDS = 8  # a text names its subject in its first words
_PRONOUNS = {"it", "its", "they", "this", "these", "those", "that", "he", "she", "we", "you"}
# A Zettelkasten id in front of a file name (`202301011200 Cold starts`): no part of the subject.
# A lecture's date after its title: `(2021-09-21)`, `(2021-11-11 & 2021-11-16)`, ` 2021-09-23`.
_DATE = r"\d{4}-\d{2}-\d{2}"
_DATED = re.compile(rf"\s*\(\s*{_DATE}(?:\s*[&,/]\s*{_DATE})*\s*\)\s*$|\s+{_DATE}\s*$")
_ZETTEL_ID = re.compile(r"^\d{8,14}[ _-]+(?=\S)")


@dataclass
class Scope:
    """A note seen from one of its lines: title, heading path and how links read."""

    note: Note
    link_text: LinkText = default_link_text
    terms: frozenset[str] = frozenset()  # the vault's key terms, lower-case (vocabulary.py)
    brands: frozenset[str] = frozenset()  # words in many of its note titles: `aws`
    quoted: dict[int, int] = field(default_factory=dict)  # heading line -> last line of its quote
    rules: list[int] = field(default_factory=list)  # lines of top-level `---` rules
    _paths: list[list[Heading]] = field(default_factory=list, repr=False)
    _starts: list[int] = field(default_factory=list, repr=False)
    _texts: dict[int, str] = field(default_factory=dict, repr=False)
    _contexts: dict[int, tuple[str, ...]] = field(default_factory=dict, repr=False)

    @cached_property
    def title(self) -> str:
        """The note's title as a card names it: without a Zettelkasten id in front, and the file
        name when the first H1 only heads a later part of the note (`## Diseases` on line 20,
        `# Molecular Koch's postulates` on line 38)."""
        title = self.note.title
        headings = self.note.headings
        if headings and headings[0].level != 1 and title == _first_h1(headings):
            title = self.note.name  # a section's H1 that the lines above it are not under
        title = MARKERS.sub("", _ZETTEL_ID.sub("", title)) or title
        title = _DATED.sub("", title) or title  # `High-Level Vision II (2021-09-16)`
        title = _without_course(title)
        if title == self.note.name and headings and _spells(title, headings[0].text):
            return _heading_text(headings[0].text)  # `create-and-manage-acls`: its heading's words
        if title == self.note.name and " " not in title:
            title = title.replace("_", " ")  # `iam_identity_center`: a file name, read as words
            if title.islower() and title.count("-") > 1:
                title = title.replace("-", " ")  # `managing-repositories-with-yum` too
        return title

    @cached_property
    def _one_h1(self) -> bool:
        """True when the note opens with its only H1, which names the whole note."""
        headings = self.note.headings
        tops = [heading for heading in headings if heading.level == 1]
        if len(tops) != 1 or headings[0] is not tops[0]:
            return False
        titled = "title" in self.note.front_matter  # else the loader named it by its file
        return titled or self.note.title == tops[0].text  # when the H1 came after a list

    @cached_property
    def english(self) -> bool:
        """True when the note is written in English, which the phrase rules read."""
        return in_english(self.note.source)

    @cached_property
    def common(self) -> frozenset[str]:
        """Words the note uses so often (`pod` in a note on pods) that hiding one asks nothing:
        at least four times, and once in a hundred words of a long note (singular forms)."""
        words = _WORD.findall(self.note.source.casefold())
        counts: Counter[str] = Counter()
        for word, count in Counter(words).items():
            counts[singular(word)] += count
        least = max(_COMMON_LEAST, len(words) // _COMMON_SHARE)
        return frozenset(
            word for word, count in counts.items() if count >= least and word not in FUNCTION_WORDS
        )

    @cached_property
    def name(self) -> str:
        """The note's file name as a card names it, without such an id."""
        return _ZETTEL_ID.sub("", self.note.name)

    def headings(self, line: int) -> list[Heading]:
        """The heading path above a line (the same as `Note.heading_above`, found by bisection).

        A heading inside a quote (a callout's `## Summary`) heads only the rest of that quote.
        """
        if not self._starts:
            self._index_headings()
        path = self._paths[bisect_right(self._starts, line) - 1]
        for start, end in self.quoted.items() if self.quoted else ():
            if start <= line <= end:
                heading = next(h for h in self.note.headings if h.line == start)
                path = [h for h in path if h.level < heading.level] + [heading]
        return path

    def _index_headings(self) -> None:
        """The heading path in force from each heading or `---` rule on ([] before the first)."""
        path: list[Heading] = []
        self._starts.append(0)
        self._paths.append([])
        events: list[tuple[int, Heading | None]] = [(line, None) for line in self.rules]
        events += [(h.line, h) for h in self.note.headings if h.line not in self.quoted]
        for line, heading in sorted(events, key=lambda event: event[0]):
            self._starts.append(line)
            if heading is None:  # `---`: what follows, up to the next heading, is not in the
                self._paths.append(path[:-1] if len(path) > 1 else path)  # innermost section
                continue
            path = [h for h in path if h.level < heading.level] + [heading]
            self._paths.append(path)

    def markdown(self, piece: Piece) -> str:
        """A paragraph's Markdown (schedule comments left out), made once per piece."""
        key = id(piece)
        if key not in self._texts:
            self._texts[key] = markdown_of(schedule_free(piece.children), self.link_text)
        return self._texts[key]

    def context(self, line: int) -> tuple[str, ...]:
        """Heading texts above a line, the note title first unless it is the H1."""
        if line not in self._contexts:
            self._contexts[line] = self._context(line)
        return self._contexts[line]

    def _context(self, line: int) -> tuple[str, ...]:
        """`context` worked out."""
        path = [_heading_text(h.text) for h in self.headings(line)]
        if path and self.headings(line)[0].level == 1:
            path[0] = _without_course(path[0])  # `CloudWatch - LearnCantrill.io AWS SA C03`
        if not path or self.headings(line)[0].level != 1 or not path[0] or not self._one_h1:
            path.insert(0, self.title)  # an H1 heading a part of the note, or an empty `# `
        path = path[:1] + [text for text in path[1:] if not _ABOUT_THE_NOTE.search(text)]
        if len(path) > 1 and path[1] == path[0]:
            del path[1]  # the file's name spelled its first heading, which is the title now
        return tuple(text for text in path if text) or (self.name,)

    def where(self, line: int, drop: str = "", parent: str = "") -> str:
        """`Title › Section` (› the parent list item) for a question; `drop` is left out."""
        context = self.context(line)
        parts = [context[0]] + ([context[-1]] if len(context) > 1 else [])
        if len(context) > 2 and generic(context[-1]):
            parts.insert(1, context[-2])  # `Partition placement group › Best for`, not `Best for`
        parent = _named_part(parent)
        parts += [parent] if parent and len(parent.split()) <= _PARENT_WORDS else []
        folded = drop.casefold().strip()
        kept = [part for part in dict.fromkeys(parts) if part.casefold() != folded]
        return " › ".join(kept)

    def talk_or_example(self, line: int, about: str = "") -> bool:
        """True under a `Transcript` heading or in a `> [!info] Transcription` callout, or
        under a line such as `In this program:` or `**Catagram Application Example:**` that a
        list item is `about`: a lesson's words as spoken or the walk through its example, no
        notes of facts."""
        if about and _EXAMPLE_LEAD.search(about):
            return True
        return _talk_title(about) or any(
            _talk_title(heading.text)
            for heading in self.headings(line)
            if not (heading.level == 1 and self._one_h1)  # `# References`: C++'s, a subject
        )

    def names(self, line: int) -> list[str]:
        """Words that name the subject here: title, aliases and the nearest heading."""
        names = [self.title, *self.note.aliases, self.name]
        names += [core for core in (_core(self.title),) if core and core != self.title]
        path = self.headings(line)
        if path:
            names.append(_NUMBERING.sub("", _heading_text(path[-1].text)))  # `2. Horizontal ...`
        return [name.casefold() for name in names if len(name) > 2 or name[:1].isupper()]

    def standalone(self, text: str, line: int, parent: str = "") -> str:
        """The text itself when it names the note's subject, else with `Title › Section:` first.

        A text that names only its section (`Point-in-time recovery ...` in a DynamoDB note)
        gets the title alone in front.
        """
        folded = _HIDDEN.sub(" ", text).casefold()  # a name inside a deletion is not shown
        parent = "" if parent.casefold() in folded else parent
        folded = _subject_part(folded)  # `... sends a message to SNS` is not about SNS
        titles = [self.title, *self.note.aliases, self.name]
        if not parent and any(_names(folded, title) for title in titles):
            return text
        if not parent and any(name in folded for name in self.names(line)):
            return f"{self.title}: {text}"
        return f"{self.where(line, parent=parent)}: {text}"


def _named_part(parent: str) -> str:
    """A long parent item by the name it opens with: `Fast Snapshot Restore (FSR) - feature
    created to immediately restore` -> `Fast Snapshot Restore (FSR)`."""
    if len(parent.split()) <= _PARENT_WORDS:
        return parent
    named = _NAME_ENDS.split(parent, maxsplit=1)[0]
    if len(named.split()) <= _PARENT_WORDS:
        return named
    subject = _SUBJECT_NAME.match(parent)  # `William Seward believed that ...`: who it is about
    return subject.group(1) if subject and subject.group(1).split()[0] not in _NOT_NAMES else ""


_PARENT_WORDS = 8  # a parent item longer than this is shown by its name, or not at all
_NAME_ENDS = re.compile(r"\s[-–—]\s|:\s")
_SUBJECT_NAME = re.compile(r"((?:[A-Z][\w.'-]*\s){0,3}[A-Z][\w'-]*)\s(?=[a-z])")
_NOT_NAMES = {"The", "This", "These", "That", "Those", "It", "A", "An", "In", "On", "If", "When"}


@lru_cache(maxsize=256)
def _without_course(title: str) -> str:
    """A title without the parts naming its course or exam: `Learn Cantrill.io AWS SA-C03:
    Elastic Compute Cloud (EC2)` -> `Elastic Compute Cloud (EC2)`, `SCPs - Summary` -> `SCPs`."""
    parts = _TITLE_PARTS.split(title)
    kept = [part for part in parts if not _COURSE_PART.search(part)]
    kept = [core for core in map(_core, kept) if core]  # `Elastic Compute Cloud (EC2) Overview`
    return " - ".join(kept) if kept and kept != parts else title


def _heading_text(text: str) -> str:
    """A heading as a card shows it: no emoji marker, footnote mark or closing colon, a long
    one (a paper's title) cut at its last `: `, ` (` or ` — ` that leaves it readable, and
    none for a long one written as sentences."""
    text = without_notes(MARKERS.sub("", text)).rstrip(":").strip()
    text = _DATED.sub("", text) or text  # `Discussion of Kanwisher et al. (2021-09-21)`
    if len(text) <= _LONG_HEADING:
        return text
    if _SENTENCE_HEADING.search(text) or len(text) > 2 * _LONG_HEADING:
        return (
            ""  # `## Oral contraceptive pills do not affect ... enzymes.`: a fact, no section name
        )
    cuts = [
        m.start()
        for m in _HEADING_CUT.finditer(text)
        if m.start() <= _LONG_HEADING
        and text.count("(", 0, m.start()) == text.count(")", 0, m.start())
    ]
    return text[: cuts[-1]].rstrip() if cuts and cuts[-1] >= _SHORT_HEADING else text


_LONG_HEADING = 60  # characters: a heading this long is shortened in a card's breadcrumb
_SENTENCE_HEADING = re.compile(r"\w[.!]$|\w[.!]\s+[A-Z]")  # a heading written as sentences
_SHORT_HEADING = 8  # characters the shortened heading keeps at least
_HEADING_CUT = re.compile(r": | \(| [—–-] ")


def _first_h1(headings: list[Heading]) -> str:
    """The text of the first H1 (what the note's title is taken from when it has none)."""
    return next((heading.text for heading in headings if heading.level == 1), "")


def generic(heading: str) -> bool:
    """`Best for`, `Pros`, `How it works`, `Why use it?`: a heading that needs the one above."""
    words = re.findall(r"[a-z]+", _NUMBERING.sub("", heading).casefold())
    return len(heading.split()) <= _GENERIC_WORDS or all(
        word in FUNCTION_WORDS or word in _GENERIC_HEADING_WORDS for word in words
    )


def _subject_part(folded: str) -> str:
    """The opening words of a text, where its subject stands; a pronoun there names nothing."""
    words = MARKERS.sub("", folded).split()
    if words and words[0].strip(",.:") in _PRONOUNS:
        return ""  # `It publishes to an SNS topic`: what publishes is said elsewhere
    return " ".join(words[:_SUBJECT_WORDS])


_STEM = 5  # first letters that make two words one for a file name: `permissions`, `permissive`
_SPELLED_SHARE = 0.6  # of a slug's words its heading must hold


@lru_cache(maxsize=4096)
def _spells(name: str, heading: str) -> bool:
    """True when a file name written as a slug (`create-and-manage-acls`) is made of the words
    of a heading (`Create and Manage Access Control Lists (ACLs)`): a name for the computer."""
    slug = [word for word in re.split(r"[-_]+", name.casefold()) if word]
    if " " in name or len(slug) < 2:
        return False
    stems = {word[:_STEM] for word in re.findall(r"[a-z0-9]+", heading.casefold())}
    found = [word for word in slug if word[:_STEM] in stems]  # `permissions` for `permissive`
    return len(found) >= _SPELLED_SHARE * len(slug) and slug[0][:_STEM] in stems


def _talk_title(title: str) -> bool:
    """`Transcript`, `In this program`: a title over a lesson's talk or an example's walk;
    `Why should we take this course?`: one over the course talking about itself."""
    said = MARKERS.sub("", title).strip()
    return bool(_TALK_TITLE.match(said)) or (said.endswith("?") and chatty(said))


@lru_cache(maxsize=4096)
def _core(title: str) -> str:
    """The subject of a title that says what kind of note it is: `VPC Basics` -> `VPC`,
    `Introduction to Pods` -> `Pods`."""
    return _STUDY_WORDS.sub("", title).strip(" -:,")


def _names(folded: str, title: str) -> bool:
    """True when a (case-folded) text contains a title of three letters or more."""
    title = title.casefold().strip()
    return len(title) > 2 and title in folded
