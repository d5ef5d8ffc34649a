"""Read and write card files (YAML), one per note, mirroring the notes' folders."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import ryaml
import yaml

from ..diagnostics import Diagnostic, Severity
from .model import Card, CardFile

__all__ = ["CardSet", "dump_card_file", "load_card_files", "read_card_file"]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Words YAML 1.2 reads as numbers and YAML 1.1 (PyYAML, our writer) as text: `1e5`, `0o17`.
_EXPONENT = re.compile(r"[eE][-+]?\d")  # a quick first look: most files have none
_NUMBER_ONLY_IN_12 = re.compile(r"(?<![\w.])[-+]?[\d.][\d._]*[eE][-+]?\d+(?![\w.])|0o[0-7]")
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass
class CardSet:
    """Every card file of a folder, keyed by path relative to it, and what could not be read."""

    files: dict[str, CardFile] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def cards(self) -> list[tuple[CardFile, Card]]:
        """Every card beside the file it is in, in a stable order."""
        return [(file, card) for _, file in sorted(self.files.items()) for card in file.cards]


def dump_card_file(card_file: CardFile) -> str:
    """Deterministic YAML for a card file: same cards, same bytes."""
    return yaml.dump(
        card_file.to_dict(),
        Dumper=_DUMPER,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=None,
    )


def read_card_file(path: Path, name: str | None = None) -> tuple[CardFile | None, list[Diagnostic]]:
    """Parse one card file; a broken one is reported and skipped, never rewritten."""
    name = name or path.name
    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        message = f"card file cannot be read ({error.__class__.__name__}); it is left as it is"
        return None, [Diagnostic(name, line, "bad-card-file", message, Severity.ERROR)]
    if not isinstance(data, dict) or not isinstance(data.get("cards", []), list):
        message = "card file should be a mapping with a `cards:` list; it is left as it is"
        return None, [Diagnostic(name, 1, "bad-card-file", message, Severity.ERROR)]
    try:
        return CardFile.from_dict(data), []
    except (KeyError, ValueError, TypeError) as error:
        message = (
            f"a card in this file is incomplete or has an unknown value ({error}); it is skipped"
        )
        return None, [Diagnostic(name, 1, "bad-card", message, Severity.ERROR)]


def parse_yaml(text: str) -> object:
    """A card file's data, read by ryaml (Rust, five times faster than PyYAML's C loader).

    ryaml reads YAML 1.2. PyYAML writes YAML 1.1 and quotes the text 1.1 would read as another
    type (`yes`, `1.0`, dates), so those agree; a file with a word only 1.2 reads as a number
    (`1e5`) is left to PyYAML. Whatever ryaml refuses is read again by PyYAML too, which
    accepts more and gives the line of a real error.
    """
    maybe = "0o" in text or _EXPONENT.search(text)
    if maybe and _NUMBER_ONLY_IN_12.search(text):
        return yaml.load(text, Loader=_LOADER)
    try:
        return ryaml.loads(text)
    except Exception:  # noqa: BLE001 - any refusal: PyYAML decides and explains
        return yaml.load(text, Loader=_LOADER)


def load_card_files(folder: Path) -> CardSet:
    """Every `*.yml` card file under a folder."""
    found = CardSet()
    if not folder.is_dir():
        return found
    for path in sorted(folder.rglob("*.yml")):
        name = path.relative_to(folder).as_posix()
        card_file, problems = read_card_file(path, name)
        found.diagnostics += problems
        if card_file is not None:
            found.files[name] = card_file
    return found
