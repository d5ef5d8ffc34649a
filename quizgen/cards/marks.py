"""Where a phrase may be cut out of a sentence without breaking its Markdown: bold, italics,
code, highlights, links, quotes and TeX stay whole, and a name takes its abbreviation along."""

from __future__ import annotations

import re

from .sentence import Span, Word

__all__ = ["BOLD", "CODE", "balanced", "bold_wrapped", "cuts_a_mark", "inside_marks", "marked"]
__all__ += ["inside_spelled", "spelled_after", "spelled_before"]

BOLD = re.compile(r"\*\*(.+?)\*\*")
CODE = re.compile(r"`([^`]+)`")  # a command or an API name the author set as code
_TEX_SIGN = re.compile(r"\$(?![\d,.]*\d|/)")  # a `$` around TeX, not a price's (`$600`)
_SHORT_AFTER = re.compile(r" \(([A-Z][A-Za-z0-9]{1,6})\)")  # ` (KMS)` right after a phrase
_MARKED = re.compile(r"[*`=\[\]()$\"“”']")  # a sentence without these has nothing to cut in two
_SINGLE_QUOTE = re.compile(r"(?<![A-Za-z])'|'(?![A-Za-z])")  # not the apostrophe of `can't`


def marked(sentence: str) -> list[tuple[int, int]]:
    """Where the author set words in bold or code: what they marked as the point."""
    return [match.span() for match in BOLD.finditer(sentence)] + [
        match.span() for match in CODE.finditer(sentence)
    ]


def inside_marks(words: list[Word], span: Span, marked: list[tuple[int, int]]) -> bool:
    """True when the phrase lies in a bold or code stretch."""
    start, end = words[span[0]].start, words[span[1]].end
    return any(begin <= start and end <= stop for begin, stop in marked)


def cuts_a_mark(hidden: str) -> bool:
    """True when hidden text holds one half of a bold run's `**` or of a code span's backtick
    (`renal disease** (ESRD)`, `not on `$LATEST`): the card would show a stray mark."""
    return bool(hidden.count("**") % 2 or hidden.count("`") % 2)


def balanced(sentence: str, words: list[Word], span: tuple[int, int]) -> bool:
    """True when hiding the span cuts no bold, italics, code, highlight, link or quote in two."""
    if not _MARKED.search(sentence):
        return True
    start, end = bold_wrapped(sentence, words[span[0]].start, words[span[1]].end)
    before, hidden, after = sentence[:start], sentence[start:end], sentence[end:]
    if hidden.count("[") != hidden.count("]") or hidden.count("(") != hidden.count(")"):
        return False
    if hidden.count('"') % 2 or hidden.count("“") != hidden.count("”"):
        return False  # `a {{fully pre-configured "Golden Image}}"`: a quote cut in two
    if len(_SINGLE_QUOTE.findall(hidden)) % 2:
        return False  # `the '{{principal' statement}}`
    if len(_TEX_SIGN.findall(hidden)) % 2:
        return False  # `{{1$}}`, `{{w^{T}x$}}`: half a formula cut off
    return all(_marks_closed(before, hidden, after, mark) for mark in ("**", "`", "==", "*"))


def bold_wrapped(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The phrase with the bold around its first and last words when it spans several bold
    runs: `**{{retry**, **parallel** and **branching}}**` -> `{{**retry**, ... **branching**}}`;
    italics or a quote the phrase opens or closes are hidden whole, and so is the abbreviation
    in brackets right after a name it abbreviates."""
    inside = sentence[start:end]
    if "**" in inside and sentence[start - 2 : start] == "**" and sentence[end : end + 2] == "**":
        return start - 2, end + 2
    short = _SHORT_AFTER.match(sentence, end)
    if short and _initials(inside).endswith(short.group(1).rstrip("s").casefold()):
        return start, short.end()  # `{{AWS Key Management Service (KMS)}}`: no hint left
    if inside.replace("**", "").count("*") % 2:  # `a {{*paraoesophageal* hiatal hernia}}`
        if sentence[start - 1 : start] == "*" and sentence[start - 2 : start] != "**":
            return start - 1, end
        if sentence[end : end + 1] == "*" and sentence[end : end + 2] != "**":
            return start, end + 1
    for quote in ('"', "'"):  # `a fully pre-configured {{"Golden Image"}}`: the quote whole
        if inside.count(quote) % 2 and sentence[end : end + 1] == quote:
            return start, end + 1
        if inside.count(quote) % 2 and sentence[start - 1 : start] == quote:
            return start - 1, end
    return start, end


def spelled_before(sentence: str, words: list[Word], span: Span) -> bool:
    """True for an abbreviation in brackets whose initials the words before it spell."""
    first, last = span
    if first != last or first == 0 or sentence[words[first].start - 1 : words[first].start] != "(":
        return False
    letters = words[first].text.rstrip("s")
    before = sentence[: words[first].start - 1]
    return len(letters) > 1 and (
        _initials(before).endswith(letters) or _spelled_inside(letters, before)
    )


def spelled_after(sentence: str, words: list[Word], span: Span) -> Span:
    """A phrase whose last words an abbreviation in brackets right after it spells, which would
    give them away: it ends before them when two words or more come first (`{{NoSQL fully
    managed}} Database-as-a-Service (DBaaS)`), else takes the abbreviation in (`{{Elastic
    Container Service (ECS)}}`); a phrase that is the end of such a name is asked as all of it
    (`{{Minimum alveolar concentration (MAC)}}`)."""
    first, last = span
    following = last + 1
    if following >= len(words) or not words[following].opens:
        return span
    if sentence[words[following].end : words[following].end + 1] != ")":
        return span
    letters = words[following].text.rstrip("s")
    for start in range(last, first - 1, -1):
        said = sentence[words[start].start : words[last].end]
        if _initials(said) == letters or _spelled_inside(letters, said):
            while start > first and words[start - 1].text in _JOINING:
                start -= 1  # `{{top level}} and organizational units (OU)`
            kept = start - first  # words said before the spelled name: they alone are asked
            return (first, start - 1) if kept >= _KEPT_WORDS else (first, following)
    for start in range(first - 1, max(first - _NAME_WORDS, 0) - 1, -1):
        said = sentence[words[start].start : words[last].end]
        if _initials(said) == letters:  # `Minimum alveolar {{concentration}} (MAC)`: a part
            return (start, following)  # of the name is asked as the whole name
    return span


def inside_spelled(sentence: str, words: list[Word], span: Span) -> bool:
    """True for a phrase among the words an abbreviation in brackets further on spells, not
    ending right before it: `{{Reject}} On Negative Impact (RONI)` (its card asks the name);
    or part of the spelling in brackets after one: `VRF (Virtual Routing and {{Forwarding}})`."""
    first, last = span
    if _part_of_spelling(sentence, words[first].start, words[last].end):
        return True
    for at in range(last + 2, min(len(words), last + _NAME_WORDS + 2)):
        if not words[at].opens or sentence[words[at].end : words[at].end + 1] != ")":
            continue
        letters = words[at].text.rstrip("s")
        for start in range(first, max(first - _NAME_WORDS, -1), -1):
            if _initials(sentence[words[start].start : words[at - 1].end]) == letters:
                return True
        return False
    return False


def _part_of_spelling(sentence: str, start: int, end: int) -> bool:
    """True when `start:end` is part, not all, of the words in brackets that spell out the
    abbreviation right before them."""
    opening, closing = sentence.rfind("(", 0, start), sentence.find(")", end)
    if opening < 1 or closing < 0 or ")" in sentence[opening:start]:
        return False
    before = re.findall(r"[A-Za-z0-9]+", sentence[:opening])[-1:]
    inside = sentence[opening + 1 : closing]
    if not before or not before[0].isupper() or not inside[start - opening - 1 :].strip():
        return False
    words = [w for w in re.findall(r"[A-Za-z0-9]+", inside) if w.casefold() not in _JOINING]
    spelled = "".join(word[0] for word in words).casefold() == before[0].casefold().rstrip("s")
    return spelled and (start > opening + 1 or end < closing)


_KEPT_WORDS = 2  # fewer words before a spelled name (`{{performs}}`, `{{simple}}`) ask little
_JOINING = {"and", "or", "of", "the", "a", "an", "/", "&", "+"}


def _spelled_inside(letters: str, before: str) -> bool:
    """`Transit gateway (TGW)`, `Database-as-a-Service (DBaaS)`: the abbreviation's letters, in
    order, inside the last few words before it, the first one opening a word."""
    tail = re.findall(r"[A-Za-z0-9]+", before)[-_NAME_WORDS:]
    for start in range(len(tail)):
        if tail[start][:1].casefold() != letters[:1]:
            continue
        rest = iter("".join(tail[start:]).casefold()[1:])
        if all(letter in rest for letter in letters[1:]):
            return True
    return False


_NAME_WORDS = 4  # words before an abbreviation in which its letters are looked for


def _initials(text: str) -> str:
    """`AWS Key Management Service` -> `akms`: the first letters of a phrase's words."""
    return "".join(word[0] for word in re.findall(r"[A-Za-z0-9]+", text)).casefold()


def _marks_closed(before: str, hidden: str, after: str, mark: str) -> bool:
    """True when `mark` pairs inside the phrase, or wraps it whole; a phrase inside bold or
    italics may be hidden too, never one inside code or a highlight."""
    if mark == "*":  # single stars: italics, once bold's double stars are set aside
        before, hidden, after = (text.replace("**", "") for text in (before, hidden, after))
    if hidden.count(mark) % 2:
        return False
    if before.count(mark) % 2 == 0:
        return True
    if mark in ("*", "**"):
        return mark not in hidden  # `*This method is {{c1::not suitable}} ...*`
    whole = before.endswith(mark) and after.startswith(mark)  # `` `{{c1::ls}}` ``
    return whole and mark not in hidden
