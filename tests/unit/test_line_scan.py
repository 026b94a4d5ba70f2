"""Line endings, blank lines and quotes that real exports have: the rows read still match the file's lines.
Also the raw folder's symbolic links and the XLSX limits, checked in process."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from cc_analytics.errors import SourceFileError
from cc_analytics.ingest import run_ingest
from cc_analytics.ingest.check_file import check_file
from cc_analytics.ingest.files import discover
from cc_analytics.sources import xlsx
from tests.unit.hostile_files import HEADER, csv_text, line

HEAD = ",".join(HEADER)


def _named(n: int, name: str) -> str:
    fields = line(n).split(",")
    fields[2] = name
    return ",".join(fields)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        (csv_text(5).replace("\n", "\r\n"), 5),
        (csv_text(5).replace("\n", "\r"), 5),
        (csv_text(5).rstrip("\n"), 5),
        (csv_text(5).replace(line(2) + "\n", line(2) + "\n\n\n") + "\n\n", 5),
        (csv_text(5).replace("\n", "\r\n").replace(line(2) + "\r\n", line(2) + "\r\n\r\n"), 5),
        (HEAD + "\n" + _named(1, '"SUTRISNO, S.PD."') + "\n" + _named(2, '"ABDUL ""ADUL"" RAHMAN"') + "\n", 2),
        (HEAD.replace(",", ";") + "\n" + line(1).replace(",", ";") + "\n", 1),
        (HEAD + "\n" + line(1) + "\n" + ",,,,,,,,,,," + "\n", 2),
    ],
    ids=["crlf", "cr", "no-final-newline", "blank-lines", "crlf-blank-lines", "quoted", "semicolon", "all-empty"],
)
def test_real_line_shapes_read_every_row(tmp_path, text, read):
    path = tmp_path / "dukcapil_2025-S1.csv"
    path.write_bytes(text.encode())
    check = check_file(path)
    assert check.baris_dibaca == read
    assert check.baris_diterima + check.baris_ditolak == read


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (HEAD + "\n" + _named(1, '"DUA\nBARIS"') + "\n" + line(2) + "\n", "ganti baris di dalam satu nilai"),
        (HEAD + "\n" + line(1) + "\n" + _named(2, '"TERBUKA') + "\n" + line(3) + "\n", "mulai baris 3"),
        (HEAD + "\n", "tidak ada baris data"),
    ],
    ids=["newline-in-value", "stray-quote", "header-only"],
)
def test_file_not_read_to_its_end_is_unreadable(tmp_path, text, words):
    path = tmp_path / "dukcapil_2025-S1.csv"
    path.write_bytes(text.encode())
    with pytest.raises(SourceFileError, match=words):
        check_file(path)


def test_extra_fields_reject_the_row_not_the_file(tmp_path):
    path = tmp_path / "dukcapil_2025-S1.csv"
    path.write_text(HEAD + "\n" + line(1) + ",,\n" + line(2) + ",x\n" + line(3) + "\n", encoding="utf-8")
    check = check_file(path)
    assert (check.baris_dibaca, check.baris_diterima, check.baris_ditolak) == (3, 1, 2)
    assert set(check.ditolak["alasan"]) == {"jumlah kolom lebih dari judul kolom"}
    assert list(check.ditolak["nomor_baris"]) == [2, 3]


def test_discover_follows_links_inside_the_folder_only(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "asli.dat").write_text(csv_text(2), encoding="utf-8")
    (raw / "dukcapil_2025-S1.csv").symlink_to(raw / "asli.dat")
    assert [f.name for f in discover(raw)] == ["dukcapil_2025-S1.csv"]
    outside = tmp_path / "luar.csv"
    outside.write_text(csv_text(2), encoding="utf-8")
    (raw / "dukcapil_2025-S2.csv").symlink_to(outside)
    with pytest.raises(SourceFileError, match="di luar folder data mentah"):
        discover(raw)
    (raw / "dukcapil_2025-S2.csv").unlink()
    (raw / "pkh_2025_tahap1.csv").symlink_to(raw / "hilang.csv")
    with pytest.raises(SourceFileError, match="berkas yang tidak ada"):
        discover(raw)


def _workbook(path, rows: int = 3, merge: str | None = None):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for n in range(1, rows + 1):
        sheet.append(line(n).split(","))
    if merge:
        sheet.merge_cells(merge)
    workbook.save(path)
    return path


def test_xlsx_vertical_merge_fills_every_row(tmp_path):
    path = _workbook(tmp_path / "dukcapil_2025-S1.xlsx", rows=3, merge="I2:I4")  # NO_KEC over three rows
    assert check_file(path).baris_diterima == 3


@pytest.mark.parametrize(
    ("limit", "value", "words"),
    [("MAX_ROWS", 3, "lebih dari 3 baris"), ("MAX_MERGED_CELLS", 2, "sel gabungan"), ("MAX_COLUMNS", 5, "lebar")],
)
def test_xlsx_limits(tmp_path, monkeypatch, limit, value, words):
    monkeypatch.setattr(xlsx, limit, value)
    if limit == "MAX_ROWS":
        monkeypatch.setattr("cc_analytics.sources.readers.MAX_ROWS", value)
    path = _workbook(tmp_path / "dukcapil_2025-S1.xlsx", rows=5, merge="I2:I4")
    with pytest.raises(SourceFileError, match=words):
        check_file(path)


def test_ingest_of_a_file_not_read_to_its_end_fails_and_writes_nothing(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    lines = csv_text(40).split("\n")
    lines[10] = _named(10, '"TERBUKA')
    (raw / "dukcapil_2025-S1.csv").write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "marts.duckdb"
    with pytest.raises(
        SourceFileError, match="tidak terbaca sampai akhir: berkas berisi 40 baris data, yang terbaca 10"
    ):
        run_ingest(raw, out)
    assert not out.exists()
