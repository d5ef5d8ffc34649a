"""Notes into card files: walk each note's pieces, apply the rules, give cards stable ids."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ftfy import fix_encoding
from markdown_it.token import Token

from ..diagnostics import Diagnostic, Severity
from ..memory import collector_paused
from ..note import Note, WikiLink
from .abbreviations import abbreviation_cards, heading_abbreviations
from .answer_keys import answer_key_cards
from .auto import (
    definition_cards,
    opening_card,
    quantity_cards,
    question_cards,
    states_quantity,
    topic_of,
)
from .blocks import Piece, pieces_of
from .choices import practice_questions
from .commands import command_card
from .dedupe import one_card_a_fact
from .draft import Draft, sentences
from .explicit import explicit_cards
from .groups import list_cards
from .inline import LinkText
from .keyed import keyed_number_cards
from .model import Card, CardFile, Origin
from .points import point_by_point
from .prose import asking_cloze, statement_cards, statements_of
from .render import CLOZE
from .scope import Scope
from .sections import section_definitions
from .settings import CardSettings, settings_of
from .study import study_drafts, study_pieces
from .tables import table_cards
from .vocabulary import vault_brands, vault_terms
from .words import FUNCTION_WORDS, cut_off

if TYPE_CHECKING:
    from ..vault import Vault

__all__ = [
    "RULES_VERSION",
    "Extraction",
    "card_path",
    "extract_note",
    "extract_vault",
    "fingerprint",
    "source_hash",
]

# TeX the site shows with MathJax: a `$$` block, `$...$` holding a command (`$\times$`) or a
# short run with no space (`$+10$`) or a run with a subscript, power, brace or `=` (`$P = {P_1,
# ..., P_n}$`); a price (`$5 a month`) is no formula. A TeX command with no
# `$` at all (`x \sim y \implies ...`) is a line of a `$$` block that blank lines cut apart.
_MATH = re.compile(
    r"\$\$|\$(?=[^$\s])[^$]*\\[a-zA-Z][^$]*\$|\$[^$\s]{1,20}\$"
    r"|\$(?=[^$\s\d])[^$\n]*[_^{}=][^$\n]*(?<=\S)\$(?!\d)"
    r"|\$\d[^$\n]*\^[^$\n]*(?<=\S)\$(?!\d)"  # `$2^8-2 = 256$`: a power, no price
    r"|\$[A-Za-z][^$\n]{0,40}(?<=\S)\$(?!\d)"  # `$R / 2$`, `$L$`: a formula's letters
    r"|\\(?:begin|end|frac|text|math[a-z]+|in|notin|implies|iff|sim|cdot|forall|exists|sum|int|"
    r"leq|geq|neq|subset|subseteq|cup|cap|to|mapsto|times|infty|quad|left|right|alpha|beta|"
    r"gamma|delta|lambda|mu|sigma|pi|theta|epsilon|varnothing)\b"
)
_DOLLAR_MATH = re.compile(r"\$\$.*?\$\$|\$[^$]+\$", re.DOTALL)
_TEX_COMMAND = re.compile(
    r"\\(?:frac|text|quad|qquad|leq|geq|neq|sum|prod|int|infty|sqrt|bar|hat|mu|sigma|alpha|beta"
    r"|lambda|theta|cdot|times|to|left|right|begin|end|mathbb|mathrm|forall|exists|in)\b"
)
_SYMBOL_ONLY = re.compile(r"\{\{c\d+::\$[^$]{1,3}\$\}\}")  # a hidden letter of a formula
_GOES_INTO = {"over", "into", "onto", "via", "per", "from", "with", "using", "like", "as"}
_SENTENCE_LABEL = 7  # words: an item this long over a nested list states a fact of its own
_SAME_START = 60  # characters of a sentence that tell it is the same one
_INSIDE_MATH = re.compile(r"\$[^$]*\{\{c\d+::[^$]*\$|\$[^$]*\}\}[^$]*\$")
_RULE_MODULES: tuple[str, ...] = ("auto", "blocks", "draft", "explicit", "extract", "groups")
_RULE_MODULES += ("inline", "model", "quantity", "scope", "tables", "files", "separators")
_RULE_MODULES += ("settings", "study", "choices", "lint")  # the lint decides what is written
_RULE_MODULES += ("prose", "words", "phrases", "vocabulary", "dedupe", "sentence", "enumerations")
_RULE_MODULES += ("asides", "abbreviations", "render", "marks", "leads", "keyed", "negations")
_RULE_MODULES += ("commands", "answer_keys")
_RULE_MODULES += (
    "sections",
    "points",
    "speech",
    "../loader",
    "../conflicts",
    "../syntax",
)  # titles, the parsed Markdown


def _rules_version() -> str:
    """Fingerprint of the extraction code: a new quizgen re-extracts every note once."""
    digest = hashlib.sha256()
    for name in _RULE_MODULES:
        digest.update((Path(__file__).parent / f"{name}.py").read_bytes())
    return digest.hexdigest()[:12]


RULES_VERSION = _rules_version()


@dataclass
class Extraction:
    """Card files by path (`aws-certs/sqs.yml`) and the problems met while extracting."""

    files: dict[str, CardFile] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def extract_vault(vault: Vault) -> Extraction:
    """The cards of every note of a vault."""
    found = Extraction()
    with collector_paused():
        for path in sorted(vault.notes):
            try:
                card_file, problems = extract_note(vault.notes[path], vault)
            except Exception as error:  # a bug in a rule costs one note's cards, not the run
                found.diagnostics.append(rules_failed(path, error))
                continue
            found.files[card_path(path)] = card_file
            found.diagnostics += problems
    found.diagnostics.sort()
    return found


def rules_failed(path: str, error: Exception) -> Diagnostic:
    """The problem reported when the card rules fail on a note (a bug in quizgen, not the note)."""
    message = (
        f"quizgen could not make cards from this note ({type(error).__name__}: {error}); "
        "this is a bug in quizgen, please report it. Its card file is left as it was"
    )
    return Diagnostic(path, 0, "card-rules-failed", message, Severity.ERROR)


def extract_note(note: Note, vault: Vault | None = None) -> tuple[CardFile, list[Diagnostic]]:
    """The card file of one note, with the problems its explicit cards have."""
    scope = Scope(note, _link_text(note, vault))
    if vault is not None:
        scope.terms, scope.brands = vault_terms(vault), vault_brands(vault)
    settings = settings_of(vault)
    syntax = settings if settings.reads(note) else None
    pieces = [] if settings.is_template(note) else pieces_of(note.tokens)
    scope.quoted = {piece.line: piece.until for piece in pieces if piece.until}
    scope.rules = _section_rules(note.tokens)
    practice, pieces = practice_questions(pieces, scope.link_text, syntax, note.tokens)
    keyed, pieces = answer_key_cards(pieces, scope)  # `1. Why ...?` answered by `> 1. ...`
    practice += keyed
    drafts, problems = _drafts(study_pieces(note, pieces), scope, syntax)
    # Practice questions are asked under an `Exercises` heading too: they are the self-test
    drafts = study_drafts(note, drafts) + study_drafts(note, practice, exercises=True)
    card_file = CardFile(
        cards=tuple(_cards(note, scope, drafts)),
        note=note.path,
        title=note.title,
        deck=deck_of(note),
        page=page_of(note.path),
        tags=tuple(note.tags),
        source_hash=source_hash(note, vault),
    )
    diagnostics = [
        Diagnostic(note.path, line, code, message, Severity.WARNING)
        for line, code, message in problems
    ]
    return card_file, diagnostics


def card_path(note_path: str) -> str:
    """Where a note's cards go: the same path with `.yml` for `.md`."""
    return re.sub(r"\.md$", "", note_path, flags=re.IGNORECASE) + ".yml"


def deck_of(note: Note) -> str:
    """Front-matter `deck:` (`a::b` or `a/b`), else the note's folders joined with `::`."""
    given = note.front_matter.get("deck")
    raw = str(given) if given not in (None, "") else note.folder
    parts = [part.strip() for part in re.split(r"::|/", raw)]
    return "::".join(part for part in parts if part)


def page_of(note_path: str) -> str:
    """The note's site address with directory URLs: `a/b.md` → `a/b/`, `a/index.md` → `a/`."""
    stem = re.sub(r"\.md$", "", note_path, flags=re.IGNORECASE)
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def source_hash(note: Note, vault: Vault | None = None) -> str:
    """Fingerprint of everything a note's cards come from: rules, source and linked titles."""
    settings = settings_of(vault).key
    digest = hashlib.sha256(f"{RULES_VERSION}\0{settings}\0{note.path}\0{note.source}".encode())
    for title in _linked_titles(note, vault):
        digest.update(f"\0{title}".encode())
    return digest.hexdigest()[:16]


def fingerprint(card: Card) -> str:
    """Short hash of a card's sides: equal to `card.fact` while nobody has edited it."""
    return _fingerprint(card.type.value, card.front, card.back, card.text)


def _fingerprint(*sides: str) -> str:
    """Short hash of a card's type and sides."""
    return hashlib.sha256("\0".join(sides).encode()).hexdigest()[:12]


def _drafts(
    pieces: list[Piece], scope: Scope, syntax: CardSettings | None
) -> tuple[list[Draft], list[tuple[int, str, str]]]:
    """Apply the rules to each piece, then make list cards from lists nothing else used."""
    drafts: list[Draft] = []
    problems: list[tuple[int, str, str]] = []
    carded: set[int] = set()  # list items that made a card or answer one
    answering: set[int] = set()  # list items that are the answer of a question above
    numbered: set[int] = set()  # list items with any card, a number's cloze included
    skip_to = 0
    spelled: set[str] = set()  # abbreviations already asked
    for index, piece in enumerate(pieces):
        if piece.kind == "heading":
            drafts += heading_abbreviations(piece, scope, spelled)
        if piece.kind == "paragraph":
            spelled_here = abbreviation_cards(piece, scope, spelled)
            drafts += spelled_here
            if piece.item and _only_spelled(scope.markdown(piece), spelled_here):
                carded.add(piece.item)  # `- Single loss expectancy (SLE)`: asked already
                numbered.add(piece.item)
        if index < skip_to:
            carded.add(piece.item)  # the answer of a question above
            answering.add(piece.item)
            continue
        following = pieces[index + 1 : index + 60]
        found, found_problems, used = _piece_drafts(piece, following, scope, syntax)
        if piece.about:  # a cloze you wrote shows what its item is about, as quizgen's do
            found = [_about(draft, piece.about) for draft in found]
        drafts += found
        problems += found_problems
        skip_to = index + 1 + used
        if piece.item and any(draft.origin is not Origin.QUANTITY for draft in found):
            carded.add(piece.item)  # a number's cloze does not replace a card of the whole list
        if piece.item and found:
            numbered.add(piece.item)
    opening = opening_card(pieces, scope, drafts)
    if opening is not None:  # the note's opening point asked as what the note is about
        drafts = [d for d in drafts if d.line != opening.line or d.origin is not Origin.STATEMENT]
        drafts.append(opening)
    drafts = _with_section_definitions(drafts, section_definitions(pieces, scope))
    asking = [asking_cloze(draft, scope) for draft in drafts]
    drafts = [draft for draft in asking if draft is not None]
    lists = list_cards(pieces, scope, carded, numbered, answering)
    found = [d for d in drafts + lists if not _ADDRESS_ONLY.fullmatch(d.back.strip(" *_"))]
    found = [draft for draft in found if not _tex_outside_dollars(draft)]
    return [card for draft in one_card_a_fact(found) for card in point_by_point(draft)], problems


def _only_spelled(said: str, spelled: list[Draft]) -> bool:
    """True when a list item says no more than the name it spells out: `Single loss expectancy
    (SLE)`, whose abbreviation card asks all of it."""
    if said.rstrip("*_ ").endswith(":"):
        return False  # `- MIB (Management Information Base):` labels the points below it
    return any(len(said.split()) <= len(draft.back.split()) + 1 for draft in spelled)


def _section_rules(tokens: list[Token]) -> list[int]:
    """Lines of the top-level `---` rules that close a section's text; one right under its
    heading (`## About` then `---`) only underlines the heading."""
    return [
        token.map[0] + 1
        for index, token in enumerate(tokens)
        if token.type == "hr"
        and token.map
        and not token.level
        and not (index and tokens[index - 1].type == "heading_close")
    ]


def _with_section_definitions(drafts: list[Draft], defined: list[tuple[Draft, str]]) -> list[Draft]:
    """`What is **War Driving**?` replaces the cloze of the sentence that defines it; a point
    that already has a card of its own (a term, a list) keeps that card."""
    owned = {d.line for d in drafts if d.origin not in (Origin.STATEMENT, Origin.QUANTITY)}
    defined = [(draft, key) for draft, key in defined if draft.line not in owned]
    asked = {(draft.line, key) for draft, key in defined}
    kept = [d for d in drafts if not (d.origin is Origin.STATEMENT and (d.line, d.key) in asked)]
    return kept + [draft for draft, _ in defined]


# An answer that is only a web address (`https://youtube.com/...`, a link to one): where to read,
# not what to recall.
_ADDRESS_ONLY = re.compile(r"`?<?https?://\S+?>?`?|\[[^\]]*\]\(https?://[^)]*\)")


def _piece_drafts(
    piece: Piece, following: list[Piece], scope: Scope, syntax: CardSettings | None
) -> tuple[list[Draft], list[tuple[int, str, str]], int]:
    """Cards of one piece: explicit syntax first, then the automatic rules; pieces it used."""
    if piece.kind == "table":
        return table_cards(piece, scope), [], 0
    if piece.kind == "heading":
        found, used = question_cards(piece, following, scope)
        return found, [], used
    if piece.kind != "paragraph":
        return [], [], 0
    explicit = explicit_cards(piece, following, scope.link_text, syntax)
    if explicit.whole or scope.talk_or_example(
        piece.line, piece.about
    ):  # a transcript says facts as talk
        return explicit.drafts, explicit.problems, explicit.used
    found, used = question_cards(piece, following, scope)
    if found:
        return explicit.drafts + found, explicit.problems, used
    command = command_card(piece, following, scope)
    if command is not None:  # `To verify the permission:` over `kubectl auth can-i ...`
        return explicit.drafts + [command], explicit.problems, 0
    if explicit.drafts and not explicit.cloze:
        return explicit.drafts, explicit.problems, 0  # the card you wrote is the fact's card
    drafts = _automatic(piece, following, scope)
    if explicit.drafts:  # `==highlights==` in some sentences of a long paragraph: the rest
        shown = [_plain(said) for card in explicit.drafts for said in sentences(card.text)]
        drafts = explicit.drafts + [d for d in drafts if not _highlighted(d, shown)]
    return drafts, explicit.problems, 0


def _automatic(piece: Piece, following: list[Piece], scope: Scope) -> list[Draft]:
    """The automatic rules' cards of a paragraph: numbers, definitions and statements."""
    keyed = keyed_number_cards(piece, scope)
    if keyed:
        return keyed  # `SSH: {{22}}`: the number is the fact
    defined = definition_cards(piece, following, scope)
    drafts = defined + quantity_cards(piece, scope)
    if not _label(piece, following, scope):
        drafts += _statements(piece, scope, defined)
    if piece.inline is not None and _MATH.search(piece.inline.content):
        # a part hidden inside a formula would break its TeX (`$P = {{c1::{P_1}}, ...}$`); a
        # line of a `$$` block, TeX with no `$` around it, asks nothing
        bare_tex = _MATH.search(_DOLLAR_MATH.sub("", piece.inline.content))
        drafts = [] if bare_tex else [d for d in drafts if not _INSIDE_MATH.search(d.text)]
        drafts = [d for d in drafts if not _SYMBOL_ONLY.search(d.text)]  # `{{$N$}} is the ...`
    return drafts


def _highlighted(draft: Draft, shown: list[str]) -> bool:
    """True when a card asks a sentence one of the clozes you wrote shows already (`shown`:
    their sentences, plain)."""
    said = _plain(" ".join((draft.text, draft.front, draft.back)))
    return any(sentence[:_SAME_START] in said for sentence in shown if sentence)


def _plain(text: str) -> str:
    """Text without cloze, highlight or bold marks, in lower case, for comparing sentences."""
    text = CLOZE.sub(lambda match: match.group(2), text)
    return " ".join(text.replace("==", "").replace("**", "").casefold().split())


def _tex_outside_dollars(draft: Draft) -> bool:
    """True for a card showing TeX with no `$` around it: `\\quad \\text{or} ...`, a line of a
    `$$` block its paragraph took in, which no card can render or ask."""
    sides = (draft.front, draft.back, draft.text)
    return any(_TEX_COMMAND.search(_DOLLAR_MATH.sub("", side)) for side in sides)


def _about(draft: Draft, about: str) -> Draft:
    """A cloze you wrote, told what the list item it sits in is about."""
    return replace(draft, about=about) if draft.origin is Origin.EXPLICIT else draft


def _label(piece: Piece, following: list[Piece], scope: Scope) -> bool:
    """`- Tenancy of instance after launch` over a nested list, `Window 10 ssh connect` over a
    list: the words its items continue or are filed under, no statement of their own (a full
    sentence, ending in `.`, still is one)."""
    if not piece.depth and following and following[0].depth == 1 and following[0].first:
        said = scope.markdown(piece).strip(" *_:").casefold()
        return bool(following[0].intro) and following[0].intro.strip(" *_:").casefold() == said
    if not piece.depth or not piece.first or not following:
        return False
    nested = following[0].depth > piece.depth
    said = scope.markdown(piece).rstrip()
    last = said.split()[-1].casefold() if said.split() else ""
    goes_on = cut_off(said) or last in FUNCTION_WORDS or last in _GOES_INTO  # `... mail over`
    if len(said.split()) >= _SENTENCE_LABEL and not said.endswith(":") and not goes_on:
        return False  # `S3 Log Delivery Group reads configuration on source bucket`: a fact
    return nested and not said.endswith((".", "!"))


def _statements(piece: Piece, scope: Scope, defined: list[Draft]) -> list[Draft]:
    """Prose facts of a paragraph that no other rule made a card of.

    A definition or a list item's trait card asks the first sentence (or two) after its term;
    the sentences after those are facts of their own, about that term
    (`[[Site-to-Site VPN]] - secure over the internet. Needs a VGW.`).
    """
    told = sum(max(len(sentences(draft.back)), 1) for draft in defined)
    if told and piece.depth and len(sentences(scope.markdown(piece))) <= told:
        return []  # a list item its trait card asks whole
    found = statements_of(piece, scope)
    topic = topic_of(piece, found[0], scope) if found else ""
    first, later = (found[:0], found[told:]) if told else (found[:1], found[1:])
    drafts = []
    for part, parent in ((first, ""), (later, topic)):
        at = found.index(part[0]) if part else 0
        before = found[at - 1] if at and not parent else ""  # a topic names the subject
        part = [sentence for sentence in part if not states_quantity(sentence)]
        parent = parent or piece.about  # the item it is nested in, or `Steps:` over its list
        if part:
            drafts += statement_cards(replace(piece, parent=parent), scope, part, before)
    return drafts


def _cards(note: Note, scope: Scope, drafts: list[Draft]) -> list[Card]:
    """Drafts as cards with ids, context, anchor and tags; repeated ids get `-2`, `-3`..."""
    cards = []
    seen: dict[str, int] = {}
    tags = tuple(_tags(note))
    for draft in drafts:
        base = hashlib.sha256(f"{note.key}\0{draft.origin.value}\0{draft.key}".encode())
        card_id = base.hexdigest()[:12]
        seen[card_id] = seen.get(card_id, 0) + 1
        if seen[card_id] > 1:
            card_id = f"{card_id}-{seen[card_id]}"
        path = scope.headings(draft.line)
        cards.append(
            Card(
                id=card_id,
                type=draft.type,
                front=_decoded(draft.front),
                back=_decoded(draft.back),
                text=_decoded(draft.text),
                context=scope.context(draft.line) if draft.context is None else draft.context,
                anchor=path[-1].anchor if path else None,
                line=draft.line,
                origin=draft.origin,
                tags=tags,
                fact=_fingerprint(draft.type.value, draft.front, draft.back, draft.text),
            )
        )
    return cards


# Pairs of characters UTF-8 becomes when it is read as Latin-1 or Windows-1252: `â€`, `Ã©`.
_MOJIBAKE = re.compile(r"[âÃÂ][\u0080-\u00bf\u2010-\u203a\u20ac\u0152-\u017e]")


def _decoded(side: str) -> str:
    """A side whose UTF-8 was once read as another encoding (`itâ€™s`), as it was written."""
    suspect = "â" in side or "Ã" in side or "Â" in side
    return fix_encoding(side) if suspect and _MOJIBAKE.search(side) else side


def _tags(note: Note) -> list[str]:
    """The note's tags as Anki can hold them: no `#`, no spaces."""
    tags = ("-".join(tag.lstrip("#").split()) for tag in note.tags)
    return list(dict.fromkeys(tag for tag in tags if tag))


def _link_text(note: Note, vault: Vault | None) -> LinkText:
    """Wiki-links read as the site shows them: the label, else the target as written."""
    return link_as_written


def link_as_written(meta: dict) -> str:
    """`[[EC2]]` → `EC2`; `[[a/EC2|EC2 notes]]` → `EC2 notes`; `[[EC2#Cost]]` → `EC2 > Cost`."""
    return WikiLink(
        raw="",
        target=str(meta.get("target") or ""),
        line=0,
        heading=meta.get("heading"),
        block=meta.get("block"),
        label=meta.get("label"),
    ).text


def _linked_titles(note: Note, vault: Vault | None) -> list[str]:
    """Titles of the notes this one links to, which its cards may quote."""
    if vault is None:
        return []
    titles = []
    for result in vault.resolved.get(note.path, []):
        target = vault.notes.get(result.path or "")
        titles.append(target.title if target else "")
    return titles
