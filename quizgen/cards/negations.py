"""Negated verbs: `Security groups {{cannot deny}} traffic`, `It {{does not prevent}} changes`,
`data {{never leaves}} that region`.

That a thing cannot or does not do something is often the whole fact of a sentence, so the
negated verb and the action it denies are asked together. A passive (`can't be edited`) asks
what cannot be instead, `is not` is asked with what follows it (`is {{not secure}}`), and
`don't have to` denies nothing worth asking.
"""

from __future__ import annotations

from .sentence import Span, Word
from .words import AUXILIARIES, BE_FORMS, FUNCTION_WORDS, PARTICLES

__all__ = ["denied_action", "is_denial"]

_NEGATED = {"can't", "cannot", "can’t", "don't", "don’t", "doesn't", "doesn’t", "won't", "won’t"}
_NEGATED |= {"didn't", "shouldn't", "mustn't", "couldn't", "wouldn't"}
_NOT = ("not", "never")
# `log in`, `scale out`: verbs whose particle is part of them.
_PHRASAL = {"log", "sign", "set", "shut", "scale", "spin", "back", "roll", "opt", "turn", "plug"}
_LONGEST = 3  # words between the negation and its action, adverbs included


def denied_action(words: list[Word], clause: list[int], verb: int) -> Span | None:
    """`cannot deny`, `does not track`, `don't keep`: a clause's negated verb and the action it
    denies, or None."""
    never = verb > 1 and verb - 1 in clause and words[verb - 1].text == "never"  # not `Never use`
    if never and words[verb].text.isalpha():
        if words[verb].text in BE_FORMS or words[verb].text in FUNCTION_WORDS:
            return None  # `is never ...`: asked with what follows it
        return verb - 1, verb  # `never leaves that region`
    if words[verb].text in _NEGATED:
        action = verb + 1
    elif (
        verb + 1 in clause
        and words[verb + 1].text in _NOT
        and words[verb].text in AUXILIARIES
        and words[verb].text not in BE_FORMS  # `is {{not secure}}`: asked with what follows
    ):
        action = verb + 2
    else:
        return None
    while action in clause and words[action].text.endswith("ly") and not words[action].stop:
        action += 1  # `cannot directly access`
    if action not in clause or words[action].capital or not words[action].text.isalpha():
        return None
    if words[action].text in FUNCTION_WORDS or words[action].text in ("have", "get", "need"):
        return None
    particle = action + 1 in clause and words[action + 1].text in PARTICLES
    if particle and words[action].text in _PHRASAL:
        action += 1  # `{{cannot log in}} as an IAM group`
    return verb, action


def is_denial(words: list[Word], span: Span) -> bool:
    """True for a negated verb and its action (`cannot transition`), as `denied_action` finds
    them: the one phrase holding `can't` or `not` that may still be hidden."""
    after = words[span[0] + 1].text if span[0] + 1 < len(words) else ""
    negated = words[span[0]].text in _NEGATED or after in _NOT or words[span[0]].text == "never"
    last = words[span[1]].text
    phrasal = last in PARTICLES and words[span[1] - 1].text in _PHRASAL  # `cannot log in`
    return negated and span[1] - span[0] <= _LONGEST and (last not in FUNCTION_WORDS or phrasal)
