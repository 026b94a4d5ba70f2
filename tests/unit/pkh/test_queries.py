"""PKH coverage figures on the hand-made set (expected values worked out in tests/unit/test_ingest_linkage.py)."""

from __future__ import annotations

import math

import pytest

from cc_analytics.errors import DataNotFoundError
from cc_analytics.export import to_xlsx
from cc_analytics.pkh.narrative import gap_sentences
from cc_analytics.pkh.queries import (
    Selection,
    coverage_by_wilayah,
    coverage_total,
    gap_by_komponen,
    inclusion_by_masalah,
    tahap_options,
    verval_list,
)
from tests.unit.handmade import A, B

KEC = "35.14.01"


def test_tahap_options(handmade_marts):
    assert tahap_options(handmade_marts, "2025-S1") == [1, 2]
    assert tahap_options(handmade_marts, "2024-S2") == []


def test_kabupaten_table_lists_every_kecamatan(handmade_marts):
    table = coverage_by_wilayah(handmade_marts, Selection("2025-S1", 2))
    assert len(table) == 24
    row = table.set_index("kode_wilayah").loc[KEC]
    assert (row.keluarga_layak, row.keluarga_layak_pkh, row.keluarga_celah) == (2, 1, 1)
    assert row.cakupan == pytest.approx(0.5)
    assert (row.hak_rp_tahun, row.celah_rp_tahun) == (8_700_000, 2_400_000)
    assert (row.kpm_bermasalah, row.inklusi_rp_tahun) == (7, 13_400_000)
    others = table[table["kode_wilayah"] != KEC]
    assert others["keluarga_layak"].sum() == 0 and others["cakupan"].isna().all()


def test_desa_table_sums_to_kecamatan_row(handmade_marts):
    kab = coverage_by_wilayah(handmade_marts, Selection("2025-S1", 2)).set_index("kode_wilayah").loc[KEC]
    desa = coverage_by_wilayah(handmade_marts, Selection("2025-S1", 2, kode_kecamatan=KEC))
    assert set(desa["kode_wilayah"]) >= {A, B}
    total = coverage_total(desa)
    for column in ("keluarga_layak", "keluarga_layak_pkh", "keluarga_celah", "celah_rp_tahun", "kpm_bermasalah"):
        assert total[column] == kab[column], column
    gerbo = desa.set_index("kode_wilayah").loc[A]
    assert (gerbo.kpm_bermasalah, gerbo.inklusi_rp_tahun) == (1, 3_900_000)


def test_komponen_filter(handmade_marts):
    lansia = coverage_total(coverage_by_wilayah(handmade_marts, Selection("2025-S1", 2, komponen="lansia")))
    assert (lansia["keluarga_layak"], lansia["keluarga_layak_pkh"], lansia["celah_rp_tahun"]) == (1, 0, 2_400_000)
    assert lansia["cakupan"] == 0
    smp = coverage_total(coverage_by_wilayah(handmade_marts, Selection("2025-S1", 2, komponen="smp")))
    assert smp["keluarga_layak"] == 0 and math.isnan(smp["cakupan"])


def test_inclusion_for_one_desa(handmade_marts):
    got = inclusion_by_masalah(handmade_marts, Selection("2025-S1", 2, kode_desa=B)).set_index("kode_masalah")
    assert got.loc["pkh_tidak_di_dtsen", "jumlah_kpm"] == 2
    assert got.loc["pkh_tidak_di_dtsen", "nominal_rp_tahun"] == 3_300_000
    assert got.loc["pkh_nik_ganda", "jumlah_kpm"] == 0
    assert got["jumlah_kpm"].sum() == 6


def test_gap_by_komponen_semua_first(handmade_marts):
    got = gap_by_komponen(handmade_marts, Selection("2025-S1", 2, kode_kecamatan=KEC))
    assert got["komponen"].iloc[0] == "semua"
    assert (got["keluarga_celah"] >= 0).all()
    assert got.set_index("komponen").loc["lansia", "keluarga_celah"] == 1


def test_verval_list_needs_a_desa_and_is_masked(handmade_marts):
    with pytest.raises(DataNotFoundError):
        verval_list(handmade_marts, Selection("2025-S1", 2, kode_kecamatan=KEC))
    got = verval_list(handmade_marts, Selection("2025-S1", 2, kode_desa=A))
    assert list(got["jenis"]) == ["usulan", "periksa"]
    assert got["nik_tersamar"].str.match(r"^\*{12}\d{4}$").all()
    data = to_xlsx(got, sheet="Verval", title_lines=["RAHASIA", "Sumber: uji"])
    assert data[:2] == b"PK"


def test_narrative_names_the_gap_and_hides_small_counts(handmade_marts):
    sentences = gap_sentences(handmade_marts, Selection("2025-S1", 2), min_cell=1)
    assert sentences[0] == (
        "Di Kecamatan Purwodadi, 1 keluarga desil 1–4 dengan lansia 70 tahun ke atas belum menerima PKH "
        "(hak bantuan Rp2.400.000 setahun)."
    )
    assert sentences[-1].startswith("Masalah inklusi terbesar: NIK pengurus muncul lebih dari sekali")
    assert gap_sentences(handmade_marts, Selection("2025-S1", 2), min_cell=5) == []
