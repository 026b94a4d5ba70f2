"""Prediction intervals calibrated from backtest errors (split-conformal with normalised, studentised scores).

Model intervals on short annual series cover far less than they claim. Here the band comes from how
wrong the same method actually was in the rolling-origin backtest:

* every backtest error is taken on the log scale, ``log(actual / forecast)``, and divided by the
  **scale** of its series at that origin: the mean absolute annual log change of the training window
  (:func:`change_scale`, the in-sample one-step error of the naive method that MASE divides by, floored
  at :data:`SCALE_FLOOR`), so calm and volatile series share one pool;
* that ratio is **studentised** (:func:`studentise`): a scale estimated from ``m - 1`` annual changes is
  itself uncertain, so errors scaled at a 5-year origin have heavier tails than at a 30-year one. The
  ratio is mapped through a Student-t distribution with :func:`scale_dof` ``= m - 2`` degrees of
  freedom onto the normal scale, which puts errors from short and long training windows on one footing
  (backtest windows are shorter than the final one, so unstudentised pooled errors made bands too wide);
* for each horizon ``h`` the normalised half-width ``q_h`` is the conformal quantile of the absolute
  scores: the ``ceil((n + 1) L)``-th smallest of ``n`` (coverage at least ``L`` for exchangeable
  errors). With too few errors for that, ``q_h = t_{n-1, (1+L)/2} * RMS`` (a Student-t fallback);
* beyond the longest tested horizon ``q_h`` grows as a power of ``h`` fitted to the tested horizons
  (exponent between 0.5 and 1.5; 1 when only one horizon was tested), and never shrinks;
* for a series of ``n`` years ``q_h`` is mapped back with its own degrees of freedom
  (:func:`series_half_widths`) and the band is ``mean * exp(-w_h s) .. mean * exp(w_h s)`` with ``s``
  the scale of the full series. It is symmetric on the log scale, so ``lower <= mean <= upper`` always.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import special

SCALE_FLOOR = 0.002
MIN_ERRORS = 3
EXPONENT_BOUNDS = (0.5, 1.5)
MAX_LOG_HALF_WIDTH = 20.0  # a band at most e^20 (~5e8) times the mean either way: finite bounds for any input


def change_scale(values: np.ndarray) -> float:
    """Mean absolute annual log change of ``values`` (jiwa), at least :data:`SCALE_FLOOR`.

    The in-sample one-step error of the naive forecast on the log scale: the denominator of MASE,
    relative to the level of the series.
    """
    changes = np.abs(np.diff(np.log(np.asarray(values, dtype=float))))
    if changes.size == 0:
        return SCALE_FLOOR
    return max(float(np.mean(changes)), SCALE_FLOOR)


def scale_dof(n_years: np.ndarray | int) -> np.ndarray:
    """Degrees of freedom of a scale estimated from ``n_years`` values: ``n_years - 2``, at least 1."""
    return np.maximum(np.asarray(n_years, dtype=float) - 2.0, 1.0)


def studentise(ratio: np.ndarray, n_years: np.ndarray | int) -> np.ndarray:
    """Normal scores of scaled errors ``ratio`` whose scale came from ``n_years`` years (sign kept).

    ``sign(r) * Phi^-1(F_t(|r|))`` with ``F_t`` the Student-t distribution of :func:`scale_dof` degrees of
    freedom, computed from the lower tail so that large errors keep their size.
    """
    r = np.asarray(ratio, dtype=float)
    tail = np.maximum(special.stdtr(scale_dof(n_years), -np.abs(r)), 1e-300)
    return np.sign(r) * -special.ndtri(tail)


def series_half_widths(scores: np.ndarray, n_years: np.ndarray | int) -> np.ndarray:
    """Half-widths in units of the scale for a series of ``n_years`` years, from normal-score half-widths.

    Args:
        scores: normal-score half-widths, e.g. :meth:`Calibration.half_widths`.
        n_years: years the forecast was fitted on (one, or one per score).

    Returns:
        The Student-t quantile (:func:`scale_dof` degrees of freedom) at the normal probability of each
        score. Beyond the range of floating point (a score above ~37) it is huge or infinite; NaN stays NaN.
    """
    q = np.asarray(scores, dtype=float)
    widths = -special.stdtrit(scale_dof(n_years), np.maximum(special.ndtr(-q), 1e-300))
    return np.where(np.isnan(q) | np.isfinite(widths), widths, np.inf)


def conformal_half_width(abs_errors: np.ndarray, level: float) -> float:
    """Half-width for ``level`` from absolute scaled errors; NaN with fewer than :data:`MIN_ERRORS`."""
    n = abs_errors.size
    if n < MIN_ERRORS:
        return math.nan
    rank = math.ceil((n + 1) * level)
    if rank <= n:
        return float(np.sort(abs_errors)[rank - 1])
    rms = math.sqrt(float(np.mean(abs_errors**2)))
    return float(special.stdtrit(n - 1, 0.5 + level / 2) * rms)


def extrapolate_half_widths(tested: dict[int, float], horizon: int) -> np.ndarray:
    """Half-widths for horizons 1..``horizon`` from those measured (a power law in ``h``, non-decreasing).

    Args:
        tested: horizon -> half-width for the horizons the backtest measured (finite values only).
        horizon: the longest horizon wanted.
    """
    hs = np.array(sorted(tested), dtype=float)
    qs = np.array([tested[int(h)] for h in hs])
    exponent = 1.0
    if hs.size >= 2 and np.all(qs > 0):
        exponent = float(np.clip(np.polyfit(np.log(hs), np.log(qs), 1)[0], *EXPONENT_BOUNDS))
    out = np.empty(horizon)
    for i, h in enumerate(range(1, horizon + 1)):
        if h in tested:
            out[i] = tested[h]
        elif h < hs[0]:
            out[i] = qs[0] * (h / hs[0]) ** exponent
        else:
            below = hs[hs <= h][-1]
            out[i] = tested[int(below)] * (h / below) ** exponent
    return np.maximum.accumulate(out)


@dataclass(frozen=True)
class Calibration:
    """Absolute normalised backtest errors of one method, per horizon.

    Attributes:
        method: the method the errors belong to.
        abs_errors: horizon -> absolute studentised scores of the log errors (see module docstring).
    """

    method: str
    abs_errors: dict[int, np.ndarray] = field(default_factory=dict)

    @property
    def n_errors(self) -> int:
        """Number of backtest errors over all horizons."""
        return int(sum(v.size for v in self.abs_errors.values()))

    @property
    def max_tested_horizon(self) -> int:
        """Longest horizon with enough errors to calibrate (0 when none)."""
        usable = [h for h, v in self.abs_errors.items() if v.size >= MIN_ERRORS]
        return max(usable, default=0)

    def half_widths(self, level: float, horizon: int) -> np.ndarray | None:
        """Normal-score half-widths ``q_1 .. q_horizon`` for ``level``, or None when nothing can be calibrated.

        Turn them into the half-widths of one series with :func:`series_half_widths`.
        """
        tested = {h: conformal_half_width(v, level) for h, v in self.abs_errors.items()}
        tested = {h: q for h, q in tested.items() if math.isfinite(q)}
        if not tested:
            return None
        return extrapolate_half_widths(tested, horizon)


def calibrate(errors: pd.DataFrame, method: str) -> Calibration:
    """Build the calibration of ``method`` from backtest errors.

    Args:
        errors: rows of :func:`cc_analytics.forecasting.backtest.backtest_errors` with columns
            ``method``, ``horizon`` and ``scaled_error`` (the studentised score).
        method: the method to calibrate.
    """
    rows = errors[errors["method"] == method]
    grouped = {int(h): np.abs(g["scaled_error"].to_numpy(dtype=float)) for h, g in rows.groupby("horizon")}
    return Calibration(method=method, abs_errors=grouped)


def calibrated_bounds(
    mean: np.ndarray, scale: float | np.ndarray, half_widths: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper bounds (jiwa) of the calibrated band around ``mean``.

    Args:
        mean: point forecasts (jiwa).
        scale: the series' scale (:func:`change_scale`), or one per value of ``mean``.
        half_widths: half-widths in units of the scale (:func:`series_half_widths`), one per value of
            ``mean`` or more (the first ones are used). The log half-width is capped at
            :data:`MAX_LOG_HALF_WIDTH`, which only matters for series of 2-4 years at high levels.
    """
    spread = np.exp(np.minimum(half_widths[: mean.size] * scale, MAX_LOG_HALF_WIDTH))
    return mean / spread, mean * spread


def model_bounds(mean: np.ndarray, sd: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper bounds (jiwa) of the model's normal interval; the lower bound is at least 0."""
    z = float(special.ndtri(0.5 + level / 2))
    return np.maximum(mean - z * sd, 0.0), mean + z * sd
