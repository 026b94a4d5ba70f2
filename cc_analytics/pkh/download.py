"""The PKH ranking as a download: the figures of the screen's table, numbers kept as numbers.

A spreadsheet must be able to add up what it receives, so counts are whole numbers, Rupiah are whole Rupiah
(no ``Rp``, no thousands dots) and coverage is a decimal between 0 and 1; each header names its unit
(:data:`cc_analytics.pkh.texts.DOWNLOAD_COLUMNS`). Protection is the screen's: a hidden count stays its marker
(``<5`` or ``•``), and a share or amount of a hidden count stays ``–``, never a number. The screen keeps its
Indonesian text (:func:`cc_analytics.pkh.display.ranking_table`).
"""

from __future__ import annotations

import pandas as pd

from cc_analytics.pkh import texts as t
from cc_analytics.pkh.display import DASH, count_text, ranking_rows
from cc_analytics.pkh.view import PkhView

SHARE_DECIMALS = 4
"""Decimals of the coverage share (0,6532 = 65,32%)."""

_COUNTS = ("keluarga_layak", "keluarga_layak_pkh", "keluarga_celah", "kpm_bermasalah")
_RUPIAH = ("celah_rp_tahun", "inklusi_rp_tahun")


def _column(values: list[int | float | str]) -> pd.Series:
    """A numeric column when every cell is a number; otherwise numbers and markers side by side."""
    if all(not isinstance(v, str) for v in values):
        return pd.Series(values, dtype="float64" if any(isinstance(v, float) for v in values) else "int64")
    return pd.Series(values, dtype=object)


def _counts(rows: pd.DataFrame, column: str, min_cell: int) -> pd.Series:
    cells: list[int | float | str] = [
        count_text(None, s, min_cell) if pd.isna(v) else int(v)
        for v, s in zip(rows[column], rows[f"status_{column}"], strict=True)
    ]
    return _column(cells)


def ranking_download(view: PkhView) -> pd.DataFrame:
    """The listed wilayah in the order of the screen's ranking, as numbers, for CSV or XLSX.

    Returns:
        Columns (headers from :data:`~cc_analytics.pkh.texts.DOWNLOAD_COLUMNS`): rank (int), Kemendagri code,
        name, ``keluarga_layak``, ``keluarga_layak_pkh``, ``keluarga_celah`` (keluarga), ``cakupan``
        (proportion 0–1, 4 decimals), ``celah_rp_tahun`` (Rp per year), ``kpm_bermasalah`` (flagged KPM
        records), ``inklusi_rp_tahun`` (Rp per year). A hidden count reads ``<5``/``•``; a share or amount
        that cannot be shown reads ``–``.
    """
    rows, m = ranking_rows(view), view.min_cell
    frame = pd.DataFrame(
        {
            "peringkat": pd.Series(range(1, len(rows) + 1), dtype="int64"),
            "kode_wilayah": rows["kode_wilayah"].astype(str),
            "nama": rows["nama"].astype(str),
        }
    )
    for column in _COUNTS[:3]:
        frame[column] = _counts(rows, column, m)
    frame["cakupan"] = _column([DASH if pd.isna(c) else round(float(c), SHARE_DECIMALS) for c in rows["cakupan"]])
    frame["celah_rp_tahun"] = _column([DASH if pd.isna(v) else int(v) for v in rows["celah_rp_tahun"]])
    frame["kpm_bermasalah"] = _counts(rows, "kpm_bermasalah", m)
    frame["inklusi_rp_tahun"] = _column([DASH if pd.isna(v) else int(v) for v in rows["inklusi_rp_tahun"]])
    return frame.rename(columns=t.DOWNLOAD_COLUMNS)
