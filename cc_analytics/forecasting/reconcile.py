"""Coherent forecasts: the kecamatan forecasts add up exactly to the kabupaten forecast.

The kabupaten and each kecamatan are forecast on their own ("base" forecasts ``b_i`` and ``t``), then
reconciled by weighted least squares on the two-level hierarchy (MinT with a diagonal covariance,
Wickramasuriya, Athanasopoulos & Hyndman 2019): with variances ``v_i`` for the kecamatan and ``v_0``
for the kabupaten, and the incoherence ``d = t - sum(b)``::

    b_i* = b_i + d * v_i / (v_0 + sum(v))        kabupaten* = sum(b_i*)

A series with a wider calibrated band takes a larger share of the correction (a part that would go
below zero is set to zero and the rest of its correction goes to the others). Numbers are then rounded
to whole jiwa by the largest-remainder method, so the integer kecamatan values sum exactly to the
integer kabupaten value. Interval bounds are shifted by the same correction as their mean.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

RECONCILED_COLUMNS = ["mean", "lower", "upper"]


def wls_adjust(bottom: np.ndarray, total: np.ndarray, bottom_var: np.ndarray, total_var: np.ndarray) -> np.ndarray:
    """Reconciled bottom-level means (the reconciled total is their sum).

    Args:
        bottom: base forecasts of the parts (jiwa), shape ``(years, parts)`` or ``(parts,)``.
        total: base forecast of the whole (jiwa), shape ``(years,)`` or scalar.
        bottom_var: error variances of the parts (only ratios matter), shaped like ``bottom``.
        total_var: error variance of the whole, shaped like ``total``.
    """
    bottom = np.atleast_2d(np.asarray(bottom, dtype=float))
    weights = np.atleast_2d(np.asarray(bottom_var, dtype=float))
    total = np.atleast_1d(np.asarray(total, dtype=float))
    total_var = np.atleast_1d(np.asarray(total_var, dtype=float))
    denominator = total_var + weights.sum(axis=1)
    degenerate = ~(denominator > 0)
    weights = np.where(degenerate[:, None], 1.0, weights)
    denominator = np.where(degenerate, 1.0 + weights.sum(axis=1), denominator)
    adjusted = _no_negative_parts(bottom + ((total - bottom.sum(axis=1)) / denominator)[:, None] * weights, weights)
    return adjusted if adjusted.shape[0] > 1 or np.ndim(bottom_var) > 1 else adjusted[0]


def _no_negative_parts(adjusted: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Set negative parts to 0 and take the difference from the other parts, by the same weights."""
    out = adjusted.copy()
    for _ in range(out.shape[1]):
        negative = out < 0
        if not negative.any():
            break
        deficit = np.where(negative, out, 0.0).sum(axis=1)
        free = np.where(negative | (out <= 0), 0.0, np.maximum(weights, 1e-12))
        share = free / np.maximum(free.sum(axis=1, keepdims=True), 1e-300)
        out = np.where(negative, 0.0, out) + deficit[:, None] * share
    return out


def round_preserving_sum(values: np.ndarray) -> np.ndarray:
    """Round each row to integers so that it sums to the rounded row sum (largest remainder method)."""
    values = np.atleast_2d(np.asarray(values, dtype=float))
    target = np.round(values.sum(axis=1))
    floors = np.floor(values)
    short = (target - floors.sum(axis=1)).astype(int)
    order = np.argsort(-(values - floors), axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(values.shape[1])[None, :].repeat(values.shape[0], axis=0), axis=1)
    out = floors + (ranks < short[:, None])
    return out if out.shape[0] > 1 else out[0]


def reconcile_forecasts(table: pd.DataFrame, kode_total: str) -> pd.DataFrame:
    """Make the forecasts of the parts add up to the forecast of the whole, year by year.

    Args:
        table: forecasts with columns ``kode_wilayah``, ``tahun``, ``mean``, ``lower``, ``upper``
            (jiwa) for the whole (``kode_total``) and its parts, the same years for each.
        kode_total: code of the whole (e.g. ``35.14``).

    Returns:
        A copy with ``mean``, ``lower`` and ``upper`` reconciled and rounded to whole jiwa, the base
        mean kept as ``mean_dasar``. For every year, the parts' ``mean`` sums exactly to the whole's.
    """
    wide = {c: table.pivot(index="tahun", columns="kode_wilayah", values=c) for c in ("mean", "lower", "upper")}
    parts = [k for k in wide["mean"].columns if k != kode_total]
    variance = ((wide["upper"] - wide["lower"]) / 2) ** 2
    adjusted = wls_adjust(
        wide["mean"][parts].to_numpy(), wide["mean"][kode_total].to_numpy(),
        variance[parts].to_numpy(), variance[kode_total].to_numpy(),
    )  # fmt: skip
    rounded = np.atleast_2d(round_preserving_sum(adjusted))
    new_mean = pd.DataFrame(rounded, index=wide["mean"].index, columns=parts).assign(
        **{kode_total: rounded.sum(axis=1)}
    )
    shift = (new_mean - wide["mean"][new_mean.columns]).stack().rename("shift")
    out = table.drop(columns=[c for c in ("mean_dasar", "shift") if c in table.columns])
    out = out.join(shift, on=["tahun", "kode_wilayah"])
    out["mean_dasar"] = out["mean"]
    out["mean"] = out["mean"] + out["shift"]
    out["lower"] = np.minimum(np.maximum(out["lower"] + out["shift"], 0.0), out["mean"])
    out["upper"] = np.maximum(out["upper"] + out["shift"], out["mean"])
    return out.drop(columns="shift")
