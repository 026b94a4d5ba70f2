"""Importing new files into the raw store, safely: write aside, rebuild, then swap.

The raw folder and the marts change together or not at all. New files are placed in a copy of the raw
folder (existing files are hard links, so the copy is cheap); the ingest builds marts from that copy into a
file beside the marts, copying the periods that did not change from the current marts; only when it
succeeds, and the result is plausible (:mod:`cc_analytics.ingest.guards`), are the raw folder and the marts
swapped in, as one journalled step that a crash cannot leave half done (:mod:`cc_analytics.ingest.swap`).
One writer at a time (:mod:`cc_analytics.ingest.lock`).

A file with the name of an existing one replaces it (a corrected export); importing the same file again
changes nothing; a file for a new period adds that period to the history; a file with the name of an
existing one plus a suffix (``dukcapil_2025-S2_koreksi.csv``) is a *further part* of that period, so rows
it shares with the existing file are rejected as repeated.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from cc_analytics.config import Settings, load_settings
from cc_analytics.errors import IngestError
from cc_analytics.ingest.cli import add_force_argument, format_report
from cc_analytics.ingest.files import classify
from cc_analytics.ingest.lock import writer_lock
from cc_analytics.ingest.pipeline import IngestReport, Progress, run_ingest
from cc_analytics.ingest.swap import recover, swap_in
from cc_analytics.ingest.workspace import work_file, work_name


def _mirror(source: Path, target: Path) -> None:
    """Fill ``target`` with hard links to the files of ``source`` (copies across file systems); symbolic
    links stay links, so the ingest judges them as it does in the raw folder."""
    for path in source.iterdir():
        if path.is_symlink():
            os.symlink(os.readlink(path), target / path.name)
        elif path.is_file():
            try:
                os.link(path, target / path.name)
            except OSError:
                shutil.copy2(path, target / path.name)


def import_files(
    files: list[Path], settings: Settings, progress: Progress | None = None, *, paksa: bool = False
) -> IngestReport:
    """Add ``files`` to the raw folder and rebuild the marts; on any failure nothing changes.

    Args:
        files: the new files, named as raw source files.
        settings: where the raw folder and the marts are.
        progress: called with (fraction 0–1, Indonesian message) as the rebuild advances.
        paksa: accept a population jump, lost periods or a change of data kind (see guards).

    Raises:
        SourceFileError: a file name is not recognised, or a file cannot be read.
        ImportBusyError: another import, ingest or upload is running.
        ImplausibleDataError: the result is not believable (nothing changes).
        IngestError: the raw folder does not exist, or the rebuild failed.
    """
    for path in files:
        classify(path)  # a wrong name fails before anything is touched
    raw_dir, marts_path = settings.raw_dir, settings.marts_path
    if not raw_dir.is_dir():
        raise IngestError(
            f"Folder data mentah '{raw_dir.name}' tidak ada; periksa CC_RAW_DIR. Untuk impor pertama ke folder "
            "baru, buat foldernya dahulu."
        )
    with writer_lock(marts_path):
        recover(raw_dir, marts_path)
        return _import_locked(files, raw_dir, marts_path, progress, paksa)


def _import_locked(
    files: list[Path], raw_dir: Path, marts_path: Path, progress: Progress | None, paksa: bool
) -> IngestReport:
    staging = Path(tempfile.mkdtemp(prefix=work_name("mentah"), dir=raw_dir.parent))
    new_marts = work_file(marts_path.parent, "impor", ".duckdb")
    try:
        _mirror(raw_dir, staging)
        for path in files:
            target = staging / path.name
            target.unlink(missing_ok=True)
            shutil.copy2(path, target)
        report = run_ingest(staging, new_marts, progress=progress, previous=marts_path, current=marts_path, paksa=paksa)
        try:
            swap_in(staging, raw_dir, new_marts, marts_path)
        except BaseException:
            recover(raw_dir, marts_path)  # an error half-way through the swap: put the previous data back now
            raise
        return report
    except OSError as exc:
        raise IngestError(
            f"Impor gagal saat menyimpan berkas ({exc.strerror}); data sebelumnya tetap dipakai."
        ) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        new_marts.unlink(missing_ok=True)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the import command."""
    parser.add_argument("files", type=Path, nargs="+", help="berkas CSV/XLSX dengan nama baku (lihat README)")
    add_force_argument(parser)


def run(args: argparse.Namespace) -> int:
    """Import and print the accounting; 0 when every row of the new files was accepted, 1 when some were
    rejected (the import still happened: rejected rows are listed on the Data page)."""
    started = time.perf_counter()
    report = import_files(args.files, load_settings(), paksa=args.paksa)
    print(format_report(report, time.perf_counter() - started))
    names = {path.name for path in args.files}
    rejected = [f for f in report.files if f.file_name in names and f.baris_ditolak]
    for account in rejected:
        print(
            f"Perhatian: {account.baris_ditolak} baris berkas '{account.file_name}' ditolak; alasannya di halaman "
            f"Data & Kualitas atau dengan: python -m cc_analytics validate {account.file_name}"
        )
    if any(_is_part_of_existing(f.file_name, report) for f in rejected):
        print(
            "Berkas berakhiran (mis. _koreksi) adalah bagian tambahan periode itu, bukan pengganti. Untuk "
            "mengganti berkas, impor berkas koreksi dengan nama yang sama persis dengan berkas lama."
        )
    return 1 if rejected else 0


def _is_part_of_existing(name: str, report: IngestReport) -> bool:
    """Whether ``name`` is a suffixed part of a period that already has another file."""
    account = next(f for f in report.files if f.file_name == name)
    return any(f.file_name != name and (f.sumber, f.periode) == (account.sumber, account.periode) for f in report.files)
