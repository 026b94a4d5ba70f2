"""Linkage across sources by NIK and NO_KK, and the data-quality flags it raises.

For each semester, DTSEN members and the PKH roll of the semester's last tahap are matched against the
Dukcapil snapshot of the same semester. Each flag is counted per desa of the flagged record.
"""

from __future__ import annotations

import duckdb

# kode_masalah -> (sumber, Indonesian label). The order is the order shown on screen.
FLAGS: dict[str, tuple[str, str]] = {
    "pkh_meninggal": ("pkh", "KPM PKH yang tercatat meninggal di Dukcapil"),
    "pkh_nik_tidak_di_dukcapil": ("pkh", "NIK pengurus PKH tidak ditemukan di Dukcapil"),
    "pkh_nik_ganda": ("pkh", "NIK pengurus muncul lebih dari sekali dalam satu tahap"),
    "pkh_kk_beda_desa": ("pkh", "KK penerima PKH terdaftar di desa lain"),
    "pkh_tidak_di_dtsen": ("pkh", "KPM PKH tidak ada di DTSEN"),
    "pkh_di_luar_desil_1_4": ("pkh", "KPM PKH di luar desil 1-4"),
    "dtsen_nik_tidak_di_dukcapil": ("dtsen", "NIK anggota DTSEN tidak ditemukan di Dukcapil"),
    "dtsen_meninggal": ("dtsen", "Anggota DTSEN yang tercatat meninggal di Dukcapil"),
}

_PKH_FLAG_SQL = {
    "pkh_meninggal": "SELECT pk.kode_desa FROM pk JOIN dk USING (nik) WHERE NOT dk.is_hidup",
    "pkh_nik_tidak_di_dukcapil": "SELECT kode_desa FROM pk WHERE nik NOT IN (SELECT nik FROM dk)",
    "pkh_nik_ganda": (
        "SELECT kode_desa FROM (SELECT kode_desa, row_number() OVER (PARTITION BY nik ORDER BY kode_desa, no_kk) AS n "
        "FROM pk) WHERE n > 1"
    ),
    "pkh_kk_beda_desa": "SELECT pk.kode_desa FROM pk JOIN kk USING (no_kk) WHERE kk.kode_desa <> pk.kode_desa",
}

_PKH_DTSEN_FLAG_SQL = {
    "pkh_tidak_di_dtsen": "SELECT kode_desa FROM pk WHERE no_kk NOT IN (SELECT no_kk FROM dt_kk)",
    "pkh_di_luar_desil_1_4": "SELECT pk.kode_desa FROM pk JOIN dt_kk USING (no_kk) WHERE dt_kk.desil > 4",
}

_DTSEN_FLAG_SQL = {
    "dtsen_nik_tidak_di_dukcapil": "SELECT kode_desa FROM dt WHERE nik NOT IN (SELECT nik FROM dk)",
    "dtsen_meninggal": "SELECT dt.kode_desa FROM dt JOIN dk USING (nik) WHERE NOT dk.is_hidup",
}


def _insert_flags(con: duckdb.DuckDBPyConnection, periode: str, queries: dict[str, str]) -> None:
    for kode, sql in queries.items():
        sumber = FLAGS[kode][0]
        con.execute(
            f"""
            INSERT INTO mart.kualitas
            SELECT ?, kode_desa, ?, ?, count(*) FROM ({sql}) GROUP BY kode_desa
            """,
            [periode, sumber, kode],
        )


def insert_flags(
    con: duckdb.DuckDBPyConnection, periode: str, *, has_dukcapil: bool, has_dtsen: bool, has_pkh: bool
) -> None:
    """Count every flag whose sources are present for the semester into ``mart.kualitas``.

    Expects temp tables ``dk`` (Dukcapil: nik, no_kk, kode_desa, is_hidup), ``kk`` (no_kk, kode_desa of the
    family), ``dt`` (DTSEN members: nik, kode_desa), ``dt_kk`` (no_kk, desil) and ``pk`` (PKH rows of the
    last tahap: nik, no_kk, kode_desa).
    """
    queries: dict[str, str] = {}
    if has_pkh:
        queries["pkh_nik_ganda"] = _PKH_FLAG_SQL["pkh_nik_ganda"]
        if has_dukcapil:
            queries.update(_PKH_FLAG_SQL)
        if has_dtsen:
            queries.update(_PKH_DTSEN_FLAG_SQL)
    if has_dtsen and has_dukcapil:
        queries.update(_DTSEN_FLAG_SQL)
    _insert_flags(con, periode, queries)


def insert_cakupan(con: duckdb.DuckDBPyConnection, periode: str, *, has_pkh: bool) -> None:
    """DTSEN families in desil 1-4 per desa, and how many of them are KPM in the last tahap (``pk``)."""
    covered = "no_kk IN (SELECT no_kk FROM pk)" if has_pkh else "false"
    con.execute(
        f"""
        INSERT INTO mart.cakupan
        SELECT ?, kode_desa, count(*), count(*) FILTER (WHERE {covered})
        FROM dt_kel WHERE desil <= 4 GROUP BY kode_desa
        """,
        [periode],
    )
