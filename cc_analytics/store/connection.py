"""Access to the built marts: one DuckDB file, opened read-only.

The ingest writes the file aside and swaps it in atomically, so readers see either the old or the new
marts, never a half-written one. :func:`marts_signature` changes whenever the file is replaced and is
the key cached loaders use.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from cc_analytics.errors import MartsMissingError


def marts_exist(path: Path) -> bool:
    """True when a marts file is present at ``path``."""
    return path.is_file()


def file_signature(path: Path) -> str:
    """A string that changes whenever the file at ``path`` is replaced (inode, size, mtime); for cache keys."""
    if not path.is_file():
        return "missing"
    stat = path.stat()
    return f"{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}"


def marts_signature(path: Path) -> str:
    """A string that changes whenever the marts file is replaced (see :func:`file_signature`)."""
    return file_signature(path)


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    """Open the marts read-only (as the default database ``marts`` of a new connection).

    Raises:
        MartsMissingError: when no marts have been built at ``path``.
    """
    if not path.is_file():
        raise MartsMissingError("Data belum dibangun. Jalankan: python -m cc_analytics ingest")
    # duckdb.connect(path) reuses an already open database of the same path, even after the file was replaced
    # by a new ingest; attaching to a fresh in-memory connection always opens the file as it is now.
    con = duckdb.connect()
    con.execute("ATTACH ? AS marts (READ_ONLY)", [str(path)])
    con.execute("USE marts")
    return con


def read_meta(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """The ``meta`` table as a dict (keys: dataset_kind, built_at, latest_periode, demo_seed, demo_scale)."""
    return dict(con.execute("SELECT key, value FROM meta").fetchall())
