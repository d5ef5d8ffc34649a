"""Hot statements compiled once and run as the driver's own SQL."""

from __future__ import annotations

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
        self._compiled: dict[str, Any] = {}

    def _compile(self, dialect: Any) -> Any:
        compiled = self._compiled.get(dialect.name)
        if compiled is None:
            compiled = self.statement.compile(dialect=dialect)
            self._compiled[dialect.name] = compiled
        return compiled

    def _arguments(self, dialect: Any, params: dict[str, Any]) -> tuple[str, Any]:
        compiled = self._compile(dialect)
        values = {**compiled.params, **params}
        if compiled.positiontup:
            return compiled.string, tuple(values[name] for name in compiled.positiontup)
        return compiled.string, values

    def run(self, connection: Connection, params: dict[str, Any]) -> Any:
        """Execute with `params` (the statement's own literal values are filled in)."""
        return connection.exec_driver_sql(*self._arguments(connection.dialect, params))

    def rows(self, reader: Reader, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        """Run a read on the driver's own connection and fetch every row.

        No SQLAlchemy result object is made and, on SQLite, no transaction is begun: the
        statement reads one consistent snapshot by itself.
        """
        cursor = reader.connection.cursor()
        try:
            cursor.execute(*self._arguments(reader.dialect, params))
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def change(self, reader: Reader, params: dict[str, Any]) -> int:
        """Run a write on the driver's own connection; how many rows it changed."""
        cursor = reader.connection.cursor()
        try:
            cursor.execute(*self._arguments(reader.dialect, params))
            return int(cursor.rowcount)
        finally:
            cursor.close()


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
