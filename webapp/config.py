"""Settings: defaults, then the instance folder's config.py, then the environment."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask

__all__ = ["DEFAULTS", "configure"]

DEFAULTS: dict[str, Any] = {
    "DATABASE_URL": None,
    "CARDS_DIR": "cards",
    "SITE_DIR": "dist/site",
    "DECK_FILE": "dist/quizgen.apkg",
    "DESIRED_RETENTION": 0.9,
    "NEW_PER_DAY": 20,
    "REVIEWS_PER_DAY": 200,
    "DAY_STARTS_HOUR": 4,
    "ACCOUNTS": False,
    "SECRET_KEY": None,
    # FULL fsyncs every commit, so a review survives a power cut too. NORMAL (in WAL mode)
    # survives the process being killed but not a power cut; measured, it was no faster here.
    "SQLITE_SYNCHRONOUS": "FULL",
    "SYNC_ON_START": True,
    "QUIZ_FEEDS_SCHEDULE": False,
    "UTC_OFFSET_MINUTES": None,
    # Security (see docs/webapp.md, Security): the Host names answered (others get 400),
    # the largest request body (else 413), the session cookie, and the login limits.
    "TRUSTED_HOSTS": ["127.0.0.1", "localhost"],
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_HTTPONLY": True,
    "LOGIN_LIMIT_PER_ACCOUNT": "5 per minute; 30 per hour",
    "LOGIN_LIMIT_PER_ADDRESS": "20 per minute; 100 per hour",
    "RATELIMIT_STORAGE_URI": "memory://",
}

SYNCHRONOUS = ("NORMAL", "FULL", "EXTRA")
"""SQLite `synchronous` settings that keep every acknowledged review through a process crash."""

# Read from the environment as they are or with a QUIZGEN_ prefix (the prefixed one wins).
_ENV_NAMES = list(DEFAULTS)


def _parse(value: str) -> Any:
    """JSON when the text is JSON (`true`, `0.85`, `50`), else the text itself."""
    try:
        return json.loads(value)
    except ValueError:
        return value


def _from_environment(environ: dict[str, str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name in _ENV_NAMES:
        for key in (name, f"QUIZGEN_{name}"):
            if key in environ:
                found[name] = _parse(environ[key])
    return found


def _secret_key(instance: Path) -> str:
    """The instance folder's secret key, created on first start and kept private."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    key = secrets.token_hex(32)
    path.touch(mode=0o600)
    path.write_text(key, encoding="utf-8")
    return key


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


def configure(
    app: Flask, test_config: dict[str, Any] | None, overrides: dict[str, Any] | None = None
) -> None:
    """Fill `app.config`; `test_config` replaces the instance file and the environment."""
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(DEFAULTS)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.update(_from_environment(dict(os.environ)))
    else:
        app.config.update(test_config)
    app.config.update(overrides or {})
    config = app.config
    if not config["DATABASE_URL"]:
        config["DATABASE_URL"] = f"sqlite:///{instance / 'quizgen.sqlite3'}"
    if not config["SECRET_KEY"]:
        config["SECRET_KEY"] = _secret_key(instance)
    config["ACCOUNTS"] = _as_bool(config["ACCOUNTS"])
    config["SYNC_ON_START"] = _as_bool(config["SYNC_ON_START"])
    config["QUIZ_FEEDS_SCHEDULE"] = _as_bool(config["QUIZ_FEEDS_SCHEDULE"])
    config["DESIRED_RETENTION"] = float(config["DESIRED_RETENTION"])
    if not 0.5 <= config["DESIRED_RETENTION"] < 1:
        raise ValueError(
            f"DESIRED_RETENTION must be between 0.5 and 0.99, not {config['DESIRED_RETENTION']}"
        )
    config["SQLITE_SYNCHRONOUS"] = str(config["SQLITE_SYNCHRONOUS"]).strip().upper()
    if config["SQLITE_SYNCHRONOUS"] not in SYNCHRONOUS:
        raise ValueError(
            f"SQLITE_SYNCHRONOUS must be one of {', '.join(SYNCHRONOUS)}, "
            f"not {config['SQLITE_SYNCHRONOUS']!r}"
        )
    for name in ("NEW_PER_DAY", "REVIEWS_PER_DAY", "DAY_STARTS_HOUR"):
        config[name] = int(config[name])
    if isinstance(config["TRUSTED_HOSTS"], str):
        config["TRUSTED_HOSTS"] = [h.strip() for h in config["TRUSTED_HOSTS"].split(",") if h]
