"""Site build of a generated vault: the quizgen plugin against plain mkdocs-material.

Builds a 1,000-note vault (~7 KB notes full of wiki-links) twice in the same process, with the
plugin and as plain mkdocs-material (links left as text), and prints the ratio of CPU seconds
(aim <= 1.15).
Then prints bytes per page at 1,000 and 4,000 notes, which stay about equal because the
navigation is pruned. Usage: python bench/site_build.py [notes] [big-notes]

`--flat [small] [big] [plain]` (default 500, 5,000 and the big size) puts every note in one
folder, as Zettelkasten vaults do: it prints bytes per page and CPU time per note at both sizes
(aims: within 1.3x and under 100 KB; within 1.2x), and the time of the `plain`-sized vault
against plain mkdocs-material with `navigation.prune` on the same notes, whose every page lists
every sibling.

`--shape FOLDERS PER_FOLDER` (default 5 and 2,612, the biggest folder of a real 13,418-note
vault) builds that many folders of that many notes with the plugin only, and prints CPU and
wall time (with the machine's load average: other work inflates both), memory and bytes per
page; with `--stages` after the sizes, also the CPU time of each stage of the build.
`ROUNDS=2` in the environment shortens the comparison.
"""

from __future__ import annotations

import functools
import io
import logging
import os
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

from quizgen import Vault, load_vault
from quizgen.site import build_site
from quizgen.site.config import site_config

_WORDS = (
    "queue lambda bucket region quota timeout memory concurrency shard stream function event "
    "retry batch policy role table index cache network subnet gateway route latency throughput"
)
WORDS = _WORDS.split()
PER_FOLDER = 50
AREAS = 10
ROUNDS = int(os.environ.get("ROUNDS", "5"))


def paragraph(rng: random.Random, names: list[str], links: int) -> str:
    """About 80 words with `links` wiki-links of the different forms."""
    words = [rng.choice(WORDS) for _ in range(80)]
    for _ in range(links):
        target = rng.choice(names)
        form = rng.choice([f"[[{target}]]", f"[[{target}|see this]]", f"[[{target}#Details]]"])
        words.insert(rng.randrange(len(words)), form)
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def note(rng: random.Random, number: int, names: list[str]) -> str:
    """A ~7 KB note: front matter, H1, sections, a callout, a code block, wiki-links."""
    parts = [f"---\ntags: [bench, t{number % 20}]\n---\n# Note {number}\n"]
    for section in ("Overview", "Details", "Limits", "Examples", "Related"):
        parts.append(f"## {section}\n")
        parts += [paragraph(rng, names, 2) + "\n" for _ in range(2)]
    parts.append("> [!tip] Remember\n> " + paragraph(rng, names, 1) + "\n")
    parts.append("```python\nprint('[[not a link]]')\n```\n")
    return "\n".join(parts)


def make_vault(folder: Path, count: int) -> None:
    """Write `count` generated notes: 10 areas, each split into folders of 50 notes."""
    rng = random.Random(count)
    names = [f"note-{n}" for n in range(count)]
    for number, name in enumerate(names):
        area = number % AREAS
        part = number // (AREAS * PER_FOLDER)
        path = folder / f"area-{area}" / f"part-{part}" / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(note(rng, number, names), encoding="utf-8")
    # The tags index page, which the plugin would otherwise add: both builds then render it.
    (folder / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", encoding="utf-8")


def make_flat_vault(folder: Path, count: int) -> None:
    """Write `count` generated notes side by side at the top of the vault, and no index page."""
    rng = random.Random(count)
    names = [f"note-{n}" for n in range(count)]
    folder.mkdir(parents=True, exist_ok=True)
    for number, name in enumerate(names):
        (folder / f"{name}.md").write_text(note(rng, number, names), encoding="utf-8")
    (folder / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", encoding="utf-8")


def plain_build(notes: Path, out: Path) -> None:
    """The same site as plain mkdocs-material: same theme and extensions, no quizgen plugin.

    Both sides run the Markdown extensions in `REQUIRED_EXTENSIONS` (toc, tables, admonition,
    superfences, details, attr_list, md_in_html, arithmatex, footnotes, sane_lists), Material's
    search and tags plugins and the same theme features; the plugin side also runs quizgen's
    `quizgen.site.fragments` extension.
    """
    settings = site_config(notes, out)
    settings["plugins"] = ["search", "tags"]
    build(load_config(io.StringIO(""), **settings))


def plugin_build(notes: Path, out: Path) -> None:
    """The site with the quizgen plugin (the vault loaded once, inside the timing)."""
    build_site(load_vault(notes), out)


def site_only_build(vault: Vault, out: Path) -> None:
    """The site from a vault already loaded, as `quizgen build` does after making cards."""
    build_site(vault, out)


def timed(action, *args) -> float:
    """CPU seconds one call takes in this process (the machine is shared: wall time varies more)."""
    started = time.process_time()
    action(*args)
    return time.process_time() - started


def site_bytes(out: Path) -> tuple[int, int]:
    """(bytes of all HTML pages, bytes of the whole site)."""
    files = [p for p in out.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files if p.suffix == ".html"), sum(
        p.stat().st_size for p in files
    )


def per_page(work: Path, count: int) -> None:
    """Build a vault of `count` notes with the plugin and print its size per page."""
    notes, out = work / f"notes-{count}", work / f"site-{count}"
    make_vault(notes, count)
    seconds = timed(plugin_build, notes, out)
    html, total = site_bytes(out)
    print(
        f"{count} notes: {seconds:.1f} s of CPU, {html / count / 1024:.1f} KB of HTML per page, "
        f"{total / count / 1024:.1f} KB of site per page"
    )


def flat(work: Path, count: int) -> tuple[float, float]:
    """Build a flat vault of `count` notes with the plugin: (CPU seconds, HTML bytes per page)."""
    notes, out = work / f"flat-{count}", work / f"flat-site-{count}"
    make_flat_vault(notes, count)
    seconds = timed(plugin_build, notes, out)
    html, total = site_bytes(out)
    print(
        f"flat, {count} notes: {seconds:.1f} s of CPU ({seconds / count * 1000:.1f} ms a note), "
        f"{html / count / 1024:.1f} KB of HTML per page, "
        f"{total / count / 1024:.1f} KB of site per page"
    )
    return seconds, html / count


def flat_main(small: int, big: int, plain_size: int) -> None:
    """Bytes per page and time per note at two sizes of one folder, and plain mkdocs-material.

    Plain mkdocs-material is built from the `plain_size` flat vault (the big one by default):
    its pages grow with the folder, so at 5,000 notes it takes hours on a busy 2-core machine.
    """
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        make_flat_vault(work / "warm-notes", 50)
        timed(plain_build, work / "warm-notes", work / "warm")  # imports, theme caches
        small_time, small_bytes = flat(work, small)
        big_time, big_bytes = flat(work, big)
        print(
            f"bytes per page {big}/{small}: {big_bytes / small_bytes:.2f}x (aim <= 1.3x, < 100 KB)"
        )
        per_note = (big_time / big) / (small_time / small)
        print(f"CPU time per note {big}/{small}: {per_note:.2f}x (aim <= 1.2x)")
        ours = {small: small_time, big: big_time}
        if plain_size not in ours:
            ours[plain_size] = flat(work, plain_size)[0]
        out = work / "flat-plain"
        plain = timed(plain_build, work / f"flat-{plain_size}", out)
        html, _ = site_bytes(out)
        print(
            f"plain mkdocs-material with navigation.prune, {plain_size} flat notes: "
            f"{plain:.1f} s of CPU, {html / plain_size / 1024:.1f} KB of HTML per page; "
            f"quizgen / plain: {ours[plain_size] / plain:.2f}x"
        )


def stage_timers() -> Counter[str]:
    """Time the main stages of every build from now on: CPU seconds by stage, filled as it runs.

    Each stage is one function of MkDocs, Material, Jinja or quizgen; a stage's time includes
    whatever runs inside it (a cycle collection, say).
    """
    import jinja2
    import mkdocs.utils
    from material.plugins.search.plugin import SearchPlugin
    from material.plugins.tags.plugin import TagsPlugin

    import quizgen.site.build
    from quizgen.site.plugin import QuizgenPlugin

    stages = [
        ("loading the vault (markdown-it)", sys.modules[__name__], "load_vault"),
        ("quizgen rewriting (read_source)", Page, "read_source"),
        ("Python-Markdown (Page.render)", Page, "render"),
        ("sanitising (nh3), page's cycles", QuizgenPlugin, "on_page_content"),
        ("quizgen navigation", QuizgenPlugin, "on_page_context"),
        ("Material search indexing", SearchPlugin, "on_page_context"),
        ("Material tags", TagsPlugin, "on_page_markdown"),
        ("Material tags", TagsPlugin, "on_page_context"),
        ("theme templates (Jinja)", jinja2.Template, "render"),
        ("backlinks, page's cycles", QuizgenPlugin, "on_post_page"),
        ("writing files", mkdocs.utils, "write_file"),
        ("the whole MkDocs build", quizgen.site.build, "build"),
    ]
    seconds: Counter[str] = Counter()
    for stage, owner, name in stages:
        setattr(owner, name, _timed_stage(getattr(owner, name), stage, seconds))
    return seconds


def _timed_stage(function, stage: str, seconds: Counter[str]):
    """`function`, adding the CPU seconds of each call to `seconds[stage]`."""

    @functools.wraps(function)
    def timed_call(*args, **kwargs):
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[stage] += time.process_time() - started

    return timed_call


def shape_main(folders: int, per_folder: int, stages: bool = False) -> None:
    """A big vault of a few big folders: time, memory and size with the plugin."""
    count = folders * per_folder
    seconds_by_stage = stage_timers() if stages else Counter()
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        for number in range(folders):
            make_flat_vault(work / "notes" / f"folder-{number}", per_folder)
        started = time.monotonic()
        seconds = timed(plugin_build, work / "notes", work / "site")
        wall = time.monotonic() - started
        html, total = site_bytes(work / "site")
        memory = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        load = ", ".join(f"{figure:.2f}" for figure in os.getloadavg())
        print(
            f"{folders} folders of {per_folder} notes ({count} notes): {seconds:.0f} s of CPU "
            f"({seconds / count * 1000:.1f} ms a note), {wall:.0f} s of wall time, "
            f"{memory:.0f} MB at most, {html / count / 1024:.1f} KB of HTML and "
            f"{total / count / 1024:.1f} KB of site per page; load average at the end {load}"
        )
        for stage, spent in seconds_by_stage.most_common():
            print(f"  {stage:34s} {spent:6.1f} s of CPU, {spent / count * 1000:5.2f} ms a note")


def main() -> None:
    """Run the comparison and the size figures."""
    if sys.argv[1:2] == ["--shape"]:
        sizes = [int(arg) for arg in sys.argv[2:4] if arg.isdigit()]
        shape_main(*(sizes + [5, 2612][len(sizes) :]), stages="--stages" in sys.argv)
        return
    if sys.argv[1:2] == ["--flat"]:
        sizes = [int(arg) for arg in sys.argv[2:5]]
        small, big = (sizes + [500, 5000][len(sizes) :])[:2]
        flat_main(small, big, sizes[2] if len(sizes) > 2 else big)
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    big = int(sys.argv[2]) if len(sys.argv) > 2 else 4000
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        notes = work / "notes"
        make_vault(notes, count)
        size = sum(p.stat().st_size for p in notes.rglob("*.md")) / count / 1024
        print(f"vault: {count} notes, {size:.1f} KB each")
        timed(plain_build, notes, work / "warm")  # imports and theme caches, not measured
        # Alternate the two builds and keep each one's best time: the machine is shared.
        vault = load_vault(notes)
        plains, plugins, site_only = [], [], []
        for _ in range(ROUNDS):
            plains.append(timed(plain_build, notes, work / "plain"))
            plugins.append(timed(plugin_build, notes, work / "plugin"))
            site_only.append(timed(site_only_build, vault, work / "site-only"))
        plain, plugin, rendered = min(plains), min(plugins), min(site_only)
        print(f"plain mkdocs-material:              {plain:.1f} s of CPU")
        print(f"with quizgen plugin (vault loaded): {plugin:.1f} s of CPU")
        print(f"with quizgen plugin, vault given:   {rendered:.1f} s of CPU")
        print(f"ratio: {plugin / plain:.2f}x (aim <= 1.15x); vault given: {rendered / plain:.2f}x")
        per_page(work, count)
        if big:
            per_page(work, big)


if __name__ == "__main__":
    main()
