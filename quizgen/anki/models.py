"""The three note types of a quizgen deck, with pinned ids and one small stylesheet.

Anki matches an incoming note type by id and then by the names of its fields and templates:
if those names change, Anki makes a copy of the note type and no longer updates existing
notes. So ids, field names and template names here must never change; the HTML and CSS may.
"""

from __future__ import annotations

from enum import StrEnum

import genanki

__all__ = ["MODELS", "NoteType", "model_for"]


class NoteType(StrEnum):
    """The quizgen note types, named by the card type they carry."""

    BASIC = "basic"
    REVERSE = "reverse"
    CLOZE = "cloze"


# Pinned: derived once from sha256 of "quizgen basic" etc., then written down as constants.
BASIC_ID = 1902150728
REVERSE_ID = 2004339386
CLOZE_ID = 1427988829

CSS = """\
.card {
  font-family: system-ui, -apple-system, "Segoe UI", sans-serif;
  font-size: 20px;
  line-height: 1.45;
  text-align: left;
  max-width: 42em;
  margin: 0 auto;
  padding: 0 0.6em;
}
.context, .source { font-size: 0.7em; opacity: 0.7; }
.context { margin-bottom: 0.9em; }
.source { margin-top: 1.4em; }
.extra { margin-top: 0.8em; }
hr#answer { border: 0; border-top: 1px solid currentColor; opacity: 0.3; }
code, pre { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.88em; }
code { background: rgba(127, 127, 127, 0.16); border-radius: 4px; padding: 0 0.2em; }
pre { background: rgba(127, 127, 127, 0.12); padding: 0.6em; overflow-x: auto; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; margin: 0.4em 0; }
th, td { border: 1px solid rgba(127, 127, 127, 0.45); padding: 0.2em 0.5em; }
img { max-width: 100%; height: auto; }
.cloze { font-weight: bold; color: #1f6feb; }
.nightMode .cloze { color: #79b8ff; }
"""

FIELDS = ("Front", "Back", "Context", "Source")
CLOZE_FIELDS = ("Text", "Extra", "Context", "Source")

CONTEXT = '{{#Context}}<div class="context">{{Context}}</div>{{/Context}}'
SOURCE = '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}'


def _side(question: str, answer: str) -> dict[str, str]:
    """One template: breadcrumb above the question, source link below the answer."""
    return {
        "qfmt": f'{CONTEXT}<div class="question">{{{{{question}}}}}</div>',
        "afmt": (
            f'{CONTEXT}<div class="question">{{{{{question}}}}}</div>'
            f'<hr id="answer"><div class="answer">{{{{{answer}}}}}</div>{SOURCE}'
        ),
    }


def _model(
    model_id: int, name: str, fields: tuple[str, ...], templates: list[dict]
) -> genanki.Model:
    """A genanki model with quizgen's stylesheet."""
    return genanki.Model(
        model_id,
        name,
        fields=[{"name": field} for field in fields],
        templates=templates,
        css=CSS,
        model_type=genanki.Model.CLOZE if fields == CLOZE_FIELDS else genanki.Model.FRONT_BACK,
    )


def _cloze_template() -> dict[str, str]:
    """The cloze template: the text with one gap, then the whole text, extra and source."""
    return {
        "name": "Cloze",
        "qfmt": f'{CONTEXT}<div class="question">{{{{cloze:Text}}}}</div>',
        "afmt": (
            f'{CONTEXT}<div class="question">{{{{cloze:Text}}}}</div>'
            '{{#Extra}}<div class="extra">{{Extra}}</div>{{/Extra}}'
            f"{SOURCE}"
        ),
    }


MODELS: dict[NoteType, genanki.Model] = {
    NoteType.BASIC: _model(
        BASIC_ID, "quizgen Basic", FIELDS, [{"name": "Card 1", **_side("Front", "Back")}]
    ),
    NoteType.REVERSE: _model(
        REVERSE_ID,
        "quizgen Basic (and reversed card)",
        FIELDS,
        [
            {"name": "Card 1", **_side("Front", "Back")},
            {"name": "Card 2", **_side("Back", "Front")},
        ],
    ),
    NoteType.CLOZE: _model(CLOZE_ID, "quizgen Cloze", CLOZE_FIELDS, [_cloze_template()]),
}


def model_for(note_type: NoteType | str) -> genanki.Model:
    """The genanki model of a note type."""
    return MODELS[NoteType(note_type)]
