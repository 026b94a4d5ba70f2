"""Reading one raw CSV as text columns, with malformed lines kept aside.

Headers are matched case- and space-insensitively against the declared schema; every column is read as
text so that validation, not the reader, decides what is wrong with a value. Lines that do not have the
header's number of fields are kept aside by DuckDB (``store_rejects``) and become rejected rows with a
reason, so that rows read = rows accepted + rows rejected holds for every file.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from cc_analytics.errors import SourceFileError
from cc_analytics.ingest.files import RawFile
from cc_analytics.schema import RAW_SOURCES, normalise_column_name

STRUCTURAL_REASONS = {
    "MISSING COLUMNS": "jumlah kolom kurang dari judul kolom",
    "TOO MANY COLUMNS": "jumlah kolom lebih dari judul kolom",
    "UNQUOTED VALUE": "tanda kutip tidak berpasangan",
    "LINE SIZE OVER MAXIMUM": "baris terlalu panjang",
    "INVALID UNICODE": "karakter tidak sah (bukan UTF-8)",
}


def read_header(raw: RawFile, path: Path | None = None) -> tuple[list[str], str]:
    """Normalised column names of a file and its delimiter (``,`` or ``;``).

    Raises:
        SourceFileError: when the file is empty, not text, or misses a required column.
    """
    try:
        with (path or raw.path).open("r", encoding="utf-8-sig") as handle:
            first = handle.readline()
    except UnicodeDecodeError as exc:
        raise SourceFileError(raw.name, "bukan berkas teks UTF-8; simpan ulang sebagai CSV UTF-8") from exc
    if not first.strip():
        raise SourceFileError(raw.name, "berkas kosong atau tanpa baris judul kolom")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    names = [normalise_column_name(h.strip().strip('"')) for h in first.rstrip("\r\n").split(delimiter)]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise SourceFileError(raw.name, "judul kolom muncul lebih dari sekali", column=duplicated[0])
    source = RAW_SOURCES[raw.sumber]
    missing = [c for c in source.required_columns if c not in names]
    if missing:
        found = ", ".join(names[:12])
        raise SourceFileError(
            raw.name,
            f"kolom wajib tidak ada (kurang: {', '.join(missing)}; kolom yang ada: {found})",
            column=missing[0],
        )
    return names, delimiter


def csv_scan_sql(names: list[str], rejects: str) -> str:
    """SQL of a ``read_csv`` over one file (parameters: path, delimiter) with every column as text.

    Malformed lines go to the table ``rejects`` (DuckDB ``store_rejects``) instead of failing the read.
    """
    columns = ", ".join(f"'{n}': 'VARCHAR'" for n in names)
    return (
        "read_csv(?, header = true, delim = ?, quote = '\"', escape = '\"', store_rejects = true, "
        f"rejects_table = '{rejects}', rejects_scan = '{rejects}_scan', null_padding = false, auto_detect = false, "
        f"columns = {{{columns}}})"
    )


def structural_rejects(con: duckdb.DuckDBPyConnection, rejects: str) -> list[tuple[int, str]]:
    """(line, Indonesian reason) of every malformed line DuckDB kept aside; drops its tables."""
    bad = con.execute(f"SELECT DISTINCT line, error_type FROM {rejects} ORDER BY line").fetchall()
    con.execute(f"DROP TABLE IF EXISTS {rejects}")
    con.execute(f"DROP TABLE IF EXISTS {rejects}_scan")
    return [(int(line), STRUCTURAL_REASONS.get(kind, f"baris rusak ({kind.lower()})")) for line, kind in bad]


def create_line_index(con: duckdb.DuckDBPyConnection, name: str, structural: list[tuple[int, str]]) -> str:
    """Create the table ``name`` that turns a 0-based row index into a file line; return its name.

    Row ``i`` sits after malformed line ``L_j`` (``j = 1..n``, sorted) exactly when ``i >= L_j - j - 1``,
    so its line is ``i + 2 + #{j : L_j - j - 1 <= i}`` (header is line 1).
    """
    lines = sorted(line for line, _ in structural)
    thresholds = [line - j - 1 for j, line in enumerate(lines, start=1)]
    con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT unnest(CAST(? AS BIGINT[])) AS t", [thresholds])
    return name
