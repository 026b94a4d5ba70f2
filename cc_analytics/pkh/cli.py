"""``python -m cc_analytics coverage``: the per-kecamatan PKH coverage table, checkable without a browser.

Prints exact figures (no small-count suppression: this is a check for staff with access to the marts file):
per kecamatan (or per desa of ``--kecamatan``) the eligible families, those covered, the gap, coverage, the
entitlement and gap in Rupiah per year, and the inclusion flags; then the inclusion problems with their
Rupiah. ``--json`` prints the same as one JSON object.
"""

from __future__ import annotations

import argparse
import json

import duckdb
import pandas as pd

from cc_analytics import store
from cc_analytics.config import load_settings
from cc_analytics.errors import DataNotFoundError
from cc_analytics.pkh.queries import (
    INKLUSI_MASALAH,
    Selection,
    check_selection,
    coverage_by_wilayah,
    coverage_total,
    inclusion_by_masalah,
    inclusion_by_wilayah,
    komponen_pilihan,
    tahap_options,
)

# Short column headers of the inclusion flags in the text table.
FLAG_HEADERS = {
    "pkh_meninggal": "meninggal",
    "pkh_nik_tidak_di_dukcapil": "nik_dukcapil",
    "pkh_nik_ganda": "nik_ganda",
    "pkh_kk_beda_desa": "kk_desa",
    "pkh_tidak_di_dtsen": "non_dtsen",
    "pkh_di_luar_desil_1_4": "luar_desil",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the coverage command."""
    parser.add_argument("--periode", help="semester, mis. 2025-S1 (bawaan: terbaru)")
    parser.add_argument("--tahap", type=int, help="tahap PKH 1-4 (bawaan: tahap terakhir semester)")
    parser.add_argument("--komponen", default="semua", choices=list(komponen_pilihan()))
    parser.add_argument("--kecamatan", help="kode kecamatan (35.14.xx): tampilkan per desa")
    parser.add_argument("--json", action="store_true", help="cetak sebagai JSON")


def resolve_selection(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> Selection:
    """The selection from the options, defaults filled in from the marts.

    Raises:
        DataNotFoundError: when the marts hold no eligibility figures for the semester, or not the tahap or
            kecamatan asked for.
    """
    periode = args.periode or store.read_meta(con).get("latest_periode", "")
    options = tahap_options(con, periode)
    if not options:
        raise DataNotFoundError(f"Tidak ada data kelayakan PKH untuk periode '{periode}'.")
    selection = Selection(periode, args.tahap or options[-1], args.komponen, kode_kecamatan=args.kecamatan)
    check_selection(con, selection)
    return selection


def flags_by_wilayah(con: duckdb.DuckDBPyConnection, selection: Selection) -> pd.DataFrame:
    """Flagged PKH records per wilayah (rows, code order) and problem (columns, :data:`INKLUSI_MASALAH`)."""
    long = inclusion_by_wilayah(con, selection.periode, selection.tahap, selection.kecamatan)
    wide = long.pivot(index="kode_wilayah", columns="kode_masalah", values="jumlah_kpm")
    return wide.loc[list(dict.fromkeys(long["kode_wilayah"])), list(INKLUSI_MASALAH)]


def _as_json(selection: Selection, table: pd.DataFrame, flags: pd.DataFrame, inclusion: pd.DataFrame) -> str:
    rows = json.loads(table.to_json(orient="records"))
    for row in rows:
        row["inklusi_per_masalah"] = {k: int(v) for k, v in flags.loc[row["kode_wilayah"]].items()}
    total = coverage_total(table)
    return json.dumps(
        {
            "periode": selection.periode,
            "tahap": selection.tahap,
            "komponen": selection.komponen,
            "kode_kecamatan": selection.kecamatan,
            "wilayah": rows,
            "total": {k: (None if pd.isna(v) else v) for k, v in total.items()},
            "inklusi": json.loads(inclusion.to_json(orient="records")),
        },
        ensure_ascii=False,
    )


def _share(layak: int, pkh: int) -> str:
    return f"{pkh / layak:.1%}" if layak else "-"


def _as_text(selection: Selection, table: pd.DataFrame, flags: pd.DataFrame, inclusion: pd.DataFrame) -> str:
    level = "desa" if selection.kecamatan else "kecamatan"
    lines = [
        f"Cakupan PKH {selection.periode} tahap {selection.tahap}, komponen {selection.komponen}, per {level}",
        f"{'wilayah':<22}{'layak':>8}{'menerima':>10}{'celah':>8}{'cakupan':>9}{'hak Rp/thn':>16}"
        f"{'celah Rp/thn':>16}{'inklusi':>9}{'inklusi Rp/thn':>16}",
    ]
    total = coverage_total(table)
    for row in [*table.itertuples(), None]:
        name, values = ("JUMLAH", total) if row is None else (row.nama, row._asdict())
        lines.append(
            f"{name[:21]:<22}{values['keluarga_layak']:>8}{values['keluarga_layak_pkh']:>10}"
            f"{values['keluarga_celah']:>8}{_share(values['keluarga_layak'], values['keluarga_layak_pkh']):>9}"
            f"{values['hak_rp_tahun']:>16}{values['celah_rp_tahun']:>16}{values['kpm_bermasalah']:>9}"
            f"{values['inklusi_rp_tahun']:>16}"
        )
    lines += [
        "",
        "Temuan inklusi per masalah (catatan KPM)",
        f"{'wilayah':<22}" + "".join(f"{FLAG_HEADERS[k]:>13}" for k in INKLUSI_MASALAH),
    ]
    names = dict(zip(table["kode_wilayah"], table["nama"], strict=True))
    for kode, counts in flags.iterrows():
        lines.append(f"{names[kode][:21]:<22}" + "".join(f"{int(counts[k]):>13}" for k in INKLUSI_MASALAH))
    lines += ["", "Masalah inklusi (jumlah catatan KPM, nilai setahun):"]
    lines += [f"  {r.label}: {r.jumlah_kpm} KPM, Rp {r.nominal_rp_tahun}/tahun" for r in inclusion.itertuples()]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Print the table (text or JSON)."""
    con = store.connect(load_settings().marts_path)
    try:
        selection = resolve_selection(con, args)
        table = coverage_by_wilayah(con, selection)
        flags = flags_by_wilayah(con, selection)
        inclusion = inclusion_by_masalah(con, selection)
    finally:
        con.close()
    print(_as_json(selection, table, flags, inclusion) if args.json else _as_text(selection, table, flags, inclusion))
    return 0
