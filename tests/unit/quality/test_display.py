"""The Data page's tables as Indonesian text: inputs made by hand, expected strings written out."""

from __future__ import annotations

import io

import duckdb
import pandas as pd
import pytest

from cc_analytics.ingest.check_file import FileCheck
from cc_analytics.ingest.pipeline import FileAccount
from cc_analytics.quality import display
from cc_analytics.quality import queries as dq
from cc_analytics.quality import texts as tx


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("2025-S1", "Semester I 2025"),
        ("2024-S2", "Semester II 2024"),
        ("2025 tahap 2", "Tahap 2 2025"),
        ("2025", "Tahun 2025"),
        ("tahunan", "tahunan"),
    ],
)
def test_log_periode_in_words(label, expected):
    assert display.format_log_periode(label) == expected


def _rate_row(jumlah, cocok, tidak, status=("shown", "shown", "shown")) -> pd.Series:
    return pd.Series(
        {
            "jumlah": jumlah,
            "cocok": cocok,
            "tidak_cocok": tidak,
            "status_jumlah": status[0],
            "status_cocok": status[1],
            "status_tidak_cocok": status[2],
        }
    )


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (_rate_row(2057, 2026, 31), "98,5%"),
        (_rate_row(153, 153, 0), "100,0%"),
        (_rate_row(0, 0, 0), "–"),
        # 1–4 of 212 not found: at least 208/212 = 98,11…% found, rounded down
        (_rate_row(212, pd.NA, pd.NA, ("shown", "complement", "small")), "≥98,1%"),
        # 1–4 of 11 found: at most 4/11 = 36,36…%, rounded up
        (_rate_row(11, pd.NA, pd.NA, ("shown", "small", "complement")), "≤36,4%"),
        (_rate_row(pd.NA, pd.NA, pd.NA, ("complement", "complement", "small")), "–"),
        (_rate_row(400, pd.NA, pd.NA, ("shown", "complement", "complement")), "–"),
        # a total of 3 with a small part: the bound would be below 0
        (_rate_row(3, pd.NA, pd.NA, ("shown", "complement", "small")), "≥0,0%"),
    ],
)
def test_rate_text_never_reveals_a_hidden_count(row, expected):
    assert display.rate_text(row, min_cell=5) == expected


def test_files_for_display(handmade_marts: duckdb.DuckDBPyConnection):
    table = display.files_for_display(dq.file_table(handmade_marts))
    assert list(table.columns) == list(tx.FILE_COLUMNS.values())
    first = table.iloc[0].tolist()
    assert first == ["dukcapil_2025-S1.csv", "Semester I 2025", "30 Juni 2025", "16", "11", "5", "31,25%"]
    assert table["Periode"].tolist()[1:] == ["Tahun 2025", "Tahap 1 2025", "Tahap 2 2025"]
    assert not [c for c in table.columns if "SHA" in c]


def test_file_details_for_analysts(handmade_marts: duckdb.DuckDBPyConnection):
    files = dq.file_table(handmade_marts)
    table = display.file_details_for_display(files)
    assert list(table.columns) == list(tx.FILE_DETAIL_COLUMNS.values())
    assert table.iloc[:, 0].tolist() == files["file_name"].tolist()
    assert [len(h) for h in table.iloc[:, 2]] == [12] * len(files)
    assert table.iloc[0, 2] == files["sha256"].iloc[0][:12]


def test_source_summaries(handmade_marts: duckdb.DuckDBPyConnection):
    parts = display.split_by_source(dq.file_table(handmade_marts))
    assert list(parts) == ["dukcapil", "dtsen", "pkh"]
    assert (
        display.source_summary(parts["pkh"])
        == "2 berkas · periode Tahap 1 2025 s.d. Tahap 2 2025 · posisi terbaru 30 Juni 2025"
    )
    assert display.source_summary(parts["dtsen"]) == "1 berkas · periode Tahun 2025 · posisi 30 Juni 2025"


def test_source_summary_of_the_annual_file():
    files = pd.DataFrame({"periode": ["tahunan"], "tanggal_data": [pd.NaT]})
    assert display.source_summary(files) == "1 berkas · periode tahunan · posisi –"


def test_built_at_and_log_source_line():
    assert display.format_built_at("2026-11-28T18:06:56Z") == "29 November 2026 pukul 01.06 WIB"
    assert display.format_built_at("2026-11-28T10:06:56Z") == "28 November 2026 pukul 17.06 WIB"
    assert display.format_built_at("") == tx.BUILT_AT_UNKNOWN
    assert display.format_built_at("kemarin") == tx.BUILT_AT_UNKNOWN
    line = display.log_source_line("2026-11-28T18:06:56Z", is_synthetic=True)
    assert line == "Sumber: catatan pemuatan berkas — data sintetis, dibangun 29 November 2026 pukul 01.06 WIB"


def test_match_table_for_display(handmade_marts: duckdb.DuckDBPyConnection):
    rates = dq.match_rates(handmade_marts, "2025-S1", min_cell=1)
    table = display.match_table_for_display(rates, list(dq.PAIRS))
    assert list(table.columns) == [
        "Kecamatan",
        "DTSEN: anggota",
        "DTSEN: NIK tak di Dukcapil",
        "DTSEN: % cocok Dukcapil",
        "PKH: catatan KPM",
        "PKH: NIK tak di Dukcapil",
        "PKH: % cocok Dukcapil",
        "PKH: KK tak di DTSEN",
        "PKH: % cocok DTSEN",
    ]
    assert len(table) == 25
    assert table.iloc[0].tolist() == ["Purwodadi", "11", "1", "90,9%", "6", "1", "83,3%", "2", "66,7%"]
    assert table.iloc[1].tolist() == ["Tutur", "0", "0", "–", "0", "0", "–", "0", "–"]
    assert table.iloc[-1, 0] == "Kabupaten Pasuruan"


def test_match_table_of_one_source_keeps_its_pairs(handmade_marts: duckdb.DuckDBPyConnection):
    rates = dq.match_rates(handmade_marts, "2025-S1", min_cell=5)
    table = display.match_table_for_display(rates, list(dq.PAIRS_OF_SOURCE["dtsen"]))
    assert list(table.columns) == [
        "Kecamatan",
        "DTSEN: anggota",
        "DTSEN: NIK tak di Dukcapil",
        "DTSEN: % cocok Dukcapil",
        "PKH: catatan KPM",
        "PKH: KK tak di DTSEN",
        "PKH: % cocok DTSEN",
    ]
    assert table.iloc[0].tolist() == ["Purwodadi", "11", "<5", "≥63,6%", "•", "<5", "–"]


def test_pair_metrics(handmade_marts: duckdb.DuckDBPyConnection):
    rates = dq.match_rates(handmade_marts, "2025-S1", min_cell=1)
    metrics = display.pair_metrics(rates, ["pkh_dtsen", "dtsen_dukcapil"])
    assert [(m.label, m.rate, m.detail) for m in metrics] == [
        ("PKH → DTSEN: cocok", "66,7%", "2 dari 6 tidak ditemukan"),
        ("DTSEN → Dukcapil: cocok", "90,9%", "1 dari 11 tidak ditemukan"),
    ]


def test_reasons_and_rejected_rows_as_text(handmade_marts: duckdb.DuckDBPyConnection):
    reasons = display.reasons_for_display(dq.rejection_reasons(handmade_marts, "dukcapil"))
    assert list(reasons.columns) == list(tx.REASON_COLUMNS.values())
    assert tx.NO_COLUMN in reasons["Kolom"].tolist()
    assert set(reasons["Sumber"]) == {"Dukcapil"}
    rows = dq.rejected_rows(handmade_marts, "dukcapil_2025-S1.csv")
    shown = display.rejected_rows_for_display(rows, limit=2)
    assert shown["Baris"].tolist() == [13, 14]
    csv = display.rejected_rows_csv(rows)
    assert csv.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig", dtype=str)
    assert back["Baris"].tolist() == ["13", "14", "15", "16", "17"]
    assert "************0001" in back["Nilai (disamarkan)"].tolist()


def test_check_summary_of_an_upload():
    rejected = pd.DataFrame(
        {
            "nomor_baris": [3, 4, 9],
            "kolom": ["NIK", "NIK", None],
            "alasan": ["NIK kosong", "NIK kosong", "jumlah kolom kurang dari judul kolom"],
            "nilai": [None, None, None],
        }
    )
    check = FileCheck("pkh_2026_tahap1.csv", "pkh", 1234, 1231, 3, rejected, "")
    assert display.check_line(check) == "pkh_2026_tahap1.csv (PKH): 1.234 dibaca = 1.231 diterima + 3 ditolak."
    summary = display.check_reasons(check)
    assert summary.values.tolist() == [["NIK", "NIK kosong", "2"], [tx.NO_COLUMN, rejected.loc[2, "alasan"], "1"]]


def test_import_lines():
    accounts = [FileAccount("pkh_2026_tahap1.csv", "pkh", "2026 tahap 1", 12000, 11990, 10)]
    assert display.import_lines(accounts) == ["pkh_2026_tahap1.csv: 12.000 dibaca = 11.990 diterima + 10 ditolak"]
