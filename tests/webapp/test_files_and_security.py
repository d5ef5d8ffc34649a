"""The site under /notes/, the deck download, the security headers, and the settings."""

from __future__ import annotations

import pytest

from webapp import create_app
from webapp.config import _from_environment


def test_notes_serve_the_built_site(client):
    assert client.get("/notes").headers["Location"] == "/notes/"
    assert client.get("/notes/", buffered=True).text == "<h1>Home</h1>"
    assert client.get("/notes/aws/sqs").headers["Location"] == "/notes/aws/sqs/"
    page = client.get("/notes/aws/sqs/", buffered=True)
    assert page.status_code == 200 and "SQS" in page.text
    assert "'unsafe-inline'" in page.headers["Content-Security-Policy"]
    assert client.get("/notes/missing.html", buffered=True).status_code == 404
    assert client.get("/notes/../secret").status_code == 404


def test_notes_when_the_site_is_not_built(app, client, tmp_path):
    app.config["SITE_DIR"] = str(tmp_path / "none")
    response = client.get("/notes/", buffered=True)
    assert response.status_code == 404 and "quizgen build" in response.text


def test_deck_download(app, client, tmp_path):
    missing = client.get("/deck.apkg")
    assert missing.status_code == 404 and "not built" in missing.text
    (tmp_path / "deck.apkg").write_bytes(b"PK\x03\x04 fake")
    response = client.get("/deck.apkg", buffered=True)
    assert response.status_code == 200 and response.data.startswith(b"PK")
    assert "attachment" in response.headers["Content-Disposition"]


def test_security_headers_on_app_pages(client):
    response = client.get("/review")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_secret_key_is_made_once_and_kept(tmp_path, database_url):
    settings = {"DATABASE_URL": database_url, "CARDS_DIR": str(tmp_path / "c")}
    first = create_app(dict(settings), instance_path=tmp_path / "inst")
    second = create_app(dict(settings), instance_path=tmp_path / "inst")
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert len(first.config["SECRET_KEY"]) == 64
    assert (tmp_path / "inst" / "secret_key").stat().st_mode & 0o077 == 0


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path):
    made = create_app({"CARDS_DIR": str(tmp_path / "c")}, instance_path=tmp_path / "inst")
    assert made.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'inst' / 'quizgen.sqlite3'}"
    assert (tmp_path / "inst" / "quizgen.sqlite3").exists()
    assert made.config["ACCOUNTS"] is False


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"ACCOUNTS": "true"}, {"ACCOUNTS": True}),
        ({"QUIZGEN_NEW_PER_DAY": "5", "NEW_PER_DAY": "7"}, {"NEW_PER_DAY": 5}),
        ({"DESIRED_RETENTION": "0.85"}, {"DESIRED_RETENTION": 0.85}),
        ({"DATABASE_URL": "postgresql://u@h/db"}, {"DATABASE_URL": "postgresql://u@h/db"}),
        ({"HOME": "/root"}, {}),
    ],
)
def test_settings_from_the_environment(environ, expected):
    assert _from_environment(environ) == expected


def test_bad_retention_is_refused(tmp_path):
    with pytest.raises(ValueError, match="DESIRED_RETENTION"):
        create_app({"DESIRED_RETENTION": 1.5}, instance_path=tmp_path / "inst")


def test_bad_synchronous_setting_is_refused(tmp_path):
    with pytest.raises(ValueError, match="SQLITE_SYNCHRONOUS"):
        create_app({"SQLITE_SYNCHRONOUS": "OFF"}, instance_path=tmp_path / "inst")


@pytest.mark.parametrize(("setting", "pragma"), [(None, 2), ("full", 2), ("NORMAL", 1)])
def test_synchronous_setting_reaches_sqlite(tmp_path, setting, pragma):
    config = {"SYNC_ON_START": False, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    if setting is not None:
        config["SQLITE_SYNCHRONOUS"] = setting
    made = create_app(config, instance_path=tmp_path / "inst")
    engine = made.extensions["quizgen_engine"]
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == pragma
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()


def test_every_setting_is_in_the_docs(root):
    from webapp.config import DEFAULTS

    table = (root / "docs" / "webapp.md").read_text(encoding="utf-8")
    assert [name for name in DEFAULTS if f"| `{name}` |" not in table] == []
