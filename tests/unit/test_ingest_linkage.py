"""Ingest on a small hand-made set whose marts were worked out by hand.

Two desa: A = 35.14.01.2001 (Gerbo), B = 35.14.01.2002 (Dawuhansengon); semester 2025-S1 (as of 30 June 2025).
Families:
  KK1 (A): head 1980, wife 1985, children 2015 and 2020      DTSEN desil 2, PKH (wife is pengurus)
  KK2 (A): head 1950, husband 1945 died 2024-03-01            DTSEN desil 1 (dead member still listed)
  KK3 (B): head 1990, child 2010                              DTSEN desil 6, PKH -> outside desil 1-4
  KK4 (B): head 1970 died 2025-01-10, wife 1972               DTSEN desil 3, PKH paid to the dead head
  KK5 (A): head 1985                                          not in DTSEN, PKH recorded in desa B
  KK6 (B): only in DTSEN (member NIK unknown to Dukcapil)     desil 4, no PKH -> exclusion
  KK7    : only in PKH, pengurus NIK unknown to Dukcapil
"""

from __future__ import annotations

import duckdb
import pytest

from cc_analytics.errors import SourceFileError
from cc_analytics.ingest import run_ingest
from cc_analytics.schema import DUKCAPIL
from tests.unit.handmade import DUKCAPIL_ROWS, A, B, kk, nik, write


@pytest.fixture
def marts(handmade_marts: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    return handmade_marts


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def test_row_accounting_per_file(marts):
    log = rows(marts, "SELECT file_name, baris_dibaca, baris_diterima, baris_ditolak FROM ingest_log ORDER BY 1")
    assert log == [
        ("dtsen_2025-S1.csv", 12, 11, 1),
        ("dukcapil_2025-S1.csv", 16, 11, 5),
        ("pkh_2025_tahap1.csv", 1, 1, 0),
        ("pkh_2025_tahap2.csv", 7, 6, 1),
    ]
    tolak = rows(marts, "SELECT file_name, count(*) FROM ingest_tolak GROUP BY 1 ORDER BY 1")
    assert tolak == [("dtsen_2025-S1.csv", 1), ("dukcapil_2025-S1.csv", 5), ("pkh_2025_tahap2.csv", 1)]


def test_rejection_reasons_name_column_and_line(marts):
    got = rows(
        marts,
        "SELECT nomor_baris, kolom, alasan, nilai FROM ingest_tolak WHERE file_name = 'dukcapil_2025-S1.csv' "
        "ORDER BY nomor_baris",
    )
    assert [(r[0], r[1]) for r in got] == [(13, "NIK"), (14, "TGL_LHR"), (15, "NO_KEL"), (16, "NIK"), (17, None)]
    assert "notasi ilmiah" in got[0][2]
    assert "ganda" in got[3][2]
    assert got[3][3] == "************0001"  # NIK masked
    assert "kolom" in got[4][2]


def test_marts_hold_no_nik(marts):
    for (table,) in rows(marts, "SELECT table_name FROM information_schema.tables"):
        text = " ".join(str(v) for row in rows(marts, f"SELECT * FROM {table}") for v in row)
        assert nik(2) not in text and kk(1) not in text, table


def test_population_and_families(marts):
    assert rows(marts, "SELECT kode_desa, sum(jumlah_penduduk) FROM penduduk GROUP BY 1 ORDER BY 1") == [(A, 6), (B, 3)]
    assert rows(marts, "SELECT kode_desa, jumlah_kk FROM keluarga ORDER BY 1") == [(A, 3), (B, 2)]
    ages = rows(
        marts,
        f"SELECT kelompok_umur, jenis_kelamin, jumlah_penduduk FROM penduduk WHERE kode_desa = '{A}' ORDER BY 1, 2",
    )
    # on 2025-06-30: born 2015-08-15 is 9, 2020-01-01 is 5, 1985 is 40, 1980 is 45, 1950 is 75
    assert ages == [
        ("05-09", "L", 1),
        ("05-09", "P", 1),
        ("40-44", "L", 1),
        ("40-44", "P", 1),
        ("45-49", "L", 1),
        ("75+", "P", 1),
    ]


def test_dtsen_desil(marts):
    got = rows(marts, "SELECT kode_desa, desil, jumlah_keluarga, jumlah_jiwa FROM dtsen_desil ORDER BY 1, 2")
    assert got == [(A, 1, 1, 2), (A, 2, 1, 4), (B, 3, 1, 2), (B, 4, 1, 1), (B, 6, 1, 2)]


def test_pkh_kpm_and_komponen(marts):
    kpm = rows(marts, "SELECT tahap, kode_desa, jumlah_kpm, nominal_rp FROM pkh_kpm ORDER BY 1, 2")
    assert kpm == [(1, A, 1, 975_000), (2, A, 1, 1_950_000), (2, B, 4, 1_550_000)]
    sd = rows(
        marts,
        "SELECT kode_desa, jumlah_kpm, jumlah_jiwa, nominal_rp FROM pkh_komponen "
        "WHERE tahap = 2 AND komponen = 'sd' ORDER BY 1",
    )
    # desa A: the duplicated row counts twice in jiwa and Rupiah, once as KPM
    assert sd == [(A, 1, 2, 450_000), (B, 2, 3, 675_000)]


def test_quality_flags(marts):
    got = dict(((k, d), n) for k, d, n in rows(marts, "SELECT kode_masalah, kode_desa, jumlah FROM kualitas"))
    assert got == {
        ("pkh_meninggal", B): 1,
        ("pkh_nik_tidak_di_dukcapil", B): 1,
        ("pkh_nik_ganda", A): 1,
        ("pkh_kk_beda_desa", B): 1,
        ("pkh_tidak_di_dtsen", B): 2,
        ("pkh_di_luar_desil_1_4", B): 1,
        ("dtsen_nik_tidak_di_dukcapil", B): 1,
        ("dtsen_meninggal", A): 1,  # KK2's husband
        ("dtsen_meninggal", B): 1,  # KK4's head
    }


def test_cakupan(marts):
    assert rows(marts, "SELECT kode_desa, keluarga_desil_1_4, keluarga_desil_1_4_pkh FROM cakupan ORDER BY 1") == [
        (A, 2, 1),
        (B, 2, 1),
    ]


def test_meta_is_real_without_demo_marker(marts):
    meta = dict(rows(marts, "SELECT key, value FROM meta"))
    assert meta["dataset_kind"] == "real"
    assert meta["latest_periode"] == "2025-S1"


def test_missing_column_fails_and_keeps_previous_marts(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    names = [f.name for f in DUKCAPIL.fields]
    write(raw / "dukcapil_2025-S1.csv", names, DUKCAPIL_ROWS[:4])
    out = tmp_path / "marts.duckdb"
    run_ingest(raw, out)
    before = out.read_bytes()
    write(
        raw / "dukcapil_2025-S2.csv", [n for n in names if n != "TGL_LHR"], [r[:4] + r[5:] for r in DUKCAPIL_ROWS[:4]]
    )
    with pytest.raises(SourceFileError) as info:
        run_ingest(raw, out)
    assert "dukcapil_2025-S2.csv" in str(info.value) and "TGL_LHR" in str(info.value)
    assert out.read_bytes() == before
    assert not out.with_name(out.name + ".tmp").exists()


def test_headers_match_case_and_space_insensitively(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    names = [f.name.lower().replace("_", " ") for f in DUKCAPIL.fields]
    write(raw / "dukcapil_2025-S1.csv", names, DUKCAPIL_ROWS[:4])
    report = run_ingest(raw, tmp_path / "m.duckdb")
    assert report.baris_diterima == 4


def test_eligibility_and_gap_per_komponen(marts):
    got = rows(
        marts,
        "SELECT komponen, keluarga_layak, keluarga_layak_pkh, orang_layak, hak_rp_tahun, celah_rp_tahun "
        f"FROM pkh_kelayakan WHERE tahap = 2 AND kode_desa = '{A}' ORDER BY komponen",
    )
    # KK1 (covered): child 9 -> SD and disabled, child 5 -> AUD; KK2 (not covered): head 75 -> lansia.
    assert got == [
        ("anak_usia_dini", 1, 1, 1, 3_000_000, 0),
        ("disabilitas_berat", 1, 1, 1, 2_400_000, 0),
        ("lansia", 1, 0, 1, 2_400_000, 2_400_000),
        ("sd", 1, 1, 1, 900_000, 0),
        ("semua", 2, 1, 4, 8_700_000, 2_400_000),
    ]
    # Desa B: KK4's only living member is 53, KK6's member is unknown to Dukcapil: nobody eligible.
    assert rows(marts, f"SELECT count(*) FROM pkh_kelayakan WHERE kode_desa = '{B}'") == [(0,)]


def test_inclusion_problems_in_rupiah(marts):
    got = rows(
        marts,
        "SELECT kode_desa, kode_masalah, jumlah_kpm, nominal_rp_tahun FROM pkh_inklusi WHERE tahap = 2 ORDER BY 1, 2",
    )
    assert got == [
        (A, "pkh_nik_ganda", 1, 3_900_000),
        (B, "pkh_di_luar_desil_1_4", 1, 2_000_000),
        (B, "pkh_kk_beda_desa", 1, 1_800_000),
        (B, "pkh_meninggal", 1, 900_000),
        (B, "pkh_nik_tidak_di_dukcapil", 1, 1_500_000),
        (B, "pkh_tidak_di_dtsen", 2, 3_300_000),
    ]


def test_verval_list_is_masked_and_complete(marts):
    usulan = rows(
        marts,
        "SELECT kode_desa, nik_tersamar, no_kk_tersamar, desil, keterangan, nilai_rp_tahun FROM verval "
        "WHERE jenis = 'usulan'",
    )
    assert usulan == [(A, "************0005", "************0002", 1, "1 Lanjut usia 70 tahun ke atas", 2_400_000)]
    periksa = rows(marts, "SELECT count(*), sum(nilai_rp_tahun) FROM verval WHERE jenis = 'periksa'")
    inklusi = rows(marts, "SELECT sum(jumlah_kpm), sum(nominal_rp_tahun) FROM pkh_inklusi WHERE tahap = 2")
    assert periksa == inklusi == [(7, 13_400_000)]
    masked = rows(marts, "SELECT nik_tersamar FROM verval")
    assert all(m[0] is None or m[0].startswith("*" * 12) for m in masked)


def test_match_rates_between_sources(marts):
    got = rows(marts, "SELECT kode_desa, pasangan, jumlah, cocok FROM kecocokan ORDER BY 1, 2")
    # DTSEN: A has 6 members, all in Dukcapil; B has 5, one (F6) unknown. PKH tahap 2: A 2 records (KK1 twice),
    # B 4 records: pengurus of KK7 unknown to Dukcapil; KK7 and KK5 not in DTSEN.
    assert got == [
        (A, "dtsen_dukcapil", 6, 6),
        (A, "pkh_dtsen", 2, 2),
        (A, "pkh_dukcapil", 2, 2),
        (B, "dtsen_dukcapil", 5, 4),
        (B, "pkh_dtsen", 4, 2),
        (B, "pkh_dukcapil", 4, 3),
    ]
