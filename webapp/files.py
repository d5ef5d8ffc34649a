"""The built site under /notes/ and the Anki package at /deck.apkg, from the same address."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, current_app, redirect, send_file, send_from_directory
from werkzeug.security import safe_join

from .accounts.views import login_required
from .errors import NotFound

__all__ = ["bp"]

bp = Blueprint("files", __name__)
bp.before_request(login_required)  # with accounts on, the notes and the deck are a learner's


@bp.route("/notes")
def notes_root() -> Any:
    """The site's front page wants the trailing slash for its relative links."""
    return redirect("/notes/")


@bp.route("/notes/", defaults={"path": ""})
@bp.route("/notes/<path:path>")
def notes(path: str) -> Any:
    """A file of the built site; a folder gives its index.html, as MkDocs' directory URLs expect."""
    site = Path(current_app.config["SITE_DIR"]).resolve()
    if not site.is_dir():
        raise NotFound(f"the site is not built yet ({site} is missing): run `quizgen build`")
    # A path that leaves the site (`..`, encoded or not) is a 404 before the disk is looked at,
    # so the answer never tells whether something outside exists.
    joined = safe_join(str(site), path)
    if joined is None:
        raise NotFound("there is no such page in the notes")
    if Path(joined).is_dir():
        if path and not path.endswith("/"):
            return redirect(f"/notes/{path}/")
        path = f"{path}index.html"
    # While the notes are watched a page can be rewritten twice in one second, and
    # Last-Modified counts whole seconds: a browser's "not modified since" would keep the
    # old page, so every request gets the file as it is now.
    watching = "quizgen_live" in current_app.extensions
    return send_from_directory(site, path, conditional=not watching)


@bp.route("/deck.apkg")
def deck() -> Any:
    """The Anki package, as a download."""
    deck_file = Path(current_app.config["DECK_FILE"]).resolve()
    if not deck_file.is_file():
        raise NotFound(f"the Anki package is not built yet ({deck_file} is missing)")
    return send_file(deck_file, as_attachment=True, download_name="quizgen.apkg")
