"""From validated rows to mart rows: the aggregations, one function per source.

All functions work on the working tables of one DuckDB connection that has the output database attached as
``mart``. Person-level tables (with NIK and NO_KK) stay in the ingest's in-memory working database and never
reach ``mart``.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from cc_analytics.ingest.ages import age_group_sql
from cc_analytics.pkh_policy import PkhPolicy
from cc_analytics.schema import KOMPONEN, MARTS
from cc_analytics.wilayah import nik_prefixes

_SQL_TYPES = {"text": "VARCHAR", "code": "VARCHAR", "int": "BIGINT", "date": "DATE"}

# Five-year age groups: rows are counted per group number (0 = 00-04, ..., 15 = 75+), labelled afterwards.
AGE_GROUP_SQL = (
    "CASE WHEN kelompok = 15 THEN '75+' ELSE lpad(CAST(kelompok * 5 AS VARCHAR), 2, '0') || '-' || "
    "lpad(CAST(kelompok * 5 + 4 AS VARCHAR), 2, '0') END"
)


def create_mart_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table of :data:`cc_analytics.schema.MARTS` in ``mart``."""
    for table, fields in MARTS.items():
        columns = ", ".join(f"{f.name} {_SQL_TYPES[f.dtype]}" for f in fields)
        con.execute(f"CREATE TABLE mart.{table} ({columns})")


def load_reference(con: duckdb.DuckDBPyConnection, wilayah: pd.DataFrame, *, into_mart: bool = True) -> None:
    """Create the lookup tables ``ref_desa``, ``ref_kecamatan``, ``ref_nik_prefix``; fill ``mart.wilayah``."""
    con.register("_wilayah", wilayah)
    if into_mart:
        con.execute("INSERT INTO mart.wilayah SELECT * FROM _wilayah")
    con.execute(
        "CREATE OR REPLACE TABLE ref_desa AS SELECT kode_wilayah AS kode FROM _wilayah "
        "WHERE level IN ('desa', 'kelurahan')"
    )
    con.execute(
        "CREATE OR REPLACE TABLE ref_kecamatan AS SELECT kode_wilayah AS kode FROM _wilayah WHERE level = 'kecamatan'"
    )
    con.unregister("_wilayah")
    con.execute(
        "CREATE OR REPLACE TABLE ref_nik_prefix AS SELECT unnest(CAST(? AS UBIGINT[])) AS prefix",
        [[int(prefix) for prefix in nik_prefixes()]],
    )


def aggregate_dukcapil(con: duckdb.DuckDBPyConnection, periode: str, as_of: str) -> None:
    """Population by desa x sex x age group and KK per desa from ``dk``; leaves ``kk`` for linkage.

    ``kk`` has one row per NO_KK: the desa of its living head (else of any living member; NULL when no member
    is alive) and the NIK of its head, alive or not (for the verification list).
    """
    con.execute(
        f"""
        INSERT INTO mart.penduduk
        SELECT ?, kode_desa, jenis_kelamin, {AGE_GROUP_SQL}, n
        FROM (SELECT kode_desa, jenis_kelamin, {age_group_sql("tgl_lhr", date.fromisoformat(as_of))} AS kelompok,
                     count(*) AS n
              FROM dk WHERE is_hidup GROUP BY ALL)
        """,
        [periode],
    )
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE kk AS
        SELECT no_kk,
               coalesce(min(kode_desa) FILTER (WHERE is_hidup AND is_kepala), min(kode_desa) FILTER (WHERE is_hidup))
                   AS kode_desa,
               min(nik) FILTER (WHERE is_kepala) AS nik_kepala
        FROM dk GROUP BY no_kk
        """
    )
    con.execute(
        "INSERT INTO mart.keluarga SELECT ?, kode_desa, count(*) FROM kk WHERE kode_desa IS NOT NULL "
        "GROUP BY kode_desa",
        [periode],
    )


def prepare_dtsen(con: duckdb.DuckDBPyConnection) -> None:
    """Families (``dt_kel``), KK-level desil (``dt_kk``) and members with their family (``dt_anggota``) from the
    DTSEN members in ``dt``.

    Each family gets a number ``kel`` (in ID_KELUARGA order): ranking and grouping members by family is much
    faster on a number than on the text id.
    """
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE dt_kel AS
        SELECT row_number() OVER (ORDER BY id_keluarga) AS kel, *
        FROM (SELECT id_keluarga, min(no_kk) AS no_kk, min(desil) AS desil, mode(kode_desa) AS kode_desa,
                     count(*) AS jiwa
              FROM dt GROUP BY id_keluarga)
        """
    )
    con.execute("CREATE OR REPLACE TEMP TABLE dt_kk AS SELECT no_kk, min(desil) AS desil FROM dt_kel GROUP BY no_kk")
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE dt_anggota AS
        SELECT dt.nik, dt.kode_desa, dt.is_disabilitas_berat, k.kel
        FROM dt JOIN dt_kel AS k USING (id_keluarga)
        """
    )


def aggregate_dtsen(con: duckdb.DuckDBPyConnection, periode: str, tanggal_dtsen: str) -> None:
    """``mart.dtsen_desil`` for one semester from ``dt_kel``."""
    con.execute(
        """
        INSERT INTO mart.dtsen_desil
        SELECT ?, CAST(? AS DATE), kode_desa, desil, count(*), sum(jiwa) FROM dt_kel GROUP BY kode_desa, desil
        """,
        [periode, tanggal_dtsen],
    )


def aggregate_pkh(
    con: duckdb.DuckDBPyConnection, table: str, periode: str, tahun: int, tahap: int, policy: PkhPolicy
) -> None:
    """``mart.pkh_kpm`` and ``mart.pkh_komponen`` for one tahap from the validated rows in ``table``.

    KPM are counted as distinct NO_KK (a duplicated row is one family); the nominal is the sum over rows.
    Rows are first summed per desa and KK (``pk_kel``), so every count of families is a count of rows.
    """
    sums = ", ".join(f"sum(jml_{k}) AS jml_{k}" for k in KOMPONEN)
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE pk_kel AS
        SELECT kode_desa, no_kk, {sums}, sum(nominal_rp) AS nominal_rp FROM {table} GROUP BY kode_desa, no_kk
        """
    )
    con.execute(
        "INSERT INTO mart.pkh_kpm SELECT ?, ?, ?, kode_desa, count(*), sum(nominal_rp) FROM pk_kel GROUP BY kode_desa",
        [periode, tahun, tahap],
    )
    # Counts are never negative (validated), so a KK has a komponen when its sum is above zero.
    per_desa = ", ".join(
        f"count(*) FILTER (WHERE jml_{k} > 0) AS kpm_{k}, sum(jml_{k}) AS jumlah_{k}" for k in KOMPONEN
    )
    rows = " UNION ALL ".join(
        f"SELECT kode_desa, '{k}' AS komponen, kpm_{k} AS kpm, jumlah_{k} AS jumlah, "
        f"{policy.komponen[k].nilai_per_tahun_rp} AS nilai FROM per_desa"
        for k in KOMPONEN
    )
    con.execute(
        f"""
        INSERT INTO mart.pkh_komponen
        WITH per_desa AS (SELECT kode_desa, {per_desa} FROM pk_kel GROUP BY kode_desa)
        SELECT ?, ?, ?, kode_desa, komponen, kpm, jumlah, CAST(jumlah * nilai / {policy.tahap_per_tahun} AS BIGINT)
        FROM ({rows}) WHERE jumlah > 0
        """,
        [periode, tahun, tahap],
    )


def aggregate_penduduk_tahunan(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """``mart.penduduk_tahunan``: the kecamatan rows as given, plus kabupaten sums where all 24 are present."""
    con.execute(f"INSERT INTO mart.penduduk_tahunan SELECT kode_wilayah, tahun, penduduk, basis, sumber FROM {table}")
    con.execute(
        f"""
        INSERT INTO mart.penduduk_tahunan
        SELECT '35.14', tahun, sum(penduduk), basis, 'Jumlah 24 kecamatan (' || basis || ')'
        FROM {table} GROUP BY tahun, basis HAVING count(DISTINCT kode_wilayah) = 24
        """
    )
