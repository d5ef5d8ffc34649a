"""Reading what a request sends: whole numbers, ids in URLs, and text without NUL bytes.

Every number a request carries (query parameter, form field, JSON value, id in a path) is read
here, one way: plain ASCII digits (or a JSON integer), within bounds, else a 400 that says
so. `int()` alone accepts too much for this: `"²"` passes `str.isdigit()` but not `int()`,
`"١٢"` and `" 1_0 "` pass `int()`, `float("inf")` has no integer, and an integer past 2^63
overflows the database's columns.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, request
from werkzeug.routing import BaseConverter, ValidationError

from .errors import BadInput, NotFound

__all__ = [
    "LARGEST_ID",
    "IdConverter",
    "has_nul_text",
    "init_app",
    "json_integer",
    "optional_whole",
    "refuse_nul_bytes",
    "whole_number",
]

LARGEST_ID = 2**63 - 1
"""The largest id a database column holds (a signed 64-bit integer)."""

_WHOLE = re.compile(r"-?[0-9]{1,19}", re.ASCII)


def whole_number(value: object, name: str, least: int, most: int) -> int:
    """`value` (a JSON integer, or text of ASCII digits) as an int from `least` to `most`."""
    number = _as_int(value)
    if number is None or not least <= number <= most:
        raise BadInput(f"{name} must be a whole number from {least} to {most}, not {value!r}")
    return number


def optional_whole(value: object, name: str, least: int, most: int) -> int | None:
    """Like `whole_number`, but a missing or empty value is None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return whole_number(value, name, least, most)


def json_integer(data: dict[str, Any], name: str, least: int, most: int) -> int | None:
    """`data[name]` from a JSON body: absent or null is None, else a JSON integer in bounds
    (the text `"5"` is refused, as the API documents integers)."""
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not least <= value <= most:
        raise BadInput(f"{name} must be a whole number from {least} to {most}, not {value!r}")
    return value


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _WHOLE.fullmatch(value.strip()):
        return int(value.strip())
    return None


class IdConverter(BaseConverter):
    """`<id:name>` in a route: an id of ASCII digits that fits the database, else a 404."""

    regex = r"[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > LARGEST_ID:
            raise ValidationError()
        return number

    def to_url(self, value: Any) -> str:
        return str(int(value))


def _has_nul(values: Any) -> bool:
    return any("\x00" in value for value in values)


def refuse_nul_bytes() -> None:
    """No NUL byte reaches a file name or the database: in a path it is a 404, else a 400."""
    if "\x00" in request.path:
        raise NotFound("there is no such page")
    if _has_nul(request.args.values()) or _has_nul(request.args.keys()):
        raise BadInput("the query has a NUL byte")
    if request.method != "GET" and not request.is_json and _has_nul(request.form.values()):
        raise BadInput("the form has a NUL byte")


def has_nul_text(data: Any) -> bool:
    """Whether a parsed JSON value holds a NUL byte in any string, key or value."""
    if isinstance(data, str):
        return "\x00" in data
    if isinstance(data, dict):
        return any(has_nul_text(key) or has_nul_text(item) for key, item in data.items())
    if isinstance(data, list):
        return any(has_nul_text(item) for item in data)
    return False


def init_app(app: Flask) -> None:
    """Add the `id` URL converter and refuse NUL bytes before any view runs."""
    app.url_map.converters["id"] = IdConverter
    app.before_request(refuse_nul_bytes)
