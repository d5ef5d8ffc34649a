"""Random Markdown and front matter never make the loader or the resolver raise."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen import WikiLink, load_vault
from quizgen.links import LinkIndex, resolve_link
from quizgen.loader import load_note
from quizgen.syntax import make_parser

PARSER = make_parser()
PIECES = st.sampled_from(
    [
        "[[",
        "]]",
        "![[",
        "|",
        "#",
        "^",
        "\\",
        "---\n",
        "\n",
        "`",
        "```\n",
        "==",
        "::",
        "> [!note]",
        "| a | b |\n|---|---|\n",
        "# ",
        "- ",
        "**",
        "$",
        "title: [",
        "tags: #x",
        "aliases:\n  - ",
        "é",
        "\x00",
        "\ufeff",
    ]
)
MARKDOWN = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(MARKDOWN)
def test_any_text_loads(text):
    note, problems = load_note("n.md", text.encode("utf-8", "surrogatepass"), PARSER)
    assert note.title
    assert all(p.path == "n.md" for p in problems)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_load(raw):
    note, _ = load_note("n.md", raw, PARSER)
    assert isinstance(note.source, str)


@settings(max_examples=300, deadline=None)
@given(MARKDOWN, MARKDOWN)
def test_any_link_resolves_or_misses(first, second):
    one, _ = load_note("a/one.md", first.encode("utf-8", "surrogatepass"), PARSER)
    two, _ = load_note("two.md", second.encode("utf-8", "surrogatepass"), PARSER)
    index = LinkIndex.build({"a/one.md": one, "two.md": two}, {"a/pic.png"})
    for link in one.links + two.links:
        result = resolve_link(index, link, one)
        assert result.found or result.problem


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=30))
def test_any_target_resolves_or_misses(tmp_path, target):
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    vault = load_vault(tmp_path)
    link = WikiLink(raw=f"[[{target}]]", target=target, line=1)
    result = vault.resolve(link, vault.notes["a.md"])
    assert result.found or result.problem
