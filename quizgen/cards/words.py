"""Words and how rare they are in English: what makes a phrase worth hiding on a card.

Rarity comes from `wordfreq`'s English frequency lists (Zipf scale: 7 is `the`, 3 a word met
once in a million words); a word it does not know (`FaaS`, `off-host`) counts as rare.
"""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import top_n_list, zipf_frequency

__all__ = [
    "AUXILIARIES",
    "BE_FORMS",
    "DURATIONS",
    "PARTICLES",
    "VENDORS",
    "HOW_OFTEN",
    "GOES_ON",
    "INSTANCE_LEADS",
    "FUNCTION_WORDS",
    "KIND_NOUNS",
    "LABELS",
    "PARTICIPLES",
    "PRAISE",
    "VERBS",
    "acts_as_verb",
    "chatty",
    "claim",
    "weighs_two",
    "echoes",
    "filing_label",
    "ranks",
    "cut_off",
    "rarity",
    "singular",
]


def _words(text: str) -> frozenset[str]:
    """A word list written as text."""
    return frozenset(text.split())


# Verbs followed by what a sentence says: `is a regional service`, `can be renewed`.
AUXILIARIES = _words(
    """
am are aren't be can can't cannot could couldn't did didn't do does doesn't don't had has
hasn't have haven't is isn't may might must mustn't need needs shall should shouldn't was
wasn't were weren't will won't would wouldn't it's it’s that's that’s they're they’re there's
there’s it'll it’ll they'll they’ll we'll you'll it'd they'd
"""
)

# Common verbs of study notes; nouns that look like verbs (`functions`, `routes`) are left out.
_MAIN_VERBS = _words(
    """
act acts allow allows applies apply assign assigns attach attaches become becomes behave
occur occurs exist exists refer refers describe describes represent represents
behaves belong belongs build builds charge choose chooses come comes connect connects
consist consists contain contains control cost create creates decrypt decrypts define
defines deliver delivers depend depends deploy deploys enable enables encrypt encrypts
ensure ensures exchange expire expires generate generates get gets give gives go goes handle
handles happen happens help helps hold improve improves include includes increase increases
invoke invokes keep keeps let lets live make makes manage manages mean means move offer
offers pay pays prevent prevents protect protects provide provides receive receives reduce
reduces relies rely remain remains replace replaces replicate replicates require requires
retain retains return run runs scale select selects send sends serve serves share sit sits
stay stays store stores support supports take takes trigger use uses work
"""
)
VERBS = AUXILIARIES | _MAIN_VERBS

# Past participles that do not end in -ed or -en.
PARTICIPLES = _words(
    """
bent bought brought built caught cut dealt done fed found held hung kept known laid led left
lent lost made meant met paid put read run said seen sent set shown sold spent split struck
stuck taught thought told won
"""
)

# Words that carry no fact of their own: articles, pronouns, prepositions, conjunctions.
_SMALL_WORDS = _words(
    """
a about above across after again against all along also although among an and another any e.g i.e
around as at because before behind below between beyond both but by despite during e.g. each
either etc even every except for from he her here his how i i.e. if in inside instead into
it it's its just least less like many me more most much my near neither no nor not of off on
only onto or other our out outside over own per quite rather really she since so some still
such than that the their them then there these they this those though through throughout to
too toward towards under unless until up upon us using very via vs we what when where whereas
whether which while who whom whose why with within without yet you your
"""
)
FUNCTION_WORDS = _SMALL_WORDS | AUXILIARIES

# Words that label a line (`**Note:** ...`, `Tip: ...`, `Source: ...`) instead of naming a term.
LABELS = _words(
    """
note notes important example examples warning tip tips source see todo update answer question
q a url link links date created updated tags tag author status type ref references summary eg
remember hint caution info reminder exam recap bonus extra aside
"""
)


@lru_cache(maxsize=65536)
def rarity(word: str) -> float:
    """How common a word is in English on the Zipf scale (0 for a word English never uses)."""
    return zipf_frequency(word, "en")


def acts_as_verb(word: str) -> bool:
    """`obtains`, `bypasses`, `waits`: an -s word more often met as a verb (its past tense is the
    commoner word) than as a plural (`windows`, `services`, `series`)."""
    if not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return False
    stem = word[:-2] if word.endswith(("sses", "shes", "ches", "xes")) else word[:-1]
    return rarity(stem + ("d" if stem.endswith("e") else "ed")) > rarity(word)


# `The code above ...`, `In the example below, ...`, `the above image`: a sentence about what the
# note shows next to it (code, a worked example, a picture), which a card cannot show.
_SHOWN_NEARBY = re.compile(
    r"\b(?:the|this|that|these|second|first)\s+(?:\w+\s+)?(?:code|example|snippet|program|"
    r"function|struct|output|diagram|figure|image|picture|graph|query|script)\s+(?:above|below)\b"
    r"|\b(?:above|below)\s+(?:code|example|snippet|diagram|figure|image|picture|graph|query|"
    r"script)\b",
    re.IGNORECASE,
)


def about_what_is_shown(text: str) -> bool:
    """True for a sentence about the code, example or picture above or below it."""
    return ("above" in text or "below" in text) and _SHOWN_NEARBY.search(text) is not None


# `log in`, `heading back`: the particle of a phrasal verb.
PARTICLES = frozenset({"in", "out", "up", "down", "off", "on", "back", "away"})
# Makers of everything in a vault: `Amazon SageMaker` is named by `SageMaker`.
VENDORS = frozenset(
    {"amazon", "aws", "azure", "microsoft", "google", "gcp", "apache", "oracle", "ibm"}
)
DURATIONS = frozenset({"seconds", "minutes", "hours", "days", "weeks", "months", "years"})
DURATIONS |= {"milliseconds"}
# Words saying how often: `Attackers often ...`, `often {{results}} in`.
HOW_OFTEN = frozenset({"often", "usually", "always", "also", "never", "sometimes", "mostly"})
HOW_OFTEN |= {"only", "rarely", "typically"}
_VERSUS = re.compile(r"\bvs\b|\bversus\b", re.IGNORECASE)


def weighs_two(heading: str) -> bool:
    """`Signed URLs vs. Signed Cookies`: a heading weighing two things names no one of them."""
    return bool(_VERSUS.search(heading))


# Emoji and symbols in front of a line (`✅ `, `🔹 `, `⚠️ `): markers, not words of it.
MARKERS = re.compile(r"^(?:[^\w\s*_`\[(\"'<>~=$\\/.-]+\s*)+")

# A line a chat assistant writes to its reader (`Here's a clear comparison ...`, `Let me know
# if ...`): pasted from a chat, it says nothing about the subject.
# A line opening with these goes on from the one before (`Or if URLs matter`): no fact alone.
GOES_ON = frozenset({"or", "and", "but"})
# `is`, `are` and their kin: the verb of what a subject is, passive or not.
BE_FORMS = frozenset({"is", "are", "was", "were", "am", "be", "been", "being"})
# `For example:` over a list: it leads into instances, each a fact of its own, and names none.
INSTANCE_LEADS = frozenset({"for example", "for instance", "e.g", "eg"})

CHATTY = re.compile(
    r"^\W*(?:here(?:'s| is| are)|let me|let's|would you like|if you(?:'d| would) like|i hope|"
    r"hope this|feel free|absolutely|sure[,!]|great question|got it|happy to|i can also|"
    r"i(?:'ll| will| can) (?:tailor|help|create|add|also|make|provide|walk)|"
    r"by (?:understanding|mastering|learning|knowing)|"
    r"(?:in (?:summary|conclusion|short|essence)|overall)(?=,)|to summari[sz]e|"
    r"you(?:'re| are) now|now you(?:'re| are)|this (?:will|should|can) help you|"
    r"we(?:'ll| will) (?:use|take|look at|see|go)|this information|"
    r"continue (?:learning|exploring|practi[cs]ing|studying)|"
    r"(?:an? |the )?(?:dedicated|next|later|future|upcoming|separate) (?:lesson|video|lecture|"
    r"section|module|chapter)s? (?:will|covers?|explains?)|"
    r"this (?:note|guide|summary|overview|explanation|breakdown|is designed|introduction)|"
    r"throughout this (?:course|lesson|module)|"
    r"suppose (?:we|you)|imagine (?:we|you)|(?:we )?have to talk|will do that|"
    r"in (?:this|our|the) (?:video|lecture|lesson|document|module|chapter)|output will be|"
    r"welcome to|this document|previously,? (?:we|in)|(?:next|previous) (?:topic|lesson)\b|"
    r"the following (?:is|are)\b(?![^\n]*:\W*$)|"  # not a lead-in: `The following are ...:`
    r"below (?:is|are)|in this (?:note|guide|section))\b"
    # ... or of the lesson it summarises, or advice on studying (`Understand the use cases`).
    r"|^\W*(?:th(?:is|e) (?:transcript|lesson|video|lecture|course|speaker|instructor)|"
    r"it (?:highlights|stresses|emphasi[sz]es|discusses|outlines|walks through|concludes|"
    r"demonstrates|introduces|explains)|"
    r"(?:understand|recognize|recognise|explore|practice|practise|familiarize|familiarise|"
    r"review|study|focus on|know|compare) (?:the|how|why|when|what|which|where|your)|remember to|"
    r"focus on (?:understanding|learning|the)|think about|familiari[sz]e yourself|"
    r"you (?:don't|do not) need to (?:memori[sz]e|know|remember|learn)|"
    r"(?:leverage|use|apply) (?:these|this|the above) (?:features?|concepts?|tools?|techniques?)|"
    r"(?:deep[- ]dive )?(?:videos?|demos?|labs?)(?: and (?:videos?|demos?|labs?))? "
    r"(?:are|is) available|"
    r"consider the (?:cost|trade|pros|implications|benefits|options)|"
    r"it(?:'s| is) (?:important|crucial|essential|key) to (?:understand|know|remember|note))\b"
    # ... or praise of knowing it (`Understanding X is crucial for ...`).
    r"|^\W*(?:while .{0,60}, )?(?:understanding|knowing|mastering|grasping|learning|"
    r"memori[sz]ing|remembering|"
    r"being (?:aware|familiar))\b.{0,120}\b(?:is|are|will be|remains?) (?:\w+ )?"
    r"(?:crucial|critical|essential|important|key|vital|beneficial|helpful|necessary|useful)\b",
    re.IGNORECASE,
)


def chatty(text: str) -> bool:
    """True for a line the chat, the lesson or study advice says, not the subject (`Let’s`
    written with a curly apostrophe too), or a line about the course (`covered in depth in the
    HA section`, `unlikely to be tested`), a click path (`Go to Billing > Budgets`) or the
    author's own remark (`I've decided to include it here`)."""
    text = text.replace("’", "'")
    if CHATTY.match(text) or _FIRST_PERSON.match(text):
        return True
    low = text.casefold()
    if any(word in low for word in _COURSE_CUES) and _COURSE_TALK.search(text):
        return True
    return "exam" in low and bool(_EXAM_TALK.search(text))


# A cheap first look: one of these words is in every line _COURSE_TALK finds.
_COURSE_CUES = (
    "cover", "later", "end of this", "unlikely", "scope", "advanced", "next", "following", "future",
    "coming", "we'll", "we will", "go to", "click", "navigate", "log", "sign in", "described",
    "explained", "documented", "discussed", "[", "example", "for more", "for further",
    "previous", "last", "refer to", "this chapter", "this lesson", "this lecture", "this course",
    "this module", "this video", "understand", "know ", "memori", "learn ", "study", "focus on",
    "be familiar",
)  # fmt: skip


# `I've decided to include it here`, `Nothing really helped me`: the author's own remarks.
_FIRST_PERSON = re.compile(r"^\W*(?:I|I've|I'm|I'd|I'll|My)\s(?!/)|.*?\b(?:helped|helps) me\b")
# `important for the SAA-C03 exam`, `the exam often asks`: about the exam, not the subject.
_EXAM_TALK = re.compile(
    r"\b(?:for|in|on) (?:the |your |both the )?(?:[\w()-]+ ){0,6}exams?\b|"
    r"\bthe exam (?:often |usually |may |will |might |loves to |likes to )?(?:asks?|tests?)\b",
    re.IGNORECASE,
)


_COURSE_TALK = re.compile(
    r"\bcovered (?:in (?:more )?(?:depth|detail) )?(?:later|in\b.{0,40}\b(?:section|lesson|"
    r"module|video|chapter|course|note)s?)\b|\blater in (?:the|this) (?:course|lesson|module)\b|"
    r"\bby the end of this (?:lesson|video|course|module|section)\b|"
    r"\bunlikely to be (?:tested|asked|examined)\b|"
    r"\bbeyond the scope\b|\b(?:an )?advanced topic\b|"
    r"\b(?:in|over|during) (?:the )?(?:next|following|upcoming|coming|future|later) (?:lessons?|"
    r"lectures?|videos?|sections?|modules?|chapters?|parts?)\b|"
    r"\bwe(?:'ll| will) (?:dive|cover|explore|discuss|learn|demonstrate|show|see)\b|"
    r"\b(?:the )?(?:next|previous|last) (?:demo )?(?:video|lesson|lecture|module)s?\b|"
    r"\bthis (?:chapter|lesson|lecture|course|module|video)\b|"
    r"^\W*(?:understand|know|memori[sz]e|learn|study|focus on|be familiar with) "
    r"(?:the|how|what|when|why|which|all|each|these|your|default)\b|"
    r"\brefer to (?:the )?(?:[\w-]+ ){0,3}(?:lessons?|videos?|lectures?|modules?)\b|"
    r"\bfor (?:more|further) (?:details|information|info)\b.{0,80}\[|"
    r"\b(?:continuing|in|from) (?:the|this|our|that) (?:[\w`/.-]+ ){0,3}example\b|"
    r"^\W*(?:go to|click(?: on)?|navigate to|log ?in to|sign in to) \S|"
    r"\b(?:covered|described|explained|documented|discussed) (?:in (?:more )?detail |further )?"
    r"(?:in|on|at|under) (?:the |this |our )?\[|^\W*(?:see|read|check out|refer to) (?:the )?\[",
    re.IGNORECASE,
)


# A text ending in one of these (`For having transitive peering between`) is cut off: its rest
# is the list nested below it. (A preposition a relative clause leaves at the end, `the identity
# it is provided to`, ends a sentence well.)
_CUT_OFF = _words(
    """
a an the and or but between than such either is are be because if when whether including e.g. eg
"""
)


def cut_off(text: str) -> bool:
    """True when a text stops on a word that needs more after it."""
    words = text.split()
    return bool(words) and words[-1].casefold() in _CUT_OFF


@lru_cache(maxsize=65536)
def singular(text: str) -> str:
    """`backups` -> `backup`, `policies` -> `policie`: enough to match a word to its plural."""
    return text[:-1] if text.endswith("s") and len(text) > 3 and not text.endswith("ss") else text


# The commonest words of languages a vault may be written in besides English: a note using more
# of them than of English's commonest words is not in English, and the English word lists that
# choose what a cloze hides would choose at random.
_LANGUAGES = ("es", "fr", "de", "pt", "it", "nl")
_MOST_USED = 60
_SURELY_ENGLISH = 0.12  # share of a note's words among English's commonest: no need to compare
_LETTERS = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _english_most_used() -> frozenset[str]:
    """English's commonest words."""
    return frozenset(top_n_list("en", _MOST_USED))


@lru_cache(maxsize=1)
def _others_most_used() -> frozenset[str]:
    """The other languages' commonest words that English does not share (loaded only when a
    note looks foreign: their lists take half a second)."""
    others = {word for language in _LANGUAGES for word in top_n_list(language, _MOST_USED)}
    return frozenset(others - _english_most_used())


def in_english(text: str) -> bool:
    """True unless the text uses more common words of another language than of English."""
    words = _LETTERS.findall(text.casefold())
    english = sum(word in _english_most_used() for word in words)
    if english >= _SURELY_ENGLISH * len(words):
        return True  # English prose and even terse English outlines are over a tenth of these
    others = _others_most_used()
    return sum(word in others for word in words) <= english


def claim(term: str) -> bool:
    """A bold lead that says something rather than names it: `**Automatically rotated**`,
    `**using FSR**`, `**Container only**`."""
    words = term.replace("**", "").strip(" :").split()
    if not words:
        return False
    first, last = words[0], words[-1].casefold()
    if " ".join(words).casefold() in _DISCOURSE:
        return True  # `**Normally**`, `**On the other hand**`: how the text goes on, no name
    named = all(word[:1].isupper() for word in words)  # `Eventually Consistent`: a name
    adverb = first.casefold().endswith("ly") and len(words) > 1 and first.isalpha() and not named
    return (
        adverb or (first.islower() and first.endswith("ing")) or (last == "only" and len(words) > 1)
    )


_DISCOURSE = {"normally", "typically", "basically", "essentially", "additionally", "similarly"}
_DISCOURSE |= {"alternatively", "however", "moreover", "instead", "otherwise", "meanwhile"}
_DISCOURSE |= {"on the other hand", "in contrast", "in general", "in practice", "in addition"}
_DISCOURSE |= {"for example", "for instance", "in short", "in other words", "as a result"}


def echoes(term: str, answer: str) -> bool:
    """True when an answer only says its term again: `Origin` -> `specifies the origin`,
    `Scalability` -> `can be scaled` (the term's words, by their first four letters, and at
    most one other word that carries meaning)."""
    if re.search(r"\d|\b(?:no|not|never|only|cannot)\b|n't\b", answer.casefold()):
        return False  # `~$0.001 per rule evaluation`, `No metabolism`: a number or a no is news
    stems = {word[:_STEM] for word in re.findall(r"[a-z]+", term.casefold()) if len(word) > 2}
    said = re.findall(
        r"[a-z][\w-]{2,}", answer.casefold()
    )  # `OS` too short, `X-Forwarded-Port` one
    said = [word for word in said if word not in FUNCTION_WORDS]
    if not stems or not said:
        return False
    shown = {word[:_STEM] for word in said}
    others = [word for word in said if word[:_STEM] not in stems]
    return stems <= shown and len(others) <= 1


_STEM = 4  # letters that tell two forms of one word apart from other words: `scal`, `encr`


# Words that praise or classify without saying anything a learner could recall: a phrase made
# only of them (`a {{powerful service}}`, `a {{critical tool}}`, `{{extra information}}`) asks
# nothing.
PRAISE = _words(
    """
    powerful critical crucial vital essential robust seamless seamlessly comprehensive
    flexible scalable efficient effective important significant great useful valuable
    fundamental various several different extra additional overall
    easy simple simplified better improved enhanced advanced modern innovative cost-effective
    good nice ideal main key recommended advised suggested encouraged advisable
    """
)
KIND_NOUNS = _words(
    """
    service services tool tools feature features way ways framework solution solutions role
    platform platforms information component components part parts aspect aspects option
    options approach capability capabilities mechanism method thing things concept concepts
    product products scenario scenarios situation situations functionality functionalities
    idea ideas purpose purposes
    """
)


# Words that file a sentence under a heading of sorts: `**Crucial Rule**: ...`, `**Key Point**`.
_FILING_WORDS = _words(
    """
    rule rules difference differences takeaway takeaways point points fact facts nugget nuggets
    trigger triggers detail details definition concept idea insight reminder gotcha pitfall
    """
)


# One of them alone files a sentence too (`**Rule:** ...`); `Trigger`, `Definition` name a field.
_FILING_ALONE = {"rule", "rules", "takeaway", "takeaways", "gotcha", "pitfall", "insight", "nugget"}


# `the main cause of ...`, `the most common ...`: where a thing ranks, which no definition says.
_RANKING = {"main", "major", "most", "primary", "leading", "biggest", "largest", "first", "best"}
_RANKING |= {"only", "commonest", "least", "worst", "top", "chief", "principal"}


def ranks(said: str) -> bool:
    """True for `the major concern for ...`, `the most common cause of ...`: a ranking."""
    words = said.casefold().split()[:2]
    return len(words) == 2 and words[0] == "the" and words[1] in _RANKING


def filing_label(label: str) -> bool:
    """`Crucial Rule`, `Key Difference`, `Exam Tip`: words that file a sentence, not a name or a
    claim it explains (`No Nesting`, `Viewer Request`, which are worth asking)."""
    said = [word.casefold() for word in re.findall(r"[\w'-]+", label)]
    if len(said) == 1:  # one word (`Type`, `Cost`) names a field whose value is worth asking,
        return said[0] in _FILING_ALONE  # unless it only files what follows: `**Rule:** ...`
    filing = LABELS | PRAISE | KIND_NOUNS | _FILING_WORDS
    return all(word in filing or word in FUNCTION_WORDS for word in said)
