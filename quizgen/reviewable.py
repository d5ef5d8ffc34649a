"""How many cards a learner reviews for the cards of the card files.

A card file's cloze with two blanks is two cards to review (one per blank), a reverse card is
two (one each way); every other card is one. The quiz app and `quizgen cards` count alike.
"""

from __future__ import annotations

from collections.abc import Iterable

from .cards import Card, CardType
from .cards.render import cloze_numbers

__all__ = ["review_card_count", "review_cards_total"]


def review_card_count(card: Card) -> int:
    """The cards to review that one card of a card file gives."""
    if card.type is CardType.CLOZE:
        return max(1, len(cloze_numbers(card.text)))
    return 2 if card.type is CardType.REVERSE else 1


def review_cards_total(cards: Iterable[Card]) -> int:
    """The cards to review that these cards give, all told."""
    return sum(review_card_count(card) for card in cards)
