"""Calibrated bands: conformal quantiles, extrapolation, and coverage close to nominal on simulated series."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from cc_analytics.forecasting.backtest import backtest_errors, summarise
from cc_analytics.forecasting.forecast import forecast_series_set
from cc_analytics.forecasting.intervals import (
    SCALE_FLOOR,
    Calibration,
    calibrated_bounds,
    change_scale,
    conformal_half_width,
    extrapolate_half_widths,
    series_half_widths,
    studentise,
)
from cc_analytics.forecasting.series import prepare_series


def test_conformal_half_width_is_the_ceil_n_plus_1_times_level_smallest() -> None:
    errors = np.arange(1.0, 10.0)  # 9 errors
    assert conformal_half_width(errors, 0.8) == 8.0  # ceil(10 * 0.8) = 8th smallest
    assert conformal_half_width(errors, 0.5) == 5.0


def test_too_few_errors_for_the_level_use_a_student_t_bound() -> None:
    errors = np.array([1.0, -1.0, 1.0, -1.0])
    q = conformal_half_width(np.abs(errors), 0.95)  # ceil(5 * 0.95) = 5 > 4
    assert q == pytest.approx(3.182446, rel=1e-5)  # t(3) 97.5% quantile x RMS 1
    assert math.isnan(conformal_half_width(np.array([1.0, 2.0]), 0.8))


def test_extrapolation_follows_a_power_law_and_never_shrinks() -> None:
    tested = {h: 0.5 * h for h in range(1, 6)}
    widths = extrapolate_half_widths(tested, 10)
    np.testing.assert_allclose(widths, 0.5 * np.arange(1, 11))
    flat = extrapolate_half_widths({1: 2.0, 2: 1.0}, 4)
    assert np.all(np.diff(flat) >= 0)


def test_a_single_tested_horizon_extrapolates_linearly() -> None:
    np.testing.assert_allclose(extrapolate_half_widths({1: 0.3}, 3), [0.3, 0.6, 0.9])


def test_bounds_are_symmetric_on_the_log_scale() -> None:
    lower, upper = calibrated_bounds(np.array([100.0, 200.0]), 0.01, np.array([1.0, 2.0]))
    np.testing.assert_allclose(lower * upper, [100.0**2, 200.0**2])
    assert np.all(lower < [100.0, 200.0]) and np.all(upper > [100.0, 200.0])


def test_no_errors_means_no_calibration() -> None:
    assert Calibration("drift").half_widths(0.8, 5) is None
    assert Calibration("drift", {1: np.array([0.1, 0.2])}).max_tested_horizon == 0


def _simulated_series(n_series: int, years: int, seed: int) -> pd.DataFrame:
    """Random walks with drift on the log scale; each series has its own growth and volatility."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n_series):
        growth, volatility = rng.normal(0.01, 0.005), rng.uniform(0.003, 0.02)
        log_values = np.log(rng.uniform(20_000, 120_000)) + np.cumsum(growth + volatility * rng.standard_normal(years))
        rows += [(f"s{i:03d}", 2000 + t, float(np.exp(v))) for t, v in enumerate(log_values)]
    return pd.DataFrame(rows, columns=["kode_wilayah", "tahun", "penduduk"])


@pytest.mark.parametrize("level", [0.8, 0.95])
def test_calibrated_coverage_of_future_values_is_close_to_nominal(level: float) -> None:
    """Out of sample: calibrate on 14 years of 120 series, check the next 8 years.

    The band is a little conservative by design: backtest errors come from training windows of 5-13
    years, while the final forecast uses all 14. It must never under-cover by more than a few points.
    """
    data = _simulated_series(n_series=120, years=22, seed=11)
    history, future = data[data["tahun"] < 2014], data[data["tahun"] >= 2014]
    result = forecast_series_set(history, method="drift", horizon=8, level=level)
    assert (result.forecast["interval"] == "kalibrasi").all()
    joined = result.forecast.merge(future, on=["kode_wilayah", "tahun"])
    inside = (joined["penduduk"] >= joined["lower"]) & (joined["penduduk"] <= joined["upper"])
    for share in (inside.mean(), inside[joined["tahun"] <= 2018].mean(), inside[joined["tahun"] > 2018].mean()):
        assert level - 0.04 <= share <= level + 0.08


def test_backtest_reports_model_coverage_below_and_calibrated_coverage_near_nominal() -> None:
    data = _simulated_series(n_series=40, years=14, seed=5)
    series = [prepare_series(rows, kode) for kode, rows in data.groupby("kode_wilayah")]
    summary = summarise(backtest_errors(series, ["ets", "drift"]), level=0.8).set_index(["method", "horizon"])
    assert summary.loc[("ets", 0), "cakupan_model"] < 0.75
    for method in ("ets", "drift"):
        assert abs(summary.loc[(method, 0), "cakupan_kalibrasi"] - 0.8) < 0.05


def test_change_scale_is_the_mean_absolute_log_change_with_a_floor() -> None:
    values = np.exp(np.cumsum([0.0, 0.01, -0.03, 0.02]))
    assert change_scale(values) == pytest.approx(0.02)
    assert change_scale(np.array([100.0, 100.0, 100.0])) == SCALE_FLOOR
    assert change_scale(np.array([100.0])) == SCALE_FLOOR


def test_studentised_scores_map_back_to_the_same_half_width() -> None:
    ratios = np.array([-3.0, -0.5, 0.0, 0.7, 2.5])
    scores = studentise(ratios, 7)  # t with 5 degrees of freedom -> normal
    assert np.all(np.sign(scores) == np.sign(ratios)) and np.all(np.abs(scores) <= np.abs(ratios))
    np.testing.assert_allclose(series_half_widths(np.abs(scores), 7), np.abs(ratios), rtol=1e-9)
    assert series_half_widths(np.array([1.2815516]), 10_000)[0] == pytest.approx(1.2815516, rel=1e-3)


def test_extreme_scores_give_finite_bounds() -> None:
    widths = series_half_widths(np.array([1.0, 40.0, np.inf]), 3)
    assert widths[0] < widths[1] <= widths[2] and widths[2] > 1e100
    lower, upper = calibrated_bounds(np.array([100.0, 100.0, 0.0]), 0.5, widths)
    assert np.all(np.isfinite(lower)) and np.all(np.isfinite(upper)) and lower[2] == upper[2] == 0.0


def test_backtest_reports_the_interval_score_of_both_bands() -> None:
    data = _simulated_series(n_series=12, years=10, seed=2)
    series = [prepare_series(rows, kode) for kode, rows in data.groupby("kode_wilayah")]
    summary = summarise(backtest_errors(series, ["drift"]), level=0.8).set_index(["method", "horizon"])
    assert (summary[["msis_model", "msis_kalibrasi"]] > 0).all().all()
    assert summary.loc[("drift", 1), "msis_kalibrasi"] < summary.loc[("drift", 5), "msis_kalibrasi"]
