"""What a sentence states, and which of its phrases a cloze hides.

A sentence is cut into clauses (at commas, `;`, brackets and words such as `which`, `if`,
`because`). Each clause offers phrases to hide, each with a score (lower is better: the Zipf
rarity of its rarest word, from `wordfreq`):

- the words right after its verb: what it says about its subject (`ACM is a {{regional service}}`);
- the object of each preposition after the verb (`a connection over the {{public internet}}`);
- a rare term anywhere after the verb (`stored in {{S3}}`);
- a term of the vault (a note title, alias or heading, a bold term) or a bold phrase of the
  sentence, favoured: the author marked it as a key term;
- in a clause with no verb, its rarest run of words (`{{off-host}} sessions`).

The best phrases that do not touch win: three, or four in a long sentence. The note's own
subject is never hidden.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from .asides import examples, glosses
from .enumerations import enumerations
from .marks import (
    BOLD,
    CODE,
    balanced,
    bold_wrapped,
    cuts_a_mark,
    inside_marks,
    inside_spelled,
    marked,
    spelled_after,
    spelled_before,
)
from .negations import denied_action, is_denial
from .render import cloze_spans
from .sentence import (
    CLAUSE_WORDS,
    LIST_JOINERS,
    Span,
    Word,
    acts,
    adverb_of_verb,
    participle,
    third_person,
    words_of,
)
from .speech import (
    only_adjective,
    only_adverb,
    only_verb,
    only_verb_form,
    past_form,
    past_tense,
)
from .words import (
    AUXILIARIES,
    BE_FORMS,
    DURATIONS,
    FUNCTION_WORDS,
    HOW_OFTEN,
    KIND_NOUNS,
    PARTICLES,
    PRAISE,
    VENDORS,
    VERBS,
    acts_as_verb,
    filing_label,
    rarity,
    singular,
)

__all__ = ["cloze_phrases", "phrase_spans"]

_MAX_ANSWER_WORDS = 5
_MAX_DELETIONS = 3
_COMPARED = re.compile(r"\b(?:inverse|opposite|reverse|same|similar|equivalent)\b", re.I)
_LONGEST_COMMAND = 40  # characters of code a sentence opens with that a cloze may ask for
_LONG = 20  # words: a sentence this long may hide a fourth phrase
_WORDS_A_DELETION = 5  # words of a sentence for each phrase it hides, up to _MAX_DELETIONS
_RARE = 3.5  # Zipf: a term this rare (`S3`, `iSCSI`) is worth a question wherever it is
_COMMON = 5.0  # Zipf: a clause whose rarest word is this common asks nothing
_TOO_COMMON = 5.3  # Zipf: one word this common (`used`, `good`) is no answer on its own
_WORTH_ASKING = 4.6  # Zipf: a preposition's object more common than this asks too little
_RARE_GENUS = 4.0  # Zipf: one noun after `is a` this common (`a {{connection}} over`) asks nothing
_PLAIN_BESIDE = 4.2  # Zipf: one word this common is dropped beside a better phrase
_PLAIN_TERM = 3.3  # Zipf: a word the note repeats, this common in English, is asked only alone
_ECHO = 6  # first letters that make two words forms of one: `prefix`/`prefixes`, `encryption`
_OBJECT_COST = 0.5  # a preposition's object is asked a little less readily than the main phrase
_EMPHASIS = 1.0  # score of a common word written in capitals for emphasis: `NEVER`
_TERM_BONUS = 1.5  # a vault term or a bold phrase is asked more readily
_MAIN_BONUS = 0.5  # what a clause says of its subject, right after the verb, is asked first
_LIST_BONUS = 0.1  # a list written in the sentence (`iSCSI, NFS or SMB`) is asked before its items
_CARD_SYNTAX = ("==", "::", "{{", "}}")
_TAG_ONLY = re.compile(r"`?<[^<>]+>`?")  # `<Directory>`, `<stdlib.h>`: code that looks like HTML
_NOTE_ID = re.compile(r"\d{12}|\w#\w")  # a Zettelkasten id or a `Note#Heading` link target
# ARNs, hosts, IPv4 and IPv6 addresses, keys with colons: copied text, not something to recall.
_ADDRESS = re.compile(r"\w:\S|\w\.\w+\.\w|^\d+\.\d+\.|::")
_STOPS_AFTER = {"to", "for", "in", "on", "by", "with", "from", "at", "into", "via", "per", "than"}
_STOPS_AFTER |= {"due"}  # `in {{pericarditis}} due to ...`
_STOPS_AFTER |= {"as", "like", "such", "because", "if", "when", "unless", "using", "even"}
_PREPOSITIONS = {"over", "between", "using", "with", "via", "in", "on", "into", "from", "to", "by"}
_PREPOSITIONS |= {"across", "through", "for", "within", "without", "like", "as", "at"}
_JOINERS = {"or", "and", "of", "/", "&", "+"}
_ARTICLES = {"the", "a", "an"}
# `**Key Difference**: ...`, `**Crucial Rule** - ...`: a bold label in front of a sentence.
_LABEL_LEAD = re.compile(r"^(?:[-*+]\s+)?\*\*([^*]{1,40})\*\*\s*(?::|[-–—]\s)")
_LIST_MARKS = {"and", "or", "&", "+"}  # `the code + the configuration`: one answer of two
# Words before a phrase that carry the fact: `has {{no endpoints}}`, `{{only one}} writer`.
_QUANTIFIERS = {"no", "not", "only", "all", "every", "each", "never", "one", "single"}
_NAME_JOINERS = _JOINERS | {"as", "for", "a", "an", "the"}  # `Function as a Service`
_IDIOMS = {("by", "default"), ("for", "example"), ("for", "instance"), ("in", "general")}
_IDIOMS |= {
    ("in", "practice"),
    ("of", "course"),
    ("in", "addition"),
    ("in", "order"),
    ("in", "fact"),
}
_IDIOMS |= {("at", "least"), ("at", "most"), ("in", "total"), ("on", "average"), ("by", "design")}
_IDIOMS |= {("in", "conjunction"), ("in", "front"), ("in", "charge"), ("in", "case")}
_IDIOMS |= {("in", "terms"), ("on", "top"), ("on", "behalf"), ("in", "place"), ("in", "turn")}
_IDIOMS |= {("in", "advance"), ("in", "practice"), ("in", "general"), ("at", "once")}
# A vendor in front of a name: `Amazon SageMaker` is the subject of a note on SageMaker.
# Words after which a name is given: `a role called an execution role`, `known as ...`.
_DEFAULT = ("by", "default")
_DEFAULT_WORDS = 3  # words before `by default` that say what holds
_NAMING = {"called", "named", "dubbed", "termed"}
_CALLING = {"call", "calls", "name", "names"}  # `we call this ...`: a name given, after `this`
_THIS = {"this", "it", "these", "them", "that"}
# Adverbs that say how a system behaves, a fact of their own: `it will {{immediately}} route`.
_HOW_ADVERBS = {"immediately", "automatically", "manually", "synchronously", "asynchronously"}
_HOW_ADVERBS |= {"instantly", "permanently", "temporarily", "locally", "globally", "lazily"}
_HOW_ADVERBS |= {"incrementally", "atomically", "transparently", "explicitly", "implicitly"}
_HOW_ADVERBS |= {"concurrently", "sequentially", "independently", "privately", "publicly"}
_NUMBER_WORDS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
# `It's immutable`, `they're stateless`: a pronoun and `is`/`are` in one word.
_IS_CONTRACTED = {"it's", "it’s", "that's", "that’s", "they're", "they’re", "there's", "there’s"}
_IS = (BE_FORMS - {"be", "been", "being"}) | _IS_CONTRACTED  # what a subject is, said after it
_BE = BE_FORMS | _IS_CONTRACTED
# Verbs that are never nouns too (unlike `cost`, `use`, `store`): the start of what is said.
_ONLY_VERBS = {"allow", "allows", "enable", "enables", "provide", "provides", "create", "creates"}
_ONLY_VERBS |= {"make", "makes", "generate", "replicate", "manage", "manages", "move", "retrieve"}
_ONLY_VERBS |= {"deploy", "define", "ensure", "prevent", "protect", "reduce", "improve", "give"}
_ONLY_VERBS |= {"encrypt", "decrypt", "invoke", "attach", "assign", "get", "gets", "keep", "send"}
_ONLY_VERBS |= {"receive", "select", "choose", "include", "includes", "require", "requires"}
_ONLY_VERBS |= {"handle", "handling", "configure", "specify", "grant"}
_NOT_ANSWERS = {"eg", "e.g", "e.g.", "ie", "i.e", "i.e.", "etc", "vs", "ex", "once", "also", "etc."}
_LINKING = {"hence", "thus", "therefore", "however", "moreover", "otherwise", "instead"}
_NOT_ANSWERS |= _LINKING
_SPACES = re.compile(r"[\s_]+")  # between the words of a name: `iam_identity_center`
_CLAIM_VERBS = {"is", "are", "was", "were", "must", "should", "cannot", "can't", "won't"}
_BEFORE_VERB = {"to", "can", "cannot", "will", "must", "should", "may", "might", "could", "would"}
_BEFORE_VERB |= {"just", "simply", "please"}
_VERB_TAIL = {"not", "be", "been", "being", "only", "also", "always", "never", "often", "still"}
_VERB_TAIL |= {"just", "usually", "generally", "automatically", "directly", "out", "up"}
_RELATIVES = {"which", "that", "who"}
_ING_LEADS = {"by", "when", "while", "without", "after", "before", "through"}
_OBJECT_PRONOUNS = {"them", "it", "him", "her", "us", "this", "these", "those"}
_DETERMINERS = {"a", "an", "the", "their", "its", "his", "her", "many", "some", "most", "all"}
# Words a place or a thing follows after `to` (`bind to albumin`), never a verb's infinitive.
_TO_PLACES = {"bind", "binds", "bound", "attach", "attaches", "attached", "connect", "connects"}
_TO_PLACES |= {"connected", "send", "sends", "sent", "move", "moves", "moved", "belong"}
_TO_PLACES |= {"belongs", "refer", "refers", "point", "points", "apply", "applies", "add", "adds"}
_TO_PLACES |= {"added", "map", "maps", "mapped", "convert", "converts", "converted", "return"}
_TO_PLACES |= {"returns", "returned", "redirect", "redirects", "forward", "forwards", "deliver"}
_TO_PLACES |= {"delivers", "delivered", "transfer", "transfers", "transferred", "route"}
_TO_PLACES |= {"routes", "routed", "upload", "uploads", "uploaded", "copy", "copies", "copied"}
_TO_PLACES |= {"export", "exports", "exported", "link", "links", "linked", "lead", "leads"}
_TO_PLACES |= {"led", "similar", "equal", "close", "next", "due", "access", "according"}
_TO_PLACES |= {"compared", "relative", "related", "assigned", "given", "pushed", "published"}
_SUBJECT_PRONOUNS = {"it", "he", "she", "this", "that", "which", "who"}
_VERB_TAIL |= {"now", "already", "currently", "then", "typically", "normally", "mostly"}
_VERB_TAIL |= {"first", "again", "later", "instead", "anyway"}


def cloze_phrases(
    sentence: str, names: list[str], terms: frozenset[str], common: frozenset[str] = frozenset()
) -> str | None:
    """The sentence with its best phrases hidden as `{{cN::...}}`, or None if none is worth it.

    `names` are the note's own subject (never hidden); `terms` the vault's key terms, lower-case;
    `common` the words the note uses all the time (singular), which alone ask nothing.
    """
    spans = phrase_spans(sentence, names, terms, common=common)
    return cloze_spans(sentence, spans) if spans else None


def phrase_spans(
    sentence: str,
    names: list[str],
    terms: frozenset[str],
    taken: Sequence[tuple[int, int]] = (),
    most: int | None = None,
    rarer: float = 9.0,
    common: frozenset[str] = frozenset(),
) -> list[tuple[int, int]]:
    """(start, end) in the sentence of the phrases worth hiding, in sentence order.

    `taken` are stretches another rule already hides (a quantity): no phrase touches them;
    `most` caps how many phrases are chosen, `rarer` how common their rarest word may be (Zipf).
    A phrase made only of `common` words is no answer unless the author set it in bold or code
    or it is a vault term: `If a {{pod}} crashes` in a note on pods asks nothing.
    """
    words = words_of(sentence)
    scored: dict[Span, float] = {}
    termed: set[Span] = set()  # the phrases holding a vault term
    clauses = _clauses(words)
    for number, clause in enumerate(clauses):
        if _askable(words, clause, number, len(clauses)):
            for span, score in _candidates(words, clause, names):
                scored[span] = min(score, scored.get(span, score))
    spans = _term_spans(sentence, words, terms, names)
    subjects = _subject_ends(words, clauses) if spans and scored else []
    for span in spans:
        if scored and _in_subject(sentence, words, span, subjects):
            continue  # `{{Health checks}} just check ...`: what is said of a term is asked
        holders = [
            other
            for other in scored
            if other[0] <= span[0] and span[1] <= other[1] and balanced(sentence, words, other)
        ]
        for holder in holders or [span]:  # `a {{final snapshot}}`, not `a final {{snapshot}}`
            scored[holder] = min(scored.get(holder, 9.0), _score(words, holder) - _TERM_BONUS)
            termed.add(holder)
    for span in enumerations(words):
        scored[span] = min(scored.values(), default=_score(words, span)) - _LIST_BONUS
    if taken or rarer < 9.0:
        scored = {
            span: score
            for span, score in scored.items()
            if (span in termed or _score(words, span) < rarer) and not _touches(words, span, taken)
        }
    given = examples(sentence)
    if given:  # `(e.g., {{10 seconds}}, 1 minute)`: an example is no fact to recall
        scored = {
            span: score
            for span, score in scored.items()
            if not any(begin <= words[span[0]].start < end for begin, end in given)
        }
    if common:
        stretches = marked(sentence)
        complements = _complements(words, clauses)
        scored = {
            span: score
            for span, score in scored.items()
            if span in termed
            or not _all_common(words, span, common)
            or inside_marks(words, span, stretches)
            or span in complements  # `They are {{stateful}}`, however often
        }
    chosen = _best(sentence, words, scored, names, most)
    if common and len(chosen) > 1:  # `a {{pod}} on each {{node}}`: the note's own words, only
        plain = [span for span in chosen if _all_common(words, span, common)]  # when alone
        plain = [span for span in plain if not inside_marks(words, span, stretches)]
        plain = [span for span in plain if _score(words, span) > _PLAIN_TERM]
        chosen = [span for span in chosen if span not in plain] or chosen
    if len(chosen) > 1:  # `{{c1::EC2 instances}} ... {{c2::running}}`: a plain word beside
        # `is {{faster}}`: what a subject is, however plain (not a verb's form: `is required`)
        said = {  # not `is {{required}}`; `is {{policy-driven}}` is an adjective
            s
            for s in _complements(words, clauses)
            if "-" in words[s[0]].text or not participle(words[s[0]].text)
        }
        plain = [s for s in chosen if _plain_beside(sentence, words, s) and s not in said]
        chosen = [span for span in chosen if span not in plain] or chosen
        verbs = [span for span in chosen if _passive_verb(words, span)]
        chosen = [span for span in chosen if span not in verbs] or chosen
    chosen = _with_quantifiers(sentence, words, chosen)
    command = _code_subject(sentence, words, names) if most is None else None
    command = command or (_only_subject(words, names) if most is None else None)
    if command:  # `{{setfacl}} allows us to set the ACL`: which command does it is the question
        others = [span for span in chosen if span[0] > command[1] + 1]
        chosen = [command] + others[: max(1, _most(words) - 1)]  # and what it does, if asked
    if most is None:  # an aside in brackets is asked as well: `billed ... ({{high water mark}})`
        chosen = sorted(chosen + _asides(sentence, words, chosen, common))
    # `{{NoSQL managed Database-as-a-Service (DBaaS)}}`: shown, the initials would give it away
    chosen = [_spelled_whole(sentence, words, span) for span in chosen]
    chosen = [s for s in chosen if not any(o != s and o[0] <= s[0] <= s[1] <= o[1] for o in chosen)]
    spans = [
        bold_wrapped(sentence, words[first].start, _end(sentence, words, (first, last)))
        for first, last in chosen
    ]
    return [(start, end) for start, end in spans if not cuts_a_mark(sentence[start:end])]


def _spelled_whole(sentence: str, words: list[Word], span: Span) -> Span:
    """The phrase with the abbreviation in brackets that spells it, unless taking it in would
    cut a bold run in two (`**{{end-stage renal disease** (ESRD)}}`)."""
    grown = spelled_after(sentence, words, span)
    hidden = sentence[words[grown[0]].start : _end(sentence, words, grown)]
    return span if cuts_a_mark(hidden) else grown


def _end(sentence: str, words: list[Word], span: Span) -> int:
    """Where a phrase ends: after the bracket its last word opens and closes (`... (DBaaS)`)."""
    last = words[span[1]]
    closes = span[0] < span[1] and last.opens and sentence[last.end : last.end + 1] == ")"
    return last.end + closes


def _subject_ends(words: list[Word], clauses: list[list[int]]) -> list[tuple[int, int]]:
    """(first word, verb) of each clause with a verb: the stretch its subject stands in."""
    found = []
    for clause in clauses:
        verb = _verb(words, clause)
        if verb is not None and verb > clause[0]:
            found.append((clause[0], verb))
    return found


def _in_subject(
    sentence: str, words: list[Word], span: Span, subjects: list[tuple[int, int]]
) -> bool:
    """True when a term is a clause's plain subject: not in bold, not one of several (`Both
    Parameter Store and Secrets Manager provide ...`)."""
    for start, verb in subjects:
        if start <= span[0] and span[1] < verb:
            joined = any(words[i].text in _JOINERS or words[i].comma for i in range(start, verb))
            return not joined and not sentence[: words[span[0]].start].endswith("**")
    return False


def _complements(words: list[Word], clauses: list[list[int]]) -> set[Span]:
    """What `is`/`are` says a subject is (`They are {{stateful}}`), clause by clause."""
    found = set()
    for clause in clauses:
        verb = _verb(words, clause)
        if verb is not None and words[verb].text in _IS - {"was", "were", "am"}:
            main = _after_verb(words, clause, verb)
            between = range(verb + 1, main[0]) if main is not None else range(0)
            after = words[main[1] + 1].text if main and main[1] + 1 < len(words) else ""
            if (
                main
                and all(words[i].text in FUNCTION_WORDS for i in between)
                and not participle(after)
            ):
                found.add(main)  # right after `is`, not after a participle (`is done by`)
    return found


def _all_common(words: list[Word], span: Span, common: frozenset[str]) -> bool:
    """True when every word of the phrase is one the note uses all the time, and no `only`,
    `no` or `not` before it makes it a fact (`the {{only component}} that talks to etcd`)."""
    if span[0] > 0 and words[span[0] - 1].text in _QUANTIFIERS:
        return False
    return all(singular(words[i].text) in common for i in range(span[0], span[1] + 1))


def _touches(words: list[Word], span: Span, taken: Sequence[tuple[int, int]]) -> bool:
    """True when the phrase overlaps a stretch hidden already, sits right beside it, or holds a
    number (`per {{second and 300}}`: numbers are the quantities' to hide)."""
    if taken and any(word.text[:1].isdigit() for word in words[span[0] : span[1] + 1]):
        return True
    start, end = words[span[0]].start, words[span[1]].end
    return any(start <= stop + 1 and begin <= end + 1 for begin, stop in taken)


def _best(
    sentence: str,
    words: list[Word],
    scored: dict[Span, float],
    names: list[str],
    most: int | None = None,
) -> list[Span]:
    """The best-scored phrases that neither overlap nor touch, in sentence order."""
    if most is None:  # a denial (`{{cannot transition}} to ...`) leaves room for what it denies
        most = _most(words) + any(is_denial(words, span) for span in scored)
    chosen: list[Span] = []
    label = _LABEL_LEAD.match(sentence)
    label_end = label.end(1) if label and filing_label(label.group(1)) else -1
    counts = Counter(singular(word.text) for word in words)
    repeated = {text for text, count in counts.items() if count > 1}  # only these give away
    shown = _shown(tuple(names))
    for scored_span in sorted(scored, key=lambda span: (scored[span], span)):
        if len(chosen) == most:
            break
        trimmed = _from_object(words, scored_span)  # `to allow {{replication}}`
        if trimmed is None:
            continue
        span = trimmed
        if _names_subject(words, span, names) or not balanced(sentence, words, span):
            continue
        if _in_title(words, span, shown):
            continue
        if any(span[0] <= other[1] + 1 and other[0] <= span[1] + 1 for other in chosen):
            continue
        given = singular(words[span[0]].text) in repeated and _given_away(words, span)
        given = given or _echoed(words, span)
        bold = sentence[: words[span[0]].start].endswith("**")  # the author's own emphasis
        if given or _idiom(words, span) or (_praise(words, span) and not bold):
            continue
        negated = span[0] > 0 and words[span[0] - 1].text in _QUANTIFIERS  # `not {{read}}`
        negated = negated or _before_default(words, span)  # `is {{private}} by default`
        if span[0] == span[1] and _plain_common(words[span[0]]) and not negated:
            continue  # `{{used}}`, `{{good}}`, `{{yourself}}`: nothing to recall
        if span[0] == span[1] and _bare_verb(words, span[0]) and not (bold or negated):
            continue  # `used to {{notify}}`, `can {{cut}}`: a verb alone asks little
        if span[0] == span[1] and words[span[0]].text.endswith("ing") and acts(words, span[0]):
            continue  # `traffic, {{providing}} it to ...`: a verb, its object right after
        if span[0] == span[1] and _adverbial_ing(words, span[0]) and not bold:
            continue  # `marriages, {{resulting}} in smaller families`: a verb, what follows is
        if span[0] == span[1] and _lone_verb(words, span[0]) and not negated and not bold:
            continue  # `European nations {{began}} exploring`: a verb English has only as one
        if span[0] == span[1] and _done_by(words, span[0]) and not (negated or bold):
            continue  # `the way people {{relaxed}}, celebrated`: what someone did, told
        if any(_ADDRESS.search(word.text) for word in words[span[0] : span[1] + 1]):
            continue
        said = sentence[words[span[0]].start : words[span[1]].end]
        if _TAG_ONLY.fullmatch(said):
            continue  # `` `{{<stdlib.h>}}` ``: read as an HTML tag wherever the card is shown
        if _NOTE_ID.search(said):
            continue  # `{{202103141651-World-War-1}}`, `{{Treaty#Land}}`: a note's file name
        if "$" in said and not (said.startswith("$") and said.endswith("$")):
            continue  # `{{$NxM$ matrix}}` hides words with a formula; `{{$z = w^Tx$}}` is one
        if span[0] == span[1] and words[span[0]].text in VENDORS:
            continue  # `file system on {{AWS}}`: the vendor of everything in the vault
        if spelled_before(sentence, words, span) or inside_spelled(sentence, words, span):
            continue  # `transparent data encryption ({{TDE}})`: its initials stand right there
        if words[span[1]].end <= label_end:
            continue  # `**Crucial Rule**: ...`: the label a sentence is filed under, no answer
        claims = any(word.text in _CLAIM_VERBS for word in words[span[0] : span[1] + 1])
        if claims and not is_denial(words, span):
            continue  # `{{Security groups are required}}`: a whole claim hides no answer
        chosen.append(span)
    return sorted(chosen)


def _lone_verb(words: list[Word], index: int) -> bool:
    """`nations {{began}}`, `that you {{operate}} under`: a word English has only as a verb, not
    after an article or `of`, where a vault makes nouns of verbs (`the {{template}}`)."""
    before = words[index - 1].text if index else ""
    return only_verb(words[index].text) and before not in _ARTICLES | {"of", "any", "its", "your"}


def _done_by(words: list[Word], index: int) -> bool:
    """`people {{relaxed}}`, `the elite {{subverted}}`: a past tense English has only as a
    verb, right after its doer (not after `is` or a modal, `can be {{encrypted}}`, nor a
    participle saying what a noun is, `{{encoded}} in the url`, `{{provisioned}}.`)."""
    word = words[index]
    if index == 0 or word.capital or words[index - 1].text in AUXILIARIES | _BE:
        return False
    if index + 1 >= len(words) or words[index + 1].text in _PREPOSITIONS:
        return False  # `the request {{encoded}} in the url`, `code runs when {{triggered}}`
    return past_form(word.text) and only_verb_form(word.text)


def _code_subject(sentence: str, words: list[Word], names: list[str]) -> Span | None:
    """`setfacl` in `` `setfacl` allows us to set the ACL ``: a command or function in code that
    a sentence opens with and a verb follows is what the sentence is asked by (not the note's
    own subject, which the card shows)."""
    opened = sentence.lstrip()
    close = opened.find("`", 1)
    if not opened.startswith("`") or opened.startswith("``") or close < 0:
        return None
    end = len(sentence) - len(opened) + close
    inside = [i for i, word in enumerate(words) if word.end <= end]
    after = len(inside)
    if not inside or after >= len(words) or len(inside) > 4:
        return None
    verb = words[after].text
    if not (verb in VERBS or third_person(verb) or only_verb(verb)) or words[after].capital:
        return None
    code = sentence[words[0].start : words[inside[-1]].end].casefold()
    if len(code) > _LONGEST_COMMAND or code in (name.casefold() for name in names):
        return None  # a command line with its URL is copied, not recalled
    if code in sentence[words[inside[-1]].end :].casefold():
        return None  # `crontab` maintains crontab files: the rest says it again
    if _COMPARED.search(sentence):
        return None  # `` `/etc/at.allow` is the inverse ``: of what the sentence before says
    return 0, inside[-1]


def _only_subject(words: list[Word], names: list[str]) -> Span | None:
    """`HTLV-1` in `Only HTLV-1 can cause T-cell leukemia`: the one name a sentence says does
    something is what it is asked by (not the note's own subject, which the card shows)."""
    if len(words) < 4 or words[0].text != "only" or words[0].stop:
        return None
    last = 0
    while last + 1 < len(words) and words[last + 1].capital and not words[last].stop:
        last += 1
    if not last:  # `Only authorized users can access ...`: the words up to the verb
        verb = next((i for i in range(2, min(len(words), 6)) if words[i].text in VERBS), None)
        plain = verb is not None and all(_noun_word(words[i]) for i in range(1, verb))
        last = verb - 1 if plain and verb is not None else 0
    if not last or last - 1 >= _MAX_ANSWER_WORDS or last + 1 >= len(words):
        return None
    name = " ".join(word.text for word in words[1 : last + 1])
    return None if name in names else (1, last)


def _noun_word(word: Word) -> bool:
    """A word of a noun phrase before its verb: no small word, number or verb (`only {{one}}`
    is a quantity's)."""
    text = word.text
    if word.stop or text in FUNCTION_WORDS or text in _NUMBER_WORDS or text in VERBS:
        return False
    return text.replace("-", "").isalpha()


def _most(words: list[Word]) -> int:
    """How many phrases a sentence hides: a short one less (`{{EC2}} still use {{compute}}`)."""
    return min(_MAX_DELETIONS, max(1, len(words) // _WORDS_A_DELETION)) + (len(words) >= _LONG)


def _asides(
    sentence: str, words: list[Word], chosen: list[Span], common: frozenset[str]
) -> list[Span]:
    """The short asides in brackets worth a deletion of their own, beside `chosen`."""
    found = []
    for span in glosses(sentence, words):
        if any(span[0] <= b and a <= span[1] for a, b in chosen):
            continue
        if common and _all_common(words, span, common):
            continue
        if _score(words, span) <= _TOO_COMMON:
            found.append(span)
    return found


def _from_object(words: list[Word], span: Span) -> Span | None:
    """The phrase without a verb or a filler in front of its object (None if nothing is left):
    `{{allow replication}}` -> `{{replication}}`, `for {{eg}}` -> nothing."""
    first, last = span
    while first <= last and (_not_an_answer(words[first].text) or _sign(words[first])):
        first += 1
    while last > first and _sign(words[last]):
        last -= 1  # `{{+ audit key usage}}`, `{{storage +}}`: a sign joins, it is no answer
    if first > last:
        return None  # `delivered only {{once}}.`: a filler and nothing else
    verb = words[first].text in _ONLY_VERBS and not words[first].capital
    if verb and first < last and words[first + 1].text not in LIST_JOINERS:
        first += 1
    while span[0] < first <= last and words[first].text in FUNCTION_WORDS:
        first += 1  # `once {{a custom endpoint}}` -> `once a {{custom endpoint}}`
    return (first, last) if first <= last else None


def _describes_noun(words: list[Word], index: int) -> bool:
    """`distributed parity`, `managed service`: a participle a noun follows in the same phrase,
    an adjective; not one a preposition or a clause follows (`based on`, `stored in S3`)."""
    if words[index].stop or not 0 < index < len(words) - 1 or words[index - 1].text in _JOINERS:
        return False  # `an event and {{billed}} according to`: a verb of its own
    after = words[index + 1].text
    return (
        after not in FUNCTION_WORDS
        and not words[index + 1].capital
        and after.isalpha()
        and not (participle(after) or after.endswith(("ing", "ly")))
    )


def _not_an_answer(text: str) -> bool:
    """A filler (`eg`, `hence`) or an example's mark however typed: `e.g2`, `e.g.,`."""
    return text in _NOT_ANSWERS or text.startswith(("e.g", "i.e"))


def _sign(word: Word) -> bool:
    """`+`, `&`: a word with no letter or digit."""
    return not any(ch.isalnum() for ch in word.text)


def _plain_common(word: Word, above: float = _TOO_COMMON) -> bool:
    """A common English word (Zipf over `above`) that is no number, name or emphasis: alone
    worth no question."""
    if word.shouted or word.capital or any(ch.isdigit() for ch in word.text):
        return False  # `NEVER`, `S3`, `us-east-1`
    if word.text in DURATIONS:
        return False  # `can take {{weeks}} or even months`: how long is a fact, number or not
    return rarity(word.text) > above


def _plain_beside(sentence: str, words: list[Word], span: Span) -> bool:
    """One common English word (`{{running}}`, `{{process}}`), not bold nor negated: beside a
    better phrase it asks little."""
    first, last = span
    if first != last or "**" in sentence[words[first].start - 2 : words[first].start]:
        return False
    if first > 0 and words[first - 1].text in _QUANTIFIERS:
        return False
    if words[first].text in _HOW_ADVERBS or _agent(words, first):
        return False  # `{{immediately}}`, `renewed by the {{owner}}`: how, and who does it
    if _before_default(words, span):
        return False  # `the traffic is {{denied}} by default`
    if only_adverb(words[first].text):
        return True  # `became {{substantially}} more rich`: how much, beside what is said
    return _plain_common(words[first], _PLAIN_BESIDE)


def _agent(words: list[Word], index: int) -> bool:
    """`renewed by the {{owner}}`: who does what a passive verb says."""
    before = [word.text for word in words[max(0, index - 2) : index]]
    return "by" in before and before[-1] in {"by", "the", "a", "an"}


def _passive_verb(words: list[Word], span: Span) -> bool:
    """A participle after `is` or `are` that more words follow (`is {{designed}} so that`, `is
    {{offloaded}} to the apps`) or before a preposition (`controllers {{compiled}} into`): the
    verb of a passive clause, which what follows says more than. A modal's (`can be
    {{invoked}}`) or a clause-final one (`are {{encrypted}}.`) is kept."""
    first, last = span
    if first != last or not 0 < first < len(words) - 1:
        return False
    # `controllers {{compiled}} into the API server`: a participle its preposition follows
    led = words[first - 1].text in _IS or words[first + 1].text in _PREPOSITIONS
    return (
        led
        and words[first - 1].text not in _QUANTIFIERS  # `were {{not read}} for a while`
        and participle(words[first].text)
        and not words[first].capital
        and not words[first].stop
        and words[first + 1].text not in LIST_JOINERS  # `are {{encrypted}} and can't be read`
        and not _before_default(words, span)  # `traffic is {{denied}} by default`
    )


def _praise(words: list[Word], span: Span) -> bool:
    """`a {{powerful service}}`, `a {{flexible and scalable way}}`: words that praise or name a
    kind of thing and nothing more."""
    texts = [words[i].text.casefold() for i in range(span[0], span[1] + 1)]
    content = [text for text in texts if text not in FUNCTION_WORDS | _JOINERS | _NUMBER_WORDS]
    return bool(content) and all(text in PRAISE or text in KIND_NOUNS for text in content)


def _idiom(words: list[Word], span: Span) -> bool:
    """`by {{default}}`, `for {{example}}`: a word that only makes a set phrase asks nothing."""
    first, last = span
    return first == last and first > 0 and (words[first - 1].text, words[first].text) in _IDIOMS


def _given_away(words: list[Word], span: Span) -> bool:
    """True when the phrase is also shown elsewhere in the sentence: `an {{EBS}} ... our EBS`,
    `**{{Health Check}}:** turn instance health checks on`."""
    size = span[1] - span[0] + 1
    hidden = [singular(word.text) for word in words[span[0] : span[1] + 1]]
    return any(
        [singular(word.text) for word in words[start : start + size]] == hidden
        for start in range(len(words) - size + 1)
        if start != span[0]
    )


def _echoed(words: list[Word], span: Span) -> bool:
    """`**{{OS unaware}}** - the OS is unaware of ...`, `{{prefix}} ... prefixes`: every word of
    the phrase shows again elsewhere in the sentence, a plain longer one maybe in another form
    (by its first six letters)."""
    inside = words[span[0] : span[1] + 1]
    if any(any(ch.isdigit() for ch in w.text) or (w.capital and len(w.text) > 2) for w in inside):
        return False  # `AWS Secrets Manager`: a name is given away only when shown whole
    outside = [w.text for i, w in enumerate(words) if not span[0] <= i <= span[1]]
    stems = {text[:_ECHO] for text in outside if len(text) >= _ECHO}
    plain = {singular(text) for text in outside}
    return all(
        w.text[:_ECHO] in stems if _stemmed(w) else singular(w.text) in plain for w in inside
    )


def _stemmed(word: Word) -> bool:
    """An English word long enough to be matched by its first letters (`prefix`); an unknown
    one (`containerd`) only matches itself."""
    return len(word.text) >= _ECHO and rarity(word.text) > 0


def _with_quantifiers(sentence: str, words: list[Word], chosen: list[Span]) -> list[Span]:
    """Each phrase with the quantifiers just before it: `no endpoints`, not `no {{endpoints}}`."""
    grown: list[Span] = []
    for first, last in chosen:
        floor = grown[-1][1] + 2 if grown else 0
        while first - 1 >= floor and not words[first - 1].stop:
            article = words[first - 1].text == "the" and first - 2 >= floor
            before = first - 1 - article  # `all the connected identities`
            if words[before].text not in _QUANTIFIERS or words[before].stop:
                break
            if not balanced(sentence, words, (before, last)):
                break
            first = before
        grown.append((first, last))
    return grown


def _candidates(words: list[Word], clause: list[int], names: list[str]) -> list[tuple[Span, float]]:
    """Phrases of one clause worth hiding, with their scores."""
    verb = _verb(words, clause)
    predicate = [i for i in clause if verb is None or i > verb]
    main = _after_verb(words, clause, verb) if verb is not None else None
    subject = _passive_subject(words, clause, verb, main)
    if subject and not _names_subject(
        words, subject, names
    ):  # `Multi-Region Keys can be created.`: what can be created is the fact
        return [(subject, _score(words, subject) - _TERM_BONUS)]
    found = []
    if main and not (_genus(words, verb, main) and _score(words, main) > _RARE_GENUS):
        bonus = max(_defines(words, clause, verb, main, names), _MAIN_BONUS)
        found.append((main, _score(words, main) - bonus))
    for index in predicate:
        if words[index].text in _PREPOSITIONS and (not main or index > main[1]):
            objected = _phrase(words, _object_start(words, [i for i in predicate if i > index]))
            if objected and _score(words, objected) <= _WORTH_ASKING:
                found.append((objected, _score(words, objected) + _OBJECT_COST))
    for index in clause:
        calls = index + 1 < len(words) and words[index + 1].text in _THIS
        if words[index].text in _CALLING and calls:
            index += 1  # `we call this a {{binary classification}}`: the name given
        elif words[index].text not in _NAMING:
            continue
        if index + 1 < len(words):
            named = _phrase(words, _object_start(words, [i for i in clause if i > index]))
            if named:  # `a role called an {{execution role}}`: the name is the fact
                found.append((named, _score(words, named) - _TERM_BONUS))
    rest = [i for i in predicate if not main or not main[0] <= i <= main[1]]
    rare = _rarest_phrase(words, rest, _RARE)
    if rare:
        found.append((rare, _score(words, rare)))  # `stored in S3`
    if not found and (rare := _rarest_phrase(words, predicate, _COMMON)):
        found.append((rare, _score(words, rare)))
    found += [((i, i), rarity(words[i].text)) for i in clause if words[i].text in _HOW_ADVERBS]
    default = _by_default(words, clause)
    if default:  # `S3 is {{private}} by default`: what holds unless changed is the fact
        found.append((default, min(_score(words, default), _RARE) - _TERM_BONUS))
    found += [((i, i), _EMPHASIS) for i in clause if words[i].shouted]
    denied = denied_action(words, clause, verb) if verb is not None else None
    if denied:  # `Security groups {{cannot deny}} traffic`: that it does not is the fact
        found.append((denied, min((score for _, score in found), default=_RARE) - _LIST_BONUS))
    return found


def _by_default(words: list[Word], clause: list[int]) -> Span | None:
    """What a clause says holds `by default`, the words before it back to the verb or the
    clause's start: `is {{private}} by default`, `are {{not highly available}} by default`."""
    at = next((i for i in clause[1:] if (words[i - 1].text, words[i].text) == _DEFAULT), None)
    if at is None:
        return None
    first = last = at - 2
    while first - 1 >= clause[0] and last - first < _DEFAULT_WORDS:
        before = words[first - 1]
        if before.text in _BE or before.text in VERBS or before.stop or before.comma:
            break
        first -= 1
    while first <= last and words[first].text in FUNCTION_WORDS - _QUANTIFIERS:
        first += 1  # `there is no encryption`: the subject's words are not what holds
    return (first, last) if first <= last else None


def _before_default(words: list[Word], span: Span) -> bool:
    """True when `by default` follows the phrase: what holds unless changed, however plain."""
    after = tuple(word.text for word in words[span[1] + 1 : span[1] + 3])
    return after == _DEFAULT


def _genus(words: list[Word], verb: int | None, main: Span) -> bool:
    """`A VPN is a connection over ...`: one noun after `is a` names only the kind of thing; what
    sets it apart is said after it (unless the noun is rare itself: `a {{hypervisor}}`)."""
    first = main[0]
    return (
        verb is not None
        and main[0] == main[1]
        and words[verb].text in _BE
        and first > 0
        and (words[first - 1].text in ("a", "an") or _of_follows(words, first))
        and not words[first].stop
    )


def _of_follows(words: list[Word], index: int) -> bool:
    """`is the process of creating ...`: `the <noun> of` names a kind of thing, like `a <noun>`."""
    return (
        words[index - 1].text == "the" and index + 1 < len(words) and words[index + 1].text == "of"
    )


def _defines(
    words: list[Word], clause: list[int], verb: int | None, main: Span | None, names: list[str]
) -> float:
    """The term bonus for what a clause says of the note's subject in more than one word:
    `A snapshot is a {{full copy}} of ...` (a lone `connection` or `service` defines nothing)."""
    if verb is None or main is None or main[0] == main[1]:
        return 0.0
    subject = _object_start(words, [i for i in clause if i < verb])
    named = subject and _names_subject(words, (subject[0], subject[-1]), names)
    return _TERM_BONUS if named else 0.0


def _passive_subject(
    words: list[Word], clause: list[int], verb: int | None, main: Span | None
) -> Span | None:
    """The subject of a clause ending in its participle (`Keys can be created.`) if it says more."""
    if verb is None or main != (clause[-1], clause[-1]):
        return None
    if not participle(words[main[0]].text) or not words[main[0]].stop:
        return None
    subject = _object_start(words, [i for i in clause if i < verb])
    if not subject or len(subject) > _MAX_ANSWER_WORDS:
        return None
    span = (subject[0], subject[-1])
    named = all(words[i].capital for i in subject)  # or rarer than what is said of it
    return span if named or _score(words, span) < _score(words, main) else None


def _verb(words: list[Word], clause: list[int]) -> int | None:
    """The clause's verb: a known one, else one found by its place; None at the clause's end."""
    if clause[0] == 0 and _leads_with_verb(words):
        verb: int | None = 0  # `Select the region`: the first word is the verb
    else:
        verb = next((i for i in clause if _is_verb(words[i])), None)
    found = _unknown_verb(words, clause)
    if found is not None and clause[0] < found < (verb or 0) and _reads_as_verb(words, found):
        verb = found  # `It scans S3 ... and provide insight`: a verb the list misses comes first
    if verb is None:
        verb = found  # found by its place (never the clause's first word: `retries are ...`)
    return None if verb == clause[-1] else verb  # `... at any scale`: no verb after all


def _reads_as_verb(words: list[Word], index: int) -> bool:
    """A word missing from the verb list that still reads as the clause's verb: one English has
    only as a verb (`discovers`), an -s word met more often as a verb (`scans`), or any -s word
    after `it` or `this` (`It stores`); `protocols` after a noun is a plural."""
    text = words[index].text
    said = index > 0 and words[index - 1].text in _SUBJECT_PRONOUNS and third_person(text)
    return said or only_verb(text) or acts_as_verb(text)


def _leads_with_verb(words: list[Word]) -> bool:
    """`Select the region`, `Fill in the form`, `Centralizes logging`: a sentence that opens with
    its verb (an instruction, or a trait with its subject left out), so what follows is asked."""
    if len(words) < _SHORTEST_LEAD or words[0].shouted:
        return False
    first, second = words[0].text, words[1].text
    if first in VERBS and second in _OBJECT_LEADS:
        return True  # `Select the ...`: `Use cases include` starts with a noun
    if second in VERBS:
        return False
    if participle(first) and words[0].capital and second in _PREPOSITIONS | {"at", "for"}:
        return True  # `Metabolized in the liver`, `Used for ...`: what follows is the fact
    if not words[0].capital and second not in _PREPOSITIONS and _told_verb(first):
        return True  # `- encouraged consolidation of ...`: a point whose subject is above it
    if not words[0].capital and first.endswith("s") and only_verb(first):
        return True  # `- restricts body of all mail messages to 7-bit ASCII`: the same, now
    return first.endswith(_VERB_ENDINGS) or _verb_form(words[0])


def _told_verb(text: str) -> bool:
    """`encouraged`, `bought`, `killed`: a verb told in the past that English has as nothing
    else (not `used`, `based`: adjectives too)."""
    return participle(text) and only_verb_form(text)


def _verb_form(word: Word) -> bool:
    """`Obtains`, `Bypasses`, `Translates`: a capitalised -s word that opens a point as its verb."""
    return word.capital and acts_as_verb(word.text)


_SHORTEST_LEAD = 3
_OBJECT_LEADS = {"the", "a", "an", "in", "your", "all", "any", "each", "every", "to", "up", "out"}
_VERB_ENDINGS = ("izes", "ises", "ates", "ifies", "ables")  # `Centralizes`, `Automates`


def _is_verb(word: Word) -> bool:
    """A known verb, or `=` (`Pricing = storage + retrieval`), which says what a thing is."""
    return word.text == "=" or (word.text in VERBS and not word.capital)


def _term_spans(
    sentence: str, words: list[Word], terms: frozenset[str], names: list[str]
) -> list[Span]:
    """Phrases of the sentence that are vault terms, or that the author wrote in bold or code."""
    spans = []
    bold = [match.span(1) for match in BOLD.finditer(sentence)]
    if "`" in sentence:  # code holding card syntax (`==x==`, `a::b`) is shown as it is
        codes = CODE.finditer(sentence)
        bold += [m.span(1) for m in codes if not any(c in m.group(1) for c in _CARD_SYNTAX)]
    for start, end in bold:
        inside = [i for i, word in enumerate(words) if start <= word.start and word.end <= end]
        if any(words[i].text in _CLAIM_VERBS for i in inside):
            continue  # `**Security groups are required**`: a claim in bold, not a term
        if sentence.startswith("**:", end):
            continue  # `- **Definition**: The command ...`: a label filing what follows
        if inside and len(inside) <= _MAX_ANSWER_WORDS:
            spans.append((inside[0], inside[-1]))
    starts = _first_words(terms)
    texts = [word.text for word in words]
    for first, text in enumerate(texts):
        if text not in starts:
            continue
        for last in range(min(len(words), first + _MAX_ANSWER_WORDS) - 1, first - 1, -1):
            if " ".join(texts[first : last + 1]) in terms:
                if sentence.startswith(("**:", ":"), words[last].end):
                    break  # `- **Definition**: The command ...`: a label filing what follows
                shown = _in_title(words, (first, last), _shown(tuple(names)))  # the subject
                spans.append((first, last if shown else _name_end(words, first, last)))
                break
    return spans


def _name_end(words: list[Word], first: int, last: int) -> int:
    """A term that a name goes on from: `AWS Systems Manager Parameter` + ` Store`."""
    named = words[last].capital and not words[last].stop
    while named and last + 1 < len(words) and last - first + 1 < _MAX_ANSWER_WORDS:
        after = words[last + 1]
        if not after.capital or after.opens or after.text in FUNCTION_WORDS:
            break
        last += 1
        named = not after.stop
    return last


@lru_cache(maxsize=4)
def _first_words(terms: frozenset[str]) -> frozenset[str]:
    """The words vault terms start with: only there can a term begin."""
    return frozenset(term.split(" ", 1)[0] for term in terms)


def _clauses(words: list[Word]) -> list[list[int]]:
    """Indexes of the words of each clause."""
    clauses: list[list[int]] = [[]]
    for index, word in enumerate(words):
        if (word.text in CLAUSE_WORDS or word.opens) and clauses[-1]:
            clauses.append([])
        clauses[-1].append(index)
        if word.stop:
            clauses.append([])
    return [clause for clause in clauses if clause]


def _askable(words: list[Word], clause: list[int], number: int, count: int) -> bool:
    """Clauses worth a question: not a bracket aside nor a lead-in with no verb (`By default,`)."""
    if words[clause[0]].opens:
        return all(words[i].capital or words[i].text in FUNCTION_WORDS for i in clause)
    has_verb = any(words[i].text in VERBS for i in clause)
    # `Amazon Macie discovers sensitive data, ...`: a verb missing from the list, found by its
    # place, makes a clause of the subject too
    found = _unknown_verb(words, clause)
    if found not in (None, clause[0], clause[-1]):
        has_verb = has_verb or _reads_as_verb(words, found)
    if has_verb or count == 1 or number > 0 or not words[clause[-1]].stop:
        return True
    # `By default,` / `BGP peers, or neighbors, exchange ...`: a lead-in or the subject.
    return not (words[clause[0]].text in FUNCTION_WORDS or words[clause[0]].capital)


def _unknown_verb(words: list[Word], clause: list[int]) -> int | None:
    """A verb missing from the list, by its place: `listens on ...`, `Lambda responds with ...`."""
    first = clause[0]
    for index in clause[1:5]:  # `The function assumes a role`: an -s word after a noun
        text, before = words[index].text, words[index - 1].text
        after_noun = before not in FUNCTION_WORDS or before in _VERB_TAIL  # `type also influences`
        if third_person(text) and not words[index].capital and after_noun:
            return index
        if _past_verb(words, index):
            return index  # `economic pressures delayed marriages`: a past verb and its object
    if words[first].capital and len(clause) >= 3:
        at = first + 1  # `Snaps restore lazily`: the word after a name
        plain = not words[at].capital and words[at].text not in FUNCTION_WORDS
        return at if plain and not words[at].text.endswith(("ly", "ing")) else None
    return first if third_person(words[first].text) else None


def _adverbial_ing(words: list[Word], index: int) -> bool:
    """`, resulting in ...`, `by searching for ...`, `without needing to ...`: an -ing verb
    opening a clause of how or when, its object after it (not `versioning to be activated`)."""
    word = words[index]
    if not word.text.endswith("ing") or word.stop or index == 0 or index + 1 >= len(words):
        return False
    before = words[index - 1]
    return before.comma or before.text in _ING_LEADS


def _past_verb(words: list[Word], index: int) -> bool:
    """`the New World experienced a massive loss`, `pressures delayed marriages`: a past form
    after a noun with its object right after it (not `an EBS stored in S3`, where a preposition
    follows and the word describes the noun)."""
    word, before = words[index], words[index - 1]
    if word.capital or before.stop or before.text in FUNCTION_WORDS or index + 1 >= len(words):
        return False
    if before.text in _NUMBER_WORDS or before.text[:1].isdigit():
        return False  # `one hidden layer`: a participle describing the noun
    after = words[index + 1].text
    if after not in _DETERMINERS and after not in _OBJECT_PRONOUNS:
        # `pressures delayed marriages`; not `block-interleaved distributed parity`, where
        # the participle describes the noun after it
        plain_object = after not in FUNCTION_WORDS and after not in VERBS
        if not plain_object or not (before.text.endswith("s") or before.capital):
            return False
    return not word.stop and past_form(word.text)


def _after_verb(words: list[Word], clause: list[int], verb: int) -> tuple[int, int] | None:
    """The phrase right after a clause's verb group: `is [a] regional service [that]`."""
    rest = [i for i in clause if i > verb]
    modal = words[verb].text not in _IS
    skipped = None
    while rest and words[verb].text in AUXILIARIES and _in_verb_group(words[rest[0]].text, modal):
        if skipped is not None and words[rest[0]].text.endswith("ly"):
            break  # `is stored locally`: an adverb after the participle is what it says
        modal = modal and words[rest[0]].text in _VERB_TAIL  # one main verb after a modal
        word = rest.pop(0)
        skipped = word if participle(words[word].text) else skipped
    while rest and words[rest[0]].text in _VERB_TAIL - {"be", "been", "being"}:
        rest.pop(0)  # `stores only ...`, `listens always on ...`
    rest = _object_start(words, rest)
    phrase = _phrase(words, rest)
    after = phrase[1] + 1 if phrase else 0
    if phrase and phrase[0] == phrase[1] and after + 1 < len(words) and words[after].text == "to":
        # `It is possible to create new volumes`: what is possible is the answer.
        skip = after + (not words[after + 1].capital)  # `to create ...`, not `to Northern ...`
        phrase = _phrase(words, _object_start(words, [i for i in rest if i > skip])) or phrase
    if phrase is None and skipped is not None and words[skipped].text not in FUNCTION_WORDS:
        phrase = (skipped, skipped)  # `if they are generated`: the participle is what it says
    return phrase


def _object_start(words: list[Word], rest: list[int]) -> list[int]:
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
    return modal or participle(text)


def _phrase(words: list[Word], rest: list[int]) -> tuple[int, int] | None:
    """Up to five words from the start of `rest`, ending before a preposition or a comma."""
    taken: list[int] = []
    for index in rest:
        text = words[index].text
        after_joiner = (  # `the code + the configuration`: one word, then its pair
            len(taken) == 2 and words[taken[-1]].text in _LIST_MARKS and text in _ARTICLES
        )
        if (
            _small(text)
            and not after_joiner
            and not (_in_name(words, taken, index) and text in _NAME_JOINERS)
        ):
            break  # `the code + the configuration`, `the code and the config` stay one
        if len(taken) == _MAX_ANSWER_WORDS and not words[taken[-1]].stop:
            joins = [i for i, word in enumerate(taken[:-1]) if words[word].text in _LIST_MARKS]
            if joins and not words[taken[joins[-1] + 1]].capital:
                return None  # `{{projected future liabilities and investment}} rate`: cut short
            if not joins and _goes_on(words, index):
                return None  # `{{three main types of load}} balancers`: a name cut in two
            taken = taken[: joins[-1]] if joins else taken  # `{{AWS Private Services}} and AWS ...`
            break
        if taken and words[index].opens:
            break
        if taken and text in _VERB_TAIL:
            break  # `two services usually wants ...`: the adverb belongs to a verb
        if taken and text in _LINKING:
            break  # `a {{double-edged blade}} however`: a word tying it to the sentence before
        adverb = taken and words[taken[-1]].text.endswith("ly")
        verb = participle(text) and not words[index].capital and not _describes_noun(words, index)
        if taken and verb and not adverb:
            break  # `Controller {{based}} on`; not `{{block-interleaved distributed parity}}`
        joined = (  # `or dynamically provisioned`: a joiner, then a verb (how it is done)
            taken
            and words[taken[-1]].text in _JOINERS
            and (text in VERBS or acts(words, index) or adverb_of_verb(words, index))
        )
        acting = third_person(text) and acts(words, index, relative=False)  # `Fetch retrieves the`
        acting = acting or (not adverb and _ends_at_verb(words, taken, index))
        if taken and not words[index].capital and (joined or acting or _verb_ing(words, index)):
            break  # `costs and improves ...`, `a managed service running in ...`
        if "/" in text and text.count("/") > 1:
            return None  # a path or a URL, not a phrase to recall
        taken.append(index)
        if words[index].stop:
            break
    taken = _before_next_clause(words, taken)
    while taken and words[taken[-1]].text in _NAME_JOINERS:
        taken.pop()
    if not taken or words[taken[0]].text in _JOINERS:
        return None
    return taken[0], taken[-1]


def _before_next_clause(words: list[Word], taken: list[int]) -> list[int]:
    """`without adversarial examples {and robust accuracy} is ...`: words after `and` that a
    verb follows are the subject of the next clause, not the phrase's second item."""
    if not taken or words[taken[-1]].stop or taken[-1] + 1 >= len(words):
        return taken
    if not _is_verb(words[taken[-1] + 1]):
        return taken
    joins = [at for at, index in enumerate(taken) if words[index].text in _LIST_MARKS]
    return taken[: joins[-1]] if joins else taken


def _ends_at_verb(words: list[Word], taken: list[int], index: int) -> bool:
    """`the network and {identifies}`, `the League {undertake}`: a word English uses only as a
    verb ends the phrase before it. An -s form must also read more often as a verb than as a
    plural (`logs`, `templates` are nouns in a vault), and a bare form must follow a noun, not
    a joiner (`unit of compute`)."""
    text = words[index].text
    if not taken or words[index].capital or not only_verb(text):
        return False
    if text.endswith("s"):
        return acts_as_verb(text)
    before = words[taken[-1]].text
    if only_adjective(before):
        return False  # `the {{shortest seek time}}`: after an adjective, a noun's word
    return before not in _JOINERS and before not in FUNCTION_WORDS


def _goes_on(words: list[Word], index: int) -> bool:
    """True when the word at `index` carries on the noun phrase before it (`load` + `balancers`):
    a plain content word, no verb, small word, bracket or sign."""
    word = words[index]
    if word.opens or word.text in FUNCTION_WORDS or word.text in VERBS or word.text in _JOINERS:
        return False
    return any(ch.isalpha() for ch in word.text) and not participle(word.text)


def _verb_ing(words: list[Word], index: int) -> bool:
    """`running in the VPC`, `the Tsar ruling Russia`, `ladies heading back`: an -ing word that
    a preposition, a particle or a name follows acts as a verb."""
    if not words[index].text.endswith("ing") or words[index].stop or index + 1 >= len(words):
        return False
    after = words[index + 1]
    if after.text in _ARTICLES:
        return index > 0  # `a waterway {{connecting}} the Hudson River and ...`
    return after.text in _PREPOSITIONS or after.text in PARTICLES or (after.capital and index > 0)


def _small(text: str) -> bool:
    """A word that ends a phrase: a preposition, an article, a pronoun..."""
    return text in _STOPS_AFTER or (text in FUNCTION_WORDS and text not in _JOINERS)


def _in_name(words: list[Word], taken: list[int], index: int) -> bool:
    """`Function as a Service`: small words inside a name written with capitals."""
    named = [i for i in taken if words[i].text not in FUNCTION_WORDS]
    if not named or not words[named[-1]].capital or words[taken[-1]].stop:
        return False
    after = next((w for w in words[index + 1 : index + 3] if w.text not in FUNCTION_WORDS), None)
    return after is not None and after.capital and not after.opens


def _runs(words: list[Word], clause: list[int]) -> list[Span]:
    """The runs of content words of a clause (at most five words each)."""
    runs: list[list[int]] = []
    for index in clause:
        text = words[index].text
        if text in FUNCTION_WORDS or text in VERBS or text in _VERB_TAIL:
            continue  # `services usually wants`: an adverb of the verb ends a noun's run
        if not any(ch.isalnum() for ch in text):
            continue  # `data / if`: a lone `/` is no part of a run
        if _past_after_noun(words, index):
            continue  # `their free time remained largely the same`: the clause's verb
        verbal = _verbal(words, index)  # `an EBS stored in S3`
        if runs and runs[-1][-1] == index - 1 and not words[index - 1].stop and not verbal:
            runs[-1].append(index)
        else:
            runs.append([index])
    return [
        (run[0], run[:_MAX_ANSWER_WORDS][-1])
        for run in runs
        if any(ch.isalpha() for i in run for ch in words[i].text)
    ]


def _past_after_noun(words: list[Word], index: int) -> bool:
    """`free time remained largely`: a form English has only as a verb's past, after a noun and
    before no noun of its own (not `the encrypted data`), is the verb the noun does."""
    word, before = words[index], words[index - 1].text if index else ""
    if not before or word.capital or before in FUNCTION_WORDS or before.endswith("ly"):
        return False  # `is gradually fetched`: a passive told how
    if past_tense(word.text) and only_verb_form(word.text):
        return True  # `Teresa of Avila wrote about`: no participle, so the verb
    after = words[index + 1].text if index + 1 < len(words) and not word.stop else ""
    if not (after in _DETERMINERS or after in _OBJECT_PRONOUNS or after.endswith("ly")):
        return False  # `region scoped.`, `encoded in the url`: what the noun is
    return past_form(word.text) and only_verb_form(word.text)


def _verbal(words: list[Word], index: int) -> bool:
    """A participle after a noun and before no other (`an EBS stored in S3`): a verb that starts
    what is said of the noun, not part of its name (`AWS managed VPC`, `directly mapped`)."""
    word = words[index]
    if not participle(word.text) or word.capital or index == 0:
        return False
    after = words[index + 1] if index + 1 < len(words) and not word.stop else None
    named = after is not None and after.text not in FUNCTION_WORDS and after.text not in VERBS
    return not named and not words[index - 1].text.endswith("ly")


def _rarest_phrase(words: list[Word], clause: list[int], common: float) -> Span | None:
    """The run of content words holding the clause's rarest word, if rarer than `common`."""
    runs = _runs(words, clause)
    if not runs:
        return None
    best = min(runs, key=lambda run: _score(words, run))
    return best if _score(words, best) <= common else None


def _names_subject(words: list[Word], span: tuple[int, int], names: list[str]) -> bool:
    """True when the phrase is only the note's own subject (its title or heading)."""
    phrase = " ".join(words[i].text for i in range(span[0], span[1] + 1))
    return phrase in names or all(
        words[i].text in FUNCTION_WORDS for i in range(span[0], span[1] + 1)
    )


def _bare_verb(words: list[Word], index: int) -> bool:
    """A lower-case verb after `to` or a modal (`to {{notify}}`), or an -ing form after `is`
    (`the customer is {{buying}}`): not a plural noun."""
    word = words[index]
    if index and word.text.endswith("s") and words[index - 1].text in HOW_OFTEN:
        return not word.capital  # `often {{results}} in`: a verb, told how often
    if index and words[index - 1].text in _RELATIVES and acts_as_verb(word.text):
        return not word.capital  # `which {{stimulates}} the ...`: the verb of a relative clause
    if index and words[index - 1].text in {"it", "this"} and third_person(word.text):
        return not word.capital  # `it {{inhibits}} the vomiting reflex`: the verb, not its object
    if index == 0 or word.capital or word.text.endswith("s") or word.text in _HOW_ADVERBS:
        return False  # a plural noun, or how it happens (`will {{immediately}} route`)
    if any(c.isdigit() for c in word.text):
        return False
    before = words[index - 1].text
    if before in _BE and word.text.endswith("ing"):  # not a name: `modes are {{bursting}} (...)`
        after = words[index + 1] if index + 1 < len(words) else None
        return not (word.stop or after is None or after.opens or after.text in LIST_JOINERS)
    if before == "to" and index > 1 and words[index - 2].text in _TO_PLACES:
        return False  # `bind to {{albumin}}`, `sent to {{storage}}`: where, not a verb
    return before in _BEFORE_VERB


def _in_title(words: list[Word], span: Span, shown: frozenset[str]) -> bool:
    """`DB on EC2: ... managing the {{EC2}}`, `AWS Backup: ... on {{backups}}`: the title or
    heading above shows the answer (`shown`: the words of the names the card shows, singular)."""
    texts = [words[i].text for i in range(span[0], span[1] + 1)]
    named = [text for text in texts if text not in VENDORS] or texts  # `Amazon SageMaker`
    # `CFN-SIGNAL: ... using the {{cfn-signal tool}}`: what kind of thing it is adds nothing
    named = [text for text in named if text not in _KINDS and text not in FUNCTION_WORDS] or named
    return all(singular(text) in shown for text in named)


_KINDS = {"tool", "service", "feature", "function", "command", "option", "setting", "pattern"}


@lru_cache(maxsize=64)
def _shown(names: tuple[str, ...]) -> frozenset[str]:
    """The words of the note's title and heading, which every card of the section shows."""
    words = [word.strip("()[]:,") for name in names for word in _SPACES.split(name)]
    parts = [part for word in words if "-" in word for part in word.split("-")]  # `SSE-KMS`
    return frozenset(singular(word) for word in words + parts if word)


def _score(words: list[Word], span: Span) -> float:
    """Lower is better: the rarity of the rarest word of the phrase."""
    return min(rarity(words[i].text) for i in range(span[0], span[1] + 1))
