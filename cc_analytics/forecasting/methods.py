"""Point forecasts and model intervals of the annual population methods, computed directly.

All methods take the population of one wilayah on one basis (``values``, jiwa, one value per year,
no gaps) and return a :class:`MethodFit` with the mean forecast for years ``T+1 .. T+horizon`` and the
model's own standard deviation for each of them (jiwa). The model intervals are known to be too
narrow on short annual series; :mod:`cc_analytics.forecasting.intervals` calibrates them from the
backtest.

The methods are the statsmodels models written out in closed form or with a small optimiser, because
statsmodels needs 60 ms (ETS, ARIMA) to 900 ms (Theta) per fit and a page must forecast 25 series with
a backtest in under a second. :mod:`cc_analytics.forecasting.reference` fits the same models with
statsmodels; the tests check that both agree.

| key | model |
|---|---|
| ``naif`` | random walk: the last value |
| ``drift`` | random walk with drift: ``y_T + h (y_T - y_1) / (T - 1)`` |
| ``geometrik`` | BPS growth-rate method: ``y_T (1 + r)^h`` with ``r`` over the last 10 years (a census interval) |
| ``theta`` | Theta method = SES with drift (Hyndman & Billah 2003), as ``statsmodels`` ``ThetaModel`` |
| ``ets`` | ETS(A,Ad,N): additive damped trend, least squares (= Gaussian likelihood) on a parameter grid |
| ``arima`` | ARIMA(1,1,0) with drift, conditional least squares |
| ``kombinasi`` | equal-weight mean of ``ets``, ``arima``, ``theta`` and ``drift`` |
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from cc_analytics.forecasting import smoothing, texts

METHODS: tuple[str, ...] = ("ets", "arima", "theta", "drift", "kombinasi", "geometrik", "naif")
COMBINED: tuple[str, ...] = ("ets", "arima", "theta", "drift")
BENCHMARKS: tuple[str, ...] = ("naif", "drift")

# Fewest observations each method is fitted on; with fewer the fit falls back to ``drift`` (with a note).
MIN_POINTS: dict[str, int] = {"naif": 1, "drift": 2, "geometrik": 2, "theta": 4, "ets": 6, "arima": 6, "kombinasi": 2}
GEOMETRIC_SPAN_YEARS = 10
ARIMA_PHI_LIMIT = 0.95


@dataclass(frozen=True)
class MethodFit:
    """Forecast of one method for one series.

    Attributes:
        method: the method asked for (a key of :data:`METHODS`).
        method_used: the method that produced the numbers (differs after a fallback).
        mean: point forecasts for horizons 1..H, jiwa.
        sd: model standard deviation of the forecast error for horizons 1..H, jiwa.
        note: Indonesian note on a fallback, or ``""``.
    """

    method: str
    method_used: str
    mean: np.ndarray
    sd: np.ndarray
    note: str = ""


def _horizons(horizon: int) -> np.ndarray:
    return np.arange(1, horizon + 1, dtype=float)


def fit_naive(values: np.ndarray, horizon: int) -> MethodFit:
    """Random walk: every future year equals the last observed year."""
    diffs = np.diff(values)
    sigma = math.sqrt(float(np.mean(diffs**2))) if diffs.size else 0.0
    h = _horizons(horizon)
    return MethodFit("naif", "naif", np.full(horizon, values[-1], dtype=float), sigma * np.sqrt(h))


def fit_drift(values: np.ndarray, horizon: int) -> MethodFit:
    """Random walk with drift: the average annual change continued in a straight line."""
    n = values.size
    drift = (values[-1] - values[0]) / (n - 1)
    diffs = np.diff(values)
    sigma = float(np.std(diffs, ddof=1)) if diffs.size > 1 else abs(drift)
    h = _horizons(horizon)
    mean = values[-1] + drift * h
    sd = sigma * np.sqrt(h * (1.0 + h / (n - 1)))
    return MethodFit("drift", "drift", mean, sd)


def fit_geometric(values: np.ndarray, horizon: int) -> MethodFit:
    """BPS growth-rate method: ``r = (P_T / P_{T-k})^(1/k) - 1`` with ``k`` up to 10 years, ``P_T (1+r)^h``."""
    k = min(values.size - 1, GEOMETRIC_SPAN_YEARS)
    rate = (values[-1] / values[-1 - k]) ** (1.0 / k) - 1.0
    h = _horizons(horizon)
    mean = values[-1] * (1.0 + rate) ** h
    growth = np.diff(np.log(values[-1 - k :]))
    sigma = float(np.std(growth, ddof=1)) if growth.size > 1 else abs(rate)
    return MethodFit("geometrik", "geometrik", mean, mean * sigma * np.sqrt(h))


def _theta_from(values: np.ndarray, horizon: int, alpha: float, level: float, sse: float) -> MethodFit:
    """Theta forecast (theta = 2) of ``values`` from its SES fit (``alpha``, final ``level``, ``sse``)."""
    n = values.size
    t = np.arange(n, dtype=float)
    slope = float(np.polyfit(t, values, 1)[0])
    h = _horizons(horizon)
    trend = slope * (h - 1.0 + 1.0 / alpha - (1.0 - alpha) ** n / alpha)
    mean = level + 0.5 * trend
    sd = np.sqrt(sse / max(n - 1, 1) * (1.0 + (h - 1.0) * alpha**2))
    return MethodFit("theta", "theta", mean, sd)


def fit_theta(values: np.ndarray, horizon: int) -> MethodFit:
    """Theta method (theta = 2) as statsmodels ``ThetaModel(..., deseasonalize=False).fit()``.

    ``b0`` is the OLS slope of the series on time; SES starts at the first value and its ``alpha``
    minimises the one-step squared errors. Forecast: ``SES_T + b0/2 [h - 1 + 1/alpha - (1-alpha)^T / alpha]``.
    """
    ((alpha, level, sse),) = smoothing.ses_prefix_params(values, [values.size])
    return _theta_from(values, horizon, alpha, level, sse)


def _ets_from(values: np.ndarray, horizon: int, sse: float, params: np.ndarray) -> MethodFit:
    """ETS(A,Ad,N) forecast of ``values`` from its fit on the scaled series (``sse``, parameters)."""
    if not (math.isfinite(sse) and np.all(np.isfinite(params))):
        return _fallback("ets", values, horizon, texts.NOTE_NOT_CONVERGED)
    scale = float(values[0])
    alpha, beta, phi = (float(p) for p in params[:3])
    level, trend = smoothing.ets_final_state(params, values / scale)
    h = np.arange(1, horizon + 1)
    mean = scale * (level + np.cumsum(phi**h) * trend)
    j = np.arange(1, horizon)
    c = alpha + beta * phi * (1 - phi**j) / (1 - phi)
    var_factor = np.concatenate([[1.0], 1.0 + np.cumsum(c**2)])
    return MethodFit("ets", "ets", mean, scale * np.sqrt(sse / values.size * var_factor))


def ets_parameters(values: np.ndarray) -> np.ndarray:
    """Fitted ETS(A,Ad,N) parameters in statsmodels order and units.

    Returns:
        ``[smoothing_level, smoothing_trend, damping_trend, initial_level, initial_trend]`` (the last
        two in jiwa), as ``ETSModel(..., error="add", trend="add", damped_trend=True).param_names``.
    """
    values = np.asarray(values, dtype=float)
    scale = float(values[0])
    ((_, params),) = smoothing.ets_prefix_params(values / scale, [values.size])
    return params * np.array([1.0, 1.0, 1.0, scale, scale])


def fit_ets(values: np.ndarray, horizon: int) -> MethodFit:
    """ETS(A,Ad,N), additive damped trend (Gardner & McKenzie), fitted by least squares.

    Least squares is the Gaussian likelihood of the additive-error model with the variance profiled
    out, as in statsmodels ``ETSModel``; the search is global on a parameter grid (see
    :mod:`cc_analytics.forecasting.smoothing`). The series is scaled by its first value.
    """
    ((sse, params),) = smoothing.ets_prefix_params(values / float(values[0]), [values.size])
    return _ets_from(values, horizon, sse, params)


def fit_arima(values: np.ndarray, horizon: int) -> MethodFit:
    """ARIMA(1,1,0) with drift by conditional least squares: ``d_t = c + phi d_{t-1} + e_t`` on ``d = diff(y)``.

    ``phi`` is kept inside [-0.95, 0.95] (the constant re-fitted for a clipped ``phi``) so the forecast
    of the change converges to its mean. Falls
    back to ``drift`` when the changes are constant (the regression is singular).
    """
    diffs = np.diff(values)
    design = np.column_stack([np.ones(diffs.size - 1), diffs[:-1]])
    target = diffs[1:]
    coef, _, rank, _ = np.linalg.lstsq(design, target, rcond=None)
    if rank < 2 or not np.all(np.isfinite(coef)):
        return _fallback("arima", values, horizon, texts.NOTE_SINGULAR)
    const, phi = float(coef[0]), float(coef[1])
    if abs(phi) > ARIMA_PHI_LIMIT:  # keep it stationary and re-fit the constant for the clipped phi
        phi = math.copysign(ARIMA_PHI_LIMIT, phi)
        const = float(np.mean(target - phi * diffs[:-1]))
    residuals = target - (const + phi * diffs[:-1])
    sigma2 = float(residuals @ residuals) / max(residuals.size - 2, 1)
    changes = np.empty(horizon)
    last = float(diffs[-1])
    for i in range(horizon):
        last = const + phi * last
        changes[i] = last
    mean = values[-1] + np.cumsum(changes)
    psi = np.cumsum(phi ** np.arange(horizon))
    sd = np.sqrt(sigma2 * np.cumsum(psi**2))
    return MethodFit("arima", "arima", mean, sd)


def fit_combination(values: np.ndarray, horizon: int) -> MethodFit:
    """Equal-weight mean of ``ets``, ``arima``, ``theta`` and ``drift`` (means and model sds averaged)."""
    return combine([fit_method(name, values, horizon) for name in COMBINED])


def combine(fits: list[MethodFit]) -> MethodFit:
    """The ``kombinasi`` forecast from already fitted components (see :data:`COMBINED`)."""
    mean = np.mean([f.mean for f in fits], axis=0)
    sd = np.mean([f.sd for f in fits], axis=0)
    notes = " ".join(f.note for f in fits if f.note)
    return MethodFit("kombinasi", "kombinasi", mean, sd, notes)


def _fallback(method: str, values: np.ndarray, horizon: int, reason: str) -> MethodFit:
    drift = fit_drift(values, horizon)
    note = texts.NOTE_FALLBACK.format(method=texts.METHOD_LABELS[method], reason=reason)
    return MethodFit(method, "drift", drift.mean, drift.sd, note)


_FITTERS = {
    "naif": fit_naive,
    "drift": fit_drift,
    "geometrik": fit_geometric,
    "theta": fit_theta,
    "ets": fit_ets,
    "arima": fit_arima,
    "kombinasi": fit_combination,
}


def fit_method(method: str, values: np.ndarray, horizon: int) -> MethodFit:
    """Fit ``method`` to ``values`` (jiwa, consecutive years) and forecast ``horizon`` years.

    Args:
        method: a key of :data:`METHODS`.
        values: at least 2 positive values, one per consecutive year (1 for ``naif``).
        horizon: number of years ahead, at least 1.

    Returns:
        The fit; when the series is shorter than the method needs (:data:`MIN_POINTS`) or the
        optimiser does not converge, the ``drift`` forecast with an Indonesian ``note`` saying so.
    """
    if method not in _FITTERS:
        raise ValueError(f"unknown method {method!r}")
    values = np.asarray(values, dtype=float)
    needed = MIN_POINTS["drift"] if method == "kombinasi" else MIN_POINTS[method]
    if values.size >= needed:
        return _clipped(_FITTERS[method](values, horizon))
    reason = texts.NOTE_TOO_SHORT.format(n=values.size, needed=needed)
    if values.size < MIN_POINTS["drift"]:
        naive = fit_naive(values, horizon)
        return MethodFit(method, "naif", naive.mean, naive.sd, texts.NOTE_FALLBACK_NAIVE.format(reason=reason))
    return _clipped(_fallback(method, values, horizon, reason))


def _clipped(fit: MethodFit) -> MethodFit:
    """The fit with negative means set to 0 (a population cannot be negative) and sds made finite."""
    sd = np.where(np.isfinite(fit.sd), np.maximum(fit.sd, 0.0), 0.0)
    return MethodFit(fit.method, fit.method_used, np.maximum(fit.mean, 0.0), sd, fit.note)


def _prefix_core(method: str, values: np.ndarray, ends: list[int], horizon: int) -> dict[int, MethodFit]:
    """Fits of the prefixes long enough for ``method``, sharing one pass where the method allows."""
    if method == "ets":
        scaled = values / float(values[0])
        fits = smoothing.ets_prefix_params(scaled, ends)
        return {m: _ets_from(values[:m], horizon, sse, p) for m, (sse, p) in zip(ends, fits, strict=True)}
    if method == "theta":
        fits = smoothing.ses_prefix_params(values, ends)
        return {m: _theta_from(values[:m], horizon, *fit) for m, fit in zip(ends, fits, strict=True)}
    return {m: _FITTERS[method](values[:m], horizon) for m in ends}


def fit_prefixes(method: str, values: np.ndarray, ends: list[int], horizon: int) -> list[MethodFit]:
    """``fit_method(method, values[:m], horizon)`` for every ``m`` in ``ends``, much faster for ETS and Theta.

    Used by the rolling-origin backtest, whose training windows are the prefixes of each series.
    """
    values = np.asarray(values, dtype=float)
    if method == "kombinasi":
        parts = [fit_prefixes(name, values, ends, horizon) for name in COMBINED]
        return [combine(list(group)) for group in zip(*parts, strict=True)]
    long_enough = [m for m in ends if m >= max(MIN_POINTS[method], MIN_POINTS["drift"])]
    core = _prefix_core(method, values, long_enough, horizon) if long_enough else {}
    out = []
    for m in ends:
        if m not in core:
            out.append(fit_method(method, values[:m], horizon))
            continue
        out.append(_clipped(core[m]))
    return out
