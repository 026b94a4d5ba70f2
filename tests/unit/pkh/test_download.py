"""The PKH ranking as a download: numbers stay numbers (Rupiah as integers, coverage as a 0–1 decimal), a
hidden cell stays its marker, headers name the unit. Figures of the hand-made set (tests/unit/handmade_pkh.py).
"""

from __future__ import annotations

import csv
import io

import duckdb
import pytest

from cc_analytics.export import to_csv
from cc_analytics.pkh import display, download
from cc_analytics.pkh.queries import Selection
from cc_analytics.pkh.view import build_view
from tests.unit.handmade_pkh import K1, build_pkh_handmade_marts


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(build_pkh_handmade_marts(tmp_path_factory.mktemp("pkh_download"))), read_only=True)
    yield connection
    connection.close()


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_headers_name_the_unit(con):
    view = build_view(con, Selection("2025-S1", 2), min_cell=1)
    assert list(download.ranking_download(view).columns) == [
        "No.",
        "Kode wilayah",
        "Wilayah",
        "Layak (keluarga)",
        "Sudah PKH (keluarga)",
        "Belum PKH (keluarga)",
        "Cakupan (proporsi 0–1)",
        "Celah (Rp/tahun)",
        "Temuan inklusi (catatan KPM)",
        "Inklusi (Rp/tahun)",
    ]


def test_numbers_are_written_as_numbers(con):
    """Kabupaten, min_cell 1: Purwodadi 10 eligible, 6 covered, gap 4 worth Rp14.700.000; nothing hidden."""
    view = build_view(con, Selection("2025-S1", 2), min_cell=1)
    frame = download.ranking_download(view)
    rows = {r["Wilayah"]: r for r in read_csv(to_csv(frame))}
    purwodadi = rows["Purwodadi"]
    assert purwodadi["Layak (keluarga)"] == "10"
    assert purwodadi["Celah (Rp/tahun)"] == "14700000"
    assert float(purwodadi["Cakupan (proporsi 0–1)"]) == pytest.approx(0.6)
    assert purwodadi["Kode wilayah"] == K1
    text = to_csv(frame).decode("utf-8-sig")
    assert "Rp" not in text.split("\r\n", 1)[1] and "%" not in text
    for column in ("Layak (keluarga)", "Celah (Rp/tahun)", "Inklusi (Rp/tahun)"):
        assert frame[column].dtype.kind in "iu" or str(frame[column].dtype) == "Int64"


def test_hidden_cells_stay_markers(con):
    """Purwodadi, min_cell 3: Dawuhansengon's gap (1) is small, Gerbo's gap and both covered counts are hidden
    with it; shares and amounts of hidden counts read "–", as on screen, never the number."""
    view = build_view(con, Selection("2025-S1", 2, kode_kecamatan=K1), min_cell=3)
    rows = {r["Wilayah"]: r for r in read_csv(to_csv(download.ranking_download(view)))}
    gerbo, dawuhan = rows["Gerbo"], rows["Dawuhansengon"]
    assert gerbo["Layak (keluarga)"] == "6"
    assert (gerbo["Sudah PKH (keluarga)"], gerbo["Belum PKH (keluarga)"]) == ("•", "•")
    assert (gerbo["Cakupan (proporsi 0–1)"], gerbo["Celah (Rp/tahun)"]) == ("–", "–")
    assert dawuhan["Belum PKH (keluarga)"] == "<3"
    assert all(r["Temuan inklusi (catatan KPM)"] == "•" for r in rows.values())


def test_same_rows_and_order_as_the_screen(con):
    view = build_view(con, Selection("2025-S1", 2, kode_kecamatan=K1), min_cell=3)
    screen = display.ranking_table(view)
    frame = download.ranking_download(view)
    assert list(frame["Wilayah"]) == list(screen["Wilayah"])
    assert list(frame["No."]) == list(range(1, len(screen) + 1))
    assert screen["Cakupan"].str.contains("%|–").all()  # the screen keeps Indonesian formatting
