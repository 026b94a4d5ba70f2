"""Cached access to the marts.

- The read-only DuckDB connection is a cached *resource* keyed by the marts file's signature
  (:func:`cc_analytics.store.marts_signature`): when the ingest swaps in a new file, the next run opens it and
  the old connection is closed once two newer ones exist. Each query runs on its own cursor, so sessions
  in parallel threads do not share one.
- Query results are cached *data* keyed by the same signature plus the function and its arguments, so a
  warm rerun only unpickles small results.

Later pages reuse :func:`cached_query` for any library function of the form ``func(con, *args, **kwargs)``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import streamlit as st

from cc_analytics import briefing, store, texts
from cc_analytics.config import Settings
from cc_analytics.errors import DataNotFoundError

T = TypeVar("T")


def _close(con: duckdb.DuckDBPyConnection) -> None:
    con.close()


@st.cache_resource(max_entries=2, show_spinner=False, on_release=_close)
def _connection(path: str, signature: str) -> duckdb.DuckDBPyConnection:
    """One read-only connection per marts file version (``signature`` is part of the cache key)."""
    return store.connect(Path(path))


def _key(settings: Settings) -> tuple[str, str]:
    return str(settings.marts_path), store.marts_signature(settings.marts_path)


@contextmanager
def _cursor_for(path: str, signature: str) -> Iterator[duckdb.DuckDBPyConnection]:
    cursor = _connection(path, signature).cursor()
    cursor.execute("USE marts")  # cursors do not inherit the connection's default database
    try:
        yield cursor
    finally:
        cursor.close()


@contextmanager
def cursor(settings: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor on the current marts, closed on exit (for uncached, one-off reads)."""
    with _cursor_for(*_key(settings)) as con:
        yield con


@st.cache_data(max_entries=256, show_spinner=False)
def _call(path: str, signature: str, name: str, args: tuple[Hashable, ...], kwargs: tuple[Any, ...], _func: Any) -> Any:
    """Run ``_func(con, *args, **kwargs)``; cached by marts version, function ``name`` and arguments."""
    with _cursor_for(path, signature) as con:
        return _func(con, *args, **dict(kwargs))


def cached_query(settings: Settings, func: Callable[..., T], *args: Hashable, **kwargs: Hashable) -> T:
    """``func(con, *args, **kwargs)`` on the current marts, cached until the marts file changes.

    Args:
        settings: app settings (for the marts path).
        func: a module-level library function taking a DuckDB connection first; its result must pickle.
        *args: hashable positional arguments (strings, numbers, tuples).
        **kwargs: hashable keyword arguments.
    """
    path, signature = _key(settings)
    name = f"{func.__module__}.{func.__qualname__}"
    return _call(path, signature, name, args, tuple(sorted(kwargs.items())), _func=func)


def load_meta(settings: Settings) -> dict[str, str]:
    """The marts' ``meta`` table (dataset_kind, built_at, latest_periode, demo_seed, demo_scale)."""
    return cached_query(settings, store.read_meta)


def is_demo(settings: Settings) -> bool:
    """True when the marts hold synthetic demo data."""
    return load_meta(settings).get("dataset_kind") == "demo"


def load_periodes(settings: Settings) -> list[str]:
    """Semester labels held by the marts, oldest first.

    Raises:
        DataNotFoundError: when the marts hold no semester.
    """
    periodes = cached_query(settings, briefing.list_periodes)
    if not periodes:
        raise DataNotFoundError(texts.NO_PERIODE)
    return periodes


def load_briefing(settings: Settings, periode: str) -> briefing.Briefing:
    """Everything the Ringkasan page shows for ``periode`` (see :func:`cc_analytics.briefing.build.build_briefing`)."""
    return cached_query(
        settings, briefing.build_briefing, periode, min_cell=settings.min_cell, is_synthetic=is_demo(settings)
    )
