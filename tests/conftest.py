"""Fixtures every test area shares: the real corpus, the repository, headless Chromium."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "aws-saa-notes"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository's top folder."""
    return ROOT


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real Obsidian vault under ../shared (present in CI, absent in a user's clone)."""
    if not CORPUS.is_dir():
        pytest.skip(f"real corpus not found at {CORPUS}: ../shared/ exists only in CI")
    return CORPUS


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright; skipped where Chromium is absent."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium to run browser tests"
        )
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    """A fresh browser page, closed after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Folder for screenshots a test run saves."""
    folder = ROOT / "tests" / "artifacts"
    folder.mkdir(exist_ok=True)
    return folder
