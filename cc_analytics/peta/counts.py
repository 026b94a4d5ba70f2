"""Counts per desa for the maps, read from the marts: population, families, desil 1–4, PKH eligibility and
coverage, data-quality flags; the last PKH tahap of a semester; the names of the wilayah.

Every desa of the regency gets a row (zeros where the marts hold none). A source the chosen indicator needs
that holds nothing for the semester is an error with an Indonesian message, not a map of zeros.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from cc_analytics.errors import DataNotFoundError
from cc_analytics.formatting import format_periode
from cc_analytics.peta import texts as peta_texts
from cc_analytics.store.query import fetch_rows, run_query

# Desa-level counts: (SQL with the semester, and for PKH the tahap, as parameters; required table or None).
_COUNTS: dict[str, tuple[str, str | None]] = {
    "penduduk": (
        "SELECT kode_desa, sum(jumlah_penduduk) AS penduduk FROM penduduk WHERE periode = ? GROUP BY 1",
        "penduduk",
    ),
    "keluarga": (
        "SELECT kode_desa, sum(jumlah_kk) AS jumlah_kk FROM keluarga WHERE periode = ? GROUP BY 1",
        "keluarga",
    ),
    "desil": (
        "SELECT kode_desa, sum(jumlah_keluarga) AS desil_1_4 FROM dtsen_desil "
        "WHERE periode = ? AND desil BETWEEN 1 AND 4 GROUP BY 1",
        "dtsen_desil",
    ),
    "kelayakan": (
        "SELECT kode_desa, sum(keluarga_layak) AS layak, sum(keluarga_layak_pkh) AS layak_pkh FROM pkh_kelayakan "
        "WHERE periode = ? AND tahap = ? AND komponen = 'semua' GROUP BY 1",
        "pkh_kelayakan",
    ),
    "kualitas": ("SELECT kode_desa, sum(jumlah) AS temuan FROM kualitas WHERE periode = ? GROUP BY 1", None),
}
COUNT_TABLES = tuple(_COUNTS)
"""Names of the desa-level count queries :func:`desa_counts` can run."""
_MISSING_NAMES = {
    "penduduk": peta_texts.SUMBER_PENDUDUK,
    "keluarga": peta_texts.SUMBER_PENDUDUK,
    "dtsen_desil": peta_texts.SUMBER_DTSEN,
    "pkh_kelayakan": peta_texts.SUMBER_KELAYAKAN,
}
_WILAYAH_SQL = (
    "SELECT kode_wilayah, nama, level, kode_kecamatan FROM wilayah "
    "WHERE level IN ('kecamatan', 'desa', 'kelurahan') ORDER BY kode_wilayah"
)


def wilayah_names(con: duckdb.DuckDBPyConnection) -> pd.Series:
    """Official name of every kecamatan and desa/kelurahan, indexed by ``kode_wilayah`` (mart ``wilayah``)."""
    return run_query(con, _WILAYAH_SQL).set_index("kode_wilayah")["nama"]


def last_tahap(con: duckdb.DuckDBPyConnection, periode: str) -> int | None:
    """The last PKH tahap of ``periode`` in ``pkh_kelayakan`` (None when there is none)."""
    value = fetch_rows(con, "SELECT max(tahap) FROM pkh_kelayakan WHERE periode = ?", [periode])[0][0]
    return None if value is None else int(value)


def require_periode(con: duckdb.DuckDBPyConnection, table: str, periode: str) -> None:
    """Raise :class:`DataNotFoundError` (naming the source and semester) when ``table`` holds no row of ``periode``."""
    rows = fetch_rows(con, f"SELECT count(*) FROM {table} WHERE periode = ?", [periode])
    if rows[0][0] == 0:
        raise DataNotFoundError(
            peta_texts.NO_DATA_PERIODE.format(sumber=_MISSING_NAMES[table], periode=format_periode(periode))
        )


def desa_counts(
    con: duckdb.DuckDBPyConnection, periode: str, tables: tuple[str, ...], tahap: int | None
) -> pd.DataFrame:
    """The counts of ``tables`` for every desa of the regency, zeros where a desa has no rows.

    Returns:
        Indexed by ``kode_desa`` (code order): ``kode_kecamatan`` and one ``int64`` column per count
        (``penduduk``, ``jumlah_kk``, ``desil_1_4``, ``layak``, ``layak_pkh``, ``celah``, ``temuan``, as needed).

    Raises:
        DataNotFoundError: a table the indicator needs holds nothing for ``periode``.
    """
    wilayah = run_query(con, _WILAYAH_SQL)
    frame = wilayah[wilayah["level"].isin(["desa", "kelurahan"])].set_index("kode_wilayah")[["kode_kecamatan"]]
    for table in tables:
        sql, required = _COUNTS[table]
        if required:
            require_periode(con, required, periode)
        params = [periode, tahap] if table == "kelayakan" else [periode]
        found = run_query(con, sql, params).set_index("kode_desa")
        frame = frame.join(found, how="left")
    counts = frame.drop(columns="kode_kecamatan").fillna(0).astype("int64")
    if "layak" in counts:
        counts["celah"] = (counts["layak"] - counts["layak_pkh"]).clip(lower=0)
    counts.insert(0, "kode_kecamatan", frame["kode_kecamatan"].astype(str))
    counts.index.name = "kode_desa"
    return counts
