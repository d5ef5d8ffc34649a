"""A wrong option must not be another card's answer about the same subject: it may be true."""

from __future__ import annotations

import random

from quizgen.cards import Card, CardFile, CardType, Origin
from quizgen.quiz import FactIndex
from quizgen.quiz.distractors import distractors
from quizgen.quiz.facts import facts_of


def _definition(card_id: str, front: str, back: str) -> Card:
    return Card(id=card_id, type=CardType.BASIC, front=front, back=back, origin=Origin.DEFINITION)


def test_another_card_about_the_same_subject_is_never_a_wrong_option():
    about_secrets = [
        _definition("s1", "Secrets › **AWS Secrets Manager**", "a store for credentials"),
        _definition("s2", "Secrets › Choosing › **Secrets Manager**", "when secrets must rotate"),
    ]
    others = [
        _definition(f"o{n}", f"Secrets › **Service {word}**", f"another service, {word}")
        for n, word in enumerate(("one", "two", "three", "four"))
    ]
    card_file = CardFile(cards=(*about_secrets, *others), note="secrets.md", title="Secrets")
    pairs = [(card_file, card) for card in card_file.cards]
    index = FactIndex(pairs)
    [asked] = facts_of(card_file, about_secrets[1])
    assert asked.subject == "secret manager"  # compared as answers are: singular words
    for seed in range(30):
        wrong = distractors(asked, index, random.Random(seed))
        assert len(wrong) == 3
        assert "a store for credentials" not in wrong
