"""Statistics from review counts: calendar heatmap, true retention, due forecast, mastery."""

from .days import DAY_MS, day_from_number, day_number, day_of, week_start
from .forecast import DueDay, due_forecast, forecast_svg
from .heatmap import Heatmap, HeatmapDay, heatmap, heatmap_svg, intensity
from .logs import AGAIN, REVIEW_STATE, Review, due_per_day, retention_per_day, reviews_per_day
from .mastery import (
    MATURE_DAYS,
    Mastery,
    MasteryRow,
    is_mature,
    mastery_bar_svg,
    mastery_by_deck,
    mastery_by_note,
    mastery_svg,
)
from .retention import RetentionPoint, retention_series, retention_svg
from .svg import escape

__all__ = [
    "AGAIN",
    "DAY_MS",
    "MATURE_DAYS",
    "REVIEW_STATE",
    "DueDay",
    "Heatmap",
    "HeatmapDay",
    "Mastery",
    "MasteryRow",
    "RetentionPoint",
    "Review",
    "day_from_number",
    "day_number",
    "day_of",
    "due_forecast",
    "due_per_day",
    "escape",
    "forecast_svg",
    "heatmap",
    "heatmap_svg",
    "intensity",
    "is_mature",
    "mastery_bar_svg",
    "mastery_by_deck",
    "mastery_by_note",
    "mastery_svg",
    "retention_per_day",
    "retention_series",
    "retention_svg",
    "reviews_per_day",
    "week_start",
]
