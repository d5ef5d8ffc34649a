"""Where a one-line card's separator (`::`, `:::` or one the user set) splits a text token.

A separator splits a card only when it stands between words. It is part of something else in
`arn:aws:iam::123:role/x`, `::1`, `fe80::1`, `items[::-1]`, `expr ::= term`, `std::int8_t`,
`Fn::Join`, `AWS::Region`, a Dataview field (`key:: value`, `[key:: value]`) and URLs.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["Split", "find_split"]

Split = tuple[int, int, bool]  # start, end, reversed card?

_IPV6ISH = re.compile(r"^[0-9A-Fa-f.%]*$")
_NOT_A_SIDE = set(":/[]()<>{}@\\;=")
_NAME = re.compile(r"^[A-Z][A-Za-z0-9]*$")  # `AWS`, `Fn`, `Region`
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")  # `std`, `string`, `key`
_ASKS = re.compile(r"\?|\b(?:what|which|who|whom|whose|how|when|where|why|define|name)\b", re.I)


@lru_cache(maxsize=16)
def _pattern(basic: str, reverse: str) -> re.Pattern[str]:
    """The separators, longest first, not inside a longer run of their own characters."""
    chars = re.escape("".join(sorted(set(basic + reverse))))
    options = "|".join(re.escape(s) for s in sorted({basic, reverse}, key=len, reverse=True))
    return re.compile(rf"(?<![{chars}])(?:{options})(?![{chars}=])")


def find_split(text: str, first: bool, last: bool, basic: str, reverse: str) -> Split | None:
    """Where a card separator splits this text, when it is a card separator at all.

    `first`/`last` say whether the text starts/ends its line (else markup such as `**` touches it).
    """
    for match in _pattern(basic, reverse).finditer(text):
        start, end = match.span()
        if first and not text[:start].strip():
            continue  # nothing before it on the line: `::1`, `::: note`
        before = text[start - 1].isspace() if start else first
        after = text[end].isspace() if end < len(text) else last
        if before != after:
            continue  # `key:: value` (Dataview), `see ::1`, `std:: x`
        reversed_card = match.group() == reverse and reverse != basic
        if before or reversed_card and _plain(text, start, end):
            return start, end, reversed_card
        if _between_words(text, start, end, first):
            return start, end, reversed_card
    return None


def _plain(text: str, start: int, end: int) -> bool:
    """The words glued to a separator are words, not an address, a URL or code."""
    left_words, right_words = text[:start].split(), text[end:].split()
    left = left_words[-1] if left_words else ""
    right = right_words[0] if right_words else ""
    if _NOT_A_SIDE & set(left + right):
        return False  # an address, a URL, a slice, code
    hexes = _IPV6ISH.match(left) and _IPV6ISH.match(right)
    return not (left and right and hexes and re.search(r"\d", left + right))  # `fe80::1`


def _between_words(text: str, start: int, end: int, first: bool) -> bool:
    """For `a::b` written without spaces: the words around are a question and an answer."""
    if not _plain(text, start, end):
        return False
    left_words, right_words = text[:start].split(), text[end:].split()
    left = left_words[-1] if left_words else ""
    right = right_words[0] if right_words else ""
    one_word = first and len(left_words) == 1  # the question is one word
    alone = one_word and len(right) > 1  # `Fn::Join`, `Fn::If`, not `Q::A`
    more = len(right_words) > 1  # words follow the answer's first word
    right = right.rstrip(",.;)")  # `AWS::Region, AWS::StackId`: a name, then a comma
    if _NAME.match(left) and _NAME.match(right):
        # `AWS::AccountId`, `Fn::Join`, `AWS::Region is ...`: a qualified name, while
        # `What is SQS::A queue` asks something
        return not (alone or re.search(r"[A-Z]", right[1:]) or (len(right) > 2 and more))
    if "_" in left + right or (one_word and right.isdigit()):
        return False  # `std::int8_t`, `rating::10`
    # `uses std::string here`, `set key::value in prose`: a name inside a sentence, unless what
    # comes before asks something (`what does TTL stand for::time to live`)
    glued = _IDENTIFIER.match(left) and _IDENTIFIER.match(right)
    asks = _ASKS.search(text[:start])
    return not (glued and len(left_words) > 1 and more and not asks)
