"""The committed reference facts agree with the public data they were taken from."""

from __future__ import annotations

import csv

import pytest

from cc_analytics import wilayah
from cc_analytics.config import REFERENCE_DIR
from tests.conftest import SHARED_DATA

needs_shared = pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="public data folder not present")


def read(path):
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_reference_has_24_kecamatan_341_desa_24_kelurahan():
    frame = wilayah.load_wilayah()
    assert frame["level"].value_counts().to_dict() == {"desa": 341, "kecamatan": 24, "kelurahan": 24, "kabupaten": 1}
    assert frame["kode_wilayah"].is_unique
    desa = wilayah.desa()
    assert desa["kode_wilayah"].str.match(r"^35\.14\.\d{2}\.[12]\d{3}$").all()
    assert (desa["kode_induk"] == desa["kode_wilayah"].str.slice(0, 8)).all()


@needs_shared
def test_codes_and_names_equal_the_public_list():
    public = {r["kode"]: r["nama"] for r in read(SHARED_DATA / "pasuruan_wilayah.csv")}
    ours = dict(zip(wilayah.load_wilayah()["kode_wilayah"], wilayah.load_wilayah()["nama"], strict=True))
    assert ours == public


@needs_shared
def test_sp2010_counts_equal_the_public_census_table():
    public = {
        r["kode_kecamatan"]: int(r["penduduk"])
        for r in read(SHARED_DATA / "pasuruan_penduduk.csv")
        if r["tahun"] == "2010"
    }
    ours = {r["kode_kecamatan"]: int(r["penduduk_sp2010"]) for r in read(REFERENCE_DIR / "kecamatan_3514.csv")}
    assert ours == public
    assert sum(ours.values()) == 1_510_261  # BPS hasil olah cepat SP2010, sum of the 24 kecamatan


def test_kecamatan_sexes_add_up():
    for row in read(REFERENCE_DIR / "kecamatan_3514.csv"):
        assert int(row["laki_laki_sp2010"]) + int(row["perempuan_sp2010"]) == int(row["penduduk_sp2010"])
