"""Readers that survive real agency files: turn any accepted file into a plain UTF-8 CSV for the ingest.

Accepted: CSV separated by comma or semicolon in UTF-8, UTF-8 with BOM, UTF-16 or UTF-32 (with or without a
BOM) or Latin-1 (Windows exports); XLSX workbooks (read in streaming mode within limits, see
:mod:`cc_analytics.sources.xlsx`) with title rows above the header, merged cells, several sheets with the same
header (one per kecamatan, say) and trailing total rows. The result keeps every data row as it was, so
validation, not the reader, decides what is wrong (a total row is rejected there with its reason).

Spreadsheet numbers are written as a spreadsheet shows them: a NIK that Excel stored as a number has lost
its last digit(s), so it is written in scientific notation (``3.51401E+15``) and rejected by validation
rather than silently "repaired".
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError

from cc_analytics.errors import SourceFileError
from cc_analytics.schema import RAW_SOURCES, normalise_column_name
from cc_analytics.sources.xlsx import MAX_ROWS, Merged, merged_ranges, open_workbook, sheet_member, sheet_rows

_SNIFF_BYTES = 1 << 20
_HEADER_SEARCH_ROWS = 30


@dataclass(frozen=True)
class Prepared:
    """A file ready for the CSV reader, and what was done to get it there (Indonesian, empty if nothing)."""

    path: Path
    note: str = ""


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _wide_without_bom(head: bytes) -> str | None:
    """``utf-16-le/be`` or ``utf-32-le/be`` when the NUL bytes of ``head`` fall where ASCII text in that
    encoding puts them, else None."""
    sample = head[: 4096 - 4096 % 4]
    if len(sample) < 8 or sample.count(0) < len(sample) // 3:
        return None
    zeros = [sample[i::4].count(0) / (len(sample) // 4) for i in range(4)]
    if min(zeros[1:]) > 0.9 and zeros[0] < 0.5:
        return "utf-32-le"
    if min(zeros[:3]) > 0.9 and zeros[3] < 0.5:
        return "utf-32-be"
    if zeros[1] > 0.9 and zeros[3] > 0.9:
        return "utf-16-le"
    if zeros[0] > 0.9 and zeros[2] > 0.9:
        return "utf-16-be"
    return None


def detect_encoding(path: Path) -> str:
    """``utf-8-sig``, ``utf-16``/``utf-32`` (with a BOM), ``utf-16-le/be``/``utf-32-le/be`` (without one, told
    from where the NUL bytes fall) or ``latin-1``, judged from the first megabyte."""
    head = _read_head(path)
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    if wide := _wide_without_bom(head):
        return wide
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
    try:
        with path.open("r", encoding=encoding, newline="") as src, out.open("w", encoding="utf-8", newline="") as dst:
            while chunk := src.read(1 << 22):
                dst.write(chunk)
    except UnicodeError as exc:
        raise SourceFileError(
            path.name, f"bukan teks {encoding.upper()} yang sah; simpan ulang sebagai CSV UTF-8"
        ) from exc


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
    # A line break inside a cell would make one row two lines of the CSV: keep the row on one line.
    return " ".join(str(value).split("\n")).replace("\r", " ").strip()


def _find_header(rows: list[list[str]], required: list[str]) -> int | None:
    for index, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        names = {normalise_column_name(v) for v in row if v}
        if all(c in names for c in required):
            return index
    return None


def _sheet_header(texts: list[list[str]], at: int) -> list[str]:
    """Normalised header of a sheet from row ``at``, trailing empty cells dropped, unnamed columns numbered."""
    cells = texts[at]
    width = max((i + 1 for i, v in enumerate(cells) if v), default=0)
    return [normalise_column_name(v) if v else f"KOLOM_{i + 1}" for i, v in enumerate(cells[:width])]


def _copy_sheet(
    sheet, ranges: list[Merged], name: str, writer, known: list[str] | None, required: list[str], budget: list[int]
) -> tuple[list[str] | None, str | None]:  # type: ignore[no-untyped-def]
    """Write the data rows of one sheet under ``known`` (or its own header when ``known`` is None).

    Returns:
        The header in use and the note for the sheet (None when the sheet has no header).
    """
    rows = sheet_rows(sheet, ranges, name, budget)
    texts = [[_cell_text(v) for v in row] for row in itertools.islice(rows, _HEADER_SEARCH_ROWS)]
    at = _find_header(texts, required)
    if at is None:
        return known, None
    header = _sheet_header(texts, at)
    if known is None:
        writer.writerow(header)
    elif header != known:
        raise SourceFileError(name, f"judul kolom sheet '{sheet.title}' berbeda dari sheet pertama")
    width = len(header)
    for row in itertools.chain(texts[at + 1 :], ([_cell_text(v) for v in values] for values in rows)):
        if any(row):
            writer.writerow((row + [""] * width)[:width])
    return header, f"'{sheet.title}' (judul di baris {at + 1})"


def _xlsx_to_csv(path: Path, sumber: str, out: Path) -> str:
    required = RAW_SOURCES[sumber].required_columns
    workbook, archive = open_workbook(path)
    header: list[str] | None = None
    used: list[str] = []
    budget = [MAX_ROWS]
    try:
        with out.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            for sheet in workbook.worksheets:
                ranges = merged_ranges(archive, sheet_member(sheet), path.name)
                header, note = _copy_sheet(sheet, ranges, path.name, writer, header, required, budget)
                used += [note] if note else []
    except (zipfile.BadZipFile, KeyError, ParseError, zlib.error, EOFError, ValueError) as exc:
        raise SourceFileError(
            path.name, "isi berkas XLSX rusak; buka dan simpan ulang di Excel, atau simpan sebagai CSV"
        ) from exc
    finally:
        workbook.close()
        archive.close()
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
