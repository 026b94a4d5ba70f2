"""Linkage across sources by NIK and NO_KK, and the problems it finds.

For each semester, DTSEN members and each PKH tahap are matched against the Dukcapil snapshot of the same
semester, once each: ``dt_link`` and ``pk_link`` carry what the other registers say about every record, and
the flags, match rates and eligibility are read from them without further joins. PKH problems of a tahap
are collected in the temp table ``pk_masalah`` (one row per payment record and problem), from which the
inclusion mart, the quality flags and the verification list are all counted, so the three always agree.
"""

from __future__ import annotations

import duckdb


def link_dtsen(con: duckdb.DuckDBPyConnection, *, has_dukcapil: bool) -> None:
    """Create ``dt_link``: every DTSEN member (``dt_anggota``) with what Dukcapil says about the NIK this semester.

    Added columns: ``di_dukcapil``, ``is_hidup`` and ``tgl_lhr`` (NULL when the NIK is not in Dukcapil). One
    join serves the DTSEN flags, the match rate and eligibility. Expects ``dt_anggota`` and, when
    ``has_dukcapil``, ``dk`` (one row per NIK).
    """
    person = (
        "dk.nik IS NOT NULL AS di_dukcapil, dk.is_hidup, dk.tgl_lhr FROM dt_anggota AS a "
        "LEFT JOIN (SELECT nik, is_hidup, tgl_lhr FROM dk) AS dk USING (nik)"
        if has_dukcapil
        else "false AS di_dukcapil, CAST(NULL AS BOOLEAN) AS is_hidup, CAST(NULL AS DATE) AS tgl_lhr "
        "FROM dt_anggota AS a"
    )
    con.execute(f"CREATE OR REPLACE TEMP TABLE dt_link AS SELECT a.*, {person}")


def link_pkh(con: duckdb.DuckDBPyConnection, *, has_dukcapil: bool, has_dtsen: bool) -> None:
    """Create ``pk_link``: the PKH rows of one tahap (``pk``: NIK, KK, desa, nominal) with what the other
    registers say.

    Added columns: ``di_dukcapil`` and ``is_hidup`` (the pengurus NIK in ``dk``), ``kk_desa`` (the desa of
    the KK in ``kk``), ``di_dtsen`` and ``desil`` (the KK in ``dt_kk``); a register that is absent gives
    NULL. Every lookup table has one row per key, so ``pk_link`` has the rows of ``pk``.
    """
    columns, joins = [], []
    if has_dukcapil:
        columns += ["dk.nik IS NOT NULL AS di_dukcapil", "dk.is_hidup", "kk.kode_desa AS kk_desa"]
        joins += ["LEFT JOIN (SELECT nik, is_hidup FROM dk) AS dk USING (nik)", "LEFT JOIN kk USING (no_kk)"]
    else:
        columns += [
            "CAST(NULL AS BOOLEAN) AS di_dukcapil",
            "CAST(NULL AS BOOLEAN) AS is_hidup",
            "CAST(NULL AS VARCHAR) AS kk_desa",
        ]
    if has_dtsen:
        columns += ["dt_kk.no_kk IS NOT NULL AS di_dtsen", "dt_kk.desil"]
        joins.append("LEFT JOIN dt_kk USING (no_kk)")
    else:
        columns += ["CAST(NULL AS BOOLEAN) AS di_dtsen", "CAST(NULL AS BIGINT) AS desil"]
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE pk_link AS SELECT pk.nik, pk.no_kk, pk.kode_desa, pk.nominal_rp, "
        f"{', '.join(columns)} FROM pk {' '.join(joins)}"
    )


# Each condition picks the flagged PKH records from ``pk_link``.
_PKH_ROLL_ONLY = {"pkh_nik_ganda": "n_nik > 1"}
_PKH_WITH_DUKCAPIL = {
    "pkh_meninggal": "di_dukcapil AND NOT is_hidup",
    "pkh_nik_tidak_di_dukcapil": "NOT di_dukcapil",
    "pkh_kk_beda_desa": "kk_desa <> kode_desa",
}
_PKH_WITH_DTSEN = {
    "pkh_tidak_di_dtsen": "NOT di_dtsen",
    "pkh_di_luar_desil_1_4": "desil > {desil_maks}",
}
# Each condition picks the flagged DTSEN members from ``dt_link``.
_DTSEN_FLAGS = {
    "dtsen_nik_tidak_di_dukcapil": "NOT di_dukcapil",
    "dtsen_meninggal": "di_dukcapil AND NOT is_hidup",
}


def collect_pkh_problems(
    con: duckdb.DuckDBPyConnection, *, has_dukcapil: bool, has_dtsen: bool, desil_maks: int
) -> None:
    """Fill ``pk_masalah`` (kode_masalah, kode_desa, nik, no_kk, nominal_rp) for the tahap in ``pk_link``.

    A NIK repeated in the tahap is flagged on every record after its first (ordered by desa, KK, nominal).
    """
    conditions = dict(_PKH_ROLL_ONLY)
    if has_dukcapil:
        conditions.update(_PKH_WITH_DUKCAPIL)
    if has_dtsen:
        conditions.update(_PKH_WITH_DTSEN)
    union = " UNION ALL ".join(
        f"SELECT '{kode}' AS kode_masalah, kode_desa, nik, no_kk, nominal_rp FROM pk_n "
        f"WHERE coalesce({condition.replace('{desil_maks}', str(desil_maks))}, false)"
        for kode, condition in conditions.items()
    )
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE pk_masalah AS
        WITH pk_n AS (
            SELECT *, row_number() OVER (PARTITION BY nik ORDER BY kode_desa, no_kk, nominal_rp) AS n_nik FROM pk_link
        )
        {union}
        """
    )


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
    """``mart.kualitas`` for a semester: PKH flags of its last tahap (``pk_masalah``) and DTSEN flags
    (``dt_link``)."""
    if has_pkh:
        con.execute(
            """
            INSERT INTO mart.kualitas
            SELECT ?, kode_desa, 'pkh', kode_masalah, count(*) FROM pk_masalah GROUP BY kode_desa, kode_masalah
            """,
            [periode],
        )
    if dtsen_linked:
        for kode, condition in _DTSEN_FLAGS.items():
            con.execute(
                f"""
                INSERT INTO mart.kualitas
                SELECT ?, kode_desa, 'dtsen', ?, count(*) FROM dt_link WHERE {condition} GROUP BY kode_desa
                """,
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
    "dtsen_dukcapil": ("dt_link", "di_dukcapil", ("dukcapil", "dtsen")),
    "pkh_dukcapil": ("pk_link", "di_dukcapil", ("dukcapil", "pkh")),
    "pkh_dtsen": ("pk_link", "di_dtsen", ("dtsen", "pkh")),
}


def insert_match_rates(con: duckdb.DuckDBPyConnection, periode: str, present: set[str]) -> None:
    """``mart.kecocokan``: per desa, how many records of one source are found in another (``dt_link`` and the
    last tahap's ``pk_link``)."""
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
