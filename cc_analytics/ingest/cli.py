"""``python -m cc_analytics ingest [--raw DIR] [--out FILE] [--penuh] [--paksa]``.

Holds the writer lock of the marts (another ingest, import or upload is refused) and first undoes what an
interrupted writer left (see :mod:`cc_analytics.ingest.swap`).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from cc_analytics.config import load_settings
from cc_analytics.ingest.lock import writer_lock
from cc_analytics.ingest.pipeline import IngestReport, run_ingest
from cc_analytics.ingest.swap import recover


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the ingest command."""
    parser.add_argument("--raw", type=Path, help="folder berkas mentah (bawaan: CC_RAW_DIR atau data/raw/demo)")
    parser.add_argument("--out", type=Path, help="berkas mart DuckDB (bawaan: CC_MARTS_PATH)")
    parser.add_argument("--quiet", action="store_true", help="hanya cetak ringkasan akhir")
    parser.add_argument(
        "--penuh",
        action="store_true",
        help="bangun ulang semua periode (bawaan: periode yang berkasnya tidak berubah disalin dari mart lama)",
    )
    add_force_argument(parser)


def add_force_argument(parser: argparse.ArgumentParser) -> None:
    """The ``--paksa`` option shared by ingest and import."""
    parser.add_argument(
        "--paksa",
        action="store_true",
        help="terima juga lonjakan penduduk, periode yang hilang atau perubahan jenis data (demo/nyata) "
        "setelah diperiksa",
    )


def format_report(report: IngestReport, seconds: float) -> str:
    """The accounting table printed at the end of an ingest (Indonesian)."""
    lines = [f"{'berkas':<28} {'dibaca':>10} {'diterima':>10} {'ditolak':>9}"]
    for f in report.files:
        lines.append(f"{f.file_name:<28} {f.baris_dibaca:>10} {f.baris_diterima:>10} {f.baris_ditolak:>9}")
    lines.append(f"{'JUMLAH':<28} {report.baris_dibaca:>10} {report.baris_diterima:>10} {report.baris_ditolak:>9}")
    balanced = report.baris_dibaca == report.baris_diterima + report.baris_ditolak
    lines.append(
        f"dibaca = diterima + ditolak: {'ya' if balanced else 'TIDAK'}; periode: {', '.join(report.periode)}; "
        f"jenis data: {report.dataset_kind}; waktu {seconds:.1f} s"
    )
    if report.dipakai_ulang:
        lines.append(f"periode tanpa perubahan, disalin dari mart sebelumnya: {', '.join(report.dipakai_ulang)}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Run the ingest and print the accounting; 0 on success."""
    settings = load_settings()
    raw_dir = args.raw or settings.raw_dir
    out = args.out or settings.marts_path
    started = time.perf_counter()

    def show(fraction: float, message: str) -> None:
        if not args.quiet:
            print(f"[{fraction:4.0%}] {message}", flush=True)

    with writer_lock(out):
        for note in recover(raw_dir, out):
            print(f"Pemulihan: {note}", flush=True)
        report = run_ingest(
            raw_dir, out, progress=show, previous=None if args.penuh else out, current=out, paksa=args.paksa
        )
    print(format_report(report, time.perf_counter() - started))
    return 0
