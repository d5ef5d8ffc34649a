"""Facts in plain prose: a sentence that states something becomes a cloze on what it states.

Which phrases the cloze hides is `phrases.py`'s choice; here sentences are found (a line that
ends one, each line of a quote), sentences that ask nothing are left out, and the card names
its subject: the note's title or section goes in front when the sentence does not name it.
A line `Term: meaning` (`CRR: Cross-Region Replication`) asks the term's meaning instead.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .blocks import Piece
from .draft import Draft, paired_marks, sentences
from .explicit import normalise
from .inline import line_pieces, markdown_of, schedule_free
from .model import CardType, Origin
from .phrases import cloze_phrases
from .quantity import calculation, cloze_quantities, has_quantity
from .render import CLOZE, asked_term, cloze_spans, hides_all
from .scope import Scope
from .study import field_line
from .words import (
    DURATIONS,
    FUNCTION_WORDS,
    GOES_ON,
    LABELS,
    MARKERS,
    VENDORS,
    about_what_is_shown,
    chatty,
    claim,
    cut_off,
    echoes,
    filing_label,
    ranks,
    rarity,
    singular,
    weighs_two,
)

__all__ = ["asking_cloze", "hidden_share", "statement_cards", "statement_cloze", "statements_of"]

_MIN_WORDS, _MAX_WORDS, _MAX_CHARS = 4, 45, 400
_WORDLIKE = re.compile(r"\S*[^\W\d_]\S*")  # a word with a letter in it
# `Amazon SageMaker is a fully managed ... service`: a subject, `is`, and what kind of thing it is
# `A Principal is the user or app ...`: an article, a capitalised term, `is`, and what it is.
_DEFINES_TERM = re.compile(
    r"^(A|An|The)?\s*((?:[A-Z][\w-]*)(?: [A-Z][\w-]*){0,2}) (is|are|was|were) ((?:a|an|the) \S.*)$"
)
_PRONOUNS = {"this", "that", "these", "those", "there", "it", "they", "here", "he", "she", "we"}
_DEFINITION_WORDS = 4  # words a definition's answer needs: `the user or app requesting ...`
# `The area of memory ... is called the **address space**`: a description, then its name.
_CALLED = re.compile(
    r"^(?P<what>[A-Z][^.;:?]{8,}?)\s(?P<verb>is|are)\s(?:called|known as|referred to as|termed)\s"
    r"(?P<article>(?:an?|the)\s)?(?P<term>\**[^.;:,()*]{2,60}\**(?:\s\([A-Za-z]{2,8}\))?)$"
)
_DESCRIPTION_OPENERS = {"a", "an", "the", "each", "every", "any", "all"}
_NOT_DESCRIPTIONS = {"this", "that", "these", "those", "it", "they", "when", "if", "which", "what"}
_SAYS_WHAT = re.compile(r"^((?:\S+ ){0,4}?\S+) (is|are|was|were) ((?:a|an|the) .+)$")
_MAX_HIDDEN = 0.6  # of the card's text: more leaves no question
# `You might get ...`, `It could take ages`: the writer guessing for the reader
_HEDGED = re.compile(r"\b(?:you|we|it|this|that)\s+(?:might|could|may)\b", re.IGNORECASE)
_EVERYDAY = 4.0  # Zipf: a hidden word this common, in such a sentence, asks nothing
_ALONE_WORDS = 8  # a sentence pointing back, this short, says nothing without what it points to
_WHOLE_BOLD = re.compile(r"\*\*([^*]+?)\*\*[.!]?")
_BOLD_SENTENCE = 6  # words in bold that make a sentence of their own, not a term
_MOST_HIDDEN = 0.7  # of a written cloze's text: more leaves nothing to ask from
_CLAUSE_WORDS = 4  # a highlight this long around a number marks a clause, not an answer
# A short name with a capital, a colon, and what it means: `SRR: Same-Region Replication`.
_TERM_LINE = re.compile(r"^\**([A-Z][\w/&+.-]*(?: [\w/&+.-]+){0,3})\**: (\S.{2,300})$")
# `Right Sizing - select the correct size`: a name, a spaced dash, and what it is (on a line of its
# own inside a paragraph or a list item's later lines; a list item's first line is its trait card).
_DASH_LINE = re.compile(r"^\**([A-Z][\w/&+.-]*(?: [\w/&+.:-]+){0,3})\**\s+[-–—]\s+(\S.{2,300})$")
# `OLTP ---> Transactions (real-time)`, `429 → throttling`: a short left side and what it leads to.
_ARROW = r"(?:-+>|=+>|→|⇒)"
_ARROW_LINE = re.compile(rf"^\**(\w[^>]{{0,40}}?)\**\s+{_ARROW}\s+(\S.{{2,300}})$")
_ARROWS = re.compile(rf"\s{_ARROW}\s")
# ARNs, IP addresses and example domains copied into a sentence.
_COPIED = re.compile(
    r"arn:aws|\bexample\.(?:com|org|net)\b|\b\d{1,3}(?:\.\d{1,3}){3}\b|\b[0-9a-f]{0,4}::[0-9a-f]{1,4}\b"
)
# `1) ...`, `(2) ...`: the numbered items of a list written inside a sentence.
_INLINE_ITEM = re.compile(r"(?:^|(?<=\s))\(?([1-9])\)\s+")
_LABEL_LEAD = re.compile(r"^[*_]{0,2}(\w+(?: tip)?)[*_]{0,2}\s*:[*_]{0,2}\s+")  # `**Note:** `
_LAST_JOINER = re.compile(r"\s+(?:and|or)$")  # `2) use reserved concurrency and`
_CONNECTIVE = re.compile(r"^(?:however|also|but|so|then|therefore|thus|finally),?\s+", re.I)
# `However, ...`, `Additionally, ...`: a word tying a sentence to the one before, which a card
# standing alone does without.
_OPENING_LINK = re.compile(
    r"^(?:however|additionally|furthermore|moreover|in addition|also|besides|that said),\s+", re.I
)
# `Although trail can be configured`: a clause that leads into a main one which never comes.
_LONE_CLAUSE = re.compile(r"^(?:although|though|whereas|unless|because|since)\b[^,;:]*$", re.I)
_TODO = re.compile(r"^\W*(?:todo|fixme|tbd)\b", re.I)  # a task the author left, no fact
_CITATION = re.compile(r"^\\?\[\^?\w{1,4}\\?\]:?\s")  # `[1] Author, *Title*`, `[^2]: ...`: a source
_PROMISES = re.compile(r"\b(?:why|as follows|the following|below)\W*$", re.I)
_DRAWING = re.compile(r"[\u2500-\u257f]")  # box-drawing characters: `│`, `┌`, `─`
_OPENERS = {"see", "think", "note", "example", "e.g.", "eg", "source", "links", "ref"}
_OPENERS |= {"below", "above", "here", "following", "click", "screenshot", "image", "diagram"}
_OPENERS |= GOES_ON  # `Or if URLs matter`: the line goes on from the one before


def statements_of(piece: Piece, scope: Scope) -> list[str]:
    """The sentences of a paragraph: lines ending a sentence, or a blockquote's lines, split."""
    lines = [
        markdown_of(line, scope.link_text) for line in line_pieces(schedule_free(piece.children))
    ]
    joined: list[str] = []
    for line in filter(None, lines):
        if field_line(line) or _TODO.match(line) or _CITATION.match(line):
            continue  # `rating:: 10`, `TODO: link to disk`, `[1] Henretta, *America's History*`
        continues = joined and not joined[-1].endswith((".", "!", "?", ":")) and line[:1].islower()
        if continues and not piece.quote:
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return [sentence for line in joined for sentence in sentences(line)]


# `This means ...`, `These records point to ...`, `They ...`, `If this pool is exceeded`: a
# sentence about the one before.
_POINTS_BACK = re.compile(
    r"^\W*(?:This|These|Those|They|(?:\w+,?\s+){1,3}(?:this|these|those|they)\s)\b"
    r"|^\W*(?:Another|Hence|Thus|Therefore|The same)\b"  # `Another explanation of ...`
)


def statement_cards(
    piece: Piece, scope: Scope, found: list[str], previous: str = ""
) -> list[Draft]:
    """One card per sentence of `found` (the piece's sentences no other card asks); `previous`
    is the sentence before the first of them."""
    drafts: list[Draft] = []
    if not found or _only_links(piece):
        return drafts
    parent = piece.parent
    for sentence in map(_unlabelled, found):
        points_back = _POINTS_BACK.match(sentence) is not None
        subject = sentence.split()[0].strip("*_").casefold() in _PRONOUNS  # `This feature ...`
        if points_back and not subject and not previous and len(sentence.split()) < _ALONE_WORDS:
            continue  # `In this case, "Linux swap".`: about a line this card could not show
        before, previous = (previous if points_back else ""), sentence
        term = _TERM_LINE.match(sentence) if not piece.depth else None
        arrow = None if _bold_conclusion(sentence) else _ARROW_LINE.match(sentence)
        term = term or arrow or _named_dash(sentence)
        if term and term.group(1).casefold() not in LABELS and not claim(term.group(1)):
            # `... **Vs EventBridge**: ... This is a serverless event bus`: a bold term inside a
            # paragraph starts its own topic, which the sentences after it are about.
            bold = sentence.startswith("**") and not piece.depth
            asked = replace(piece, parent="") if bold else piece
            drafts += _term_line(asked, scope, term.group(1), term.group(2))
            parent = term.group(1) if bold else parent
            previous = ""  # the sentences after a term are about the term, which the card shows
            continue
        listed = _inline_list(sentence)
        if listed:
            drafts.append(_inline_list_card(piece, scope, *listed))
            continue
        draft = statement_cloze(sentence, scope, piece.line, parent, before=before)
        if draft is not None:
            drafts.append(draft)
    return drafts


def _named_dash(sentence: str) -> re.Match[str] | None:
    """`Kendra - ML-powered document search`: a name (no small words, unlike `No need to
    install - ...`) and what it is, which does not only say the name again."""
    match = _DASH_LINE.match(sentence)
    if match is None or echoes(match.group(1), match.group(2)):
        return None
    named = not any(word.casefold() in FUNCTION_WORDS for word in match.group(1).split())
    return match if named else None


def _bold_conclusion(sentence: str) -> bool:
    """`More s-character → electrons held closer → **shorter, stronger bonds**`: a chain whose
    end the author set in bold asks that end (its cloze), not what its first step leads to."""
    return len(_ARROWS.findall(sentence)) > 1 and sentence.rstrip(" .").endswith("**")


def _unlabelled(sentence: str) -> str:
    """The sentence without a label in front: `**Note:** SNS pushes ...` -> `SNS pushes ...`."""
    label = _LABEL_LEAD.match(sentence)
    if not label:
        return sentence
    if label.group(1).casefold().split()[-1] not in LABELS and not filing_label(label.group(1)):
        return sentence  # `**Rule:** Lone pairs compress ...` is filed; `**Cost:** ...` is told
    rest = paired_marks(sentence[label.end() :])  # `_Note: ... **detection**._` kept in italics
    start = len(rest) - len(rest.lstrip("*_"))
    return rest[:start] + rest[start : start + 1].upper() + rest[start + 1 :]


def _inline_list(sentence: str) -> tuple[str, list[str]] | None:
    """`ensure that you: 1) use a trigger, 2) use reserved concurrency 3) ...`: lead and items."""
    if "1)" not in sentence:
        return None
    marks = list(_INLINE_ITEM.finditer(sentence))
    numbers = [mark.group(1) for mark in marks]
    if len(marks) < 2 or numbers != [str(n) for n in range(1, len(marks) + 1)]:
        return None
    lead = sentence[: marks[0].start()].strip().rstrip(":,").strip()
    lead = _CONNECTIVE.sub("", lead)  # `However, if you need ...`
    lead = lead[:1].upper() + lead[1:]
    ends = [mark.start() for mark in marks[1:]] + [len(sentence)]
    items = [sentence[mark.end() : end] for mark, end in zip(marks, ends, strict=True)]
    items = [_LAST_JOINER.sub("", item.strip().rstrip(",;:.").strip()) for item in items]
    if len(lead.split()) < 3 or not all(items):
        return None
    return lead, items


def _inline_list_card(piece: Piece, scope: Scope, lead: str, items: list[str]) -> Draft:
    """The items of an inline list as one answer, asked by the words that lead to them."""
    front = scope.standalone(lead, piece.line, piece.parent)
    back = "\n".join(f"- {item}" for item in items)
    return Draft(Origin.LIST, CardType.BASIC, normalise(f"{lead} list"), piece.line, front, back)


def statement_cloze(
    sentence: str,
    scope: Scope,
    line: int,
    parent: str = "",
    marked: bool = False,
    before: str = "",
) -> Draft | None:
    """A sentence as a cloze on what it states, standing alone; None when it asks nothing.

    `marked`: the author highlighted it, so a line in title case is a statement all the same.
    `before`: the sentence a `This ...` sentence points back to, shown in front of it.
    """
    sentence = MARKERS.sub("", sentence)  # `⚠️ Only one NAT gateway ...`
    whole = _WHOLE_BOLD.fullmatch(sentence)
    if whole and len(whole.group(1).split()) >= _BOLD_SENTENCE:
        sentence = whole.group(1)  # `**Sender must retransmit ... buffer overflow**`: stress on
        # a whole sentence marks no phrase, so the sentence is asked as if plain
    if not before and _OPENING_LINK.match(sentence):  # `However, fiber splitters do exist ...`
        sentence = _OPENING_LINK.sub("", sentence)
        sentence = sentence[:1].upper() + sentence[1:]
    if not scope.english or not _states_something(sentence, marked):
        return None  # a note in another language: English word lists cannot choose its phrases
    names = scope.names(line) + ([parent.casefold()] if parent else [])  # all the card shows
    defined = _term_defined(sentence, names, scope, line) if not before else None
    defined = defined or (_named_by(sentence, names, scope, line) if not before else None)
    if defined is not None:
        return defined
    stressed = _stressed_points(sentence, names)
    text = (
        cloze_spans(sentence, stressed)
        if stressed
        else cloze_phrases(sentence, names, scope.terms, scope.common)
    )
    if text is None:
        return None
    if _only_a_plain_word(text):
        return None  # `ensure it is {{valid}}`: one everyday word hidden asks nothing
    if _HEDGED.search(sentence) and _everyday_only(text):
        return None  # `You might get a {{dependency error}}`: a guess, told to the reader
    if hidden_share(text) > _MAX_HIDDEN / 2 and hides_all(text):
        return _what_it_is(sentence, scope, line)  # a cloze would hide the whole sentence
    text = f"{before} {text}" if before else text
    card_text = scope.standalone(text, line, parent)
    if hidden_share(card_text) > _MAX_HIDDEN:
        return _what_it_is(sentence, scope, line)
    return Draft(Origin.STATEMENT, CardType.CLOZE, normalise(sentence), line, text=card_text)


def _term_defined(sentence: str, names: list[str], scope: Scope, line: int) -> Draft | None:
    """`A Principal is the user or app requesting to be authenticated.`: a sentence defining a
    term of its own (capitalised, not the note's subject) asks `What is a **Principal**?`."""
    match = _DEFINES_TERM.match(sentence.rstrip(".").strip())
    if match is None:
        return None
    article, term, verb, answer = match.groups()
    if term.split()[0].casefold() in _PRONOUNS:
        return None  # `This is a ...`, `There are ...`: about something said before
    if _the_subject(term, names):
        return None  # the note's own subject (`Amazon SageMaker`): its statement cloze asks it
    if len(answer.split()) < _DEFINITION_WORDS or ranks(answer):
        return None  # `An EBS is a volume`: too little; `the major concern for ...`: a ranking
    asked = f"What {verb} {article.lower() + ' ' if article else ''}**{term}**?"
    where = scope.where(line)
    front = f"{where} › {asked}" if where else asked
    return Draft(Origin.DEFINITION, CardType.BASIC, normalise(asked), line, front, answer)


def _named_by(sentence: str, names: list[str], scope: Scope, line: int) -> Draft | None:
    """`Multiple ribosomes working on the same mRNA is called a **polysome**.`: a sentence
    naming what it describes asks `What is a **polysome**?`, the description the answer."""
    match = _CALLED.match(sentence.strip().rstrip("."))
    if match is None:
        return None
    what, article, term = match.group("what"), match.group("article") or "", match.group("term")
    term = term.strip("*_ ")
    if what.split()[0].casefold() in _NOT_DESCRIPTIONS or not 0 < len(term.split()) <= 6:
        return None  # `When this is called ...`, `This is called ...`: about what came before
    if "," in what or what.split()[-1].casefold() in _NOT_DESCRIPTIONS:
        return None  # `..., the account becomes the payer in what is called ...`: a clause
    opening = what.split()[0].casefold()
    if len(what.split()) < _DEFINITION_WORDS or opening in FUNCTION_WORDS - _DESCRIPTION_OPENERS:
        return None  # `A popular type is called ...`, `As a systematic activation ...`
    if _the_subject(term, names) or "$" in term:
        return None
    asked = f"What {match.group('verb')} {article}**{term}**?"
    where = scope.where(line)
    front = f"{where} › {asked}" if where else asked
    return Draft(Origin.DEFINITION, CardType.BASIC, normalise(asked), line, front, what)


def _the_subject(term: str, names: list[str]) -> bool:
    """True when a term names what the card shows already: the title, an alias or the heading,
    a maker's name aside (`Amazon SageMaker` under `SageMaker`)."""
    shown = {word for name in names for word in name.split()}
    named = set(term.casefold().split()) - VENDORS - {"the", "a", "an"}
    return term.casefold() in names or (bool(named) and named <= shown)


def _what_it_is(sentence: str, scope: Scope, line: int) -> Draft | None:
    """`Amazon SageMaker is a fully managed machine learning service.`: a sentence saying what
    the note's subject is, all of which a cloze would hide, asks `What is Amazon SageMaker?`."""
    match = _SAYS_WHAT.match(sentence.rstrip("."))
    if match is None:
        return None
    subject, verb, answer = match.group(1).strip("*_ "), match.group(2), match.group(3)
    names = scope.names(line)
    if not _the_subject(subject, names):
        return None  # `The key is a ...`: about something else than the note's subject
    where = " › ".join(
        part for part in scope.where(line).split(" › ") if part.casefold() not in names
    )
    asked = f"What {verb} **{subject}**?"
    front = f"{where} › {asked}" if where else asked
    return Draft(Origin.DEFINITION, CardType.BASIC, normalise(asked), line, front, answer)


_STRESSED = re.compile(r"\*\*([^*]+)\*\*")
_STRESSED_WORDS, _MOST_STRESSED = 8, 3
_SUBJECT_WORDS = 3  # bold within a sentence's first words marks its subject, not its point
# `there are **no** deadlocks`, `This is the **recommended** approach`: stress, not the point.
_STRESS_WORDS = {"recommended", "best", "important", "critical", "key", "always", "never"}


def _emphasis(bold: str) -> bool:
    """True for one bold word that stresses the sentence rather than naming its point."""
    word = bold.strip(" .,;").casefold()
    return " " not in word and (word in FUNCTION_WORDS or word in _STRESS_WORDS)


def _stressed_points(sentence: str, names: list[str]) -> list[tuple[int, int]]:
    """`ASGs provide **automatic scaling** and **self-healing** for EC2`: the phrases the author
    set in bold, when they are the sentence's points (not its label, its subject or most of it)."""
    if len(sentence.split()) < _STRESSED_WORDS or "**" not in sentence:
        return []
    spans = [
        match.span()
        for match in _STRESSED.finditer(sentence)
        if len(sentence[: match.start()].split()) >= _SUBJECT_WORDS  # `The **base** specifies`
        and not _emphasis(match.group(1))
        and not _shown_above(match.group(1), names)
        and not sentence[match.end() :].startswith(":")
        and not _inside_word(sentence, *match.span())  # `(**mal**icious soft**ware**)`
    ]
    hidden = sum(end - start for start, end in spans)
    if not spans or len(spans) > _MOST_STRESSED or hidden * 2 > len(sentence):
        return []
    return spans


def _inside_word(text: str, start: int, end: int) -> bool:
    """True for bold on part of a word: `**mal**icious`, `soft**ware**` spell a word out."""
    before = text[start - 1 : start]
    return before.isalnum() or text[end : end + 1].isalnum()


# `takes {{weeks}}`, `retries {{twice}}`: how long, how often or how much is still a fact.
_STILL_FACTS = DURATIONS | {"once", "twice", "never", "always", "half", "double"}
_PLAIN_ANSWER = 4.8  # Zipf: one lower-case word this common is no answer of a card alone


def _everyday_only(text: str) -> bool:
    """True when every word a cloze hides is an everyday English word in lower case."""
    hidden = " ".join(match.group(2) for match in CLOZE.finditer(text))
    words = re.findall(r"[\w'-]+", hidden)
    return bool(words) and all(
        word.islower() and word.isalpha() and rarity(word) >= _EVERYDAY for word in words
    )


def _only_a_plain_word(text: str) -> bool:
    """True when a cloze's one deletion is a single everyday word (`{{valid}}`, `{{results}}`)."""
    hidden = [match.group(2) for match in CLOZE.finditer(text)]
    if len(hidden) != 1:
        return False
    word = hidden[0]
    if word in _STILL_FACTS or "**{{" in text or "}}**" in text or "}} by default" in text:
        return False  # `takes {{weeks}}`, `**billed per {{organization}}**`: still a fact
    return word.isalpha() and word.islower() and rarity(word) >= _PLAIN_ANSWER


def _shown_above(bold: str, names: list[str]) -> bool:
    """True when the title or a heading the card shows already says the bold phrase (`Service
    Accounts` over `a **service account** is meant for automation`); a heading weighing two
    things (`Signed URLs vs. Signed Cookies`) asks which one, so it gives none away."""
    named = [name for name in names if not weighs_two(name)]  # `Signed URLs vs. Cookies`
    shown = {singular(word) for name in named for word in re.findall(r"[\w-]+", name.casefold())}
    words = [singular(word) for word in re.findall(r"[\w-]+", bold.casefold())]
    return bool(words) and all(word in shown for word in words)


def _only_links(piece: Piece) -> bool:
    """A line of links (`[[AWS Index]] [[2025-07-26]]`): navigation, not a statement."""
    depth, words = 0, 0
    for child in piece.children:
        depth += {"link_open": 1, "link_close": -1}.get(child.type, 0)
        if child.type == "text" and not depth:
            words += len(re.findall(r"\w+", child.content))
    return words == 0


def _term_line(piece: Piece, scope: Scope, term: str, meaning: str) -> list[Draft]:
    """`CRR: Cross-Region Replication` on a line of its own: the term asks its meaning.

    A bold line in title case (`**EC2 Types: The Foundation of Your Infrastructure**`) is a
    heading written in bold, no meaning of a term."""
    meaning = meaning.removesuffix("**") if meaning.count("**") % 2 else meaning
    bold_line = piece.inline is not None and piece.inline.content.lstrip("> ").startswith(
        ("**", "__")
    )
    if bold_line and _title_case(meaning.split()) and not meaning.endswith("."):
        return []
    where = scope.where(piece.line, drop=term, parent=piece.parent)
    front = f"{where} › {asked_term(term)}" if where else asked_term(term)
    key = normalise(term)
    return [Draft(Origin.STATEMENT, CardType.BASIC, key, piece.line, front, meaning.rstrip(" .;"))]


def _states_something(sentence: str, marked: bool = False) -> bool:
    """A sentence of a few words, not a question, a lead-in, a link list or a code line."""
    words = sentence.split()
    ends = sentence.rstrip("*_ \"'”’")  # `**Why is ACM important?**`, `"Which ...?"`: questions
    if not _MIN_WORDS <= len(words) <= _MAX_WORDS or ends.endswith(("?", ":")):
        return False
    if len(sentence) > _MAX_CHARS:
        return False  # a sentence around a console URL with its query: too long to read on a card
    if "{{c" in sentence or words[0].casefold().strip("*:,") in _OPENERS:
        return False
    if chatty(sentence):
        return False  # `Here's a short comparison ...`: the chat talking, not a fact
    if calculation(sentence):
        return False  # `CFO = Net income 25 + increase in payables 20 ...`: an example worked
    if _COPIED.search(sentence):
        return False  # a sentence around an ARN or an address explains a value, not a fact
    if _DRAWING.search(sentence):
        return False  # `│ • etcd (Cluster DB) │`: a box diagram drawn in text
    if "<%" in sentence:
        return False  # `Created <% tp.date.now() %>`: a template's command, never run
    if not marked and not sentence.endswith((".", "!")) and _title_case(words):
        return False  # `How IPsec Tunnels Work`: a heading written as a line
    if (cut_off(sentence) and not sentence.endswith(".")) or _LONE_CLAUSE.match(sentence):
        return False  # `It can be used for the`, `Although trail can be configured`
    if sentence.count("$$") % 2:
        return False  # `$$ are called the marginal distributions`: a display formula cut off
    if about_what_is_shown(sentence):
        return False  # `The code above has very simple logic`: the code is not on the card
    if _PROMISES.search(sentence):
        return False  # `There would be two main reasons why.`: what it says comes after it
    return len(_WORDLIKE.findall(sentence)) >= _MIN_WORDS - 1


def _title_case(words: list[str]) -> bool:
    """True when every word longer than three letters starts with a capital."""
    long = [word.strip("*_`\"'([") for word in words if len(word.strip("*_`\"'([")) > 3]
    return bool(long) and all(word[:1].isupper() for word in long)


def hidden_share(text: str) -> float:
    """How much of a cloze's text its deletions hide."""
    text = text.replace("**", "")  # bold marks are no words
    hidden = sum(len(part) for part in re.findall(r"\{\{c\d+::(.*?)\}\}", text))
    return hidden / max(len(re.sub(r"\{\{c\d+::|\}\}", "", text)), 1)


def _hides_a_clause_with_number(text: str) -> bool:
    """`Storage =={{auto scales in increments of 10GB}}== upto 128GB`: a highlight around a
    clause that holds a number marks it as important; the number is what to ask."""
    return any(
        len(match.group(2).split()) >= _CLAUSE_WORDS and has_quantity(match.group(2))
        for match in CLOZE.finditer(text)
    )


def asking_cloze(draft: Draft, scope: Scope) -> Draft | None:
    """A written cloze that names its subject and leaves a question.

    A highlight around a whole sentence hides it all: it becomes the cloze quizgen would make of
    that sentence (or no card).
    """
    if draft.type is not CardType.CLOZE or draft.origin is not Origin.EXPLICIT:
        return draft
    if hidden_share(draft.text) > _MOST_HIDDEN or _hides_a_clause_with_number(draft.text):
        sentence = CLOZE.sub(r"\2", draft.text)
        if not has_quantity(sentence):
            return statement_cloze(sentence.strip(), scope, draft.line, draft.about, marked=True)
        numbers = cloze_quantities(sentence)
        text = scope.standalone(numbers, draft.line, draft.about)
        return replace(draft, text=text, origin=Origin.QUANTITY)
    return replace(draft, text=scope.standalone(draft.text, draft.line, draft.about))
