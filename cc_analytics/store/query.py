"""Running read queries against the marts, with "table or column missing" turned into a user-facing error.

Marts built by an older version may lack a table or column a page needs; DuckDB then raises a catalog
error, or a binder error saying a column was not found. Those become
:class:`cc_analytics.errors.DataNotFoundError` with an instruction to rebuild, so the app shows a message
instead of a traceback. Other DuckDB errors are bugs and propagate unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import duckdb
import pandas as pd

from cc_analytics import texts
from cc_analytics.errors import DataNotFoundError

T = TypeVar("T")


def _is_outdated(exc: duckdb.Error) -> bool:
    """True when a query failed because the marts lack a table or a column."""
    if isinstance(exc, duckdb.CatalogException):
        return True
    return isinstance(exc, duckdb.BinderException) and "not found" in str(exc)


def _execute(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None, fetch: Callable[[Any], T]) -> T:
    try:
        return fetch(con.execute(sql, list(params or [])))
    except (duckdb.CatalogException, duckdb.BinderException) as exc:
        if not _is_outdated(exc):
            raise
        raise DataNotFoundError(texts.MARTS_OUTDATED) from exc


def run_query(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
    """Run ``sql`` with positional ``params`` and return the result as a new DataFrame.

    Raises:
        DataNotFoundError: when the marts lack a table or column the query uses.
    """
    return _execute(con, sql, params, lambda result: result.df())


def fetch_rows(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
    """Run ``sql`` with positional ``params`` and return all rows as tuples.

    Raises:
        DataNotFoundError: when the marts lack a table or column the query uses.
    """
    return _execute(con, sql, params, lambda result: result.fetchall())
