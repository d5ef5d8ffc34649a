"""Live editing: time from saving a note to its new text on the site page and its new card in
the review queue, under `serve --watch`, against a full rebuild timed in the same process.

Generates an N-note vault (default 10,000; ~7 KB notes), builds it once, serves it (waitress in
a thread, SQLite) with the watcher on, then edits one note at a time and polls the server until
the page and the queue show the edit. Then the same for a burst of 200 edited files at once.
Usage: python bench/live_edit.py [notes] [edits]
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from vault_notes import write_vault

from quizgen import load_vault
from quizgen.cards import load_card_files, write_card_files
from quizgen.site import build_site

BURST = 200


def full_rebuild(notes: Path, cards: Path, site: Path) -> float:
    """Seconds for what `quizgen build` does for the cards and the site (no Anki package)."""
    start = time.perf_counter()
    vault = load_vault(notes)
    write_card_files(vault, cards)
    build_site(vault, site, app_url="/", cards=load_card_files(cards))
    return time.perf_counter() - start


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.read().decode("utf-8")
    except urllib.error.HTTPError:
        return ""


def edit(notes: Path, number: int, total: int, mark: str) -> str:
    """Append a fact to one note; returns the note's path in the vault."""
    path = f"topic-{number % 20}/note-{number}.md"
    with (notes / path).open("a", encoding="utf-8") as file:
        file.write(f"\nLive fact {mark}::answer {mark}\n")
    return path


def until_shown(base: str, path: str, mark: str, started: float) -> tuple[float, float]:
    """Seconds until the page shows `mark` and until its card is in the review queue."""
    page_url = f"{base}/notes/{path.removesuffix('.md')}/"
    cards_url = f"{base}/api/cards?note={path}&limit=1000"
    page = queue = None
    while page is None or queue is None:
        if queue is None and f"Live fact {mark}" in fetch(cards_url):
            queue = time.perf_counter() - started
        if page is None and f"answer {mark}" in fetch(page_url):
            page = time.perf_counter() - started
        time.sleep(0.05)
    return page, queue


def serve(folder: Path, notes: Path, cards: Path, site: Path):
    """The app with the watcher on, served by waitress in a thread; returns (base, live)."""
    from waitress.server import create_server

    from webapp import create_app
    from webapp.live import start_live

    settings = {
        "DATABASE_URL": f"sqlite:///{folder / 'app.db'}",
        "CARDS_DIR": str(cards),
        "SITE_DIR": str(site),
        "DECK_FILE": str(folder / "deck.apkg"),
    }
    app = create_app(settings, instance_path=folder / "instance")
    live = start_live(app, notes)
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    return f"http://127.0.0.1:{server.effective_port}", live  # type: ignore[union-attr]


def main(count: int, edits: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="live-edit-"))
    notes, cards, site = folder / "notes", folder / "cards", folder / "dist" / "site"
    write_vault(notes, count)
    first = full_rebuild(notes, cards, site)
    edit(notes, 1, count, "baseline")
    full = full_rebuild(notes, cards, site)
    print(f"{count} notes: first build {first:.1f}s; full rebuild after one edit {full:.1f}s")
    started = time.perf_counter()
    base, live = serve(folder, notes, cards, site)
    live.first.join()
    ready = time.perf_counter() - started
    print(f"watcher ready (its own whole build, kept in memory): {ready:.1f}s")
    pages, queues = [], []
    for round_ in range(edits):
        started = time.perf_counter()
        path = edit(notes, 7 + 13 * round_, count, f"e{round_}")
        page, queue = until_shown(base, path, f"e{round_}", started)
        pages.append(page)
        queues.append(queue)
        print(f"  edit {round_ + 1}: card in queue {queue:.2f}s, page {page:.2f}s", flush=True)
        time.sleep(1)
    stages = json.dumps(live.builder.last.seconds)
    print(
        f"one edit, p50: card in queue {statistics.median(queues):.2f}s, page "
        f"{statistics.median(pages):.2f}s = {statistics.median(pages) / full:.2f}x the full "
        f"rebuild; stages of the last rebuild: {stages}"
    )
    before = live.builder.number
    started = time.perf_counter()
    paths = [edit(notes, 100 + n, count, f"b{n}") for n in range(min(BURST, count - 100))]
    page, queue = until_shown(base, paths[-1], f"b{len(paths) - 1}", started)
    rebuilds = live.builder.number - before
    print(
        f"{len(paths)}-file burst: card in queue {queue:.2f}s, page {page:.2f}s = "
        f"{page / full:.2f}x the full rebuild, in {rebuilds} rebuild(s); last: "
        f"{live.builder.last.summary()}"
    )
    live.stop()


if __name__ == "__main__":
    sizes = [int(arg) for arg in sys.argv[1:3]]
    main(sizes[0] if sizes else 10_000, sizes[1] if len(sizes) > 1 else 3)
