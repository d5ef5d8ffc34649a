"""The orjson provider writes what Flask's own provider means, and reads what it reads."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from flask import Flask, jsonify
from flask.json.provider import DefaultJSONProvider
from markupsafe import Markup

from webapp.json_provider import OrjsonProvider


@dataclass
class Point:
    x: int
    label: str


VALUES = [
    {"b": 1, "a": [1.5, None, True], "c": {"z": "ü", "y": "<script>"}},
    {3: "three", 1: "one"},
    {"when": datetime(2026, 3, 2, 12, 30, tzinfo=UTC), "day": date(2026, 3, 2)},
    {"price": Decimal("1.10"), "id": uuid.UUID(int=5)},
    {"point": Point(2, "p")},
    {"html": Markup("<b>bold</b>")},
    [1, "two", {"three": 3}],
    "plain text",
    2**53 + 1,
]


def _app(provider: type[DefaultJSONProvider]) -> Flask:
    app = Flask(__name__)
    app.json = provider(app)
    return app


@pytest.mark.parametrize("value", VALUES)
def test_a_body_means_what_flask_would_write(value):
    ours, flasks = _app(OrjsonProvider), _app(DefaultJSONProvider)
    with ours.app_context():
        written = jsonify(value)
    with flasks.app_context():
        expected = jsonify(value)
    assert written.mimetype == "application/json"
    assert json.loads(written.get_data()) == json.loads(expected.get_data())
    assert written.get_data().endswith(b"\n")


def test_keys_come_sorted_and_compact():
    app = _app(OrjsonProvider)
    assert app.json.dumps({"b": 1, "a": 2}) == '{"a":2,"b":1}'


def test_debug_bodies_are_indented_by_flask():
    app = _app(OrjsonProvider)
    app.debug = True
    with app.app_context():
        body = jsonify({"a": 1}).get_data(as_text=True)
    assert body == '{\n  "a": 1\n}\n'


def test_what_cannot_be_written_raises_type_error():
    app = _app(OrjsonProvider)
    with pytest.raises(TypeError):
        app.json.dumps({"a": object()})


@pytest.mark.parametrize("text", ['{"a": [1, 2.5, null]}', b'{"a": "\\u00fc"}', "[]"])
def test_reading_gives_what_the_standard_library_gives(text):
    app = _app(OrjsonProvider)
    assert app.json.loads(text) == json.loads(text)


def test_text_that_is_not_json_raises_value_error():
    app = _app(OrjsonProvider)
    with pytest.raises(ValueError):
        app.json.loads("rating=3")
