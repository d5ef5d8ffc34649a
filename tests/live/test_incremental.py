"""An incremental rebuild gives the same outputs as a clean build of the same notes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from quizgen.cards import load_card_files
from quizgen.cli import main
from quizgen.site.partial import SiteSession
from quizgen.watch import LiveBuild

# The sitemap carries the build date, and its gzip copy the build time too.
TIMESTAMPED = {"sitemap.xml", "sitemap.xml.gz"}


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under a folder by relative path, with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name not in TIMESTAMPED
    }


def edit_add_rename_delete(notes: Path, builder: LiveBuild) -> None:
    """The four changes a writer makes, each followed by its rebuild."""
    (notes / "lambda.md").write_text("# Lambda\n\nMax Lambda timeout::900 seconds\n")
    builder.rebuild(["lambda.md"])
    (notes / "dynamodb.md").write_text("# DynamoDB\n\nLinks [[sqs]].\n\nMax item::400 KB\n")
    builder.rebuild(["dynamodb.md"])
    (notes / "queues").mkdir()
    (notes / "sqs.md").rename(notes / "queues" / "sqs.md")
    builder.rebuild(["sqs.md", "queues/sqs.md"])
    (notes / "index.md").unlink()
    builder.rebuild(["index.md"])


def test_incremental_rebuilds_match_a_clean_build_byte_for_byte(
    tmp_path: Path, notes: Path, clean_build
):
    cards = tmp_path / "cards"
    clean_build(notes, cards, tmp_path / "first-site")
    builder = LiveBuild(notes, cards, tmp_path / "builds")
    builder.prime()
    edit_add_rename_delete(notes, builder)
    clean_cards, clean_site = tmp_path / "clean-cards", tmp_path / "clean-site"
    clean_build(notes, clean_cards, clean_site)
    assert files_of(cards) == files_of(clean_cards)
    assert builder.card_files.load(cards) == load_card_files(clean_cards)
    assert builder.site_dir is not None
    assert files_of(builder.site_dir) == files_of(clean_site)
    assert builder.last is not None and builder.last.notes_read == 0  # a deletion re-reads none


def test_only_the_changed_note_is_read_again(tmp_path: Path, notes: Path):
    builder = LiveBuild(notes, tmp_path / "cards", tmp_path / "builds")
    builder.prime()
    (notes / "sqs.md").write_text("# SQS\n\nMax SQS message size::1 MiB\n")
    report = builder.rebuild(["sqs.md"])
    assert (report.notes_read, report.notes_total) == (1, 3)
    assert report.card_files_changed == 3  # first write of the card folder: every file
    (notes / "sqs.md").write_text("# SQS\n\nMax SQS message size::2 MiB\n")
    report = builder.rebuild(["sqs.md"])
    assert (report.notes_read, report.card_files_changed) == (1, 1)
    assert (report.pages_written, report.whole_site) == (1, False), "only the note's own page"
    assert "2 MiB" in (builder.site_dir / "sqs" / "index.html").read_text()  # type: ignore[operator]


def test_a_failed_site_build_keeps_the_last_good_site(tmp_path: Path, notes: Path, monkeypatch):
    swapped: list[Path] = []
    builder = LiveBuild(notes, tmp_path / "cards", tmp_path / "builds", on_site=swapped.append)
    good = builder.rebuild()
    assert good.error is None and swapped == [builder.site_dir]

    def broken(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(SiteSession, "update", broken)
    (notes / "lambda.md").write_text("# Lambda\n\nMax Lambda timeout::900 seconds\n")
    failed = builder.rebuild(["lambda.md"])
    assert failed.error == "OSError: disk full"
    assert swapped == [builder.site_dir] and builder.site_dir.is_dir()  # type: ignore[union-attr]
    assert "15 minutes" in (builder.site_dir / "lambda" / "index.html").read_text()  # type: ignore[operator]
    assert "900 seconds" in (tmp_path / "cards" / "lambda.yml").read_text(), "cards still follow"
    monkeypatch.undo()
    again = builder.rebuild(["lambda.md"])
    assert again.error is None and again.whole_site, "after a failure, a whole new site"
    assert swapped == [swapped[0], builder.site_dir] and swapped[0] != builder.site_dir
    assert "900 seconds" in (builder.site_dir / "lambda" / "index.html").read_text()  # type: ignore[operator]


def test_build_says_what_it_rebuilt(tmp_path: Path, notes: Path):
    args = ["build", "--notes", str(notes), "--cards", str(tmp_path / "cards")]
    args += ["--out", str(tmp_path / "dist")]
    first = CliRunner().invoke(main, args, catch_exceptions=False)
    expected = "rebuilt: 3 notes read, 3 card files changed, 4 pages written (whole site)"
    assert expected in first.output
    again = CliRunner().invoke(main, args, catch_exceptions=False)
    assert "rebuilt: 3 notes read, 0 card files changed, 0 pages written" in again.output
    (notes / "sqs.md").write_text("# SQS\n\nMax SQS message size::1 MiB\n")
    edited = CliRunner().invoke(main, args, catch_exceptions=False)
    # SQS's page, and Lambda's, which loses the backlink SQS had
    assert "rebuilt: 3 notes read, 1 card files changed, 2 pages written" in edited.output


def test_build_again_matches_a_clean_build_byte_for_byte(tmp_path: Path, clean_build):
    notes, out = tmp_path / "notes", tmp_path / "dist"
    notes.mkdir()
    folder_vault(notes)
    args = ["build", "--notes", str(notes), "--cards", str(tmp_path / "cards"), "--out", str(out)]
    CliRunner().invoke(main, args, catch_exceptions=False)
    for what, change, _paths in partial_changes(notes):
        change()
        result = CliRunner().invoke(main, args, catch_exceptions=False)
        assert "(whole site)" not in result.output, what
        clean_site = tmp_path / f"site-{what}"
        clean_build(notes, tmp_path / f"cards-{what}", clean_site)
        assert files_of(out / "site") == files_of(clean_site), what


def folder_vault(notes: Path) -> None:
    """Two folders, one with more notes than a page's navigation shows, linked, tagged and
    embedded, and a top with no index page (so the front page and folder pages are made)."""
    for number in range(30):
        links = f"See [[note-{(number + 1) % 30}]] and [[other-{number % 5}]]."
        tags = "tags: [aws]\n" if number % 3 == 0 else ""
        text = f"---\ntitle: Note {number}\n{tags}---\n# Note {number}\n\n{links}\n\n"
        (notes / "big").mkdir(exist_ok=True)
        (notes / "big" / f"note-{number}.md").write_text(text + f"Fact {number}::{number}\n")
    for number in range(5):
        (notes / "small").mkdir(exist_ok=True)
        embed = "![[note-3]]\n" if number == 0 else ""
        (notes / "small" / f"other-{number}.md").write_text(
            f"# Other {number}\n\n{embed}\nOther fact {number}::{number}\n"
        )


def partial_changes(notes: Path) -> list[tuple[str, Callable[[], object], list[str]]]:
    """Changes that each rebuild only part of the site: what they are and the paths they touch."""
    big, small = notes / "big", notes / "small"
    added = big / "note-5b.md"
    index = "# Small things\n\nSee [[other-1]].\n"
    return [
        ("edit", lambda: _append(big / "note-7.md", "New fact::seven\n"), ["big/note-7.md"]),
        ("embedded note", lambda: _append(big / "note-3.md", "Shown::too\n"), ["big/note-3.md"]),
        ("retitle", lambda: _retitle(big / "note-12.md", "Aardvark"), ["big/note-12.md"]),
        ("new tag", lambda: _retitle(big / "note-13.md", "Note 13", "[gcp]"), ["big/note-13.md"]),
        ("new link", lambda: _append(big / "note-20.md", "[[other-4]]\n"), ["big/note-20.md"]),
        ("add", lambda: added.write_text("# Note 5b\n\nAdded::yes\n"), ["big/note-5b.md"]),
        (
            "rename",
            lambda: (big / "note-9.md").rename(small / "note-9.md"),
            ["big/note-9.md", "small/note-9.md"],
        ),
        ("delete", lambda: (small / "other-2.md").unlink(), ["small/other-2.md"]),
        ("folder index", lambda: (small / "index.md").write_text(index), ["small/index.md"]),
    ]


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text() + text)


def _retitle(path: Path, title: str, tags: str = "[aws]") -> None:
    body = path.read_text().split("---\n", 2)[2]
    path.write_text(f"---\ntitle: {title}\ntags: {tags}\n---\n{body}")


def test_partial_rebuilds_match_a_clean_build_byte_for_byte(tmp_path: Path, clean_build):
    notes, cards = tmp_path / "notes", tmp_path / "cards"
    notes.mkdir()
    folder_vault(notes)
    clean_build(notes, cards, tmp_path / "first-site")
    builder = LiveBuild(notes, cards, tmp_path / "builds", app_url="/")
    builder.prime()
    assert builder.build_site().whole_site
    total = len(list(builder.site_dir.rglob("*.html")))  # type: ignore[union-attr]
    for what, change, paths in partial_changes(notes):
        change()
        report = builder.rebuild(paths)
        if what == "edit":  # the note's page, and the front page's "recently changed"
            assert report.pages_written == 2
        assert report.error is None, report.error
        assert not report.whole_site, what
        assert 0 < report.pages_written <= total, what
        clean_cards, clean_site = tmp_path / f"cards-{what}", tmp_path / f"site-{what}"
        clean_build(notes, clean_cards, clean_site)
        assert files_of(cards) == files_of(clean_cards), what
        assert builder.site_dir is not None
        assert files_of(builder.site_dir) == files_of(clean_site), what
