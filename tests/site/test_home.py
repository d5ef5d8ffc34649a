"""A vault with no index.md or README.md at its top gets a front page, and folders get pages.

The fixture vault tests/site/vaults/no-index has notes in folders and sub-folders, tags, and a
loose note at the top; the test sets the files' times so "Recently changed" has an order.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from quizgen import load_vault
from quizgen.site import build_site

from .conftest import BuiltSite

FIXTURE = Path(__file__).parent / "vaults" / "no-index"
NEWEST_FIRST = ["Storage/S3.md", "Compute/Lambda.md", "Scratch.md", "Storage/Deep/Glacier.md"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> BuiltSite:
    notes = tmp_path_factory.mktemp("no-index") / "notes"
    shutil.copytree(FIXTURE, notes)
    for age, path in enumerate(
        NEWEST_FIRST + ["Compute/EC2.md", "Projects.md", "Projects/Plan.md"]
    ):
        moment = 1_700_000_000 - age * 86_400
        os.utime(notes / path, (moment, moment))
    out = tmp_path_factory.mktemp("no-index-site")
    build_site(load_vault(notes), out, app_url="/")
    return BuiltSite(out)


def test_the_front_page_exists_and_is_titled_by_the_vault(site):
    assert site.page("").find("h1")[0].text.strip().removesuffix("¶") == "notes"


def test_the_front_page_lists_folders_with_note_counts(site):
    assert site.page("").find("p", "qz-summary")[0].text == "7 notes in 4 folders."
    folders = site.page("").find("div", "qz-folder")[0].text
    assert "Compute 2 notes" in " ".join(folders.split())
    assert "Storage 2 notes" in " ".join(folders.split())
    assert "Scratch" in folders


def test_the_front_page_lists_recently_changed_notes_newest_first(site):
    recent = site.page("").find("ul", "qz-recent")[0]
    links = [a for a in site.page("").find("a") if a.text and a.text in recent.text]
    titles = [a.text for a in links][: len(NEWEST_FIRST)]
    assert titles == ["S3", "Lambda", "Scratch", "Glacier"]
    assert "2023-11-14" in recent.text  # the newest note's day


def test_the_front_page_shows_tags_with_counts_and_study_links(site):
    tags = " ".join(site.page("").find("p", "qz-tags")[0].text.split())
    assert tags.startswith("#aws 3 #compute 2")
    assert "#serverless 1" in tags
    hrefs = {a.attrs.get("href") for a in site.page("").find("a")}
    assert {"/review", "/quiz", "/deck.apkg"} <= hrefs


def test_every_link_of_the_front_page_and_folder_pages_lands_on_a_page(site):
    for url in ("", "Compute/", "Storage/", "Storage/Deep/"):
        for link in site.page(url).find("a"):
            href = link.attrs.get("href", "")
            if not href or re.match(r"[a-z]+:|/|#", href) or "assets/" in href:
                continue
            target, _ = site.target(url, href)
            assert target in site.urls(), f"{url}: {href}"


def test_a_folder_page_lists_its_notes_and_sub_folders(site):
    text = " ".join(site.page("Storage/").find("div", "qz-folder")[0].text.split())
    assert "Deep 1 note" in text and "S3" in text
    assert "Glacier" not in text  # a note of the sub-folder is on the sub-folder's page


def test_a_note_beside_its_folder_is_the_folders_page(site):
    assert "The folder note of Projects." in site.page("Projects/").content().text
    assert [a for a in site.page("Projects/Plan/").find("a") if a.text.strip() == "Plan"]
