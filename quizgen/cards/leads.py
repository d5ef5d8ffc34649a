"""How a list is asked by the line that leads into it.

A short label (`Valid Destinations`) is asked as a term, in bold. A sentence is asked as a
sentence: `There are three types of checks` becomes `What are the three types of checks?`, and
one that breaks off before its list (`The container definition includes`) ends in `…`.
"""

from __future__ import annotations

import re

from .render import asked_term
from .words import FUNCTION_WORDS, VERBS

__all__ = ["asked_by", "generic_question"]

_LABEL_WORDS = 6
# `There are three types of checks`, `There are a few limitations`: how many, then what.
_THERE_ARE = re.compile(
    r"^(?:there|there's)\s+(?:are|is|exist)\s+"
    r"(?:(?:a\s+few|a\s+number\s+of|some|several|many|multiple|various|different)\s+)?"
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
    if there and not there.group("what").casefold().startswith(("no ", "not ")):
        return f"{where}: What are the {there.group('what')}?"
    return f"{where}: {lead}:"
