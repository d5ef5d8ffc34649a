"""How explicit cards are written in a vault: separators and the tag that enables them.

Read from `quizgen.toml` at the top of the notes folder (a `[cards]` table); when it says
nothing, from the obsidian-spaced-repetition plugin's own settings in the vault
(`.obsidian/plugins/obsidian-spaced-repetition/data.json`), so a vault that uses `;;` in the
plugin needs no setting here. Only the separators are taken from the plugin: its flashcard tags
are not, because quizgen reads explicit cards in every note unless `tags` is set here.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from ..note import Note
    from ..vault import Vault

__all__ = ["CONFIG_FILE", "CardSettings", "read_settings", "settings_of"]

CONFIG_FILE = "quizgen.toml"
PLUGIN_DATA = ".obsidian/plugins/obsidian-spaced-repetition/data.json"
_TEMPLATE_SETTINGS = (
    (".obsidian/templates.json", "folder"),
    (".obsidian/plugins/templater-obsidian/data.json", "templates_folder"),
)
_TEMPLATE_FOLDERS = {"templates", "template", "templater"}
_LISTS = ("tags", "templates")  # settings written as a list of text in quizgen.toml
# The plugin's names for the same settings.
_PLUGIN_KEYS = {
    "separator": "singlelineCardSeparator",
    "reversed_separator": "singlelineReversedCardSeparator",
    "multiline_separator": "multilineCardSeparator",
    "multiline_reversed_separator": "multilineReversedCardSeparator",
}


@dataclass(frozen=True)
class CardSettings:
    """Separators of explicit cards (the plugin's defaults) and the tags that enable them."""

    separator: str = "::"
    reversed_separator: str = ":::"
    multiline_separator: str = "?"
    multiline_reversed_separator: str = "??"
    tags: tuple[str, ...] = ()  # empty: every note may hold explicit cards
    # Folders of template notes (Obsidian's Templates and the Templater plugin): no cards.
    templates: tuple[str, ...] = ()

    def is_template(self, note: Note) -> bool:
        """True for a note in a templates folder: placeholders to fill, nothing to learn. With
        no folder set (a vault shared without its `.obsidian` settings), a folder named
        `Templates` (`_templates`, `templater`...) is one."""
        if self.templates:
            return any(note.path.startswith(f"{folder}/") for folder in self.templates)
        folders = note.path.casefold().split("/")[:-1]
        return any(folder.strip("_. ") in _TEMPLATE_FOLDERS for folder in folders)

    def reads(self, note: Note) -> bool:
        """True when explicit cards are read in this note (it has one of `tags`, if any)."""
        if not self.tags:
            return True
        wanted = {tag.lstrip("#").casefold() for tag in self.tags}
        for tag in note.tags:
            name = tag.lstrip("#").casefold()
            if name in wanted or name.split("/", 1)[0] in wanted:
                return True
        return False

    @property
    def key(self) -> str:
        """A short text that changes when any setting changes (part of the source hash)."""
        return "\0".join([*(str(getattr(self, f.name)) for f in fields(self))])


def settings_of(vault: Vault | None) -> CardSettings:
    """The settings of a loaded vault (defaults without one), read once per loaded vault."""
    if vault is None:
        return CardSettings()
    found: CardSettings = vault.derived("card settings", lambda: read_settings(vault.root)[0])
    return found


def read_settings(root: Path) -> tuple[CardSettings, list[Diagnostic]]:
    """A notes folder's settings (plugin separators, `quizgen.toml` over them) and its problems."""
    settings = replace(_from_plugin(root / PLUGIN_DATA), templates=_template_folders(root))
    path = root / CONFIG_FILE
    if not path.is_file():
        return settings, []
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("cards", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return settings, [_problem(f"{CONFIG_FILE} cannot be read ({error}); defaults are used")]
    if not isinstance(table, dict):
        return settings, [_problem("`cards` should be a table: [cards]")]
    return _apply(settings, table)


def _apply(settings: CardSettings, table: dict[str, Any]) -> tuple[CardSettings, list[Diagnostic]]:
    """Settings with the values of a `[cards]` table; unknown or malformed values reported."""
    problems = []
    changes: dict[str, Any] = {}
    names = {f.name for f in fields(CardSettings)}
    for name, value in table.items():
        if name not in names:
            problems.append(_problem(f"[cards] has no setting `{name}`; known: {sorted(names)}"))
        elif name in _LISTS and _strings(value):
            changes[name] = tuple(value)
        elif name not in _LISTS and isinstance(value, str) and value.strip():
            changes[name] = value.strip()
        else:
            problems.append(_problem(f"[cards] `{name}` should be text (tags: a list of text)"))
    return replace(settings, **changes), problems


def _strings(value: Any) -> bool:
    """True for a list of text."""
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _template_folders(root: Path) -> tuple[str, ...]:
    """The templates folders set in Obsidian's Templates plugin and in Templater."""
    folders = []
    for path, key in _TEMPLATE_SETTINGS:
        data = _json(root / path)
        folder = data.get(key) if isinstance(data, dict) else None
        if isinstance(folder, str) and folder.strip("/ "):
            folders.append(folder.strip("/ "))
    return tuple(sorted(set(folders)))


def _json(path: Path) -> Any:
    """A JSON file's data, or None when it is missing or unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def _from_plugin(path: Path) -> CardSettings:
    """Separators set in the obsidian-spaced-repetition plugin, when the vault has its data."""
    data = _json(path)
    if not isinstance(data, dict):
        return CardSettings()
    inner = data.get("settings")
    found: dict[str, Any] = inner if isinstance(inner, dict) else data
    changes = {
        name: found[key].strip()
        for name, key in _PLUGIN_KEYS.items()
        if isinstance(found.get(key), str) and found[key].strip()
    }
    return replace(CardSettings(), **changes)


def _problem(message: str) -> Diagnostic:
    """A problem of the config file, reported beside the notes' problems."""
    return Diagnostic(CONFIG_FILE, 0, "bad-config", message, Severity.WARNING)
