"""What accounts protect: the cookie, logging out, login timing and limits, hosts, body size."""

from __future__ import annotations

import time

import pytest

from webapp import create_app
from webapp.config import configure


@pytest.fixture
def settings(settings):
    settings["ACCOUNTS"] = True
    return settings


def test_session_cookie_is_http_only_and_same_site_lax(auth, client):
    response = auth.register("ada")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert client.get_cookie("session") is not None


def test_a_logged_out_cookie_is_refused(auth, client):
    auth.register("ada")
    assert client.get("/api/next").status_code == 200
    kept = client.get_cookie("session").value  # a copy, as a thief or a back button keeps it
    auth.logout()
    client.set_cookie("session", kept)
    assert client.get("/api/next").status_code == 401
    assert client.get("/review").status_code == 302


def test_a_login_expires_after_the_session_lifetime(app, auth, client, clock):
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from webapp.storage.login_models import LoginRow

    auth.register("ada")
    clock.advance(days=30)
    assert client.get("/api/next").status_code == 200
    clock.advance(days=2)  # past PERMANENT_SESSION_LIFETIME (31 days)
    assert client.get("/api/next").status_code == 401
    type(auth)(app.test_client()).login("ada")
    with Session(app.extensions["quizgen_engine"]) as session:
        assert session.scalar(select(func.count()).select_from(LoginRow)) == 1  # old one deleted


def test_logging_in_again_keeps_other_logins(app, auth, client):
    auth.register("ada")
    other = app.test_client()
    type(auth)(other).login("ada")
    auth.logout()
    assert client.get("/api/next").status_code == 401
    assert other.get("/api/next").status_code == 200


def test_login_takes_as_long_for_an_unknown_name(app, auth):
    """A wrong password for a real account and any password for an unknown name take the same
    time (within 20 %): a name cannot be found out by timing."""
    app.config.update(LOGIN_LIMIT_PER_ACCOUNT="1000/minute", LOGIN_LIMIT_PER_ADDRESS="1000/minute")
    auth.register("ada")
    auth.logout()
    times: dict[str, list[float]] = {"ada": [], "nobody-by-this-name": []}
    for _round in range(7):
        for name, kept in times.items():
            started = time.perf_counter()
            response = auth.login(name, "wrong password")
            kept.append(time.perf_counter() - started)
            assert response.status_code == 400
    known, unknown = (min(kept) for kept in times.values())  # the least disturbed try
    assert abs(known - unknown) <= 0.2 * max(known, unknown), (known, unknown)


def _limited_app(settings, tmp_path, **limits):
    return create_app({**settings, **limits}, instance_path=tmp_path / "limited")


def test_failed_logins_are_limited_per_account(settings, tmp_path, auth):
    app = _limited_app(settings, tmp_path, LOGIN_LIMIT_PER_ACCOUNT="3 per minute")
    try:
        ada = type(auth)(app.test_client())
        ada.register("ada")
        ada.register("bob")
        for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):  # spread over addresses
            ada.client.environ_base["REMOTE_ADDR"] = address
            assert ada.login("ada", "wrong password").status_code == 400
        ada.client.environ_base["REMOTE_ADDR"] = "10.0.0.4"
        limited = ada.login("ada", "correct horse")
        assert limited.status_code == 429 and "too many failed logins" in limited.text
        assert ada.login("bob", "correct horse").status_code == 302
        assert ada.login("bob", "correct horse").status_code == 302  # good logins never count
    finally:
        app.extensions["quizgen_engine"].dispose()


def test_failed_logins_are_limited_per_address(settings, tmp_path, auth):
    app = _limited_app(settings, tmp_path, LOGIN_LIMIT_PER_ADDRESS="4 per minute")
    try:
        guesser = type(auth)(app.test_client())
        guesser.register("ada")
        guesser.client.environ_base["REMOTE_ADDR"] = "10.0.0.9"
        for name in ("a1", "a2", "a3", "a4"):
            assert guesser.login(name, "guess").status_code == 400
        assert guesser.login("a5", "guess").status_code == 429
        guesser.client.environ_base["REMOTE_ADDR"] = "10.0.0.10"
        assert guesser.login("ada", "correct horse").status_code == 302
    finally:
        app.extensions["quizgen_engine"].dispose()


def test_notes_and_deck_need_a_login(auth, client, tmp_path):
    (tmp_path / "deck.apkg").write_bytes(b"PK\x03\x04 fake")
    for path in ("/notes/", "/notes/aws/sqs/", "/deck.apkg"):
        response = client.get(path)
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    auth.register("ada")
    for path in ("/notes/", "/notes/aws/sqs/", "/deck.apkg"):
        assert client.get(path, buffered=True).status_code == 200, path


@pytest.mark.parametrize("accounts", [True, False])
def test_an_untrusted_host_is_refused(app, client, accounts):
    """Without a list of hosts, a page of another site whose name points at 127.0.0.1 (DNS
    rebinding) could read the app as its own."""
    app.config["ACCOUNTS"] = accounts
    for host in ("localhost", "127.0.0.1:8000", "localhost:5000"):
        assert client.get("/api/csrf", headers={"Host": host}).status_code in (200, 401)
    refused = client.get("/api/csrf", headers={"Host": "evil.example:8000"})
    assert refused.status_code == 400 and refused.json["status"] == 400
    for page in ("/review", "/notes/", "/auth/login", "/no-such-page"):
        assert client.get(page, headers={"Host": "evil.example"}).status_code == 400, page
    app.config["TRUSTED_HOSTS"] = [".example.org"]
    assert client.get("/api/csrf", headers={"Host": "quiz.example.org"}).status_code in (200, 401)
    assert client.get("/api/csrf", headers={"Host": "localhost"}).status_code == 400


def test_trusted_hosts_from_the_environment(app, monkeypatch):
    monkeypatch.setenv("QUIZGEN_TRUSTED_HOSTS", "quiz.example.org, .example.net")
    app.config.update(TRUSTED_HOSTS=None)
    configure(app, None)
    assert app.config["TRUSTED_HOSTS"] == ["quiz.example.org", ".example.net"]


def test_a_body_over_the_size_limit_is_refused(auth, client):
    auth.register("ada")
    with client.session_transaction() as session:
        token = session["csrf_token"]
    headers = {"X-CSRF-Token": token, "Content-Type": "application/json"}
    big = b'{"card_ids": ["' + b"x" * (1024 * 1024) + b'"]}'
    response = client.post("/api/suspend", data=big, headers=headers)
    assert response.status_code == 413 and response.json["status"] == 413
    form = client.post("/auth/login", data={"name": "ada", "password": "p" * (1024 * 1024)})
    assert form.status_code == 413
