"""Abridged life tables from a life expectancy at birth, for the cohort-component projection.

No model life table of Indonesia ships with this project, so mortality by age follows a fixed
three-part hazard (infant and child, background, Gompertz ageing; Siler 1979) whose level is scaled
until the life expectancy at birth equals the one asked for. The shape is an assumption ("asumsi"):
with ``e0`` of 74.9 years it implies an infant mortality of about 17 per 1000 and a steep rise
of deaths after 60, which is the pattern of Indonesian life tables, but not their exact values.
"""

from __future__ import annotations

import numpy as np

STEP_YEARS = 0.05
MAX_AGE = 110.0
# Baseline hazard per year: infant/child a*exp(-b x), background c, ageing d*exp(g x).
SILER = {"a": 0.04, "b": 1.5, "c": 0.0006, "d": 0.00004, "g": 0.095}
GROUP_WIDTH = 5
OPEN_AGE = 75

_AGES = np.arange(0.0, MAX_AGE + STEP_YEARS, STEP_YEARS)


def _survivorship(level: float) -> np.ndarray:
    """l(x) on the fine age grid for the baseline hazard multiplied by ``level``."""
    p = SILER
    hazard = level * (p["a"] * np.exp(-p["b"] * _AGES) + p["c"] + p["d"] * np.exp(p["g"] * _AGES))
    cumulative = np.concatenate([[0.0], np.cumsum((hazard[1:] + hazard[:-1]) / 2 * STEP_YEARS)])
    return np.exp(-cumulative)


def _integral(survivors: np.ndarray, start: float, end: float) -> float:
    """Person-years lived between ages ``start`` and ``end`` per newborn (trapezoid rule)."""
    pick = (start - 1e-9 <= _AGES) & (end + 1e-9 >= _AGES)
    return float(np.trapezoid(survivors[pick], _AGES[pick]))


def life_expectancy(level: float) -> float:
    """Life expectancy at birth (years) of the baseline hazard multiplied by ``level``."""
    return _integral(_survivorship(level), 0.0, MAX_AGE)


def level_for(e0: float) -> float:
    """The hazard multiplier whose life expectancy at birth is ``e0`` (bisection on the log scale).

    Raises:
        ValueError: ``e0`` outside 40-90 years.
    """
    if not 40.0 <= e0 <= 90.0:
        raise ValueError(f"life expectancy {e0} outside 40-90")
    low, high = -8.0, 4.0
    for _ in range(60):
        middle = (low + high) / 2
        if life_expectancy(np.exp(middle)) > e0:
            low = middle
        else:
            high = middle
    return float(np.exp((low + high) / 2))


def survival_ratios(e0: float) -> tuple[np.ndarray, float]:
    """Five-year survival ratios of the age groups of the population mart, and of births.

    Args:
        e0: life expectancy at birth, years.

    Returns:
        ``(ratios, birth_ratio)``: ``ratios[i]`` is the share of age group ``i`` (00-04, ..., 70-74,
        75+) alive five years later, moving into group ``i + 1`` (the last two both end in 75+:
        ``T_80 / T_70`` for both, the usual closing of an open group); ``birth_ratio`` is the share of
        the births of a five-year period alive at its end (``5L0 / 5``).
    """
    survivors = _survivorship(level_for(e0))
    starts = list(range(0, OPEN_AGE + 1, GROUP_WIDTH))
    person_years = np.array([_integral(survivors, s, s + GROUP_WIDTH) for s in starts[:-1]])
    open_years = _integral(survivors, OPEN_AGE, MAX_AGE)
    ratios = np.empty(len(starts))
    ratios[:-2] = person_years[1:] / person_years[:-1]
    closing = _integral(survivors, OPEN_AGE + GROUP_WIDTH, MAX_AGE) / (person_years[-1] + open_years)
    ratios[-2:] = closing
    return ratios, person_years[0] / GROUP_WIDTH


def infant_mortality(e0: float) -> float:
    """Deaths before age 1 per 1000 births implied by ``e0`` (a plausibility check of the shape)."""
    survivors = _survivorship(level_for(e0))
    return float(1000 * (1 - survivors[round(1 / STEP_YEARS)]))
