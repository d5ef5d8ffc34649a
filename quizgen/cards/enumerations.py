"""Lists written inside a sentence (`iSCSI, NFS or SMB`): one answer, not one per item."""

from __future__ import annotations

from .sentence import (
    CLAUSE_WORDS,
    LIST_JOINERS,
    Span,
    Word,
    acts,
    adverb_of_verb,
    participle,
    third_person,
)
from .words import FUNCTION_WORDS, VERBS

__all__ = ["enumerations"]

_ITEM_WORDS = 3  # words of one item of such a list
_UNJOINED = 4  # items a list needs to be one without a last `and`/`or`
_LINKING = {"therefore", "thus", "hence", "then", "also", "so"}  # `and therefore used with`
_ING_FOLLOWERS = {"in", "to", "from", "on", "into", "with", "at", "by", "for", "out", "up"}
_OPENING_WORDS = {"in", "with", "due", "because", "when", "after", "before", "since", "although"}
_OPENING_WORDS |= {"while", "during", "for", "on", "at", "by", "from", "as", "if", "once", "under"}
_SLASHES = 2  # ` / ` between three items or more: `buffer / cache / scratch data`


def enumerations(words: list[Word]) -> list[Span]:
    """Lists written in a sentence, `iSCSI, NFS or SMB`: one answer, not one per item."""
    spans: list[Span] = []
    # A list's first item ends at most three words before a comma, `and` or `or`.
    marks = [i for i, word in enumerate(words) if word.comma or word.text in LIST_JOINERS]
    starts = sorted({start for i in marks for start in range(i - _ITEM_WORDS, i + 1) if start >= 0})
    done = -1
    for index in starts:
        if index <= done:
            continue
        before = words[index - 1] if index and not words[index].opens else None
        # `key management and ...`, `systems, hypervisors and ...`: a list starts before.
        inside = before is not None and _content(before) and (not before.stop or before.comma)
        items = [] if inside else _list_items(words, index)
        if _a_list(words, items) and not _runs_into_clause(words, items):
            spans.append((index, items[-1][1]))
            done = items[-1][1]
    return spans + [span for span in _slashed(words) if not any(_overlap(span, o) for o in spans)]


def _runs_into_clause(words: list[Word], items: list[Span]) -> bool:
    """`In Kubernetes, Labels and Selectors are ...`, `due to the Enclosure Movement, cities and
    authorities were ...`: the end of an opening phrase, its comma, then the subject of the
    sentence and its verb, read as one list."""
    end, last = items[0][1], items[-1][1]
    if last + 1 >= len(words) or words[last].stop or not words[end].comma:
        return False
    after = words[last + 1]
    return after.text in VERBS and not after.capital and words[0].text in _OPENING_WORDS


def _slashed(words: list[Word]) -> list[Span]:
    """`buffer / cache / scratch data / temporary content`: three items or more between ` / `."""
    slashes = [i for i, word in enumerate(words) if word.text == "/"]
    spans: list[Span] = []
    run: list[int] = []
    for slash in slashes:
        if run and slash - run[-1] > _ITEM_WORDS + 1:
            spans += _slash_run(words, run)
            run = []
        run.append(slash)
    return spans + _slash_run(words, run)


def _slash_run(words: list[Word], slashes: list[int]) -> list[Span]:
    """The list around consecutive slashes, when each item is a few content words."""
    if len(slashes) < _SLASHES:
        return []
    first = slashes[0] - 1
    while first > 0 and slashes[0] - first < _ITEM_WORDS and _content(words[first - 1]):
        if words[first - 1].stop or words[first - 1].text in VERBS:
            break
        first -= 1
    last = slashes[-1] + 1
    while last + 1 < len(words) and last - slashes[-1] < _ITEM_WORDS and not words[last].stop:
        if not _content(words[last + 1]):
            break
        last += 1
    inside = range(first, last + 1)
    if last >= len(words) or any(not _content(words[i]) and words[i].text != "/" for i in inside):
        return []
    return [(first, last)]


def _overlap(one: Span, other: Span) -> bool:
    return one[0] <= other[1] and other[0] <= one[1]


def _list_items(words: list[Word], first: int) -> list[Span]:
    """The items of a list starting at `first`: joined by commas, the last by `and`/`or`."""
    items: list[Span] = []
    end = _item_end(words, first)
    while end is not None:
        items.append((first, end))
        joined = end + 1 < len(words) and words[end + 1].text in LIST_JOINERS
        if joined and not words[end].stop or words[end].comma and joined:
            last = _item_end(words, end + 2)
            return items + [(end + 2, last)] if last is not None else []
        if not words[end].comma:  # `frequency, window, lifecycle, vault.`: no `and` needed
            return items if len(items) >= _UNJOINED and words[end].stop else []
        first = end + 1
        end = _item_end(words, first)
    return []


def _item_end(words: list[Word], first: int) -> int | None:
    """The last word of one short list item from `first`: up to three content words."""
    index = first
    if adverb_of_verb(words, first):
        return None  # `by an administrator or dynamically provisioned`: how, not an item
    while index < len(words) and index - first < _ITEM_WORDS and _content(words[index]):
        going_on = words[index].text.endswith("ing") and not _last(words, index)
        going_on = going_on or participle(words[index].text) and not words[index].capital
        if index > first and (words[index].opens or going_on):
            return index - 1  # `hardware running ...`, `Replication Controller based on`: it ended
        verb = third_person(words[index].text) and not words[index].stop
        if verb and index + 1 < len(words) and _content(words[index + 1]):
            return None  # `simplifies orchestration`: a verb and its object
        if words[index].stop or index + 1 < len(words) and not _content(words[index + 1]):
            return index
        index += 1
    return index - 1 if index > first else None


def _last(words: list[Word], index: int) -> bool:
    """True for the sentence's last word, or one a clause ends on: `and conditional branching.`"""
    return index == len(words) - 1 or words[index].stop


def _a_list(words: list[Word], items: list[Span]) -> bool:
    """True for a real list: three items, or two single words or names (`PUT or GET requests`)."""
    if len(items) < 2 or not _alike(words, items):
        return False
    if len(items) > 2:
        return True
    (first, last), (second, end) = items
    if words[last].comma:
        return False  # `every month, and S3 stores ...`: a comma before `and` joins clauses
    # `PUT or GET requests`: the noun both items share; not after `when`, where a verb ends the
    # list (`when API Gateway and Lambda interact`).
    subject = first > 0 and words[first - 1].text in CLAUSE_WORDS
    shared = end - (end > second and not subject)
    named = all(word.capital for word in words[first : last + 1] + words[second : shared + 1])
    return named or (first == last and second == end)


def _alike(words: list[Word], items: list[Span]) -> bool:
    """False for a verb taken for an item: `given permissions and pointed`, `buckets and used`,
    `AWS and having your own`."""
    if acts(words, items[-1][1]):
        return False  # `the events and route them`: the last one is a verb with its object
    last = items[-1][1]
    going_on = last + 1 < len(words) and words[last + 1].text in _ING_FOLLOWERS
    if words[last].text.endswith("ing") and going_on and not words[last].stop:
        return False  # `confusing a model and resulting in ...`: a verb going on
    verbs = [participle(words[first].text) and not words[first].capital for first, _ in items]
    if any(verbs[i] and first != last for i, (first, last) in enumerate(items)):
        return False
    return all(verbs) or not verbs[-1]


def _content(word: Word) -> bool:
    """A word that can be part of a list item: not a small word, not a verb (`GET` is a name)."""
    if word.text in FUNCTION_WORDS or word.text in LIST_JOINERS or word.text in _LINKING:
        return False
    return word.text not in VERBS or word.capital
