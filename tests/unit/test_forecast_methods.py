"""Forecasting methods: hand-made series, agreement with statsmodels, fallbacks and invariants."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.tsa.ar_model import AutoReg
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.forecasting.theta import ThetaModel

from cc_analytics.forecasting import methods as fm
from cc_analytics.forecasting.reference import fit_statsmodels

GROWING = np.array([50_341, 50_578, 51_036, 51_635, 52_392, 52_942, 53_356, 53_723, 54_426, 55_333, 55_950, 56_235.0])
ZIGZAG = np.array([52_000, 52_600, 53_150, 53_900, 54_400, 55_100, 55_650, 56_300, 56_800, 57_600, 58_100, 58_900.0])


def _period_series(values: np.ndarray) -> pd.Series:
    return pd.Series(values, index=pd.period_range("2010", periods=len(values), freq="Y"))


@pytest.mark.parametrize(
    ("method", "values", "expected"),
    [
        ("naif", [100.0, 110.0, 120.0], [120.0, 120.0]),
        ("drift", [100.0, 110.0, 120.0], [130.0, 140.0]),
        ("drift", [100.0, 120.0], [140.0, 160.0]),
        ("geometrik", [100.0, 121.0], [146.41, 177.1561]),
        ("geometrik", [100.0, 110.0, 121.0], [133.1, 146.41]),
    ],
)
def test_closed_form_methods_on_hand_made_series(method: str, values: list[float], expected: list[float]) -> None:
    fit = fm.fit_method(method, np.array(values), 2)
    np.testing.assert_allclose(fit.mean, expected, rtol=1e-12)
    assert fit.method_used == method
    assert fit.note == ""


def test_geometric_rate_uses_the_last_ten_years_only() -> None:
    values = np.concatenate([[10.0, 50.0], 100.0 * 1.02 ** np.arange(11)])
    fit = fm.fit_method("geometrik", values, 1)
    assert fit.mean[0] == pytest.approx(values[-1] * 1.02)


def test_theta_equals_statsmodels_theta_model() -> None:
    expected = ThetaModel(_period_series(GROWING), deseasonalize=False).fit().forecast(5).to_numpy()
    np.testing.assert_allclose(fm.fit_method("theta", GROWING, 5).mean, expected, rtol=2e-5)


def test_ets_recursion_equals_statsmodels_with_the_same_parameters() -> None:
    params = fm.ets_parameters(GROWING)
    model = ETSModel(_period_series(GROWING), error="add", trend="add", damped_trend=True)
    expected = model.smooth(params).forecast(5).to_numpy()
    np.testing.assert_allclose(fm.fit_method("ets", GROWING, 5).mean, expected, rtol=1e-9)


def test_ets_least_squares_is_at_least_as_good_as_statsmodels() -> None:
    model = ETSModel(_period_series(GROWING), error="add", trend="add", damped_trend=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fitted = model.fit(disp=False)
    ours = model.smooth(fm.ets_parameters(GROWING))
    assert float(np.sum(ours.resid**2)) <= float(np.sum(fitted.resid**2)) * 1.001


def test_arima_drift_equals_conditional_least_squares_of_statsmodels_autoreg() -> None:
    diffs = np.diff(GROWING)
    const, phi = AutoReg(diffs, lags=1, trend="c").fit().params
    expected, last, level = [], diffs[-1], GROWING[-1]
    for _ in range(4):
        last = const + phi * last
        level += last
        expected.append(level)
    np.testing.assert_allclose(fm.fit_method("arima", GROWING, 4).mean, expected, rtol=1e-10)


def test_arima_keeps_the_autoregression_stationary() -> None:
    _, phi = AutoReg(np.diff(ZIGZAG), lags=1, trend="c").fit().params
    assert phi < -0.95
    changes = np.diff(np.concatenate([[ZIGZAG[-1]], fm.fit_method("arima", ZIGZAG, 30).mean]))
    assert abs(changes[-1] - changes[-2]) < abs(changes[1] - changes[0])


def test_statsmodels_reference_agrees_with_the_fast_methods() -> None:
    for method in ("ets", "arima"):
        fast = fm.fit_method(method, GROWING, 5).mean
        reference = fit_statsmodels(method, GROWING, 5)
        assert reference.method_used in (method, "drift")
        np.testing.assert_allclose(reference.mean, fast, rtol=0.01)


def test_combination_is_the_mean_of_its_components() -> None:
    parts = [fm.fit_method(m, GROWING, 3).mean for m in fm.COMBINED]
    np.testing.assert_allclose(fm.fit_method("kombinasi", GROWING, 3).mean, np.mean(parts, axis=0))


@pytest.mark.parametrize("method", ["ets", "arima", "theta"])
def test_too_short_series_fall_back_to_drift_with_a_note(method: str) -> None:
    fit = fm.fit_method(method, np.array([100.0, 103.0, 104.0]), 3)
    assert fit.method_used == "drift"
    assert "tidak dipakai" in fit.note and "diganti random walk dengan drift" in fit.note
    np.testing.assert_allclose(fit.mean, fm.fit_drift(np.array([100.0, 103.0, 104.0]), 3).mean)


def test_one_year_only_gives_the_naive_forecast_with_a_note() -> None:
    fit = fm.fit_method("ets", np.array([500.0]), 2)
    assert fit.method_used == "naif"
    np.testing.assert_allclose(fit.mean, [500.0, 500.0])
    assert fit.note


def test_constant_series_do_not_break_any_method() -> None:
    flat = np.full(10, 1000.0)
    for method in fm.METHODS:
        fit = fm.fit_method(method, flat, 4)
        np.testing.assert_allclose(fit.mean, 1000.0, rtol=1e-6)
        assert np.all(np.isfinite(fit.sd))


def test_arima_with_constant_changes_falls_back_and_says_why() -> None:
    fit = fm.fit_method("arima", 1000.0 + 10.0 * np.arange(8), 2)
    assert fit.method_used == "drift"
    assert "konstan" in fit.note


def test_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown method"):
        fm.fit_method("lstm", GROWING, 2)


@pytest.mark.parametrize("method", fm.METHODS)
def test_prefix_fits_equal_separate_fits(method: str) -> None:
    ends = list(range(2, GROWING.size + 1))
    together = fm.fit_prefixes(method, GROWING, ends, 5)
    for end, fit in zip(ends, together, strict=True):
        alone = fm.fit_method(method, GROWING[:end], 5)
        assert fit.method_used == alone.method_used
        np.testing.assert_allclose(fit.mean, alone.mean, rtol=1e-9)


positive_series = st.lists(st.floats(1_000, 200_000, allow_nan=False), min_size=2, max_size=25).map(np.array)


@settings(max_examples=60, deadline=None)
@given(values=positive_series, method=st.sampled_from(fm.METHODS), horizon=st.integers(1, 20))
def test_every_method_gives_horizon_finite_non_negative_values(values: np.ndarray, method: str, horizon: int) -> None:
    fit = fm.fit_method(method, values, horizon)
    assert fit.mean.shape == (horizon,) and fit.sd.shape == (horizon,)
    assert np.all(np.isfinite(fit.mean)) and np.all(fit.mean >= 0)
    assert np.all(np.isfinite(fit.sd)) and np.all(fit.sd >= 0)
