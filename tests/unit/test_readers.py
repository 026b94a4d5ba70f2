"""Real-file quirks: every fixture file is generated here, then checked with the same code the ingest uses."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from cc_analytics.cli import main
from cc_analytics.errors import SourceFileError
from cc_analytics.ingest import run_ingest
from cc_analytics.ingest.check_file import check_file
from cc_analytics.schema import DUKCAPIL, PKH
from tests.unit.handmade import DUKCAPIL_ROWS, A, nik, pkh_row

PKH_HEADER = [f.name for f in PKH.fields]
DUKCAPIL_HEADER = [f.name for f in DUKCAPIL.fields]


def write_csv(path: Path, header: list[str], rows: list[list[str]], *, delimiter=",", encoding="utf-8") -> Path:
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


GOOD_PKH = [pkh_row(nik(n), n, A, 1, {2: 1}, 225_000) for n in range(1, 4)]


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(",", "utf-8"), (";", "utf-8"), (",", "utf-8-sig"), (";", "latin-1"), (",", "utf-16")],
)
def test_csv_dialects_and_encodings(tmp_path, delimiter, encoding):
    rows = [[*r[:2], "Suhartín Ñoer", *r[3:]] for r in GOOD_PKH]
    path = write_csv(tmp_path / "pkh_2025_tahap1.csv", PKH_HEADER, rows, delimiter=delimiter, encoding=encoding)
    check = check_file(path)
    assert (check.baris_dibaca, check.baris_diterima, check.baris_ditolak) == (3, 3, 0)
    if encoding in ("latin-1", "utf-16"):
        assert "UTF-8" in check.catatan


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        ("225000", True),
        ("225.000", True),
        ("225,000", True),
        ("225000,00", True),
        ("Rp 225.000", True),
        ("225.5", False),
        ("dua ratus", False),
        ("-5", False),
    ],
)
def test_nominal_number_formats(tmp_path, value, accepted):
    row = pkh_row(nik(1), 1, A, 1, {2: 1}, 0)
    row[PKH_HEADER.index("NOMINAL")] = value
    check = check_file(write_csv(tmp_path / "pkh_2025_tahap1.csv", PKH_HEADER, [row]))
    assert check.baris_diterima == (1 if accepted else 0)


@pytest.mark.parametrize(
    ("kode", "reason"),
    [
        ("35.14.01.2001", None),
        ("3514012001", None),
        ("35.14.1.2001", None),
        ("35.15.01.2001", "bukan wilayah Kabupaten Pasuruan"),
        ("35.14.01.2999", "tidak ada dalam referensi"),
        ("351401200", "tidak ada dalam referensi"),
    ],
)
def test_kode_desa_forms(tmp_path, kode, reason):
    row = pkh_row(nik(1), 1, kode, 1, {2: 1}, 225_000)
    check = check_file(write_csv(tmp_path / "pkh_2025_tahap1.csv", PKH_HEADER, [row]))
    if reason is None:
        assert check.baris_diterima == 1
    else:
        assert reason in check.ditolak["alasan"].iloc[0]


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("3.51401E+15", "notasi ilmiah"),
        ("351401010180001", "ditemukan 15 digit"),
        ("9999990101800001", "awalan wilayah"),
        ("3514019913800001", "tanggal lahir"),
        ("", "kosong"),
    ],
)
def test_bad_nik_is_rejected_never_repaired(tmp_path, value, reason):
    row = pkh_row(value, 1, A, 1, {2: 1}, 225_000)
    check = check_file(write_csv(tmp_path / "pkh_2025_tahap1.csv", PKH_HEADER, [row]))
    assert check.baris_ditolak == 1
    assert reason in check.ditolak["alasan"].iloc[0]


@pytest.mark.parametrize("born", ["01-01-1980", "01/01/1980", "1980-01-01", "29221"])
def test_birth_date_formats(tmp_path, born):
    row = list(DUKCAPIL_ROWS[0])
    row[DUKCAPIL_HEADER.index("TGL_LHR")] = born
    row[DUKCAPIL_HEADER.index("NO_KEC")] = "1"  # leading zero lost
    check = check_file(write_csv(tmp_path / "dukcapil_2025-S1.csv", DUKCAPIL_HEADER, [row]))
    assert check.baris_diterima == 1


def test_xlsx_with_title_rows_merged_cells_sheets_and_total(tmp_path):
    workbook = Workbook()
    first = workbook.active
    first.title = "Bangil"
    first.append(["DAFTAR KPM PKH KABUPATEN PASURUAN"])
    first.merge_cells("A1:F1")
    first.append(["Tahap 1 Tahun 2025"])
    first.append([])
    first.append(PKH_HEADER)
    for row in GOOD_PKH[:2]:
        first.append([int(v) if v.isdigit() and len(v) < 10 else v for v in row])
    first.append(["JUMLAH", None, None, None, None, None, 0, 0, 2, 0, 0, 0, 0, 450000, None])
    first.merge_cells(start_row=first.max_row, start_column=1, end_row=first.max_row, end_column=6)
    second = workbook.create_sheet("Kraton")
    second.append(PKH_HEADER)
    excel_nik = [float(GOOD_PKH[2][0]), *GOOD_PKH[2][1:]]  # a NIK typed as a number loses its last digit
    second.append(excel_nik)
    second.append(GOOD_PKH[2])
    path = tmp_path / "pkh_2025_tahap1.xlsx"
    workbook.save(path)
    check = check_file(path)
    assert (check.baris_dibaca, check.baris_diterima, check.baris_ditolak) == (5, 3, 2)
    reasons = sorted(check.ditolak["alasan"])
    assert "baris jumlah/total, bukan data" in reasons
    assert any("notasi ilmiah" in r for r in reasons)
    assert "sheet 'Bangil' (judul di baris 4)" in check.catatan and "'Kraton'" in check.catatan


def test_xlsx_dates_become_dates(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(DUKCAPIL_HEADER)
    row = list(DUKCAPIL_ROWS[0])
    row[DUKCAPIL_HEADER.index("TGL_LHR")] = dt.datetime(1980, 1, 1)
    sheet.append(row)
    path = tmp_path / "dukcapil_2025-S1.xlsx"
    workbook.save(path)
    assert check_file(path).baris_diterima == 1


def test_duplicates_across_files_of_one_period(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    write_csv(raw / "dukcapil_2025-S1.csv", DUKCAPIL_HEADER, DUKCAPIL_ROWS[:4])
    write_csv(raw / "pkh_2025_tahap1_a.csv", PKH_HEADER, GOOD_PKH)
    write_csv(raw / "pkh_2025_tahap1_b.csv", PKH_HEADER, [GOOD_PKH[0], pkh_row(nik(9), 9, A, 1, {2: 1}, 225_000)])
    out = tmp_path / "m.duckdb"
    report = run_ingest(raw, out)
    accounts = {f.file_name: (f.baris_dibaca, f.baris_diterima, f.baris_ditolak) for f in report.files}
    assert accounts["pkh_2025_tahap1_a.csv"] == (3, 3, 0)
    assert accounts["pkh_2025_tahap1_b.csv"] == (2, 1, 1)
    with duckdb.connect(str(out), read_only=True) as con:
        reason = con.execute("SELECT alasan, nomor_baris FROM ingest_tolak WHERE file_name LIKE 'pkh%'").fetchall()
        kpm = con.execute("SELECT sum(jumlah_kpm) FROM pkh_kpm").fetchone()[0]
    assert reason == [("baris ganda: sudah ada di berkas pkh_2025_tahap1_a.csv", 2)]
    assert kpm == 4


def test_reimporting_the_same_files_changes_nothing(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    write_csv(raw / "dukcapil_2025-S1.csv", DUKCAPIL_HEADER, DUKCAPIL_ROWS)
    write_csv(raw / "pkh_2025_tahap1.csv", PKH_HEADER, GOOD_PKH)

    def snapshot(path: Path) -> dict[str, list]:
        with duckdb.connect(str(path), read_only=True) as con:
            tables = [t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
            return {t: sorted(map(str, con.execute(f"SELECT * FROM {t}").fetchall())) for t in tables if t != "meta"}

    run_ingest(raw, tmp_path / "one.duckdb")
    run_ingest(raw, tmp_path / "two.duckdb")
    assert snapshot(tmp_path / "one.duckdb") == snapshot(tmp_path / "two.duckdb")


def test_validate_command_exit_codes(tmp_path, capsys):
    clean = write_csv(tmp_path / "pkh_2025_tahap1.csv", PKH_HEADER, GOOD_PKH)
    assert main(["validate", str(clean)]) == 0
    (tmp_path / "dirty").mkdir()
    dirty_rows = [*GOOD_PKH, pkh_row("123", 1, A, 1, {}, 0)]
    dirty = write_csv(tmp_path / "dirty" / "pkh_2025_tahap1.csv", PKH_HEADER, dirty_rows)
    assert main(["validate", str(dirty)]) == 1
    assert "dibaca 4 = diterima 3 + ditolak 1" in capsys.readouterr().out
    binary = tmp_path / "pkh_2025_tahap3.csv"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    assert main(["validate", str(binary)]) == 2
    assert main(["validate", str(tmp_path / "tidak_ada.csv"), "--source", "pkh"]) == 2


def test_unknown_file_name_needs_source(tmp_path):
    path = write_csv(tmp_path / "export_kemensos.csv", PKH_HEADER, GOOD_PKH)
    with pytest.raises(SourceFileError):
        check_file(path)
    check = check_file(path, "pkh")
    assert check.baris_diterima == 3


_GOOD = st.builds(lambda n: pkh_row(nik(n), n, A, 1, {2: 1}, 225_000), st.integers(1, 9999))
_BAD = st.sampled_from(
    [
        pkh_row("3.5E+15", 1, A, 1, {2: 1}, 225_000),
        pkh_row(nik(1), 1, "99.99.99.9999", 1, {2: 1}, 225_000),
        pkh_row(nik(1), 1, A, 3, {2: 1}, 225_000),
        pkh_row(nik(1), 1, A, 1, {2: 1}, -1),
        ["JUMLAH", *[""] * 14],
        ["1", "2"],
    ]
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(st.booleans(), _GOOD, _BAD), min_size=1, max_size=30))
def test_no_row_is_lost(tmp_path, rows):
    lines = [good if keep else bad for keep, good, bad in rows]
    path = tmp_path / "pkh_2025_tahap1.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(",".join(PKH_HEADER) + "\n")
        for line in lines:
            handle.write(",".join(line) + "\n")
    check = check_file(path)
    assert check.baris_dibaca == len(lines)
    assert check.baris_diterima + check.baris_ditolak == len(lines)
    assert check.baris_diterima == sum(1 for keep, _, _ in rows if keep)
    assert len(check.ditolak) == check.baris_ditolak
