"""`quizgen serve`: the app, the site and the deck on one local address, through waitress."""

from __future__ import annotations

from pathlib import Path

__all__ = ["serve"]


def serve(
    cards_dir: Path,
    site_dir: Path,
    deck_file: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    database_url: str | None = None,
    *,
    threads: int = 8,
) -> None:
    """Sync the cards, then serve until stopped; data lives in `instance/` beside the cards."""
    import waitress

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
    waitress.serve(app, host=host, port=port, threads=threads, ident="quizgen")
