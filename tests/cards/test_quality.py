"""Quality on the labelled set: recall of the facts a person would card, and the junk rate."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from quizgen import load_vault
from quizgen.cards import Card, CardType, cloze_answer, extract_vault
from quizgen.cards.render import CLOZE

LABELLED = Path(__file__).parent / "labelled"

JUNK_TEXT = re.compile(r"arn:aws:[\w-]*:|\[::-1\]|::=|(?<![\w:])::1\b|fe80::|^\w+:: ", re.MULTILINE)
MAX_ANSWER = 600


@dataclass
class Score:
    """Counts over a set of notes; `missed` and `junk` say which, for reading a failure."""

    facts: int = 0
    found: int = 0
    cards: int = 0
    junk: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.facts if self.facts else 1.0

    @property
    def junk_rate(self) -> float:
        return len(self.junk) / self.cards if self.cards else 0.0


def sides(card: Card) -> tuple[str, str]:
    """(question side with its context, answer side), folded for matching."""
    if card.type is CardType.CLOZE:
        question = CLOZE.sub(" ", card.text)
        answer = " ".join(match.group(2) for match in CLOZE.finditer(card.text))
    else:
        question, answer = card.front, card.back
    question = " ".join([*card.context, question])
    return _fold(question), _fold(answer)


def is_junk(card: Card, banned: list[str]) -> str:
    """Why a card is junk ('' when it is not): empty, guessable, too long, code or banned text."""
    question, answer = sides(card)
    text = f"{card.front}\n{card.back}\n{card.text}"
    if not answer.strip() or (card.type is CardType.CLOZE and not cloze_answer(card.text)):
        return "empty answer"
    if not question.strip():
        return "empty question"
    if card.type is not CardType.CLOZE and answer in question:
        return "answer given away by the question"
    if len(answer) > MAX_ANSWER:
        return "answer too long"
    if JUNK_TEXT.search(text) or any(word.casefold() in text.casefold() for word in banned):
        return "made from code, an address or a field"
    return ""


def matches(card: Card, fact: dict) -> bool:
    """True when the card asks about the fact's words and answers with its answer words.

    A cloze's question is its text with the deletions holding the answer hidden and the others
    shown, as Anki shows them; it may hide only the number of an answer (`{{c1::5}} retries`
    answers `5 retries`).
    """
    if card.type is not CardType.CLOZE:
        question, answer = sides(card)
        asked = all(_fold(word) in question for word in fact.get("ask", []))
        return asked and all(_fold(word) in answer for word in fact.get("answer", []))
    full = _fold(cloze_answer(card.text))
    answering: set[str] = set()  # the deletions that hide some of the answer
    for word in map(_fold, fact.get("answer", [])):
        holders = {
            m.group(1)
            for m in CLOZE.finditer(card.text)
            if _fold(m.group(2)) and (_fold(m.group(2)) in word or word in _fold(m.group(2)))
        }
        if word not in full or not holders:
            return False
        answering |= holders
    shown = CLOZE.sub(lambda m: " " if m.group(1) in answering else m.group(2), card.text)
    question = _fold(" ".join([*card.context, shown]))
    return all(_fold(word) in question for word in fact.get("ask", []))


def score_note(cards: list[Card], labels_file: Path, score: Score) -> None:
    """Add one note's cards and labelled facts to a score."""
    labels = yaml.safe_load(labels_file.read_text(encoding="utf-8"))
    banned = labels.get("junk") or []
    score.cards += len(cards)
    for fact in labels["facts"]:
        score.facts += 1
        if any(matches(card, fact) for card in cards):
            score.found += 1
        else:
            score.missed.append(f"{labels_file.stem}: {fact}")
    for card in cards:
        reason = is_junk(card, banned)
        if reason:
            score.junk.append(f"{labels_file.stem}:{card.line}: {reason}: {card.question[:80]}")
        elif not any(matches(card, fact) for fact in labels["facts"]):
            score.unmatched.append(f"{labels_file.stem}:{card.line}: {card.question[:80]}")


def _fold(text: str) -> str:
    """Lower case, no Markdown marks, single spaces."""
    return " ".join(re.sub(r"[*_`=]", "", text).casefold().split())


def test_recall_and_junk_on_the_labelled_set(tmp_path, capsys):
    labels = sorted(LABELLED.rglob("*.facts.yml"))
    names = [f.relative_to(LABELLED).as_posix().removesuffix(".facts.yml") for f in labels]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(LABELLED / f"{name}.md", tmp_path / f"{name}.md")
    extraction = extract_vault(load_vault(tmp_path))
    score = Score()
    for name, labels_file in zip(names, labels, strict=True):
        score_note(list(extraction.files[f"{name}.yml"].cards), labels_file, score)
    with capsys.disabled():
        print(
            f"\nlabelled set: {len(labels)} notes, {score.facts} facts, {score.cards} cards; "
            f"recall {score.recall:.2f}, junk {score.junk_rate:.1%}, "
            f"cards matching no labelled fact {len(score.unmatched)}"
        )
        for line in score.missed + score.junk:
            print("  ", line)
    assert score.recall >= 0.85, score.missed
    assert score.junk_rate <= 0.05, score.junk
