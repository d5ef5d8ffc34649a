"""Quantity shapes and nearby values in the same unit."""

from __future__ import annotations

import pytest

from quizgen.quiz import nearby_quantities, quantity_shape


@pytest.mark.parametrize(
    ("answer", "shape"),
    [
        ("15 minutes", "# minute"),
        ("15 minute", "# minute"),
        ("15-minute", "# minute"),
        ("3,000 requests per second", "# request per second"),
        ("0.5 GB to 237 GB", "# gb to # gb"),
        ("99.9%", "# percent"),
        ("429", None),
        ("Simple Queue Service", None),
        ("one two three four five six seven eight nine ten eleven twelve 13", None),
    ],
)
def test_quantity_shape(answer: str, shape: str | None) -> None:
    assert quantity_shape(answer) == shape


@pytest.mark.parametrize(
    ("answer", "first"),
    [
        ("15 minutes", ["30 minutes", "45 minutes", "60 minutes"]),
        ("1 year", ["2 years", "3 years", "4 years"]),
        ("2 years", ["4 years", "1 year", "6 years"]),
        ("3,000 requests", ["6,000 requests", "1,500 requests", "9,000 requests"]),
        ("10240 MB", ["20480 MB", "5120 MB", "30720 MB"]),
        ("500 MB", ["1,000 MB", "250 MB", "1,500 MB"]),
        ("0.5 GB", ["1.0 GB", "0.2 GB", "1.5 GB"]),
        ("66%", ["33%", "99%"]),
        ("15-minute limit", ["30-minute limit", "45-minute limit", "60-minute limit"]),
        ("0 turns", []),
    ],
)
def test_nearby_quantities(answer: str, first: list[str]) -> None:
    assert nearby_quantities(answer)[: len(first)] == first
    assert answer not in nearby_quantities(answer)
