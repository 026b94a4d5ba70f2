"""Kabupaten comparisons of the profile (cc_analytics.profile.compare): ratios, medians, quartiles, shares."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from cc_analytics.profile.compare import Spread, distribution_shares, position, ratios, share, spread


def _counts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "penduduk": pd.array([100, None, 50], dtype="Int64"),
            "penduduk_lalu": pd.array([80, 10, 0], dtype="Int64"),
            "jumlah_kk": pd.array([25, 5, 10], dtype="Int64"),
            "keluarga_desil_1_4": pd.array([10, 2, 0], dtype="Int64"),
            "keluarga_desil_1_4_pkh": pd.array([4, None, 0], dtype="Int64"),
            "temuan_kualitas": pd.array([3, 1, 0], dtype="Int64"),
        },
        index=["a", "b", "c"],
    )


def test_ratios_known_answers() -> None:
    out = ratios(_counts())
    expected = pd.DataFrame(
        {
            "perubahan_penduduk": [0.25, np.nan, np.nan],
            "jiwa_per_kk": [4.0, np.nan, 5.0],
            "rasio_desil_1_4": [0.4, 0.4, 0.0],
            "cakupan_pkh": [0.4, np.nan, np.nan],
            "temuan_per_1000": [30.0, np.nan, 0.0],
        },
        index=["a", "b", "c"],
    )
    pd.testing.assert_frame_equal(out, expected)


def test_a_hidden_count_hides_every_ratio_built_on_it() -> None:
    out = ratios(_counts())
    # penduduk of "b" is hidden: change, people per KK and findings per 1.000 must not be shown
    assert out.loc["b", ["perubahan_penduduk", "jiwa_per_kk", "temuan_per_1000"]].isna().all()
    # the covered families of "b" are hidden: coverage must not be shown (coverage × families = covered)
    assert math.isnan(out.loc["b", "cakupan_pkh"])


def test_spread_uses_shown_values_only() -> None:
    where = spread(pd.Series([5.0, 1.0, np.nan, 3.0, 2.0, 4.0]))
    assert where == Spread(q1=2.0, median=3.0, q3=4.0, units=5)
    assert spread(pd.Series([np.nan])) == Spread(None, None, None, 0)


def test_median_of_an_even_count_is_the_mean_of_the_middle_two() -> None:
    assert spread(pd.Series([0.1, 0.2, 0.4, 0.9])).median == pytest.approx(0.3)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1.5, "rendah"), (2.0, "sedang"), (3.0, "sedang"), (4.0, "sedang"), (4.5, "tinggi"), (None, None)],
)
def test_position_against_quartiles(value: float | None, expected: str | None) -> None:
    assert position(value, spread(pd.Series([1.0, 2.0, 3.0, 4.0, 5.0]))) == expected


def test_no_position_with_fewer_than_four_units() -> None:
    assert position(10.0, spread(pd.Series([1.0, 2.0, 3.0]))) is None
    assert position(float("nan"), spread(pd.Series([1.0, 2.0, 3.0, 4.0]))) is None


def test_share_of_kabupaten() -> None:
    assert share(4707, 82964) == pytest.approx(0.056735, abs=1e-6)
    assert share(5, 0) is None
    assert share(None, 10) is None
    assert share(pd.NA, 10) is None  # type: ignore[arg-type]


def test_distribution_shares() -> None:
    values = pd.Series(pd.array([30, None, 70], dtype="Int64"), index=["x", "y", "z"])
    out = distribution_shares(values, 200)
    assert out.tolist()[0] == pytest.approx(0.15)
    assert math.isnan(out["y"])
    assert out["z"] == pytest.approx(0.35)
    assert distribution_shares(values, 0).isna().all()
