"""One fact, one card: cards that ask what another card of the note already asks are dropped.

- A statement cloze whose sentence another card already holds (a definition's back, a list
  card) goes.
- Cards about the same term with the same numbers (a table row `Timeout | 15 minutes`, a
  definition `**Timeout** is at most 15 minutes`, their quantity cloze) keep the first of table,
  definition, list, quantity, statement.
- Cards quizgen made with the same front become one card whose back lists their answers.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .draft import Draft
from .model import CardType, Origin
from .render import CLOZE

__all__ = ["one_card_a_fact"]

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_MARKS = re.compile(r"\*+|`")  # emphasis and code marks: the same words asked twice
_NUMBER = re.compile(r"\d[\d,.]*")
_CONTENT_WORD = re.compile(r"[a-z0-9]{3,}")
_FEW_STEMS = 4  # a card of fewer content words is too short to compare
_IN_FRONT = re.compile(r"^[^{}\n]*?: (?=\S)")  # `Title › Section: ` before a cloze's sentence
_POINTS_TO_SECTION = re.compile(r"(?:this|it|they|these)\b")  # a normalised key's first word
_SHARED = 0.6  # share of content words (Jaccard) that makes a statement a repeat
# words: a longer answer (a sentence, not a paragraph) around a number, to a term of a few words,
# is asked better by the number's cloze
_SHORT_ANSWER, _LONG_ANSWER, _NAME_WORDS = 6, 20, 3
_SMALL = {"the", "and", "for", "are", "with", "that", "this", "from", "can", "not", "its", "you"}
# Which card of a fact is kept: the one a learner answers most directly.
_BEST_FIRST = (Origin.TABLE, Origin.DEFINITION, Origin.LIST, Origin.QUANTITY, Origin.STATEMENT)
_TERM_ORIGINS = (Origin.DEFINITION, Origin.LIST)  # a term's card: `**Term**` -> what it is
_LINE_ORIGINS = (Origin.QUANTITY, Origin.STATEMENT)  # a cloze a term's card may ask again


def one_card_a_fact(drafts: list[Draft]) -> list[Draft]:
    """The drafts of a note with every fact asked once."""
    asked = " \n ".join(
        _words_of(_asks(draft)) for draft in drafts if draft.origin is not Origin.STATEMENT
    )
    kept = [
        draft
        for draft in drafts
        if draft.origin is not Origin.STATEMENT or _words_of(draft.key) not in asked
    ]
    return _merged_fronts(_one_per_line(_one_per_quantity(_said_again(kept))))


def _one_per_line(drafts: list[Draft]) -> list[Draft]:
    """Of a term's card (`**Tachypnea**` -> `RR greater than 20 or hyperventilation`) and a
    cloze of the same line that hides only what that card answers, the better one only."""
    terms = [d for d in drafts if d.type is CardType.BASIC and d.origin in _TERM_ORIGINS]
    dropped: set[int] = set()
    for cloze in drafts:
        if cloze.type is not CardType.CLOZE or cloze.origin not in _LINE_ORIGINS:
            continue
        hidden = [_plain(match.group(2)) for match in CLOZE.finditer(cloze.text)]
        for term in terms:
            named = _BOLD.search(term.front)
            if term.line != cloze.line or named is None or id(term) in dropped:
                continue
            if len(named.group(1).split()) > _NAME_WORDS:
                continue  # `**IP addressing assigns address**`: a clause, no term to ask by
            back = _plain(term.back)
            if _plain(named.group(1)) in _plain(cloze.text) and all(h in back for h in hidden):
                dropped.add(id(cloze) if _rank(term) <= _rank(cloze) else id(term))
                break
    return [draft for draft in drafts if id(draft) not in dropped]


def _plain(text: str) -> str:
    """Text without emphasis marks, in lower case: `**RR** > 20` and `RR > 20` read alike."""
    return " ".join(_MARKS.sub("", text).casefold().split())


def _said_again(drafts: list[Draft]) -> list[Draft]:
    """Without the statements that say again, in other order, what an earlier card says: most of
    their content words are another card's (`It simplifies access control by ...` after
    `**Simplifies access management**: ...`)."""
    kept: list[Draft] = []
    seen: list[set[str]] = []
    for draft in drafts:
        stems = _stems(_said(draft))
        statement = draft.origin is Origin.STATEMENT and draft.type is CardType.CLOZE
        # `This utilizes block-interleaved parity` under `Level 4`, then `... distributed
        # parity` under `Level 5`: a sentence about its section says a fact of that section.
        shared = 1.0 if _POINTS_TO_SECTION.match(draft.key) else _SHARED
        if statement and any(len(stems & o) >= shared * len(stems | o) for o in seen):
            continue
        kept.append(draft)
        if len(stems) >= _FEW_STEMS:
            seen.append(stems)
    return kept


def _said(draft: Draft) -> str:
    """What a card says, without the title and headings in front of it (a statement's own
    sentence, not the one before it that a `This ...` sentence shows)."""
    if draft.origin is Origin.STATEMENT and draft.type is CardType.CLOZE:
        return draft.key
    if draft.type is CardType.CLOZE:
        return _IN_FRONT.sub("", draft.text, count=1)
    return f"{draft.front.rsplit(' › ', 1)[-1]} {draft.back}"


def _stems(text: str) -> set[str]:
    """The content words of a text, cut to five letters: `accesses` and `access` are one."""
    said = CLOZE.sub(r"\2", text) if "{{" in text else text
    return {word[:5] for word in _CONTENT_WORD.findall(said.casefold())} - _SMALL


def _asks(draft: Draft) -> str:
    """What a card asks: its back, a cloze's sentence, or only the points a list cloze hides,
    each with the name it shows (`First IP ---> {{Network Address}}`); the other points shown
    around them are asked by their own cards."""
    if draft.origin is Origin.LIST and draft.type is CardType.CLOZE:
        return "\n".join(line for line in draft.text.splitlines() if CLOZE.search(line))
    return draft.back or draft.text


def _one_per_quantity(drafts: list[Draft]) -> list[Draft]:
    """Of the cards giving one term the same numbers, the best one only."""
    facts = [_quantity_fact(draft) for draft in drafts]
    best: dict[tuple[str, str], Draft] = {}
    for draft, fact in zip(drafts, facts, strict=True):
        if fact and (fact not in best or _rank(draft) < _rank(best[fact])):
            best[fact] = draft
    keep = {id(draft) for draft in best.values()}
    return [d for d, fact in zip(drafts, facts, strict=True) if not fact or id(d) in keep]


def _quantity_fact(draft: Draft) -> tuple[str, str] | None:
    """(term, numbers) of a card that gives a bold term's numbers; None for other cards."""
    if draft.origin not in _BEST_FIRST:
        return None
    asked = draft.front if draft.type is not CardType.CLOZE else CLOZE.sub("", draft.text)
    answer = draft.back if draft.type is not CardType.CLOZE else _hidden(draft.text)
    term = _BOLD.search(asked)
    numbers = " ".join(sorted(_NUMBER.findall(answer)))
    return (term.group(1).casefold(), numbers) if term and numbers else None


def _rank(draft: Draft) -> float:
    """Lower is kept: a table row first, a statement last; a list item's term whose answer is a
    whole sentence around its number (`**Speed Cap**` -> `~1.25 Gbps limit on a VGW — a hard
    ...`) after the cloze that asks the number itself (a definition, `**X** means ...`, stays)."""
    rank = float(_BEST_FIRST.index(draft.origin))
    term = _BOLD.search(draft.front)
    named = term is not None and len(term.group(1).split()) <= _NAME_WORDS  # not advice
    if (
        named
        and draft.origin is Origin.LIST  # a trait in a list; `**X** means ...` defines X
        and draft.type is CardType.BASIC
        and _SHORT_ANSWER < len(draft.back.split()) <= _LONG_ANSWER
    ):
        rank = _BEST_FIRST.index(Origin.QUANTITY) + 0.5
    return rank


def _hidden(text: str) -> str:
    """What a cloze's deletions hide."""
    return " ".join(match.group(2) for match in CLOZE.finditer(text))


def _merged_fronts(drafts: list[Draft]) -> list[Draft]:
    """Cards quizgen made with the same front become one card whose back lists their answers."""
    first: dict[str, int] = {}
    merged: list[Draft] = []
    for draft in drafts:
        front = _MARKS.sub("", draft.front).casefold()  # `› **NACL**` asks what `› NACL` does
        mergeable = draft.type is not CardType.CLOZE and draft.origin is not Origin.EXPLICIT
        if mergeable and front in first:
            earlier = merged[first[front]]
            if _words_of(draft.back) in _words_of(earlier.back):
                continue  # a question's answer that its nested list gives again
            back = f"{_as_points(earlier.back)}\n{_as_points(draft.back)}"
            merged[first[front]] = replace(earlier, back=back)
            continue
        if mergeable:
            first[front] = len(merged)
        merged.append(draft)
    return merged


def _as_points(back: str) -> str:
    """An answer as list points, to sit beside another one."""
    return back if back.startswith("- ") else f"- {back}"


def _words_of(text: str) -> str:
    """Text reduced to its words, cloze marks and Markdown left out, for comparing facts."""
    return " ".join(re.findall(r"\w+", CLOZE.sub(r"\2", text).casefold()))
