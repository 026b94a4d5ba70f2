"""Writing the demo files: CSV with the schema's columns in the schema's order, into a staging folder that
replaces the output folder only when every file is written (a failed run never leaves half a set).
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv

from cc_analytics.errors import ConfigError
from cc_analytics.schema import RawSource

MANIFEST = "DEMO.json"


def write_csv(table: pa.Table, source: RawSource, path: Path) -> int:
    """Write ``table`` as comma-separated UTF-8 CSV with a header, columns exactly as ``source`` declares.

    Values are written unquoted; a table holding a value that needs quotes (a comma, a quote, a line
    break) is written with quotes on such values only.

    Returns:
        The number of data rows written.
    """
    names = [f.name for f in source.fields]
    missing = sorted(set(names) - set(table.column_names))
    if missing:
        raise ValueError(f"kolom {missing} tidak ada pada tabel {source.key}")
    ordered = table.select(names)
    try:
        with path.open("wb") as handle:
            handle.write((",".join(names) + "\n").encode("utf-8"))
            pacsv.write_csv(ordered, handle, pacsv.WriteOptions(include_header=False, quoting_style="none"))
    except pa.ArrowInvalid:
        _write_quoted(ordered, path)
    return ordered.num_rows


def _write_quoted(table: pa.Table, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(table.column_names)
        for row in zip(*(column.to_pylist() for column in table.columns), strict=True):
            writer.writerow("" if value is None else value for value in row)


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    """Write ``DEMO.json`` (sorted keys are not used: the order given is the order written)."""
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def check_replaceable(out_dir: Path) -> None:
    """Raise :class:`ConfigError` when ``out_dir`` exists and holds files that are not a previous demo."""
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise ConfigError(f"'{out_dir.name}' bukan folder; data demo tidak ditulis.")
    if any(out_dir.iterdir()) and not (out_dir / MANIFEST).exists():
        raise ConfigError(
            f"Folder '{out_dir.name}' berisi berkas yang bukan data demo ({MANIFEST} tidak ada); "
            "pilih folder lain dengan --out agar berkas tersebut tidak tertimpa."
        )


@contextmanager
def staging(out_dir: Path) -> Iterator[Path]:
    """A sibling folder to write into; on success it replaces ``out_dir``, on failure it is removed.

    Raises:
        ConfigError: when ``out_dir`` exists and holds files that are not a previous demo.
    """
    check_replaceable(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    temp = out_dir.parent / f".{out_dir.name}.baru"
    old = out_dir.parent / f".{out_dir.name}.lama"
    for leftover in (temp, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    temp.mkdir()
    finished = False
    try:
        yield temp
        finished = True
    finally:
        if not finished:
            shutil.rmtree(temp, ignore_errors=True)
    if out_dir.exists():
        out_dir.rename(old)
    temp.rename(out_dir)
    shutil.rmtree(old, ignore_errors=True)
