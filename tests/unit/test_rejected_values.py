"""Rejected values are kept by allow-list: identity numbers and names never reach the marts or the downloads.

Hostile and careless values are planted in the hand-made files (NIKs written with dashes, underscores, slashes
or full-width digits; a NIK in a date, code or desa column; names in code columns of a shifted row), then the
files are imported. None of them may appear in the ``tolak`` table of a file check, in the marts file or in the
Data page's download of rejected rows.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import duckdb
import pytest

from cc_analytics.ingest import run_ingest
from cc_analytics.ingest.check_file import check_file
from cc_analytics.quality import queries as dq
from cc_analytics.quality.display import rejected_rows_csv
from tests.unit.handmade import A, kk, nik, pkh_row, write_handmade_raw

# Sixteen-digit numbers planted in other forms; none of these digit strings may be stored.
SECRET_NIKS = [f"351401130971{n:04d}" for n in range(1, 12)]
NAMES = ["SITI AMINAH", "BUDI SANTOSO", "Rahmat Hidayat"]


def _dashed(number: str, sep: str) -> str:
    return sep.join(number[i : i + 4] for i in range(0, 16, 4))


def _fullwidth(number: str) -> str:
    return "".join(chr(ord(d) - ord("0") + ord("０")) for d in number)


PLANTED_DUKCAPIL = [
    # NIK column written in other forms
    [_dashed(SECRET_NIKS[0], "-"), kk(8), "Satu", "1", "01-01-1990", "ANAK", "35", "14", "01", "2001", "HIDUP", ""],
    [_dashed(SECRET_NIKS[1], "_"), kk(8), "Dua", "1", "01-01-1990", "ANAK", "35", "14", "01", "2001", "HIDUP", ""],
    [
        f"NIK {SECRET_NIKS[2][:6]}/{SECRET_NIKS[2][6:12]}/{SECRET_NIKS[2][12:]}",
        kk(8),
        "Tiga",
        "1",
        "01-01-1990",
        "ANAK",
        "35",
        "14",
        "01",
        "2001",
        "HIDUP",
        "",
    ],
    [_fullwidth(SECRET_NIKS[3]), kk(8), "Empat", "1", "01-01-1990", "ANAK", "35", "14", "01", "2001", "HIDUP", ""],
    # a NIK in other columns (the row's own NIK is valid)
    [nik(40), _dashed(SECRET_NIKS[4], " "), "Lima", "1", "01-01-1990", "ANAK", "35", "14", "01", "2001", "HIDUP", ""],
    [nik(41), kk(8), "Enam", "1", SECRET_NIKS[5], "ANAK", "35", "14", "01", "2001", "HIDUP", ""],
    [nik(42), kk(8), "Tujuh", SECRET_NIKS[6], "01-01-1990", "ANAK", "35", "14", "01", "2001", "HIDUP", ""],
    [nik(43), kk(8), "Delapan", "1", "01-01-1990", "ANAK", "35", "14", "01", SECRET_NIKS[7], "HIDUP", ""],
    # a shifted row: names where codes belong
    [nik(44), kk(8), "Sembilan", NAMES[0], "01-01-1990", "ANAK", "35", "14", "01", "2001", "HIDUP", ""],
    [nik(45), kk(8), "Sepuluh", "2", "01-01-1990", NAMES[1], "35", "14", "01", "2001", "HIDUP", ""],
    [nik(46), kk(8), "Sebelas", "2", "01-01-1990", "ANAK", "35", "14", "01", NAMES[2], "HIDUP", ""],
]

PLANTED_DTSEN = [
    ["F9", kk(9), nik(50), SECRET_NIKS[8], "T", "3514012001"],
    ["F9", kk(9), nik(51), "2", "T", _dashed(SECRET_NIKS[9], "-")],
]

PLANTED_PKH = [
    [*pkh_row(nik(2), 1, A, 2, {}, 100)[:13], _dashed(SECRET_NIKS[10], "-"), "SALUR"],
]


def _write_planted(raw: Path) -> None:
    write_handmade_raw(raw)
    lines = [",".join(_quoted(v) for v in row) for row in PLANTED_DUKCAPIL]
    with (raw / "dukcapil_2025-S1.csv").open("a", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    with (raw / "dtsen_2025-S1.csv").open("a", encoding="utf-8") as handle:
        handle.write("\n".join(",".join(row) for row in PLANTED_DTSEN) + "\n")
    with (raw / "pkh_2025_tahap2.csv").open("a", encoding="utf-8") as handle:
        handle.write("\n".join(",".join(row) for row in PLANTED_PKH) + "\n")


def _quoted(value: str) -> str:
    return f'"{value}"' if "," in value else value


def _leaks(text: str) -> list[str]:
    """The planted secrets found in ``text`` (digits compared after dropping every separator)."""
    folded = unicodedata.normalize("NFKC", text)
    digits = re.sub(r"\D", "", folded)
    found = [n for n in SECRET_NIKS if n in digits or n[:12] in digits]
    found += [name for name in NAMES if name.casefold() in folded.casefold()]
    for name in NAMES:
        found += [part for part in name.split() if re.search(rf"\b{part}\b", folded, re.IGNORECASE)]
    return found


@pytest.fixture(scope="module")
def planted_marts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("planted") / "raw"
    _write_planted(raw)
    marts = tmp_path_factory.mktemp("planted_marts") / "marts.duckdb"
    run_ingest(raw, marts)
    return marts


def _all_text(con: duckdb.DuckDBPyConnection) -> str:
    """Every text value of every table of the marts, one per line."""
    columns = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() "
        "WHERE database_name = current_database() AND NOT internal AND data_type = 'VARCHAR'"
    ).fetchall()
    assert ("ingest_tolak", "nilai") in columns
    parts = []
    for table, column in columns:
        rows = con.execute(f'SELECT DISTINCT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL').fetchall()
        parts += [str(r[0]) for r in rows]
    return "\n".join(parts)


def test_every_planted_row_is_rejected(planted_marts: Path) -> None:
    with duckdb.connect(str(planted_marts), read_only=True) as con:
        rejected = con.execute("SELECT count(*) FROM ingest_tolak").fetchone()[0]
    assert rejected == 7 + len(PLANTED_DUKCAPIL) + len(PLANTED_DTSEN) + len(PLANTED_PKH)


def test_no_planted_value_in_the_marts(planted_marts: Path) -> None:
    with duckdb.connect(str(planted_marts), read_only=True) as con:
        text = _all_text(con)
    assert _leaks(text) == []
    raw_bytes = planted_marts.read_bytes()
    for secret in [*SECRET_NIKS, *NAMES]:
        assert secret.encode() not in raw_bytes


def test_no_planted_value_in_the_download(planted_marts: Path) -> None:
    with duckdb.connect(str(planted_marts), read_only=True) as con:
        for file_name in dq.rejected_files(dq.file_table(con)):
            data = rejected_rows_csv(dq.rejected_rows(con, file_name)).decode("utf-8-sig")
            assert _leaks(data) == [], file_name


def test_useful_values_are_still_shown(planted_marts: Path) -> None:
    with duckdb.connect(str(planted_marts), read_only=True) as con:
        rows = dq.rejected_rows(con, "dukcapil_2025-S1.csv")
    values = rows["nilai"].dropna().tolist()
    assert "************0001" in values  # a repeated, valid NIK: masked to its last four digits
    assert "3.51401E+15" not in values
    shapes = [v for v in values if v.startswith("[")]
    assert "[19 karakter: 16 angka, 3 tanda lain]" in shapes
    assert "[16 karakter: 16 angka]" in shapes  # the full-width NIK
    assert "[11 karakter: 10 huruf, 1 tanda lain]" in shapes  # a name in the sex column


def test_checking_a_file_does_not_echo_planted_values(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw"
    _write_planted(raw)
    check = check_file(raw / "dukcapil_2025-S1.csv")
    assert check.baris_ditolak == 5 + len(PLANTED_DUKCAPIL)
    assert _leaks(check.ditolak.to_csv()) == []


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("NIK", "3514010101800001", "************0001"),
        ("NIK", "3514-0113-0971-0001", "[19 karakter: 16 angka, 3 tanda lain]"),
        ("NIK", "Budi", "[4 karakter: 4 huruf]"),
        ("NIK", "", ""),
        ("NO_KK", "123", "123"),
        ("NAMA_LGKP", "Budi", None),
        ("TGL_LHR", "31-02-2020", "31-02-2020"),
        ("TGL_LHR", "3514011309710001", "[16 karakter: 16 angka]"),
        ("JENIS_KLMIN", "3", "3"),
        ("JENIS_KLMIN", "SITI", "[4 karakter: 4 huruf]"),
        ("NO_KEL", "9999", "9999"),
        ("NO_KEL", "35.14.01.9999", "35.14.01.9999"),
        ("KODE_DESA", "3514019999", "3514019999"),
        ("KODE_DESA", "35.14.01.2001.7", "[15 karakter: 11 angka, 4 tanda lain]"),
        ("DESIL", "11", "11"),
        ("NOMINAL", "-1.500", "-1.500"),
        ("NOMINAL", "=1+2", "[4 karakter: 2 angka, 2 tanda lain]"),
        ("STATUS_BAYAR", "X", "X"),
        ("KOLOM_LAIN", "abc", "[3 karakter: 3 huruf]"),
    ],
)
def test_shown_value_by_column(column: str, value: str, expected: str | None) -> None:
    from cc_analytics.ingest.shown import shown_value_sql

    with duckdb.connect() as con:
        got = con.execute(f"SELECT {shown_value_sql(column, 'v')} FROM (SELECT ? AS v)", [value]).fetchone()[0]
    assert got == expected


def test_every_raw_field_declares_what_may_be_shown() -> None:
    from cc_analytics.schema import RAW_SOURCES, shown_rule

    for source in RAW_SOURCES.values():
        for field in source.fields:
            assert shown_rule(field) is not None, field.name


def test_values_stored_by_older_marts_are_checked_again(planted_marts: Path, tmp_path: Path) -> None:
    """Marts built before the allow-list kept such values; reading them back shows only their shape."""
    older = tmp_path / "older.duckdb"
    older.write_bytes(planted_marts.read_bytes())
    leaked = [
        ("NIK", _dashed(SECRET_NIKS[0], "-")),
        ("JENIS_KLMIN", NAMES[0]),
        ("STAT_HBKEL", NAMES[1]),
        ("NO_KEL", "*********Rahm"),
        ("NAMA_LGKP", NAMES[2]),
        (None, SECRET_NIKS[1]),
    ]
    with duckdb.connect(str(older)) as con:
        for line, (kolom, nilai) in enumerate(leaked, start=100):
            con.execute(
                "INSERT INTO ingest_tolak VALUES ('dukcapil_2025-S1.csv', 'dukcapil', ?, ?, 'lama', ?)",
                [line, kolom, nilai],
            )
    with duckdb.connect(str(older), read_only=True) as con:
        rows = dq.rejected_rows(con, "dukcapil_2025-S1.csv")
    assert _leaks(rejected_rows_csv(rows).decode("utf-8-sig")) == []
    assert "Rahm" not in rows["nilai"].fillna("").tolist()
    fresh = rows[rows["nomor_baris"] < 100]
    with duckdb.connect(str(planted_marts), read_only=True) as con:
        stored = con.execute(
            "SELECT nilai FROM ingest_tolak WHERE file_name = 'dukcapil_2025-S1.csv' ORDER BY nomor_baris"
        ).fetchall()
    # what the allow-list wrote passes unchanged
    assert sorted(fresh["nilai"].fillna("").tolist()) == sorted(r[0] or "" for r in stored)
