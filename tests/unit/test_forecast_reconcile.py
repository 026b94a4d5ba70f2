"""Coherence: the parts add up exactly to the whole after reconciliation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cc_analytics.forecasting.reconcile import reconcile_forecasts, round_preserving_sum, wls_adjust


def test_wls_gives_the_correction_in_proportion_to_the_variances() -> None:
    adjusted = wls_adjust(np.array([10.0, 20.0]), 40.0, np.array([1.0, 3.0]), 0.0)
    np.testing.assert_allclose(adjusted, [12.5, 27.5])
    assert wls_adjust(np.array([10.0, 20.0]), 40.0, np.array([0.0, 0.0]), 1.0).sum() == pytest.approx(30.0)


def test_zero_variances_everywhere_still_reconcile() -> None:
    adjusted = wls_adjust(np.array([10.0, 20.0]), 33.0, np.zeros(2), 0.0)
    np.testing.assert_allclose(adjusted, [11.0, 21.0])


def test_a_part_is_never_pushed_below_zero() -> None:
    adjusted = wls_adjust(np.array([1_000.0, 4_335.0]), 3_522.0, np.array([1.0, 0.0]), 0.0)
    assert adjusted.min() >= 0 and adjusted.sum() == pytest.approx(3_522.0)


def test_largest_remainder_rounding() -> None:
    np.testing.assert_array_equal(round_preserving_sum(np.array([1.4, 1.4, 1.2])), [2.0, 1.0, 1.0])
    np.testing.assert_array_equal(round_preserving_sum(np.array([[0.5, 0.5], [2.2, 2.2]])), [[1.0, 0.0], [2.0, 2.0]])


@settings(max_examples=50, deadline=None)
@given(
    parts=st.lists(st.floats(1_000, 150_000), min_size=2, max_size=24),
    total_factor=st.floats(0.8, 1.25),
    widths=st.lists(st.floats(0, 5_000), min_size=25, max_size=25),
    years=st.integers(1, 4),
)
def test_reconciled_parts_sum_exactly_to_the_whole(
    parts: list[float], total_factor: float, widths: list[float], years: int
) -> None:
    codes = [f"35.14.{i + 1:02d}" for i in range(len(parts))] + ["35.14"]
    means = [*parts, sum(parts) * total_factor]
    rows = [
        (code, 2030 + y, mean * (1 + 0.01 * y), mean - width, mean + width)
        for y in range(years)
        for code, mean, width in zip(codes, means, widths, strict=False)
    ]
    table = pd.DataFrame(rows, columns=["kode_wilayah", "tahun", "mean", "lower", "upper"])
    out = reconcile_forecasts(table, "35.14")
    for _, year in out.groupby("tahun"):
        total = year.loc[year["kode_wilayah"] == "35.14", "mean"].iloc[0]
        assert year.loc[year["kode_wilayah"] != "35.14", "mean"].sum() == total
    assert (out["mean"] == out["mean"].round()).all()
    assert (out["lower"] <= out["mean"]).all() and (out["mean"] <= out["upper"]).all()
    assert (out["lower"] >= 0).all()
    assert set(out.columns) >= {"mean_dasar", "mean", "lower", "upper"}


def test_band_moves_with_its_mean_and_keeps_its_width() -> None:
    table = pd.DataFrame(
        [("a", 2030, 100.0, 90.0, 110.0), ("b", 2030, 100.0, 80.0, 120.0), ("t", 2030, 230.0, 200.0, 260.0)],
        columns=["kode_wilayah", "tahun", "mean", "lower", "upper"],
    )
    out = reconcile_forecasts(table, "t").set_index("kode_wilayah")
    assert out.loc["a", "mean"] + out.loc["b", "mean"] == out.loc["t", "mean"]
    assert out.loc["b", "mean"] - 100.0 > out.loc["a", "mean"] - 100.0 > 0  # wider band, larger share
    np.testing.assert_allclose(out["upper"] - out["lower"], [20.0, 40.0, 60.0])
