"""Quota sentences: a number with its unit becomes a cloze deletion.

A number counts only with a unit after it (`15 minutes`, `256 KB`, `1,000 concurrent executions`,
`99.9%`) or a word before it that names a code (`status code 429`, `port 443`), so service
names (`EC2`, `S3`, `Route 53`), versions and list numbering are left alone. A year counts in a
sentence told in the past when a date or a word of time leads to it (`attacked on November 7th,
1917`, `founded in 1895`, `opened by 1904`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .render import cloze_spans

__all__ = [
    "calculation",
    "cloze_quantities",
    "has_quantity",
    "quantity_spans",
    "spells_duration",
    "without_numbers",
]

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\+?(?: (?:thousand|million|billion|trillion)\b)?"
# `1, 10 or 100 Gbps`: numbers listed before their one unit are one quantity.
_NUMBERS = rf"{_NUMBER}(?:,\s{_NUMBER})*"
_STANDARD = (
    r"%|\$|percent|x(?=\W|$)|ms|milliseconds?|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|"
    r"weeks?|months?|years?|bytes?|[KMGTP]i?B(?:/s)?|[KMGT]bps|IOPS|TPS|RPS|vCPUs?|GB-seconds?|"
    r"[kKMGT]?Hz|[kKMGT]b(?:ps|/s)|bits?|"  # `50kHz - 1MHz`, `32-bits`
    r"times|(?<= )s(?=[\s,.;)]|$)|miles|mi|feet|ft|inches|yards|lbs?|tons|tonnes|acres|mph|"
    # measures of the sciences: `6cm`, `0.4 mg`, `3-10 mcg/kg/hr`, `120 mmHg`
    r"(?:mm|cm|km|mg|mcg|µg|ug|kg|mL|ml|mmHg|bpm|IU|mEq|mmol|kcal|°C|°F)(?:/(?:kg|hr|h|min|day|dose|L|mL|m2))*|"
    # chemistry and physics: `347 kJ/mol`, `154 pm`, `109.5°`, `1 atm`, `4.2 eV`
    r"kJ(?:/mol)?|kcal/mol|J/mol|eV|pm|nm|µm|Å|atm|kPa|g/mol|°(?![CF])"
)
# `3000 RCU`, `3 AZs`: an acronym after a number and a space is its unit when nothing it could
# qualify follows (not `PUT/COPY`, `4XX`, `1 IAM user` nor `3 AWS Regions`).
_ACRONYM = (
    r"(?<= )[A-Z]{2,5}s?(?![\w/])"
    r"(?=$|[^\w ]| [^\w\s]| (?:and|or|per|in|of|for|to|at|on|with|by|each|max|maximum|minimum)\b)"
)
# What is counted: `5 local secondary indexes`, `8 free IPs`, `5500 GET/HEAD requests`,
# `3 Availability Zones`.
_COUNTED = (
    r"(?:[A-Za-z][\w/-]* ){0,2}[a-z][a-z-]{2,}s(?=\W|$)"
    r"|(?:[A-Z][\w-]* ){0,2}[A-Z][a-z]{2,}s(?=\W|$)|[A-Z]{2,}(?:/[A-Z]{2,})+"
    r"|(?:[a-z][a-z-]+ ){1,2}[A-Z]{2,5}s(?=\W|$)"  # `8 free IPs`, `2 private ENIs`
)
# A rate written with a slash is one unit: `MB/s`, `records/s`, `requests/min`.
_RATE = r"(?:/(?:s|sec|second|min|minute|h|hour|day|month)(?![\w/]))?"
_STANDARD_AFTER = re.compile(rf"^{_NUMBER}[\s-]?(?:{_STANDARD}|{_ACRONYM})")
# A unit hidden with its number: a symbol (`KB`, `ms`, `%`) or a rate (`records/s`); a counted
# acronym stays to say what is counted (`at least {{1}} RCU`, `{{3}} AZs`).
_SYMBOL_UNIT = re.compile(
    rf"[\s-]?(?:(?:{_STANDARD})(?![\w-])|[a-z-]+/[a-z]+)"
    r"(?=$|/|\s(?:per|every|each|a|an|to|and|or)\s)"
)
# `5 local secondary indexes`: only the number is hidden, the noun says what is counted.
_LEADING_NUMBERS = re.compile(rf"{_NUMBERS}(?:,?\s(?:to|and|or)\s{_NUMBER}|[-–]{_NUMBER})?")
# `500 and 3000 instances`, `1 to 60 seconds`, `2-5 KB`, `128MB - 10240MB`; a unit before
# `and`/`or` ends the quantity (`1 MB/s or 1000 records/s` is two of them).
_RANGE = rf"(?:(?:[\s-]?(?:{_STANDARD}))?(?:\sto\s|\s?[-–]\s?)|,?\s(?:and|or)\s)"
_FORMULA = re.compile(r"\$(?=[^\s\d$])[^$\n]+\$")  # `$k=2$`, `$\mu$`: TeX, not a price
# A price: `$0.40` (`0.40$` and `1$/month` are read with `$` as a unit).
_PRICE = r"(?<![\w$\\])\\?\$\d[\d,]*(?:\.\d+)?(?![\d,.]\d|[\^_{])"  # `\$0.03`; not `$2^{48}$`
# `Default 1500`, `max 1500`, `up to 100`, `limit of 1000`: a bare number that a word makes a
# limit or a default (looked for apart, and only where one of the words is: it would slow every
# other search).
_BOUND = re.compile(
    r"\b(?:default|max|maximum|min|minimum|up to|limit)(?: of)? (\d[\d,]*)(?![\w.,-]*\w)",
    re.IGNORECASE,
)
_BOUND_CUES = ("default", "max", "min", "up to", "limit")
# `November 7th, 1917`, `April 1906`, `in 1895`, `by 1904`: when a thing happened is a fact.
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_DATE = rf"\b{_MONTHS} (?:\d{{1,2}}(?:st|nd|rd|th)?,? )?(?:1[5-9]\d\d|20[0-4]\d)\b"
_YEAR_AFTER = ("in", "by", "since", "until", "before", "after", "from", "around", "circa")
_YEAR = (
    "(?:" + "|".join(f"(?<=\\b{word} )" for word in _YEAR_AFTER) + ")"
    r"(?:1[5-9]\d\d|20[0-4]\d)(?![\w-]|\.\d)"
)
# Looked for apart, and only in a sentence told in the past: `Route 53 is global since 2013` is
# no history lesson.
_WHEN = re.compile(f"{_DATE}|{_YEAR}")
# `took more than a week`, `within half a day`: a duration written in words (not `a second
# table`, an ordinal).
_SPELLED_DURATION = re.compile(
    r"\b(?:(?:more|less|longer|shorter) than |about |over |under |within |up to )?(?:half )?"
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a few|several) "
    r"(?:seconds|minutes?|hours?|days?|weeks?|months?|years?|decades?)\b(?! ago)"
)
_DURATION_CUES = ("second", "minute", "hour", "day", "week", "month", "year", "decade")
_TOLD_PAST = re.compile(
    r"\b(?:\w{3,}ed|was|were|had|became|began|came|took|won|lost|fought|led|fled|met|rose|fell|"
    r"grew|went|gave|held|left|made|built|wrote|signed|died|born)\b"
)
_QUANTITY = re.compile(
    rf"(?<![\w.,/$#:-]){_NUMBERS}(?:{_RANGE}{_NUMBER})?(?:[\s-]?(?:{_STANDARD})|\s(?:{_COUNTED}|{_ACRONYM}))"
    rf"{_RATE}"  # `2-dimensional convolutions` counts nothing: a count is joined by a space
    rf"(?:\s(?:per|every|each|a|an)\s(?:{_NUMBER}\s)?[a-zA-Z-]+)?(?![\w-])"
    rf"|(?<![\w.,/$#:-]){_NUMBER}(?=\sper\s[a-z])"
    rf"|(?<=status code )\d{{3}}\b|(?<=HTTP )\d{{3}}\b|(?<=port )\d{{2,5}}\b"
    rf"|(?:(?<=[<>≤≥])|(?<=[<>≤≥] )){_NUMBER}(?![\w.])"  # `BMI >35`: a threshold
    rf"|(?<=port \*\*)\d{{2,5}}\b"  # `on port **3389**`
    rf"|{_PRICE}"
)
# Words a number is often followed by that are not units of anything.
_NOT_UNITS = re.compile(
    r"\s(?:[\w/-]+ )?(?:does|goes|uses|gives|takes|makes|means|needs|runs|seems|becomes|remains|"
    r"this|thus|plus|less|across|always|towards|versus|was|has|is|its|as|us|yes|sometimes)$"
)
# `Python 3`, `Route 53`, `Java 11`: a capitalised word right before the number names a thing.
_NAMED = re.compile(r"(?<=\S)\s+[A-Z][\w.]*\s$")
# `layer 7 protocols`, `step 2 instances`: a number that says which one, not how many.
_NUMBERED = re.compile(
    r"\b(?:layers?|version|step|phase|tier|level|generation|gen|class|option|part|section|"
    r"chapter|lesson|module|page|figure|rule|number|no\.)\s$",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"(?:^|\s)([A-Z][\w.]*)\s$")
# ... unless it is a word that introduces an amount at the start of a sentence (`Max 5 per table`).
_AMOUNT_WORDS = {"max", "maximum", "min", "minimum", "up", "about", "around", "over", "under"}
_AMOUNT_WORDS |= {"only", "default", "at", "approximately", "roughly", "less", "more", "all"}
# `in 2023 AWS launched`: a year is not an amount of AWS.
_YEAR_ACRONYM = re.compile(r"^(?:19|20)\d\d\s[A-Z]")
# Spans a cloze must not touch: code, link targets, existing clozes.
_PROTECTED = re.compile(r"``.*?``|`[^`]*`|\]\([^)]*\)|\{\{c\d+::.*?\}\}|https?://\S+")
_DIGITS = re.compile(r"\d[\d,.]*")
_CALCULATION = re.compile(r"\d\s*[+×*]\s*\(?[$\d]|\d\s+x\s+\(?\d")
_RANGE_REST = re.compile(r"\s?[^\s\d]*\s?(?:to|[-–])\s?\d")  # `MB - 10240MB` after `128`
_GLUED = re.compile(r"\d[\d,.]*\+?[A-Za-z]")


@lru_cache(maxsize=1024)  # each rule asks it of the same sentences of a note
def has_quantity(text: str) -> bool:
    """True when a sentence states a number with its unit."""
    return any(True for _ in _matches(text))


def cloze_quantities(text: str) -> str:
    """The sentence with each quantity hidden as `{{cN::...}}`, numbered left to right."""
    return cloze_spans(text, quantity_spans(text))


def spells_duration(text: str) -> bool:
    """True when a text says how long in words, with no digit: `took more than a week`."""
    return next(_spelled_durations(text.casefold()), None) is not None


def _spelled_durations(low: str) -> Iterator[re.Match[str]]:
    """The durations written in words in a lower-cased text (looked for only where a unit is)."""
    if any(cue in low for cue in _DURATION_CUES):
        return _SPELLED_DURATION.finditer(low)
    return iter(())


def quantity_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of what each quantity hides: `{{5 GB}}`, `{{3}} AZs` (the noun stays)."""
    spans = []
    for start, end in _matches(text):
        numbers = _LEADING_NUMBERS.match(text, start)
        if numbers and text.startswith("$", numbers.end()):
            end = numbers.end() + 1  # `{{0.40$}} per secret`: the price, not what it is for
        elif numbers and numbers.end() < end and not _unit_or_range(text, numbers.end(), end):
            end = numbers.end()
        spans.append((start, end))
    if "$" in text:  # `At $k=2$, ... at least {{75%}}`: a number of a formula is no quantity
        formulas = [match.span() for match in _FORMULA.finditer(text)]
        spans = [s for s in spans if not any(a <= s[0] < b for a, b in formulas)]
    return [span for span in spans if not _shown_again(text, span, spans)]


def _shown_again(text: str, span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """True when the number a span hides stands again in the sentence, outside any hidden span
    (`Remember the **5,000 user limit**: ... more than {{5,000}} users`): it gives itself away."""
    hidden = text[span[0] : span[1]]
    at = text.find(hidden)
    while at != -1:
        before, after = text[at - 1 : at], text[at + len(hidden) : at + len(hidden) + 1]
        alone = not _glued(before, "_/.,") and not _glued(after, "_")  # not inside `15.5`, `a5`
        if alone and not any(start <= at < end for start, end in spans):
            return True
        at = text.find(hidden, at + 1)
    return False


def _glued(char: str, also: str) -> bool:
    """True when a character next to a number makes it part of a longer word or number."""
    return bool(char) and (char.isalnum() or char in also)


def _unit_or_range(text: str, start: int, end: int) -> bool:
    """True when what follows a quantity's numbers is hidden with them: a symbol (`KB`, `ms`) or
    the rest of a range (`MB - 10240MB` after `128`)."""
    return bool(_SYMBOL_UNIT.match(text, start, end) or _RANGE_REST.match(text, start, end))


def calculation(text: str) -> bool:
    """True for the steps of a worked calculation (`22,000 + 4,000 = $26,000`, `1.28 x 1.37`):
    an example's arithmetic, no fact to recall."""
    return bool(_CALCULATION.search(text))


def without_numbers(text: str) -> str:
    """The sentence with its numbers taken out: the stable part of a quota fact."""
    return _DIGITS.sub("#", text)


def _matches(text: str):
    """(start, end) of each quantity outside protected spans."""
    protected = [match.span() for match in _PROTECTED.finditer(text)]
    low = text.casefold()
    bounds = _BOUND.finditer(text) if any(cue in low for cue in _BOUND_CUES) else ()
    found = [(match, match.span()) for match in _QUANTITY.finditer(text)]
    taken = [span for _, span in found]
    for bound in bounds:
        span = bound.span(1)
        if not any(span[0] < end and start < span[1] for start, end in taken):
            found.append((bound, span))
    times = list(_WHEN.finditer(text)) if _TOLD_PAST.search(text) else []
    for time in times + list(_spelled_durations(low)):
        if not any(time.start() < end and start < time.end() for start, end in taken):
            found.append((time, time.span()))
    for match, (start, end) in sorted(found, key=lambda pair: pair[1]):
        if any(start < p_end and p_start < end for p_start, p_end in protected):
            continue
        if match.re in (_BOUND, _WHEN, _SPELLED_DURATION):
            yield start, end  # `Default {{1500}}`, `in {{1895}}`: the words before say what it is
            continue
        if _NOT_UNITS.search(match.group()) or _named(text[max(0, start - 40) : start], match):
            continue
        if _YEAR_ACRONYM.match(match.group()):
            continue
        if _GLUED.match(match.group()) and not _STANDARD_AFTER.match(match.group()):
            continue  # `5xx errors`, `2nd`: letters glued to a number that are no unit
        yield start, end


def _named(before: str, match: re.Match[str]) -> bool:
    """True when the number belongs to a name (`Route 53`, `Python 3 supports`, `layer 7`), not a
    quantity."""
    capitalised = _CAPITALISED.search(before)
    if capitalised and capitalised.group(1).casefold() in _AMOUNT_WORDS:
        return False  # `- Default 1500`, `Max 5`: a word that introduces an amount
    if _NAMED.search(before) or _NUMBERED.search(before):
        return True
    if not capitalised or capitalised.group(1).casefold() in _AMOUNT_WORDS:
        return False
    return not _STANDARD_AFTER.match(match.group())
