"""A short list whose items have no subject of their own: one card for the whole list.

The list is asked by what introduces it: the item it is nested in (`Glacier Deep Archive:`),
a paragraph ending in `:` right above it, or the heading it sits under.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .blocks import Piece, with_points
from .draft import Draft, sentences
from .explicit import normalise
from .inline import markdown_of, schedule_free
from .keyed import keyed_pair
from .leads import asked_by
from .model import CardType, Origin
from .points import CARD_SYNTAX, hidden_point, points_cloze, points_front
from .scope import Scope, generic
from .words import FUNCTION_WORDS, GOES_ON, INSTANCE_LEADS, LABELS, chatty

__all__ = ["list_cards"]

_MAX_ITEMS, _MAX_WORDS, _MAX_CHARS = 8, 20, 400
_GOES_ON = GOES_ON | {"so"}  # an item opening with these goes on from the one before
_GAP_WORDS = 8  # a list point this long is a sentence, not a point to recall whole
_GAP_ITEMS = 6  # a list this short may be shown with its points left over hidden
# `Public - everyone allowed`, `Cluster → performance`, `Full Load (one off migration)`: a kind's
# name ends where what it means begins.
_KIND_SPLIT = re.compile(r"\s[-–—]\s|:\s|\s(?:->|→|=>)\s|\s\(|:$")
_KIND_WORDS = 4
_GLOSSED = re.compile(r"(.+?) \(([^()]{1,30})\)")  # a name with all it says in brackets after it
# `ns-77.awsdns-09.com`, `10.0.0.0/16`, `https://...`: data from a console, not a fact to recall.
_NAME_OR_ADDRESS = re.compile(r"\S+\.[a-z]{2,}|[\d.:/]+|https?://\S+")


_ARROW = re.compile(r"\S\s+(?:-+>|=+>|→|⇒)\s+\S")  # `cytosine → uracil`: a pair to ask


def list_cards(
    pieces: list[Piece],
    scope: Scope,
    done: set[int],
    numbered: set[int],
    answering: frozenset[int] | set[int] = frozenset(),
) -> list[Draft]:
    """Cards for lists most of whose items made no card (`done` holds those items' serials).

    In a list most of whose items have cards, the items left with none (`numbered` tells the
    items with any card, a number's cloze included) are asked together. A list of kinds led in
    by a sentence (`three types:`) asks their names, unless it is the answer of a question
    (`answering`).
    """
    groups: dict[tuple[int, str], list[int]] = defaultdict(list)
    for index, piece in enumerate(pieces):
        if piece.kind == "paragraph" and piece.depth and piece.first:
            groups[(piece.group, piece.intro)].append(index)  # a label glued in starts a list
    nested = _with_nested_lists(pieces)
    points_below = _points_below(pieces)
    done = done | nested
    drafts: list[Draft] = []
    fields: dict[tuple[str, ...], list[tuple[int, str]]] = defaultdict(list)  # names cards
    for indexes in groups.values():
        items = [pieces[i] for i in indexes if not _chatty(pieces[i])]
        if not items or scope.talk_or_example(items[0].line, items[0].about):
            continue  # a transcript's or an example program's points teach no fact
        if all(item.item in answering for item in items):
            continue  # `- what are the design principles?` over them: asked by its question
        if all(keyed_pair(scope.markdown(item)) for item in items):
            continue  # `SSH: 22`, `HTTPS: 443`: each number is asked on its own
        if all(i.ordered and scope.markdown(i).rstrip(" *_").endswith("?") for i in items):
            continue  # `1. What is the bond angle in water?`: an exercise's questions, unanswered
        pairs = [item for item in items if _ARROW.search(scope.markdown(item))]
        if len(pairs) == len(items) > 1 and not nested & {item.item for item in items}:
            continue  # `cytosine → uracil`, `adenine → hypoxanthine`: each pair on its own
        rest = [item for item in items if item.item not in done | numbered]
        before = pieces[indexes[0] - 1] if indexes[0] else None
        if before is not None and not before.depth and _chatty(before):
            continue  # `Let me know if you want:` then what the chat offers next
        kinds = _introduced(before, items[0]) and not any(i.item in answering for i in items)
        names = _kinds(items, scope) if kinds else None
        if names and before is not None:
            # `permissions such as: - Public - everyone allowed ...`: which kinds there are is a
            # fact of its own; what each one means stays on the items' own cards.
            drafts.append(_kinds_card(names, before, scope))
            continue
        top, left_over = items[0], 2 * len(rest) <= len(items)
        if left_over and top.parent:
            # `- **Instance States**:` over items that each made a card: their names are the
            # list's own fact; the items' meanings are asked already.
            names = _kinds(items, scope)
            if names:
                fields[tuple(name.casefold() for name in names)].append((len(drafts), top.parent))
                drafts.append(_names_card(names, top.parent, top.line, scope))
                continue
            if all(item.item in nested for item in items):
                continue  # `If potassium is:` over `- >5.5` with its own steps: each is asked
        # A lead-in sentence (`The configuration specifies:`) reads into all of its items,
        # unless they are sentences of their own (`Key insights:` then full sentences).
        whole = kinds and _short(items) and not _sentences(items)
        if left_over and not top.parent and not whole:
            if 0 < len(rest) < len(items) <= _GAP_ITEMS and _short(items):
                # The points left over, asked alone under the heading, would read as the whole
                # answer: the list is shown with each of them hidden.
                gap = _gap_card(items, rest, before, scope)
                drafts += [gap] if gap is not None else []
                continue
            if len(rest) < len(items) and not _introduced(before, top):
                continue  # `EFS (5 points)`: some points of a list, picked by no question
            if len(rest) < len(items) and len(items) > _MAX_ITEMS:
                continue  # `Its content is as follows:` over 14 points: 2 of them are no answer
            items = rest  # the items left without a card of their own: `- layer 7`
        elif len(items) < 2 and not (top.parent and rest):
            continue  # one point alone asks nothing, unless nested in the point it explains
        if items and not _short(items):
            # `- Organizations place their trust in ... (a long sentence) - AKA "Bridge Model"`:
            # the short points no card asks are hidden among the others.
            gaps = [item for item in rest if _short([item])]
            if gaps and len(gaps) < len(items) <= _GAP_ITEMS and not top.parent:
                gap = _gap_card(items, gaps, before, scope)
                drafts += [gap] if gap is not None else []
            continue
        if not items:
            continue
        draft = _list_card(items, before, scope, top, points_below)
        if draft is not None:
            drafts.append(draft)
    # `Definition`, `Use Case`, `Command` under each of several modes: the same names under
    # two differently named items are the fields every item fills in, no kinds of anything.
    repeated = {
        index
        for cards in fields.values()
        if len({parent for _, parent in cards}) > 1
        for index, _ in cards
    }
    return [draft for index, draft in enumerate(drafts) if index not in repeated]


def _introduced(before: Piece | None, first: Piece) -> bool:
    """True when a paragraph ending in `:` right above the list leads into it."""
    if before is None or before.kind != "paragraph" or before.depth or first.parent:
        return False
    lead = markdown_of(before.children)
    if lead.strip("*_: ").casefold() in LABELS | INSTANCE_LEADS or chatty(lead):
        return False  # `Note:` over a list labels its points, it does not lead into them
    return lead.endswith(":") and before.end + 1 >= first.line - 1


def _chatty(item: Piece) -> bool:
    """`Let me know if you'd like ...`, `Understanding X is crucial`: the chat or study advice."""
    return chatty(item.inline.content if item.inline else "")


def _sentences(items: list[Piece]) -> bool:
    """True when most items are full sentences: `Direct Connect is a physical link.`"""
    full = [item for item in items if _text(item).rstrip("*_ ").endswith(".")]
    return 2 * len(full) > len(items)


def _kinds(items: list[Piece], scope: Scope) -> list[str] | None:
    """The names a list of kinds gives (`Public - everyone allowed`, `Owner`), or None when an
    item is more than a short name with what it means."""
    if not 2 <= len(items) <= _MAX_ITEMS:
        return None
    names = []
    for item in items:
        text = markdown_of(item.children, scope.link_text)
        name = _KIND_SPLIT.split(text, maxsplit=1)[0].strip(" *:")
        if not name or len(name.split()) > _KIND_WORDS or not name[0].isupper():
            return None
        glossed = _GLOSSED.fullmatch(text.strip())
        name = f"{name} ({glossed.group(2)})" if glossed else name  # `Default Deny (implicit)`
        if not _text(item):
            return None  # `- [[SQS - Standard queue]]`: a list of links is a table of contents
        names.append(name)
    return names if len(set(names)) == len(names) else None


def _kinds_card(names: list[str], before: Piece, scope: Scope) -> Draft:
    """The kinds of a list, asked by the sentence that leads into it."""
    lead = sentences(markdown_of(before.children, scope.link_text))[-1].rstrip(":")
    return _names_card(names, lead, before.line, scope)


def _names_card(names: list[str], lead: str, line: int, scope: Scope) -> Draft:
    """The names a list gives, asked by what leads into it (a sentence or a parent item)."""
    front = asked_by(scope.where(line), lead)
    back = "\n".join(f"- {name}" for name in names)
    return Draft(Origin.LIST, CardType.BASIC, normalise(f"{lead} list"), line, front, back)


def _with_nested_lists(pieces: list[Piece]) -> set[int]:
    """Items whose nested list is asked by its own card: `- Cache based on` then its points."""
    return {
        piece.item
        for piece, below in zip(pieces, pieces[1:], strict=False)
        if piece.item and piece.first and below.depth > piece.depth
    }


def _points_below(pieces: list[Piece]) -> dict[int, list[Piece]]:
    """The points nested right under each list item, by the item's serial (0 for the points
    of no item)."""
    below: dict[int, list[Piece]] = defaultdict(list)
    leads: dict[int, int] = {}  # depth -> serial of the last item begun at that depth
    for piece in pieces:
        if not (piece.item and piece.first and piece.depth):
            continue
        leads[piece.depth] = piece.item
        leads = {depth: serial for depth, serial in leads.items() if depth <= piece.depth}
        below[leads.get(piece.depth - 1, 0)].append(piece)  # 0: the list's own top items
    return below


def _owner(point: Piece, below: dict[int, list[Piece]]) -> Piece | None:
    """The list item a point is nested in."""
    owners = {id(p): serial for serial, points in below.items() for p in points}
    serial = owners.get(id(point), 0)
    return next((p for points in below.values() for p in points if p.item == serial), None)


def _with_points(item: Piece, below: dict[int, list[Piece]], scope: Scope) -> str:
    """An item as a list card shows it, with the short points nested in it (not when those
    points have points of their own)."""
    said = markdown_of(item.children, scope.link_text)
    points = below.get(item.item, [])
    if any(point.item in below for point in points):
        return said
    return with_points(said, [markdown_of(point.children, scope.link_text) for point in points])


def _short(items: list[Piece]) -> bool:
    """2 to 8 items of plain words, few enough to recall together."""
    if not 1 <= len(items) <= _MAX_ITEMS:
        return False
    texts = [_text(item) for item in items]
    if any(not text or len(text.split()) > _MAX_WORDS for text in texts):
        return False
    if all(text.endswith(":") for text in texts):
        return False  # labels of nested lists, which make their own cards
    return sum(len(text) for text in texts) <= _MAX_CHARS


def _text(item: Piece) -> str:
    """An item's Markdown; '' when it is only a link or an embed (a link list, not a fact),
    unless it is nested in a point, which it then names a part of."""
    children = schedule_free(item.children)
    if item.parent and not any(child.meta.get("embed") for child in children if child.meta):
        # `Input Streams` over `- [[AWS Kinesis Stream]]`: what a point names, a fact
        text = markdown_of(children)
        return "" if _NAME_OR_ADDRESS.fullmatch(text.strip("` ")) else text
    if children and children[0].type in ("wikilink", "link_open"):
        return ""  # `- [[note]]: what it covers` is a table of contents
    if all(
        child.type in ("wikilink", "link_open", "link_close", "image")
        or (child.type == "text" and not child.content.strip())
        or (child.type == "text" and _inside_link(children, child))
        for child in children
    ):
        return ""
    text = markdown_of(children)
    return "" if _NAME_OR_ADDRESS.fullmatch(text.strip("` ")) else text


def _inside_link(children: list, target) -> bool:
    """True when a text token sits between `link_open` and `link_close`."""
    depth = 0
    for child in children:
        if child is target:
            return depth > 0
        depth += {"link_open": 1, "link_close": -1}.get(child.type, 0)
    return False


def _gap_card(
    items: list[Piece], gaps: list[Piece], before: Piece | None, scope: Scope
) -> Draft | None:
    """`1. ALB: - listens on HTTP or HTTPS only - slower than NLB - {{c1::layer 7}}`: the points
    of a list that no other card asks, each hidden among the others."""
    whole = _list_card(items, before, scope)
    gaps = [gap for gap in gaps if "://" not in markdown_of(gap.children)]  # `Further info (url)`
    if whole is None or not gaps or any(_goes_on(gap) for gap in gaps):
        return None
    lines, number = [], 0
    for item in items:
        said = markdown_of(item.children, scope.link_text)
        if item in gaps and any(mark in said for mark in CARD_SYNTAX):
            return None  # `Fn::Join` hidden would read as a cloze's hint
        number += item in gaps
        lines.append(f"- {hidden_point(said, number)}" if item in gaps else f"- {said}")
    key = normalise(f"{points_front(whole.front)} {lines}")
    text = points_cloze(whole.front, lines)
    return Draft(Origin.LIST, CardType.CLOZE, key, whole.line, text=text)


def _goes_on(item: Piece) -> bool:
    """`- Compute Optimized:` labels the points below it, `- Or if ...` goes on from the one
    before, and a long sentence is more than a point: none is a point to hide."""
    said = _text(item)
    if not said or said.endswith(":") or said.split()[0].casefold() in _GOES_ON:
        return True
    return len(said.split()) > _GAP_WORDS  # a whole sentence no cloze could ask: no point to hide


def _list_card(
    items: list[Piece],
    before: Piece | None,
    scope: Scope,
    top: Piece | None = None,
    below: dict[int, list[Piece]] | None = None,
) -> Draft | None:
    """The list as one answer, asked by its parent item, lead-in paragraph or heading.

    `top` is the list's first item, which a lead-in paragraph sits right above (`items` may be
    only the items left without cards of their own); `below` holds the points nested in items.
    """
    first, above = items[0], ""
    if first.parent:
        lead, line = first.parent, first.line
        owner = _owner(first, below or {})
        about = owner.about if owner is not None else ""
        named = about.split()
        if 0 < len(named) <= _KIND_WORDS and named[0].casefold() not in FUNCTION_WORDS:
            above = about if generic(lead) else ""  # `Max I/O › Cases`: whose they are
    elif before is not None and _introduced(before, top or first):
        intro = sentences(markdown_of(before.children, scope.link_text))[-1]
        lead, line = intro.rstrip(":"), before.line
    elif before is not None and (before.kind != "paragraph" or before.depth == 0):
        lead, line = "", first.line  # a list of its own in the section: asked by the heading
    else:
        return None
    below = below or {}
    back = "\n".join(f"- {_with_points(item, below, scope)}" for item in items)
    back = back.removeprefix("- ") if len(items) == 1 else back  # one point is no list
    where = scope.where(line) + (f" › {above}" if above else "")
    if not lead and len(items) == 1 and len(scope.context(line)) < 2:
        return None  # `Lambda → - upload code`: the title alone does not ask one item
    if not lead and len(items) == 1 and any(c.type == "wikilink" for c in items[0].children):
        return None  # `Quotas → - Weakest link [[aws-quotas]]`: a pointer to another note
    if not lead:
        front = f"{where} ({len(items)} points)" if len(items) > 1 else where
    else:
        front = asked_by(where, lead)
    key = normalise(f"{lead or where} list")
    return Draft(Origin.LIST, CardType.BASIC, key, line, front, back)
