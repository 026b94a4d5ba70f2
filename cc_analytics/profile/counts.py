"""The counts of the profile tables after suppression, at kecamatan and desa level, and their ratios.

Every count column of :func:`cc_analytics.profile.queries.desa_counts` and the population of every semester
(:func:`cc_analytics.profile.queries.penduduk_trend`) is protected with
:func:`cc_analytics.nested_suppression.protect_nested`, the same rule the map uses for a count shown per
kecamatan and per desa, so the table, the map and the profile hide the same values.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cc_analytics.nested_suppression import NestedProtection, protect_nested
from cc_analytics.privacy import SHOWN, is_small
from cc_analytics.profile.compare import ratios
from cc_analytics.profile.queries import COUNT_COLUMNS


@dataclass(frozen=True)
class LevelCounts:
    """Counts after suppression at one level.

    Attributes:
        values: rows ``kode_kecamatan`` or ``kode_desa``; the :data:`~cc_analytics.profile.queries.COUNT_COLUMNS`
            (``Int64``, ``<NA>`` where hidden) followed by the ratios of
            :func:`cc_analytics.profile.compare.ratios` (float, NaN where hidden).
        status: same rows, one column per count: ``shown``, ``small`` or ``complement``.
        trend: same rows, one column per semester (oldest first): population, ``Int64`` with ``<NA>`` where
            hidden.
    """

    values: pd.DataFrame
    status: pd.DataFrame
    trend: pd.DataFrame


@dataclass(frozen=True)
class ProtectedCounts:
    """The profile counts of the whole regency after suppression.

    Attributes:
        kabupaten: the regency totals of :data:`~cc_analytics.profile.queries.COUNT_COLUMNS` and their ratios (one row,
            index ``35.14``; totals of hundreds of thousands are not suppressed).
        kabupaten_trend: regency population per semester (Series, jiwa).
        kecamatan: the 24 kecamatan.
        desa: the 365 desa/kelurahan, with a ``kode_kecamatan`` column first.
    """

    kabupaten: pd.DataFrame
    kabupaten_trend: pd.Series
    kecamatan: LevelCounts
    desa: LevelCounts


def _all_shown(counts: pd.Series, kecamatan_of: pd.Series) -> NestedProtection:
    """What :func:`protect_nested` returns when no count at either level is small: everything shown."""
    totals = counts.groupby(kecamatan_of).sum().sort_index()
    kecamatan = pd.DataFrame({"value": totals.astype("Int64"), "status": SHOWN}, index=totals.index)
    kecamatan.index.name = "kode_kecamatan"
    desa = pd.DataFrame(
        {"kode_kecamatan": kecamatan_of, "value": counts.astype("Int64"), "status": SHOWN}, index=counts.index
    )
    desa.index.name = "kode_desa"
    return NestedProtection(kecamatan=kecamatan, desa=desa)


def _nested(counts: pd.Series, kecamatan_of: pd.Series, min_cell: int) -> NestedProtection:
    """:func:`protect_nested`, with a quick answer for the common case of no small count at all."""
    totals = counts.groupby(kecamatan_of).sum()
    if not (
        counts.map(lambda v: is_small(int(v), min_cell)).any() or totals.map(lambda v: is_small(int(v), min_cell)).any()
    ):
        return _all_shown(counts, kecamatan_of)
    return protect_nested(counts, kecamatan_of, min_cell)


def _protect_columns(
    counts: pd.DataFrame, kecamatan_of: pd.Series, min_cell: int
) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame]]:
    """``protect_nested`` on each column: (kecamatan frames, desa frames) of value and status per column."""
    kecamatan: dict[str, pd.DataFrame] = {}
    desa: dict[str, pd.DataFrame] = {}
    for column in counts.columns:
        nested = _nested(counts[column], kecamatan_of, min_cell)
        kecamatan[column] = nested.kecamatan
        desa[column] = nested.desa
    return kecamatan, desa


def _level(frames: dict[str, pd.DataFrame], trend_frames: dict[str, pd.DataFrame], columns: list[str]) -> LevelCounts:
    values = pd.DataFrame({c: frames[c]["value"].astype("Int64") for c in columns})
    status = pd.DataFrame({c: frames[c]["status"].astype(str) for c in columns})
    trend = pd.DataFrame({p: trend_frames[p]["value"].astype("Int64") for p in trend_frames})
    return LevelCounts(values=pd.concat([values, ratios(values)], axis=1), status=status, trend=trend)


def protect_profile_counts(counts: pd.DataFrame, trend: pd.DataFrame, min_cell: int) -> ProtectedCounts:
    """Suppress small counts in the profile tables, consistently at kecamatan and desa level.

    Args:
        counts: :func:`cc_analytics.profile.queries.desa_counts` (rows ``kode_desa``, ``kode_kecamatan`` + counts).
        trend: :func:`cc_analytics.profile.queries.penduduk_trend` (rows ``kode_desa``, one column per semester).
        min_cell: counts ``1 … min_cell − 1`` are small.

    Returns:
        See :class:`ProtectedCounts`. Ratios are computed from the protected counts.
    """
    kecamatan_of = counts["kode_kecamatan"]
    columns = list(COUNT_COLUMNS)
    kec_frames, desa_frames = _protect_columns(counts[columns], kecamatan_of, min_cell)
    trend = trend.loc[counts.index]
    kec_trend, desa_trend = _protect_columns(trend, kecamatan_of, min_cell)
    kecamatan = _level(kec_frames, kec_trend, columns)
    desa = _level(desa_frames, desa_trend, columns)
    desa.values.insert(0, "kode_kecamatan", kecamatan_of.loc[desa.values.index])
    totals = counts[columns].sum().to_frame("35.14").T.astype("Int64")
    kabupaten = pd.concat([totals, ratios(totals)], axis=1)
    return ProtectedCounts(kabupaten, trend.sum().astype("int64"), kecamatan, desa)
