"""Markdown links and images resolved as Obsidian does: relative path, then by name anywhere.

The fixture vault tests/site/vaults/mdlinks has a guide linking across folders the Markdown way
(relative, by name, `%20`, `<...>`, a heading, a path that moved), images found by name in
another folder, `<img src>`, and links and images to nothing; a note embeds the whole guide.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from quizgen import load_vault
from quizgen.cli import main
from quizgen.site import build_site

from .conftest import BuiltSite

VAULT = Path(__file__).parent / "vaults" / "mdlinks"
LINKS = [
    ("EC2 relative", "Services/Compute/EC2/", ""),
    ("EC2 by name", "Services/Compute/EC2/", ""),
    ("encoded name", "Services/Note Name/", ""),
    ("angle name", "Services/Note Name/", ""),
    ("instance types", "Services/Compute/EC2/", "instance-types"),
    ("moved note", "Services/Compute/EC2/", ""),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> BuiltSite:
    out = tmp_path_factory.mktemp("mdlinks")
    build_site(load_vault(VAULT), out)
    return BuiltSite(out)


@pytest.mark.parametrize("page", ["Guides/guide/", "embedder/"])
@pytest.mark.parametrize(("text", "url", "anchor"), LINKS)
def test_markdown_links_land_on_the_note_obsidian_opens(site, page, text, url, anchor):
    hrefs = [a.attrs["href"] for a in site.page(page).find("a") if a.text.strip() == text]
    assert [site.target(page, href) for href in hrefs] == [(url, anchor)]
    if anchor:
        assert anchor in site.page(url).ids()


@pytest.mark.parametrize("page", ["Guides/guide/", "embedder/"])
def test_images_are_found_by_name_and_copied(site, page):
    sources = [img.attrs["src"] for img in site.page(page).find("img")]
    files = {site.target(page, src)[0].rstrip("/") for src in sources}
    assert files == {"Services/images/2020-01-02-14-45-42.png", "attachments/diagram.png"}
    assert len(sources) == 3  # ![](...) and <img src> of the same picture, and the diagram
    for file in files:
        assert (site.root / file).read_bytes().startswith(b"\x89PNG")


def test_broken_links_and_images_are_missing_text(site):
    html = site.page("Guides/guide/")
    missing = [span.text for span in html.find("span", "qz-missing")]
    assert missing == ["nowhere note", "missing-picture.png", "not-there.png"]
    assert "https://example.org/EC2.md" in [a.attrs.get("href") for a in html.find("a")]


def test_check_reports_each_broken_one_with_file_and_line():
    result = CliRunner().invoke(main, ["check", "--notes", str(VAULT)], catch_exceptions=False)
    reported = [
        line.split(": ")[0] + " " + line.rsplit(" ", 1)[-1]
        for line in result.output.splitlines()
        if ": " in line
    ]
    assert reported == [
        "Guides/guide.md:9 [broken-link]",
        "Guides/guide.md:14 [missing-embed]",
        "Guides/guide.md:18 [missing-embed]",
    ]
    assert result.exit_code == 1  # a missing image is an error, as a missing embed is


def test_backlinks_count_markdown_links():
    vault = load_vault(VAULT)
    assert vault.backlinks["Services/Compute/EC2.md"] == ["Guides/guide.md"]
