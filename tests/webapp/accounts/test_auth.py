"""Accounts: off by default; when on, hashed passwords, signed sessions, one history each."""

from __future__ import annotations

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from webapp.storage.models import Learner


@pytest.fixture
def settings(settings):
    settings["ACCOUNTS"] = True
    return settings


def test_pages_need_a_login(client):
    response = client.get("/review")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    api = client.get("/api/next")
    assert api.status_code == 401 and "log in" in api.json["error"]


def test_register_logs_in_and_hashes_the_password(app, auth, client):
    response = auth.register("ada", "correct horse")
    assert response.status_code == 302 and response.headers["Location"] == "/review"
    assert client.get("/review").status_code == 200
    with Session(app.extensions["quizgen_engine"]) as session:
        learner = session.scalar(select(Learner).where(Learner.name == "ada"))
        assert learner is not None
        assert "correct horse" not in learner.password_hash
        assert learner.password_hash.startswith(("scrypt:", "pbkdf2:"))


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [("", "correct horse", "a name of 1 to 80"), ("bob", "short", "at least 8")],
)
def test_register_refuses_bad_input(auth, name, password, message):
    response = auth.register(name, password)
    assert response.status_code == 400 and message in response.text


def test_register_refuses_a_taken_name(auth):
    auth.register("ada")
    auth.logout()
    response = auth.register("ada")
    assert response.status_code == 400 and "taken" in response.text


def test_login_and_logout(auth, client):
    auth.register("ada")
    auth.logout()
    assert client.get("/review").status_code == 302
    wrong = auth.login("ada", "wrong password")
    assert wrong.status_code == 400 and "wrong" in wrong.text
    assert auth.login("ada").status_code == 302
    assert client.get("/review").status_code == 200


def test_each_learner_has_their_own_history(auth, reviewer, stored):
    auth.register("ada")
    reviewer.token = ""
    reviewer.rate(4)
    auth.logout()
    auth.register("grace")
    reviewer.token = ""
    shown = reviewer.next()
    assert shown["card"]["id"] == "lam-1" and shown["counts"]["done"] == 0
    reviewer.rate(3)
    learners = [review["rating"] for review in stored()]
    assert learners == [4, 3]


def test_login_form_needs_csrf(client):
    response = client.post("/auth/login", data={"name": "ada", "password": "correct horse"})
    assert response.status_code == 403


def test_accounts_off_has_no_login(app, client):
    app.config["ACCOUNTS"] = False
    response = client.get("/auth/login")
    assert response.status_code == 404 and "accounts are off" in response.text
    assert client.get("/review").status_code == 200


def test_a_logged_in_request_reads_its_login_on_its_own_connection(
    app, auth, reviewer, database_kind
):
    # Each connection taken from PostgreSQL's pool is pinged first: the login check, the
    # next card and a review share one. (SQLite ends the read before BEGIN IMMEDIATE.)
    auth.register()
    reviewer.csrf()
    engine = app.extensions["quizgen_engine"]
    taken: list[int] = []

    def count(*_args: object) -> None:
        taken.append(1)

    event.listen(engine, "checkout", count)
    try:
        shown = reviewer.next()
        assert len(taken) == 1
        body = {"card_id": shown["card"]["id"], "rating": 3, "token": "one"}
        assert reviewer.post("/api/reviews", body).status_code == 201
        if database_kind == "postgresql":
            assert len(taken) == 2
    finally:
        event.remove(engine, "checkout", count)
