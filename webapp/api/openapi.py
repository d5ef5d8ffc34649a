"""The OpenAPI 3 description of the JSON API, served at /api/openapi.json."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml
from flask import Blueprint

__all__ = ["api", "description"]

api = Blueprint("openapi", __name__, url_prefix="/api")


@functools.cache
def description() -> dict[str, Any]:
    """The description, read once from `webapp/openapi.yaml` (kept true by the API's fuzz test)."""
    text = resources.files("webapp").joinpath("openapi.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@api.get("/openapi.json")
def openapi() -> Any:
    """The description as JSON; it is no secret, so it needs no login."""
    return description()
