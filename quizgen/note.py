"""The records a loaded note is made of."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markdown_it.token import Token

__all__ = ["Block", "Heading", "Note", "WikiLink"]


@dataclass(frozen=True)
class Heading:
    """A heading with the anchor id the site gives it; `end_line` closes its section."""

    level: int
    text: str
    anchor: str
    line: int
    end_line: int = 0


@dataclass(frozen=True)
class Block:
    """A paragraph or list item that ends in `^id`, so links can point at it."""

    id: str
    line: int
    end_line: int


@dataclass(frozen=True)
class WikiLink:
    """One `[[...]]` or `![[...]]` as written in a note, or a Markdown link or image to a vault
    file (`markdown`: `[x](Note.md)`, `![](pic.png)`, `<img src>`; `raw` is then rebuilt)."""

    raw: str
    target: str
    line: int
    heading: str | None = None
    block: str | None = None
    label: str | None = None
    embed: bool = False
    markdown: bool = False

    @classmethod
    def from_token(cls, token: Token) -> WikiLink:
        """The link a `wikilink` token of quizgen's parser stands for."""
        meta = token.meta
        return cls(
            raw=token.markup + token.content + "]]",
            target=meta["target"],
            line=meta["line"],
            heading=meta["heading"],
            block=meta["block"],
            label=meta["label"],
            embed=meta["embed"],
        )

    @property
    def text(self) -> str:
        """What a reader sees for the link: its label, else its target's name and fragment."""
        if self.label:
            return self.label
        if self.heading and not self.target:
            return self.heading
        base = self.target.rsplit("/", 1)[-1].removesuffix(".md")
        fragment = self.heading or (f"^{self.block}" if self.block else "")
        return " > ".join(part for part in (base, fragment) if part)


@dataclass(eq=False)
class Note:
    """A Markdown file of the vault, parsed once; `tokens` keep line maps into `source`."""

    path: str
    source: str
    title: str
    front_matter: dict[str, Any] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    blocks: dict[str, Block] = field(default_factory=dict)
    links: list[WikiLink] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list, repr=False)
    has_h1: bool = False
    unrenderable: str | None = None  # why the site shows this note as plain text, when it does
    modified: float = 0.0  # the file's modification time (seconds since the epoch)

    @property
    def name(self) -> str:
        """File name without `.md`: what `[[name]]` matches."""
        return self.path.rsplit("/", 1)[-1].removesuffix(".md")

    @property
    def folder(self) -> str:
        """Folder of the note inside the vault, '' at the top."""
        return self.path.rsplit("/", 1)[0] if "/" in self.path else ""

    @property
    def key(self) -> str:
        """Stable identity: front-matter `id` when given, else the path without `.md`."""
        given = self.front_matter.get("id")
        return str(given) if given not in (None, "") else self.path.removesuffix(".md")

    @property
    def lines(self) -> list[str]:
        """Source lines, without line endings."""
        return self.source.splitlines()

    def heading_for(self, text: str) -> Heading | None:
        """The heading a `#Heading` fragment names: exact text first, then case-insensitive."""
        wanted = " ".join(text.split())
        for heading in self.headings:
            if heading.text == wanted:
                return heading
        folded = wanted.casefold()
        return next((h for h in self.headings if h.text.casefold() == folded), None)

    def heading_above(self, line: int) -> list[Heading]:
        """The heading path (outermost first) that a 1-based line sits under."""
        path: list[Heading] = []
        for heading in self.headings:
            if heading.line > line:
                break
            path = [h for h in path if h.level < heading.level] + [heading]
        return path
