"""The page proyeksi in AppTest: every URL parameter (valid and invalid), widget changes, small counts, bad data.

Expected numbers come from the library on the same demo marts (built by the real generator and ingest).
"""

from __future__ import annotations

import json
import shutil
from functools import lru_cache
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from cc_analytics.forecasting import METHOD_LABELS, page_data
from cc_analytics.forecasting import presentation as view
from cc_analytics.forecasting.proyeksi_texts import BAND_COLUMNS
from cc_analytics.formatting import format_number
from cc_analytics.wilayah import desa
from tests.app.routing import open_via_router

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
PAGE = "pages/proyeksi_page.py"
BANGIL = "35.14.14"
KABUPATEN = "35.14"


@pytest.fixture
def marts(demo_marts_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app at the demo marts."""
    monkeypatch.setenv("CC_MARTS_PATH", str(demo_marts_path))
    monkeypatch.delenv("CC_MIN_CELL", raising=False)
    return demo_marts_path


@lru_cache(maxsize=32)
def expected(marts: Path, method: str = "otomatis", level: float = 0.8, horizon: int = 10, kode: str = KABUPATEN):
    """What the page should show, computed by the library."""
    with duckdb.connect(str(marts), read_only=True) as con:
        plan = page_data.plan_all(con, method)
    return page_data.forecast_page(page_data.forecast_all(plan, level), horizon, kode)


def open_page(**params: str) -> AppTest:
    """Open the router with ``params`` in the URL, then go to the page (as the menu does)."""
    return open_via_router(PAGE, **params)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def notices(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def assert_forecast_shown(at: AppTest, data: page_data.ForecastPage) -> None:
    top = data.headline
    shown = metrics(at)
    assert shown[f"Data terakhir {top.last_year} (jiwa)"] == format_number(top.last_value)
    assert shown[f"Proyeksi penduduk {top.tahun} (jiwa)"] == format_number(top.mean)
    pct = round(data.one.level * 100)
    assert shown[f"Pita {pct}% tahun {top.tahun} (jiwa)"] == (top.band_text)
    table = at.dataframe[0].value
    assert table["Tahun"].tolist() == data.table["tahun"].tolist()
    assert table["Proyeksi (jiwa)"].tolist() == [format_number(v) for v in data.table["mean"]]
    assert table["Batas bawah pita (jiwa)"].tolist() == [format_number(v) for v in data.table["lower"]]


def test_default_view_shows_the_library_forecast_for_the_kabupaten(marts: Path) -> None:
    at = open_page()
    data = expected(marts)
    assert at.subheader[0].value == "Proyeksi jumlah penduduk — Kabupaten Pasuruan"
    assert_forecast_shown(at, data)
    assert not at.error
    assert at.selectbox(key="metode").value == "otomatis"
    assert (at.slider(key="horizon").value, at.slider(key="tingkat").value) == (10, 80)
    assert any(i.value == data.explanation for i in at.info)
    assert view.source_line(data.one, is_synthetic=True) in captions(at)
    assert view.coherence_text(data.kecamatan) in captions(at)
    assert view.coherence_text(data.kecamatan).endswith("(sama persis).")
    assert any(c.startswith("Sumber: Dukcapil (sintetis), posisi 31 Desember") for c in captions(at))
    charts = at.get("vega_lite_chart")
    assert len(charts) == 2
    fan = json.loads(charts[0].proto.spec)
    assert [layer["mark"]["type"] for layer in fan["layer"]] == ["area", "line", "point", "point"]
    subheaders = [s.value for s in at.subheader]
    assert subheaders[1:] == [
        "Proyeksi per kecamatan tahun 2035",
        "Struktur umur: proyeksi kohort",
        "Ketepatan metode: uji mundur",
    ]


def test_backtest_table_compares_every_method_with_the_benchmarks(marts: Path) -> None:
    at = open_page()
    backtest = next(df.value for df in at.dataframe if "MASE" in df.value.columns)
    names = backtest["Metode"].tolist()
    assert len(names) == 7
    assert any(n.startswith("Naif") and "(pembanding)" in n for n in names)
    assert any(n.startswith("Random walk dengan drift (pembanding)") for n in names)
    method = str(expected(marts).one.forecast["method"].iloc[0])
    benchmark = " (pembanding)" if method in ("naif", "drift") else ""
    assert [n for n in names if n.endswith("← dipakai")] == [f"{METHOD_LABELS[method]}{benchmark} ← dipakai"]
    assert "Cakupan kalibrasi 80%" in backtest.columns


@pytest.mark.parametrize("method", ["ets", "drift", "kombinasi"])
def test_method_from_the_url(marts: Path, method: str) -> None:
    at = open_page(metode=method)
    assert at.selectbox(key="metode").value == method
    assert_forecast_shown(at, expected(marts, method=method))
    assert not [n for n in notices(at) if "tautan" in n]


def test_method_in_capitals_is_accepted(marts: Path) -> None:
    at = open_page(metode="ETS")
    assert at.selectbox(key="metode").value == "ets"


def test_unknown_method_falls_back_with_a_notice(marts: Path) -> None:
    at = open_page(metode="sihir")
    assert at.selectbox(key="metode").value == "otomatis"
    assert any("sihir" in n and "Otomatis" in n for n in notices(at))
    assert_forecast_shown(at, expected(marts))


@pytest.mark.parametrize(("raw", "horizon", "notice"), [("5", 5, None), ("3.6", 4, None), ("25", 20, "1–20")])
def test_horizon_from_the_url(marts: Path, raw: str, horizon: int, notice: str | None) -> None:
    at = open_page(horizon=raw)
    assert at.slider(key="horizon").value == horizon
    assert_forecast_shown(at, expected(marts, horizon=horizon))
    assert len(at.dataframe[0].value) == horizon
    if notice:
        assert any(notice in n and raw in n for n in notices(at))


def test_horizon_that_is_not_a_number_uses_the_default(marts: Path) -> None:
    at = open_page(horizon="sepuluh")
    assert at.slider(key="horizon").value == 10
    assert any("sepuluh" in n for n in notices(at))


@pytest.mark.parametrize(("raw", "percent"), [("95", 95), ("50", 50), ("10", 50), ("99", 95)])
def test_band_level_from_the_url(marts: Path, raw: str, percent: int) -> None:
    at = open_page(tingkat=raw)
    assert at.slider(key="tingkat").value == percent
    data = expected(marts, level=percent / 100)
    assert_forecast_shown(at, data)
    assert any(i.value == data.explanation for i in at.info)
    assert f"Pita {percent}% artinya" in data.explanation
    if raw != str(percent):
        assert any(raw in n and "50–95" in n for n in notices(at))


def test_band_level_that_is_not_a_number_uses_the_default(marts: Path) -> None:
    at = open_page(tingkat="tinggi")
    assert at.slider(key="tingkat").value == 80
    assert any("tinggi" in n for n in notices(at))


@pytest.mark.parametrize("kec", [BANGIL, "bangil", "351414"])
def test_kecamatan_from_the_global_selection(marts: Path, kec: str) -> None:
    at = open_page(kec=kec, horizon="5")
    assert at.subheader[0].value == "Proyeksi jumlah penduduk — Kecamatan Bangil"
    assert_forecast_shown(at, expected(marts, horizon=5, kode=BANGIL))
    assert any(m.value == "**Kecamatan Bangil, tahun 2030**" for m in at.markdown)


def test_unknown_kecamatan_shows_the_kabupaten_with_a_notice(marts: Path) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["kec"] = "atlantis"
    at.run()  # the sidebar selection is read (and its notice shown) in the first run after opening the link
    assert any("atlantis" in n for n in notices(at))
    at.switch_page(PAGE).run()
    assert at.subheader[0].value == "Proyeksi jumlah penduduk — Kabupaten Pasuruan"
    assert not at.exception


def test_a_desa_shows_its_kecamatan_and_says_so(marts: Path) -> None:
    kode_desa = desa().query("kode_kecamatan == @BANGIL")["kode_wilayah"].iloc[0]
    at = open_page(kec=BANGIL, desa=kode_desa)
    assert at.subheader[0].value == "Proyeksi jumlah penduduk — Kecamatan Bangil"
    assert any("tingkat kecamatan" in i.value and "Kecamatan Bangil" in i.value for i in at.info)


def expected_cohort(marts: Path, periode: str, params: tuple[float, float, float], kode: str, tahun: int):
    with duckdb.connect(str(marts), read_only=True) as con:
        projection = page_data.cohort_all(con, periode, *params, page_data.cohort_last_year(periode, tahun))
    return page_data.cohort_page(projection, kode, tahun, 5)


def focus_metrics(at: AppTest) -> dict[str, str]:
    labels = {"Balita (0–4)", "Usia SD (7–12)", "Usia SMP (13–15)", "Usia SMA (16–18)", "Lansia 70+"}
    return {label: value for label, value in metrics(at).items() if label in labels}


def test_cohort_defaults_name_their_sources(marts: Path) -> None:
    at = open_page(kec=BANGIL)
    assert (at.slider(key="tfr").value, at.slider(key="e0").value, at.slider(key="migrasi").value) == (1.98, 74.87, 0)
    data = expected_cohort(marts, "2025-S2", (1.98, 74.87, 0.0), BANGIL, 2035)
    assert focus_metrics(at) == dict(zip(data.focus["band"].map(view_band_label), data.focus["label"], strict=True))
    assumptions = next(m.value for m in at.markdown if m.value.startswith("- **Angka kelahiran total (TFR)**"))
    assert "1,98 — terkonfirmasi: BPS Provinsi Jawa Timur" in assumptions
    assert "Migrasi neto per 1.000 per tahun**: 0,0 — asumsi" in assumptions
    bands = next(df.value for df in at.dataframe if "Usia SD (7–12)" in df.value.columns)
    assert bands["Kecamatan"].tolist()[-1] == "Kabupaten Pasuruan"
    assert len(bands) == 25


def view_band_label(band: str) -> str:
    return BAND_COLUMNS[band]


def test_cohort_assumptions_from_the_url(marts: Path) -> None:
    at = open_page(kec=BANGIL, tfr="2.5", e0="70", migrasi="-5", horizon="5")
    assert (at.slider(key="tfr").value, at.slider(key="e0").value, at.slider(key="migrasi").value) == (2.5, 70, -5)
    data = expected_cohort(marts, "2025-S2", (2.5, 70.0, -5.0), BANGIL, 2030)
    assert focus_metrics(at) == dict(zip(data.focus["band"].map(view_band_label), data.focus["label"], strict=True))
    assumptions = next(m.value for m in at.markdown if m.value.startswith("- **Angka kelahiran total (TFR)**"))
    assert "2,50 — pilihan pengguna di halaman ini" in assumptions
    assert "Umur harapan hidup laki-laki**: 68,00 — pilihan pengguna" in assumptions


@pytest.mark.parametrize(
    ("key", "raw", "value", "notice"),
    [
        ("tfr", "9", 4.0, "Angka kelahiran total (TFR, anak per perempuan) 9 pada tautan di luar rentang 0,5–4."),
        ("e0", "abc", 74.87, "Umur harapan hidup saat lahir (tahun) “abc” pada tautan tidak dikenali"),
        ("migrasi", "100", 20.0, "Migrasi neto (per 1.000 penduduk per tahun) 100 pada tautan di luar rentang -20–20."),
        ("tfr", "", 1.98, "Angka kelahiran total (TFR, anak per perempuan) pada tautan kosong"),
    ],
)
def test_invalid_cohort_values_fall_back_with_a_notice(
    marts: Path, key: str, raw: str, value: float, notice: str
) -> None:
    at = open_page(**{key: raw})
    assert at.slider(key=key).value == value
    assert [n for n in notices(at) if "tautan" in n and n.startswith(notice)], notices(at)
    assert not at.error


def test_periode_sets_the_base_of_the_cohort_projection(marts: Path) -> None:
    at = open_page(periode="2024-S1")
    assert "Tahun dasar 2024, diproyeksikan sampai 2035 (tahun akhir horizon)." in captions(at)
    assert "Sumber: Dukcapil (sintetis), posisi 30 Juni 2024" in captions(at)


def test_moving_the_controls_updates_the_numbers(marts: Path) -> None:
    at = open_page(kec=BANGIL)
    at.slider(key="horizon").set_value(3).run()
    assert_forecast_shown(at, expected(marts, horizon=3, kode=BANGIL))
    at.slider(key="tingkat").set_value(90).run()
    assert_forecast_shown(at, expected(marts, level=0.9, horizon=3, kode=BANGIL))
    at.selectbox(key="metode").select("arima").run()
    assert_forecast_shown(at, expected(marts, method="arima", level=0.9, horizon=3, kode=BANGIL))
    before = focus_metrics(at)
    at.slider(key="tfr").set_value(3.5).run()
    data = expected_cohort(marts, "2025-S2", (3.5, 74.87, 0.0), BANGIL, 2028)
    assert focus_metrics(at)["Balita (0–4)"] == data.focus.set_index("band").loc["balita", "label"]
    assert focus_metrics(at)["Balita (0–4)"] != before["Balita (0–4)"]
    assert not at.exception


def test_small_counts_are_suppressed_in_the_age_tables(marts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CC_MIN_CELL", "100")
    at = open_page()
    bands = next(df.value for df in at.dataframe if "Usia SD (7–12)" in df.value.columns)
    cells = bands.drop(columns="Kecamatan").to_numpy().ravel().tolist()
    assert "<100" in cells  # the complement ("•") is checked where it is needed, in the unit tests
    assert any("“<100”: kurang dari 100" in c for c in captions(at))
    pyramid = json.loads(at.get("vega_lite_chart")[1].proto.spec)
    assert pyramid["layer"][0]["data"]["name"] == "akhir"


def _copy_marts(source: Path, target: Path, *statements: str) -> Path:
    shutil.copy(source, target)
    with duckdb.connect(str(target)) as con:
        for sql in statements:
            con.execute(sql)
    return target


def test_a_kecamatan_with_one_year_is_a_message_not_a_traceback(
    marts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sql = "DELETE FROM penduduk_tahunan WHERE kode_wilayah = '35.14.05' AND tahun <> 2025"
    bad = _copy_marts(marts, tmp_path / "satu.duckdb", sql)
    monkeypatch.setenv("CC_MARTS_PATH", str(bad))
    at = open_page()
    errors = [e.value for e in at.error]
    assert any("35.14.05" in e and "hanya punya 1 tahun" in e for e in errors)
    assert "Struktur umur: proyeksi kohort" in [s.value for s in at.subheader]  # the rest of the page still works
    assert not at.exception


def test_zeros_negatives_and_gaps_are_handled_and_said(
    marts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = _copy_marts(
        marts,
        tmp_path / "lubang.duckdb",
        "UPDATE penduduk_tahunan SET penduduk = 0 WHERE kode_wilayah = '35.14.05' AND tahun = 2022",
        "UPDATE penduduk_tahunan SET penduduk = -40 WHERE kode_wilayah = '35.14.05' AND tahun = 2023",
        "DELETE FROM penduduk_tahunan WHERE kode_wilayah = '35.14.05' AND tahun = 2012",
    )
    monkeypatch.setenv("CC_MARTS_PATH", str(bad))
    at = open_page(kec="35.14.05")
    assert not at.error
    notes = "\n".join(m.value for m in at.expander[0].markdown)
    assert "Nilai nol, negatif atau kosong pada tahun 2022, 2023 diabaikan." in notes  # both bases, once each
    assert "Tahun 2012, 2022, 2023 tidak ada datanya dan diisi dengan interpolasi geometrik." in notes
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["layer"][2]["data"]["name"] == "riwayat"


def test_marts_without_annual_series_say_how_to_rebuild(
    marts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = _copy_marts(marts, tmp_path / "lama.duckdb", "DROP TABLE penduduk_tahunan")
    monkeypatch.setenv("CC_MARTS_PATH", str(bad))
    at = open_page()
    assert any("penduduk_tahunan" in e.value and "python -m cc_analytics ingest" in e.value for e in at.error)
    assert "Struktur umur: proyeksi kohort" in [s.value for s in at.subheader]
    assert not at.exception


def test_short_series_fall_back_to_a_simpler_method_and_say_so(
    marts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five registry years only: ETS needs six, so drift is used; no backtest is possible, so the band comes from
    the model, and the page says both."""
    sql = "DELETE FROM penduduk_tahunan WHERE basis <> 'registrasi'"
    short = _copy_marts(marts, tmp_path / "pendek.duckdb", sql)
    monkeypatch.setenv("CC_MARTS_PATH", str(short))
    at = open_page(metode="ets", kec=BANGIL)
    shown = notices(at)
    assert any(n.startswith("Metode diganti untuk wilayah ini: ETS tren teredam tidak dipakai (deret hanya 5 tahun")
               and "random walk dengan drift" in n for n in shown), shown  # fmt: skip
    assert any("Pita berasal dari model" in n and "terlalu sempit" in n for n in shown)
    assert any("berasal langsung dari model statistik" in i.value for i in at.info)
    assert any("Deret terlalu pendek untuk uji mundur" in i.value for i in at.info)
    assert not at.error
    assert not at.exception
