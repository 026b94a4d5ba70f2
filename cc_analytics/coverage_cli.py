"""``python -m cc_analytics coverage``: the per-kecamatan PKH coverage table, checkable without a browser."""

from __future__ import annotations

import argparse
import json

from cc_analytics import store
from cc_analytics.config import load_settings
from cc_analytics.coverage import Selection, coverage_by_wilayah, coverage_total, inclusion_by_masalah, tahap_options
from cc_analytics.errors import DataNotFoundError
from cc_analytics.schema import KOMPONEN


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the coverage command."""
    parser.add_argument("--periode", help="semester, mis. 2025-S1 (bawaan: terbaru)")
    parser.add_argument("--tahap", type=int, help="tahap PKH 1-4 (bawaan: tahap terakhir semester)")
    parser.add_argument("--komponen", default="semua", choices=["semua", *KOMPONEN[1:]])
    parser.add_argument("--kecamatan", help="kode kecamatan (35.14.xx): tampilkan per desa")
    parser.add_argument("--json", action="store_true", help="cetak sebagai JSON")


def resolve_selection(con, args: argparse.Namespace) -> Selection:  # type: ignore[no-untyped-def]
    """The selection from the options, defaults filled in from the marts."""
    periode = args.periode or store.read_meta(con).get("latest_periode", "")
    options = tahap_options(con, periode)
    if not options:
        raise DataNotFoundError(f"Tidak ada data kelayakan PKH untuk periode '{periode}'.")
    tahap = args.tahap or options[-1]
    if tahap not in options:
        raise DataNotFoundError(f"Tahap {tahap} tidak ada pada periode {periode} (ada: {options}).")
    return Selection(periode, tahap, args.komponen, kode_kecamatan=args.kecamatan)


def run(args: argparse.Namespace) -> int:
    """Print the table (text or JSON)."""
    con = store.connect(load_settings().marts_path)
    selection = resolve_selection(con, args)
    table = coverage_by_wilayah(con, selection)
    total = coverage_total(table)
    inclusion = inclusion_by_masalah(con, selection)
    if args.json:
        print(
            json.dumps(
                {
                    "periode": selection.periode,
                    "tahap": selection.tahap,
                    "komponen": selection.komponen,
                    "wilayah": json.loads(table.to_json(orient="records")),
                    "total": total,
                    "inklusi": json.loads(inclusion.to_json(orient="records")),
                },
                ensure_ascii=False,
            )
        )
        return 0
    print(f"Cakupan PKH {selection.periode} tahap {selection.tahap}, komponen {selection.komponen}")
    header = f"{'wilayah':<22}{'layak':>9}{'menerima':>10}{'celah':>8}{'cakupan':>9}{'celah Rp/thn':>17}{'inklusi':>9}"
    print(header)
    for row in table.itertuples():
        share = f"{row.cakupan:.1%}" if row.keluarga_layak else "-"
        print(
            f"{row.nama:<22}{row.keluarga_layak:>9}{row.keluarga_layak_pkh:>10}{row.keluarga_celah:>8}{share:>9}"
            f"{row.celah_rp_tahun:>17}{row.kpm_bermasalah:>9}"
        )
    print(
        f"{'JUMLAH':<22}{total['keluarga_layak']:>9}{total['keluarga_layak_pkh']:>10}{total['keluarga_celah']:>8}"
        f"{total['cakupan']:>9.1%}{total['celah_rp_tahun']:>17}{total['kpm_bermasalah']:>9}"
    )
    for row in inclusion.itertuples():
        print(f"  {row.label}: {row.jumlah_kpm} KPM, Rp {row.nominal_rp_tahun}/tahun")
    return 0
