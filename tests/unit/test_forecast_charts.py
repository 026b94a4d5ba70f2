"""Charts of the page proyeksi: the data they draw (hand-made series, known answers) and their Vega-Lite specs."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd
import pytest
from altair.utils.schemapi import validate_jsonschema

from cc_analytics.forecasting import ForecastSet, charts, prepare_series
from cc_analytics.forecasting.cohort_view import pyramid_data
from cc_analytics.schema import AGE_GROUPS

KODE = "35.14.01"
HISTORY_ROWS = [
    (2010, 1000.0, "sensus", "SP2010"),
    (2011, 1010.0, "estimasi_bps", "BPS"),
    (2012, 1020.0, "estimasi_bps", "BPS"),
    (2013, 1030.0, "estimasi_bps", "BPS"),
    (2014, 1040.0, "estimasi_bps", "BPS"),
    (2014, 1050.0, "registrasi", "Dukcapil"),
    (2016, 1080.0, "registrasi", "Dukcapil"),
    (2017, 1100.0, "registrasi", "Dukcapil"),
]
FORECAST_ROWS = [(2018, 1120.0, 1110.0, 1130.0, 1121.0), (2019, 1140.0, 1120.0, 1160.0, 1142.0)]


def handmade_forecast() -> ForecastSet:
    """A registry series spliced to BPS estimates at 2014 (ratio 1050/1040), 2015 missing, census only shown."""
    frame = pd.DataFrame(HISTORY_ROWS, columns=["tahun", "penduduk", "basis", "sumber"])
    series = prepare_series(frame, KODE, "registrasi")
    forecast = pd.DataFrame(FORECAST_ROWS, columns=["tahun", "mean", "lower", "upper", "geometrik"]).assign(
        kode_wilayah=KODE, level=0.8, method="drift", method_used="drift", basis="registrasi", interval="kalibrasi"
    )
    notes = pd.DataFrame({"kode_wilayah": [KODE], "note": ["contoh"]})
    return ForecastSet(forecast, series.history, notes, "drift", 0.8, 2, "penjelasan")


def test_history_points_mark_each_basis_and_what_the_model_used() -> None:
    points = charts.history_points(handmade_forecast()).set_index(["tahun", "basis"])
    ratio = 1050 / 1040
    assert len(points) == 9  # 8 input rows + the interpolated 2015
    assert not points.loc[(2010, "sensus"), "dipakai"]
    assert points.loc[(2010, "sensus"), "basis_label"] == "Sensus Penduduk (BPS)"
    assert points.loc[(2010, "sensus"), "label"] == "1.000"
    assert points.loc[(2010, "sensus"), "model_label"] == ""
    assert points.loc[(2012, "estimasi_bps"), "dipakai"]
    assert points.loc[(2012, "estimasi_bps"), "nilai"] == 1020
    assert points.loc[(2012, "estimasi_bps"), "model_label"] == "1.030"  # 1020 * 1050/1040 = 1029.8
    assert not points.loc[(2014, "estimasi_bps"), "dipakai"]  # the registry has 2014 itself
    assert points.loc[(2014, "registrasi"), "dipakai_label"] == "ya"
    interpolated = points.loc[(2015, "interpolasi")]
    assert interpolated["nilai"] == pytest.approx(math.sqrt(1050 * 1080))
    assert interpolated["basis_label"] == "Interpolasi (tidak ada data)"
    assert interpolated["dipakai"]
    assert points.loc[(2011, "estimasi_bps"), "nilai"] * ratio == pytest.approx(1019.71, abs=0.01)


def test_band_starts_at_the_last_value_used_with_zero_width() -> None:
    band = charts.band_frame(handmade_forecast())
    assert band["tahun"].tolist() == [2017, 2018, 2019]
    assert band.iloc[0][["mean", "lower", "upper"]].tolist() == [1100, 1100, 1100]
    assert band["upper"].tolist()[1:] == [1130, 1160]
    assert band["lower_label"].tolist() == ["1.100", "1.110", "1.120"]


def test_forecast_and_reference_lines_start_at_the_origin() -> None:
    lines = charts.forecast_lines(handmade_forecast())
    by_line = {key: rows["nilai"].tolist() for key, rows in lines.groupby("garis")}
    assert by_line == {"mean": [1100, 1120, 1140], "geometrik": [1100, 1121, 1142]}
    assert set(lines["garis_label"]) == {"Proyeksi", "Geometrik (BPS)"}


def _layers(spec: dict) -> list[dict]:
    return spec["layer"]


def test_fan_chart_spec_is_valid_vega_lite_with_the_rows_in_each_layer() -> None:
    spec = charts.fan_chart(handmade_forecast())
    validate_jsonschema(spec, alt.vegalite.v6.schema.core.load_schema())
    assert [layer["mark"]["type"] for layer in _layers(spec)] == ["area", "line", "point", "point"]
    assert [layer["data"]["name"] for layer in _layers(spec)] == ["pita", "garis", "riwayat", "riwayat"]
    assert len(spec["layer"][2]["data"]["values"]) == 9
    assert spec["layer"][0]["data"]["values"][0] == {
        "tahun": 2017, "mean": 1100.0, "lower": 1100.0, "upper": 1100.0,
        "mean_label": "1.100", "lower_label": "1.100", "upper_label": "1.100",
    }  # fmt: skip
    assert spec["config"]["locale"]["number"]["thousands"] == "."
    assert spec["config"]["locale"]["number"]["decimal"] == ","


def test_fan_chart_points_colour_and_shape_by_basis_filled_when_used() -> None:
    hollow, solid = _layers(charts.fan_chart(handmade_forecast()))[2:]
    assert hollow["mark"]["filled"] is False
    assert solid["mark"]["filled"] is True
    assert solid["transform"] == [{"filter": "datum.dipakai"}]
    color = hollow["encoding"]["color"]["scale"]
    assert color["domain"] == [
        "Sensus Penduduk (BPS)",
        "Estimasi BPS",
        "Registrasi Dukcapil",
        "Interpolasi (tidak ada data)",
    ]
    assert color["range"] == ["#d62728", "#2ca02c", "#1f77b4", "#7f7f7f"]
    assert hollow["encoding"]["shape"]["scale"]["range"] == ["diamond", "circle", "square", "cross"]


def test_fan_chart_lines_have_their_own_legend_and_the_reference_is_dashed() -> None:
    band, lines = _layers(charts.fan_chart(handmade_forecast()))[:2]
    assert band["encoding"]["y2"]["field"] == "upper"
    assert band["encoding"]["y"]["scale"] == {"zero": False}
    assert lines["encoding"]["stroke"]["scale"]["domain"] == ["Proyeksi", "Geometrik (BPS)"]
    assert lines["encoding"]["strokeDash"]["scale"]["range"] == [[1, 0], [6, 4]]


def _piramida(counts: dict[tuple[int, str, str], float]) -> pd.DataFrame:
    rows = [
        (KODE, tahun, sex, group, counts.get((tahun, sex, group), 100.0))
        for tahun in (2025, 2030)
        for sex in ("L", "P")
        for group in AGE_GROUPS
    ]
    return pd.DataFrame(rows, columns=["kode_wilayah", "tahun", "jenis_kelamin", "kelompok_umur", "jumlah_penduduk"])


def test_pyramid_spec_bars_for_the_projection_outlines_for_the_base_year() -> None:
    data = pyramid_data(_piramida({(2030, "L", "75+"): 3.0}), KODE, (2025, 2030), min_cell=5)
    spec = charts.pyramid_chart(data, 2025, 2030)
    validate_jsonschema(spec, alt.vegalite.v6.schema.core.load_schema())
    bars, outline = spec["layer"]
    assert bars["data"]["name"] == "akhir" and outline["data"]["name"] == "dasar"
    assert outline["mark"]["filled"] is False
    assert {row["tahun"] for row in bars["data"]["values"]} == {2030}
    assert {row["tahun"] for row in outline["data"]["values"]} == {2025}
    assert bars["encoding"]["y"]["sort"] == list(reversed(AGE_GROUPS))
    assert "abs(datum.value)" in bars["encoding"]["x"]["axis"]["labelExpr"]
    rows = {(r["jenis_kelamin"], r["kelompok_umur"]): r for r in bars["data"]["values"]}
    assert rows[("L", "75+")]["nilai_grafik"] is None  # small: not drawn
    assert rows[("L", "75+")]["label"] == "<5"
    hidden = [r for r in rows.values() if r["status"] == "complement"]
    assert len(hidden) == 1  # one more men's cell, so the men's total does not give the small one away
    assert hidden[0]["jenis_kelamin"] == "L" and hidden[0]["label"] == "•" and hidden[0]["nilai_grafik"] is None
    shown = [r for r in rows.values() if r["status"] == "shown"]
    assert {r["nilai_grafik"] for r in shown if r["jenis_kelamin"] == "L"} == {-100.0}
    assert {r["nilai_grafik"] for r in shown if r["jenis_kelamin"] == "P"} == {100.0}
    assert rows[("P", "00-04")]["jenis_kelamin_label"] == "Perempuan"
