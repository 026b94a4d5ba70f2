"""Rejected rows keep their true file line on large files read by several threads.

Line numbers come from the order in which rows are stored, so the pass that reads a file must keep file
order: DuckDB keeps it for scans and projections but not through joins, which is why reference lookups run
after the rows are stored. A file of several CSV buffers read with two threads shows it; the plans of every
source's first pass are checked to have no join at all.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from cc_analytics.ingest import aggregate
from cc_analytics.ingest.files import RawFile, discover
from cc_analytics.ingest.reading import read_header
from cc_analytics.ingest.validate import TOLAK_DDL, first_pass_sql, read_and_validate
from cc_analytics.periods import parse_periode
from cc_analytics.schema import RAW_SOURCES
from cc_analytics.sources import RULES
from cc_analytics.wilayah import load_wilayah
from tests.unit.handmade import DUKCAPIL_ROWS

ROWS = 600_000
# Row i (0-based; file line i + 2) is broken when i is a multiple of one of these, in this order of checks.
SHORT_NIK, UNKNOWN_PREFIX, UNKNOWN_DESA = 997, 1009, 1013


def _write_dukcapil(path: Path) -> None:
    """A Dukcapil extract of ROWS people (about 50 MB) with three kinds of broken rows at known lines."""
    nik = (
        "'351401' || lpad(CAST(i % 28 + 1 AS VARCHAR), 2, '0') || lpad(CAST(i // 28 % 12 + 1 AS VARCHAR), 2, '0') "
        "|| lpad(CAST(i // 336 % 100 AS VARCHAR), 2, '0') || lpad(CAST(i // 33600 AS VARCHAR), 4, '0')"
    )
    duckdb.execute(
        f"""
        COPY (
            SELECT CASE WHEN i % {SHORT_NIK} = 0 THEN substr({nik}, 2)
                        WHEN i % {UNKNOWN_PREFIX} = 0 THEN '990101' || substr({nik}, 7)
                        ELSE {nik} END AS NIK,
                   '3514010101200001' AS NO_KK, 'WARGA' AS NAMA_LGKP, 'LAKI-LAKI' AS JENIS_KLMIN,
                   '01-01-1990' AS TGL_LHR, 'KEPALA KELUARGA' AS STAT_HBKEL, '35' AS NO_PROP, '14' AS NO_KAB,
                   CASE WHEN i % {UNKNOWN_DESA} = 0 THEN '99' ELSE '01' END AS NO_KEC, '2001' AS NO_KEL,
                   'HIDUP' AS STAT_HIDUP, '' AS TGL_MATI
            FROM range({ROWS}) AS r(i)
        ) TO '{path}' (HEADER, DELIMITER ',')
        """
    )


def _expected_rejects() -> dict[int, str]:
    expected = {}
    for i in range(ROWS):
        if i % SHORT_NIK == 0:
            expected[i + 2] = "NIK harus 16 digit"
        elif i % UNKNOWN_PREFIX == 0:
            expected[i + 2] = "awalan wilayah NIK (990101)"
        elif i % UNKNOWN_DESA == 0:
            expected[i + 2] = "kode desa/kelurahan tidak ada dalam referensi"
    return expected


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(config={"threads": 2, "preserve_insertion_order": True})
    connection.execute("ATTACH ':memory:' AS mart")
    aggregate.create_mart_tables(connection)
    aggregate.load_reference(connection, load_wilayah())
    connection.execute(TOLAK_DDL)
    yield connection
    connection.close()


def test_rejected_rows_of_a_large_file_carry_their_own_line(tmp_path, con):
    path = tmp_path / "dukcapil_2025-S1.csv"
    _write_dukcapil(path)
    raw = RawFile(path, "dukcapil", parse_periode("2025-S1"), date(2025, 6, 30))

    counted = read_and_validate(con, raw, path, RULES["dukcapil"], "dk")

    expected = _expected_rejects()
    found = dict(con.execute("SELECT nomor_baris, alasan FROM tolak").fetchall())
    assert counted.read == ROWS
    assert counted.rejected == len(expected) == len(found)
    assert set(found) == set(expected)
    wrong = {line: (found[line], expected[line]) for line in expected if not found[line].startswith(expected[line])}
    assert wrong == {}


@pytest.mark.parametrize("sumber", sorted(RULES))
def test_the_reading_pass_has_no_join(sumber, con, demo_raw_dir):
    raw = next(f for f in discover(demo_raw_dir) if f.sumber == sumber)
    names, delimiter = read_header(raw)
    plan = con.execute(
        "EXPLAIN " + first_pass_sql(RULES[sumber], raw, names, "plan_rejects"), [str(raw.path), delimiter]
    ).fetchall()
    assert "JOIN" not in plan[0][1].upper()
    assert set(RAW_SOURCES[sumber].required_columns) <= set(names)


def test_rows_after_a_malformed_line_keep_their_own_line(tmp_path, con):
    """A short line is rejected where it is, and every rejected row after it keeps its own line."""
    path = tmp_path / "dukcapil_2025-S1.csv"
    lines = [
        ",".join(f.name for f in RAW_SOURCES["dukcapil"].fields),
        *(",".join(row) for row in DUKCAPIL_ROWS[:2]),  # lines 2-3
        "1,2,3",  # line 4: too few fields
        ",".join(DUKCAPIL_ROWS[11]),  # line 5: NIK in scientific notation
        *(",".join(row) for row in DUKCAPIL_ROWS[2:4]),  # lines 6-7
        "a,b",  # line 8: too few fields
        ",".join(DUKCAPIL_ROWS[12]),  # line 9: 31 February
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    raw = RawFile(path, "dukcapil", parse_periode("2025-S1"), date(2025, 6, 30))

    read_and_validate(con, raw, path, RULES["dukcapil"], "dk")

    found = con.execute("SELECT nomor_baris, coalesce(kolom, '-') FROM tolak ORDER BY 1").fetchall()
    assert found == [(4, "-"), (5, "NIK"), (8, "-"), (9, "TGL_LHR")]
