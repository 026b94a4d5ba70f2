"""Reading and validating the next raw files while the current semester is being linked and aggregated.

The ingest runs every query on one thread: on a two-core machine DuckDB's parallel CSV reading, joins and
grouping cost far more CPU than they save in time. The cores are kept busy instead by running independent
work side by side: ``workers`` threads, each with its own cursor on the same database, validate the files a
few steps ahead of the order in which the ingest takes them, while the ingest links the current semester.
At most ``ahead`` files wait validated at any time, which bounds the memory. A file taken out of order is
validated on the spot.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb

from cc_analytics.ingest.files import RawFile
from cc_analytics.ingest.validate import Validated, read_and_validate
from cc_analytics.sources import RULES
from cc_analytics.sources.readers import prepare


@dataclass(frozen=True)
class Planned:
    """One file in the order the ingest takes it, with its position in its period's group."""

    raw: RawFile
    file_idx: int


@dataclass(frozen=True)
class Read:
    """A validated file: its accounting and table, and the note of how it was read (e.g. a converted XLSX)."""

    validated: Validated
    note: str


class Prefetcher:
    """Validates planned files in order on ``workers`` cursors, up to ``ahead`` files before they are taken."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        plan: Iterable[Planned],
        workdir: Path,
        ahead: int = 5,
        workers: int = 2,
    ) -> None:
        self._con = con
        self._local = threading.local()
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        self._lock = threading.Lock()
        self._plan = list(plan)
        self._workdir = workdir
        self._ahead = ahead
        self._next = 0
        self._pending: dict[tuple[str, int], Future[Read]] = {}
        self._names = itertools.count()
        self._pool = ThreadPoolExecutor(max_workers=max(workers, 1), thread_name_prefix="cc-validate")
        self._fill()

    def _fill(self) -> None:
        while len(self._pending) < self._ahead and self._next < len(self._plan):
            planned = self._plan[self._next]
            self._next += 1
            key = (planned.raw.name, planned.file_idx)
            self._pending[key] = self._pool.submit(self._read_on_worker, planned.raw, planned.file_idx)

    def _read_on_worker(self, raw: RawFile, file_idx: int) -> Read:
        """Validate on this worker thread's own cursor (created on first use)."""
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            with self._lock:
                cursor = self._con.cursor()
                self._cursors.append(cursor)
            self._local.cursor = cursor
        return self._read(cursor, raw, file_idx)

    def _read(self, con: duckdb.DuckDBPyConnection, raw: RawFile, file_idx: int) -> Read:
        prepared = prepare(raw.path, raw.sumber, self._workdir)
        table = f"_baca_{next(self._names)}"
        validated = read_and_validate(con, raw, prepared.path, RULES[raw.sumber], table, file_idx=file_idx)
        return Read(validated, prepared.note)

    @property
    def finished(self) -> bool:
        """Whether every planned file has been validated and taken."""
        return self._next >= len(self._plan) and not self._pending

    def take(self, raw: RawFile, file_idx: int) -> Read:
        """The validated ``raw`` (raises what validation raised, e.g. :class:`SourceFileError`)."""
        future = self._pending.pop((raw.name, file_idx), None)
        self._fill()
        if future is None:
            return self._read(self._con, raw, file_idx)
        return future.result()

    def close(self) -> None:
        """Stop validating ahead and wait for the file in progress."""
        for future in self._pending.values():
            future.cancel()
        self._pool.shutdown(wait=True)
        for cursor in self._cursors:
            cursor.close()
