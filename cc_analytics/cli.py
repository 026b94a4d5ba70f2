"""Command line: ``python -m cc_analytics <command>``.

Each command lives in its own module, which exposes ``add_arguments(parser)`` and ``run(args) -> int``.
Library errors (:class:`cc_analytics.errors.CCError`) are printed here, in one place, as Indonesian messages.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from cc_analytics.errors import CCError

# command -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("cc_analytics.demo.cli", "tulis data demo sintetis (berkas mentah) untuk seluruh kabupaten"),
    "ingest": ("cc_analytics.ingest.cli", "validasi, tautkan, dan bangun mart dari berkas mentah"),
    "boundaries": ("cc_analytics.maps.cli", "impor dan periksa berkas batas wilayah untuk peta"),
    "import": ("cc_analytics.ingest.importer", "tambahkan berkas baru ke data mentah dan bangun ulang mart (aman)"),
    "validate": ("cc_analytics.ingest.check_file", "periksa satu berkas tanpa mengimpornya (kode keluar 0/1/2)"),
    "schema": ("cc_analytics.schema_doc", "cetak format sumber mentah dan mart sebagai tabel Markdown"),
    "forecast": ("cc_analytics.forecasting.cli_forecast", "proyeksi penduduk dari CSV wilayah,tahun,penduduk"),
    "backtest": ("cc_analytics.forecasting.cli_backtest", "uji mundur akurasi dan cakupan pita metode proyeksi"),
    "coverage": ("cc_analytics.pkh.cli", "tabel cakupan PKH per kecamatan: layak, menerima, celah, inklusi"),
    "bench": ("cc_analytics.bench.cli", "ukur waktu dan memori: demo, pemindaian mentah, ingest, halaman ringkasan"),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; only ``command``'s module is imported (all are listed in ``--help``)."""
    parser = argparse.ArgumentParser(prog="python -m cc_analytics", description="Pusat Kendali Kabupaten Pasuruan")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (module_name, help_text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        if name == command:
            module = importlib.import_module(module_name)
            module.add_arguments(command_parser)
            command_parser.set_defaults(_module=module)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit code (1 for a user-facing error)."""
    argv = sys.argv[1:] if argv is None else argv
    command = next((a for a in argv if not a.startswith("-")), None)
    args = build_parser(command if command in COMMANDS else None).parse_args(argv)
    try:
        return int(args._module.run(args))
    except CCError as exc:
        print(f"Galat: {exc}", file=sys.stderr)
        return exc.exit_code
