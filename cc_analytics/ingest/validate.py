"""Applying a :class:`~cc_analytics.sources.common.Rule` to a staged file.

Accepted rows go to a typed temp table; rejected rows go to the ``tolak`` temp table with the file line,
the column, the reason and the offending value (a NIK-like value masked to its last four digits).
Every staged row ends in exactly one of the two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb

from cc_analytics.ingest.files import RawFile
from cc_analytics.ingest.reading import StagedFile, create_line_index
from cc_analytics.sources.common import Rule

TOLAK_DDL = """
CREATE TEMP TABLE IF NOT EXISTS tolak (
    file_name VARCHAR, sumber VARCHAR, nomor_baris BIGINT, kolom VARCHAR, alasan VARCHAR, nilai VARCHAR
)
"""

# Digits-only values of 8 or more characters might be (parts of) a NIK or KK number: mask them.
MASK_SQL = (
    "CASE WHEN regexp_matches(coalesce({v}, ''), '[0-9][0-9.,Ee+ ]{{6,}}') "
    "THEN repeat('*', greatest(length({v}) - 4, 0)) || right({v}, 4) ELSE left({v}, 60) END"
)


@dataclass(frozen=True)
class Validated:
    """Accounting of one validated file; ``shift`` is its line-index table (see ``create_line_index``)."""

    table: str
    accepted: int
    rejected: int
    shift: str


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


def _case(rule: Rule, raw: RawFile, pick: str) -> str:
    parts = []
    for check in rule.checks:
        value = f"'{check.column}'" if pick == "column" else _parsed_names(_fill(check.reason, raw), rule)
        parts.append(f"WHEN coalesce(({_parsed_names(_fill(check.bad, raw), rule)}), false) THEN {value}")
    if rule.unique_key:
        value = f"'{rule.checks[0].column}'" if pick == "column" else f"'{rule.unique_reason}'"
        parts.append(f"WHEN _dup > 1 THEN {value}")
    return "CASE " + " ".join(parts) + " END"


def _raw_value_sql(rule: Rule) -> str:
    columns = sorted({c.column for c in rule.checks})
    cases = " ".join(f"WHEN '{c}' THEN {MASK_SQL.format(v=c)}" for c in columns)
    return f"CASE _kolom {cases} END"


def validate(
    con: duckdb.DuckDBPyConnection, staged: StagedFile, raw: RawFile, rule: Rule, out: str, file_idx: int = 0
) -> Validated:
    """Split ``staged`` into the typed table ``out`` and rejected rows appended to ``tolak``.

    Args:
        con: connection holding the staging table, ``ref_desa`` and ``ref_kecamatan``.
        staged: the staged file.
        raw: the file (name, dates) the rows came from.
        rule: the source's rule.
        out: name of the temp table of accepted rows (columns: the rule's parsed columns, plus ``_file_idx``
            and ``_row``, the staging row, for tracing a row back to its file line).
        file_idx: position of the file within its period's group (see ``_file_idx``).

    Returns:
        Counts of accepted and rejected rows (structural rejects included).
    """
    con.execute(TOLAK_DDL)
    parsed = ", ".join(f"({_fill(sql, raw)}) AS v_{name}" for name, sql in rule.parsed.items())
    dup = (
        f"row_number() OVER (PARTITION BY ({_parsed_names(rule.unique_key, rule)}) ORDER BY _row)"
        if rule.unique_key
        else "CAST(1 AS BIGINT)"
    )
    raw_columns = sorted({c.column for c in rule.checks})
    keep = ", ".join(raw_columns)
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _checked AS
        WITH p AS (SELECT rowid AS _row, {keep}, {parsed} FROM {staged.table}),
             d AS (SELECT *, {dup} AS _dup FROM p)
        SELECT *, {_case(rule, raw, "column")} AS _kolom, {_case(rule, raw, "reason")} AS _alasan FROM d
        """
    )
    names = ", ".join(f"v_{name} AS {name}" for name in rule.parsed)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {out} AS SELECT {names}, {file_idx} AS _file_idx, _row "
        "FROM _checked WHERE _alasan IS NULL"
    )
    shift = create_line_index(con, staged)
    con.execute(
        f"""
        INSERT INTO tolak
        SELECT ?, ?, _row + 2 + (SELECT count(*) FROM {shift} WHERE t <= _row), _kolom, _alasan,
               {_raw_value_sql(rule)}
        FROM _checked WHERE _alasan IS NOT NULL
        """,
        [raw.name, raw.sumber],
    )
    if staged.structural_rejects:
        lines, reasons = zip(*staged.structural_rejects, strict=True)
        con.execute(
            "INSERT INTO tolak SELECT ?, ?, unnest(CAST(? AS BIGINT[])), NULL, unnest(CAST(? AS VARCHAR[])), NULL",
            [raw.name, raw.sumber, list(lines), list(reasons)],
        )
    accepted = con.execute(f"SELECT count(*) FROM {out}").fetchone()[0]
    rejected_valid = con.execute("SELECT count(*) FROM _checked WHERE _alasan IS NOT NULL").fetchone()[0]
    con.execute("DROP TABLE _checked")
    con.execute(f"DROP TABLE {staged.table}")
    return Validated(out, int(accepted), int(rejected_valid) + len(staged.structural_rejects), shift)


def reject_cross_file_duplicates(
    con: duckdb.DuckDBPyConnection, out: str, raws: list[RawFile], parts: list[Validated], rule: Rule
) -> list[int]:
    """Union the per-file tables of one period into ``out``, rejecting rows already seen in an earlier file.

    Returns:
        How many rows of each file were moved to ``tolak``.
    """
    union = " UNION ALL ".join(f"SELECT * FROM {part.table}" for part in parts)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {out} AS {union}")
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
    for index, raw in enumerate(raws):
        con.execute(
            f"""
            INSERT INTO tolak
            SELECT ?, ?, _row + 2 + (SELECT count(*) FROM {parts[index].shift} WHERE t <= _row), ?,
                   'baris ganda: sudah ada di berkas ' || {first_name}, {MASK_SQL.format(v="value")}
            FROM _xdup WHERE _file_idx = ?
            """,
            [raw.name, raw.sumber, rule.cross_file_column, index],
        )
        moved[index] = con.execute("SELECT count(*) FROM _xdup WHERE _file_idx = ?", [index]).fetchone()[0]
    con.execute(f"DELETE FROM {out} WHERE (_file_idx, _row) IN (SELECT (_file_idx, _row) FROM _xdup)")
    con.execute("DROP TABLE _xdup")
    return moved
