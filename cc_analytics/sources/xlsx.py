"""Reading an XLSX workbook as rows of text, in streaming mode and within limits.

An XLSX file is a zip archive of XML: a few kilobytes can declare a merged area of 17 billion cells, a sheet
dimension of a million rows by 16,384 columns, or a worksheet that inflates to gigabytes. So the archive's
directory is checked before anything is inflated (total size, compression ratio, member count), rows are
read one at a time (openpyxl ``read_only``, the declared dimension ignored), merged ranges are parsed apart
from the cells with a bounded area, and rows, columns and cells are counted. Beyond a limit the file is
refused with an Indonesian reason.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import ParseError

from cc_analytics.errors import SourceFileError
from cc_analytics.formatting import format_number

MAX_UNCOMPRESSED_BYTES = 600 << 20
MAX_RATIO = 120
MAX_MEMBERS = 2_000
MAX_ROWS = 2_000_000
MAX_COLUMNS = 1_000
MAX_MERGED_CELLS = 1_000_000
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?"')
_SCAN_CHUNK = 1 << 20


@dataclass(frozen=True)
class Merged:
    """One merged range, 1-based and inclusive."""

    min_row: int
    min_col: int
    max_row: int
    max_col: int


def _column_number(letters: bytes) -> int:
    number = 0
    for char in letters:
        number = number * 26 + char - 64
    return number


def check_archive(path: Path) -> zipfile.ZipFile:
    """Open the zip archive of an XLSX after checking its directory, without inflating anything.

    Raises:
        SourceFileError: not a zip archive, or one that inflates too far.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise SourceFileError(
            path.name, "bukan berkas XLSX (bukan arsip zip; mungkin CSV atau berkas lain yang diberi nama .xlsx)"
        ) from exc
    members = archive.infolist()
    total = sum(m.file_size for m in members)
    ratio = max((m.file_size / max(m.compress_size, 1) for m in members if m.file_size > 1 << 20), default=0)
    if len(members) > MAX_MEMBERS or total > MAX_UNCOMPRESSED_BYTES or ratio > MAX_RATIO:
        archive.close()
        raise SourceFileError(
            path.name,
            f"berkas XLSX terlalu besar setelah dibuka (isi {format_number(total / 2**20)} MB, rasio kompresi "
            f"{format_number(ratio)}×; paling banyak {format_number(MAX_UNCOMPRESSED_BYTES >> 20)} MB dan "
            f"{MAX_RATIO}×); simpan sebagai CSV",
        )
    return archive


def merged_ranges(archive: zipfile.ZipFile, member: str, name: str) -> list[Merged]:
    """The merged ranges of one worksheet, read from its XML without building the sheet.

    Raises:
        SourceFileError: the ranges together cover more than :data:`MAX_MERGED_CELLS` cells.
    """
    ranges: list[Merged] = []
    area = 0
    tail = b""
    with archive.open(member) as handle:
        while chunk := handle.read(_SCAN_CHUNK):
            text = tail + chunk
            last = text.rfind(b"<")
            cut = last if last >= 0 and text.find(b">", last) < 0 else len(text)
            for match in _MERGE.finditer(text, 0, cut):
                col1, row1, col2, row2 = match.groups()
                merged = Merged(int(row1), _column_number(col1), int(row2 or row1), _column_number(col2 or col1))
                area += (merged.max_row - merged.min_row + 1) * (merged.max_col - merged.min_col + 1)
                if area > MAX_MERGED_CELLS:
                    raise SourceFileError(
                        name,
                        f"sel gabungan (merge) terlalu luas: lebih dari {format_number(MAX_MERGED_CELLS)} sel; "
                        "lepas gabungan sel atau simpan sebagai CSV",
                    )
                ranges.append(merged)
            tail = text[cut:]
    return ranges


def _filled(row: list[object], index: int, ranges: list[Merged], tops: dict[Merged, object]) -> list[object]:
    """``row`` (1-based row number ``index``) with the cells of merged ranges set to their top-left value."""
    for merged in ranges:
        if not merged.min_row <= index <= merged.max_row:
            continue
        if index == merged.min_row:
            tops[merged] = row[merged.min_col - 1] if merged.min_col <= len(row) else None
        if len(row) < merged.max_col:
            row = row + [None] * (merged.max_col - len(row))
        for col in range(merged.min_col, merged.max_col + 1):
            row[col - 1] = tops.get(merged)
    return row


def sheet_rows(sheet, ranges: list[Merged], name: str, budget: list[int]) -> Iterator[list[object]]:  # type: ignore[no-untyped-def]
    """Rows of a read-only worksheet as lists of values, merged cells filled, within the limits.

    ``budget`` holds the rows still allowed for the whole workbook and is decreased.

    Raises:
        SourceFileError: a row wider than :data:`MAX_COLUMNS` or more than :data:`MAX_ROWS` rows in all.
    """
    sheet.reset_dimensions()  # the declared <dimension> may claim a million rows of 16,384 columns
    active = sorted(ranges, key=lambda m: m.min_row)
    tops: dict[Merged, object] = {}
    for index, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        budget[0] -= 1
        if budget[0] < 0:
            raise SourceFileError(name, f"lebih dari {format_number(MAX_ROWS)} baris; simpan sebagai CSV")
        if len(values) > MAX_COLUMNS:
            raise SourceFileError(
                name, f"sheet '{sheet.title}' baris {index} terlalu lebar (lebih dari {MAX_COLUMNS} kolom)"
            )
        row = list(values)
        yield _filled(row, index, [m for m in active if m.min_row <= index], tops) if active else row


def open_workbook(path: Path):  # type: ignore[no-untyped-def]
    """The workbook in read-only mode and its archive (checked first), as ``(workbook, archive)``.

    Raises:
        SourceFileError: not an XLSX that can be read.
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    archive = check_archive(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError, ParseError, zlib.error) as exc:
        archive.close()
        raise SourceFileError(
            path.name, "bukan berkas XLSX yang dapat dibaca (isi arsipnya tidak lengkap atau rusak)"
        ) from exc
    return workbook, archive


def sheet_member(sheet) -> str:  # type: ignore[no-untyped-def]
    """Name of a read-only worksheet's XML inside the archive."""
    return str(sheet._worksheet_path).lstrip("/")  # openpyxl keeps it only there
