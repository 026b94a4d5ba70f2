"""Command ``python -m cc_analytics boundaries``: import boundary files and show which are in use.

``boundaries import BERKAS`` checks a GeoJSON, GeoPackage or Shapefile against the wilayah reference and
stores it as GeoParquet where the app loads it; ``boundaries status`` shows what the maps use now.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from cc_analytics.config import load_settings
from cc_analytics.maps.boundaries import boundaries_source
from cc_analytics.maps.store import import_boundaries, read_store, store_path
from cc_analytics.maps.validation import DEFAULT_TOLERANCE_M, ImportOptions


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the sub-commands ``import`` and ``status``."""
    sub = parser.add_subparsers(dest="aksi", required=True, metavar="AKSI")
    imp = sub.add_parser(
        "import",
        help="periksa dan simpan berkas batas wilayah (GeoJSON, GeoPackage, Shapefile)",
        description="Periksa berkas batas kecamatan atau desa terhadap referensi wilayah, lalu simpan untuk peta.",
    )
    imp.add_argument("path", type=Path, metavar="BERKAS", help="berkas batas wilayah dengan kode Kemendagri")
    imp.add_argument("--crs", dest="source_crs", help="CRS koordinat bila berkas tidak menyatakannya, mis. EPSG:32749")
    imp.add_argument("--lapisan", dest="layer", help="nama lapisan (GeoPackage dengan beberapa lapisan)")
    imp.add_argument("--kolom-kode", dest="kode_column", help="kolom kode wilayah (bawaan: dicari otomatis)")
    imp.add_argument("--kolom-nama", dest="nama_column", help="kolom nama wilayah (bawaan: dicari otomatis)")
    imp.add_argument("--izinkan-kode-hilang", action="store_true", help="terima berkas yang tidak memuat semua kode")
    imp.add_argument("--buang-kode-asing", action="store_true", help="buang fitur berkode di luar referensi")
    imp.add_argument(
        "--toleransi-m", type=float, default=DEFAULT_TOLERANCE_M, help="toleransi penyederhanaan dalam meter"
    )
    imp.add_argument("--keluaran", type=Path, help="berkas GeoParquet tujuan (bawaan: lokasi yang dibaca aplikasi)")
    sub.add_parser("status", help="tampilkan batas wilayah yang dipakai peta")


def run(args: argparse.Namespace) -> int:
    """Run ``import`` or ``status``; errors propagate as :class:`~cc_analytics.maps.errors.BoundaryError`."""
    if args.aksi == "import":
        return _run_import(args)
    return _run_status()


def _run_import(args: argparse.Namespace) -> int:
    options = ImportOptions(
        source_crs=args.source_crs,
        layer=args.layer,
        kode_column=args.kode_column,
        nama_column=args.nama_column,
        allow_missing=args.izinkan_kode_hilang,
        drop_unknown=args.buang_kode_asing,
        tolerance_m=args.toleransi_m,
    )
    target = args.keluaran or store_path(load_settings())
    report, written = import_boundaries(args.path, options, target=target)
    print("\n".join(report.lines()))
    print(f"Tersimpan: {written}")
    return 0


def _run_status() -> int:
    settings = load_settings()
    source = boundaries_source(settings)
    if not source.exists():
        print("Belum ada berkas batas wilayah; peta memakai tata letak skematis.")
        print(f"Impor dengan: python -m cc_analytics boundaries import BERKAS (disimpan ke {store_path(settings)})")
        return 0
    print(f"Berkas batas wilayah: {source}")
    if source.suffix.lower() != ".parquet":
        print("Berkas ini diperiksa dan disederhanakan setiap kali aplikasi memuatnya.")
        return 0
    stored = read_store(source)
    for level in ("kecamatan", "desa"):
        rows = stored[stored["level"] == level]
        if rows.empty:
            print(f"  {level}: tidak ada; peta tingkat ini memakai tata letak skematis.")
            continue
        origin = ", ".join(sorted(set(rows["asal"])))
        print(f"  {level}: {len(rows)} wilayah, dari {origin}, diimpor {rows['diimpor_pada'].max()}")
    return 0
