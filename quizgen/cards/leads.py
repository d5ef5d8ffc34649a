"""How a list is asked by the line that leads into it.

A short label (`Valid Destinations`) is asked as a term, in bold. A sentence is asked as a
sentence: `There are three types of checks` becomes `What are the three types of checks?`, and
one that breaks off before its list (`The container definition includes`) ends in `…`.
"""

from __future__ import annotations

import re

from .render import asked_term
from .sentence import third_person
from .words import FUNCTION_WORDS, VERBS, rarity, singular

__all__ = ["asked_by", "field_over_sentence", "generic_question"]

_LABEL_WORDS = 6
_FIELD_WORD = 3.5  # Zipf: a one-word label this common files a sentence (`Scope`, `Metrics`)
_FIELD_SENTENCE = 8  # words of a sentence with its own subject, under such a label
_STEM = 6  # first letters that make two words one: `availability`, `available`
_FIELD_VERB = 5  # its verb stands among its first words: `Resource quotas are ...`
_SUBJECT_WORDS = 2  # words of a subject an unlisted verb in `-s` may follow: `CoreDNS ensures`
# `There are three types of checks`, `There are a few limitations`: how many, then what.
_THERE_ARE = re.compile(
    r"^(?:there|there's)\s+(?:are|is|exist)\s+"
    r"(?:(?:a\s+few|a\s+number\s+of|a\s+variety\s+of|a\s+range\s+of|a\s+lot\s+of|lots\s+of|"
    r"some|several|many|multiple|various|different)\s+)?"
    r"(?P<what>.+)$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'-]+")
# Verbs a list finishes: `The container definition includes`, `It supports`.
_OPEN_VERBS = {"include", "includes", "including", "contain", "contains", "support", "supports"}
_OPEN_VERBS |= {"offer", "offers", "provide", "provides", "specify", "specifies", "allow", "allows"}


def generic_question(label: str) -> str:
    """`Benefits` -> `What are the benefits?`, `Purpose` -> `What is the purpose?`: a label that
    names no thing of its own asks about the section it sits in; '' for any other label."""
    said = label.strip(" *_:").casefold()
    if said not in _GENERIC_LABELS:
        return ""
    verb = "are" if said.endswith("s") and not said.endswith("ss") else "is"
    return f"What {verb} the {said}?"


# Labels of a section's parts that name nothing of their own: asked as a question about it.
_GENERIC_LABELS = {"benefits", "advantages", "disadvantages", "pros", "cons", "features"}
_GENERIC_LABELS |= {"key features", "limitations", "use cases", "characteristics", "purpose"}
_GENERIC_LABELS |= {"drawbacks", "key benefits", "main features", "capabilities", "downsides"}
_GENERIC_LABELS |= {"mechanism of action", "indications", "contraindications", "side effects"}
_GENERIC_LABELS |= {"adverse effects", "risk factors", "symptoms", "causes", "complications"}
_GENERIC_LABELS |= {"mechanism", "dosage", "dosing", "pharmacokinetics", "pharmacodynamics"}


def asked_by(where: str, lead: str) -> str:
    """The front of a list asked by its lead, under the note's title and heading (`where`)."""
    lead = lead.strip().rstrip(":").strip()
    words = [word.casefold() for word in _WORD.findall(lead)]
    if len(words) > 1 and (words[-1] in FUNCTION_WORDS or words[-1] in _OPEN_VERBS):
        return f"{where}: {lead} …"  # `The container definition includes …`, `Best used for …`
    said = [word for word in _WORD.findall(lead) if word[:1].islower() and word in VERBS]
    if len(words) <= _LABEL_WORDS and not said:  # `Legal Hold`, `Example Uses`: names
        return (
            f"{where}: {generic}"
            if (generic := generic_question(lead))
            else f"{where} › {asked_term(lead)}"
        )
    there = _THERE_ARE.match(lead)
    clause = there and re.search(r",\s*(?:but|and|so|which)\b", there.group("what"))
    if there and not clause and not there.group("what").casefold().startswith(("no ", "not ")):
        return f"{where}: What are the {there.group('what')}?"
    return f"{where}: {lead}:"


def field_over_sentence(term: str, answer: str, names: list[str]) -> bool:
    """`**Scope**: Resource quotas are applied at the namespace level, ...`: a plain word filing
    a sentence about the note's own subject (`names`, lower-case), which a cloze asks better
    than the word. A word that asks a question of its own (`Purpose`), a field's value
    (`**Cost**: billed per hour`) and a term the sentence explains (`**Integrity**: Information
    is protected from ...`, `**Availability**: ... available ...`) stay term cards."""
    words = answer.replace("**", "").split()
    if " " in term.strip() or rarity(term.casefold()) < _FIELD_WORD or generic_question(term):
        return False
    if len(words) < _FIELD_SENTENCE or not words[0][:1].isupper():
        return False
    stem = term.casefold()[:_STEM]
    if any(word.casefold().startswith(stem) for word in words):
        return False
    verb = next((i for i in range(1, _FIELD_VERB) if _verb(words, i)), None)
    subject = {singular(word.casefold().strip(",")) for word in words[:verb]} if verb else set()
    named = [{singular(word) for word in name.split()} for name in names]
    return bool(subject) and any(subject <= name or name <= subject for name in named if name)


def _verb(words: list[str], index: int) -> bool:
    """`Resource quotas are ...`, `CoreDNS ensures ...`: the verb after a sentence's subject."""
    word = words[index].casefold().strip(".,;:")
    return word in VERBS or (index <= _SUBJECT_WORDS and third_person(word))
