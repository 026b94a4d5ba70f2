"""Checking one file without importing it: ``python -m cc_analytics validate FILE [--source S]``.

Runs the same reader and validation as the ingest, in memory, and reports the accounting and the reasons.
Exit codes: 0 every row accepted, 1 some rows rejected, 2 the file cannot be read at all.
"""

from __future__ import annotations

import argparse
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from cc_analytics.config import load_settings
from cc_analytics.errors import SourceFileError
from cc_analytics.ingest.aggregate import load_reference
from cc_analytics.ingest.files import RawFile, checked_link, classify
from cc_analytics.ingest.validate import TOLAK_DDL, read_and_validate
from cc_analytics.ingest.workspace import work_dir
from cc_analytics.schema import RAW_SOURCES
from cc_analytics.sources import RULES
from cc_analytics.sources.readers import prepare
from cc_analytics.wilayah import load_wilayah


@dataclass(frozen=True)
class FileCheck:
    """Result of checking one file: accounting, the rejected rows (NIK masked) and the reader's note."""

    file_name: str
    sumber: str
    baris_dibaca: int
    baris_diterima: int
    baris_ditolak: int
    ditolak: pd.DataFrame
    catatan: str

    @property
    def exit_code(self) -> int:
        """0 when clean, 1 when rows were rejected."""
        return 1 if self.baris_ditolak else 0


def _raw_file(path: Path, sumber: str | None) -> RawFile:
    try:
        raw = classify(path)
    except SourceFileError:
        if sumber is None:
            raise
        return RawFile(path, sumber, None, date.today())
    if sumber is not None and sumber != raw.sumber:
        return RawFile(path, sumber, None, raw.tanggal_data or date.today())
    return raw


def check_file(path: Path, sumber: str | None = None, work_parent: Path | None = None) -> FileCheck:
    """Read and validate ``path`` as its name (or ``sumber``) says, without touching the marts.

    Converted copies (an XLSX as CSV) and spill files go to a work folder inside ``work_parent`` (default: the
    folder of the marts), never to the system's temp folder; it is removed afterwards, or after a crash by
    the next writer (:mod:`cc_analytics.ingest.workspace`).

    Raises:
        SourceFileError: when the file cannot be read, lacks a required column or has an unknown name and
            no ``sumber`` was given.
    """
    checked_link(path)
    if not path.is_file():
        raise SourceFileError(path.name, "berkas tidak ditemukan")
    raw = _raw_file(path, sumber)
    parent = work_parent if work_parent is not None else load_settings().marts_path.parent
    with work_dir(parent, "periksa") as work:
        con = duckdb.connect(config={"temp_directory": str(work)})
        con.execute("SET enable_progress_bar = false")
        try:
            load_reference(con, load_wilayah(), into_mart=False)
            con.execute(TOLAK_DDL)
            prepared = prepare(path, raw.sumber, work)
            result = read_and_validate(con, raw, prepared.path, RULES[raw.sumber], "ok")
            rejected = con.execute("SELECT nomor_baris, kolom, alasan, nilai FROM tolak ORDER BY nomor_baris").df()
        finally:
            con.close()
    return FileCheck(raw.name, raw.sumber, result.read, result.accepted, result.rejected, rejected, prepared.note)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the validate command."""
    parser.add_argument("file", type=Path, help="berkas CSV/XLSX yang diperiksa")
    parser.add_argument("--source", choices=list(RAW_SOURCES), help="jenis sumber bila nama berkas tidak baku")
    parser.add_argument("--limit", type=int, default=20, help="jumlah alasan penolakan yang dicetak")


def plain(text: object) -> str:
    """``text`` safe for a terminal: control and format characters (escape sequences, bidi overrides) are
    written as ``\\xNN``/``\\uNNNN`` instead of being sent to it."""
    return "".join(
        ch if unicodedata.category(ch) not in ("Cc", "Cf") else ch.encode("unicode_escape").decode("ascii")
        for ch in str(text)
    )


def run(args: argparse.Namespace) -> int:
    """Print the accounting and reasons; return 0, 1 or 2 (see module docstring)."""
    try:
        check = check_file(args.file, args.source)
    except SourceFileError as exc:
        print(plain(f"Galat: {exc}"))
        return 2
    print(plain(f"{check.file_name} ({check.sumber}){' — ' + check.catatan if check.catatan else ''}"))
    print(f"dibaca {check.baris_dibaca} = diterima {check.baris_diterima} + ditolak {check.baris_ditolak}")
    if check.baris_ditolak:
        shown = check.ditolak.fillna({"kolom": "-", "nilai": ""})
        summary = shown.groupby(["kolom", "alasan"]).size().sort_values(ascending=False)
        print("Alasan penolakan:")
        for (kolom, alasan), count in summary.items():
            print(plain(f"  {count:>7}  {kolom}: {alasan}"))
        print(f"Contoh baris ditolak (maks. {args.limit}):")
        for row in shown.head(args.limit).itertuples():
            print(plain(f"  baris {row.nomor_baris}: {row.kolom} = {row.nilai} — {row.alasan}"))
    return check.exit_code
