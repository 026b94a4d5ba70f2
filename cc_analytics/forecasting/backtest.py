"""Rolling-origin backtest: how wrong each method was, per horizon, on the series we have.

For every series and every origin ``T`` with at least :data:`MIN_TRAIN_YEARS` years up to ``T``, each
method is fitted to the years up to ``T`` only and its forecasts for ``T+1 .. T+5`` are compared with
what was then observed. The same fallbacks as in production apply (a method that needs more years
than the origin has is replaced by ``drift``), so the figures measure what a user would have got.

Metrics per method and horizon (percentages in %):

| column | meaning |
|---|---|
| ``n`` | number of forecasts compared |
| ``mape`` | mean absolute percentage error |
| ``mdape`` | median absolute percentage error |
| ``bias`` | mean of ``(forecast - actual) / actual``: positive = too high |
| ``mase`` | mean absolute error divided by the in-sample mean absolute yearly change (Hyndman & Koehler 2006) |
| ``cakupan_model`` | share of actual values inside the model's own interval at ``level`` |
| ``cakupan_kalibrasi`` | the same for the calibrated band, each series calibrated on the *other* series' errors |
| ``msis_model`` | mean scaled interval score of the model's interval (as M4 scored intervals, see below) |
| ``msis_kalibrasi`` | the same for the calibrated band (calibrated on the other series, as ``cakupan_kalibrasi``) |

The interval score of one band is its width plus ``2 / (1 - level)`` times the distance by which the
actual value falls outside it; MSIS divides it by ``mae_naive`` (the in-sample mean absolute yearly
change, as MASE) and averages: lower is better, and a band that is too narrow pays for its misses.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import special

from cc_analytics.forecasting import methods as fm
from cc_analytics.forecasting.intervals import (
    calibrated_bounds,
    change_scale,
    conformal_half_width,
    series_half_widths,
    studentise,
)
from cc_analytics.forecasting.series import PreparedSeries

MIN_TRAIN_YEARS = 5
MAX_HORIZON = 5
ERROR_COLUMNS = [
    "kode_wilayah",
    "method",
    "method_used",
    "origin",
    "horizon",
    "tahun",
    "actual",
    "forecast",
    "sd_model",
    "scale",
    "mae_naive",
    "n_train",
    "scaled_error",
]
SUMMARY_COLUMNS = [
    "method", "horizon", "n", "mape", "mdape", "bias", "mase",
    "cakupan_model", "cakupan_kalibrasi", "msis_model", "msis_kalibrasi",
]  # fmt: skip


ENGINES = ("cepat", "statsmodels")


def _prefix_fits(
    values: np.ndarray, methods: Sequence[str], ends: list[int], engine: str
) -> dict[str, list[fm.MethodFit]]:
    """Fits of every method on every training window ``values[:m]``; ``kombinasi`` reuses its components."""
    wanted = set(methods) | (set(fm.COMBINED) if "kombinasi" in methods else set())
    if engine == "statsmodels":
        from cc_analytics.forecasting.reference import fit_statsmodels  # slow import, only when asked

        fits = {m: [fit_statsmodels(m, values[:end], MAX_HORIZON) for end in ends] for m in wanted - {"kombinasi"}}
    else:
        fits = {m: fm.fit_prefixes(m, values, ends, MAX_HORIZON) for m in wanted - {"kombinasi"}}
    if "kombinasi" in methods:
        fits["kombinasi"] = [fm.combine(list(group)) for group in zip(*(fits[m] for m in fm.COMBINED), strict=True)]
    return {m: f for m, f in fits.items() if m in methods}


def _series_errors(
    series: PreparedSeries, methods: Sequence[str], max_horizon: int, min_train: int, engine: str
) -> list[tuple]:
    values, years = series.penduduk, series.tahun
    ends = list(range(min_train, values.size))
    if not ends:
        return []
    fits = _prefix_fits(values, methods, ends, engine)
    rows: list[tuple] = []
    for i, end in enumerate(ends):
        train = values[:end]
        scale = change_scale(train)
        mae_naive = float(np.mean(np.abs(np.diff(train))))
        for name, results in fits.items():
            result = results[i]
            for h in range(1, min(max_horizon, values.size - end) + 1):
                actual, forecast = float(values[end + h - 1]), float(result.mean[h - 1])
                ratio = math.log(actual / forecast) / scale if forecast > 0 else math.nan
                rows.append(
                    (series.kode_wilayah, name, result.method_used, int(years[end - 1]), h, int(years[end + h - 1]),
                     actual, forecast, float(result.sd[h - 1]), scale, mae_naive, end, ratio)
                )  # fmt: skip
    return rows


def backtest_errors(
    series: Sequence[PreparedSeries],
    methods: Sequence[str] = fm.METHODS,
    max_horizon: int = MAX_HORIZON,
    min_train: int = MIN_TRAIN_YEARS,
    engine: str = "cepat",
) -> pd.DataFrame:
    """Forecast errors of every method at every rolling origin of every series.

    Args:
        series: prepared series (one basis each, consecutive years).
        methods: keys of :data:`cc_analytics.forecasting.methods.METHODS`.
        max_horizon: longest horizon compared (years).
        min_train: fewest years a method is fitted on.
        engine: ``cepat`` (the direct implementations) or ``statsmodels`` (the reference, slow).

    Returns:
        One row per (series, method, origin, horizon), columns :data:`ERROR_COLUMNS`: ``origin`` is the
        last training year, ``actual``/``forecast``/``sd_model``/``mae_naive`` in jiwa, ``scale`` the
        mean absolute annual log change of the training window, ``n_train`` its number of years,
        ``scaled_error`` the studentised score of ``log(actual / forecast) / scale``
        (:func:`cc_analytics.forecasting.intervals.studentise`). Empty when no series is longer than
        ``min_train``.
    """
    rows: list[tuple] = []
    for s in series:
        rows.extend(_series_errors(s, methods, min(max_horizon, MAX_HORIZON), min_train, engine))
    frame = pd.DataFrame(rows, columns=ERROR_COLUMNS)
    frame["scaled_error"] = studentise(frame["scaled_error"].to_numpy(dtype=float), frame["n_train"].to_numpy())
    return frame.astype({"kode_wilayah": str, "method": str, "method_used": str})


def _loso_half_widths(errors: pd.DataFrame, level: float) -> np.ndarray:
    """For each error row: the half-width (normal scores) calibrated on the other series' errors (same method, horizon).

    Works on numpy arrays per (method, horizon) group: with 25 series and 7 methods that is ~900 quantiles,
    which pandas indexing made the slowest part of the page's backtest table. NaN where too few errors.
    """
    widths = np.full(len(errors), np.nan)
    abs_err = errors["scaled_error"].abs().to_numpy(dtype=float)
    kode = errors["kode_wilayah"].to_numpy(dtype=object)
    for positions in errors.groupby(["method", "horizon"], sort=False).indices.values():
        group_err, group_kode = abs_err[positions], kode[positions]
        for one in pd.unique(group_kode):
            mine = group_kode == one
            widths[positions[mine]] = conformal_half_width(group_err[~mine], level)
    return widths


def _loso_covered(errors: pd.DataFrame, level: float, q: np.ndarray | None = None) -> pd.Series:
    """For each error row: inside the band calibrated on the other series' errors (NaN when none)?

    ``q`` are the rows' half-widths from :func:`_loso_half_widths` when already computed.
    """
    q = _loso_half_widths(errors, level) if q is None else q
    inside = (errors["scaled_error"].abs().to_numpy(dtype=float) <= q).astype(float)
    return pd.Series(np.where(np.isfinite(q), inside, np.nan), index=errors.index)


def interval_score(actual: pd.Series, lower: pd.Series, upper: pd.Series, level: float) -> pd.Series:
    """Interval score of the band ``lower .. upper`` at ``level`` (Gneiting & Raftery 2007; M4's MSIS before scaling).

    ``(upper - lower) + 2 / (1 - level) * (lower - actual)^+ + 2 / (1 - level) * (actual - upper)^+``, in the
    unit of ``actual`` (jiwa): narrow bands score low, values outside cost in proportion to the miss.
    """
    penalty = 2.0 / (1.0 - level)
    miss = (lower - actual).clip(lower=0) + (actual - upper).clip(lower=0)
    return (upper - lower) + penalty * miss


def _calibrated_interval_score(errors: pd.DataFrame, level: float, q: np.ndarray) -> pd.Series:
    """Interval score (jiwa) of each row's band with half-widths ``q`` (normal scores); NaN where ``q`` is."""
    widths = np.where(np.isfinite(q), series_half_widths(np.nan_to_num(q), errors["n_train"].to_numpy()), np.nan)
    lower, upper = calibrated_bounds(errors["forecast"].to_numpy(dtype=float), errors["scale"].to_numpy(), widths)
    return interval_score(errors["actual"], pd.Series(lower, errors.index), pd.Series(upper, errors.index), level)


def summarise(errors: pd.DataFrame, level: float = 0.8, coverage: bool = True) -> pd.DataFrame:
    """Accuracy and coverage per method and horizon (see module docstring for the columns).

    Args:
        errors: output of :func:`backtest_errors`.
        level: interval level for the coverage and interval-score columns (e.g. 0.8).
        coverage: False skips the calibrated coverage and score (NaN), which are the slow part.

    Returns:
        Columns :data:`SUMMARY_COLUMNS`, one row per (method, horizon), plus one row per method with
        ``horizon`` 0 holding the mean over horizons 1..5 (the ``n`` there is the total).
    """
    if errors.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    z = float(special.ndtri(0.5 + level / 2))
    q = _loso_half_widths(errors, level) if coverage else np.full(len(errors), np.nan)
    naive = errors["mae_naive"].where(errors["mae_naive"] > 0)
    model_lower = errors["forecast"] - z * errors["sd_model"]
    data = errors.assign(
        ape=100 * (errors["actual"] - errors["forecast"]).abs() / errors["actual"],
        pe=100 * (errors["forecast"] - errors["actual"]) / errors["actual"],
        ase=(errors["actual"] - errors["forecast"]).abs() / naive,
        model_in=((errors["actual"] - errors["forecast"]).abs() <= z * errors["sd_model"]).astype(float),
        calib_in=_loso_covered(errors, level, q) if coverage else np.nan,
        model_is=interval_score(errors["actual"], model_lower, model_lower + 2 * z * errors["sd_model"], level) / naive,
        calib_is=_calibrated_interval_score(errors, level, q) / naive if coverage else np.nan,
    )
    per_h = (
        data.groupby(["method", "horizon"])
        .agg(
            n=("ape", "size"),
            mape=("ape", "mean"),
            mdape=("ape", "median"),
            bias=("pe", "mean"),
            mase=("ase", "mean"),
            cakupan_model=("model_in", "mean"),
            cakupan_kalibrasi=("calib_in", "mean"),
            msis_model=("model_is", "mean"),
            msis_kalibrasi=("calib_is", "mean"),
        )
        .reset_index()
    )
    overall = per_h.groupby("method").agg({c: "mean" for c in SUMMARY_COLUMNS[3:]}).reset_index()
    overall["n"] = per_h.groupby("method")["n"].sum().to_numpy()
    overall["horizon"] = 0
    return pd.concat([per_h, overall[SUMMARY_COLUMNS]], ignore_index=True)[SUMMARY_COLUMNS]


def best_method(
    summary: pd.DataFrame, candidates: Sequence[str] = ("ets", "arima", "theta", "drift", "kombinasi")
) -> str:
    """The candidate with the lowest mean MASE over horizons (the ``horizon == 0`` rows of :func:`summarise`)."""
    overall = summary[(summary["horizon"] == 0) & summary["method"].isin(candidates)]
    if overall.empty:
        return "drift"
    return str(overall.sort_values(["mase", "mape"]).iloc[0]["method"])
