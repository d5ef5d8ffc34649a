"""Which words are verbs: English word forms and their parts of speech from `lemminflect`.

lemminflect ships its lexicon in its wheel (no model to download, unlike spaCy's or NLTK's
taggers). It tells `identifies` (a verb only) from `routes` (a noun too), which the phrase and
section rules use to end a phrase at a verb or to read a point that opens with one. The lexicon
misses some plurals (`logs`, `templates` come back as verbs only), so callers check -s forms
against `wordfreq` too.
"""

from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllLemmas, getInflection

__all__ = [
    "base_form",
    "only_adjective",
    "only_adverb",
    "only_verb",
    "only_verb_form",
    "past_form",
    "past_tense",
    "third_person_of",
]


@lru_cache(maxsize=65536)
def only_verb(word: str) -> bool:
    """`identifies`, `undertake`, `justify`: a word English uses as a verb and never as a noun
    or adjective (lemminflect's lexicon), so it cannot carry on a noun phrase. Participles and
    -ing forms (`provisioned`, `routing`) are left out: they often name things."""
    if word.endswith(("ing", "ed")):
        return False
    lemmas = getAllLemmas(word)
    if set(lemmas) != {"VERB"}:
        return False
    # `logs`, `templates`: the lexicon misses some plurals, so the base form must be a verb only too
    return all(set(getAllLemmas(base)) == {"VERB"} for base in lemmas["VERB"])


@lru_cache(maxsize=65536)
def only_verb_form(word: str) -> bool:
    """`encouraged`, `bought`: a form English has only as a verb, participles included."""
    return set(getAllLemmas(word)) == {"VERB"}


def third_person_of(word: str) -> bool:
    """`helps`, `separates`, `oxidizes`: a verb's form told of one subject (its lemma + s)."""
    lemmas = getAllLemmas(word).get("VERB", ())
    return any(word in (lemma + "s", lemma + "es", lemma[:-1] + "ies") for lemma in lemmas)


def base_form(word: str) -> bool:
    """`discourage`, `identify`: a verb as a dictionary gives it (not `became`, `queuing`)."""
    return word in getAllLemmas(word).get("VERB", ())


@lru_cache(maxsize=65536)
def past_form(word: str) -> bool:
    """`delayed`, `meant`, `experienced`: a verb's past tense (not `hidden`, only a participle)."""
    if word.endswith(("ing", "s")):
        return False
    lemmas = getAllLemmas(word).get("VERB", ())
    return word not in lemmas and any(word in getInflection(lemma, "VBD") for lemma in lemmas)


@lru_cache(maxsize=65536)
def only_adverb(word: str) -> bool:
    """`substantially`, `publicly`: a word English has only as an adverb (not `daily`, `early`)."""
    return set(getAllLemmas(word)) == {"ADV"}


@lru_cache(maxsize=65536)
def only_adjective(word: str) -> bool:
    """`shortest`, `adversarial`: a word English has only as an adjective (not `fast`, `cold`)."""
    return set(getAllLemmas(word)) == {"ADJ"}


@lru_cache(maxsize=65536)
def past_tense(word: str) -> bool:
    """`wrote`, `began`, `rose`: a past tense that is no participle, so always a clause's verb."""
    lemmas = getAllLemmas(word).get("VERB", ())
    tense = any(word in getInflection(lemma, "VBD") for lemma in lemmas)
    return tense and not any(word in getInflection(lemma, "VBN") for lemma in lemmas)
