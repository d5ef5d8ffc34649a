"""Facts found without markup: bold-term definitions, list traits, questions, quota sentences."""

from __future__ import annotations

import re
from dataclasses import replace

from markdown_it.token import Token

from .asides import examples
from .blocks import Piece
from .draft import Draft, first_sentences, sentences
from .explicit import answer_text, normalise
from .inline import line_pieces, markdown_of, plain_of, schedule_free
from .leads import field_over_sentence, generic_question
from .model import CardType, Origin
from .phrases import phrase_spans
from .prose import statement_cloze
from .quantity import calculation, has_quantity, quantity_spans, spells_duration, without_numbers
from .render import asked_term, cloze_spans
from .scope import Scope
from .sections import defines, reads_as_definition
from .speech import only_verb
from .words import (
    AUXILIARIES,
    FUNCTION_WORDS,
    HOW_OFTEN,
    LABELS,
    MARKERS,
    VERBS,
    about_what_is_shown,
    acts_as_verb,
    chatty,
    claim,
    cut_off,
    echoes,
    filing_label,
    rarity,
    singular,
)

__all__ = [
    "definition_cards",
    "opening_card",
    "question_cards",
    "quantity_cards",
    "states_quantity",
    "topic_of",
]

_SAYING = AUXILIARIES - {"do", "does", "did", "need", "needs"}  # `do things` is no auxiliary
# `can be used to`, `are shared with`: a passive verb and its preposition, shown in the question
_PASSIVE_VERB = re.compile(r"(?:be|been)\s+\w+ed\s+(?:to|for|by|in|with|on|as|from|into)\s+")
_READS_ON = re.compile(r"(?:not|n't|be|been|only|also|never|always)\b")  # kept in the answer
_PARTICLES = {"to", "for", "on", "in", "with", "of"}  # `refer to`, `stand for`: part of the verb
_BOLD_KEYED = re.compile(r"^\*\*([^*:]{2,40}):\s+([^*]+?)\*\*\s*([^*]*)$")  # `**Key: value**`
_SOURCE_POINTER = re.compile(
    r"\b(?:slides?|lectures?|pages?|pp?\.|chapters?|ch\.|sections?|videos?|weeks?|units?)\s*\d",
    re.IGNORECASE,
)
_SAID_WORDS = 3  # words said of a term its answer repeats as the subject
_LINK_TRAIT = 4  # words of what a linked term does, to be a definition and not a contents line
_CONNECTOR = re.compile(r"^\s*(?:[:\-–—=]+\s*|,\s*|(?:means|is|are|refers to)\s+)?")
_PARTS = re.compile(r"^(.{2,60}?)(?:\s?:\s|\s[–—-]\s)(.+)$")  # `Term : trait` too
_VERBS = re.compile(
    r"^(?:is|are|was|can|cannot|can't|has|have|does|do|offers?|provides?|supports?|gives?|"
    r"must|should|will|may|needs?|runs?|uses?|lets?|allows?|stores?|keeps?|takes?|costs?|"
    r"works?|gets?|go|goes|requires?|replaces?|includes?|contains?|delivers?|replicates?|"
    r"expires?|protects?|retains?|connects?|means|becomes?|"
    r"remains?|stays?)$"
)
_PRAISE = re.compile(r"\W*(?:understanding|knowing|mastering|memori[sz]ing|learning)\b", re.I)
_PRONOUNS = {"it", "this", "that", "they", "these", "those", "you", "we", "there", "he", "she"}
_PRONOUNS |= {"everything", "something", "nothing", "anything", "everyone", "someone", "one"}
_CONJUNCTIONS = {"when", "if", "as", "because", "while", "although", "since", "after", "before"}
_CONJUNCTIONS |= {"once", "for", "to", "in", "on", "with", "by", "from", "unless", "until", "so"}
_DETERMINERS = {"the", "a", "an", "each", "every", "some", "any", "more", "less", "most", "all"}
# A subject never ends in a word that needs more words after it.
_DANGLING = _PRONOUNS | _CONJUNCTIONS | _DETERMINERS | {"than", "that", "which", "who", "how"}
# Words that open a line without naming anything it is about.
_FILLERS = {"then", "ex", "e.g", "eg", "i.e", "ie", "also", "so", "now", "here", "there", "next"}
_FILLERS |= {"finally", "first", "second", "third", "lastly", "otherwise", "else", "yes", "no"}
_FILLERS |= {"never", "always", "often", "sometimes", "usually", "generally", "just", "even"}
_DANGLING |= {"what", "where", "of", "and", "or", "because", "but", "not", "no"}
_MAX_ANSWER = 400
# Words that carry a bold phrase on (`**Internal tools** or customer portals`, `**Encryption at
# rest** with KMS`): the bold is part of a sentence, not a term its definition follows.
_READS_BACK = {"or", "and", "nor", "but", "for", "to", "of", "in", "on", "with", "by", "from"}
_READS_BACK |= {"at", "as", "than", "into", "via", "per", "without"}
_READS_BACK |= {"that", "which", "who", "whose", "so", "because", "whereas", "while", "yet"}
# Labels of an aside, never the subject of a trait (`Note: ...`; `Type: ...` may be one).
_ASIDES = {"note", "notes", "tip", "tips", "example", "examples", "important", "warning"}
_ASIDES |= {"remember", "hint", "caution", "info", "reminder", "see", "e.g.", "i.e.", "recap"}
_TERM_VERB = re.compile(
    r"\s(?:is|are|was|were|must|should|can|cannot|can't|will|won't|does|doesn't|don't)\s", re.I
)  # `**HA does not mean zero downtime**`: a claim in bold, no term
# A sentence this long (words) with fewer quantities than _MAX_QUANTITIES also hides a phrase.
_BESIDE_QUANTITY, _MAX_QUANTITIES = 10, 2
_QUANTITY_WORDS = 4  # a shorter sentence says what its number is only in two words of its own
_WORDS_OUTSIDE = re.compile(r"[^\W\d_]{2,}")
_BESIDE_RARITY = 3.5  # Zipf: and the phrase holds a word at least this rare, or a vault term
# `Data is replicated ...`: a lone common word before a passive verb names nothing in particular;
# in a short item the list's whole-list card asks it instead (a long one keeps its trait card).
_PASSIVE = re.compile(r"^(?:is|are|was|were)$")
_PARTICIPLE = re.compile(r"^[a-z]{3,}(?:ed|en)$")
_SHORT_ITEM = 20  # words: an item the whole-list card can hold (groups.py)
_SHORT_PREDICATE = 5  # words: `must be activated` is a cue, not an answer
_DIGIT = re.compile(r"\d")
# `Q: Which gateway ...?` / `A: A NAT gateway`: labels of a question and its answer.
_QA_LABEL = re.compile(r"^[*_]{0,2}(?:q|question|a|answer|ans)[*_]{0,2}\s*[:.][*_]{0,2}\s+", re.I)
# `what are the design principles`, `Why is S3 durable`: a question its writer left without a mark.
_UNMARKED = re.compile(
    r"(?i)(?:what|why|how|when|where)\s+(?:is|are|was|were|do|does|did|can|should)"
    r"\s+[^.!?:\n]{3,80}"
)
_SECOND_VERB = re.compile(r"\b(?:is|are|was|were)\b", re.IGNORECASE)
# Words that open a clause about some of a thing, not the name of one.
_QUANTIFIERS = {"only", "many", "most", "some", "few", "several", "all", "each", "every", "any"}
_QUANTIFIERS |= {"no", "not", "also", "just", "even", "very", "much", "more", "less", "other"}
# Prepositions open an aside, never a name: `like a NAS volume: can hold a filesystem`.
_NOT_A_NAME = {"like", "unlike", "with", "without", "at", "into", "onto", "about", "via", "per"}
_SENTENCE_WORDS, _MOST_STRESSED = 8, 3
# A number told in the past tense is what happened in a worked example, not a fact to recall.
_PAST = re.compile(r"\b(?:was|were|had)\b", re.IGNORECASE)
_NOT_IN_WORD = re.compile(r"[^\w.]+")  # between the words of a title: `1920-The-Treaty`
_MONEY = re.compile(r"[$€£%]|\b(?:USD|EUR|dollars?|percent)\b")  # a worked example's figures
_NEAR = 20  # characters after the last quantity a past-tense verb may stand (`... was taken`)
_EXAMPLE_OPENERS = ("e.g", "eg.", "eg ", "eg:", "for example", "for instance", "example:", "ex:")
_BOLD_STRETCH = re.compile(r"\*\*[^*]+\*\*")
# `Serverless CRON (EventBridge, CW Events, Lambda)`: a short name and a list in brackets.
_BRACKET_LIST = re.compile(r"^([A-Z][\w/&+.-]*(?: [\w/&+.-]+){0,4}) \(([^()]+,[^()]+)\)$")
_PLAIN_SUBJECT_WORD = 3.8  # Zipf: a subject of only words this common (`billing data`) is no term
_COMMON_NOUN = 4.5  # Zipf: one lower-case word this common (`instances`) names no term


def definition_cards(piece: Piece, following: list[Piece], scope: Scope) -> list[Draft]:
    """`**Term** means ...` in a paragraph; `**Term**: trait` or `Subject: trait` in a list item."""
    children = schedule_free(piece.children)
    if _leads_with_link(children) and not _link_defined(scope.markdown(piece), piece):
        return []  # `- [[note]]: what it covers` is a table of contents, not a fact
    keyed = _BOLD_KEYED.match(scope.markdown(piece))
    if keyed:  # `**General formula: CₙH₂ₙ₊₂**`: the bold holds the key and its value
        told = f"{keyed.group(2)} {keyed.group(3)}".strip()
        return _term_card(piece, keyed.group(1).strip(), told, scope)
    lead = _bold_lead(children)
    listed = piece.depth > 0 and piece.first
    text = scope.markdown(piece).replace("**", "")
    if _PRAISE.match(text) and chatty(text):
        return []  # `**Understanding these concepts** is crucial for ...`: study advice
    if listed and _PARTS.match(scope.markdown(piece)):
        return _trait_card(piece, scope.markdown(piece), scope)
    named = _BRACKET_LIST.match(text) if listed else None
    if named and _names_a_use(named.group(1), named.group(2)):
        # `Serverless CRON (EventBridge, CW Events, Lambda)`: a use and what it is built from
        return _term_card(piece, named.group(1), named.group(2), scope)
    if lead is not None:
        lines = line_pieces(children)
        if len(lines) > 1 and all(_bold_lead(line) is not None for line in lines):
            # `**Mutant** - ...` then `**Forward genetics** - ...`: a glossary, a term a line
            return [card for line in lines for card in _lead_card(piece, line, [], scope)]
        return _lead_card(piece, children, following, scope)
    if listed:
        return _trait_card(piece, scope.markdown(piece), scope)
    return []


def _next_question(piece: Piece, following: list[Piece]) -> bool:
    """True for a numbered item whose next text is the next item of the same list: in a list
    of exercises, the item below is the next question, not this one's answer."""
    below = following[0] if following else None
    return (
        piece.ordered
        and below is not None
        and below.group == piece.group
        and below.depth == piece.depth
        and below.first
    )


def _names_a_use(name: str, listed: str) -> bool:
    """`Serverless CRON` over `EventBridge, CW Events`: a name, not a label (`Note`), a clause
    going on (`And OLAP`, `Have a WCU capacity`) or a list of examples (`e.g., logging`)."""
    first = name.split()[0].casefold()
    if name.casefold() in LABELS or first in FUNCTION_WORDS or first in VERBS:
        return False
    return not re.match(r"(?:e\.?g\.?|i\.?e\.?|for example|such as)\b", listed.casefold())


def _lead_card(
    piece: Piece, children: list[Token], following: list[Piece], scope: Scope
) -> list[Draft]:
    """`**Term** means ...`: the bold term asks what the rest of its line says."""
    lead = _bold_lead(children)
    if lead is None:
        return []
    term, rest = plain_of(children[1:lead], scope.link_text), children[lead + 1 :]
    if term.rstrip(": ").casefold() in LABELS:
        return []  # `**Note:** SNS pushes ...`: a label, the sentence is the fact
    if rest and rest[0].type == "text" and rest[0].content[:1].isalnum():
        return []  # `**R**estricted mouth opening`: a mnemonic's letter, no term
    said = markdown_of(rest, scope.link_text)
    opening = said.lstrip(",; ").split(None, 1)
    if opening and opening[0] in _READS_BACK:  # lower case: the sentence goes on
        return []  # `**Internal tools** or customer portals`: the bold is half a phrase
    answer = _CONNECTOR.sub("", said, count=1)
    if claim(term):
        return []  # `**Automatically rotated** - always valid`: a statement, asked by its cloze
    if not answer and piece.depth == 0 and _adjacent_paragraph(piece, following):
        answer = scope.markdown(following[0])
    return _term_card(piece, term.rstrip(":").strip(), answer, scope)


def question_cards(piece: Piece, following: list[Piece], scope: Scope) -> tuple[list[Draft], int]:
    """A line ending in `?` with its answer on the next lines or in the paragraph or list below."""
    unmarked = _unmarked(piece, following)
    if piece.inline is None or not ("?" in piece.inline.content or unmarked):
        return [], 0
    lines = line_pieces(schedule_free(piece.children))
    question = _QA_LABEL.sub("", markdown_of(lines[0], scope.link_text))
    question += "?" if unmarked else ""  # `what are Design Principles for this` over its answers
    if not _is_question(question) or chatty(question):
        return [], 0  # `Why should we take this course?`: the lesson talking, not its subject
    answer = " ".join(markdown_of(line, scope.link_text) for line in lines[1:]).strip()
    answer = _QA_LABEL.sub("", answer)
    used = 0
    if not answer and _next_question(piece, following):
        return [], 0  # `2. Which has a higher boiling point ...?` over `3. Arrange in order ...`
    if not answer:
        answer, used = answer_text(piece, following, scope.link_text, gap=1)
    if not answer or _asks(answer) or len(answer) > _MAX_ANSWER * 2:
        return [], 0  # `Which AZs will it use?` then `Internet facing or internal?`: no answer
    front = scope.standalone(question, piece.line, piece.about)
    draft = Draft(Origin.QUESTION, CardType.BASIC, normalise(question), piece.line, front, answer)
    return [draft], used


def _unmarked(piece: Piece, following: list[Piece]) -> bool:
    """`what are Design Principles for this` over the points nested in it, or a paragraph of
    one line over what follows: a question its writer left without a mark. A point among
    others (`- who can assume this role`) says what its list is about."""
    said = piece.inline.content.strip(" *_") if piece.inline is not None else ""
    if not _UNMARKED.fullmatch(said) or _SECOND_VERB.search(said.split(None, 2)[-1]):
        return False  # `What is important is the cost`: a statement that opens like a question
    return not piece.depth or bool(following) and following[0].depth > piece.depth


def quantity_cards(piece: Piece, scope: Scope) -> list[Draft]:
    """One cloze per sentence that states a number with its unit."""
    drafts: list[Draft] = []
    content = piece.inline.content if piece.inline is not None else ""
    if not _DIGIT.search(content) and not spells_duration(content):
        return drafts
    topic = ""
    for number, sentence in enumerate(sentences(scope.markdown(piece))):
        if number == 0:
            topic = topic_of(piece, sentence, scope)
        if sentence.endswith("?") or not states_quantity(sentence) or not _says_enough(sentence):
            continue
        if about_what_is_shown(sentence):
            continue  # `In the example below, ... 7mg/kg ...`: a worked example's figures
        if cut_off(sentence) and not sentence.endswith("."):
            continue  # `Up to 300 messages per second for the`: its rest is nested below
        if _told_past(sentence) or sentence.casefold().startswith(_EXAMPLE_OPENERS):
            continue  # `Net income was $7,650,000.`, `e.g. net-60 terms`: a worked example's data
        if sentence.endswith(":") and _counts_list(sentence):
            continue  # `There are 3 types of tests:`: the list below asks them, count and all
        # A later sentence of `**Term** ...` or `LSI: ... Max 5 per table.` is about the term.
        about = topic if number and topic.casefold() not in sentence.casefold() else ""
        parent = " › ".join(part for part in (piece.about, about) if part)
        cloze = _quantity_cloze(sentence, scope, piece.line, topic)
        if cloze is None:
            continue
        text = scope.standalone(cloze, piece.line, parent)
        key = normalise(without_numbers(sentence))
        drafts.append(Draft(Origin.QUANTITY, CardType.CLOZE, key, piece.line, text=text))
    return drafts


def _told_past(sentence: str) -> bool:
    """`Net income was $7,650,000.`: a sentence of money or rates whose verb, before its number or
    near it, is in the past tense (history's figures, `one seat for every 2,000 nobles`, stay)."""
    past = _PAST.search(sentence)
    if past is None or not _MONEY.search(sentence):
        return False  # `there was one representative for every 2,000 nobles`: a fact of history
    spans = _stated(sentence)
    return bool(spans) and past.start() < spans[-1][1] + _NEAR


def _says_enough(sentence: str) -> bool:
    """True when a sentence says what its number is: four words, or two words beside the
    quantity (`Highest discount {{90%}}`; not `{{40MB/s}} per TB`, `expedited: {{1-5 min}}`)."""
    if len(sentence.split()) >= _QUANTITY_WORDS:
        return True
    hidden = _stated(sentence)
    outside = "".join(ch for i, ch in enumerate(sentence) if not any(a <= i < b for a, b in hidden))
    return len(_WORDS_OUTSIDE.findall(outside)) >= 2


def _quantity_cloze(sentence: str, scope: Scope, line: int, topic: str = "") -> str | None:
    """The sentence's quantities hidden and, in a long sentence, the phrase it states beside them:
    `A minimum of {{8}} free IPs are needed, so a {{/27 subnet}} is recommended`. The paragraph's
    topic (its bold lead, which a card of its own asks) is not that phrase. Numbers given as
    examples (`(e.g., 10 seconds, 1 minute)`) are not hidden: None when only those are left."""
    shown = " ".join(scope.names(line))
    # `1920-The-Treaty-of-Trianon: It was not signed until {{1920}}`: the title tells it
    spans = [s for s in _stated(sentence) if not _told_by(sentence[s[0] : s[1]], shown)]
    if not spans:
        return None
    if len(sentence.split()) >= _BESIDE_QUANTITY and len(spans) < _MAX_QUANTITIES and scope.english:
        names = scope.names(line) + ([topic.casefold()] if topic else [])
        spans += phrase_spans(sentence, names, scope.terms, spans, most=1, rarer=_BESIDE_RARITY)
    return cloze_spans(sentence, spans)


def _told_by(hidden: str, shown: str) -> bool:
    """True when the title or heading shows a quantity whole: `1920` in `1920-The-Treaty-...`."""
    return hidden.casefold() in _NOT_IN_WORD.split(shown)


def _counts_list(sentence: str) -> bool:
    """True when the sentence's only quantity is a bare count (`{{3}} types`), of the list that
    follows it."""
    spans = _stated(sentence)
    return len(spans) == 1 and sentence[spans[0][0] : spans[0][1]].isdigit()


def states_quantity(sentence: str) -> bool:
    """True when the sentence states a number with its unit, not only in examples nor as the
    steps of a calculation."""
    if not has_quantity(sentence) or calculation(sentence):
        return False
    return bool(_stated(sentence))  # `several items rather than 1 ... the min of 1 unit`: a
    # number shown twice is hidden nowhere, so the sentence is asked as plain prose


def _stated(sentence: str) -> list[tuple[int, int]]:
    """Where the sentence's quantities are, those given as examples left out."""
    given = examples(sentence)
    return [s for s in quantity_spans(sentence) if not any(a <= s[0] < b for a, b in given)]


def topic_of(piece: Piece, first: str, scope: Scope) -> str:
    """What a piece is about when it names it first: its bold lead, or a list item's `Term:`."""
    lead = _bold_lead(schedule_free(piece.children))
    if lead is not None:
        bold = plain_of(schedule_free(piece.children)[1:lead], scope.link_text).rstrip(":")
        return "" if filing_label(bold) else bold  # `**Rule:** ...` files, names no topic
    match = _PARTS.match(first) if piece.depth and piece.first else None
    subject = match.group(1).replace("**", "").strip() if match else ""
    return subject if _good_subject(subject) else ""


def _link_defined(said: str, piece: Piece) -> bool:
    """`- [[Replication Controller]]: Ensures that the number of replicas ...`: a linked term
    whose trait says what it does (a verb told of it, four words or more), not what a note
    covers."""
    match = _PARTS.match(said) if piece.depth else None
    trait = match.group(2).split() if match and ":" in said[: match.end(1) + 2] else []
    return len(trait) >= _LINK_TRAIT and only_verb(trait[0].casefold())


def _leads_with_link(children: list[Token]) -> bool:
    """True when the paragraph opens with a link (possibly in bold)."""
    kinds = [child.type for child in children[:2]]
    return bool(kinds) and (
        kinds[0] in ("wikilink", "link_open") or kinds == ["strong_open", "wikilink"]
    )


def _bold_lead(children: list[Token]) -> int | None:
    """Index of the `strong_close` when the paragraph opens with bold text, else None."""
    if not children or children[0].type != "strong_open":
        return None
    return next((i for i, c in enumerate(children) if c.type == "strong_close"), None)


def _adjacent_paragraph(piece: Piece, following: list[Piece]) -> bool:
    """True when the next piece is a plain paragraph right after this one."""
    return (
        bool(following) and following[0].kind == "paragraph" and following[0].depth == piece.depth
    )


def _term_card(piece: Piece, term: str, answer: str, scope: Scope, verb: str = "") -> list[Draft]:
    """Term → definition, the answer cut to its first sentence or two (a list item's is whole).

    `verb`: the auxiliary the item goes on with (`Restores are slow`), which the front shows so
    that it asks something (`Restores are …` → `slow`)."""
    answer = first_sentences(answer)  # the sentences after it are asked on their own
    subject = _said_of(term, answer) if not verb else None
    if subject is not None:  # `**Reclaim Policy**: The reclaim policy specifies what ...`
        told, rest = subject
        defined = told in ("is", "are") and rest.split()[0].casefold() in ("a", "an", "the")
        return _term_card(piece, term, rest, scope, verb="" if defined else told)
    if answer.endswith(":") or not _good_term(term) or not _good_answer(answer, term):
        return []
    origin = Origin.LIST if piece.depth else Origin.DEFINITION
    stressed = _stressed(answer)
    if not stressed and filing_label(term):
        return []  # `**Crucial Rule**: ...`: the sentence is the fact, asked by its own cloze
    if not stressed and not verb and field_over_sentence(term, answer, scope.names(piece.line)):
        # `**Scope**: Resource quotas are applied at ...`: the sentence's cloze, filed under it
        parent = " › ".join(part for part in (piece.about, term) if part)
        filed = statement_cloze(answer, scope, piece.line, parent)
        if filed is not None:
            return [replace(filed, origin=Origin.LIST if piece.depth else filed.origin)]
    if stressed and not verb:
        # `**Exam Critical**: SGs are attached to **ENIs**, not ...`: a sentence whose author
        # set its point in bold asks that point, the label in front of it.
        said = f"**{term}**: {cloze_spans(answer, stressed)}"
        text = scope.standalone(said, piece.line, piece.about)
        return [Draft(origin, CardType.CLOZE, normalise(term), piece.line, text=text)]
    where = scope.where(piece.line, drop=term, parent=piece.about)
    asked = f"{asked_term(term)} {verb} …" if verb else asked_term(term)
    opens = answer.split(" ", 1)[0].casefold() in ("a", "an", "the")
    if not verb and opens and _names_term(term) and reads_as_definition(answer):
        asked = f"What {_be_for(term)} {asked}?"  # `**Nameserver**: A server that hosts ...`
    front = f"{where} › {asked}" if where else asked
    if not verb and _reads_on(term):  # `Outputs to …`: words the answer goes on from
        front = f"{where}: {term.replace('*', '')} …" if where else f"{term.replace('*', '')} …"
    goes_on = answer.split(" ", 1)[0] in AUXILIARIES  # `Dosage should be adjusted ...`
    generic = "" if verb or goes_on or not where else generic_question(term)
    front = f"{where}: {generic}" if generic else front  # `IAM Groups: What are the benefits?`
    return [Draft(origin, CardType.BASIC, normalise(term), piece.line, front, answer)]


_NOT_TERMS = {"definition", "what", "how", "why", "description", "meaning", "summary", "note"}


def _names_term(term: str) -> bool:
    """`Nameserver`, `Task Roles`; not `Definition` or `What` (labels) nor `Attach`, `Stop
    (Default)` (a step's verb)."""
    words = term.replace("*", "").split()
    if not words or term.replace("*", "").strip().casefold() in _NOT_TERMS | LABELS:
        return False
    return words[0].casefold() not in VERBS


def _be_for(term: str) -> str:
    """`is` for one thing, `are` for several (`Security Groups`, not `IAM Access`)."""
    last = term.replace("*", "").split()[-1] if term.strip("* ") else ""
    plural = last.endswith("s") and not last.endswith(("ss", "us", "is")) and not last.isupper()
    return "are" if plural and last[:1].islower() or plural and len(last) > 3 else "is"


def _reads_on(term: str) -> bool:
    """`Outputs to`, `Best for`, `Lost on`: a label ending on a little word is the start of a
    sentence its answer finishes."""
    words = term.replace("*", "").split()
    return len(words) > 1 and words[-1].casefold() in FUNCTION_WORDS


def _stressed(answer: str) -> list[tuple[int, int]]:
    """The bold stretches of an answer that is a whole sentence (at least eight words), when
    they are its point and not most of it: up to three, each hidden whole with its stars."""
    if len(answer.split()) < _SENTENCE_WORDS or "**" not in answer:
        return []
    spans = [match.span() for match in _BOLD_STRETCH.finditer(answer)][:_MOST_STRESSED]
    hidden = sum(end - start for start, end in spans)
    return spans if spans and hidden * 2 <= len(answer) and not has_quantity(answer) else []


def _trait_card(piece: Piece, text: str, scope: Scope) -> list[Draft]:
    """`Subject: trait`, `Subject – trait` or `Subject is/can/... trait` in a list item."""
    text = MARKERS.sub("", text)  # `✅ Spot capacity can be reclaimed ...`
    if chatty(text.replace("**", "")):
        return []  # `HA clusters are covered in the HA section`: about the course, no trait
    if text.rstrip(" *_").endswith(("?", ":")):
        return []  # `Which zones will the LB use?`, `Rules have a structure:`: nothing said here
    match = _PARTS.match(text)
    labelled = False
    if match:
        subject, trait = match.group(1).strip(), match.group(2).strip()
        labelled = text[match.end(1) :].lstrip().startswith(":")  # `16-65 years: 5mg`, not a range
        # `Managed relational DB, engines: MySQL, ...`: the words after the comma name the list.
        subject = subject.rsplit(", ", 1)[-1] if subject.count("**") % 2 == 0 else subject
    else:
        words = text.split()
        verb = next((i for i in range(1, min(len(words), 7)) if _verb_at(words, i)), 0)
        subject, trait = " ".join(words[:verb]), " ".join(words[verb:])
        if not _good_subject(subject) or _lone_noun(subject, words[verb:]):
            return []
        if _common_word(subject) or _plain_phrase(subject, scope.terms):
            return []  # `instances can be placed in ...`: a statement, asked by its cloze
        if subject.replace("**", "").strip().casefold() in scope.brands:
            return []  # `AWS takes care of ...` in an AWS vault: about no term of it
        if has_quantity(text):
            return []  # `Items can be up to 400 KB`: the number's cloze asks it better
        short = _short_clause(piece, text, subject, scope)
        if short:
            return short
    subject = subject.rstrip("-–—>→ ").strip()
    if subject.replace("**", "").strip(" .:*_").casefold() in _FILLERS | _ASIDES:
        return []  # `eg: aws/service-name`, `Note: ...`: a label, no subject
    named = _names_a_thing(subject) or (labelled and _label_like(subject))
    if not subject or not named or claim(subject) or trait.endswith("?"):
        return []
    if subject.count("(") != subject.count(")") or subject.count("[") != subject.count("]"):
        return []  # `Task Role (security: ...)`: the colon sits inside a bracket
    if subject[:1].isdigit() and trait[:1].isdigit() and not labelled:
        return []  # `128MB - 10240MB memory`: a range, which its quantity cloze asks
    first, _, rest = trait.partition(" ")
    saying = first in _SAYING or bool(_VERBS.match(first)) or acts_as_verb(first)
    passive = _PASSIVE_VERB.match(rest) if first in _SAYING else None
    term = subject.replace("**", "").strip()
    if not match and passive and len(rest[passive.end() :].split()) > 1:
        # `Backup plans can be used to …` → `set up frequency, window ...`
        said = f"{first} {passive.group().strip()}"
        return _term_card(piece, term, rest[passive.end() :], scope, verb=said)
    if not match and saying and rest and not _READS_ON.match(rest):
        return _term_card(piece, term, rest, scope, verb=first)
    return _term_card(piece, term, trait, scope)


def _verb_at(words: list[str], index: int) -> bool:
    """True when the item's word at `index` reads as its verb: not the second word of a name
    (`Direct Connect is ...`, `Parameter Store is ...`)."""
    word = words[index].strip("*_")
    if word[:1].isupper() and words[index - 1].strip("*_")[:1].isupper():
        return False
    return bool(_VERBS.match(words[index].casefold()))


def _short_clause(piece: Piece, text: str, subject: str, scope: Scope) -> list[Draft]:
    """`Versioning must be activated.`: a predicate this short is a cue, so the subject is asked."""
    predicate = text[len(subject) :].split()
    names = scope.names(piece.line)
    shown = {singular(word) for name in names for word in name.split()}
    said = subject.replace("**", "").strip().casefold()
    named = said in names or {singular(word) for word in said.split()} <= shown
    # `Beanstalk` in `Elastic BeanStalk`, `AMIs` in `AMI`: the note's own subject, never hidden
    if len(predicate) > _SHORT_PREDICATE or named or not _names_a_thing(subject):
        return []
    if any(word.strip(".,;:*`")[:1].isupper() for word in predicate[1:]):
        return []  # `Templates are used to create Stacks`: the name it ends on is the answer
    cloze = f"{{{{c1::{subject.strip()}}}}} {' '.join(predicate)}"
    card_text = scope.standalone(cloze, piece.line, piece.about)
    return [Draft(Origin.LIST, CardType.CLOZE, normalise(text), piece.line, text=card_text)]


def _names_a_thing(subject: str) -> bool:
    """A name or a noun phrase: not `Only ...`, `Extremely low`, `Many companies use`."""
    words = subject.replace("**", "").split()
    first = _bare(words[0]) if words else ""
    if not first or first in _PRONOUNS | _QUANTIFIERS | _NOT_A_NAME or first.endswith("ly"):
        return False
    if first in VERBS and words[0].islower():
        return False  # `pay per second — no commitment`: a predicate, not a name
    last = words[-1].strip("*_")
    if len(words) > 1 and last.islower() and last.endswith("ly") and len(last) > 4:
        return False  # `Snaps restore lazily - fetched gradually`: a clause, how it happens
    if len(words) > 1 and last in HOW_OFTEN:
        return False  # `Attackers often` (go after ...): a subject and how often, no name
    return not any(word in VERBS for word in words[1:])


def _label_like(subject: str) -> bool:
    """`replication time control:` before its colon: a short label whose last word may also be a
    verb (`control`), no auxiliary in it and no verb first."""
    words = [word.casefold() for word in subject.replace("**", "").split()]
    if not words or len(words) > _COLON_LABEL_WORDS or words[0] in VERBS | _NOT_A_NAME | _PRONOUNS:
        return False  # `like a NAS volume:` is an aside, `it:` names nothing
    return not any(word in AUXILIARIES for word in words)


_COLON_LABEL_WORDS = 4  # words of a label before its colon


def _bare(word: str) -> str:
    """A word lower-case, a pronoun without its contraction: `We'll` -> `we`, `don't` stays."""
    word = word.casefold().replace("’", "'")
    return word if word.endswith("n't") else word.split("'")[0]


def _common_word(subject: str) -> bool:
    """`instances`, `Calls`: one plain English word (a capital opening the line aside), no
    term a card could be about."""
    if "**" in subject or " " in subject.strip():
        return False
    word = subject.strip()
    if word[:1].isupper() and len(word) <= 2:
        return False  # `Go`, `R`: a name this short is never a plain word
    return word[1:].islower() and rarity(word.casefold()) > _COMMON_NOUN


def _plain_phrase(subject: str, terms: frozenset[str]) -> bool:
    """`Your app`, `Service providers`, `Billing data`: plain English words, none a name (no
    capital past the first letter) and not a term of the vault, so no subject to ask about."""
    words = subject.casefold().split()
    if "**" in subject or len(words) < 2 or not subject[1:].islower() or " ".join(words) in terms:
        return False
    return all(rarity(word) > _PLAIN_SUBJECT_WORD for word in words)


def _good_subject(subject: str) -> bool:
    """A list item's subject found before its verb: a short noun phrase, not half a clause."""
    words = subject.replace("**", "").split()
    if not words or len(words) > 5 or re.search(r"[,!?;()\[\]]|\.(?:\s|$)", subject):
        return False
    if subject.count("**") % 2 or subject.count("`") % 2:
        return False
    first, last = _bare(words[0]), words[-1].casefold()
    if first in _QUANTIFIERS or first.endswith("ly"):
        return False
    if not re.search(r"[^\W\d_]", subject):
        return False  # `✅`, `1.`: no word at all
    if first in AUXILIARIES or first in _FILLERS:
        return False  # `**Can optionally** have ...`, `**Then** connect ...`
    if len(words) == 1 and first.strip(".:") in FUNCTION_WORDS | LABELS:
        return False  # `**Will** take a few hours`, `**Then** connect`, `**Eg** ...`
    return first not in _CONJUNCTIONS | _DETERMINERS and last not in _DANGLING


def _lone_noun(subject: str, rest: list[str]) -> bool:
    """`Data is replicated ...`: one plain word (not bold, no capitals inside) before a passive."""
    if "**" in subject or len(subject.split()) != 1 or not subject[1:].islower():
        return False
    if len(rest) < 2 or len(rest) + 1 > _SHORT_ITEM:
        return False
    return bool(_PASSIVE.match(rest[0]) and _PARTICIPLE.match(rest[1]))


def _good_term(term: str) -> bool:
    """A term is a short name, not a sentence or a question."""
    words = term.split()
    return 0 < len(words) <= 10 and not term.endswith(("?", ".")) and len(term) <= 80


def _good_answer(answer: str, term: str) -> bool:
    """An answer says something beyond the term and is short enough to recall."""
    words = re.findall(r"\w+", answer.casefold())
    new = set(words) - set(re.findall(r"\w+", term.casefold()))
    if answer.startswith("("):
        return False  # `**At least once delivery** (can give duplicates)`: the bold is the fact
    if _TERM_VERB.search(term):
        return False  # `**Security groups are required** on the ENI`: a claim, not a term
    if words and cut_off(answer):
        return False
    if _asks(answer):
        return False  # `**Compute needs**: Is on-board processing needed?`: a question, no answer
    if _restates(term, words) or echoes(term, answer):
        return False  # `**Health check:** turn instance health checks on or off`: asks nothing
    return len(new) >= 2 and len(answer) <= _MAX_ANSWER


def _said_of(term: str, answer: str) -> tuple[str, str] | None:
    """(verb, rest) when the answer opens with the term as its subject and a verb after it:
    `The reclaim policy specifies what should happen ...`, `Labels are key-value pairs ...`."""
    name = re.escape(term.replace("*", "").strip())
    match = re.match(rf"(?:the |an? )?{name}s?\s+(\w+)\s+(\S.*)$", answer, re.IGNORECASE)
    if match is None or len(match.group(2).split()) < _SAID_WORDS:
        return None
    verb, rest = match.group(1).casefold(), match.group(2)
    if verb not in VERBS and not only_verb(verb):
        return None
    particle, _, after = rest.partition(" ")
    if particle.casefold() in _PARTICLES and after:
        verb, rest = f"{verb} {particle}", after  # `Lipschitz bounds refer to …`
    return verb, rest


def _restates(term: str, answer_words: list[str]) -> bool:
    """True when a term of two words or more stands in its answer as written, plurals aside
    (`**Health check:** turn instance health checks on`); not its words apart (`**Digital
    Attack**: An attack tested only in the digital world` says what it is)."""
    said = [singular(word) for word in answer_words]
    named = [singular(word) for word in re.findall(r"\w+", term.casefold())]
    size = len(named)
    return size >= 2 and any(said[i : i + size] == named for i in range(len(said) - size + 1))


def _asks(text: str) -> bool:
    """True when a text's first sentence is a question: it answers nothing."""
    first = sentences(text)
    return bool(first) and first[0].endswith("?")


def _is_question(line: str) -> bool:
    """A real question: ends in `?`, has a few words, is not only a link or a `?` marker."""
    return line.endswith("?") and len(line.split()) >= 3


_NOT_A_KIND = {"more", "less", "most", "least", "very", "only", "not", "no", "also", "often"}
_OPENING_WORDS = (2, 6)  # words of a note's opening phrase that names what its subject is
_FRAGMENT = re.compile(r"[A-Za-z][\w\- ]*")  # plain words: no link, mark, number or bracket


def _opening_definition(first: Piece, scope: Scope) -> Draft | None:
    """`- A distributed ledger that keeps track of transactions` opening a note on Blockchain:
    a first point that reads as a definition, not naming the title, says what the note is."""
    lines = line_pieces(schedule_free(first.children))
    said = markdown_of(lines[0], scope.link_text).strip().rstrip(".") if lines else ""
    if not said[:1].isupper() or not defines(said, scope.title):
        return None
    if said.split()[0].casefold() not in ("a", "an", "the"):
        return None  # `Used to track ...`: no noun phrase of its own
    if _SAYS_IS.search(said):
        return None  # `The first decision point that ... is the CIDR range`: a sentence
    front = f"What is **{scope.title}**?"
    return Draft(Origin.DEFINITION, CardType.BASIC, normalise(said), first.line, front, said)


_SAYS_IS = re.compile(r"\s(?:is|are|was|were)\s")


def opening_card(pieces: list[Piece], scope: Scope, drafts: list[Draft]) -> Draft | None:
    """`What is AWS Inspector?` -> `Automated Security Assessments`: the short phrase with no verb
    that a note opens with, right under its title, names what its subject is."""
    first = next((piece for piece in pieces if piece.kind != "other"), None)
    if first is None or first.kind != "paragraph" or first.depth > 1 or first.inline is None:
        return None
    if scope.headings(first.line) and scope.headings(first.line)[-1].level > 1:
        return None  # under a section, not the note's title
    defined = _opening_definition(first, scope)
    if defined is not None:
        return defined
    if any(draft.line == first.line for draft in drafts):
        return None
    if first.inline.content.lstrip("*_ ").startswith(("[[", "[")):
        return None  # `[[Route 53]]` over its points: a link to another note, not what this is
    following = pieces[pieces.index(first) + 1 :]
    shared = set(first.inline.content.casefold().split()) & set(scope.title.casefold().split())
    if shared - FUNCTION_WORDS and following and following[0].line <= first.end + 1:
        return None  # `Cluster Placement Groups` over its points: a kind of the subject, a label
    said = scope.markdown(first).strip().rstrip(".")
    words = said.split()
    if not _OPENING_WORDS[0] <= len(words) <= _OPENING_WORDS[1] or not _FRAGMENT.fullmatch(said):
        return None
    if chatty(said) or any(word.casefold() in VERBS for word in words):
        return None
    if _SOURCE_POINTER.search(said):
        return None  # `Slide 22 lecture 3`: where the note came from, not what the subject is
    if words[0].casefold() in _NOT_A_KIND:
        return None  # `More common in women than men`: a trait, not what the subject is
    if said.casefold() in scope.title.casefold() or scope.title.casefold() in said.casefold():
        return None  # `Key Management Service` under `KMS`: the abbreviation card asks it
    front = f"What is **{scope.title}**?"
    return Draft(Origin.DEFINITION, CardType.BASIC, normalise(front), first.line, front, said)
