"""Hot statements compiled once and run as the driver's own SQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

__all__ = ["Prepared", "Reader"]


class Prepared:
    """A statement compiled once per database kind and run as the driver's own SQL.

    SQLAlchemy computes a cache key for every statement it executes; for the queue's large
    statements that costs more than SQLite takes to run them, so hot paths skip it. The
    statement must not use expanding parameters (`IN` over a bound list).
    """

    def __init__(self, statement: Any) -> None:
        self.statement = statement
        self._plans: dict[str, _Plan] = {}

    def _plan(self, dialect: Any) -> _Plan:
        plan = self._plans.get(dialect.name)
        if plan is None:
            plan = self._plans[dialect.name] = _Plan.of(self.statement.compile(dialect=dialect))
        return plan

    def _arguments(self, dialect: Any, params: dict[str, Any]) -> tuple[str, Any]:
        return self._plan(dialect).arguments(params)

    def run(self, connection: Connection, params: dict[str, Any]) -> Any:
        """Execute with `params` (the statement's own literal values are filled in)."""
        return connection.exec_driver_sql(*self._arguments(connection.dialect, params))

    def rows(self, reader: Reader, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        """Run a read on the driver's own connection and fetch every row.

        No SQLAlchemy result object is made and, on SQLite, no transaction is begun: the
        statement reads one consistent snapshot by itself.
        """
        with self._executed(reader, params) as cursor:
            return list(cursor.fetchall())

    def inserted_id(self, reader: Reader, params: dict[str, Any]) -> int | None:
        """Run an INSERT of one row (SQLite); the new row's id, or None when none was added."""
        with self._executed(reader, params) as cursor:
            return int(cursor.lastrowid) if cursor.rowcount == 1 else None

    def change(self, reader: Reader, params: dict[str, Any]) -> int:
        """Run a write on the driver's own connection; how many rows it changed."""
        with self._executed(reader, params) as cursor:
            return int(cursor.rowcount)

    @contextmanager
    def _executed(self, reader: Reader, params: dict[str, Any]) -> Iterator[Any]:
        """A driver cursor that has run the statement, closed afterwards."""
        cursor = reader.connection.cursor()
        try:
            cursor.execute(*self._arguments(reader.dialect, params))
            yield cursor
        finally:
            cursor.close()


@dataclass(frozen=True)
class _Plan:
    """A compiled statement: its SQL, and how to lay out its parameters for the driver."""

    sql: str
    names: tuple[str, ...] | None
    """The parameters in order, for a driver with positional parameters (None: by name)."""
    literals: dict[str, Any]
    """Values the statement carries itself (bound literals), under their parameter names."""

    @classmethod
    def of(cls, compiled: Any) -> _Plan:
        binds = compiled.binds
        literals = {
            name: value for name, value in compiled.params.items() if not binds[name].required
        }
        names = tuple(compiled.positiontup) if compiled.positiontup else None
        return cls(compiled.string, names, literals)

    def arguments(self, params: dict[str, Any]) -> tuple[str, Any]:
        """The SQL and the driver's parameters for `params` (the literals filled in)."""
        values = {**self.literals, **params} if self.literals else params
        if self.names is None:
            return self.sql, values
        return self.sql, tuple(map(values.__getitem__, self.names))


@dataclass
class Reader:
    """A pooled driver connection for reads (and short writes) outside any ORM session."""

    connection: Any
    dialect: Any

    def begin_write(self) -> None:
        """Start a write transaction; SQLite takes its write lock at once (`BEGIN IMMEDIATE`)."""
        if self.dialect.name == "sqlite":
            self.connection.cursor().execute("BEGIN IMMEDIATE")
        else:  # the driver begins one with the first statement: end any read before it
            self.connection.rollback()

    def commit(self) -> None:
        """Commit the write transaction (durable when this returns)."""
        self.connection.commit()

    def rollback(self) -> None:
        """Undo the write transaction."""
        self.connection.rollback()

    def close(self) -> None:
        """Give the connection back to the pool."""
        self.connection.close()
