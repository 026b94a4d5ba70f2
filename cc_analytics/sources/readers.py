"""Readers that survive real agency files: turn any accepted file into a plain UTF-8 CSV for the ingest.

Accepted: CSV separated by comma or semicolon in UTF-8, UTF-8 with BOM, UTF-16 with BOM or Latin-1 (Windows
exports); XLSX workbooks with title rows above the header, merged cells, several sheets with the same
header (one per kecamatan, say) and trailing total rows. The result keeps every data row as it was, so
validation, not the reader, decides what is wrong (a total row is rejected there with its reason).

Spreadsheet numbers are written as a spreadsheet shows them: a NIK that Excel stored as a number has lost
its last digit(s), so it is written in scientific notation (``3.51401E+15``) and rejected by validation
rather than silently "repaired".
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cc_analytics.errors import SourceFileError
from cc_analytics.schema import RAW_SOURCES, normalise_column_name

_SNIFF_BYTES = 1 << 20
_HEADER_SEARCH_ROWS = 30


@dataclass(frozen=True)
class Prepared:
    """A file ready for the CSV reader, and what was done to get it there (Indonesian, empty if nothing)."""

    path: Path
    note: str = ""


def detect_encoding(path: Path) -> str:
    """``utf-8-sig``, ``utf-16`` or ``latin-1``, judged from the BOM and the first megabyte."""
    head = path.read_bytes()[:_SNIFF_BYTES] if path.stat().st_size <= _SNIFF_BYTES else _read_head(path)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
            return "latin-1"
    return "utf-8-sig"


def _read_head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(_SNIFF_BYTES)


def _transcode(path: Path, encoding: str, out: Path) -> None:
    with path.open("r", encoding=encoding, newline="") as src, out.open("w", encoding="utf-8", newline="") as dst:
        while chunk := src.read(1 << 22):
            dst.write(chunk)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= 1e15:
        # A 16-digit number stored as a spreadsheet number keeps only 15 significant digits: show it as the
        # spreadsheet does, so validation rejects it instead of trusting a NIK whose last digit is gone.
        return f"{float(value):.5E}".replace("E+0", "E+")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def _sheet_rows(sheet) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """All rows of a worksheet as text, merged ranges filled with their top-left value."""
    merged = list(sheet.merged_cells.ranges)
    fills: dict[tuple[int, int], object] = {}
    for cell_range in merged:
        value = sheet.cell(row=cell_range.min_row, column=cell_range.min_col).value
        for row in range(cell_range.min_row, cell_range.max_row + 1):
            for col in range(cell_range.min_col, cell_range.max_col + 1):
                fills[(row, col)] = value
    rows = []
    for r_index, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        rows.append([_cell_text(fills.get((r_index, c_index), v)) for c_index, v in enumerate(row, start=1)])
    return rows


def _find_header(rows: list[list[str]], required: list[str]) -> int | None:
    for index, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        names = {normalise_column_name(v) for v in row if v}
        if all(c in names for c in required):
            return index
    return None


def _xlsx_to_csv(path: Path, sumber: str, out: Path) -> str:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    required = RAW_SOURCES[sumber].required_columns
    try:
        workbook = load_workbook(path, read_only=False, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise SourceFileError(path.name, f"bukan berkas XLSX yang dapat dibaca ({type(exc).__name__})") from exc
    header: list[str] | None = None
    used: list[str] = []
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        for sheet in workbook.worksheets:
            rows = _sheet_rows(sheet)
            at = _find_header(rows, required)
            if at is None:
                continue
            this_header = [normalise_column_name(v) if v else f"KOLOM_{i + 1}" for i, v in enumerate(rows[at])]
            if header is None:
                header = this_header
                writer.writerow(header)
            elif this_header != header:
                raise SourceFileError(path.name, f"judul kolom sheet '{sheet.title}' berbeda dari sheet pertama")
            used.append(f"'{sheet.title}' (judul di baris {at + 1})")
            width = len(header)
            for row in rows[at + 1 :]:
                if any(row):
                    writer.writerow((row + [""] * width)[:width])
    if header is None:
        missing = ", ".join(required)
        raise SourceFileError(path.name, f"tidak ada sheet dengan semua kolom wajib ({missing})", column=required[0])
    return "dikonversi dari XLSX: sheet " + ", ".join(used)


def prepare(path: Path, sumber: str, workdir: Path) -> Prepared:
    """A UTF-8 CSV with the content of ``path``; the file itself when it already is one.

    Raises:
        SourceFileError: an XLSX without the header, or a file that is neither text nor XLSX.
    """
    suffix = path.suffix.lower()
    out = workdir / (path.name + ".csv")
    if suffix in (".xlsx", ".xlsm"):
        return Prepared(out, _xlsx_to_csv(path, sumber, out))
    if suffix == ".xls":
        raise SourceFileError(path.name, "format .xls lama tidak didukung; simpan ulang sebagai .xlsx atau .csv")
    encoding = detect_encoding(path)
    if encoding == "utf-8-sig":
        return Prepared(path)
    _transcode(path, encoding, out)
    return Prepared(out, f"dikonversi dari {encoding.upper()} ke UTF-8")
