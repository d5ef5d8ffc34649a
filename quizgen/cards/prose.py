"""Facts in plain prose: a sentence that states something becomes a cloze on what it states.

A sentence is cut into clauses (at commas, `;`, brackets and words such as `which`, `if`,
`because`). In each clause the words right after its verb are what it says about its subject
(`ACM is a {{regional service}}`); a clause with no verb (`off-host sessions`) hides its rarest
words instead. A sentence hides at most two such phrases, each a question of its own, and never
most of itself. The subject stays visible, and the note's title or heading goes in front when
the sentence does not name it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .blocks import Piece
from .draft import Draft, sentences
from .explicit import normalise
from .inline import line_pieces, markdown_of, schedule_free
from .model import CardType, Origin
from .scope import Scope
from .words import AUXILIARIES, FUNCTION_WORDS, PARTICIPLES, VERBS, rarity

__all__ = ["hidden_share", "statement_cards", "statement_cloze", "statements_of"]

_MIN_WORDS, _MAX_WORDS = 4, 45
_MAX_ANSWER_WORDS = 5
_MAX_HIDDEN = 0.6  # of the card's text: more leaves no question
_MAX_DELETIONS = 3
_LONG = 20  # words: a sentence this long may hide a third phrase
_RARE = 3.5  # Zipf: a term this rare (`S3`, `iSCSI`) is worth a question wherever it is
_COMMON = 5.0  # Zipf: a clause whose rarest word is this common asks nothing
_WORD = re.compile(r"\S+")
_DASHES = {"-", "–", "—", "--"}
# A short name with a capital, a colon, and what it means: `SRR: Same-Region Replication`.
_TERM_LINE = re.compile(r"^\**([A-Z][\w/&+.-]*(?: [\w/&+.-]+){0,3})\**: (\S.{2,300})$")
# Where a clause ends and another begins.
_CLAUSE_WORDS = {"which", "that", "where", "when", "whereas", "while", "if", "because", "unless"}
_CLAUSE_WORDS |= {"but", "so", "although", "though", "since", "whether", "than", "then", "until"}
_STOPS_AFTER = {"to", "for", "in", "on", "by", "with", "from", "at", "into", "via", "per", "than"}
_STOPS_AFTER |= {"as", "like", "such", "because", "if", "when", "unless", "using", "even"}
_JOINERS = {"or", "and", "of", "/", "&"}
_NAME_JOINERS = _JOINERS | {"as", "for", "a", "an", "the"}  # `Function as a Service`
_VERB_TAIL = {"not", "be", "been", "being", "only", "also", "always", "never", "often", "still"}
_VERB_TAIL |= {"just", "usually", "generally", "automatically", "directly", "out", "up"}
# `Note: ...`, `Source: ...`: labels of a line, not terms with a meaning.
_LABELS = {"note", "important", "example", "warning", "tip", "source", "see", "todo", "update"}
_LABELS |= {"answer", "question", "q", "a", "url", "link", "links", "date", "created", "updated"}
_LABELS |= {"tags", "tag", "author", "status", "type", "ref", "references", "summary", "eg"}
_OPENERS = {"see", "think", "note", "example", "e.g.", "eg", "source", "links", "ref"}


@dataclass(frozen=True)
class _Word:
    """A word of a sentence: where it sits in the Markdown and how it reads."""

    start: int
    end: int
    text: str  # lower-case, without Markdown marks and punctuation around it
    stop: bool  # punctuation after it ends a clause
    opens: bool  # it opens a bracket: `(FaaS)`
    capital: bool  # written with a capital: part of a name


def statements_of(piece: Piece, scope: Scope) -> list[str]:
    """The sentences of a paragraph: lines ending a sentence, or a blockquote's lines, split."""
    lines = [
        markdown_of(line, scope.link_text) for line in line_pieces(schedule_free(piece.children))
    ]
    joined: list[str] = []
    for line in filter(None, lines):
        continues = joined and not joined[-1].endswith((".", "!", "?", ":")) and line[:1].islower()
        if continues and not piece.quote:
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return [sentence for line in joined for sentence in sentences(line)]


def statement_cards(piece: Piece, scope: Scope, skip: set[str]) -> list[Draft]:
    """One cloze per sentence that states something; sentences in `skip` have a card already."""
    drafts: list[Draft] = []
    if _only_links(piece):
        return drafts
    for sentence in statements_of(piece, scope):
        if sentence in skip:
            continue
        term = _TERM_LINE.match(sentence) if not piece.depth else None
        if term and term.group(1).casefold() not in _LABELS:
            drafts += _term_line(piece, scope, term.group(1), term.group(2))
            continue
        draft = statement_cloze(sentence, scope, piece.line, piece.parent)
        if draft is not None:
            drafts.append(draft)
    return drafts


def statement_cloze(sentence: str, scope: Scope, line: int, parent: str = "") -> Draft | None:
    """A sentence as a cloze on what it states, standing alone; None when it asks nothing."""
    if not _states_something(sentence):
        return None
    text = _cloze(sentence, scope.names(line))
    if text is None:
        return None
    card_text = scope.standalone(text, line, parent)
    if hidden_share(card_text) > _MAX_HIDDEN:
        return None
    return Draft(Origin.STATEMENT, CardType.CLOZE, normalise(sentence), line, text=card_text)


def _only_links(piece: Piece) -> bool:
    """A line of links (`[[AWS Index]] [[2025-07-26]]`): navigation, not a statement."""
    depth, words = 0, 0
    for child in piece.children:
        depth += {"link_open": 1, "link_close": -1}.get(child.type, 0)
        if child.type == "text" and not depth:
            words += len(re.findall(r"\w+", child.content))
    return words == 0


def _term_line(piece: Piece, scope: Scope, term: str, meaning: str) -> list[Draft]:
    """`CRR: Cross-Region Replication` on a line of its own: the term asks its meaning."""
    where = scope.where(piece.line, drop=term, parent=piece.parent)
    front = f"{where} › **{term}**" if where else f"**{term}**"
    key = normalise(term)
    return [Draft(Origin.STATEMENT, CardType.BASIC, key, piece.line, front, meaning.rstrip("."))]


def _states_something(sentence: str) -> bool:
    """A sentence of a few words, not a question, a lead-in, a link list or a code line."""
    words = sentence.split()
    if not _MIN_WORDS <= len(words) <= _MAX_WORDS or sentence.endswith(("?", ":")):
        return False
    if "{{c" in sentence or words[0].casefold().strip("*:,") in _OPENERS:
        return False
    return sum(any(ch.isalpha() for ch in word) for word in words) >= _MIN_WORDS - 1


def _cloze(sentence: str, names: list[str]) -> str | None:
    """The sentence with up to two phrases hidden, or None when nothing is worth asking."""
    words = _words(sentence)
    spans = []
    clauses = _clauses(words)
    for number, clause in enumerate(clauses):
        if not _askable(words, clause, number, len(clauses)):
            continue
        spans += _answers(words, clause, names)
    most = _MAX_DELETIONS + (len(words) >= _LONG)
    spans = sorted(spans, key=lambda span: _score(words, span))[:most]
    if not spans:
        return None
    spans = [span for span in spans if _balanced(sentence, words, span)]
    spans = [span for span in sorted(spans) if not any(o[1] + 1 == span[0] for o in spans)]
    if not spans:
        return None
    parts, last = [], 0
    for number, (first, last_word) in enumerate(sorted(spans), 1):
        start, end = words[first].start, words[last_word].end
        parts += [sentence[last:start], f"{{{{c{number}::{sentence[start:end]}}}}}"]
        last = end
    return "".join(parts) + sentence[last:]


def _balanced(sentence: str, words: list[_Word], span: tuple[int, int]) -> bool:
    """True when hiding the span cuts no bold, code or link in two."""
    hidden = sentence[words[span[0]].start : words[span[1]].end]
    pairs = hidden.count("**") % 2 == 0 and hidden.count("`") % 2 == 0
    return (
        pairs and hidden.count("[") == hidden.count("]") and hidden.count("(") == hidden.count(")")
    )


def _words(sentence: str) -> list[_Word]:
    """The words of a sentence with their Markdown marks and punctuation trimmed off."""
    found: list[_Word] = []
    for match in _WORD.finditer(sentence):
        raw = match.group()
        lead = len(raw) - len(raw.lstrip("*_`(\"'[~"))
        core = raw.strip("*_`(\"'[~").rstrip("*_`)\"']~.,;:!?")
        end = match.start() + lead + len(core)
        stop = bool(re.search(r"[,;:()\[\]]|[.!?]$", raw[lead + len(core) :]))
        if core in _DASHES and found:
            found[-1] = replace(found[-1], stop=True)  # `session state - it scales`: two points
            continue
        if not core:
            continue
        opens = "(" in raw[:lead] or "[" in raw[:lead]
        found.append(
            _Word(match.start() + lead, end, core.casefold(), stop, opens, core[0].isupper())
        )
    return found


def _clauses(words: list[_Word]) -> list[list[int]]:
    """Indexes of the words of each clause."""
    clauses: list[list[int]] = [[]]
    for index, word in enumerate(words):
        if (word.text in _CLAUSE_WORDS or word.opens) and clauses[-1]:
            clauses.append([])
        clauses[-1].append(index)
        if word.stop:
            clauses.append([])
    return [clause for clause in clauses if clause]


def _askable(words: list[_Word], clause: list[int], number: int, count: int) -> bool:
    """Clauses worth a question: not a bracket aside nor a lead-in with no verb (`By default,`)."""
    if words[clause[0]].opens:
        return all(words[i].capital or words[i].text in FUNCTION_WORDS for i in clause)
    has_verb = any(words[i].text in VERBS for i in clause)
    if has_verb or count == 1 or number > 0:
        return True
    # `By default,` / `BGP peers, or neighbors, exchange ...`: a lead-in or the subject.
    return not (words[clause[0]].text in FUNCTION_WORDS or words[clause[0]].capital)


def _answers(words: list[_Word], clause: list[int], names: list[str]) -> list[tuple[int, int]]:
    """What a clause says: the phrase after its verb (or its rarest phrase), and a rare term."""
    verb = next((i for i in clause if words[i].text in VERBS and not words[i].capital), None)
    if verb is None:
        verb = _unknown_verb(words, clause)
    if verb == clause[-1]:
        verb = None  # `... at any scale`: a word that could be a verb ends the clause
    predicate = [i for i in clause if verb is None or i > verb]
    span = _after_verb(words, clause, verb) if verb is not None else None
    found = [span] if span else []
    rest = [i for i in predicate if not span or not span[0] <= i <= span[1]]
    rare = _rarest_phrase(words, rest, _RARE)
    if rare and (not span or _score(words, rare) < _score(words, span)):
        found.append(rare)  # `stored in S3`: a term rarer than the phrase is asked too
    if not found and (rare := _rarest_phrase(words, predicate, _COMMON)):
        found.append(rare)
    return [found_span for found_span in found if not _names_subject(words, found_span, names)]


def _unknown_verb(words: list[_Word], clause: list[int]) -> int | None:
    """A verb missing from the list, by its place: `listens on ...`, `Lambda responds with ...`."""
    first = clause[0]
    if words[first].capital and len(clause) >= 4:
        at = first + 1  # `Snaps restore lazily`: the word after a name
        plain = not words[at].capital and words[at].text not in FUNCTION_WORDS
        return at if plain and not words[at].text.endswith(("ly", "ing")) else None
    text = words[first].text
    if text in FUNCTION_WORDS or not text.endswith("s") or text.endswith(("ss", "us", "is")):
        return None
    return first if rarity(text) > 0 else None


def _after_verb(words: list[_Word], clause: list[int], verb: int) -> tuple[int, int] | None:
    """The phrase right after a clause's verb group: `is [a] regional service [that]`."""
    rest = [i for i in clause if i > verb]
    modal = words[verb].text not in ("is", "are", "was", "were", "am")
    skipped = None
    while rest and words[verb].text in AUXILIARIES and _in_verb_group(words[rest[0]].text, modal):
        if skipped is not None and words[rest[0]].text.endswith("ly"):
            break  # `is stored locally`: an adverb after the participle is what it says
        modal = modal and words[rest[0]].text in _VERB_TAIL  # one main verb after a modal
        word = rest.pop(0)
        skipped = word if _participle(words[word].text) else skipped
    while rest and words[rest[0]].text in _VERB_TAIL - {"be", "been", "being"}:
        rest.pop(0)  # `stores only ...`, `listens always on ...`
    rest = _object_start(words, rest)
    phrase = _phrase(words, rest)
    after = phrase[1] + 1 if phrase else 0
    if phrase and phrase[0] == phrase[1] and after + 1 < len(words) and words[after].text == "to":
        # `It is possible to create new volumes`: what is possible is the answer.
        phrase = _phrase(words, _object_start(words, [i for i in rest if i > after + 1])) or phrase
    if phrase is None and skipped is not None and words[skipped].text not in FUNCTION_WORDS:
        phrase = (skipped, skipped)  # `if they are generated`: the participle is what it says
    return phrase


def _object_start(words: list[_Word], rest: list[int]) -> list[int]:
    """`rest` from its first content word: articles, prepositions and `to <verb>` left out."""
    rest = list(rest)
    while rest and words[rest[0]].text in FUNCTION_WORDS:
        small = words[rest.pop(0)].text
        if small == "to" and rest and words[rest[0]].text in VERBS:
            rest.pop(0)  # `offered to create a snapshot`: what is created is the answer
    return rest


def _in_verb_group(text: str, modal: bool) -> bool:
    """Words that belong to the verb: `be`, adverbs, participles, a modal's main verb."""
    if text in VERBS or text in _VERB_TAIL or text.endswith("ly"):
        return True
    if text in FUNCTION_WORDS:
        return False
    return modal or _participle(text)


def _participle(text: str) -> bool:
    """`generated`, `chosen`, `made`: a verb form that ends a noun phrase."""
    return text.endswith(("ed", "en")) or text in PARTICIPLES


def _phrase(words: list[_Word], rest: list[int]) -> tuple[int, int] | None:
    """Up to five words from the start of `rest`, ending before a preposition or a comma."""
    taken: list[int] = []
    for index in rest:
        text = words[index].text
        if _small(text) and not (_in_name(words, taken, index) and text in _NAME_JOINERS):
            break
        if len(taken) == _MAX_ANSWER_WORDS or (taken and words[index].opens):
            break
        adverb = taken and words[taken[-1]].text.endswith("ly")
        if taken and _participle(text) and not words[index].capital and not adverb:
            break
        if "/" in text and text.count("/") > 1:
            return None  # a path or a URL, not a phrase to recall
        taken.append(index)
        if words[index].stop:
            break
    while taken and words[taken[-1]].text in _JOINERS:
        taken.pop()
    if not taken or words[taken[0]].text in _JOINERS:
        return None
    return taken[0], taken[-1]


def _small(text: str) -> bool:
    """A word that ends a phrase: a preposition, an article, a pronoun..."""
    return text in _STOPS_AFTER or (text in FUNCTION_WORDS and text not in _JOINERS)


def _in_name(words: list[_Word], taken: list[int], index: int) -> bool:
    """`Function as a Service`: small words inside a name written with capitals."""
    if not taken or not words[taken[-1]].capital or words[taken[-1]].stop:
        return False
    after = next((w for w in words[index + 1 : index + 3] if w.text not in FUNCTION_WORDS), None)
    return after is not None and after.capital and not after.opens


def _rarest_phrase(words: list[_Word], clause: list[int], common: float) -> tuple[int, int] | None:
    """The run of content words holding the rarest word of a clause with no verb."""
    runs: list[list[int]] = []
    for index in clause:
        content = words[index].text not in FUNCTION_WORDS and words[index].text not in VERBS
        if (
            content
            and runs
            and runs[-1]
            and runs[-1][-1] == index - 1
            and not words[index - 1].stop
        ):
            runs[-1].append(index)
        elif content:
            runs.append([index])
    runs = [
        run[:_MAX_ANSWER_WORDS]
        for run in runs
        if any(ch.isalpha() for i in run for ch in words[i].text)
    ]
    if not runs:
        return None
    best = min(runs, key=lambda run: min(rarity(words[i].text) for i in run))
    if min(rarity(words[i].text) for i in best) > common:
        return None
    return best[0], best[-1]


def _names_subject(words: list[_Word], span: tuple[int, int], names: list[str]) -> bool:
    """True when the phrase is only the note's own subject (its title or heading)."""
    phrase = " ".join(words[i].text for i in range(span[0], span[1] + 1))
    return phrase in names or all(
        words[i].text in FUNCTION_WORDS for i in range(span[0], span[1] + 1)
    )


def _score(words: list[_Word], span: tuple[int, int]) -> float:
    """Lower is better: the rarity of the rarest word of the phrase."""
    return min(rarity(words[i].text) for i in range(span[0], span[1] + 1))


def hidden_share(text: str) -> float:
    """How much of a cloze's text its deletions hide."""
    hidden = sum(len(part) for part in re.findall(r"\{\{c\d+::(.*?)\}\}", text))
    return hidden / max(len(re.sub(r"\{\{c\d+::|\}\}", "", text)), 1)
