"""The quiz web app: spaced-repetition reviews of the card files, served with the site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from .config import configure
from .json_provider import OrjsonProvider
from .server import serve
from .storage import db

__all__ = ["create_app", "serve"]


def create_app(
    test_config: dict[str, Any] | None = None,
    *,
    instance_path: str | Path | None = None,
    overrides: dict[str, Any] | None = None,
) -> Flask:
    """Build the app: settings, database, security, then one blueprint per feature.

    `test_config` replaces the instance config file and the environment; `overrides` (what
    `quizgen serve` passes from its options) is applied on top of them.
    """
    app = Flask(
        __name__,
        instance_path=str(Path(instance_path).resolve()) if instance_path else None,
        instance_relative_config=True,
    )
    app.json = OrjsonProvider(app)
    configure(app, test_config, overrides)
    db.init_app(app)
    from . import files, inputs, security, web, wording
    from .accounts import views as accounts
    from .api import init_app as init_api
    from .browse.views import bp as browse
    from .live import init_app as init_live
    from .quiz.views import bp as quiz
    from .review.views import bp as review
    from .stats.views import bp as stats
    from .storage.sync import init_app as init_sync

    inputs.init_app(app)
    security.init_app(app)
    web.init_app(app)
    wording.init_app(app)
    accounts.init_app(app)
    for feature in (review, quiz, stats, browse, files.bp):
        app.register_blueprint(feature)
    init_api(app)
    init_live(app)
    app.extensions["quizgen_nav"] = [
        ("review.review", "Review"),
        ("quiz.start", "Quiz"),
        ("stats.page", "Statistics"),
        ("browse.browse", "Browse"),
    ]
    app.context_processor(lambda: {"nav_items": app.extensions["quizgen_nav"]})
    init_sync(app)
    return app
