"""Linkage across sources by NIK and NO_KK, and the problems it finds.

For each semester, DTSEN members and each PKH tahap are matched against the Dukcapil snapshot of the same
semester. PKH problems of a tahap are collected in the temp table ``pk_masalah`` (one row per payment
record and problem), from which the inclusion mart, the quality flags and the verification list are all
counted, so the three always agree.
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

# Each query selects the flagged PKH records: kode_desa, nik, no_kk, nominal_rp (per tahap).
_PK = "pk.kode_desa, pk.nik, pk.no_kk, pk.nominal_rp"
_PKH_ROLL_ONLY = {
    "pkh_nik_ganda": (
        f"SELECT {_PK} FROM (SELECT *, row_number() OVER (PARTITION BY nik ORDER BY kode_desa, no_kk, nominal_rp) "
        "AS n FROM pk) AS pk WHERE n > 1"
    ),
}
_PKH_WITH_DUKCAPIL = {
    "pkh_meninggal": f"SELECT {_PK} FROM pk JOIN dk USING (nik) WHERE NOT dk.is_hidup",
    "pkh_nik_tidak_di_dukcapil": f"SELECT {_PK} FROM pk WHERE pk.nik NOT IN (SELECT nik FROM dk)",
    "pkh_kk_beda_desa": f"SELECT {_PK} FROM pk JOIN kk USING (no_kk) WHERE kk.kode_desa <> pk.kode_desa",
}
_PKH_WITH_DTSEN = {
    "pkh_tidak_di_dtsen": f"SELECT {_PK} FROM pk WHERE pk.no_kk NOT IN (SELECT no_kk FROM dt_kk)",
    "pkh_di_luar_desil_1_4": f"SELECT {_PK} FROM pk JOIN dt_kk USING (no_kk) WHERE dt_kk.desil > {{desil_maks}}",
}
_DTSEN_FLAG_SQL = {
    "dtsen_nik_tidak_di_dukcapil": "SELECT kode_desa FROM dt WHERE nik NOT IN (SELECT nik FROM dk)",
    "dtsen_meninggal": "SELECT dt.kode_desa FROM dt JOIN dk USING (nik) WHERE NOT dk.is_hidup",
}


def collect_pkh_problems(
    con: duckdb.DuckDBPyConnection, *, has_dukcapil: bool, has_dtsen: bool, desil_maks: int
) -> None:
    """Fill ``pk_masalah`` (kode_masalah, kode_desa, nik, no_kk, nominal_rp) for the tahap in ``pk``.

    Expects ``pk`` (PKH rows), and when present ``dk`` (Dukcapil), ``kk`` (no_kk → kode_desa) and ``dt_kk``
    (no_kk → desil).
    """
    queries = dict(_PKH_ROLL_ONLY)
    if has_dukcapil:
        queries.update(_PKH_WITH_DUKCAPIL)
    if has_dtsen:
        queries.update(_PKH_WITH_DTSEN)
    union = " UNION ALL ".join(
        f"SELECT '{kode}' AS kode_masalah, * FROM ({sql.replace('{desil_maks}', str(desil_maks))})"
        for kode, sql in queries.items()
    )
    con.execute(f"CREATE OR REPLACE TEMP TABLE pk_masalah AS {union}")


def insert_inklusi(con: duckdb.DuckDBPyConnection, periode: str, tahun: int, tahap: int, tahap_per_tahun: int) -> None:
    """``mart.pkh_inklusi`` for one tahap from ``pk_masalah``."""
    con.execute(
        """
        INSERT INTO mart.pkh_inklusi
        SELECT ?, ?, ?, kode_desa, kode_masalah, count(*), sum(nominal_rp) * ?
        FROM pk_masalah GROUP BY kode_desa, kode_masalah
        """,
        [periode, tahun, tahap, tahap_per_tahun],
    )


def insert_flags(con: duckdb.DuckDBPyConnection, periode: str, *, has_pkh: bool, dtsen_linked: bool) -> None:
    """``mart.kualitas`` for a semester: PKH flags of its last tahap (``pk_masalah``) and DTSEN flags."""
    if has_pkh:
        con.execute(
            """
            INSERT INTO mart.kualitas
            SELECT ?, kode_desa, 'pkh', kode_masalah, count(*) FROM pk_masalah GROUP BY kode_desa, kode_masalah
            """,
            [periode],
        )
    if dtsen_linked:
        for kode, sql in _DTSEN_FLAG_SQL.items():
            con.execute(
                f"INSERT INTO mart.kualitas SELECT ?, kode_desa, 'dtsen', ?, count(*) FROM ({sql}) GROUP BY kode_desa",
                [periode, kode],
            )


def insert_cakupan(con: duckdb.DuckDBPyConnection, periode: str, *, has_pkh: bool, desil_maks: int) -> None:
    """DTSEN families within the desil cut-off per desa, and how many are KPM in the last tahap (``pk``)."""
    covered = "no_kk IN (SELECT no_kk FROM pk)" if has_pkh else "false"
    con.execute(
        f"""
        INSERT INTO mart.cakupan
        SELECT ?, kode_desa, count(*), count(*) FILTER (WHERE {covered})
        FROM dt_kel WHERE desil <= ? GROUP BY kode_desa
        """,
        [periode, desil_maks],
    )


_MATCH_SQL = {
    "dtsen_dukcapil": ("dt", "nik IN (SELECT nik FROM dk)", ("dukcapil", "dtsen")),
    "pkh_dukcapil": ("pk", "nik IN (SELECT nik FROM dk)", ("dukcapil", "pkh")),
    "pkh_dtsen": ("pk", "no_kk IN (SELECT no_kk FROM dt_kk)", ("dtsen", "pkh")),
}


def insert_match_rates(con: duckdb.DuckDBPyConnection, periode: str, present: set[str]) -> None:
    """``mart.kecocokan``: per desa, how many records of one source are found in another."""
    for pasangan, (table, matched, needs) in _MATCH_SQL.items():
        if not set(needs) <= present:
            continue
        con.execute(
            f"""
            INSERT INTO mart.kecocokan
            SELECT ?, kode_desa, ?, count(*), count(*) FILTER (WHERE {matched}) FROM {table} GROUP BY kode_desa
            """,
            [periode, pasangan],
        )
