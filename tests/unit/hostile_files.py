"""Generators of hostile raw files: each builds one file that once crashed, hung, exhausted memory, lost rows
silently or echoed personal data, small on disk.

Every file that holds data rows plants the same person (:data:`SECRETS`) so a test can check that no message
echoes it.
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from cc_analytics.schema import DUKCAPIL

HEADER = [f.name for f in DUKCAPIL.fields]
SECRET_NIK = "3514016512990007"
SECRET_KK = "3514010101990042"
SECRET_NAME = "SITI RAHASIA WULANDARI"
SECRETS = (SECRET_NIK, SECRET_KK, SECRET_NAME)


def row(n: int) -> list[str]:
    """A valid Dukcapil row; row 0 is the planted person."""
    if n == 0:
        return [SECRET_NIK, SECRET_KK, SECRET_NAME, "PEREMPUAN", "25-12-1999", "ISTRI", "35", "14", "01", "2001"]
    nik, kk = f"351401010180{n:04d}", f"351401{9000000000 + n:010d}"
    return [nik, kk, f"Nama {n}", "LAKI-LAKI", "01-01-1980", "KEPALA KELUARGA", "35", "14", "01", "2001"]


def line(n: int) -> str:
    """One CSV line (no newline) of :func:`row` ``n``, alive."""
    return ",".join([*row(n), "HIDUP", ""])


def csv_text(rows: int = 30) -> str:
    """Header and ``rows`` valid lines, the planted person first."""
    return "\n".join([",".join(HEADER), *(line(n) for n in range(rows))]) + "\n"


@dataclass(frozen=True)
class Hostile:
    """A hostile file: how to build it, and the exit codes ``validate`` may give for it."""

    name: str
    build: Callable[[Path], Path]
    exits: tuple[int, ...] = (2,)


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def stray_quote(folder: Path) -> Path:
    """A ``"`` in front of the third field of line 11: the rest of the file is one unterminated value."""
    lines = csv_text(200).split("\n")
    fields = lines[10].split(",")
    fields[2] = '"' + fields[2]
    lines[10] = ",".join(fields)
    return _write(folder, "dukcapil_2025-S1.csv", "\n".join(lines).encode())


def stray_quote_pair(folder: Path) -> Path:
    """Two stray quotes at the same field: lines between them become one value of an accepted-looking row."""
    lines = csv_text(200).split("\n")
    first, last = lines[10].split(","), lines[60].split(",")
    first[2], last[2] = '"' + first[2], last[2] + '"'
    lines[10], lines[60] = ",".join(first), ",".join(last)
    return _write(folder, "dukcapil_2025-S1.csv", "\n".join(lines).encode())


def header_only(folder: Path) -> Path:
    """Only the header line: an empty snapshot."""
    return _write(folder, "dukcapil_2025-S1.csv", (",".join(HEADER) + "\n").encode())


def headerless(folder: Path) -> Path:
    """An export without a header: its first line is the planted person's NIK, KK number and name."""
    return _write(folder, "dukcapil_2025-S1.csv", csv_text(30).split("\n", 1)[1].encode())


def many_columns(folder: Path) -> Path:
    """A header of 10^6 columns (about 7 MB): once a quadratic duplicate check of hours."""
    header = ",".join(HEADER) + "," + ",".join(f"K{i}" for i in range(1_000_000))
    return _write(folder, "dukcapil_2025-S1.csv", (header + "\n" + line(0) + "\n").encode())


def wide_header(folder: Path) -> Path:
    """A short header of 300 columns."""
    header = ",".join(HEADER) + "," + ",".join(f"K{i}" for i in range(300))
    return _write(folder, "dukcapil_2025-S1.csv", (header + "\n" + line(0) + "\n").encode())


def many_empty_fields(folder: Path) -> Path:
    """A data line followed by 10^6 empty fields: once accepted as a valid row."""
    text = csv_text(30).split("\n")
    text[5] += "," * 1_000_000
    return _write(folder, "dukcapil_2025-S1.csv", "\n".join(text).encode())


def extra_empty_fields(folder: Path) -> Path:
    """A data line with three extra empty fields: the row must be rejected, not accepted."""
    text = csv_text(30).split("\n")
    text[5] += ",,,"
    return _write(folder, "dukcapil_2025-S1.csv", "\n".join(text).encode())


def many_bad_lines(folder: Path) -> Path:
    """A few megabytes of short lines with extra fields: once seconds and a gigabyte per megabyte."""
    bad = ",".join(["x"] * 40) + "\n"
    return _write(folder, "dukcapil_2025-S1.csv", (csv_text(5) + bad * 60_000).encode())


def endless_line(folder: Path) -> Path:
    """20 MB without a line break."""
    return _write(folder, "dukcapil_2025-S1.csv", b"NIK," + b"A" * 20_000_000)


def utf16_without_bom(folder: Path) -> Path:
    """UTF-16 LE without a byte order mark (once reported as missing columns)."""
    return _write(folder, "dukcapil_2025-S1.csv", csv_text(30).encode("utf-16-le"))


def utf32(folder: Path) -> Path:
    """UTF-32 with a byte order mark."""
    return _write(folder, "dukcapil_2025-S1.csv", csv_text(30).encode("utf-32"))


def utf32_without_bom(folder: Path) -> Path:
    """UTF-32 LE without a byte order mark."""
    return _write(folder, "dukcapil_2025-S1.csv", csv_text(30).encode("utf-32-le"))


def nul_in_nik(folder: Path) -> Path:
    """A NUL byte inside a NIK of 16 digits (once "harus 16 digit (ditemukan 16 digit)")."""
    text = csv_text(30).replace(line(3), "35140101\x0001800003" + line(3)[16:])
    return _write(folder, "dukcapil_2025-S1.csv", text.encode())


def ansi_escapes(folder: Path) -> Path:
    """Terminal escape sequences in values (clear screen, colour, title) that reach the terminal if echoed."""
    text = csv_text(30).split("\n")
    fields = text[4].split(",")
    fields[0] = "\x1b[2J\x1b]0;pwned\x07" + fields[0][:10]
    fields[3] = "\x1b[31mMERAH\x1b[0m"
    text[4] = ",".join(fields)
    return _write(folder, "dukcapil_2025-S1.csv", "\n".join(text).encode())


def ansi_file_name(folder: Path) -> Path:
    """A file name holding an escape sequence (checked with ``--source``)."""
    return _write(folder, "ekspor\x1b[2J.csv", csv_text(5).encode())


def year_zero(folder: Path) -> Path:
    """Year 0000 in the name (once a crash in the period parser)."""
    return _write(folder, "dukcapil_0000-S1.csv", csv_text(5).encode())


def binary_garbage(folder: Path) -> Path:
    """Random bytes named as a CSV."""
    return _write(folder, "dukcapil_2025-S1.csv", os.urandom(200_000))


def empty_file(folder: Path) -> Path:
    """Zero bytes."""
    return _write(folder, "dukcapil_2025-S1.csv", b"")


def symlink_outside(folder: Path) -> Path:
    """A link in the folder to a file outside it (whose first line is the planted person)."""
    outside = folder.parent / f"{folder.name}-luar"
    outside.mkdir(exist_ok=True)
    target = headerless(outside)
    link = folder / "dukcapil_2025-S1.csv"
    link.symlink_to(target)
    return link


def dangling_symlink(folder: Path) -> Path:
    """A link to a file that does not exist."""
    link = folder / "dukcapil_2025-S1.csv"
    link.symlink_to(folder / "hilang.csv")
    return link


def csv_named_xlsx(folder: Path) -> Path:
    """A CSV renamed ``.xlsx`` (once a ``BadZipFile`` traceback)."""
    return _write(folder, "dukcapil_2025-S1.xlsx", csv_text(5).encode())


def _xlsx_bytes(rows: int = 5) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for n in range(rows):
        sheet.append([*row(n), "HIDUP", None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _patch_sheet(data: bytes, patch: Callable[[bytes], bytes]) -> bytes:
    """Rewrite the first worksheet's XML of an XLSX."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = patch(content)
            dst.writestr(item, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def xlsx_merge_bomb(folder: Path) -> Path:
    """``<mergeCell ref="A2:XFD1048576"/>``: 17 billion cells to fill (once 5 GB and MemoryError)."""

    def patch(xml: bytes) -> bytes:
        merge = b'<mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells>'
        return xml.replace(b"</sheetData>", b"</sheetData>" + merge)

    return _write(folder, "dukcapil_2025-S1.xlsx", _patch_sheet(_xlsx_bytes(), patch))


def xlsx_huge_dimension(folder: Path) -> Path:
    """``<dimension ref="A1:XFD1048576"/>`` on a sheet of six rows."""

    def patch(xml: bytes) -> bytes:
        start = xml.index(b"<dimension ")
        end = xml.index(b"/>", start) + 2
        return xml[:start] + b'<dimension ref="A1:XFD1048576"/>' + xml[end:]

    return _write(folder, "dukcapil_2025-S1.xlsx", _patch_sheet(_xlsx_bytes(), patch))


def xlsx_far_cell(folder: Path) -> Path:
    """One cell at XFD1048576 after the data: a reader that pads rows and columns builds 17 billion cells."""

    def patch(xml: bytes) -> bytes:
        far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        return xml.replace(b"</sheetData>", far + b"</sheetData>")

    return _write(folder, "dukcapil_2025-S1.xlsx", _patch_sheet(_xlsx_bytes(), patch))


def zip_not_xlsx(folder: Path) -> Path:
    """A zip archive without a workbook in it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("catatan.txt", "bukan buku kerja")
    return _write(folder, "dukcapil_2025-S1.xlsx", buffer.getvalue())


def xlsx_truncated_sheet(folder: Path) -> Path:
    """A workbook whose worksheet XML stops halfway."""
    return _write(folder, "dukcapil_2025-S1.xlsx", _patch_sheet(_xlsx_bytes(), lambda xml: xml[: len(xml) // 2]))


def xlsx_entity_expansion(folder: Path) -> Path:
    """A worksheet whose XML declares nested entities that expand to gigabytes ("billion laughs")."""
    entities = b'<!ENTITY a0 "ha">' + b"".join(
        b'<!ENTITY a%d "%s">' % (i, b"".join(b"&a%d;" % (i - 1) for _ in range(10))) for i in range(1, 10)
    )

    def patch(xml: bytes) -> bytes:
        start = xml.index(b"<worksheet")
        cell = b'<c r="A7" t="inlineStr"><is><t>&a9;</t></is></c>'
        body = xml[start:].replace(b"</sheetData>", b'<row r="7">' + cell + b"</row></sheetData>")
        return b"<?xml version='1.0'?><!DOCTYPE worksheet [" + entities + b"]>" + body

    return _write(folder, "dukcapil_2025-S1.xlsx", _patch_sheet(_xlsx_bytes(), patch))


def xlsx_zip_bomb(folder: Path, megabytes: int = 1500) -> Path:
    """A worksheet of ``megabytes`` MB of XML that deflates to about a thousandth of that."""
    base = _xlsx_bytes()
    chunk = b'<row><c t="inlineStr"><is><t>A</t></is></c></row>' * 20_000  # 1 MB
    head = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    tail = b"</sheetData></worksheet>"
    stream = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = stream.compress(head) + stream.flush(zlib.Z_FULL_FLUSH)
    piece = stream.compress(chunk) + stream.flush(zlib.Z_FULL_FLUSH)  # the same bytes after every full flush
    end = stream.compress(tail) + stream.flush()
    compressed = start + piece * megabytes + end
    size = len(head) + len(chunk) * megabytes + len(tail)
    return _write(folder, "dukcapil_2025-S1.xlsx", _replace_member(base, compressed, size))


def _replace_member(data: bytes, compressed: bytes, size: int) -> bytes:
    """The XLSX ``data`` with its first worksheet replaced by a raw deflate stream of ``size`` bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        members = [(item, src.read(item.filename)) for item in src.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for item, content in members:
            if item.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(item, content, compress_type=zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=(2025, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.file_size = size
        info.compress_size = len(compressed)
        info.CRC = 0
        header_offset = out.tell()
        info.header_offset = header_offset
        out.write(info.FileHeader(zip64=False))
        out.write(compressed)
        dst.filelist.append(info)
        dst.NameToInfo[info.filename] = info
        dst.start_dir = out.tell()
    return out.getvalue()


HOSTILE = [
    Hostile("stray_quote", stray_quote),
    Hostile("stray_quote_pair", stray_quote_pair),
    Hostile("header_only", header_only),
    Hostile("headerless", headerless),
    Hostile("many_columns", many_columns),
    Hostile("wide_header", wide_header),
    Hostile("many_empty_fields", many_empty_fields),
    Hostile("extra_empty_fields", extra_empty_fields, exits=(1,)),
    Hostile("many_bad_lines", many_bad_lines),
    Hostile("endless_line", endless_line),
    Hostile("utf16_without_bom", utf16_without_bom, exits=(0,)),
    Hostile("utf32", utf32, exits=(0,)),
    Hostile("utf32_without_bom", utf32_without_bom, exits=(0,)),
    Hostile("nul_in_nik", nul_in_nik, exits=(1,)),
    Hostile("ansi_escapes", ansi_escapes, exits=(1,)),
    Hostile("ansi_file_name", ansi_file_name, exits=(0,)),
    Hostile("year_zero", year_zero),
    Hostile("binary_garbage", binary_garbage),
    Hostile("empty_file", empty_file),
    Hostile("symlink_outside", symlink_outside),
    Hostile("dangling_symlink", dangling_symlink),
    Hostile("csv_named_xlsx", csv_named_xlsx),
    Hostile("xlsx_merge_bomb", xlsx_merge_bomb),
    Hostile("xlsx_huge_dimension", xlsx_huge_dimension, exits=(0,)),
    Hostile("xlsx_far_cell", xlsx_far_cell),
    Hostile("xlsx_zip_bomb", xlsx_zip_bomb),
    Hostile("zip_not_xlsx", zip_not_xlsx),
    Hostile("xlsx_truncated_sheet", xlsx_truncated_sheet),
    Hostile("xlsx_entity_expansion", xlsx_entity_expansion),
]
