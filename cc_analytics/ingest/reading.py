"""Reading one raw CSV into a DuckDB staging table of text columns.

Headers are matched case- and space-insensitively against the declared schema; every column is read as
text so that validation, not the reader, decides what is wrong with a value. Lines that do not have the
header's number of fields are kept aside by DuckDB (``store_rejects``) and become rejected rows with a
reason, so that rows read = rows accepted + rows rejected holds for every file.
"""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class StagedFile:
    """Result of staging one file.

    Attributes:
        table: name of the staging table (text columns named as the schema; its ``rowid`` is the 0-based
            index among well-formed data rows, in file order).
        rows_staged: well-formed data rows.
        structural_rejects: list of (line number, reason) for malformed lines.
    """

    table: str
    rows_staged: int
    structural_rejects: list[tuple[int, str]]

    @property
    def rows_read(self) -> int:
        """All data rows in the file (well-formed or not)."""
        return self.rows_staged + len(self.structural_rejects)


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


def stage_csv(con: duckdb.DuckDBPyConnection, raw: RawFile, table: str, path: Path | None = None) -> StagedFile:
    """Read ``raw`` (or its converted copy at ``path``) into the temp table ``table`` (all text).

    Raises:
        SourceFileError: when the file cannot be read as CSV at all.
    """
    names, delimiter = read_header(raw, path)
    rejects = f"{table}_rejects"
    scans = f"{table}_scans"
    for name in (table, rejects, scans):
        con.execute(f"DROP TABLE IF EXISTS {name}")
    try:
        con.execute(
            f"""
            CREATE TEMP TABLE {table} AS
            SELECT *
            FROM read_csv(?, header = true, delim = ?, quote = '"', escape = '"',
                          store_rejects = true, rejects_table = '{rejects}', rejects_scan = '{scans}',
                          null_padding = false, auto_detect = false,
                          columns = {{{", ".join(f"'{n}': 'VARCHAR'" for n in names)}}})
            """,
            [str(path or raw.path), delimiter],
        )
    except duckdb.Error as exc:
        detail = str(exc).splitlines()[0][:200]
        raise SourceFileError(raw.name, f"tidak dapat dibaca sebagai CSV ({detail})") from exc
    rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    bad = con.execute(f"SELECT DISTINCT line, error_type FROM {rejects} ORDER BY line").fetchall()
    structural = [(int(line), STRUCTURAL_REASONS.get(kind, f"baris rusak ({kind.lower()})")) for line, kind in bad]
    con.execute(f"DROP TABLE IF EXISTS {rejects}")
    con.execute(f"DROP TABLE IF EXISTS {scans}")
    return StagedFile(table=table, rows_staged=int(rows), structural_rejects=structural)


def create_line_index(con: duckdb.DuckDBPyConnection, staged: StagedFile) -> str:
    """Create a table that turns a staging ``rowid`` into a file line; return its name.

    Row ``i`` sits after malformed line ``L_j`` (``j = 1..n``, sorted) exactly when ``i >= L_j - j - 1``,
    so its line is ``i + 2 + #{j : L_j - j - 1 <= i}`` (header is line 1).
    """
    name = f"{staged.table}_shift"
    lines = sorted(line for line, _ in staged.structural_rejects)
    thresholds = [line - j - 1 for j, line in enumerate(lines, start=1)]
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT unnest(CAST(? AS BIGINT[])) AS t", [thresholds])
    return name
