"""Briefing numbers on a hand-made marts file whose answers are worked out by hand below.

The marts (schema.MARTS) hold two semesters of 2025 for four desa in three kecamatan:

| desa (kecamatan)              | penduduk S1 → S2 | KK S1 → S2 | desil 1–4 | PKH-covered S1 → S2 |
|-------------------------------|------------------|------------|-----------|---------------------|
| Gerbo (Purwodadi)             | 250 → 260        | 100 → 100  | 40+20=60  | 20 → 24             |
| Dawuhansengon (Purwodadi)     | 250 → 255        |  80 →  80  | 20        |  8 → 10             |
| Ngadirejo (Tutur)             | 500 → 500        | 220 → 210  | 110       | 48 → 52             |
| Puspo desa (Puspo)            |   0 →   0        |   0 →   0  | 10        |  4 →  4             |

Totals S2 vs S1: penduduk 1.015 vs 1.000 (+1,5%); KK 390 vs 400 (−2,5%); desil 1–4 200 vs 200 (same DTSEN
snapshot, 30 June 2025); KPM PKH last tahap: tahap 4 = 110 vs tahap 2 = 100 (+10%); cakupan 90/200 = 45% vs
80/200 = 40% (+5 points); temuan kualitas 30 vs 40 (−25%).
Gaps S2: Tutur 110 − 52 = 58 (52,7%); Purwodadi 80 − 34 = 46; Puspo 10 − 4 = 6, where 4 < 5 is small.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from cc_analytics import briefing
from cc_analytics.briefing import gaps
from cc_analytics.errors import DataNotFoundError
from cc_analytics.schema import MARTS
from cc_analytics.store import provenance

SQL_TYPES = {"text": "VARCHAR", "code": "VARCHAR", "int": "BIGINT", "date": "DATE"}

GERBO, DAWUHAN, NGADIREJO, PUSPO_DESA = "35.14.01.2001", "35.14.01.2002", "35.14.02.2001", "35.14.03.2001"
S1, S2 = "2025-S1", "2025-S2"

# Columns given per table (by name, so columns added to schema.MARTS later are simply left empty).
COLUMNS: dict[str, tuple[str, ...]] = {
    "wilayah": ("kode_wilayah", "nama", "level", "kode_induk", "kode_kecamatan", "slug"),
    "periode": ("periode", "tanggal_akhir"),
    "penduduk": ("periode", "kode_desa", "jenis_kelamin", "kelompok_umur", "jumlah_penduduk"),
    "keluarga": ("periode", "kode_desa", "jumlah_kk"),
    "dtsen_desil": ("periode", "tanggal_dtsen", "kode_desa", "desil", "jumlah_keluarga", "jumlah_jiwa"),
    "pkh_kpm": ("periode", "tahun", "tahap", "kode_desa", "jumlah_kpm", "nominal_rp"),
    "cakupan": ("periode", "kode_desa", "keluarga_desil_1_4", "keluarga_desil_1_4_pkh"),
    "kualitas": ("periode", "kode_desa", "sumber", "kode_masalah", "jumlah"),
    "ingest_log": (
        "file_name",
        "sumber",
        "periode",
        "sha256",
        "tanggal_data",
        "baris_dibaca",
        "baris_diterima",
        "baris_ditolak",
    ),
    "meta": ("key", "value"),
}

ROWS: dict[str, list[tuple[object, ...]]] = {
    "wilayah": [
        ("35.14", "Kabupaten Pasuruan", "kabupaten", "35", None, "kabupaten-pasuruan"),
        ("35.14.01", "Purwodadi", "kecamatan", "35.14", "35.14.01", "purwodadi"),
        ("35.14.02", "Tutur", "kecamatan", "35.14", "35.14.02", "tutur"),
        ("35.14.03", "Puspo", "kecamatan", "35.14", "35.14.03", "puspo"),
        (GERBO, "Gerbo", "desa", "35.14.01", "35.14.01", "gerbo"),
        (DAWUHAN, "Dawuhansengon", "desa", "35.14.01", "35.14.01", "dawuhansengon"),
        (NGADIREJO, "Ngadirejo", "desa", "35.14.02", "35.14.02", "ngadirejo"),
        (PUSPO_DESA, "Puspo", "desa", "35.14.03", "35.14.03", "puspo"),
    ],
    "periode": [(S1, date(2025, 6, 30)), (S2, date(2025, 12, 31))],
    "penduduk": [
        (S1, GERBO, "L", "00-04", 100),
        (S1, GERBO, "P", "00-04", 150),
        (S1, DAWUHAN, "L", "20-24", 250),
        (S1, NGADIREJO, "P", "75+", 500),
        (S2, GERBO, "L", "00-04", 110),
        (S2, GERBO, "P", "00-04", 150),
        (S2, DAWUHAN, "L", "20-24", 255),
        (S2, NGADIREJO, "P", "75+", 500),
    ],
    "keluarga": [
        (S1, GERBO, 100),
        (S1, DAWUHAN, 80),
        (S1, NGADIREJO, 220),
        (S2, GERBO, 100),
        (S2, DAWUHAN, 80),
        (S2, NGADIREJO, 210),
    ],
    "dtsen_desil": [
        (p, date(2025, 6, 30), desa, desil, keluarga, keluarga * 4)
        for p in (S1, S2)
        for desa, desil, keluarga in (
            (GERBO, 1, 40),
            (GERBO, 3, 20),
            (GERBO, 5, 30),
            (DAWUHAN, 2, 20),
            (NGADIREJO, 4, 110),
            (PUSPO_DESA, 1, 10),
        )
    ],
    "pkh_kpm": [
        (S1, 2025, 1, GERBO, 30, 30 * 750_000),
        (S1, 2025, 1, NGADIREJO, 60, 60 * 750_000),
        (S1, 2025, 2, GERBO, 28, 28 * 750_000),
        (S1, 2025, 2, DAWUHAN, 10, 10 * 750_000),
        (S1, 2025, 2, NGADIREJO, 62, 62 * 750_000),
        (S2, 2025, 3, GERBO, 50, 50 * 750_000),
        (S2, 2025, 4, GERBO, 30, 30 * 750_000),
        (S2, 2025, 4, DAWUHAN, 15, 15 * 750_000),
        (S2, 2025, 4, NGADIREJO, 65, 65 * 750_000),
    ],
    "cakupan": [
        (S1, GERBO, 60, 20),
        (S1, DAWUHAN, 20, 8),
        (S1, NGADIREJO, 110, 48),
        (S1, PUSPO_DESA, 10, 4),
        (S2, GERBO, 60, 24),
        (S2, DAWUHAN, 20, 10),
        (S2, NGADIREJO, 110, 52),
        (S2, PUSPO_DESA, 10, 4),
    ],
    "kualitas": [
        (S1, GERBO, "dtsen", "dtsen_meninggal", 10),
        (S1, NGADIREJO, "pkh", "pkh_nik_ganda", 30),
        (S2, GERBO, "dtsen", "dtsen_meninggal", 20),
        (S2, NGADIREJO, "pkh", "pkh_nik_ganda", 10),
    ],
    "ingest_log": [
        ("dukcapil_2025-S1.csv", "dukcapil", S1, "a" * 64, date(2025, 6, 30), 10, 10, 0),
        ("dukcapil_2025-S2.csv", "dukcapil", S2, "b" * 64, date(2025, 12, 31), 10, 10, 0),
        ("dtsen_2025-S1.csv", "dtsen", "2025", "c" * 64, date(2025, 6, 30), 10, 10, 0),
        ("pkh_2025_tahap1.csv", "pkh", "2025 tahap 1", "d" * 64, date(2025, 3, 15), 10, 10, 0),
        ("pkh_2025_tahap2.csv", "pkh", "2025 tahap 2", "e" * 64, date(2025, 6, 15), 10, 10, 0),
        ("pkh_2025_tahap3.csv", "pkh", "2025 tahap 3", "f" * 64, date(2025, 9, 15), 10, 10, 0),
        ("pkh_2025_tahap4.csv", "pkh", "2025 tahap 4", "0" * 64, date(2025, 12, 15), 10, 10, 0),
    ],
    "meta": [("dataset_kind", "demo"), ("latest_periode", S2), ("built_at", "2026-01-05T08:00:00Z")],
}


def write_marts(path: Path, rows: dict[str, list[tuple[object, ...]]]) -> Path:
    """Create every table of schema.MARTS in a new DuckDB file and insert ``rows`` (columns per COLUMNS)."""
    with duckdb.connect(str(path)) as con:
        for table, fields in MARTS.items():
            con.execute(f"CREATE TABLE {table} ({', '.join(f'{f.name} {SQL_TYPES[f.dtype]}' for f in fields)})")
            if rows.get(table):
                names = COLUMNS[table]
                marks = ", ".join("?" * len(names))
                con.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", rows[table])
    return path


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    path = write_marts(tmp_path_factory.mktemp("marts") / "marts.duckdb", ROWS)
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()


def test_list_periodes(con: duckdb.DuckDBPyConnection) -> None:
    assert briefing.list_periodes(con) == [S1, S2]


@pytest.mark.parametrize(
    ("key", "value", "previous", "change"),
    [
        ("penduduk", 1015, 1000, 0.015),
        ("jumlah_kk", 390, 400, -0.025),
        ("kpm_pkh", 110, 100, 0.10),
        ("cakupan_pkh", 0.45, 0.40, 0.05),
        ("temuan_kualitas", 30, 40, -0.25),
    ],
)
def test_kpis_against_previous_semester(
    con: duckdb.DuckDBPyConnection, key: str, value: float, previous: float, change: float
) -> None:
    kpis, _, previous_periode = briefing.compute_kpis(con, S2)
    assert previous_periode == S1
    assert list(kpis) == list(briefing.KPI_KEYS)
    assert kpis[key].value == pytest.approx(value)
    assert kpis[key].previous == pytest.approx(previous)
    assert kpis[key].change == pytest.approx(change)


def test_yearly_dtsen_snapshot_is_not_compared_with_itself(con: duckdb.DuckDBPyConnection) -> None:
    """Both semesters of 2025 use the DTSEN snapshot of 30 June: S2 shows the value, no change ("0,0%" was wrong)."""
    kpis, _, _ = briefing.compute_kpis(con, S2)
    assert kpis["keluarga_desil_1_4"].value == 200
    assert kpis["keluarga_desil_1_4"].previous is None and kpis["keluarga_desil_1_4"].change is None
    assert kpis["cakupan_pkh"].change == pytest.approx(0.05)  # coverage still changes with PKH


def test_first_semester_has_no_previous(con: duckdb.DuckDBPyConnection) -> None:
    kpis, tahap, previous_periode = briefing.compute_kpis(con, S1)
    assert previous_periode is None
    assert tahap == briefing.PkhTahap(2025, 2)
    assert kpis["kpm_pkh"].value == 100
    assert all(k.previous is None and k.change is None for k in kpis.values())


def test_last_tahap_of_semester(con: duckdb.DuckDBPyConnection) -> None:
    _, tahap, _ = briefing.compute_kpis(con, S2)
    assert tahap == briefing.PkhTahap(2025, 4)


def test_unknown_periode_is_a_user_error(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(DataNotFoundError, match="2030-S1"):
        briefing.compute_kpis(con, "2030-S1")


@pytest.mark.parametrize(
    ("key", "line"),
    [
        ("penduduk", "Sumber: Dukcapil (sintetis), posisi 31 Desember 2025"),
        ("keluarga_desil_1_4", "Sumber: DTSEN Kemensos (sintetis), posisi 30 Juni 2025"),
        ("kpm_pkh", "Sumber: PKH Kemensos (sintetis), posisi 15 Desember 2025"),
        (
            "cakupan_pkh",
            "Sumber: DTSEN Kemensos (sintetis), posisi 30 Juni 2025; PKH Kemensos (sintetis), posisi 15 Desember 2025",
        ),
        ("temuan_kualitas", "Sumber: Pemeriksaan kualitas data saat ingest (sintetis), posisi 31 Desember 2025"),
    ],
)
def test_source_lines(con: duckdb.DuckDBPyConnection, key: str, line: str) -> None:
    kpis, _, _ = briefing.compute_kpis(con, S2, is_synthetic=True)
    assert provenance.source_line(kpis[key].source) == line


def test_source_line_of_real_data_has_no_synthetic_mark() -> None:
    note = provenance.SourceNote((("dukcapil", date(2025, 12, 31)),), is_synthetic=False)
    assert provenance.source_line(note) == "Sumber: Dukcapil, posisi 31 Desember 2025"


def test_gaps_rank_and_suppress_small_counts(con: duckdb.DuckDBPyConnection) -> None:
    result = gaps.kecamatan_gaps(con, S2, min_cell=5)
    assert list(result.columns) == list(gaps.GAP_COLUMNS)
    expected = pd.DataFrame(
        {
            "peringkat": [1, 2, 3],
            "nama_kecamatan": ["Tutur", "Purwodadi", "Puspo"],
            "keluarga_desil_1_4": pd.array([110, 80, 10], dtype="Int64"),
            # Puspo's 4 covered families are small; 6 and Purwodadi's 34/46 are hidden so that 4 cannot be
            # recovered from the kecamatan totals (10, 80) and the kabupaten totals (90 covered, 110 not).
            "keluarga_tercakup": pd.array([52, None, None], dtype="Int64"),
            "keluarga_belum_tercakup": pd.array([58, None, None], dtype="Int64"),
            "status_tercakup": ["shown", "complement", "small"],
            "status_belum_tercakup": ["shown", "complement", "complement"],
        }
    )
    pd.testing.assert_frame_equal(result[expected.columns].reset_index(drop=True), expected, check_dtype=False)
    assert result["rasio_belum_tercakup"].iloc[0] == pytest.approx(58 / 110)
    assert result["rasio_belum_tercakup"].iloc[1:].isna().all()


def test_gaps_without_suppression(con: duckdb.DuckDBPyConnection) -> None:
    result = gaps.kecamatan_gaps(con, S2, min_cell=1)
    assert result["nama_kecamatan"].tolist() == ["Tutur", "Purwodadi", "Puspo"]
    assert result["keluarga_belum_tercakup"].tolist() == [58, 46, 6]
    assert result["rasio_belum_tercakup"].tolist() == pytest.approx([58 / 110, 46 / 80, 6 / 10])


def test_gaps_for_display(con: duckdb.DuckDBPyConnection) -> None:
    table = gaps.gaps_for_display(gaps.kecamatan_gaps(con, S2, min_cell=5), min_cell=5, limit=10)
    assert table.columns.tolist() == [
        "No.",
        "Kecamatan",
        "Keluarga desil 1–4",
        "Sudah KPM PKH",
        "Belum KPM PKH",
        "% belum",
    ]
    assert table.iloc[0].tolist() == ["1", "Tutur", "110", "52", "58", "52,7%"]
    assert table.iloc[2].tolist() == ["3", "Puspo", "10", "<5", "•", "–"]


def test_gaps_for_chart_skips_suppressed(con: duckdb.DuckDBPyConnection) -> None:
    chart = gaps.gaps_for_chart(gaps.kecamatan_gaps(con, S2, min_cell=5))
    assert chart["nama_kecamatan"].tolist() == ["Tutur"]
    assert chart["label"].tolist() == ["58"]


def test_narrative(con: duckdb.DuckDBPyConnection) -> None:
    result = briefing.build_briefing(con, S2, min_cell=5, is_synthetic=True)
    assert result.narrative == (
        "Jumlah penduduk Kabupaten Pasuruan pada Semester II 2025 tercatat 1.015 jiwa, naik 1,5% dibanding "
        "Semester I 2025 (1.000 jiwa). "
        "Jumlah Kartu Keluarga tercatat 390 KK, turun 2,5% dibanding Semester I 2025 (400 KK). "
        "Sebanyak 200 keluarga berada pada desil 1–4 DTSEN. "  # the same yearly snapshot as in Semester I
        "KPM PKH tahap 4 tahun 2025 berjumlah 110 keluarga, naik 10,0% dibanding Semester I 2025 (100 keluarga). "
        "Cakupan PKH pada keluarga desil 1–4 sebesar 45,0%, naik 5,0 poin persen dibanding Semester I 2025 "
        "(40,0%). "
        "Kesenjangan terbesar ada di Kecamatan Tutur: 58 keluarga desil 1–4 (52,7%) belum menerima PKH. "
        "Tercatat 30 temuan kualitas data, turun 25,0% dibanding Semester I 2025 (40 temuan)."
    )


def test_narrative_of_first_semester_has_no_comparison(con: duckdb.DuckDBPyConnection) -> None:
    result = briefing.build_briefing(con, S1, min_cell=5)
    assert result.previous_periode is None
    assert "dibanding" not in result.narrative
    assert result.narrative.startswith("Jumlah penduduk Kabupaten Pasuruan pada Semester I 2025 tercatat 1.000 jiwa.")


def test_outdated_marts_give_a_user_error(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as old:
        old.execute("CREATE TABLE periode (periode VARCHAR, tanggal_akhir DATE)")
        old.execute("INSERT INTO periode VALUES ('2025-S2', DATE '2025-12-31')")
    with duckdb.connect(str(path), read_only=True) as con, pytest.raises(DataNotFoundError, match="ingest"):
        briefing.compute_kpis(con, S2)
