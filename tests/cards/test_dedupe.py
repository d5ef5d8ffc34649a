"""One fact, one card: what `one_card_a_fact` keeps of a note's drafts."""

from quizgen.cards.dedupe import one_card_a_fact
from quizgen.cards.draft import Draft
from quizgen.cards.model import CardType, Origin


def basic(front: str, back: str, origin: Origin = Origin.LIST) -> Draft:
    return Draft(origin, CardType.BASIC, front.casefold(), 1, front, back)


def test_fronts_equal_but_for_bold_become_one_card():
    trait = basic("NACLs › **NACL**", "is stateless")
    points = basic("NACLs › NACL", "- One NACL per subnet.")
    kept = one_card_a_fact([trait, points])
    assert len(kept) == 1
    assert "is stateless" in kept[0].back and "One NACL per subnet" in kept[0].back


def test_different_fronts_stay_apart():
    kept = one_card_a_fact([basic("NACLs › **NACL**", "is stateless"), basic("NACLs", "- x y")])
    assert len(kept) == 2


def test_cards_written_on_purpose_are_never_merged():
    mine = basic("NACLs › NACL", "stateless", Origin.EXPLICIT)
    kept = one_card_a_fact([mine, basic("NACLs › **NACL**", "is stateless")])
    assert len(kept) == 2
