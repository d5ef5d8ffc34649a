"""Heatmap, retention, forecast and mastery: exact numbers; safe, self-contained SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from quizgen.stats import (
    Mastery,
    MasteryRow,
    due_forecast,
    forecast_svg,
    heatmap,
    heatmap_svg,
    intensity,
    is_mature,
    mastery_bar_svg,
    mastery_by_deck,
    mastery_by_note,
    mastery_svg,
    retention_per_day,
    retention_series,
    retention_svg,
    reviews_per_day,
)

SVG = "{http://www.w3.org/2000/svg}"
JAN = {n: date(2026, 1, n) for n in range(1, 32)}


def _parse(svg: str) -> ET.Element:
    """The SVG parsed as XML; it must name no outside resource."""
    assert "href" not in svg and "url(" not in svg and "<script" not in svg
    assert re.findall(r"https?://[^'\"]+", svg) == ["http://www.w3.org/2000/svg"]
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    return root


def _tips(root: ET.Element, shape: str) -> list[str]:
    return [el.findtext(f"{SVG}title") or "" for el in root.iter(f"{SVG}{shape}") if len(el)]


@pytest.mark.parametrize(
    ("count", "most", "level"),
    [
        (0, 10, 0),
        (1, 10, 1),
        (2, 10, 1),
        (3, 10, 2),
        (5, 10, 2),
        (6, 10, 3),
        (10, 10, 4),
        (1, 0, 0),
    ],
)
def test_intensity(count: int, most: int, level: int) -> None:
    assert intensity(count, most) == level


def test_heatmap(reviews) -> None:
    calendar = heatmap(reviews_per_day(reviews), end=JAN[8], weeks=2)
    assert calendar.days[0].day == date(2025, 12, 29)  # the Monday two weeks back
    assert len(calendar.days) == 11 and calendar.days[-1].day == JAN[8]
    assert (calendar.most, calendar.total, calendar.active_days) == (4, 9, 3)
    by_day = {cell.day: cell for cell in calendar.days}
    assert (by_day[JAN[1]].week, by_day[JAN[1]].weekday, by_day[JAN[1]].level) == (0, 3, 4)
    assert (by_day[JAN[3]].count, by_day[JAN[3]].level) == (1, 1)
    assert (by_day[JAN[8]].week, by_day[JAN[8]].weekday) == (1, 3)
    assert by_day[JAN[2]].level == 0
    sunday_first = heatmap(reviews_per_day(reviews), end=JAN[8], weeks=2, first_weekday=6)
    assert sunday_first.days[0].day == date(2025, 12, 28)


def test_heatmap_svg(reviews) -> None:
    calendar = heatmap(reviews_per_day(reviews), end=JAN[8], weeks=2)
    root = _parse(heatmap_svg(calendar, ident="cal"))
    tips = _tips(root, "rect")
    assert len(tips) == 11
    assert "2026-01-01: 4 reviews" in tips and "2026-01-03: 1 review" in tips
    assert root.findtext(f"{SVG}desc") == (
        "9 reviews on 3 days from 2025-12-29 to 2026-01-08; the busiest day had 4 reviews."
    )
    assert root.get("aria-labelledby") == "cal-title cal-desc"


def test_retention_by_week_and_day(reviews) -> None:
    per_day = retention_per_day(reviews)
    weeks = retention_series(per_day, JAN[1], JAN[14], by="week")
    assert [(p.start, p.passed, p.total) for p in weeks] == [
        (date(2025, 12, 29), 3, 4),
        (JAN[5], 3, 4),
        (JAN[12], 0, 0),
    ]
    assert [p.rate for p in weeks] == [0.75, 0.75, None]
    days = retention_series(per_day, JAN[1], JAN[3], by="day")
    assert [(p.passed, p.total) for p in days] == [(2, 3), (0, 0), (1, 1)]
    with pytest.raises(ValueError, match="'day' or 'week'"):
        retention_series(per_day, JAN[1], JAN[3], by="month")


def test_retention_svg(reviews) -> None:
    days = retention_series(retention_per_day(reviews), JAN[1], JAN[3], by="day")
    root = _parse(retention_svg(days))
    assert _tips(root, "circle") == ["2026-01-01: 67% (2 of 3)", "2026-01-03: 100% (1 of 1)"]
    assert root.findtext(f"{SVG}desc") == "3 of 4 reviews passed (75%) over 3 periods."
    # The empty day in the middle breaks the line: no segment joins the two dots.
    assert list(root.iter(f"{SVG}polyline")) == []


def test_due_forecast_folds_overdue_cards_into_today() -> None:
    due = {date(2025, 12, 30): 2, JAN[1]: 1, JAN[2]: 3, JAN[10]: 1}
    forecast = due_forecast(due, today=JAN[1], days=7)
    assert [day.count for day in forecast] == [3, 3, 0, 0, 0, 0, 0]
    assert forecast[-1].day == JAN[7]
    assert due_forecast(due, JAN[1], days=0) == []
    root = _parse(forecast_svg(forecast))
    tips = _tips(root, "rect")
    assert tips[:2] == ["2026-01-01: 3 due", "2026-01-02: 3 due"] and len(tips) == 7


ROWS = [
    MasteryRow("aws/sqs.md", "aws", 4, 3, "Amazon SQS"),
    MasteryRow("aws/appendix/lambda.md", "aws::appendix", 10, 1, "Lambda <internals>"),
    MasteryRow("index.md", "", 2, 0, "Home"),
    MasteryRow("aws/sqs.md", "aws", 1, 0, "Amazon SQS"),
]


def test_mastery_by_note_and_deck() -> None:
    notes = mastery_by_note(ROWS)
    assert [(m.name, m.cards, m.mature) for m in notes] == [
        ("aws/appendix/lambda.md", 10, 1),
        ("aws/sqs.md", 5, 3),
        ("index.md", 2, 0),
    ]
    assert notes[1].share == 0.6 and notes[1].title == "Amazon SQS"
    decks = mastery_by_deck(ROWS)
    assert [(m.name, m.cards, m.mature) for m in decks] == [
        ("", 2, 0),
        ("aws", 15, 4),
        ("aws::appendix", 10, 1),
    ]
    assert Mastery("empty", 0, 0).share == 0.0


@pytest.mark.parametrize(
    ("days", "mature"), [(21, True), (20.9, False), (400, True), (None, False)]
)
def test_is_mature(days: float | None, mature: bool) -> None:
    assert is_mature(days) is mature


def test_mastery_svgs_escape_names() -> None:
    svg = mastery_svg(mastery_by_note(ROWS))
    assert "Lambda <internals>" not in svg and "Lambda &lt;internals&gt;" in svg
    root = _parse(svg)
    assert "Amazon SQS: 3 of 5 cards mature (60%)" in _tips(root, "rect")
    bar = _parse(mastery_bar_svg(mastery_by_note(ROWS)[0], ident="m'1"))
    assert bar.findtext(f"{SVG}title") == "Mastery of Lambda <internals>"
    assert bar.get("aria-labelledby") == "m'1-title m'1-desc"
