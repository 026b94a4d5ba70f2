"""Importing new files into the raw store, safely: write aside, rebuild, then swap.

The raw folder and the marts change together or not at all. New files are placed in a copy of the raw
folder (existing files are hard links, so the copy is cheap); the ingest builds marts from that copy into a
file beside the marts, copying the periods that did not change from the current marts; only when it
succeeds are the raw folder and the marts swapped in. A file with the name of an existing one replaces it
(a corrected export); importing the same file again changes nothing; a file for a new period adds that
period to the history.
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
from cc_analytics.ingest.cli import format_report
from cc_analytics.ingest.files import classify
from cc_analytics.ingest.pipeline import IngestReport, Progress, run_ingest


def _mirror(source: Path, target: Path) -> None:
    target.mkdir(parents=True)
    if not source.is_dir():
        return
    for path in source.iterdir():
        if path.is_file():
            try:
                os.link(path, target / path.name)
            except OSError:
                shutil.copy2(path, target / path.name)


def import_files(files: list[Path], settings: Settings, progress: Progress | None = None) -> IngestReport:
    """Add ``files`` to the raw folder and rebuild the marts; on any failure nothing changes.

    Raises:
        SourceFileError: a file name is not recognised, or a file cannot be read.
        IngestError: the rebuild failed.
    """
    for path in files:
        classify(path)  # a wrong name fails before anything is touched
    raw_dir, marts_path = settings.raw_dir, settings.marts_path
    raw_dir.parent.mkdir(parents=True, exist_ok=True)
    marts_path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{raw_dir.name}-baru-", dir=raw_dir.parent))
    new_marts = marts_path.with_name(marts_path.name + ".impor")
    try:
        shutil.rmtree(staging)
        _mirror(raw_dir, staging)
        for path in files:
            target = staging / path.name
            target.unlink(missing_ok=True)
            shutil.copy2(path, target)
        report = run_ingest(staging, new_marts, progress=progress, previous=marts_path)
        old = raw_dir.with_name(raw_dir.name + ".lama")
        shutil.rmtree(old, ignore_errors=True)
        if raw_dir.exists():
            raw_dir.rename(old)
        staging.rename(raw_dir)
        os.replace(new_marts, marts_path)
        shutil.rmtree(old, ignore_errors=True)
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


def run(args: argparse.Namespace) -> int:
    """Import and print the accounting."""
    started = time.perf_counter()
    report = import_files(args.files, load_settings())
    print(format_report(report, time.perf_counter() - started))
    return 0
