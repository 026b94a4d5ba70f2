"""What the marts know about their own inputs: files and row accounting, match rates, rejections.

Reads the marts ``ingest_log`` (one row per raw file), ``ingest_tolak`` (one row per rejected line, values
already masked), ``kecocokan`` (per desa and semester, how many records of one source are found in another)
and ``wilayah``.

Row accounting and rejection reasons are counts of *file lines* with a format problem, not counts of people
in a wilayah or category, and are shown whole: the promise "rows read = accepted + rejected" has to be
checkable on screen. Match rates per kecamatan *are* counts of people with an attribute in an area, so their
small counts are suppressed with :func:`cc_analytics.privacy.protect_table`.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from cc_analytics.errors import DataNotFoundError
from cc_analytics.ingest.shown import stored_value_sql
from cc_analytics.privacy import COMPLEMENT, SHOWN, TOTAL, protect_table
from cc_analytics.store.query import fetch_rows, run_query
from cc_analytics.wilayah import KODE_KABUPATEN, NAMA_KABUPATEN

SOURCE_ORDER = ("dukcapil", "dtsen", "pkh", "penduduk")
"""Source keys in the order the page lists them."""

PAIRS = ("dtsen_dukcapil", "pkh_dukcapil", "pkh_dtsen")
"""Linkage pairs of mart ``kecocokan``, in display order."""

PAIRS_OF_SOURCE: dict[str, tuple[str, ...]] = {
    "dukcapil": ("dtsen_dukcapil", "pkh_dukcapil"),
    "dtsen": ("dtsen_dukcapil", "pkh_dtsen"),
    "pkh": ("pkh_dukcapil", "pkh_dtsen"),
    "penduduk": (),
}
"""The pairs a source takes part in (the annual population file is not linked)."""

_ORDER_SQL = "list_position(['dukcapil', 'dtsen', 'pkh', 'penduduk'], sumber) NULLS LAST"
_WHERE_SUMBER = "(CAST(? AS VARCHAR) IS NULL OR sumber = ?)"

_FILES_SQL = f"""
SELECT sumber, file_name, periode, tanggal_data, baris_dibaca, baris_diterima, baris_ditolak, catatan, sha256
FROM ingest_log WHERE {_WHERE_SUMBER}
ORDER BY {_ORDER_SQL}, tanggal_data NULLS FIRST, file_name
"""

_REASONS_SQL = f"""
SELECT sumber, kolom, alasan, count(*) AS jumlah_baris, count(DISTINCT file_name) AS jumlah_berkas
FROM ingest_tolak WHERE {_WHERE_SUMBER} AND (CAST(? AS VARCHAR) IS NULL OR file_name = ?)
GROUP BY sumber, kolom, alasan
ORDER BY jumlah_baris DESC, {_ORDER_SQL}, kolom NULLS LAST, alasan
"""

_MATCH_SQL = """
SELECT d.kode_kecamatan, m.pasangan, sum(m.jumlah)::BIGINT AS jumlah, sum(m.cocok)::BIGINT AS cocok
FROM kecocokan AS m JOIN wilayah AS d ON d.kode_wilayah = m.kode_desa
WHERE m.periode = ?
GROUP BY ALL
"""
_KECAMATAN_SQL = "SELECT kode_wilayah, nama FROM wilayah WHERE level = 'kecamatan' ORDER BY kode_wilayah"

FILE_COLUMNS = (
    "sumber",
    "file_name",
    "periode",
    "tanggal_data",
    "baris_dibaca",
    "baris_diterima",
    "baris_ditolak",
    "rasio_ditolak",
    "seimbang",
    "catatan",
    "sha256",
)
"""Columns of :func:`file_table`, in order."""

MATCH_COLUMNS = (
    "kode_kecamatan",
    "nama_kecamatan",
    "pasangan",
    "jumlah",
    "cocok",
    "tidak_cocok",
    "status_jumlah",
    "status_cocok",
    "status_tidak_cocok",
)
"""Columns of the frames of :class:`MatchRates`, in order."""


def list_sources(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Source keys that have at least one file in ``ingest_log``, in :data:`SOURCE_ORDER` (unknown keys last)."""
    rows = fetch_rows(con, f"SELECT DISTINCT sumber FROM ingest_log ORDER BY {_ORDER_SQL}, sumber")
    return [str(s) for (s,) in rows]


def file_table(con: duckdb.DuckDBPyConnection, sumber: str | None = None) -> pd.DataFrame:
    """Every imported file with its period, as-of date and row accounting.

    Args:
        con: connection to the marts.
        sumber: only this source's files (``None``: all).

    Returns:
        One row per file, sorted by source, as-of date and name; columns :data:`FILE_COLUMNS`: ``sumber``,
        ``file_name``, ``periode`` (the log's label: ``2025-S1``, ``2025 tahap 2``, ``2025`` or ``tahunan``),
        ``tanggal_data`` (as-of date, ``NaT`` for the annual file), ``baris_dibaca``, ``baris_diterima``,
        ``baris_ditolak`` (lines of the file, header excluded; ``int64``), ``rasio_ditolak`` (rejected / read,
        0–1, ``Float64``, ``<NA>`` for an empty file), ``seimbang`` (read = accepted + rejected), ``catatan``
        (what the reader did, Indonesian) and ``sha256``.
    """
    frame = run_query(con, _FILES_SQL, [sumber, sumber])
    read = frame["baris_dibaca"].astype("int64")
    accepted = frame["baris_diterima"].astype("int64")
    rejected = frame["baris_ditolak"].astype("int64")
    ratio = rejected.astype("Float64") / read.astype("Float64").where(read > 0)
    out = frame.assign(
        baris_dibaca=read,
        baris_diterima=accepted,
        baris_ditolak=rejected,
        rasio_ditolak=ratio,
        seimbang=read == accepted + rejected,
        catatan=frame["catatan"].fillna("").astype(str),
    )
    return out[list(FILE_COLUMNS)].reset_index(drop=True)


@dataclass(frozen=True)
class Accounting:
    """Row accounting over a set of files.

    Attributes:
        jumlah_berkas: number of files.
        baris_dibaca: lines read (header excluded).
        baris_diterima: lines accepted.
        baris_ditolak: lines rejected.
        berkas_tidak_seimbang: names of files whose own read ≠ accepted + rejected (empty when all balance).
    """

    jumlah_berkas: int
    baris_dibaca: int
    baris_diterima: int
    baris_ditolak: int
    berkas_tidak_seimbang: tuple[str, ...]

    @property
    def seimbang(self) -> bool:
        """True when every file balances and so do the totals."""
        return not self.berkas_tidak_seimbang and self.baris_dibaca == self.baris_diterima + self.baris_ditolak

    @property
    def rasio_ditolak(self) -> float | None:
        """Rejected lines as a share of lines read (0–1); ``None`` when nothing was read."""
        return self.baris_ditolak / self.baris_dibaca if self.baris_dibaca else None


def accounting(files: pd.DataFrame) -> Accounting:
    """Totals of a :func:`file_table` (or any subset of its rows)."""
    unbalanced = tuple(files.loc[~files["seimbang"].astype(bool), "file_name"].astype(str))
    return Accounting(
        jumlah_berkas=len(files),
        baris_dibaca=int(files["baris_dibaca"].sum()),
        baris_diterima=int(files["baris_diterima"].sum()),
        baris_ditolak=int(files["baris_ditolak"].sum()),
        berkas_tidak_seimbang=unbalanced,
    )


def rejection_reasons(
    con: duckdb.DuckDBPyConnection, sumber: str | None = None, file_name: str | None = None
) -> pd.DataFrame:
    """Rejected lines grouped by source, column and reason, most frequent first.

    Args:
        con: connection to the marts.
        sumber: only this source (``None``: all).
        file_name: only this file (``None``: all).

    Returns:
        Columns ``sumber``, ``kolom`` (first column that failed; ``None`` for a line that could not be split
        into columns), ``alasan`` (Indonesian), ``jumlah_baris`` (lines) and ``jumlah_berkas`` (files).
    """
    frame = run_query(con, _REASONS_SQL, [sumber, sumber, file_name, file_name])
    return frame.astype({"jumlah_baris": "int64", "jumlah_berkas": "int64"}).reset_index(drop=True)


def rejected_files(files: pd.DataFrame) -> list[str]:
    """Names of the files of a :func:`file_table` that have rejected lines, in table order."""
    return [str(name) for name in files.loc[files["baris_ditolak"] > 0, "file_name"]]


def newest_rejected_file(files: pd.DataFrame) -> str | None:
    """The file with rejected lines whose data are the most recent (first in table order among equals), or None.

    The default of the rejected-rows view: usually the file imported last. The annual file (no as-of date)
    comes only when no other file has rejections.
    """
    rejected = files[files["baris_ditolak"] > 0]
    if rejected.empty:
        return None
    dates = pd.to_datetime(rejected["tanggal_data"])
    if dates.isna().all():
        return str(rejected["file_name"].iloc[0])
    return str(rejected.loc[dates.idxmax(), "file_name"])


def rejected_rows(con: duckdb.DuckDBPyConnection, file_name: str) -> pd.DataFrame:
    """The rejected lines of one file, as stored by the ingest (values already masked).

    Returns:
        Columns ``nomor_baris`` (line in the file, header = 1), ``kolom``, ``alasan`` and ``nilai`` (what the
        column's allow-list lets show of the offending value, see :mod:`cc_analytics.ingest.shown`; checked
        again here, so older marts show no more), in line order.

    Raises:
        DataNotFoundError: when no file of that name was imported.
    """
    if not fetch_rows(con, "SELECT 1 FROM ingest_log WHERE file_name = ?", [file_name]):
        raise DataNotFoundError(f"Berkas '{file_name}' tidak ada dalam catatan pemuatan berkas.")
    nilai = stored_value_sql("kolom", "nilai")  # marts built before the allow-list may hold what it refuses
    sql = (
        f"SELECT nomor_baris, kolom, alasan, {nilai} AS nilai FROM ingest_tolak WHERE file_name = ? "
        "ORDER BY nomor_baris"
    )
    return run_query(con, sql, [file_name]).astype({"nomor_baris": "int64"}).reset_index(drop=True)


@dataclass(frozen=True)
class MatchRates:
    """Match counts between sources for one semester, after small-count suppression.

    Attributes:
        per_kecamatan: one row per kecamatan and pair present in the semester (all 24 kecamatan, in code
            order, pairs in :data:`PAIRS` order), columns :data:`MATCH_COLUMNS`: ``jumlah`` (records of the
            first source of the pair), ``cocok`` (found in the second), ``tidak_cocok`` (not found); counts
            are ``Int64`` with ``<NA>`` where suppressed; ``status_*`` is ``shown``, ``small``,
            ``complement`` (see :mod:`cc_analytics.privacy`).
        kabupaten: the regency totals, one row per pair, same columns (``kode_kecamatan`` = ``35.14``).
        min_cell: the suppression threshold used.
    """

    per_kecamatan: pd.DataFrame
    kabupaten: pd.DataFrame
    min_cell: int

    @property
    def pairs(self) -> list[str]:
        """Pairs with data in the semester, in :data:`PAIRS` order."""
        return [p for p in PAIRS if p in set(self.kabupaten["pasangan"])]


def _protect_pair(counts: pd.DataFrame, names: pd.Series, pasangan: str, min_cell: int) -> pd.DataFrame:
    """Suppress one pair's kecamatan × (cocok, tidak cocok) table with its row and column totals published."""
    cells = counts[["cocok", "tidak_cocok"]]
    protected = protect_table(cells, min_cell, row_totals=True, col_totals=True)
    values, status = protected.values, protected.status
    index = [*cells.index, TOTAL]
    return pd.DataFrame(
        {
            "kode_kecamatan": [*cells.index, KODE_KABUPATEN],
            "nama_kecamatan": [*names.loc[cells.index], NAMA_KABUPATEN],
            "pasangan": pasangan,
            "jumlah": values.loc[index, TOTAL].to_numpy(),
            "cocok": values.loc[index, "cocok"].to_numpy(),
            "tidak_cocok": values.loc[index, "tidak_cocok"].to_numpy(),
            "status_jumlah": status.loc[index, TOTAL].astype(str).to_numpy(),
            "status_cocok": status.loc[index, "cocok"].astype(str).to_numpy(),
            "status_tidak_cocok": status.loc[index, "tidak_cocok"].astype(str).to_numpy(),
        }
    )


def _hide(frame: pd.DataFrame, rows: np.ndarray, column: str) -> None:
    """Suppress ``column`` in ``rows`` (in place), as a complement where it was shown."""
    shown = rows & (frame[f"status_{column}"] == SHOWN).to_numpy()
    frame.loc[rows, column] = pd.NA
    frame.loc[shown, f"status_{column}"] = COMPLEMENT


def _share_pkh_totals(frames: dict[str, pd.DataFrame]) -> None:
    """Make the two PKH pairs agree on which totals are hidden (in place).

    Both count the same PKH records, so their ``jumlah`` columns are the same numbers, each table protected
    on its own. A total hidden in one pair is hidden in the other too; where the other pair showed both parts
    of such a row (which would add up to the hidden total), those parts and that pair's regency parts are
    hidden as well; if the regency total itself is affected, every count of that pair is hidden.
    """
    if not {"pkh_dukcapil", "pkh_dtsen"} <= frames.keys():
        return
    first, second = frames["pkh_dukcapil"], frames["pkh_dtsen"]
    hidden = (first["status_jumlah"] != SHOWN).to_numpy() | (second["status_jumlah"] != SHOWN).to_numpy()
    for frame in (first, second):
        newly = hidden & (frame["status_jumlah"] == SHOWN).to_numpy()
        if not newly.any():
            continue
        _hide(frame, newly, "jumlah")
        regency = np.zeros(len(frame), dtype=bool)
        regency[-1] = True
        rows = regency if not newly[-1] else np.ones(len(frame), dtype=bool)
        for column in ("cocok", "tidak_cocok"):
            _hide(frame, newly | rows, column)


def match_rates(con: duckdb.DuckDBPyConnection, periode: str, *, min_cell: int) -> MatchRates:
    """Per kecamatan, how many records of one source are found in another (mart ``kecocokan``).

    Pairs: ``dtsen_dukcapil`` (DTSEN members by NIK in the Dukcapil snapshot of the semester),
    ``pkh_dukcapil`` (PKH records of the semester's last tahap by pengurus NIK) and ``pkh_dtsen`` (the same PKH
    records by NO_KK in DTSEN). Each pair is protected as a table kecamatan × (cocok, tidak cocok) with the
    kecamatan totals and the regency totals published.

    Args:
        con: connection to the marts.
        periode: semester label, e.g. ``2025-S1``.
        min_cell: counts ``1 … min_cell − 1`` are suppressed (with complementary cells).

    Returns:
        See :class:`MatchRates`; both frames are empty when the semester has no match counts.
    """
    kecamatan = run_query(con, _KECAMATAN_SQL).set_index("kode_wilayah")["nama"]
    counts = run_query(con, _MATCH_SQL, [periode])
    frames: dict[str, pd.DataFrame] = {}
    for pasangan in PAIRS:
        pair = counts[counts["pasangan"] == pasangan].set_index("kode_kecamatan")
        if pair.empty:
            continue
        grid = pair.reindex(kecamatan.index).fillna({"jumlah": 0, "cocok": 0})
        grid = grid.assign(
            cocok=grid["cocok"].astype("int64"), tidak_cocok=(grid["jumlah"] - grid["cocok"]).astype("int64")
        )
        frames[pasangan] = _protect_pair(grid, kecamatan, pasangan, min_cell)
    _share_pkh_totals(frames)
    if not frames:
        empty = pd.DataFrame({c: pd.Series(dtype="object") for c in MATCH_COLUMNS})
        return MatchRates(empty, empty.copy(), min_cell)
    every = pd.concat(frames.values(), ignore_index=True)
    for column in ("jumlah", "cocok", "tidak_cocok"):
        every[column] = every[column].astype("Int64")
    is_total = every["kode_kecamatan"] == KODE_KABUPATEN
    per_kecamatan = every[~is_total].reset_index(drop=True)[list(MATCH_COLUMNS)]
    kabupaten = every[is_total].reset_index(drop=True)[list(MATCH_COLUMNS)]
    return MatchRates(per_kecamatan, kabupaten, min_cell)
