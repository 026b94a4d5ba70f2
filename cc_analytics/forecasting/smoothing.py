"""Least-squares fits of exponential smoothing for every prefix of a series at once (numpy only).

The one-step errors of exponential smoothing are causal: the errors of the first ``m`` years do not
depend on later years. One pass over the whole series on a grid of smoothing parameters therefore
gives, through cumulative sums, the least-squares fit of *every* training window ``y[:m]`` of a
rolling-origin backtest. This is what makes a backtest of 25 series fast enough for a page.

* :func:`ets_prefix_params` — ETS(A,Ad,N): ``alpha``, ``beta``, ``phi`` on a grid; the initial level
  and trend solved exactly (the errors are linear in them).
* :func:`ses_prefix_params` — simple exponential smoothing with the first value as initial level (as
  statsmodels ``ThetaModel``): ``alpha`` on a grid, refined by a parabola through the best three points.
"""

from __future__ import annotations

import numpy as np

# ETS grid (statsmodels bounds: 0 < beta <= alpha < 1, 0.8 <= phi <= 0.98).
_ALPHA = np.concatenate([np.linspace(0.02, 0.98, 25), [0.999]])
_BETA_SHARE = np.array([0.01, 0.05, 0.1, 0.2, 0.3, 0.45, 0.6, 0.8, 0.999])
_PHI = np.array([0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98])
GRID_ALPHA, GRID_BETA, GRID_PHI = (g.ravel() for g in np.meshgrid(_ALPHA, _BETA_SHARE, _PHI, indexing="ij"))
GRID_BETA = GRID_ALPHA * GRID_BETA

SES_ALPHA = np.linspace(1e-3, 1.0, 200)


def _ets_error_responses(scaled: np.ndarray) -> np.ndarray:
    """Errors ``(3, k, n)`` for every ETS grid point: with initial state 0, and per unit initial level/trend."""
    level = np.zeros((3, GRID_ALPHA.size))
    trend = np.zeros((3, GRID_ALPHA.size))
    level[1] = 1.0
    trend[2] = 1.0
    errors = np.empty((3, GRID_ALPHA.size, scaled.size))
    for t, y in enumerate(scaled):
        expected = level + GRID_PHI * trend
        error = -expected
        error[0] += y
        errors[:, :, t] = error
        level = expected + GRID_ALPHA * error
        trend = GRID_PHI * trend + GRID_BETA * error
    return errors


def ets_prefix_params(scaled: np.ndarray, ends: list[int]) -> list[tuple[float, np.ndarray]]:
    """Least-squares ETS(A,Ad,N) fit of ``scaled[:m]`` for each ``m`` in ``ends``.

    Args:
        scaled: the series divided by its first value.
        ends: prefix lengths (each at least 3).

    Returns:
        For each prefix, ``(sse, [alpha, beta, phi, l0, b0])``; ``sse`` is ``inf`` and the parameters
        NaN when no grid point gives a solvable initial state.
    """
    e0, u1, u2 = _ets_error_responses(scaled)
    sums = {
        "ee": np.cumsum(e0 * e0, axis=1), "s11": np.cumsum(u1 * u1, axis=1), "s22": np.cumsum(u2 * u2, axis=1),
        "s12": np.cumsum(u1 * u2, axis=1), "r1": np.cumsum(u1 * e0, axis=1), "r2": np.cumsum(u2 * e0, axis=1),
    }  # fmt: skip
    out = []
    for m in ends:
        ee, s11, s22, s12, r1, r2 = (sums[key][:, m - 1] for key in ("ee", "s11", "s22", "s12", "r1", "r2"))
        det = s11 * s22 - s12**2
        with np.errstate(divide="ignore", invalid="ignore"):
            level0 = -(s22 * r1 - s12 * r2) / det
            trend0 = -(s11 * r2 - s12 * r1) / det
            sse = ee + level0 * r1 + trend0 * r2
        sse = np.where(np.isfinite(sse) & (np.abs(det) > 1e-12), np.maximum(sse, 0.0), np.inf)
        best = int(np.argmin(sse))
        if not np.isfinite(sse[best]):
            out.append((np.inf, np.full(5, np.nan)))
            continue
        params = np.array([GRID_ALPHA[best], GRID_BETA[best], GRID_PHI[best], level0[best], trend0[best]])
        out.append((float(sse[best]), params))
    return out


def ets_final_state(params: np.ndarray, scaled: np.ndarray) -> tuple[float, float]:
    """Level and trend after the last value of ``scaled`` for ETS parameters ``[alpha, beta, phi, l0, b0]``."""
    alpha, beta, phi, level, trend = (float(p) for p in params)
    for y in scaled.tolist():
        expected = level + phi * trend
        error = y - expected
        level = expected + alpha * error
        trend = phi * trend + beta * error
    return level, trend


def _ses_levels(values: np.ndarray, alphas: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cumulative SSE ``(k, n)`` and level after each year ``(k, n)`` of SES for each alpha."""
    level = np.full(alphas.size, float(values[0]))
    sse = np.zeros((alphas.size, values.size))
    levels = np.empty((alphas.size, values.size))
    levels[:, 0] = level
    running = np.zeros(alphas.size)
    for t in range(1, values.size):
        error = values[t] - level
        running = running + error * error
        sse[:, t] = running
        level = level + alphas * error
        levels[:, t] = level
    return sse, levels


def _parabola_vertex(x: np.ndarray, y: np.ndarray) -> float:
    """Minimum of the parabola through three points; the middle point when the fit is not convex."""
    denominator = (x[0] - x[1]) * (x[0] - x[2]) * (x[1] - x[2])
    a = (x[2] * (y[1] - y[0]) + x[1] * (y[0] - y[2]) + x[0] * (y[2] - y[1])) / denominator
    b = (x[2] ** 2 * (y[0] - y[1]) + x[1] ** 2 * (y[2] - y[0]) + x[0] ** 2 * (y[1] - y[2])) / denominator
    return float(-b / (2 * a)) if a > 0 else float(x[1])


def ses_prefix_params(values: np.ndarray, ends: list[int]) -> list[tuple[float, float, float]]:
    """Least-squares SES fit of ``values[:m]`` (initial level = first value) for each ``m`` in ``ends``.

    Returns:
        For each prefix ``(alpha, level, sse)``: the smoothing parameter in [0.001, 1], the level after
        the last value of the prefix (the SES forecast) and the sum of squared one-step errors.
    """
    sse, _ = _ses_levels(values, SES_ALPHA)
    out = []
    for m in ends:
        column = sse[:, m - 1]
        i = int(np.argmin(column))
        alpha = float(SES_ALPHA[i])
        if 0 < i < SES_ALPHA.size - 1:
            refined = _parabola_vertex(SES_ALPHA[i - 1 : i + 2], column[i - 1 : i + 2])
            alpha = float(np.clip(refined, SES_ALPHA[i - 1], SES_ALPHA[i + 1]))
        refined_sse, refined_levels = _ses_levels(values[:m], np.array([alpha]))
        out.append((alpha, float(refined_levels[0, -1]), float(refined_sse[0, -1])))
    return out
