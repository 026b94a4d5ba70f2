"""What the page proyeksi computes: cached steps equal the direct forecast, tables, lines and suppression."""

from __future__ import annotations

import math
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from cc_analytics.bench.forecast_timing import measure_timings
from cc_analytics.errors import DataNotFoundError
from cc_analytics.forecasting import ForecastRequestError, ForecastSet, forecast_kabupaten, page_data
from cc_analytics.forecasting import presentation as view
from cc_analytics.forecasting.backtest import _loso_covered, conformal_half_width
from cc_analytics.forecasting.cohort import load_cohort_parameters
from cc_analytics.forecasting.cohort_view import band_table, parameter_lines, wilayah_bands
from cc_analytics.forecasting.forecast import forecast_plan, plan_kabupaten
from cc_analytics.forecasting.loading import (
    load_penduduk_tahunan,
    load_penduduk_umur,
    read_penduduk_tahunan,
    read_penduduk_umur,
)
from tests.unit.test_forecast_charts import handmade_forecast

KABUPATEN = "35.14"
KECAMATAN = ("35.14.01", "35.14.02", "35.14.03")


def hierarchy() -> pd.DataFrame:
    """Three kecamatan and the kabupaten on the registry basis, 2014–2025, steady growth with small wiggles."""
    rows = []
    for i, kode in enumerate(KECAMATAN):
        for year in range(2014, 2026):
            wiggle = (-1) ** year * (i + 1) * 3
            rows.append((kode, year, 1000.0 * (i + 1) * 1.01 ** (year - 2014) + wiggle, "registrasi", "buatan"))
    frame = pd.DataFrame(rows, columns=["kode_wilayah", "tahun", "penduduk", "basis", "sumber"])
    total = frame.groupby("tahun", as_index=False)["penduduk"].sum().assign(kode_wilayah=KABUPATEN)
    total = total.assign(penduduk=total["penduduk"] * 1.002, basis="registrasi", sumber="buatan")
    return pd.concat([frame, total], ignore_index=True)


@pytest.mark.parametrize("method", ["drift", "ets", "otomatis"])
def test_shorter_horizon_is_the_start_of_the_longest(method: str) -> None:
    longest = forecast_kabupaten(hierarchy(), method=method, horizon=20, level=0.8)
    for horizon in (1, 5, 13):
        direct = forecast_kabupaten(hierarchy(), method=method, horizon=horizon, level=0.8)
        cut = page_data.up_to_horizon(longest, horizon)
        pd.testing.assert_frame_equal(cut.forecast, direct.forecast)
        assert cut.horizon == horizon
        assert cut.explanation == direct.explanation


@pytest.mark.parametrize("method", ["arima", "otomatis"])
def test_plan_then_bands_equals_the_direct_forecast(method: str) -> None:
    plan = plan_kabupaten(hierarchy(), method)
    for level in (0.5, 0.8, 0.95):
        direct = forecast_kabupaten(hierarchy(), method=method, horizon=7, level=level)
        planned = forecast_plan(plan, horizon=7, level=level)
        pd.testing.assert_frame_equal(planned.forecast, direct.forecast)
        pd.testing.assert_frame_equal(planned.notes, direct.notes)
        assert planned.explanation == direct.explanation
        assert planned.n_backtest_errors == direct.n_backtest_errors


@pytest.mark.parametrize("horizon", [0, 21])
def test_horizon_outside_the_forecast_is_refused(horizon: int) -> None:
    result = forecast_kabupaten(hierarchy(), method="drift", horizon=20)
    with pytest.raises(ForecastRequestError, match="Horizon"):
        page_data.up_to_horizon(result, horizon)


def test_forecast_page_headline_tables_and_coherence() -> None:
    result = page_data.forecast_all(plan_kabupaten(hierarchy(), "drift"), 0.8)
    data = page_data.forecast_page(result, 5, "35.14.02")
    last_forecast = data.one.forecast.iloc[-1]
    assert data.headline.tahun == 2030
    assert data.headline.mean == last_forecast["mean"]
    assert data.headline.last_year == 2025
    assert data.headline.last_value == pytest.approx(2000 * 1.01**11 - 6)
    assert data.headline.change == pytest.approx(last_forecast["mean"] / data.headline.last_value - 1)
    assert data.table["tahun"].tolist() == [2026, 2027, 2028, 2029, 2030]
    assert data.kecamatan["kode_wilayah"].tolist() == [*KECAMATAN, KABUPATEN]
    assert data.kecamatan["nama"].tolist() == ["Purwodadi", "Tutur", "Puspo", "Kabupaten Pasuruan"]
    assert data.kecamatan["mean"].iloc[:3].sum() == data.kecamatan["mean"].iloc[3]
    assert view.coherence_text(data.kecamatan).endswith("(sama persis).")
    assert data.fan_spec["layer"][0]["data"]["values"][-1]["tahun"] == 2030


def test_forecast_page_for_a_wilayah_without_series_is_a_message() -> None:
    result = page_data.forecast_all(plan_kabupaten(hierarchy(), "drift"), 0.8)
    with pytest.raises(DataNotFoundError, match=r"35\.14\.24"):
        page_data.forecast_page(result, 5, "35.14.24")


def test_forecast_table_rounds_the_band_outwards() -> None:
    one = handmade_forecast()
    forecast = one.forecast.assign(mean=[1120.4, 1140.5], lower=[1109.6, 1120.0], upper=[1130.2, 1160.0])
    table = view.forecast_table(ForecastSet(forecast, one.history, one.notes, "drift", 0.8, 2, ""))
    assert table[["mean", "lower", "upper"]].to_numpy().tolist() == [[1120, 1109, 1131], [1140, 1120, 1160]]


def test_source_line_names_every_basis_with_its_years() -> None:
    assert view.source_line(handmade_forecast(), is_synthetic=True) == (
        "Sumber: Registrasi Dukcapil 2014, 2016–2017, Estimasi BPS 2011–2014 (dipakai model: 2011–2013), "
        "Sensus Penduduk (BPS) 2010 (hanya ditampilkan) (sintetis); data tahunan sampai 2017."
    )
    assert "(sintetis)" not in view.source_line(handmade_forecast(), is_synthetic=False)


def test_title_block_states_method_basis_level_calibration_and_synthetic() -> None:
    one = handmade_forecast()
    one = ForecastSet(one.forecast, one.history, one.notes, "otomatis", 0.9, 2, "", "direkonsiliasi", 120)
    lines = view.title_lines(one, is_synthetic=True)
    assert lines[0] == "DATA DEMO SINTETIS — bukan data resmi"
    assert lines[1] == "Proyeksi penduduk Kecamatan Purwodadi, 2018–2019"
    assert "Metode: Otomatis: Random walk dengan drift" in lines
    assert "Basis data model: Registrasi Dukcapil" in lines
    assert "Tingkat pita: 90%" in lines
    assert "Kalibrasi pita: dari 120 galat uji mundur (horizon 1–5; lebih jauh diekstrapolasi)" in lines
    assert any(line.startswith("Rekonsiliasi:") for line in lines)
    model = one.forecast.assign(interval="model")
    plain = view.title_lines(ForecastSet(model, one.history, one.notes, "drift", 0.8, 2, ""), is_synthetic=False)
    assert "DATA DEMO SINTETIS — bukan data resmi" not in plain
    assert any(line.startswith("Kalibrasi pita: tidak ada") for line in plain)


def test_kecamatan_table_reports_a_difference_when_not_coherent() -> None:
    rows = pd.DataFrame(
        {
            "kode_wilayah": ["35.14.02", KABUPATEN, "35.14.01"],
            "tahun": 2030,
            "mean": [200.0, 303.0, 100.0],
            "lower": [190.4, 290.0, 95.0],
            "upper": [210.1, 320.0, 105.0],
            "mean_dasar": [201.0, 303.0, 100.0],
        }
    )
    result = ForecastSet(rows, pd.DataFrame(), pd.DataFrame(), "drift", 0.8, 1, "")
    table = view.kecamatan_table(result, 2030)
    assert table["kode_wilayah"].tolist() == ["35.14.01", "35.14.02", KABUPATEN]
    assert table.loc[1, ["lower", "upper", "koreksi"]].tolist() == [190, 211, -1]
    assert view.coherence_text(table) == (
        "Jumlah 24 kecamatan: 300 jiwa; proyeksi kabupaten: 303 jiwa (berbeda 3 jiwa)."
    )


def test_backtest_table_best_first_with_benchmarks_and_the_method_in_use() -> None:
    summary = pd.DataFrame(
        {
            "method": ["naif", "drift", "ets", "ets"],
            "horizon": [0, 0, 0, 1],
            "n": [100, 100, 100, 25],
            "mape": [1.5, 0.16, 0.271, 0.1],
            "mdape": [1.4, 0.13, 0.19, 0.1],
            "bias": [-1.55, -0.08, 0.011, 0.0],
            "mase": [3.18, 0.37, 0.59, 0.3],
            "cakupan_model": [0.21, 0.47, 0.24, 0.3],
            "cakupan_kalibrasi": [0.8, 0.802, np.nan, 0.8],
        }
    )
    table = view.backtest_table(summary, level=0.8, method_in_use="drift")
    assert table.columns.tolist() == [
        "Metode", "MAPE (%)", "MdAPE (%)", "Bias (%)", "MASE",
        "Cakupan model 80%", "Cakupan kalibrasi 80%", "Uji",
    ]  # fmt: skip
    assert table["Metode"].tolist() == [
        "Random walk dengan drift (pembanding) ← dipakai",
        "ETS tren teredam",
        "Naif (tetap seperti tahun terakhir) (pembanding)",
    ]
    assert table.iloc[1].tolist()[1:] == ["0,27", "0,19", "+0,01", "0,59", "24%", "—", "100"]
    detail = view.backtest_detail(summary, level=0.8)
    assert detail["Horizon (tahun)"].tolist() == [1]


def _indikator() -> pd.DataFrame:
    rows = [
        ("35.14.01", 2030, 1000.4, 80.0, 90.0, 40.0, 3.2, 70.0),
        ("35.14.02", 2030, 2000.0, 150.0, 180.0, 90.0, 60.0, 120.0),
        ("35.14.03", 2030, 1500.0, 110.0, 130.0, 60.0, 7.0, 95.0),
        ("35.14.01", 2025, 990.0, 80.0, 80.0, 40.0, 40.0, 70.0),
        ("35.14.02", 2025, 1990.0, 150.0, 180.0, 90.0, 60.0, 0.0),
        ("35.14.03", 2025, 1490.0, 110.0, 130.0, 60.0, 50.0, 90.0),
        (KABUPATEN, 2030, 4500.4, 340.0, 400.0, 190.0, 70.2, 285.0),
    ]
    columns = ["kode_wilayah", "tahun", "penduduk", "balita", "usia_sd", "usia_smp", "usia_sma", "lansia_70_plus"]
    return pd.DataFrame(rows, columns=columns)


def test_band_table_suppresses_small_counts_and_a_complement_in_the_same_column() -> None:
    table = band_table(_indikator(), 2030, min_cell=5)
    shown = table.display()
    assert shown["Kecamatan"].tolist() == ["Purwodadi", "Tutur", "Puspo", "Kabupaten Pasuruan"]
    assert shown["Usia SMA (16–18)"].tolist() == ["<5", "60", "•", "70"]  # 3 is small; 7, the smallest other, hides
    assert shown["Penduduk"].tolist() == ["1.000", "2.000", "1.500", "4.500"]  # sum of the rounded kecamatan
    assert shown["Lansia 70+"].tolist() == ["70", "120", "95", "285"]
    download = table.download()
    assert download.columns[:2].tolist() == ["Kode", "Kecamatan"]
    assert download["Usia SMA (16–18)"].tolist() == ["<5", 60, "•", 70]


def test_wilayah_bands_change_since_the_base_year_only_when_both_are_shown() -> None:
    focus = wilayah_bands(band_table(_indikator(), 2025, 5), band_table(_indikator(), 2030, 5), "35.14.01")
    by_band = focus.set_index("band")
    assert by_band.loc["usia_sd", "label"] == "90"
    assert by_band.loc["usia_sd", "change"] == pytest.approx(90 / 80 - 1)
    assert math.isnan(by_band.loc["usia_sma", "change"])  # suppressed in 2030
    assert by_band.loc["usia_sma", "label"] == "<5"
    tutur = wilayah_bands(band_table(_indikator(), 2025, 5), band_table(_indikator(), 2030, 5), "35.14.02")
    assert math.isnan(tutur.set_index("band").loc["lansia_70_plus", "change"])  # base 0: no ratio


def test_cohort_parameters_move_both_sexes_and_keep_sources_of_defaults() -> None:
    defaults = load_cohort_parameters()
    assert page_data.default_e0(defaults) == 74.87
    same = page_data.cohort_parameters(defaults.tfr, 74.87, 0.0)
    assert same == defaults
    assert same.sumber["tfr"].startswith("terkonfirmasi: BPS Provinsi Jawa Timur")
    changed = page_data.cohort_parameters(2.1, 76.0, -2.5)
    assert (changed.tfr, changed.e0_l, changed.e0_p, changed.migrasi_neto) == (2.1, 74.0, 78.0, -2.5)
    assert {changed.sumber[k] for k in ("tfr", "e0_l", "e0_p", "migrasi_neto")} == {"pilihan pengguna"}
    lines = parameter_lines(changed)
    assert lines[0] == "- **Angka kelahiran total (TFR)**: 2,10 — pilihan pengguna di halaman ini"
    assert lines[3].startswith("- **Rasio jenis kelamin saat lahir**: 105 — asumsi:")


def test_leave_one_series_out_coverage_matches_its_definition() -> None:
    rng = np.random.default_rng(3)
    errors = pd.DataFrame(
        {
            "kode_wilayah": np.repeat(["a", "b", "c", "d"], 6),
            "method": np.tile(np.repeat(["ets", "drift"], 3), 4),
            "horizon": 1,
            "scaled_error": rng.normal(0, 1, 24),
        }
    )
    expected = []
    for row in errors.itertuples():
        others = errors[(errors["method"] == row.method) & (errors["kode_wilayah"] != row.kode_wilayah)]
        q = conformal_half_width(others["scaled_error"].abs().to_numpy(), 0.8)
        expected.append(float(abs(row.scaled_error) <= q) if math.isfinite(q) else np.nan)
    assert _loso_covered(errors, 0.8).tolist() == expected


def test_connection_readers_equal_the_path_readers(demo_marts_path: Path) -> None:
    with duckdb.connect(str(demo_marts_path), read_only=True) as con:
        pd.testing.assert_frame_equal(read_penduduk_tahunan(con), load_penduduk_tahunan(demo_marts_path))
        pd.testing.assert_frame_equal(read_penduduk_umur(con), load_penduduk_umur(demo_marts_path))
        pd.testing.assert_frame_equal(
            read_penduduk_umur(con, "2024-S1"), load_penduduk_umur(demo_marts_path, "2024-S1")
        )
        with pytest.raises(DataNotFoundError, match="1999-S1"):
            read_penduduk_umur(con, "1999-S1")


def test_cohort_page_on_the_demo_marts(demo_marts_path: Path) -> None:
    with duckdb.connect(str(demo_marts_path), read_only=True) as con:
        projection = page_data.cohort_all(con, "2025-S1", 1.98, 74.87, 0.0, 2055)
    data = page_data.cohort_page(projection, "35.14.14", 2030, 5)
    assert (data.tahun_dasar, data.tahun) == (2025, 2030)
    assert set(data.piramida["tahun"]) == {2025, 2030}
    assert len(data.bands.values) == 25
    assert data.pyramid_spec["layer"][0]["data"]["name"] == "akhir"
    clipped = page_data.cohort_page(projection, "35.14", 2099, 5)
    assert clipped.tahun == 2055
    base_only = page_data.cohort_page(projection, "35.14", 2020, 5)
    assert base_only.tahun == 2025 and set(base_only.piramida["tahun"]) == {2025}
    with pytest.raises(DataNotFoundError, match="menurut umur"):
        page_data.cohort_page(projection, "35.15.01", 2030, 5)


def test_measure_timings_reports_every_figure(demo_marts_path: Path) -> None:
    timings = measure_timings(demo_marts_path)
    assert set(timings) == {
        "forecast_cold_s", "forecast_warm_s", "forecast_level_s", "forecast_cached_s", "forecast_view_s",
        "backtest_cold_s", "cohort_cold_s", "cohort_warm_s", "cohort_view_s", "cohort_cached_s",
    }  # fmt: skip
    assert all(value > 0 for value in timings.values())
    assert timings["forecast_cached_s"] < timings["forecast_cold_s"]
    assert timings["forecast_level_s"] < timings["forecast_warm_s"]


def test_headline_texts_round_the_band_outwards_and_describe_the_change() -> None:
    top = view.Headline(
        tahun=2030, mean=4861.0, lower=4845.75, upper=4876.3, last_year=2025, last_value=4707.0, change=0.0327
    )
    assert top.band_text == "4.845 – 4.877"
    assert top.change_text == "naik 3,3% dibanding 2025"
