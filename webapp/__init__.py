"""The quiz web app: spaced-repetition reviews of the card files, served with the site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from . import db
from .config import configure
from .json_provider import OrjsonProvider
from .server import serve

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
    from . import security
    from .views import api, auth, browse, files, quiz, review, stats

    security.init_app(app)
    auth.init_app(app)
    app.register_blueprint(review.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(files.bp)
    for feature in (quiz, stats, browse):
        app.register_blueprint(feature.bp)
        app.register_blueprint(feature.api)
    app.extensions["quizgen_nav"] = [
        ("review.review", "Review"),
        ("quiz.start", "Quiz"),
        ("stats.page", "Statistics"),
        ("browse.browse", "Browse"),
    ]
    app.context_processor(lambda: {"nav_items": app.extensions["quizgen_nav"]})
    from .sync import init_app as init_sync

    init_sync(app)
    return app
