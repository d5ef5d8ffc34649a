"""The `quizgen` plugin in any mkdocs.yml, the repository's own site, and the real corpus."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from quizgen import load_vault
from quizgen.cards import Card, CardFile, CardSet, CardType, dump_card_file
from quizgen.site import build_site

VAULT = Path(__file__).parent / "vault"

MKDOCS_YML = """\
site_name: Fixture
docs_dir: notes
site_dir: out
theme:
  name: material
  font: false
plugins:
  - search
  - quizgen
"""


def _build(config_file: Path) -> None:
    """What `mkdocs build` does with this config file."""
    build(load_config(str(config_file)))


def _card_file(note: str, count: int) -> str:
    """A card file for a note with `count` basic cards."""
    cards = tuple(Card(id=f"c{n}", type=CardType.BASIC, front="Q", back="A") for n in range(count))
    return dump_card_file(CardFile(cards=cards, note=note, title=note))


def test_plain_mkdocs_yml_with_the_plugin_counts_cards(tmp_path):
    shutil.copytree(VAULT, tmp_path / "notes")
    (tmp_path / "cards" / "folder").mkdir(parents=True)
    card_file = _card_file("folder/Target Note.md", 3)
    (tmp_path / "cards" / "folder" / "Target Note.yml").write_text(card_file, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    _build(tmp_path / "mkdocs.yml")
    page = (tmp_path / "out" / "folder" / "Target Note" / "index.html").read_text("utf-8")
    assert '<span class="qz-count">3 cards</span>' in page
    assert 'id="section-two"' in page
    index = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert '<span class="qz-count">0 cards</span>' in index
    assert "quiz?note=" not in index  # no app_url: no study links
    assert (tmp_path / "out" / "tags" / "index.html").is_file()


def test_no_cards_folder_means_no_count(tmp_path):
    shutil.copytree(VAULT, tmp_path / "notes")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    _build(tmp_path / "mkdocs.yml")
    page = (tmp_path / "out" / "folder" / "Target Note" / "index.html").read_text("utf-8")
    assert "qz-count" not in page
    assert "Second section text about walruses" in page


def test_readme_beside_index_is_kept_as_its_own_page(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "index.md").write_text("# Home\n\nSee [[README]].\n", "utf-8")
    (tmp_path / "notes" / "README.md").write_text("# Read me\n\nReadme words.\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    _build(tmp_path / "mkdocs.yml")
    readme = (tmp_path / "out" / "README" / "index.html").read_text("utf-8")
    assert "Readme words." in readme
    assert 'href="README/"' in (tmp_path / "out" / "index.html").read_text("utf-8")


def test_repository_mkdocs_yml_builds_the_notes(root, tmp_path):
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    build(config)
    page = (tmp_path / "site" / "aws-certs" / "aws-lambda" / "index.html").read_text("utf-8")
    assert 'href="../lambda-concurrency/#reserved-concurrency"' in page
    assert "qz-backlinks" in page


def test_real_corpus_builds_with_every_note_a_page(corpus, tmp_path):
    vault = load_vault(corpus)
    out = build_site(vault, tmp_path / "site", app_url="/")
    pages = {p.parent.relative_to(out).as_posix() for p in out.rglob("index.html")}
    expected = {path.removesuffix(".md") for path in vault.notes}
    # MkDocs serves a folder's README.md as its index page.
    expected = {"." if p in ("index", "README") else p.removesuffix("/README") for p in expected}
    assert expected <= pages
    assert any(out.rglob("*.png")) or not any(a.endswith(".png") for a in vault.attachments)


def test_quizgen_site_command_builds_a_vault_without_mkdocs_yml(tmp_path):
    from click.testing import CliRunner

    from quizgen.cli import main

    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["site", "--notes", str(VAULT), "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = (out / "a" / "linker" / "index.html").read_text("utf-8")
    assert 'href="../../folder/Target%20Note/"' in page


def test_served_site_shows_the_mastery_bar_of_notes_with_cards(tmp_path):
    vault = load_vault(VAULT)
    card_file = CardFile.from_dict(yaml.safe_load(_card_file("folder/Target Note.md", 2)))
    cards = CardSet(files={"folder/Target Note.yml": card_file})
    out = build_site(vault, tmp_path / "site", app_url="/", cards=cards)
    page = (out / "folder" / "Target Note" / "index.html").read_text("utf-8")
    assert 'src="/stats/note?note=folder/Target%20Note.md"' in page
    index = (out / "index.html").read_text("utf-8")
    assert "qz-mastery" not in index  # no cards, no bar


def test_pages_collect_their_own_reference_cycles_and_the_collector_is_back_after(
    tmp_path, monkeypatch
):
    vault = load_vault(VAULT)
    calls = []
    collect = gc.collect

    def counted(generation: int = 2) -> int:
        calls.append((generation, gc.isenabled()))
        return collect(generation)

    monkeypatch.setattr(gc, "collect", counted)
    build_site(vault, tmp_path / "site")
    assert gc.isenabled()
    # Twice a page (after its Markdown, after its template), young generations only, while
    # the automatic collections are off.
    assert len(calls) >= 2 * len(vault.notes)
    assert set(calls) == {(1, False)}


def test_a_failed_build_gives_the_collector_back(tmp_path, monkeypatch):
    from quizgen.site.plugin import QuizgenPlugin

    def broken(self, output, **kwargs):
        raise RuntimeError("broken page")

    monkeypatch.setattr(QuizgenPlugin, "on_post_page", broken)
    with pytest.raises(RuntimeError):
        build_site(load_vault(VAULT), tmp_path / "site")
    assert gc.isenabled()

