"""`serve --watch`: rebuild on each change, sync the cards, swap the site, tell open pages.

Open pages learn of a rebuild by polling `/api/build` from `static/live.js`, a file added to
every page of the site and to the review page while the app watches the notes.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
from flask import Blueprint, Flask, Response, current_app, g, request, url_for
from sqlalchemy.orm import Session

from quizgen.cards import CardSet
from quizgen.watch import Coalescer, LiveBuild, watch_folder

from ..storage.db import get_engine
from ..storage.sync import sync_cards

__all__ = ["Live", "bp", "start_live"]

bp = Blueprint("live", __name__)
PAGES_TOLD = ("/notes/", "/review")


class Live:
    """The running watcher of an app: its builder, the file observer and the coalescer."""

    def __init__(self, builder: LiveBuild, coalescer: Coalescer) -> None:
        self.builder, self.coalescer = builder, coalescer
        self.observer: Any = None
        self.first: threading.Thread | None = None
        self.finished: str | None = None

    def stop(self) -> None:
        """Stop watching and let the last rebuild finish."""
        if self.observer is not None:
            self.observer.stop()
            self.observer.join(timeout=10)
        self.coalescer.stop()
        if self.first is not None:
            self.first.join(timeout=600)


def _live() -> Live | None:
    return current_app.extensions.get("quizgen_live")


@bp.get("/api/build")
def build() -> Any:
    """The latest rebuild: its numbers (site, cards), when it finished and its problems.

    With `since` (a site number) and `page` (a site page's path, `/notes/lambda/`), `changed`
    tells whether a newer site rewrote that page: an open page reloads only then.
    """
    live = _live()
    if live is None:
        return {"watching": False, "build": 0, "site": 0, "cards": 0}
    builder, report = live.builder, live.builder.last
    return {
        "page_changed": _page_changed(builder),
        "watching": True,
        "build": builder.number,
        "site": builder.site_number,
        "cards": builder.cards_number,
        "finished": live.finished,
        "changed": report.changed[:20] if report else [],
        "problems": [str(problem) for problem in report.problems[:20]] if report else [],
        "error": report.error if report else None,
    }


def _page_changed(builder: LiveBuild) -> bool:
    """Whether the page named by the query changed since the site number it names."""
    since = request.args.get("since", type=int)
    page = request.args.get("page", "")
    if since is None or not page.startswith("/notes/"):
        return True
    url = page.removeprefix("/notes/").removesuffix("index.html")
    return builder.page_changed(since, url)


def _remember_numbers() -> None:
    """Read the numbers before the page is chosen, so a page is never newer than its number."""
    live = _live()
    if live is not None:
        g.live_numbers = (live.builder.site_number, live.builder.cards_number)


def _tell_page(response: Response) -> Response:
    """Add the live script to an HTML page of the site or to the review page."""
    numbers = g.get("live_numbers")
    if numbers is None or response.status_code != 200 or response.mimetype != "text/html":
        return response
    if not request.path.startswith(PAGES_TOLD):
        return response
    script = url_for("static", filename="live.js")
    tag = f'<script src="{script}" data-site="{numbers[0]}" data-cards="{numbers[1]}" defer>'
    response.direct_passthrough = False
    body = response.get_data(as_text=True)
    at = body.rfind("</body>")
    if at < 0:
        return response
    response.set_data(body[:at] + tag + "</script>" + body[at:])
    response.headers.pop("ETag", None)
    return response


def start_live(
    app: Flask, notes_dir: Path, *, site_url: str | None = None, quiet: float = 0.3
) -> Live:
    """Watch `notes_dir`: each burst of changes becomes one rebuild of cards and site."""
    cards_dir = Path(app.config["CARDS_DIR"])
    builds_dir = Path(app.config["SITE_DIR"]).with_name("site.live")
    builds_dir.mkdir(parents=True, exist_ok=True)

    def sync(cards: CardSet, files: set[str] | None) -> None:
        with Session(get_engine(app)) as session:
            report = sync_cards(session, cards, files)
        click.echo(f"cards: {report.added} added, {report.updated} updated, {report.gone} gone")

    def swap(folder: Path) -> None:
        app.config["SITE_DIR"] = str(folder.resolve())

    builder = LiveBuild(
        notes_dir.resolve(),
        cards_dir,
        builds_dir,
        site_url=site_url,
        on_cards=sync,
        on_site=swap,
        say=lambda line: click.echo(line, err=True),
    )
    live = Live(builder, Coalescer(lambda paths: _rebuild(live, paths), quiet=quiet))
    spent = builder.prime()
    click.echo(f"watching {notes_dir}/ ({spent:.1f}s to read the notes once)", err=True)
    live.observer = watch_folder(notes_dir, live.coalescer.add)
    app.extensions["quizgen_live"] = live
    # The site is built once more, in memory, so that each change rebuilds only its pages;
    # until then the site built before is served, and changes wait for this build.
    live.first = threading.Thread(target=builder.build_site, name="quizgen-site", daemon=True)
    live.first.start()
    return live


def _rebuild(live: Live, paths: set[str]) -> None:
    live.builder.rebuild(paths)
    live.finished = datetime.now(UTC).isoformat(timespec="seconds")


def init_app(app: Flask) -> None:
    """The /api/build endpoint and the live script on pages (active once watching starts)."""
    app.register_blueprint(bp)
    app.before_request(_remember_numbers)
    app.after_request(_tell_page)
