"""What the site publishes from a vault: notes and linked files, never past a symlink or an exclusion.

The fixture vault tests/site/vaults/files has Obsidian's exclusions (`.trash/`, and `Templates/`
and `drafts/` in `.obsidian/app.json`), files that are neither notes nor linked (a Dockerfile,
package-lock.json, LICENSE.txt, an unlinked picture) and a linked picture in another folder.
The tests add the symlinks: a loop (`loop -> .`), a folder and a file outside the vault.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.commands.build import build
from mkdocs.config import load_config

from quizgen import load_vault
from quizgen.cli import main
from quizgen.site import build_site

FIXTURE = Path(__file__).parent / "vaults" / "files"
SECRET = "a secret from outside the vault"


def _vault_with_symlinks(base: Path) -> Path:
    """The fixture vault copied under `base`, with a loop and two links out of the vault."""
    notes, outside = base / "notes", base / "outside"
    shutil.copytree(FIXTURE, notes)
    outside.mkdir()
    (outside / "key.txt").write_text(SECRET, encoding="utf-8")
    (outside / "stolen.md").write_text(f"# Stolen\n\n{SECRET}\n", encoding="utf-8")
    os.symlink(".", notes / "loop")
    os.symlink("../outside", notes / "outdir")
    os.symlink("../outside/key.txt", notes / "key.txt")
    return notes


def _published(out: Path) -> set[str]:
    """Every file of a built site outside MkDocs' and quizgen's own folders."""
    skip = ("assets/", "search/")
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    return {name for name in names if not name.startswith(skip)}


@pytest.fixture(scope="module")
def notes(tmp_path_factory) -> Path:
    return _vault_with_symlinks(tmp_path_factory.mktemp("files"))


@pytest.fixture(scope="module")
def out(notes, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("files-site")
    build_site(load_vault(notes), site)
    return site


def test_only_notes_and_linked_files_are_published(out):
    published = _published(out)
    assert {"index.html", "pictures/diagram.png"} <= published
    for left_out in ("Dockerfile", "package-lock.json", "LICENSE", "unlinked.png"):
        assert not [name for name in published if left_out in name], published


def test_obsidian_exclusions_are_not_published(out):
    published = _published(out)
    for excluded in ("Templates/", "drafts/", ".trash", ".obsidian", "Deleted"):
        assert not [name for name in published if excluded in name], published


def test_nothing_from_outside_the_vault_is_published(out):
    for file in out.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".txt", ".json"):
            assert SECRET not in file.read_text(encoding="utf-8", errors="replace"), file
    assert not [name for name in _published(out) if name.startswith(("outdir", "loop", "key"))]


def test_publish_files_patterns_publish_unlinked_files(notes, tmp_path):
    build_site(load_vault(notes), tmp_path, publish_files=["*.txt", "code/*"])
    published = _published(tmp_path)
    assert {"LICENSE.txt", "code/Dockerfile", "code/package-lock.json"} <= published
    assert "key.txt" not in published  # a pattern never reaches past a symlink


def test_check_reports_each_symlink_once_and_the_excluded_link(notes):
    result = CliRunner().invoke(main, ["check", "--notes", str(notes)], catch_exceptions=False)
    lines = result.output.splitlines()
    for name, code in (("loop", "symlink-loop"), ("outdir", "symlink-outside")):
        found = [line for line in lines if line.startswith(f"{name}:0: ")]
        assert len(found) == 1 and found[0].endswith(f"[{code}]"), lines
    assert [line for line in lines if line.startswith("key.txt:0: ")], lines
    assert [line for line in lines if line.startswith("index.md:5: ") and "Daily template" in line]
    assert not [line for line in lines if "Templates/" in line or "drafts/" in line]


def test_mkdocs_yml_with_the_plugin_leaves_out_what_it_walked_outside_the_vault(tmp_path):
    notes = tmp_path / "notes"
    shutil.copytree(FIXTURE, notes)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "key.txt").write_text(SECRET, encoding="utf-8")
    os.symlink("../outside", notes / "outdir")  # MkDocs itself follows it; the plugin drops it
    config = "site_name: F\ndocs_dir: notes\nsite_dir: out\ntheme:\n  name: material\n"
    (tmp_path / "mkdocs.yml").write_text(config + "plugins:\n  - search\n  - quizgen\n", "utf-8")
    build(load_config(str(tmp_path / "mkdocs.yml")))
    published = _published(tmp_path / "out")
    assert "pictures/diagram.png" in published
    assert not [name for name in published if "outdir" in name or "Dockerfile" in name]
