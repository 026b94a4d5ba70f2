"""Reading the inputs of the forecasts: the marts (DuckDB) and user CSV files.

Everything else in :mod:`cc_analytics.forecasting` works on DataFrames; this module is the only one
that touches files.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from cc_analytics.errors import DataNotFoundError, SourceFileError
from cc_analytics.store import connect

SERIES_CSV_COLUMNS = ("wilayah", "tahun", "penduduk")


_TAHUNAN_SQL = (
    "SELECT kode_wilayah, tahun, penduduk, basis, sumber FROM penduduk_tahunan ORDER BY kode_wilayah, tahun, basis"
)
_UMUR_SQL = (
    "SELECT periode, substr(kode_desa, 1, 8) AS kode_kecamatan, jenis_kelamin, kelompok_umur, "
    "sum(jumlah_penduduk) AS jumlah_penduduk FROM penduduk "
    "WHERE periode = coalesce(?, (SELECT max(periode) FROM penduduk)) "
    "GROUP BY ALL ORDER BY kode_kecamatan, jenis_kelamin, kelompok_umur"
)


def _run(con: duckdb.DuckDBPyConnection, table: str, sql: str, params: tuple = ()) -> pd.DataFrame:
    try:
        return con.execute(sql, list(params)).df()
    except duckdb.CatalogException as exc:
        raise DataNotFoundError(
            f"Mart '{table}' belum ada di basis data. Jalankan: python -m cc_analytics ingest"
        ) from exc


def _query(marts_path: Path, table: str, sql: str, params: tuple = ()) -> pd.DataFrame:
    con = connect(marts_path)
    try:
        return _run(con, table, sql, params)
    finally:
        con.close()


def read_penduduk_tahunan(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """:func:`load_penduduk_tahunan` on an open connection (for cached page loaders).

    Raises:
        DataNotFoundError: the marts have no ``penduduk_tahunan`` table.
    """
    return _run(con, "penduduk_tahunan", _TAHUNAN_SQL).astype({"kode_wilayah": str, "basis": str, "sumber": str})


def load_penduduk_tahunan(marts_path: Path) -> pd.DataFrame:
    """The mart ``penduduk_tahunan``: ``kode_wilayah, tahun, penduduk`` (jiwa), ``basis``, ``sumber``.

    Raises:
        MartsMissingError: no marts have been built at ``marts_path``.
        DataNotFoundError: the marts have no ``penduduk_tahunan`` table.
    """
    frame = _query(marts_path, "penduduk_tahunan", _TAHUNAN_SQL)
    return frame.astype({"kode_wilayah": str, "basis": str, "sumber": str})


def _checked_umur(frame: pd.DataFrame, periode: str | None) -> pd.DataFrame:
    if frame.empty:
        raise DataNotFoundError(f"Tidak ada data penduduk menurut umur untuk periode '{periode or 'terbaru'}'.")
    return frame


def read_penduduk_umur(con: duckdb.DuckDBPyConnection, periode: str | None = None) -> pd.DataFrame:
    """:func:`load_penduduk_umur` on an open connection (for cached page loaders).

    Raises:
        DataNotFoundError: no ``penduduk`` table, or no rows for ``periode``.
    """
    return _checked_umur(_run(con, "penduduk", _UMUR_SQL, (periode,)), periode)


def load_penduduk_umur(marts_path: Path, periode: str | None = None) -> pd.DataFrame:
    """Population by kecamatan, sex and 5-year age group from the mart ``penduduk`` (latest period by default).

    Returns:
        Columns ``periode, kode_kecamatan, jenis_kelamin`` (L/P), ``kelompok_umur`` (schema
        ``AGE_GROUPS``), ``jumlah_penduduk`` (jiwa).

    Raises:
        MartsMissingError: no marts have been built at ``marts_path``.
        DataNotFoundError: no ``penduduk`` table, or no rows for ``periode``.
    """
    return _checked_umur(_query(marts_path, "penduduk", _UMUR_SQL, (periode,)), periode)


def read_series_csv(path: Path) -> pd.DataFrame:
    """A user CSV of annual series: ``wilayah,tahun,penduduk`` and optionally ``basis``, ``sumber``.

    Returns:
        The rows with ``wilayah`` renamed to ``kode_wilayah`` (the library's name).

    Raises:
        SourceFileError: the file is missing, unreadable or lacks a required column.
    """
    try:
        frame = pd.read_csv(path, dtype={"wilayah": str, "basis": str, "sumber": str})
    except FileNotFoundError as exc:
        raise SourceFileError(path.name, "berkas tidak ditemukan") from exc
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise SourceFileError(path.name, f"berkas tidak dapat dibaca sebagai CSV ({exc.__class__.__name__})") from exc
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    missing = [c for c in SERIES_CSV_COLUMNS if c not in frame.columns]
    if missing:
        raise SourceFileError(path.name, f"kolom wajib tidak ada: {', '.join(missing)} (perlu wilayah,tahun,penduduk)")
    return frame.rename(columns={"wilayah": "kode_wilayah"})
