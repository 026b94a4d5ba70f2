"""The entry points of the page: coherent kabupaten forecasts, any series set, request checks, docs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cc_analytics.config import PROJECT_ROOT, REFERENCE_DIR
from cc_analytics.forecasting import (
    AUTO,
    BASIS_LABELS,
    METHODS,
    ForecastRequestError,
    SeriesError,
    forecast_kabupaten,
    forecast_series_set,
)
from cc_analytics.forecasting.forecast import CANDIDATES, FORECAST_COLUMNS

KABUPATEN = "35.14"


def synthetic_history(seed: int = 1, first_year: int = 2013, last_year: int = 2025) -> pd.DataFrame:
    """Registry-like annual counts per kecamatan, anchored on the real SP2010 counts (synthetic, for tests).

    The kabupaten itself has only census and BPS-estimate rows, on another basis than the kecamatan.
    """
    rng = np.random.default_rng(seed)
    kecamatan = pd.read_csv(REFERENCE_DIR / "kecamatan_3514.csv", dtype={"kode_kecamatan": str})
    rows = []
    for kode, sp2010 in zip(kecamatan["kode_kecamatan"], kecamatan["penduduk_sp2010"], strict=True):
        growth, value = rng.normal(0.009, 0.004), sp2010 * 1.17
        rows.append((kode, 2010, float(sp2010), "sensus", "BPS SP2010 (hasil olah cepat)"))
        for year in range(first_year, last_year + 1):
            value *= np.exp(growth + rng.normal(0, 0.006))
            rows.append((kode, year, round(value), "registrasi", "sintetis"))
    rows += [
        (KABUPATEN, 2010, 1_512_468.0, "sensus", "BPS SP2010"),
        (KABUPATEN, 2020, 1_605_969.0, "sensus", "BPS SP2020"),
        (KABUPATEN, 2023, 1_634_022.0, "estimasi_bps", "BPS"),
    ]
    return pd.DataFrame(rows, columns=["kode_wilayah", "tahun", "penduduk", "basis", "sumber"])


@pytest.fixture(scope="module")
def history() -> pd.DataFrame:
    return synthetic_history()


@pytest.fixture(scope="module")
def coherent(history: pd.DataFrame):
    return forecast_kabupaten(history, method="ets", horizon=10, level=0.8)


def test_kecamatan_add_up_exactly_to_the_kabupaten_every_year(coherent) -> None:
    table = coherent.forecast
    assert set(FORECAST_COLUMNS) <= set(table.columns)
    assert table["kode_wilayah"].nunique() == 25
    assert sorted(table["tahun"].unique()) == list(range(2026, 2036))
    for _, year in table.groupby("tahun"):
        total = year.loc[year["kode_wilayah"] == KABUPATEN, "mean"].iloc[0]
        assert year.loc[year["kode_wilayah"] != KABUPATEN, "mean"].sum() == total
    assert (table["lower"] <= table["mean"]).all() and (table["mean"] <= table["upper"]).all()
    assert "sama persis" in coherent.reconciliation


def test_history_keeps_every_basis_and_says_which_one_the_model_used(coherent) -> None:
    kab = coherent.for_wilayah(KABUPATEN)
    assert set(kab.history["basis"]) == {"sensus", "estimasi_bps", "registrasi"}
    assert set(kab.history.loc[kab.history["dipakai"], "basis"]) == {"registrasi"}
    assert (kab.forecast["basis"] == "registrasi").all()
    assert any("jumlah 24 kecamatan" in n for n in kab.notes["note"])
    assert all(kab.forecast["kode_wilayah"] == KABUPATEN)


def test_bands_are_calibrated_widen_with_the_horizon_and_are_explained(coherent) -> None:
    one = coherent.for_wilayah("35.14.12").forecast
    assert (one["interval"] == "kalibrasi").all()
    width = (one["upper"] - one["lower"]).to_numpy()
    assert np.all(np.diff(width) > 0)
    assert "8 dari 10" in coherent.explanation
    assert coherent.n_backtest_errors > 100


def test_geometric_reference_line_is_given(coherent) -> None:
    one = coherent.for_wilayah("35.14.01").forecast
    assert one["geometrik"].notna().all() and (one["geometrik"] > 0).all()


def test_automatic_method_is_chosen_from_the_backtest_and_named(history: pd.DataFrame) -> None:
    result = forecast_kabupaten(history, method=AUTO, horizon=5)
    chosen = result.forecast["method"].unique()
    assert len(chosen) == 1 and chosen[0] in CANDIDATES
    assert "dipilih otomatis" in result.explanation and "MASE" in result.explanation


def test_short_history_still_forecasts_with_notes() -> None:
    short = synthetic_history(first_year=2022, last_year=2025)
    result = forecast_kabupaten(short, method="kombinasi", horizon=3)
    assert (result.forecast["method_used"] == "kombinasi").all()
    kecamatan = result.forecast[result.forecast["kode_wilayah"] != KABUPATEN]
    assert kecamatan["note"].str.contains("tidak dipakai").all()
    kab_notes = " ".join(result.for_wilayah(KABUPATEN).notes["note"])
    assert "disambung" in kab_notes and "asumsi" in kab_notes  # its census years are linked on
    for _, year in result.forecast.groupby("tahun"):
        assert year.loc[year["kode_wilayah"] != KABUPATEN, "mean"].sum() == year["mean"].max()


def test_a_kecamatan_without_the_chosen_basis_is_a_clear_error(history: pd.DataFrame) -> None:
    broken = history[~((history["kode_wilayah"] == "35.14.24") & (history["basis"] == "registrasi"))]
    with pytest.raises(SeriesError, match=r"35\.14\.24"):
        forecast_kabupaten(broken, horizon=5)


@pytest.mark.parametrize(
    ("method", "horizon", "level", "message"),
    [
        ("arima-kuantum", 5, 0.8, "tidak dikenal"),
        ("ets", 0, 0.8, "Horizon"),
        ("ets", 21, 0.8, "Horizon"),
        ("ets", 5, 1.2, "Tingkat pita"),
    ],
)
def test_invalid_requests_are_refused_in_indonesian(method: str, horizon: int, level: float, message: str) -> None:
    with pytest.raises(ForecastRequestError, match=message):
        forecast_series_set(pd.DataFrame({"kode_wilayah": ["a"] * 3, "tahun": [1, 2, 3], "penduduk": [1, 2, 3]}),
                            method=method, horizon=horizon, level=level)  # fmt: skip


def test_bad_series_are_reported_and_the_good_ones_still_forecast() -> None:
    frame = pd.DataFrame(
        {
            "kode_wilayah": ["baik"] * 6 + ["pendek", "nol", "nol"],
            "tahun": [2019, 2020, 2021, 2022, 2023, 2024, 2024, 2023, 2024],
            "penduduk": [100, 102, 104, 105, 107, 109, 50, 0, 0],
        }
    )
    result = forecast_series_set(frame, method="theta", horizon=4)
    assert set(result.forecast["kode_wilayah"]) == {"baik"}
    reasons = result.notes.set_index("kode_wilayah")["note"]
    assert "hanya punya 1 tahun" in reasons["pendek"]
    assert "tidak punya nilai penduduk" in reasons["nol"]


def test_no_usable_series_at_all_is_one_clear_error() -> None:
    with pytest.raises(SeriesError, match="Tidak ada deret"):
        forecast_series_set(pd.DataFrame({"kode_wilayah": ["a"], "tahun": [2020], "penduduk": [5]}))


series_sets = st.lists(
    st.lists(st.floats(1_000, 500_000), min_size=2, max_size=15),
    min_size=1,
    max_size=4,
)


@settings(max_examples=40, deadline=None)
@given(
    values=series_sets,
    method=st.sampled_from((AUTO, *METHODS)),
    horizon=st.integers(1, 20),
    level=st.floats(0.5, 0.99),
)
def test_a_forecast_has_exactly_horizon_rows_with_lower_le_mean_le_upper(
    values: list[list[float]], method: str, horizon: int, level: float
) -> None:
    rows = [(f"w{i}", 2000 + t, v) for i, series in enumerate(values) for t, v in enumerate(series)]
    frame = pd.DataFrame(rows, columns=["kode_wilayah", "tahun", "penduduk"])
    result = forecast_series_set(frame, method=method, horizon=horizon, level=level)
    counts = result.forecast.groupby("kode_wilayah").size()
    assert (counts == horizon).all() and len(counts) == len(values)
    table = result.forecast
    assert (table["lower"] <= table["mean"]).all() and (table["mean"] <= table["upper"]).all()
    assert (table["lower"] >= 0).all()


def test_every_method_and_basis_is_documented() -> None:
    doc = (PROJECT_ROOT / "docs" / "forecasting.md").read_text(encoding="utf-8")
    for key in (AUTO, *METHODS, *BASIS_LABELS):
        assert f"`{key}`" in doc, key


def test_the_library_does_not_import_streamlit() -> None:
    modules = "cc_analytics.forecasting, cc_analytics.forecasting.cli_forecast, cc_analytics.forecasting.cli_backtest"
    code = f"import sys, {modules}; sys.exit('streamlit' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=Path(PROJECT_ROOT), check=False).returncode == 0
