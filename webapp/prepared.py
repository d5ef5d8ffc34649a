"""Hot statements compiled once and run as the driver's own SQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

__all__ = ["Prepared"]


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

    def run(self, connection: Connection, params: dict[str, Any]) -> Any:
        """Execute with `params` (the statement's own literal values are filled in)."""
        compiled = self._compile(connection.dialect)
        values = {**compiled.params, **params}
        if compiled.positiontup:
            return connection.exec_driver_sql(
                compiled.string, tuple(values[name] for name in compiled.positiontup)
            )
        return connection.exec_driver_sql(compiled.string, values)
