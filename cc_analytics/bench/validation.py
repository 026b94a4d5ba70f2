"""Speed of the file check the Data page and ``python -m cc_analytics validate`` run, per source.

:func:`validation_throughput` times :func:`cc_analytics.ingest.check_file.check_file` (reader, parsing,
every validation rule, rejected rows collected) on the raw files of each source, for ``bench``.
"""

from __future__ import annotations

import time
from pathlib import Path

from cc_analytics.ingest.check_file import check_file
from cc_analytics.ingest.files import discover

SOURCES = ("dukcapil", "dtsen", "pkh", "penduduk")


def validation_throughput(raw_dir: Path, *, files_per_source: int | None = 1) -> dict[str, float | int]:
    """Rows per second of ``check_file`` over the raw files of each source in ``raw_dir``.

    Args:
        raw_dir: a raw folder (e.g. a full-scale demo written by ``python -m cc_analytics demo``).
        files_per_source: how many of each source's files to check, newest first (``None``: all of them).

    Returns:
        For each source with files: ``validate_<sumber>_files``, ``validate_<sumber>_rows`` (lines read),
        ``validate_<sumber>_s`` (wall seconds, 2 decimals) and ``validate_<sumber>_rows_per_s`` (rounded).

    Raises:
        SourceFileError: when a file cannot be read.
    """
    files = discover(raw_dir)
    results: dict[str, float | int] = {}
    for sumber in SOURCES:
        chosen = [f for f in files if f.sumber == sumber][::-1]
        if files_per_source is not None:
            chosen = chosen[:files_per_source]
        if not chosen:
            continue
        started = time.perf_counter()
        rows = sum(check_file(raw.path, sumber).baris_dibaca for raw in chosen)
        seconds = time.perf_counter() - started
        results[f"validate_{sumber}_files"] = len(chosen)
        results[f"validate_{sumber}_rows"] = rows
        results[f"validate_{sumber}_s"] = round(seconds, 2)
        results[f"validate_{sumber}_rows_per_s"] = round(rows / seconds) if seconds > 0 else 0
    return results
