"""Counts per desa/kelurahan behind the kecamatan and desa profiles, aggregated by DuckDB from the marts.

Every function returns one row per desa/kelurahan of the regency (zeros included, so every wilayah is listed
and sums per kecamatan are complete), indexed by ``kode_desa``. Suppression of small counts
(:mod:`cc_analytics.profile.protect`) and comparisons (:mod:`cc_analytics.profile.compare`) work on these.

Definitions follow the Ringkasan (:mod:`cc_analytics.briefing.build`): population and KK from the Dukcapil snapshot
at the end of the semester; DTSEN families of the snapshot in use for the semester; PKH from the last tahap
paid in the semester; data-quality flags of the semester.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from cc_analytics.schema import AGE_GROUPS, KOMPONEN
from cc_analytics.store.query import fetch_rows, run_query

COUNT_COLUMNS = (
    "penduduk",
    "penduduk_lalu",
    "jumlah_kk",
    "keluarga_desil_1_4",
    "keluarga_desil_1_4_pkh",
    "kpm_pkh",
    "temuan_kualitas",
)
"""Columns of :func:`desa_counts`: jiwa, jiwa one semester earlier, KK, keluarga, keluarga, KPM, records."""

_DESA_SQL = "SELECT kode_wilayah AS kode_desa, kode_kecamatan FROM wilayah WHERE level IN ('desa', 'kelurahan')"

_COUNTS_SQL = f"""
WITH d AS ({_DESA_SQL}),
pen AS (SELECT kode_desa, sum(jumlah_penduduk) AS n FROM penduduk WHERE periode = $1 GROUP BY 1),
lalu AS (SELECT kode_desa, sum(jumlah_penduduk) AS n FROM penduduk WHERE periode = $2 GROUP BY 1),
kk AS (SELECT kode_desa, sum(jumlah_kk) AS n FROM keluarga WHERE periode = $1 GROUP BY 1),
cak AS (
    SELECT kode_desa, sum(keluarga_desil_1_4) AS n, sum(keluarga_desil_1_4_pkh) AS pkh
    FROM cakupan WHERE periode = $1 GROUP BY 1
),
kpm AS (
    SELECT kode_desa, sum(jumlah_kpm) AS n FROM pkh_kpm
    WHERE periode = $1 AND tahun = $3 AND tahap = $4 GROUP BY 1
),
kual AS (SELECT kode_desa, sum(jumlah) AS n FROM kualitas WHERE periode = $1 GROUP BY 1)
SELECT d.kode_desa, d.kode_kecamatan,
    coalesce(pen.n, 0)::BIGINT AS penduduk,
    coalesce(lalu.n, 0)::BIGINT AS penduduk_lalu,
    coalesce(kk.n, 0)::BIGINT AS jumlah_kk,
    coalesce(cak.n, 0)::BIGINT AS keluarga_desil_1_4,
    coalesce(cak.pkh, 0)::BIGINT AS keluarga_desil_1_4_pkh,
    coalesce(kpm.n, 0)::BIGINT AS kpm_pkh,
    coalesce(kual.n, 0)::BIGINT AS temuan_kualitas
FROM d
LEFT JOIN pen USING (kode_desa) LEFT JOIN lalu USING (kode_desa) LEFT JOIN kk USING (kode_desa)
LEFT JOIN cak USING (kode_desa) LEFT JOIN kpm USING (kode_desa) LEFT JOIN kual USING (kode_desa)
ORDER BY d.kode_desa
"""

_LAST_TAHAP_SQL = "SELECT tahun, tahap FROM pkh_kpm WHERE periode = ? ORDER BY tahun DESC, tahap DESC LIMIT 1"

_TREND_SQL = f"""
WITH d AS ({_DESA_SQL}), p AS (SELECT periode FROM periode),
pen AS (SELECT periode, kode_desa, sum(jumlah_penduduk) AS n FROM penduduk GROUP BY 1, 2)
SELECT d.kode_desa, p.periode, coalesce(pen.n, 0)::BIGINT AS penduduk
FROM d CROSS JOIN p LEFT JOIN pen ON pen.kode_desa = d.kode_desa AND pen.periode = p.periode
"""

_CELLS_SQL = """
WITH d AS ({desa}), c AS (SELECT unnest($1::VARCHAR[]) AS kategori),
x AS ({source})
SELECT d.kode_desa, c.kategori, coalesce(x.n, 0)::BIGINT AS jumlah
FROM d CROSS JOIN c LEFT JOIN x ON x.kode_desa = d.kode_desa AND x.kategori = c.kategori
"""

_PYRAMID_SOURCE = """
SELECT kode_desa, jenis_kelamin || ' ' || kelompok_umur AS kategori, sum(jumlah_penduduk) AS n
FROM penduduk WHERE periode = $2 GROUP BY 1, 2
"""
_DESIL_SOURCE = """
SELECT kode_desa, desil::VARCHAR AS kategori, sum(jumlah_keluarga) AS n
FROM dtsen_desil WHERE periode = $2 GROUP BY 1, 2
"""
_KOMPONEN_SOURCE = """
SELECT kode_desa, komponen AS kategori, sum(jumlah_kpm) AS n
FROM pkh_komponen WHERE periode = $2 AND tahun = $3 AND tahap = $4 GROUP BY 1, 2
"""
_KUALITAS_SOURCE = """
SELECT kode_desa, kode_masalah AS kategori, sum(jumlah) AS n
FROM kualitas WHERE periode = $2 GROUP BY 1, 2
"""

PYRAMID_CATEGORIES = tuple(f"{sex} {group}" for sex in ("L", "P") for group in AGE_GROUPS)
"""Pyramid cells: ``"L 00-04"`` … ``"P 75+"`` (sex, then 5-year age group)."""

DESIL_CATEGORIES = tuple(str(d) for d in range(1, 11))
"""DTSEN desil 1 (poorest) to 10, as text."""

KOMPONEN_CATEGORIES = KOMPONEN
"""PKH komponen in the schema's order."""


def last_tahap(con: duckdb.DuckDBPyConnection, periode: str) -> tuple[int, int] | None:
    """``(tahun, tahap)`` of the last PKH tahap paid in the semester, or None when it has no PKH data."""
    rows = fetch_rows(con, _LAST_TAHAP_SQL, [periode])
    return (int(rows[0][0]), int(rows[0][1])) if rows else None


def desa_counts(
    con: duckdb.DuckDBPyConnection, periode: str, previous: str | None, tahap: tuple[int, int] | None
) -> pd.DataFrame:
    """The counts of :data:`COUNT_COLUMNS` per desa/kelurahan for one semester.

    Args:
        con: connection to the marts.
        periode: semester label, e.g. ``2025-S1``.
        previous: the semester before (for ``penduduk_lalu``), or None (then ``penduduk_lalu`` is 0).
        tahap: ``(tahun, tahap)`` of the PKH tahap to count KPM in (see :func:`last_tahap`); None gives 0 KPM.

    Returns:
        Indexed by ``kode_desa``: ``kode_kecamatan`` and the whole-number columns of :data:`COUNT_COLUMNS`.
    """
    tahun, nomor = tahap if tahap else (0, 0)
    params = [periode, previous or "", tahun, nomor]
    return run_query(con, _COUNTS_SQL, params).set_index("kode_desa")


def penduduk_trend(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Population per desa/kelurahan and semester: rows ``kode_desa``, columns the semesters held (oldest
    first), values jiwa (0 where the semester has none)."""
    frame = run_query(con, _TREND_SQL)
    table = frame.pivot(index="kode_desa", columns="periode", values="penduduk")
    return table.sort_index().sort_index(axis=1).astype("int64")


def _cells(
    con: duckdb.DuckDBPyConnection,
    source: str,
    categories: tuple[str, ...],
    periode: str,
    tahap: tuple[int, int] | None = None,
) -> pd.DataFrame:
    """``source`` yields (kode_desa, kategori, n) from $2 periode and, when ``tahap`` is given, $3 tahun, $4 tahap."""
    params: list[object] = [list(categories), periode]
    if tahap is not None:
        params += list(tahap)
    frame = run_query(con, _CELLS_SQL.format(desa=_DESA_SQL, source=source), params)
    table = frame.pivot(index="kode_desa", columns="kategori", values="jumlah")
    return table.reindex(columns=list(categories)).sort_index().astype("int64")


def pyramid_cells(con: duckdb.DuckDBPyConnection, periode: str) -> pd.DataFrame:
    """Living population per desa (rows ``kode_desa``) and sex × age group (columns
    :data:`PYRAMID_CATEGORIES`), jiwa."""
    return _cells(con, _PYRAMID_SOURCE, PYRAMID_CATEGORIES, periode)


def desil_cells(con: duckdb.DuckDBPyConnection, periode: str) -> pd.DataFrame:
    """DTSEN families per desa (rows) and desil (columns :data:`DESIL_CATEGORIES`), keluarga."""
    return _cells(con, _DESIL_SOURCE, DESIL_CATEGORIES, periode)


def komponen_cells(con: duckdb.DuckDBPyConnection, periode: str, tahap: tuple[int, int] | None) -> pd.DataFrame:
    """KPM with at least one member in each komponen, per desa (rows) and komponen (columns
    :data:`KOMPONEN_CATEGORIES`), in the given tahap. A KPM can count in several komponen: the columns do not
    add up to the number of KPM."""
    return _cells(con, _KOMPONEN_SOURCE, KOMPONEN_CATEGORIES, periode, tahap or (0, 0))


def kualitas_cells(con: duckdb.DuckDBPyConnection, periode: str, flags: tuple[str, ...]) -> pd.DataFrame:
    """Flagged records per desa (rows) and flag (columns ``flags``), for the semester."""
    return _cells(con, _KUALITAS_SOURCE, flags, periode)


def kualitas_flags(con: duckdb.DuckDBPyConnection) -> tuple[str, ...]:
    """The data-quality flags present in the marts, sorted."""
    return tuple(str(r[0]) for r in fetch_rows(con, "SELECT DISTINCT kode_masalah FROM kualitas ORDER BY 1"))
