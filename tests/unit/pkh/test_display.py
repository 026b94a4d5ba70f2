"""Protection with Rupiah, the page's text (cards, tables, links), the policy table, verval and export helpers.

Small frames are written out here with their expected result; page-level text is checked on the hand-made
set of tests/unit/handmade_pkh.py (figures worked out in tests/unit/test_coverage_handmade.py).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest
from openpyxl import load_workbook

from cc_analytics.export import to_csv, to_xlsx
from cc_analytics.pkh import display
from cc_analytics.pkh import method as coverage_method
from cc_analytics.pkh import verval as coverage_verval
from cc_analytics.pkh.protect import (
    INCLUSION_TOTAL,
    WITHHELD,
    protect_coverage,
    protect_inclusion_totals,
    protect_with_rupiah,
    row_is_shown,
)
from cc_analytics.pkh.queries import Selection
from cc_analytics.pkh.view import build_view
from cc_analytics.privacy import COMPLEMENT, SHOWN, SMALL, TOTAL, UNPUBLISHED
from tests.unit.handmade_pkh import K1, K2, A, B, build_pkh_handmade_marts


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(build_pkh_handmade_marts(tmp_path_factory.mktemp("pkh_display"))), read_only=True)
    yield connection
    connection.close()


def coverage_frame(rows: dict[str, tuple[int, int, int, int]]) -> pd.DataFrame:
    """kode → (covered, gap, hak Rp, gap Rp)."""
    return pd.DataFrame(
        [
            {"kode_wilayah": k, "keluarga_layak_pkh": p, "keluarga_celah": c, "hak_rp_tahun": h, "celah_rp_tahun": r}
            for k, (p, c, h, r) in rows.items()
        ]
    )


def test_amounts_follow_their_counts():
    """Rows x (covered 20, gap 2) and y (covered 30, gap 10), min_cell 5: x's gap is small; with the column
    total published y's gap hides too, and both covered counts to keep the row totals."""
    frame = coverage_frame({"x": (20, 2, 50, 4), "y": (30, 10, 90, 20)})
    got = protect_coverage(frame, 5)
    assert got.figure("x", "keluarga_celah") == (None, None, SMALL)
    assert got.figure("y", "keluarga_celah") == (None, None, COMPLEMENT)
    assert got.figure("x", TOTAL) == (22, 50, SHOWN)
    assert got.figure(TOTAL, "keluarga_celah") == (12, 24, SHOWN)
    assert got.figure(TOTAL, TOTAL) == (62, 140, SHOWN)
    assert got.figure("x", "keluarga_layak_pkh")[2] == COMPLEMENT
    assert got.figure("x", "keluarga_layak_pkh")[1] is None
    assert not row_is_shown(got, "x")


def test_nothing_hidden_with_min_cell_one():
    got = protect_coverage(coverage_frame({"x": (1, 2, 3, 4), "y": (0, 1, 5, 2)}), 1)
    assert (got.status == SHOWN).all(axis=None)
    assert got.figure("y", "keluarga_layak_pkh") == (0, 3, SHOWN)  # covered amount = hak − gap amount
    assert row_is_shown(got, "x")


def test_withheld_table_hides_everything():
    got = protect_coverage(coverage_frame({"x": (20, 20, 1, 1)}), 5, published=False)
    assert got.is_withheld
    assert got.figure(TOTAL, TOTAL) == (None, None, WITHHELD)


def test_inclusion_totals_per_wilayah():
    frame = pd.DataFrame(
        {
            "kode_wilayah": ["x", "x", "y", "y", "z", "z"],
            "kode_masalah": ["a", "b"] * 3,
            "jumlah_kpm": [3, 4, 1, 0, 9, 9],
            "nominal_rp_tahun": [30, 40, 10, 0, 90, 90],
        }
    )
    got = protect_inclusion_totals(frame, 5)
    assert list(got.counts.columns) == [INCLUSION_TOTAL, TOTAL]
    # y (1) is small; with the total (26) published, the cheapest other count (x, 7) hides with it
    assert got.figure("y", INCLUSION_TOTAL) == (None, None, SMALL)
    assert got.figure("x", INCLUSION_TOTAL) == (None, None, COMPLEMENT)
    assert got.figure("z", INCLUSION_TOTAL) == (18, 180, SHOWN)
    assert got.figure(TOTAL, INCLUSION_TOTAL) == (26, 260, SHOWN)
    assert got.figure("x", TOTAL)[2] == UNPUBLISHED


def test_rupiah_totals_are_sums():
    counts = pd.DataFrame({"p": [10, 20], "q": [30, 40]}, index=["x", "y"])
    rupiah = pd.DataFrame({"p": [1, 2], "q": [3, 4]}, index=["x", "y"])
    got = protect_with_rupiah(counts, rupiah, 5)
    assert got.rupiah.loc[TOTAL, TOTAL] == 10 and got.rupiah.loc["y", TOTAL] == 6


@pytest.mark.parametrize(
    ("value", "status", "expected"),
    [
        (1234, SHOWN, "1.234"),
        (None, SMALL, "<5"),
        (None, COMPLEMENT, "•"),
        (None, WITHHELD, "•"),
        (None, UNPUBLISHED, "–"),
    ],
)
def test_count_text(value, status, expected):
    assert display.count_text(value, status, 5) == expected


def test_share_and_rupiah_text():
    assert display.share_text(1, 3) == "33,3%"
    assert display.share_text(None, 3) == display.share_text(1, 0) == "–"
    assert display.rupiah_text(2_400_000) == "Rp2.400.000" and display.rupiah_text(None) == "–"


@pytest.mark.parametrize(
    ("low", "high", "expected"), [(0, 6, "0–6 tahun"), (70, None, "70 tahun ke atas"), (None, None, "—")]
)
def test_age_text(low, high, expected):
    assert display.age_text(low, high) == expected


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (Selection("2025-S2", 4), "peta?indikator=celah_pkh&level=kecamatan&periode=2025-S2"),
        (
            Selection("2025-S2", 4, "sd", kode_kecamatan="35.14.14"),
            "peta?indikator=celah_pkh&level=desa&periode=2025-S2&kec=35.14.14",
        ),
        (
            Selection("2025-S2", 3, kode_kecamatan="35.14.14", kode_desa="35.14.14.1001"),
            "peta?indikator=celah_pkh&level=desa&periode=2025-S2&kec=35.14.14&desa=35.14.14.1001",
        ),
    ],
)
def test_map_link_carries_codes_only(selection, expected):
    assert display.peta_link(selection) == expected


def test_table_file_name():
    assert display.table_file_name(Selection("2025-S2", 4, "sd", "35.14.14")) == (
        "celah_pkh_2025-S2_tahap4_35.14.14_sd.csv"
    )
    assert display.table_file_name(Selection("2025-S1", 2)) == "celah_pkh_2025-S1_tahap2_kabupaten_semua.csv"


def test_policy_table_names_each_source_and_leaves_out_ibu_hamil():
    table = coverage_method.policy_table().set_index("Komponen")
    assert table.loc["Ibu hamil/nifas", "Dihitung"] == "tidak (tidak tampak di data)"
    assert table.loc["Anak SD/MI", "Usia"] == "7–12 tahun"
    assert table.loc["Lanjut usia 70 tahun ke atas", "Bantuan per orang (Rp/tahun)"] == "Rp2.400.000"
    assert table["Sumber"].str.startswith("Besaran bantuan PKH per komponen 2021-2025").all()
    assert table.loc["Anak SD/MI", "Sumber"].endswith("asumsi umur sekolah normal")
    assert "sama" not in set(table["Sumber"])
    rules = coverage_method.policy_rules()
    assert rules[0].startswith("**Batas desil DTSEN**: 4. Sumber: Sejak 2025 kelayakan PKH memakai DTSEN desil 1-4")
    text = coverage_method.method_text(5)
    assert "Ibu hamil/nifas tidak dihitung" in text and "desil 1–4" in text and "“<5”" in text


def test_page_text_for_a_kecamatan(con):
    """Purwodadi, tahap 2, min_cell 3 (see test_coverage_handmade): A 6 eligible / 3 covered / 3 gap, B 4 / 3 /
    1: B's gap is small, A's gap and both covered counts are hidden with it; the kecamatan row is whole."""
    view = build_view(con, Selection("2025-S1", 2, kode_kecamatan=K1), min_cell=3, is_synthetic=True)
    cards = {c.key: c for c in display.summary_cards(view)}
    assert (cards["layak"].value, cards["pkh"].value, cards["celah"].value) == ("10", "6", "4")
    assert cards["cakupan"].value == "60,0%" and cards["celah_rp"].value == "Rp14.700.000"
    assert cards["layak"].detail == "hak bantuan Rp40.600.000 setahun"
    # Purwodadi's 7 flagged records hide (complement) to protect the small problem counts of the kecamatan
    assert [c.key for c in cards.values() if c.is_hidden] == ["inklusi"]
    assert cards["inklusi"].detail == "disembunyikan agar angka kecil tidak dapat dihitung"
    table = display.ranking_table(view).set_index("Wilayah")
    assert list(table.loc["Gerbo", ["Layak", "Sudah PKH", "Belum PKH", "Cakupan", "Celah (Rp/tahun)"]]) == [
        "6",
        "•",
        "•",
        "–",
        "–",
    ]
    assert table.loc["Dawuhansengon", "Belum PKH"] == "<3"
    assert list(table.index[:2]) == ["Dawuhansengon", "Gerbo"]  # hidden gaps (by name) before the zero gaps
    assert (table["Belum PKH"].iloc[2:] == "0").all()
    assert (table["Temuan inklusi"] == "•").all()  # withheld with the kecamatan's hidden total
    assert display.subtitle(view) == "Kecamatan Purwodadi · Semester I 2025 · tahap 2 tahun 2025 · Semua komponen"
    assert display.ranking_chart(view).empty  # no desa has both parts shown


def test_page_text_for_the_kabupaten(con):
    view = build_view(con, Selection("2025-S1", 2, komponen="lansia"), min_cell=1)
    komponen = display.komponen_table(view).set_index("Komponen")
    assert list(komponen.index) == [
        "Semua komponen",
        "Anak usia dini (0–6 tahun)",
        "Anak usia SD",
        "Anak usia SMP",
        "Anak usia SMA",
        "Disabilitas berat",
        "Lansia 70 tahun ke atas",
    ]
    assert list(komponen.loc["Lansia 70 tahun ke atas", ["Layak", "Sudah PKH", "Belum PKH", "Cakupan"]]) == [
        "5",
        "2",
        "3",
        "40,0%",
    ]
    assert komponen.loc["Anak usia SMA", "Celah (Rp/tahun)"] == "Rp0"
    chart = display.ranking_chart(view)
    assert list(chart["nama"].unique()) == ["Tutur", "Purwodadi"]  # lansia gap 2 (F19, F25) before 1 (F3)
    assert set(chart["bagian"]) == {"Belum menerima", "Sudah menerima"}
    inclusion = display.inclusion_table(view).set_index("Masalah")
    assert inclusion.loc["Jumlah temuan", "Catatan KPM"] == "9"
    assert inclusion.loc["KPM PKH di luar desil 1-4", "Nilai (Rp/tahun)"] == "Rp5.400.000"


def test_no_problem_breakdown_for_a_desa(con):
    view = build_view(con, Selection("2025-S1", 2, kode_desa=B), min_cell=1)
    assert display.inclusion_table(view) is None
    cards = {c.key: c for c in display.summary_cards(view)}
    assert (cards["inklusi"].value, cards["inklusi"].detail) == ("5", "senilai Rp8.500.000 setahun")
    assert display.ranking_table(view).iloc[:, 1].str.contains(r"\(dipilih\)").sum() == 1


def test_verval_screen_and_counts(con):
    from cc_analytics.pkh.queries import verval_list

    raw = verval_list(con, Selection("2025-S1", 2, kode_desa=A))
    rows = coverage_verval.verval_rows(raw)
    assert coverage_verval.counts(rows) == {"usulan": 3, "periksa": 2}
    assert coverage_verval.list_tahap(raw) == 2
    usulan = coverage_verval.for_screen(rows, "usulan")
    assert list(usulan.columns) == [
        "Prioritas",
        "NIK (tersamar)",
        "No. KK (tersamar)",
        "Desil DTSEN",
        "Anggota layak",
        "Nilai (Rp/tahun)",
    ]
    assert list(usulan.iloc[0]) == ["1", "************0601", "************0006", "1", "3 Anak usia dini", "Rp6.000.000"]
    periksa = coverage_verval.for_screen(rows, "periksa")
    assert list(periksa["Keterangan masalah"]) == [
        "KPM PKH yang tercatat meninggal di Dukcapil",
        "KPM PKH di luar desil 1-4",
    ]
    assert coverage_verval.file_name(A, "2025-S1") == "verval_pkh_35.14.01.2001_2025-S1.xlsx"


def test_verval_refuses_unmasked_numbers():
    frame = pd.DataFrame(
        {
            "tahap": [2],
            "jenis": ["usulan"],
            "kode_masalah": ["layak_belum_menerima"],
            "nik_tersamar": ["3514010101800001"],
            "no_kk_tersamar": ["************0001"],
            "desil": [1],
            "keterangan": ["1 Anak SD/MI"],
            "nilai_rp_tahun": [900_000],
        }
    )
    with pytest.raises(ValueError, match="nik_tersamar"):
        coverage_verval.verval_rows(frame)


def test_xlsx_and_csv(tmp_path: Path):
    frame = pd.DataFrame({"Nama": ["a", "b"], "Nilai": [1_500_000, 2]})
    path = tmp_path / "t.xlsx"
    path.write_bytes(to_xlsx(frame, sheet="x" * 40, title_lines=["RAHASIA", "Sumber: uji"]))
    book = load_workbook(path)
    sheet = book.active
    assert sheet.title == "x" * 31
    assert [sheet.cell(row=r, column=1).value for r in (1, 2, 4, 5)] == ["RAHASIA", "Sumber: uji", "Nama", "a"]
    assert sheet.cell(row=4, column=2).font.bold and sheet.cell(row=5, column=2).number_format == "#,##0"
    assert sheet.freeze_panes == "A5"
    assert to_csv(frame).startswith(b"\xef\xbb\xbfNama,Nilai\r\n") or to_csv(frame).startswith(
        b"\xef\xbb\xbfNama,Nilai\n"
    )


def test_kecamatan_two_has_no_desa_inclusion_breakdown_when_withheld(con):
    view = build_view(con, Selection("2025-S1", 2, kode_kecamatan=K2), min_cell=5)
    figures, column = view.tables.listed_inclusion()
    assert column == INCLUSION_TOTAL
    assert figures.is_withheld  # Tutur's 2 flagged records are small at kabupaten level
    assert view.tables.listed_coverage("semua").is_withheld
    assert display.ranking_table(view)["Layak"].eq("•").all()
    assert A not in view.tables.wilayah or view.tables.wilayah[A].nama == "Gerbo"
