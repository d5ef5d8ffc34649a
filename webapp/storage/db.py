"""The database: one engine per app, a session per request, one transaction per write.

SQLite runs in WAL mode; a write transaction starts with `BEGIN IMMEDIATE` so two writers
queue on the lock instead of failing halfway. PostgreSQL is used when the URL says so.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

import click
from flask import Flask, current_app, g
from flask.cli import with_appcontext
from sqlalchemy import Connection, Engine, create_engine, event, select, text
from sqlalchemy.orm import Session

from . import login_models as _login_tables  # noqa: F401  (their tables join Base.metadata)
from . import quiz_models as _quiz_tables  # noqa: F401
from .counts import ensure_counts
from .models import LOCAL_LEARNER, Base, Learner

__all__ = [
    "database_url",
    "engine_of",
    "get_engine",
    "get_session",
    "init_app",
    "make_engine",
    "setup_database",
    "write",
    "writer_lock",
]

WRITE = {"quizgen_write": True}
# waitress runs 8 threads, each request holding one connection: a pool smaller than that
# closes connections on return, and requests would pay for new ones under load.
POOL = {"pool_size": 8, "max_overflow": 8}
RETIRED_INDEXES = ("ix_reviews_learner_time", "ix_reviews_days", "ix_card_states_due")
"""Indexes older versions made. `ix_reviews_today` covers what the first two did, and
`ix_card_states_forecast` (the same columns, then two more) what the last did; every review
paid for each of them."""


def database_url(url: str) -> str:
    """A URL with a driver SQLAlchemy can load: plain `postgresql://` uses psycopg2 if psycopg
    (version 3) is not installed; `postgres://` (as Heroku-style hosts write it) is accepted."""
    scheme, _, rest = url.partition("://")
    if scheme not in {"postgres", "postgresql"}:
        return url
    driver = "psycopg" if importlib.util.find_spec("psycopg") else "psycopg2"
    return f"postgresql+{driver}://{rest}"


def make_engine(url: str, synchronous: str = "FULL") -> Engine:
    """An engine for a database URL; SQLite gets WAL, a busy timeout and explicit BEGINs."""
    url = database_url(url)
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, **POOL)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **POOL)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA cache_size=-32000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get("quizgen_write")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def setup_database(engine: Engine) -> None:
    """Create missing tables and the local learner; existing data is left alone."""
    Base.metadata.create_all(engine)
    for table in Base.metadata.sorted_tables:
        # Indexes added since a database was made (create_all skips existing tables).
        for index in table.indexes:
            index.create(engine, checkfirst=True)
    with engine.begin() as connection:
        for name in RETIRED_INDEXES:
            # Every review insert pays for each index; these serve no query any more.
            connection.execute(text(f"DROP INDEX IF EXISTS {name}"))
    if engine.dialect.name == "sqlite":
        # Table statistics let SQLite pick the note/deck/tag index for narrow scopes.
        with engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA analysis_limit=1000")
            connection.exec_driver_sql("ANALYZE")
    with Session(engine) as session, session.begin():
        session.connection(execution_options=WRITE)
        if session.get(Learner, LOCAL_LEARNER) is None:
            session.add(Learner(id=LOCAL_LEARNER, name="local", password_hash=""))
            session.flush()
        if engine.dialect.name == "postgresql":
            # The local learner's id was given, not drawn: move the sequence past it.
            session.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence('learners', 'id'), "
                    "(SELECT max(id) FROM learners))"
                )
            )
    ensure_counts(engine)


def get_engine(app: Flask | None = None) -> Engine:
    """The app's engine."""
    app = app or current_app
    return app.extensions["quizgen_engine"]


def get_session() -> Session:
    """The request's session, opened on first use and closed when the request ends."""
    if "db_session" not in g:
        g.db_session = Session(get_engine(), expire_on_commit=False)
    return g.db_session


_WRITERS: dict[int, threading.Lock] = {}


def writer_lock(engine: Engine) -> threading.Lock | None:
    """SQLite allows one writer: threads of this process queue here, in order, instead of
    polling the file lock (whose back-off sleeps would show as slow outliers)."""
    if engine.dialect.name != "sqlite":
        return None
    return _WRITERS.setdefault(id(engine), threading.Lock())


@contextmanager
def write(session: Session) -> Iterator[Session]:
    """One write transaction: committed at the end, rolled back on any error.

    On PostgreSQL it carries on the transaction of the request's reads so far (its login check),
    on the same connection. SQLite cannot turn a read transaction into a write one: there the
    reads end first and the write begins with BEGIN IMMEDIATE.
    """
    lock = writer_lock(engine_of(session))
    with lock or nullcontext():
        if lock is not None and session.in_transaction():  # SQLite: the reads end first
            session.rollback()
        if not session.in_transaction():
            session.connection(execution_options=WRITE)
        try:
            yield session
        except BaseException:
            session.rollback()
            raise
        session.commit()


def engine_of(session: Session) -> Engine:
    """The engine a session is bound to (through a connection, in some tests)."""
    bind = session.get_bind()
    return bind.engine if isinstance(bind, Connection) else bind


def _close_session(_error: BaseException | None = None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create the tables (data already there is kept)."""
    setup_database(get_engine())
    click.echo("database ready")


def init_app(app: Flask) -> None:
    """Open the engine, create tables, and register teardown and CLI commands."""
    engine = make_engine(app.config["DATABASE_URL"], app.config["SQLITE_SYNCHRONOUS"])
    app.extensions["quizgen_engine"] = engine
    setup_database(engine)
    app.teardown_appcontext(_close_session)
    app.cli.add_command(init_db_command)


def learner_ids(session: Session) -> list[int]:
    """Every learner's id."""
    return list(session.scalars(select(Learner.id)))
