"""Reading one raw CSV as text columns, with malformed lines kept aside.

Headers are matched case- and space-insensitively against the declared schema; every column is read as
text so that validation, not the reader, decides what is wrong with a value. Lines that do not have the
header's number of fields are kept aside by DuckDB (``store_rejects``) and become rejected rows with a
reason, so that rows read = rows accepted + rows rejected holds for every file.

Before the reader runs, one pass over the bytes (:mod:`cc_analytics.ingest.line_scan`) counts the file's data
lines and bounds what the reader is given; afterwards the rows read must equal those lines, or the file was
not read to its end and is unreadable. Messages name lines and columns, never the file's content.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import duckdb

from cc_analytics.errors import SourceFileError
from cc_analytics.formatting import format_number
from cc_analytics.ingest.files import RawFile
from cc_analytics.ingest.line_scan import MAX_FIELDS, MAX_LINE_BYTES, LineCount, count_lines
from cc_analytics.schema import RAW_SOURCES, normalise_column_name

_NAME = re.compile(r"[A-Z0-9_]{1,64}")

STRUCTURAL_REASONS = {
    "MISSING COLUMNS": "jumlah kolom kurang dari judul kolom",
    "TOO MANY COLUMNS": "jumlah kolom lebih dari judul kolom",
    "UNQUOTED VALUE": "tanda kutip tidak berpasangan",
    "LINE SIZE OVER MAXIMUM": "baris terlalu panjang",
    "INVALID UNICODE": "karakter tidak sah (bukan UTF-8)",
}


def read_header(raw: RawFile, path: Path | None = None) -> tuple[list[str], str]:
    """Normalised column names of a file and its delimiter (``,`` or ``;``).

    Only the first line is read, and at most :data:`MAX_LINE_BYTES` of it. Messages never quote the line: in a
    file without a header it is a person's NIK, KK number and name.

    Raises:
        SourceFileError: when the file is empty, not text, has a header line that is too long or has too many
            columns, repeats a column, or misses a required column.
    """
    with (path or raw.path).open("rb") as handle:
        head = handle.read(MAX_LINE_BYTES + 1)
    end = min((i for i in (head.find(b"\n"), head.find(b"\r")) if i >= 0), default=-1)
    if end < 0 and len(head) > MAX_LINE_BYTES:
        raise SourceFileError(
            raw.name,
            f"baris judul kolom terlalu panjang (lebih dari {format_number(MAX_LINE_BYTES)} byte); "
            "bukan berkas CSV data",
        )
    try:
        first = head[: end if end >= 0 else len(head)].decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceFileError(raw.name, "bukan berkas teks UTF-8; simpan ulang sebagai CSV UTF-8") from exc
    if not first.strip():
        raise SourceFileError(raw.name, "berkas kosong atau tanpa baris judul kolom")
    if "\x00" in first:
        raise SourceFileError(raw.name, "berisi karakter NUL: berkas biner, bukan CSV teks")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    if first.count(delimiter) >= MAX_FIELDS:
        raise SourceFileError(raw.name, f"baris judul berisi terlalu banyak kolom (lebih dari {MAX_FIELDS})")
    names = [_safe_name(normalise_column_name(h.strip().strip('"')), i) for i, h in enumerate(first.split(delimiter))]
    duplicated = sorted(name for name, count in Counter(names).items() if count > 1)
    if duplicated:
        raise SourceFileError(raw.name, "judul kolom muncul lebih dari sekali", column=_shown(duplicated[0]))
    source = RAW_SOURCES[raw.sumber]
    missing = [c for c in source.required_columns if c not in names]
    if missing:
        known = sum(1 for n in names if n in source.required_columns)
        raise SourceFileError(
            raw.name,
            f"kolom wajib tidak ada (kurang: {', '.join(missing)}; dari {len(names)} kolom di baris pertama, "
            f"{known} dikenali{_looks_like_data(first)})",
            column=missing[0],
        )
    return names, delimiter


def _safe_name(name: str, index: int) -> str:
    """``name`` when it can be used in SQL as it is (letters, digits, ``_``), else ``KOLOM_<n>``."""
    return name if _NAME.fullmatch(name) else f"KOLOM_{index + 1}"


def _shown(name: str) -> str:
    """A column name safe to show: a known schema name as it is, anything else only by its length."""
    known = {f.name for source in RAW_SOURCES.values() for f in source.fields}
    return name if name in known else f"(nama kolom {len(name)} karakter)"


def _looks_like_data(first: str) -> str:
    """A hint when the first line holds digits of a NIK/KK length: the header is probably missing."""
    return "; baris pertama tampaknya berisi data, bukan judul kolom" if re.search(r"\d{12,}", first) else ""


def count_data_lines(raw: RawFile, path: Path, delimiter: str, columns: int) -> LineCount:
    """Lines of ``path`` holding data (header included), bounding what the CSV reader is given.

    Raises:
        SourceFileError: the file has no data line, or breaks a limit of :func:`count_lines`.
    """
    counted = count_lines(str(path), delimiter, columns, raw.name)
    if counted.lines <= 1:
        raise SourceFileError(raw.name, "tidak ada baris data (hanya judul kolom)")
    return counted


def check_all_read(raw: RawFile, counted: LineCount, read: int) -> None:
    """Check that the reader returned one row per data line of the file.

    Raises:
        SourceFileError: when rows are missing (a stray quote makes the rest of a file one value) or extra.
    """
    expected = counted.lines - 1
    if read == expected:
        return
    where = f" (mulai baris {counted.odd_quote_line})" if counted.odd_quote_line else ""
    raise SourceFileError(
        raw.name,
        f"tidak terbaca sampai akhir: berkas berisi {expected} baris data, yang terbaca {read}. Biasanya karena "
        f'tanda kutip (") yang tidak berpasangan{where} atau ganti baris di dalam satu nilai; perbaiki berkasnya '
        "lalu coba lagi",
    )


def csv_scan_sql(names: list[str], rejects: str) -> str:
    """SQL of a ``read_csv`` over one file (parameters: path, delimiter) with every column as text.

    Malformed lines go to the table ``rejects`` (DuckDB ``store_rejects``) instead of failing the read. Empty
    values are read as empty text and turned into NULL afterwards: read as NULL, the extra empty fields at
    the end of a line would be dropped silently instead of making the line one with too many columns.
    """
    columns = ", ".join(f"'{n}': 'VARCHAR'" for n in names)
    emptied = ", ".join(f'nullif("{n}", \'\') AS "{n}"' for n in names)
    return (
        f"(SELECT {emptied} FROM read_csv(?, header = true, delim = ?, quote = '\"', escape = '\"', "
        f"store_rejects = true, rejects_table = '{rejects}', rejects_scan = '{rejects}_scan', null_padding = false, "
        f"auto_detect = false, nullstr = chr(1) || chr(2), columns = {{{columns}}}))"
    )


def structural_rejects(con: duckdb.DuckDBPyConnection, rejects: str) -> list[tuple[int, str]]:
    """(line, Indonesian reason) of every malformed line DuckDB kept aside, one per line; drops its tables."""
    bad = con.execute(f"SELECT line, min(error_type) FROM {rejects} GROUP BY line ORDER BY line").fetchall()
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
