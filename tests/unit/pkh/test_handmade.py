"""PKH eligibility, coverage, gap, inclusion and Rupiah on the 25 hand-made families of tests/unit/handmade_pkh.py.

Worked out by hand (Rp in millions, jt; rates: AUD 3,0 (max 2), SD 0,9, SMP 1,5, SMA 2,0, disabilitas 2,4,
lansia 2,4; at most 4 counted members per family, the most valuable first):

Eligible families and their entitlement (hak) per year:
  A: F1 3,9 (AUD+SD), F2 3,9 (AUD+SD), F3 2,4 (lansia), F4 2,4 (SD+SMP), F6 6,0 (3 AUD, 2 counted),
     F7 10,8 (AUD 3+3, disabilitas 2,4, lansia 2,4; 2nd lansia and SMA over the 4-member cap)  = 6 families, 29,4
  B: F9 2,4 (disabilitas, members unknown to Dukcapil), F10 5,5 (SMP 1,5 + 2 SMA), F13 0,9 (SD),
     F14 2,4 (lansia)                                                                         = 4 families, 11,2
  C: F15 3,0, F16 0,9, F17 1,5, F18 2,0, F19 2,4                                               = 5 families,  9,8
  D: F21 2,4, F22 3,9, F25 2,4                                                                 = 3 families,  8,7
  Not eligible: F5 (desil 5), F8 (lansia died), F11/F12 (not in DTSEN), F20 (desil 6), F23 (child died),
  F24 (desil 7).
Covered, tahap 2: A F1 F4 F7 (gap F2 F3 F6 = 12,3), B F10 F13 F14 (gap F9 = 2,4), C F17 F18 (gap F15 F16 F19 =
  6,3), D F21 (gap F22 F25 = 6,3). Tahap 1: F4 not yet covered (A gap 14,7), F25 still covered (D gap 3,9).
Kecamatan, tahap 2: Purwodadi 10 eligible, 6 covered, gap 4, hak 40,6, gap 14,7; Tutur 8, 3, 5, 18,5, 12,6.
Kabupaten, tahap 2: 18 eligible, 9 covered, gap 9 (50%), hak 59,1, gap 27,3.

Inclusion, tahap 2 (one row per flagged payment record, nominal × 4):
  A: F5 outside desil 1-4 (750.000 → 3,0); F8 deceased pengurus (600.000 → 2,4)
  B: F11 not in DTSEN (2,0); F12 NIK not in Dukcapil (1,6) and not in DTSEN (1,6); F13 KK in desa A (0,9);
     F14 duplicate NIK (second row, 2,4)
  D: F24 outside desil 1-4 (2,4) and deceased (2,4)
  = 9 records, 18,7 per year. Tahap 1: F5 3,0, F8 2,4, F13 0,9 = 3 records, 6,3.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from openpyxl import load_workbook

from cc_analytics import cli
from cc_analytics.errors import DataNotFoundError
from cc_analytics.pkh.narrative import narrative
from cc_analytics.pkh.protect import WITHHELD
from cc_analytics.pkh.queries import (
    Selection,
    check_selection,
    coverage_by_komponen_wilayah,
    coverage_by_wilayah,
    coverage_total,
    inclusion_by_masalah,
    verval_list,
)
from cc_analytics.pkh.tables import build_tables
from cc_analytics.pkh.verval import VervalHeader, verval_rows, workbook
from cc_analytics.pkh.view import build_view
from cc_analytics.privacy import COMPLEMENT, SHOWN, SMALL, TOTAL
from tests.unit.handmade_pkh import K1, K2, A, B, C, D, build_pkh_handmade_marts


@pytest.fixture(scope="module")
def marts_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pkh_handmade_marts(tmp_path_factory.mktemp("pkh_handmade"))


@pytest.fixture(scope="module")
def con(marts_path: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(marts_path), read_only=True)
    yield connection
    connection.close()


def rows_of(frame: pd.DataFrame, columns: list[str]) -> dict[str, tuple]:
    return {r[0]: tuple(r[1:]) for r in frame[["kode_wilayah", *columns]].itertuples(index=False)}


COUNTS = ["keluarga_layak", "keluarga_layak_pkh", "keluarga_celah", "hak_rp_tahun", "celah_rp_tahun"]
INCL = ["kpm_bermasalah", "inklusi_rp_tahun"]


@pytest.mark.parametrize(
    ("tahap", "expected"),
    [
        (
            2,
            {
                K1: (10, 6, 4, 40_600_000, 14_700_000, 7, 13_900_000),
                K2: (8, 3, 5, 18_500_000, 12_600_000, 2, 4_800_000),
            },
        ),
        (1, {K1: (10, 5, 5, 40_600_000, 17_100_000, 3, 6_300_000), K2: (8, 4, 4, 18_500_000, 10_200_000, 0, 0)}),
    ],
)
def test_kecamatan_figures(con, tahap, expected):
    table = coverage_by_wilayah(con, Selection("2025-S1", tahap))
    got = rows_of(table, COUNTS + INCL)
    assert {k: got[k] for k in expected} == expected
    others = table[~table["kode_wilayah"].isin(list(expected))]
    assert len(others) == 22 and (others[COUNTS + INCL] == 0).all(axis=None)
    total = coverage_total(table)
    assert total["keluarga_layak"] == 18 and total["keluarga_layak_pkh"] == 9 and total["keluarga_celah"] == 9
    assert total["cakupan"] == pytest.approx(0.5)
    assert (total["hak_rp_tahun"], total["celah_rp_tahun"]) == (59_100_000, 27_300_000)


@pytest.mark.parametrize(
    ("kecamatan", "expected"),
    [
        (K1, {A: (6, 3, 3, 29_400_000, 12_300_000, 2, 5_400_000), B: (4, 3, 1, 11_200_000, 2_400_000, 5, 8_500_000)}),
        (K2, {C: (5, 2, 3, 9_800_000, 6_300_000, 0, 0), D: (3, 1, 2, 8_700_000, 6_300_000, 2, 4_800_000)}),
    ],
)
def test_desa_figures_sum_to_their_kecamatan(con, kecamatan, expected):
    table = coverage_by_wilayah(con, Selection("2025-S1", 2, kode_kecamatan=kecamatan))
    got = rows_of(table, COUNTS + INCL)
    assert {k: got[k] for k in expected} == expected
    kab = rows_of(coverage_by_wilayah(con, Selection("2025-S1", 2)), COUNTS + INCL)
    assert tuple(coverage_total(table)[c] for c in COUNTS + INCL) == kab[kecamatan]


KOMPONEN_T2 = {
    # komponen: (eligible, covered, gap, hak, gap Rp) for the kabupaten, tahap 2
    "semua": (18, 9, 9, 59.1, 27.3),
    "anak_usia_dini": (6, 2, 4, 24.0, 15.0),  # F1 F2 F6 F7 F15 F22; F6 and F7 each 2 × 3,0 counted
    "sd": (6, 3, 3, 5.4, 2.7),  # F1 F2 F4 F13 F16 F22
    "smp": (3, 3, 0, 4.5, 0.0),  # F4 F10 F17
    "sma": (3, 3, 0, 6.0, 0.0),  # F7 (over the cap: 0) F10 (2 × 2,0) F18
    "disabilitas_berat": (3, 2, 1, 7.2, 2.4),  # F7 F9 F21
    "lansia": (5, 2, 3, 12.0, 7.2),  # F3 F7 (one of two counted) F14 F19 F25
}


@pytest.mark.parametrize(("komponen", "expected"), KOMPONEN_T2.items())
def test_kabupaten_per_komponen(con, komponen, expected):
    total = coverage_total(coverage_by_wilayah(con, Selection("2025-S1", 2, komponen=komponen)))
    got = tuple(total[c] for c in COUNTS)
    assert got == (*expected[:3], round(expected[3] * 1_000_000), round(expected[4] * 1_000_000))


def test_komponen_amounts_add_up_to_the_family_amounts(con):
    long = coverage_by_komponen_wilayah(con, "2025-S1", 2)
    semua = long[long["komponen"] == "semua"].set_index("kode_wilayah")
    parts = long[long["komponen"] != "semua"].groupby("kode_wilayah")[["hak_rp_tahun", "celah_rp_tahun"]].sum()
    pd.testing.assert_frame_equal(semua[["hak_rp_tahun", "celah_rp_tahun"]], parts, check_names=False)


def test_age_boundaries_and_caps_in_desa_a(con):
    """F2: born 1 July 2018 is 6 on 30 June 2025 (AUD), born 30 June 2018 is 7 (SD); F4: 12 (SD) and 13 (SMP);
    F6: three AUD children, two counted; F7: the second lansia and the SMA child fall outside the 4-member cap."""
    rows = con.execute(
        "SELECT komponen, keluarga_layak, orang_layak, hak_rp_tahun FROM pkh_kelayakan "
        f"WHERE tahap = 2 AND kode_desa = '{A}' ORDER BY komponen"
    ).fetchall()
    assert rows == [
        ("anak_usia_dini", 4, 7, 18_000_000),  # F1 1, F2 1, F6 3 (2 counted), F7 2
        ("disabilitas_berat", 1, 1, 2_400_000),
        ("lansia", 2, 3, 4_800_000),  # F3 1, F7 2 (1 counted)
        ("sd", 3, 3, 2_700_000),
        ("semua", 6, 16, 29_400_000),
        ("sma", 1, 1, 0),
        ("smp", 1, 1, 1_500_000),
    ]


def test_inclusion_by_problem(con):
    got = inclusion_by_masalah(con, Selection("2025-S1", 2)).set_index("kode_masalah")
    assert got["jumlah_kpm"].to_dict() == {
        "pkh_meninggal": 2,
        "pkh_nik_tidak_di_dukcapil": 1,
        "pkh_nik_ganda": 1,
        "pkh_kk_beda_desa": 1,
        "pkh_tidak_di_dtsen": 2,
        "pkh_di_luar_desil_1_4": 2,
    }
    assert got["nominal_rp_tahun"].to_dict() == {
        "pkh_meninggal": 4_800_000,
        "pkh_nik_tidak_di_dukcapil": 1_600_000,
        "pkh_nik_ganda": 2_400_000,
        "pkh_kk_beda_desa": 900_000,
        "pkh_tidak_di_dtsen": 3_600_000,
        "pkh_di_luar_desil_1_4": 5_400_000,
    }
    tahap1 = inclusion_by_masalah(con, Selection("2025-S1", 1))
    assert (tahap1["jumlah_kpm"].sum(), tahap1["nominal_rp_tahun"].sum()) == (3, 6_300_000)


VERVAL = {
    A: [
        ("usulan", "layak_belum_menerima", "************0601", 1, "3 Anak usia dini", 6_000_000),
        ("usulan", "layak_belum_menerima", "************0201", 2, "1 Anak SD/MI, 1 Anak usia dini", 3_900_000),
        ("usulan", "layak_belum_menerima", "************0301", 3, "1 Lanjut usia 70 tahun ke atas", 2_400_000),
        ("periksa", "pkh_meninggal", "************0801", 3, None, 2_400_000),
        ("periksa", "pkh_di_luar_desil_1_4", "************0501", 5, None, 3_000_000),
    ],
    B: [
        ("usulan", "layak_belum_menerima", None, 1, "1 Penyandang disabilitas berat", 2_400_000),
        ("periksa", "pkh_nik_ganda", "************1401", 1, None, 2_400_000),
        ("periksa", "pkh_kk_beda_desa", "************1301", 2, None, 900_000),
        ("periksa", "pkh_tidak_di_dtsen", "************1101", None, None, 2_000_000),
        ("periksa", "pkh_nik_tidak_di_dukcapil", "************1201", None, None, 1_600_000),
        ("periksa", "pkh_tidak_di_dtsen", "************1201", None, None, 1_600_000),
    ],
    C: [
        ("usulan", "layak_belum_menerima", "************1501", 1, "1 Anak usia dini", 3_000_000),
        ("usulan", "layak_belum_menerima", "************1901", 1, "1 Lanjut usia 70 tahun ke atas", 2_400_000),
        ("usulan", "layak_belum_menerima", "************1601", 2, "1 Anak SD/MI", 900_000),
    ],
    D: [
        ("usulan", "layak_belum_menerima", "************2201", 3, "1 Anak SD/MI, 1 Anak usia dini", 3_900_000),
        ("usulan", "layak_belum_menerima", "************2501", 4, "1 Lanjut usia 70 tahun ke atas", 2_400_000),
        ("periksa", "pkh_di_luar_desil_1_4", "************2401", 7, None, 2_400_000),
        ("periksa", "pkh_meninggal", "************2401", 7, None, 2_400_000),
    ],
}


def _clean(value: object) -> object:
    return None if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) else value


@pytest.mark.parametrize("desa", [A, B, C, D])
def test_verval_priority_list_per_desa(con, desa):
    got = verval_list(con, Selection("2025-S1", 2, kode_desa=desa))
    columns = ["jenis", "kode_masalah", "nik_tersamar", "desil", "keterangan", "nilai_rp_tahun"]
    assert [tuple(_clean(v) for v in row) for row in got[columns].itertuples(index=False)] == VERVAL[desa]
    assert set(got["tahap"]) == {2}
    rows = verval_rows(got)
    assert list(rows["prioritas"]) == [i + 1 for i in range(sum(got["jenis"] == "usulan"))] + [
        i + 1 for i in range(sum(got["jenis"] == "periksa"))
    ]


def test_verval_lists_match_the_gap_and_inclusion_figures(con):
    """Every family in the gap is proposed once; every flagged record is listed once, with the same Rupiah."""
    lists = pd.concat([verval_list(con, Selection("2025-S1", 2, kode_desa=d)) for d in (A, B, C, D)])
    usulan, periksa = lists[lists["jenis"] == "usulan"], lists[lists["jenis"] == "periksa"]
    assert (len(usulan), usulan["nilai_rp_tahun"].sum()) == (9, 27_300_000)
    assert (len(periksa), periksa["nilai_rp_tahun"].sum()) == (9, 18_700_000)


def test_verval_workbook_has_the_title_block_and_masked_numbers(con, tmp_path):
    rows = verval_rows(verval_list(con, Selection("2025-S1", 2, kode_desa=A)))
    header = VervalHeader("Desa Gerbo", "Kecamatan Purwodadi", "2025-S1", 2, 2025, "Sumber: uji, posisi 30 Juni 2025")
    path = tmp_path / "verval.xlsx"
    path.write_bytes(workbook(rows, header))
    sheet = load_workbook(path).active
    values = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert values[0] == ["RAHASIA — hanya untuk verifikasi"]
    assert values[1] == ["Daftar verval PKH Desa Gerbo, Kecamatan Purwodadi"]
    assert values[2] == ["Periode Semester I 2025, tahap 2 tahun 2025"]
    assert values[3] == ["Sumber: uji, posisi 30 Juni 2025"]
    assert values[6][:4] == ["Prioritas", "Jenis", "Keterangan masalah", "NIK (tersamar)"]
    assert values[7][:4] == [1, "Usulan: layak, belum menerima", "Layak PKH, belum menerima", "************0601"]
    assert values[7][-1] == 6_000_000
    assert len(values) == 7 + 5
    assert sheet.cell(row=1, column=1).font.bold


def test_narrative_from_the_same_figures(con):
    """Largest gap per komponen among kecamatan (families, then Rupiah): AUD Purwodadi 2 (F2, F6: 9,0),
    lansia Tutur 2 (F19, F25: 4,8), SD Tutur 2 (F16, F22: 1,8); the two of Tutur share one sentence, so no
    wilayah is named twice; largest inclusion problem by Rupiah."""
    tables = build_tables(con, Selection("2025-S1", 2), min_cell=1)
    assert narrative(tables) == [
        "Pada tahap 2 tahun 2025, Kabupaten Pasuruan memiliki 18 keluarga desil 1–4 yang layak PKH menurut data "
        "terpadu; 9 keluarga (50,0%) sudah menerima PKH dan 9 keluarga belum, dengan hak bantuan Rp27.300.000 "
        "setahun.",
        "Di Kecamatan Purwodadi, 2 keluarga desil 1–4 dengan anak usia dini (0–6 tahun) belum menerima PKH "
        "(hak bantuan Rp9.000.000 setahun).",
        "Di Kecamatan Tutur, 2 keluarga desil 1–4 dengan lansia 70 tahun ke atas belum menerima PKH "
        "(hak bantuan Rp4.800.000 setahun), begitu pula 2 keluarga dengan anak usia SD (Rp1.800.000 setahun).",
        "Masalah inklusi terbesar: KPM PKH di luar desil 1-4 — 2 KPM senilai Rp5.400.000 setahun.",
    ]


def test_narrative_for_one_komponen_in_a_kecamatan(con):
    tables = build_tables(con, Selection("2025-S1", 2, komponen="lansia", kode_kecamatan=K2), min_cell=1)
    assert narrative(tables) == [
        "Pada tahap 2 tahun 2025, Kecamatan Tutur memiliki 2 keluarga desil 1–4 dengan lansia 70 tahun ke atas "
        "yang layak PKH menurut data terpadu; 0 keluarga (0,0%) sudah menerima PKH dan 2 keluarga belum, dengan "
        "hak bantuan Rp4.800.000 setahun.",
        "Di Desa Blarang, 1 keluarga desil 1–4 dengan lansia 70 tahun ke atas belum menerima PKH "
        "(hak bantuan Rp2.400.000 setahun).",
        "Di Desa Ngadirejo, 1 keluarga desil 1–4 dengan lansia 70 tahun ke atas belum menerima PKH "
        "(hak bantuan Rp2.400.000 setahun).",
        "Masalah inklusi terbesar: KPM PKH yang tercatat meninggal di Dukcapil — 1 KPM senilai Rp2.400.000 setahun.",
    ]


@pytest.mark.parametrize(
    "selection",
    [Selection("2025-S1", 2), Selection("2025-S1", 2, kode_kecamatan=K1), Selection("2025-S1", 2, kode_desa=D)],
)
def test_narrative_names_each_wilayah_once(con, selection):
    """Gaps of several komponen in one wilayah are told in one sentence, not one "Di <wilayah>, ..." each."""
    openings = [s.split(",")[0] for s in narrative(build_tables(con, selection, min_cell=1)) if s.startswith("Di ")]
    assert openings and len(openings) == len(set(openings))


def test_narrative_never_names_a_hidden_figure(con):
    """With min_cell 5 every kecamatan gap per komponen (at most 2) and every inclusion count is small; the
    kabupaten totals (18, 9, 9) stay, as the small cells are protected inside the table."""
    tables = build_tables(con, Selection("2025-S1", 2), min_cell=5)
    assert narrative(tables) == [narrative(build_tables(con, Selection("2025-S1", 2), min_cell=1))[0]]


def test_small_kecamatan_figures_withhold_the_desa_table(con):
    """min_cell 5: Purwodadi's gap (4) and Tutur's covered count (3) are small. Tutur's 3 must be able to read
    4 as well; Purwodadi's 4 cannot move up (it would stop being small), so the cycle runs through both row
    totals: all six kecamatan figures are hidden, the kabupaten totals stay. The desa tables are withheld."""
    tables = build_tables(con, Selection("2025-S1", 2, kode_desa=A), min_cell=5)
    kab = tables.kabupaten["semua"]
    assert kab.figure(K1, "keluarga_celah") == (None, None, SMALL)
    assert kab.figure(K2, "keluarga_layak_pkh") == (None, None, SMALL)
    assert [kab.figure(k, c)[2] for k, c in ((K1, "keluarga_layak_pkh"), (K1, TOTAL), (K2, "keluarga_celah"))] == [
        COMPLEMENT
    ] * 3
    assert kab.figure(TOTAL, "keluarga_celah") == (9, 27_300_000, SHOWN)
    assert kab.figure(TOTAL, TOTAL) == (18, 59_100_000, SHOWN)
    assert tables.desa["semua"].is_withheld
    assert tables.area_coverage("semua").figure(A, TOTAL) == (None, None, WITHHELD)


def test_shown_kecamatan_figures_publish_the_desa_table(con):
    """min_cell 3: no kecamatan cell is small; in Purwodadi desa B's gap (1) is small, so desa A's gap (3) is
    hidden with it (the kecamatan gap 4 is published) and both covered counts (their rows' totals are shown)."""
    tables = build_tables(con, Selection("2025-S1", 2, kode_kecamatan=K1), min_cell=3)
    desa = tables.desa["semua"]
    assert not desa.is_withheld
    assert desa.figure(B, "keluarga_celah") == (None, None, SMALL)
    assert desa.figure(A, "keluarga_celah")[0] is None
    assert desa.figure(A, TOTAL) == (6, 29_400_000, SHOWN) and desa.figure(B, TOTAL) == (4, 11_200_000, SHOWN)
    assert desa.figure(TOTAL, "keluarga_celah") == (4, 14_700_000, SHOWN)


def test_view_of_a_desa(con):
    view = build_view(con, Selection("2025-S1", 2, kode_desa=D), min_cell=1)
    assert (view.wilayah_nama, view.kecamatan_nama, view.listed_level) == ("Desa Blarang", "Kecamatan Tutur", "desa")
    assert view.tables.area_coverage("semua").figure(D, TOTAL) == (3, 8_700_000, SHOWN)
    assert [s.split(",")[0] for s in view.narrative][:1] == ["Pada tahap 2 tahun 2025"]
    assert view.narrative[-1] == (
        "Di Desa Blarang tercatat 2 temuan inklusi pada catatan KPM senilai Rp4.800.000 setahun."
    )
    assert [name for name, _ in view.source.parts] == ["dtsen", "dukcapil", "pkh"]
    assert dict(view.source.parts)["pkh"].isoformat() == "2025-06-30"


@pytest.mark.parametrize(
    ("selection", "message"),
    [
        (Selection("2024-S2", 4), "Tidak ada data kelayakan PKH untuk periode 2024-S2"),
        (Selection("2025-S1", 3), "Tahap 3 tidak ada pada periode 2025-S1 (tersedia: 1, 2)"),
        (Selection("2025-S1", 2, komponen="ibu_hamil"), "Komponen 'ibu_hamil' tidak dikenal"),
        (Selection("2025-S1", 2, kode_kecamatan="35.14.99"), "Kode kecamatan '35.14.99' tidak ada"),
        (Selection("2025-S1", 2, kode_desa="35.14.01"), "Kode desa '35.14.01' tidak ada"),
        (Selection("2025-S1", 2, kode_kecamatan=K2, kode_desa=A), "tidak terletak di kecamatan 35.14.02"),
    ],
)
def test_invalid_selection_is_an_indonesian_error(con, selection, message):
    with pytest.raises(DataNotFoundError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_selection(con, selection)


def run_cli(marts_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, *args: str) -> tuple:
    monkeypatch.setenv("CC_MARTS_PATH", str(marts_path))
    code = cli.main(["coverage", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_json_per_kecamatan(marts_path, monkeypatch, capsys):
    code, out, _ = run_cli(marts_path, monkeypatch, capsys, "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["periode"], data["tahap"], data["komponen"]) == ("2025-S1", 2, "semua")
    rows = {r["kode_wilayah"]: r for r in data["wilayah"]}
    assert len(rows) == 24
    assert rows[K1]["keluarga_celah"] == 4 and rows[K1]["celah_rp_tahun"] == 14_700_000
    assert rows[K1]["inklusi_per_masalah"]["pkh_tidak_di_dtsen"] == 2
    assert rows[K2]["inklusi_per_masalah"] == {
        "pkh_meninggal": 1,
        "pkh_nik_tidak_di_dukcapil": 0,
        "pkh_nik_ganda": 0,
        "pkh_kk_beda_desa": 0,
        "pkh_tidak_di_dtsen": 0,
        "pkh_di_luar_desil_1_4": 1,
    }
    assert data["total"]["keluarga_layak"] == 18 and data["total"]["celah_rp_tahun"] == 27_300_000
    assert sum(r["jumlah_kpm"] for r in data["inklusi"]) == 9


def test_cli_text_per_desa(marts_path, monkeypatch, capsys):
    code, out, _ = run_cli(marts_path, monkeypatch, capsys, "--kecamatan", K1, "--tahap", "1", "--komponen", "sd")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Cakupan PKH 2025-S1 tahap 1, komponen sd, per desa"
    gerbo = next(line for line in lines if line.startswith("Gerbo"))
    assert gerbo.split() == ["Gerbo", "3", "1", "2", "33.3%", "2700000", "1800000", "2", "5400000"]
    assert next(line for line in lines if line.startswith("JUMLAH")).split()[1:4] == ["4", "2", "2"]


def test_cli_error_is_a_message(marts_path, monkeypatch, capsys):
    code, out, err = run_cli(marts_path, monkeypatch, capsys, "--periode", "2019-S1")
    assert (code, out) == (1, "")
    assert err.strip() == "Galat: Tidak ada data kelayakan PKH untuk periode '2019-S1'."
