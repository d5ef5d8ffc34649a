"""`quizgen serve`: the app, the site and the deck on one address, through waitress or gunicorn.

One process (waitress, 8 threads) is the default and what a single learner needs. With
`workers` above 1 the app runs as that many gunicorn processes (POSIX only): on PostgreSQL
they share everything through the database, so any worker can answer any request.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

__all__ = ["gunicorn_app", "serve"]


def serve(
    cards_dir: Path,
    site_dir: Path,
    deck_file: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    database_url: str | None = None,
    *,
    threads: int = 8,
    workers: int = 1,
    watch: Path | None = None,
    site_url: str | None = None,
) -> None:
    """Sync the cards, then serve until stopped; data lives in `instance/` beside the cards.

    With `watch` (a notes folder) and one process, each change to the notes is rebuilt live.
    """
    from . import create_app

    cards_dir = Path(cards_dir).resolve()
    settings = {
        "CARDS_DIR": str(cards_dir),
        "SITE_DIR": str(Path(site_dir).resolve()),
        "DECK_FILE": str(Path(deck_file).resolve()),
    }
    if database_url:
        settings["DATABASE_URL"] = database_url
    app = create_app(None, instance_path=cards_dir.parent / "instance", overrides=settings)
    base = f"http://{host}:{port}"
    print(f"quiz app:  {base}/review", flush=True)
    print(f"notes:     {base}/notes/", flush=True)
    print(f"Anki deck: {base}/deck.apkg", flush=True)
    if workers > 1:
        gunicorn_app(app, {"bind": f"{host}:{port}", "workers": workers, "threads": threads}).run()
        return
    import waitress

    if watch is not None:
        from .live import start_live

        start_live(app, Path(watch), site_url=site_url)

    waitress.serve(app, host=host, port=port, threads=threads, ident="quizgen")


def gunicorn_app(app: Flask, options: dict[str, Any]) -> Any:
    """A gunicorn application serving `app` (made, and its cards synced, once, before the
    workers start); each worker opens its own database connections."""
    from gunicorn.app.base import BaseApplication

    engine = app.extensions["quizgen_engine"]
    engine.dispose()  # no connection of the parent is carried into a worker

    class QuizgenServer(BaseApplication):
        def load_config(self) -> None:
            for key, value in {"preload_app": True, "worker_class": "gthread", **options}.items():
                self.cfg.set(key, value)
            self.cfg.set("post_fork", lambda _server, _worker: engine.dispose(close=False))

        def load(self) -> Flask:
            return app

    return QuizgenServer()
