"""Applying a :class:`~cc_analytics.sources.common.Rule` to a raw file.

Accepted rows go to a typed temp table; rejected rows go to the ``tolak`` temp table with the file line,
the column, the reason and what its column allows to show of the offending value
(:mod:`cc_analytics.ingest.shown`: never a name, a NIK only masked to its last four digits).
Every data row of the file ends in exactly one of the two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from cc_analytics.errors import SourceFileError
from cc_analytics.ingest.files import RawFile
from cc_analytics.ingest.reading import (
    check_all_read,
    count_data_lines,
    create_line_index,
    csv_scan_sql,
    read_header,
    structural_rejects,
)
from cc_analytics.ingest.shown import shown_value_sql
from cc_analytics.sources.common import TOTAL_ROW_REASON, TOTAL_ROW_SQL, Rule

TOLAK_DDL = """
CREATE TABLE IF NOT EXISTS tolak (
    file_name VARCHAR, sumber VARCHAR, nomor_baris BIGINT, kolom VARCHAR, alasan VARCHAR, nilai VARCHAR
)
"""

# Parsed NIK and KK numbers are stored as 64-bit integers (16 digits, never a leading zero): joins and
# grouping on them are several times faster than on text.
IDENTIFIERS = ("nik", "no_kk")


@dataclass(frozen=True)
class Validated:
    """Accounting of one file; ``shift`` is its line-index table and ``base`` its first rowid (for lines)."""

    table: str
    accepted: int
    rejected: int
    shift: str
    base: int
    read: int


def _parsed_names(sql: str, rule: Rule) -> str:
    """Rename the rule's parsed columns (lower case) to their internal ``v_`` names, outside string literals."""
    pieces = re.split(r"('(?:[^']|'')*')", sql)
    for index in range(0, len(pieces), 2):
        for name in sorted(rule.parsed, key=len, reverse=True):
            pieces[index] = re.sub(rf"(?<![A-Za-z0-9_]){name}(?![A-Za-z0-9_])", f"v_{name}", pieces[index])
    return "".join(pieces)


def _fill(sql: str, raw: RawFile) -> str:
    return (
        sql.replace("{as_of}", raw.tanggal_data.isoformat() if raw.tanggal_data else "9999-12-31")
        .replace("{tahun}", str(raw.tahun or 0))
        .replace("{tahap}", str(raw.tahap or 0))
    )


def _fail_sql(rule: Rule, raw: RawFile) -> str:
    """SQL: the 1-based index of the first check done while reading (not a lookup) a row fails, else NULL."""
    parts = [
        f"WHEN coalesce(({_parsed_names(_fill(check.bad, raw), rule)}), false) THEN {index}"
        for index, check in enumerate(rule.checks, start=1)
        if not check.lookup
    ]
    return "CASE " + " ".join(parts) + " END" if parts else "CAST(NULL AS INTEGER)"


def _by_failure(rule: Rule, raw: RawFile, pick: str) -> str:
    """SQL: the column, reason or masked raw value of the failed check ``_fail``."""
    parts = []
    for index, check in enumerate(rule.checks, start=1):
        if check.lookup:
            continue
        if pick == "column":
            value = f"'{check.column}'"
        elif pick == "reason":
            value = _parsed_names(_fill(check.reason, raw), rule)
        else:
            value = shown_value_sql(check.column, check.column)
        parts.append(f"WHEN {index} THEN {value}")
    by_check = "CASE _fail " + " ".join(parts) + " END" if parts else "CAST(NULL AS VARCHAR)"
    if pick == "value":
        return by_check
    # A spreadsheet's trailing total row fails some check; say what it is instead (only failed rows pay this).
    first = rule.checks[0].column
    total = TOTAL_ROW_SQL.format(column=first)
    label = f"'{first}'" if pick == "column" else f"'{TOTAL_ROW_REASON}'"
    return f"CASE WHEN _fail IS NULL THEN NULL WHEN {total} THEN {label} ELSE {by_check} END"


def first_pass_sql(rule: Rule, raw: RawFile, names: list[str], rejects: str, file_idx: int = 0) -> str:
    """SQL (parameters: path, delimiter) of the pass that reads a file, parses it and runs the non-lookup checks.

    It has no join, so DuckDB keeps the rows in file order and a row's rowid gives its line.
    """
    parsed = ", ".join(f"({_fill(sql, raw)}) AS v_{name}" for name, sql in rule.parsed.items())
    typed = ", ".join(
        f"CAST(v_{name} AS UBIGINT) AS v_{name}" if name in IDENTIFIERS else f"v_{name}" for name in rule.kept
    )
    return f"""
        WITH p AS (SELECT *, {parsed} FROM {csv_scan_sql(names, rejects)}),
             q AS (SELECT *, {_fail_sql(rule, raw)} AS _fail FROM p)
        SELECT {typed}, CAST({file_idx} AS INTEGER) AS _file_idx, _fail,
               {_by_failure(rule, raw, "column")} AS _kolom, {_by_failure(rule, raw, "reason")} AS _alasan,
               {_by_failure(rule, raw, "value")} AS _nilai
        FROM q
        """


def read_and_validate(
    con: duckdb.DuckDBPyConnection, raw: RawFile, path: Path, rule: Rule, out: str, file_idx: int = 0
) -> Validated:
    """Read one file and split it into the typed table ``out`` and rejected rows appended to ``tolak``.

    One pass reads the CSV, parses every column and finds the first failed check of each row (its column,
    reason and masked value are computed for failed rows only); the lookup checks then run on the stored
    rows, rows repeating the rule's ``unique_key`` are marked, the failed rows copied to ``tolak`` and deleted
    from ``out``. ``out`` keeps file order.

    Args:
        con: connection holding the ``ref_*`` lookup tables and ``tolak``.
        raw: the file (name, dates) the rows come from.
        path: what to read (``raw.path`` or its converted copy).
        rule: the source's rule.
        out: name of the temp table of accepted rows: the rule's parsed columns, ``_file_idx`` and internal
            columns that are NULL for accepted rows.
        file_idx: position of the file within its period's group.

    Returns:
        Counts of rows read, accepted and rejected (structural rejects included).

    Raises:
        SourceFileError: when the file cannot be read as CSV at all or to its end, has no data line, breaks a
            limit of :func:`~cc_analytics.ingest.line_scan.count_lines`, or misses a required column.
    """
    names, delimiter = read_header(raw, path)
    counted = count_data_lines(raw, path, delimiter, len(names))
    rejects = f"{out}_rejects"
    try:
        con.execute(
            f"CREATE OR REPLACE TABLE {out} AS {first_pass_sql(rule, raw, names, rejects, file_idx)}",
            [str(path), delimiter],
        )
    except duckdb.OutOfMemoryException as exc:
        raise SourceFileError(raw.name, "memori tidak cukup untuk membaca berkas ini; coba lagi nanti") from exc
    except duckdb.Error as exc:  # the reader's message may quote a line of the file: not shown
        raise SourceFileError(raw.name, "tidak dapat dibaca sebagai CSV (struktur berkas rusak)") from exc
    structural = structural_rejects(con, rejects)
    # rowids of tables created inside a transaction start at a large offset: lines count from the first row.
    base = con.execute(f"SELECT coalesce(min(rowid), 0) FROM {out}").fetchone()[0]
    _apply_lookups(con, out, rule, raw)
    if rule.unique_key:
        _mark_repeats(con, out, rule)
    shift = create_line_index(con, f"{out}_shift", structural)
    con.execute(
        f"""
        INSERT INTO tolak
        SELECT ?, ?, {line_sql(shift, base, f"{out}.rowid")}, _kolom, _alasan, _nilai
        FROM {out} WHERE _fail IS NOT NULL ORDER BY rowid
        """,
        [raw.name, raw.sumber],
    )
    rejected_valid = con.execute(f"SELECT count(*) FROM {out} WHERE _fail IS NOT NULL").fetchone()[0]
    if rejected_valid:
        con.execute(f"DELETE FROM {out} WHERE _fail IS NOT NULL")
    for name in rule.kept:
        con.execute(f"ALTER TABLE {out} RENAME COLUMN v_{name} TO {name}")
    if structural:
        lines, reasons = zip(*structural, strict=True)
        con.execute(
            "INSERT INTO tolak SELECT ?, ?, unnest(CAST(? AS BIGINT[])), NULL, unnest(CAST(? AS VARCHAR[])), NULL",
            [raw.name, raw.sumber, list(lines), list(reasons)],
        )
    accepted = con.execute(f"SELECT count(*) FROM {out}").fetchone()[0]
    rejected = int(rejected_valid) + len(structural)
    check_all_read(raw, counted, int(accepted) + rejected)
    return Validated(out, int(accepted), rejected, shift, int(base), int(accepted) + rejected)


def _apply_lookups(con: duckdb.DuckDBPyConnection, out: str, rule: Rule, raw: RawFile) -> None:
    """Run the rule's lookup checks on the stored rows: a failing row gets the check when it comes before the
    row's first failed check so far (an update keeps every row's rowid, hence its line)."""
    for index, check in enumerate(rule.checks, start=1):
        if not check.lookup:
            continue
        value = shown_value_sql(check.column, _parsed_names(check.value or "NULL", rule))
        con.execute(
            f"""
            UPDATE {out} SET _fail = {index}, _kolom = ?, _alasan = {_parsed_names(_fill(check.reason, raw), rule)},
                   _nilai = {value}
            WHERE (_fail IS NULL OR _fail > {index}) AND coalesce(({_parsed_names(_fill(check.bad, raw), rule)}), false)
            """,
            [check.column],
        )


def _mark_repeats(con: duckdb.DuckDBPyConnection, out: str, rule: Rule) -> None:
    """Mark accepted rows whose ``unique_key`` already appeared earlier in the file as rejected.

    The repeated keys are found with one grouping; only their rows are then ranked by file order.
    """
    key = _parsed_names(rule.unique_key or "", rule)
    value = shown_value_sql(rule.cross_file_column, _parsed_names(rule.cross_file_value, rule))
    con.execute(
        f"""
        UPDATE {out} SET _fail = {len(rule.checks) + 1}, _kolom = ?, _alasan = ?, _nilai = {value}
        WHERE rowid IN (
            SELECT rowid FROM (
                SELECT rowid, row_number() OVER (PARTITION BY ({key}) ORDER BY rowid) AS n
                FROM {out}
                WHERE _fail IS NULL
                  AND ({key}) IN (SELECT ({key}) FROM {out} WHERE _fail IS NULL GROUP BY ALL HAVING count(*) > 1)
            ) WHERE n > 1
        )
        """,
        [rule.cross_file_column, rule.unique_reason],
    )


def line_sql(shift: str, base: int, row: str = "_row") -> str:
    """SQL: the file line of the row whose rowid is ``row`` (header = line 1), given the file's line-index
    table and its first rowid."""
    return f"{row} - {base} + 2 + (SELECT count(*) FROM {shift} WHERE t <= {row} - {base})"


def reject_cross_file_duplicates(
    con: duckdb.DuckDBPyConnection, out: str, raws: list[RawFile], parts: list[Validated], rule: Rule
) -> list[int]:
    """Union the per-file tables of one period into ``out``, rejecting rows already seen in an earlier file.

    Returns:
        How many rows of each file were moved to ``tolak``.
    """
    con.execute(f"DROP TABLE IF EXISTS {out}")
    if len(parts) == 1:
        con.execute(f"ALTER TABLE {parts[0].table} RENAME TO {out}")
    else:
        union = " UNION ALL ".join(f"SELECT *, rowid - {part.base} AS _row FROM {part.table}" for part in parts)
        con.execute(f"CREATE TABLE {out} AS {union}")
        for part in parts:
            con.execute(f"DROP TABLE {part.table}")
    moved = [0] * len(raws)
    key = rule.duplicate_key
    if key is None or len(raws) < 2:
        return moved
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _xdup AS
        SELECT _file_idx, _row, first_file, {rule.cross_file_value} AS value
        FROM (SELECT *, min(_file_idx) OVER (PARTITION BY ({key})) AS first_file FROM {out})
        WHERE _file_idx > first_file
        """
    )
    names = {i: raw.name for i, raw in enumerate(raws)}
    first_name = "CASE first_file " + " ".join(f"WHEN {i} THEN '{n}'" for i, n in names.items()) + " END"
    shown = shown_value_sql(rule.cross_file_column, "value")
    for index, raw in enumerate(raws):
        con.execute(
            f"""
            INSERT INTO tolak
            SELECT ?, ?, {line_sql(parts[index].shift, 0)}, ?,
                   'baris ganda: sudah ada di berkas ' || {first_name}, {shown}
            FROM _xdup WHERE _file_idx = ?
            """,
            [raw.name, raw.sumber, rule.cross_file_column, index],
        )
        moved[index] = con.execute("SELECT count(*) FROM _xdup WHERE _file_idx = ?", [index]).fetchone()[0]
    con.execute(f"DELETE FROM {out} WHERE (_file_idx, _row) IN (SELECT (_file_idx, _row) FROM _xdup)")
    con.execute("DROP TABLE _xdup")
    return moved
