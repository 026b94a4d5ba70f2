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
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import special

from cc_analytics.forecasting import methods as fm
from cc_analytics.forecasting.intervals import conformal_half_width, series_scale
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
    "scaled_error",
]
SUMMARY_COLUMNS = ["method", "horizon", "n", "mape", "mdape", "bias", "mase", "cakupan_model", "cakupan_kalibrasi"]


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
        scale = series_scale(train)
        mae_naive = float(np.mean(np.abs(np.diff(train))))
        for name, results in fits.items():
            result = results[i]
            for h in range(1, min(max_horizon, values.size - end) + 1):
                actual, forecast = float(values[end + h - 1]), float(result.mean[h - 1])
                scaled = math.log(actual / forecast) / scale if forecast > 0 else math.nan
                rows.append(
                    (series.kode_wilayah, name, result.method_used, int(years[end - 1]), h, int(years[end + h - 1]),
                     actual, forecast, float(result.sd[h - 1]), scale, mae_naive, scaled)
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
        volatility used for calibration, ``scaled_error = log(actual / forecast) / scale``. Empty when
        no series is longer than ``min_train``.
    """
    rows: list[tuple] = []
    for s in series:
        rows.extend(_series_errors(s, methods, min(max_horizon, MAX_HORIZON), min_train, engine))
    frame = pd.DataFrame(rows, columns=ERROR_COLUMNS)
    return frame.astype({"kode_wilayah": str, "method": str, "method_used": str})


def _loso_covered(errors: pd.DataFrame, level: float) -> pd.Series:
    """For each error row: inside the band calibrated on the other series' errors (same method, horizon)?

    Works on numpy arrays per (method, horizon) group: with 25 series and 7 methods that is ~900 quantiles,
    which pandas indexing made the slowest part of the page's backtest table.
    """
    covered = np.full(len(errors), np.nan)
    abs_err = errors["scaled_error"].abs().to_numpy(dtype=float)
    kode = errors["kode_wilayah"].to_numpy(dtype=object)
    for positions in errors.groupby(["method", "horizon"], sort=False).indices.values():
        group_err, group_kode = abs_err[positions], kode[positions]
        for one in pd.unique(group_kode):
            mine = group_kode == one
            q = conformal_half_width(group_err[~mine], level)
            if math.isfinite(q):
                covered[positions[mine]] = (group_err[mine] <= q).astype(float)
    return pd.Series(covered, index=errors.index)


def summarise(errors: pd.DataFrame, level: float = 0.8, coverage: bool = True) -> pd.DataFrame:
    """Accuracy and coverage per method and horizon (see module docstring for the columns).

    Args:
        errors: output of :func:`backtest_errors`.
        level: interval level for the coverage columns (e.g. 0.8).
        coverage: False skips the calibrated coverage (NaN), which is the slow part.

    Returns:
        Columns :data:`SUMMARY_COLUMNS`, one row per (method, horizon), plus one row per method with
        ``horizon`` 0 holding the mean over horizons 1..5 (the ``n`` there is the total).
    """
    if errors.empty:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    z = float(special.ndtri(0.5 + level / 2))
    data = errors.assign(
        ape=100 * (errors["actual"] - errors["forecast"]).abs() / errors["actual"],
        pe=100 * (errors["forecast"] - errors["actual"]) / errors["actual"],
        ase=(errors["actual"] - errors["forecast"]).abs() / errors["mae_naive"].where(errors["mae_naive"] > 0),
        model_in=((errors["actual"] - errors["forecast"]).abs() <= z * errors["sd_model"]).astype(float),
        calib_in=_loso_covered(errors, level) if coverage else np.nan,
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
