"""Downloads cannot carry a spreadsheet formula: text that a spreadsheet would run is neutralised."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from cc_analytics.export import neutralise, to_csv, to_xlsx
from cc_analytics.quality.display import rejected_rows_csv

HOSTILE = [
    '=HYPERLINK("http://contoh.invalid","klik")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+62 812", "'+62 812"),
        ("@user", "'@user"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-1,2%", "-1,2%"),  # a signed number stays a number
        ("+0,6%", "+0,6%"),
        ("-", "-"),
        ("-3.000", "-3.000"),
        ("-2+3", "'-2+3"),
        ("Bangil", "Bangil"),
        ("", ""),
        (12, 12),
        (None, None),
    ],
)
def test_neutralise(value: object, expected: object) -> None:
    assert neutralise(value) == expected


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"nilai": HOSTILE, "jumlah": range(len(HOSTILE)), HOSTILE[0]: ["x"] * len(HOSTILE)})


def test_csv_has_no_formula() -> None:
    text = to_csv(_frame()).decode("utf-8-sig")
    for row in csv.reader(io.StringIO(text, newline="")):
        for cell in row:
            assert not cell or cell[0] not in "=+-@\t\r＝", row
    assert "'=HYPERLINK" in text


def test_xlsx_has_no_formula() -> None:
    data = to_xlsx(_frame(), sheet="Uji", title_lines=["=1+1", "Sumber: uji"])
    sheet = load_workbook(io.BytesIO(data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert cells
    for cell in cells:
        assert cell.data_type != "f", cell.coordinate
        assert not (isinstance(cell.value, str) and cell.value[:1] in "=+-@\t\r＝"), cell.coordinate
    assert sheet.cell(row=1, column=1).value == "'=1+1"


def test_rejected_rows_download_is_neutralised() -> None:
    rows = pd.DataFrame({"nomor_baris": [2], "kolom": ["NOMINAL"], "alasan": ["=1+1"], "nilai": ["@SUM(1)"]})
    text = rejected_rows_csv(rows).decode("utf-8-sig")
    assert "'=1+1" in text and "'@SUM(1)" in text


def test_numbers_next_to_markers_stay_numbers() -> None:
    """A column of counts with a suppression marker: the counts are numeric cells with thousands format, the
    marker stays text, in XLSX and CSV alike."""
    frame = pd.DataFrame({"Wilayah": ["a", "b", "c"], "Celah (Rp/tahun)": [14_700_000, "–", 2_400_000]})
    sheet = load_workbook(io.BytesIO(to_xlsx(frame, sheet="Uji", title_lines=["Sumber: uji"]))).active
    values = [sheet.cell(row=r, column=2) for r in (4, 5, 6)]
    assert [c.value for c in values] == [14_700_000, "–", 2_400_000]
    assert values[0].data_type == "n" and values[0].number_format == "#,##0"
    assert values[1].data_type == "s"
    assert to_csv(frame).decode("utf-8-sig").splitlines()[1:] == ["a,14700000", "b,–", "c,2400000"]
