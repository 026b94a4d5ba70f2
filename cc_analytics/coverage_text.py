"""The short Indonesian narrative of the largest PKH gaps, generated from the same figures as the tables."""

from __future__ import annotations

import duckdb
import pandas as pd

from cc_analytics.coverage import Selection, inclusion_by_masalah
from cc_analytics.formatting import format_number, format_rupiah
from cc_analytics.marts_query import run_query
from cc_analytics.pkh_policy import load_policy

# How each komponen reads inside "keluarga desil 1–4 dengan ...".
KOMPONEN_FRASA = {
    "anak_usia_dini": "anak usia dini (0–6 tahun)",
    "sd": "anak usia SD",
    "smp": "anak usia SMP",
    "sma": "anak usia SMA",
    "disabilitas_berat": "anggota penyandang disabilitas berat",
    "lansia": "lansia 70 tahun ke atas",
}


def _gaps_by_area_komponen(con: duckdb.DuckDBPyConnection, selection: Selection) -> pd.DataFrame:
    by_desa = selection.kode_kecamatan is not None
    key = "kode_desa" if by_desa else "substr(kode_desa, 1, 8)"
    where = " AND kode_desa LIKE ?" if by_desa else ""
    args = [selection.periode, selection.tahap] + ([selection.kode_kecamatan + ".%"] if by_desa else [])
    sql = f"""
        SELECT w.nama, w.level, g.komponen, g.celah, g.celah_rp
        FROM (SELECT {key} AS kode, komponen, sum(keluarga_layak - keluarga_layak_pkh) AS celah,
                     sum(celah_rp_tahun) AS celah_rp
              FROM pkh_kelayakan WHERE periode = ? AND tahap = ? AND komponen <> 'semua'{where}
              GROUP BY 1, 2) AS g
        JOIN wilayah AS w ON w.kode_wilayah = g.kode
        ORDER BY g.celah DESC, w.nama, g.komponen
    """
    return run_query(con, sql, args)


def _place(nama: str, level: str) -> str:
    return {"kecamatan": "Kecamatan", "kelurahan": "Kelurahan"}.get(level, "Desa") + f" {nama}"


def gap_sentences(con: duckdb.DuckDBPyConnection, selection: Selection, *, min_cell: int, limit: int = 3) -> list[str]:
    """Up to ``limit`` sentences on the largest exclusion gaps (one per komponen) and one on inclusion.

    Counts below ``min_cell`` are never named.
    """
    desil = load_policy().desil_maks
    gaps = _gaps_by_area_komponen(con, selection)
    gaps = gaps[gaps["celah"] >= min_cell].drop_duplicates("komponen").head(limit)
    sentences = [
        f"Di {_place(row.nama, row.level)}, {format_number(int(row.celah))} keluarga desil 1–{desil} dengan "
        f"{KOMPONEN_FRASA[row.komponen]} belum menerima PKH (hak bantuan {format_rupiah(int(row.celah_rp))} "
        "setahun)."
        for row in gaps.itertuples()
    ]
    inclusion = inclusion_by_masalah(con, selection)
    worst = inclusion[inclusion["jumlah_kpm"] >= min_cell].sort_values("nominal_rp_tahun", ascending=False).head(1)
    for row in worst.itertuples():
        sentences.append(
            f"Masalah inklusi terbesar: {row.label} — {format_number(int(row.jumlah_kpm))} KPM senilai "
            f"{format_rupiah(int(row.nominal_rp_tahun))} setahun."
        )
    return sentences
