"""From validated rows to mart rows: the aggregations, one function per source.

All functions work on temp tables of one DuckDB connection that has the output database attached as
``mart``. Person-level tables (with NIK and NO_KK) stay in temp storage and never reach ``mart``.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from cc_analytics.pkh_policy import PkhPolicy
from cc_analytics.schema import KOMPONEN, MARTS
from cc_analytics.wilayah import nik_prefixes

_SQL_TYPES = {"text": "VARCHAR", "code": "VARCHAR", "int": "BIGINT", "date": "DATE"}

AGE_GROUP_SQL = (
    "CASE WHEN umur >= 75 THEN '75+' ELSE lpad(CAST(umur // 5 * 5 AS VARCHAR), 2, '0') || '-' || "
    "lpad(CAST(umur // 5 * 5 + 4 AS VARCHAR), 2, '0') END"
)


def create_mart_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table of :data:`cc_analytics.schema.MARTS` in ``mart``."""
    for table, fields in MARTS.items():
        columns = ", ".join(f"{f.name} {_SQL_TYPES[f.dtype]}" for f in fields)
        con.execute(f"CREATE TABLE mart.{table} ({columns})")


def load_reference(con: duckdb.DuckDBPyConnection, wilayah: pd.DataFrame, *, into_mart: bool = True) -> None:
    """Create the temp lookup tables ``ref_desa``, ``ref_kecamatan``, ``ref_nik_prefix``; fill ``mart.wilayah``."""
    con.register("_wilayah", wilayah)
    if into_mart:
        con.execute("INSERT INTO mart.wilayah SELECT * FROM _wilayah")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE ref_desa AS SELECT kode_wilayah AS kode FROM _wilayah "
        "WHERE level IN ('desa', 'kelurahan')"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE ref_kecamatan AS SELECT kode_wilayah AS kode FROM _wilayah "
        "WHERE level = 'kecamatan'"
    )
    con.unregister("_wilayah")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE ref_nik_prefix AS SELECT unnest(CAST(? AS UBIGINT[])) AS prefix",
        [[int(prefix) for prefix in nik_prefixes()]],
    )


def aggregate_dukcapil(con: duckdb.DuckDBPyConnection, periode: str, as_of: str) -> None:
    """Population by desa x sex x age group and KK per desa from ``dk``; leaves ``kk`` for linkage."""
    con.execute(
        f"""
        INSERT INTO mart.penduduk
        SELECT ?, kode_desa, jenis_kelamin, {AGE_GROUP_SQL} AS kelompok_umur, count(*)
        FROM (SELECT kode_desa, jenis_kelamin, date_sub('year', tgl_lhr, DATE '{as_of}') AS umur
              FROM dk WHERE is_hidup)
        GROUP BY ALL
        """,
        [periode],
    )
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE kk AS
        SELECT no_kk,
               coalesce(min(kode_desa) FILTER (WHERE stat_hbkel = 'KEPALA KELUARGA'), min(kode_desa)) AS kode_desa
        FROM dk WHERE is_hidup GROUP BY no_kk
        """
    )
    con.execute("INSERT INTO mart.keluarga SELECT ?, kode_desa, count(*) FROM kk GROUP BY kode_desa", [periode])


def prepare_dtsen(con: duckdb.DuckDBPyConnection) -> None:
    """Families (``dt_kel``) and KK-level desil (``dt_kk``) from the DTSEN members in ``dt``."""
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE dt_kel AS
        SELECT id_keluarga, min(no_kk) AS no_kk, min(desil) AS desil, mode(kode_desa) AS kode_desa,
               count(*) AS jiwa
        FROM dt GROUP BY id_keluarga
        """
    )
    con.execute("CREATE OR REPLACE TEMP TABLE dt_kk AS SELECT no_kk, min(desil) AS desil FROM dt_kel GROUP BY no_kk")


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
    """
    con.execute(
        f"""
        INSERT INTO mart.pkh_kpm
        SELECT ?, ?, ?, kode_desa, count(DISTINCT no_kk), sum(nominal_rp) FROM {table} GROUP BY kode_desa
        """,
        [periode, tahun, tahap],
    )
    rates = ", ".join(f"('{k}', {policy.komponen[k].nilai_per_tahun_rp})" for k in KOMPONEN)
    columns = ", ".join(f"jml_{k}" for k in KOMPONEN)
    con.execute(
        f"""
        INSERT INTO mart.pkh_komponen
        SELECT ?, ?, ?, u.kode_desa, r.komponen, count(DISTINCT u.no_kk) FILTER (WHERE u.jumlah > 0), sum(u.jumlah),
               CAST(sum(u.jumlah) * any_value(r.nilai) / {policy.tahap_per_tahun} AS BIGINT)
        FROM (UNPIVOT (SELECT kode_desa, no_kk, {columns} FROM {table})
              ON {columns} INTO NAME komponen VALUE jumlah) AS u
        JOIN (VALUES {rates}) AS r(komponen, nilai) ON r.komponen = replace(u.komponen, 'jml_', '')
        GROUP BY u.kode_desa, r.komponen HAVING sum(u.jumlah) > 0
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
