"""The JSON API: reviews, quizzes, statistics and the card browser, under /api/."""

from __future__ import annotations

from flask import Flask

__all__ = ["init_app"]


def init_app(app: Flask) -> None:
    """Register the API's blueprints."""
    from . import browse, openapi, quizzes, reviews, stats

    for part in (reviews, quizzes, stats, browse, openapi):
        app.register_blueprint(part.api)
