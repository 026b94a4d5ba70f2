"""Prediction intervals calibrated from backtest errors (split-conformal, scaled by each series' volatility).

Model intervals on short annual series cover far less than they claim. Here the band comes from how
wrong the same method actually was in the rolling-origin backtest:

* every backtest error is taken on the log scale, ``log(actual / forecast)``, and divided by the
  **scale** of its series: the standard deviation of annual log growth in the training window
  (:func:`series_scale`, floored at :data:`SCALE_FLOOR`), so a calm kabupaten total and a volatile
  kecamatan share one pool;
* for each horizon ``h`` the half-width ``q_h`` is the conformal quantile of the absolute scaled
  errors: the ``ceil((n + 1) L)``-th smallest of ``n`` (coverage at least ``L`` for exchangeable
  errors). With too few errors for that, ``q_h = t_{n-1, (1+L)/2} * RMS`` (a Student-t fallback);
* beyond the longest tested horizon ``q_h`` grows as a power of ``h`` fitted to the tested horizons
  (exponent between 0.5 and 1.5; 1 when only one horizon was tested), and never shrinks;
* the band is ``mean * exp(-q_h s) .. mean * exp(q_h s)`` with ``s`` the scale of the full series.
  It is symmetric on the log scale, so ``lower <= mean <= upper`` always holds.
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


def series_scale(values: np.ndarray) -> float:
    """Standard deviation of annual log growth of ``values`` (jiwa), at least :data:`SCALE_FLOOR`."""
    growth = np.diff(np.log(np.asarray(values, dtype=float)))
    if growth.size < 2:
        return SCALE_FLOOR
    return max(float(np.std(growth, ddof=1)), SCALE_FLOOR)


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
    """Absolute scaled backtest errors of one method, per horizon.

    Attributes:
        method: the method the errors belong to.
        abs_errors: horizon -> absolute scaled log errors (see module docstring).
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
        """Scaled half-widths ``q_1 .. q_horizon`` for ``level``, or None when nothing can be calibrated."""
        tested = {h: conformal_half_width(v, level) for h, v in self.abs_errors.items()}
        tested = {h: q for h, q in tested.items() if math.isfinite(q)}
        if not tested:
            return None
        return extrapolate_half_widths(tested, horizon)


def calibrate(errors: pd.DataFrame, method: str) -> Calibration:
    """Build the calibration of ``method`` from backtest errors.

    Args:
        errors: rows of :func:`cc_analytics.forecasting.backtest.backtest_errors` with columns
            ``method``, ``horizon`` and ``scaled_error``.
        method: the method to calibrate.
    """
    rows = errors[errors["method"] == method]
    grouped = {int(h): np.abs(g["scaled_error"].to_numpy(dtype=float)) for h, g in rows.groupby("horizon")}
    return Calibration(method=method, abs_errors=grouped)


def calibrated_bounds(mean: np.ndarray, scale: float, half_widths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper bounds (jiwa) of the calibrated band around ``mean``."""
    spread = np.exp(half_widths[: mean.size] * scale)
    return mean / spread, mean * spread


def model_bounds(mean: np.ndarray, sd: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper bounds (jiwa) of the model's normal interval; the lower bound is at least 0."""
    z = float(special.ndtri(0.5 + level / 2))
    return np.maximum(mean - z * sd, 0.0), mean + z * sd
