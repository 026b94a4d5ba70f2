"""Profile queries and assembly on a hand-made marts file whose numbers are worked out by hand.

Two kecamatan: 35.14.01 with desa 2001 (60 people in 2025-S2) and 2002 (40), 35.14.02 with desa 2001 (100).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pytest

from cc_analytics.errors import DataNotFoundError
from cc_analytics.privacy import COMPLEMENT, SHOWN, SMALL
from cc_analytics.profile import queries as profile
from cc_analytics.profile.build import DESA, KABUPATEN, KECAMATAN, build_profile
from cc_analytics.profile.data import periode_info, profile_counts, profile_distributions, profile_sources
from cc_analytics.profile.display import kualitas_caption, pkh_caption

K1, K2 = "35.14.01", "35.14.02"
D1, D2, D3 = "35.14.01.2001", "35.14.01.2002", "35.14.02.2001"

TABLES = {
    "periode": "periode VARCHAR, tanggal_akhir DATE",
    "wilayah": "kode_wilayah VARCHAR, nama VARCHAR, level VARCHAR, kode_induk VARCHAR, kode_kecamatan VARCHAR, "
    "slug VARCHAR",
    "penduduk": "periode VARCHAR, kode_desa VARCHAR, jenis_kelamin VARCHAR, kelompok_umur VARCHAR, "
    "jumlah_penduduk BIGINT",
    "keluarga": "periode VARCHAR, kode_desa VARCHAR, jumlah_kk BIGINT",
    "cakupan": "periode VARCHAR, kode_desa VARCHAR, keluarga_desil_1_4 BIGINT, keluarga_desil_1_4_pkh BIGINT",
    "pkh_kpm": "periode VARCHAR, tahun INT, tahap INT, kode_desa VARCHAR, jumlah_kpm BIGINT, nominal_rp BIGINT",
    "pkh_komponen": "periode VARCHAR, tahun INT, tahap INT, kode_desa VARCHAR, komponen VARCHAR, jumlah_kpm BIGINT, "
    "jumlah_jiwa BIGINT, nominal_rp BIGINT",
    "dtsen_desil": "periode VARCHAR, tanggal_dtsen DATE, kode_desa VARCHAR, desil INT, jumlah_keluarga BIGINT, "
    "jumlah_jiwa BIGINT",
    "kualitas": "periode VARCHAR, kode_desa VARCHAR, sumber VARCHAR, kode_masalah VARCHAR, jumlah BIGINT",
    "ingest_log": "file_name VARCHAR, sumber VARCHAR, periode VARCHAR, sha256 VARCHAR, tanggal_data DATE, "
    "baris_dibaca BIGINT, baris_diterima BIGINT, baris_ditolak BIGINT, catatan VARCHAR",
}

ROWS = {
    "periode": [("2025-S1", date(2025, 6, 30)), ("2025-S2", date(2025, 12, 31))],
    "wilayah": [
        ("35.14", "Kabupaten Pasuruan", "kabupaten", "35", None, "kabupaten-pasuruan"),
        (K1, "Purwodadi", "kecamatan", "35.14", K1, "purwodadi"),
        (K2, "Tutur", "kecamatan", "35.14", K2, "tutur"),
        (D1, "Gerbo", "desa", K1, K1, "gerbo"),
        (D2, "Dawuhansengon", "desa", K1, K1, "dawuhansengon"),
        (D3, "Gendro", "desa", K2, K2, "gendro"),
    ],
    "penduduk": [
        ("2025-S2", D1, "L", "00-04", 30),
        ("2025-S2", D1, "P", "00-04", 30),
        ("2025-S2", D2, "L", "20-24", 20),
        ("2025-S2", D2, "P", "75+", 20),
        ("2025-S2", D3, "L", "30-34", 50),
        ("2025-S2", D3, "P", "30-34", 50),
        ("2025-S1", D1, "L", "00-04", 50),
        ("2025-S1", D2, "L", "20-24", 40),
        ("2025-S1", D3, "L", "30-34", 80),
    ],
    "keluarga": [("2025-S2", D1, 20), ("2025-S2", D2, 10), ("2025-S2", D3, 40)],
    "cakupan": [("2025-S2", D1, 10, 6), ("2025-S2", D2, 5, 2), ("2025-S2", D3, 20, 10)],
    "pkh_kpm": [
        ("2025-S2", 2025, 3, D1, 7, 0),
        ("2025-S2", 2025, 3, D2, 3, 0),
        ("2025-S2", 2025, 3, D3, 12, 0),
        ("2025-S2", 2025, 4, D1, 8, 0),
        ("2025-S2", 2025, 4, D2, 3, 0),
        ("2025-S2", 2025, 4, D3, 11, 0),
    ],
    "pkh_komponen": [("2025-S2", 2025, 4, D1, "sd", 8, 9, 0), ("2025-S2", 2025, 4, D3, "lansia", 11, 11, 0)],
    "dtsen_desil": [
        ("2025-S2", date(2025, 6, 30), D1, 1, 10, 40),
        ("2025-S2", date(2025, 6, 30), D2, 2, 5, 20),
        ("2025-S2", date(2025, 6, 30), D3, 3, 20, 80),
    ],
    "kualitas": [("2025-S2", D1, "pkh", "pkh_meninggal", 2), ("2025-S2", D3, "dtsen", "dtsen_meninggal", 6)],
    "ingest_log": [
        ("dukcapil_2025-S2.csv", "dukcapil", "2025-S2", "x", date(2025, 12, 31), 1, 1, 0, ""),
        ("pkh_2025_tahap4.csv", "pkh", "2025 tahap 4", "y", date(2025, 12, 1), 1, 1, 0, ""),
    ],
}


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    path = Path(tmp_path_factory.mktemp("profile")) / "marts.duckdb"
    with duckdb.connect(str(path)) as build:
        for table, columns in TABLES.items():
            build.execute(f"CREATE TABLE {table} ({columns})")
            if ROWS[table]:
                marks = ", ".join("?" * len(ROWS[table][0]))
                build.executemany(f"INSERT INTO {table} VALUES ({marks})", ROWS[table])
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()


def test_last_tahap_and_periode_info(con: duckdb.DuckDBPyConnection) -> None:
    assert profile.last_tahap(con, "2025-S2") == (2025, 4)
    assert profile.last_tahap(con, "2025-S1") is None
    info = periode_info(con, "2025-S2")
    assert (info.previous, info.tahap) == ("2025-S1", (2025, 4))
    assert periode_info(con, "2025-S1").previous is None
    with pytest.raises(DataNotFoundError):
        periode_info(con, "2019-S1")


def test_desa_counts(con: duckdb.DuckDBPyConnection) -> None:
    counts = profile.desa_counts(con, "2025-S2", "2025-S1", (2025, 4))
    assert list(counts.index) == [D1, D2, D3]
    assert counts.loc[D1].tolist() == [K1, 60, 50, 20, 10, 6, 8, 2]
    assert counts.loc[D2].tolist() == [K1, 40, 40, 10, 5, 2, 3, 0]
    assert counts.loc[D3].tolist() == [K2, 100, 80, 40, 20, 10, 11, 6]
    none = profile.desa_counts(con, "2025-S1", None, None)
    assert none["kpm_pkh"].sum() == 0
    assert none["penduduk_lalu"].sum() == 0


def test_trend_and_cells(con: duckdb.DuckDBPyConnection) -> None:
    trend = profile.penduduk_trend(con)
    assert list(trend.columns) == ["2025-S1", "2025-S2"]
    assert trend.loc[D1].tolist() == [50, 60]
    pyramid = profile.pyramid_cells(con, "2025-S2")
    assert pyramid.shape == (3, 32)
    assert pyramid.loc[D1, "L 00-04"] == 30
    assert pyramid.loc[D2, "P 75+"] == 20
    assert pyramid.sum().sum() == 200
    assert profile.desil_cells(con, "2025-S2").loc[D3, "3"] == 20
    komponen = profile.komponen_cells(con, "2025-S2", (2025, 4))
    assert komponen.loc[D1, "sd"] == 8
    assert komponen.loc[D2].sum() == 0
    assert profile.kualitas_flags(con) == ("dtsen_meninggal", "pkh_meninggal")


def _profile(con: duckdb.DuckDBPyConnection, kec: str | None, desa: str | None, min_cell: int):
    info = periode_info(con, "2025-S2")
    return build_profile(
        profile_counts(con, "2025-S2", min_cell),
        profile_distributions(con, "2025-S2", kec, min_cell),
        profile_sources(con, "2025-S2", True),
        info,
        kode_kecamatan=kec,
        kode_desa=desa,
        min_cell=min_cell,
    )


def test_kecamatan_against_kabupaten(con: duckdb.DuckDBPyConnection) -> None:
    result = _profile(con, K1, None, 1)
    assert (result.level, result.nama, result.unit_level) == (KECAMATAN, "Purwodadi", DESA)
    ind = result.indicators
    assert ind.loc["penduduk", "value"] == 100
    assert ind.loc["penduduk", "kabupaten"] == 200
    assert ind.loc["penduduk", "share_kabupaten"] == pytest.approx(0.5)
    assert ind.loc["perubahan_penduduk", "value"] == pytest.approx(100 / 90 - 1)
    # median over the two kecamatan: (100/90 − 1 + 100/80 − 1) / 2
    assert ind.loc["perubahan_penduduk", "median"] == pytest.approx((100 / 90 + 100 / 80) / 2 - 1)
    assert ind.loc["perubahan_penduduk", "position"] is None  # fewer than 4 kecamatan
    assert ind.loc["jiwa_per_kk", "value"] == pytest.approx(100 / 30)
    assert ind.loc["jiwa_per_kk", "kabupaten"] == pytest.approx(200 / 70)
    assert ind.loc["cakupan_pkh", "value"] == pytest.approx(8 / 15)
    assert ind.loc["cakupan_pkh", "kabupaten"] == pytest.approx(18 / 35)
    assert ind.loc["kpm_pkh", "value"] == 11
    assert ind.loc["temuan_per_1000", "value"] == pytest.approx(20.0)
    assert result.units["kode"].tolist() == [D1, D2]
    assert result.units["penduduk"].tolist() == [60, 40]
    assert result.units["tren"].tolist() == [[50.0, 60.0], [40.0, 40.0]]
    assert result.trend["penduduk"].tolist() == [90, 100]


def test_distributions_against_kabupaten(con: duckdb.DuckDBPyConnection) -> None:
    result = _profile(con, K1, None, 1)
    pyramid = result.distributions["pyramid"].set_index("kategori")
    assert pyramid.loc["L 00-04", "jumlah"] == 30
    assert pyramid.loc["L 00-04", "nilai"] == pytest.approx(0.30)
    assert pyramid.loc["L 00-04", "nilai_kabupaten"] == pytest.approx(0.15)
    komponen = result.distributions["komponen"].set_index("kategori")
    assert komponen.loc["sd", "nilai"] == pytest.approx(8 / 11)
    assert komponen.loc["sd", "nilai_kabupaten"] == pytest.approx(8 / 22)
    kualitas = result.distributions["kualitas"].set_index("kategori")
    assert kualitas.loc["pkh_meninggal", "nilai"] == pytest.approx(20.0)  # 2 per 100 people
    assert kualitas.loc["pkh_meninggal", "nilai_kabupaten"] == pytest.approx(10.0)  # 2 per 200 people
    desil = result.distributions["desil"].set_index("kategori")
    assert desil.loc["1", "nilai"] == pytest.approx(10 / 15)


def test_kabupaten_and_desa_levels(con: duckdb.DuckDBPyConnection) -> None:
    regency = _profile(con, None, None, 1)
    assert (regency.level, regency.kode, regency.unit_level) == (KABUPATEN, "35.14", KECAMATAN)
    assert regency.units["kode"].tolist() == [K1, K2]
    assert regency.indicators.loc["penduduk", "value"] == 200
    assert np.isnan(regency.indicators.loc["penduduk", "share_kabupaten"])
    village = _profile(con, K1, D2, 1)
    assert (village.level, village.nama) == (DESA, "Dawuhansengon")
    assert village.indicators.loc["penduduk", "share_kabupaten"] == pytest.approx(0.2)
    # the desa median runs over all three desa of the regency: people per KK 3, 4 and 2.5
    assert village.indicators.loc["jiwa_per_kk", "median"] == pytest.approx(3.0)
    assert village.units["kode"].tolist() == [D1, D2]  # the desa of its kecamatan


def test_captions_name_the_kabupaten_once(con: duckdb.DuckDBPyConnection) -> None:
    """The kabupaten is not compared with itself ("pada Kabupaten Pasuruan dan pada Kabupaten Pasuruan")."""
    regency, kecamatan = _profile(con, None, None, 1), _profile(con, K1, None, 1)
    assert kualitas_caption(regency) == "Temuan per 1.000 penduduk di Kabupaten Pasuruan."
    assert kualitas_caption(kecamatan) == (
        "Temuan per 1.000 penduduk di Purwodadi, dibandingkan dengan Kabupaten Pasuruan."
    )
    assert "Garis hitam" not in pkh_caption(regency, 2, 2025)
    assert pkh_caption(kecamatan, 2, 2025).endswith("Garis hitam: Kabupaten Pasuruan.")


def test_small_counts_are_hidden_with_what_would_reveal_them(con: duckdb.DuckDBPyConnection) -> None:
    result = _profile(con, K1, None, 5)
    ind = result.indicators
    # findings: Purwodadi 2 (small), Tutur 6, regency total 8 published, so Tutur's 6 is hidden as well
    assert ind.loc["temuan_kualitas", "status"] == SMALL
    assert np.isnan(ind.loc["temuan_kualitas", "value"])
    assert np.isnan(ind.loc["temuan_per_1000", "value"])  # 20 per 1.000 of 100 people gives the 2 back
    regency = _profile(con, None, None, 5)
    statuses = regency.units.set_index("kode")["status_temuan_kualitas"]
    assert statuses.to_dict() == {K1: SMALL, K2: COMPLEMENT}
    kualitas = result.distributions["kualitas"].set_index("kategori")
    assert kualitas.loc["pkh_meninggal", "status"] != SHOWN
    assert np.isnan(kualitas.loc["pkh_meninggal", "nilai"])


def test_unknown_wilayah(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(DataNotFoundError):
        _profile(con, K1, "35.14.01.2999", 1)


def test_sources(con: duckdb.DuckDBPyConnection) -> None:
    sources = profile_sources(con, "2025-S2", True)
    assert sources["penduduk"].parts == (("dukcapil", date(2025, 12, 31)),)
    assert sources["desil"].parts == (("dtsen", date(2025, 6, 30)),)
    assert sources["pkh"].parts == (("pkh", date(2025, 12, 1)),)
    assert sources["kualitas"].parts == (("kualitas", date(2025, 12, 31)),)
    assert sources["penduduk"].is_synthetic
