"""The ``forecast`` and ``backtest`` commands, end to end through ``cc_analytics.cli.main``."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from cc_analytics.cli import main
from cc_analytics.forecasting.cli_format import level_value
from cc_analytics.forecasting.loading import load_penduduk_tahunan, load_penduduk_umur

# Kabupaten Pasuruan totals (data/reference/penduduk_kabupaten_3514.csv) are too sparse to backtest,
# so the CLI is exercised on a small made-up CSV with two good series and two bad ones.
CSV = """wilayah,tahun,penduduk,basis
A,2014,50000,registrasi
A,2015,50600,registrasi
A,2016,51150,registrasi
A,2017,51900,registrasi
A,2018,52350,registrasi
A,2019,53000,registrasi
A,2020,53600,registrasi
A,2021,54100,registrasi
B,2016,20000,registrasi
B,2017,20150,registrasi
B,2018,20390,registrasi
B,2019,20510,registrasi
B,2020,20700,registrasi
B,2021,20950,registrasi
B,2022,21100,registrasi
C,2021,900,registrasi
D,2020,0,registrasi
D,2021,-4,registrasi
"""


@pytest.fixture
def series_csv(tmp_path: Path) -> Path:
    path = tmp_path / "deret.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_forecast_json_has_horizon_rows_per_series_and_reports_bad_ones(series_csv: Path, capsys) -> None:
    code = main(["forecast", "--input", str(series_csv), "--horizon", "3", "--method", "drift", "--json"])
    assert code == 0
    payload = json.loads(capsys.readouterr().out)
    series = {s["wilayah"]: s for s in payload["series"]}
    assert set(series) == {"A", "B"}
    assert [row["tahun"] for row in series["A"]["forecast"]] == [2022, 2023, 2024]
    assert [row["tahun"] for row in series["B"]["forecast"]] == [2023, 2024, 2025]
    for row in series["A"]["forecast"]:
        assert row["lower"] <= row["mean"] <= row["upper"]
    assert {f["wilayah"] for f in payload["failed"]} == {"C", "D"}
    assert payload["level"] == 0.8 and "Pita 80%" in payload["explanation"]


def test_forecast_text_output_uses_indonesian_numbers(series_csv: Path, capsys) -> None:
    assert main(["forecast", "--input", str(series_csv), "--horizon", "2", "--level", "0.9"]) == 0
    text = capsys.readouterr().out
    assert "== A (basis: Registrasi Dukcapil" in text
    assert "bawah 90%" in text and "54." in text  # thousands separator is a dot
    assert "tidak diproyeksikan" in text


def test_forecast_missing_file_is_a_user_error(tmp_path: Path, capsys) -> None:
    assert main(["forecast", "--input", str(tmp_path / "tidak_ada.csv"), "--horizon", "2"]) == 2  # unreadable
    assert "tidak ditemukan" in capsys.readouterr().err


def test_forecast_csv_without_required_columns_is_a_user_error(tmp_path: Path, capsys) -> None:
    path = tmp_path / "salah.csv"
    path.write_text("kecamatan,tahun,jumlah\nA,2020,5\n", encoding="utf-8")
    assert main(["forecast", "--input", str(path)]) == 2  # unreadable as a series file
    assert "kolom wajib tidak ada" in capsys.readouterr().err


def test_forecast_invalid_horizon_is_a_user_error(series_csv: Path, capsys) -> None:
    assert main(["forecast", "--input", str(series_csv), "--horizon", "25"]) == 1
    assert "Horizon" in capsys.readouterr().err


def test_backtest_from_csv_prints_the_metrics_table(series_csv: Path, capsys) -> None:
    assert main(["backtest", "--input", str(series_csv), "--methods", "drift", "naif", "ets"]) == 0
    text = capsys.readouterr().out
    for header in ("MAPE %", "MdAPE %", "bias %", "MASE", "cakupan model 80%", "cakupan kalibrasi 80%"):
        assert header in text
    assert "Terbaik menurut MASE" in text and "Dilewati" in text


def test_backtest_without_marts_says_to_build_them(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("CC_MARTS_PATH", str(tmp_path / "belum_ada.duckdb"))
    assert main(["backtest"]) == 1
    assert "Data belum dibangun" in capsys.readouterr().err


def _marts(tmp_path: Path) -> Path:
    path = tmp_path / "marts.duckdb"
    rows = [(f"35.14.{k:02d}", year, 30_000 * k + 400 * (year - 2015) + 37 * (year % 3), "registrasi", "uji")
            for k in (1, 2, 3) for year in range(2015, 2026)]  # fmt: skip
    rows += [("35.14", 2020, 1_605_969, "sensus", "BPS SP2020")]
    frame = pd.DataFrame(rows, columns=["kode_wilayah", "tahun", "penduduk", "basis", "sumber"])
    penduduk = pd.DataFrame(
        [
            ("2025-S1", "35.14.01.2001", "L", "00-04", 10),
            ("2025-S1", "35.14.01.2002", "L", "00-04", 5),
            ("2024-S2", "35.14.01.2001", "L", "00-04", 99),
        ],
        columns=["periode", "kode_desa", "jenis_kelamin", "kelompok_umur", "jumlah_penduduk"],
    )
    con = duckdb.connect(str(path))
    con.register("t", frame)
    con.register("p", penduduk)
    con.execute("CREATE TABLE penduduk_tahunan AS SELECT * FROM t")
    con.execute("CREATE TABLE penduduk AS SELECT * FROM p")
    con.close()
    return path


def test_backtest_reads_the_marts(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("CC_MARTS_PATH", str(_marts(tmp_path)))
    assert main(["backtest", "--json", "--methods", "drift", "naif"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["n_series"] == 4
    assert {row["method"] for row in payload["summary"]} == {"drift", "naif"}


def test_loaders_read_the_marts(tmp_path: Path) -> None:
    path = _marts(tmp_path)
    history = load_penduduk_tahunan(path)
    assert list(history.columns) == ["kode_wilayah", "tahun", "penduduk", "basis", "sumber"]
    umur = load_penduduk_umur(path)
    assert umur["periode"].unique().tolist() == ["2025-S1"]
    assert umur.loc[0, "kode_kecamatan"] == "35.14.01" and umur.loc[0, "jumlah_penduduk"] == 15
    assert load_penduduk_umur(path, "2024-S2")["jumlah_penduduk"].sum() == 99


@pytest.mark.parametrize(("text", "share"), [("0.8", 0.8), ("80", 0.8), ("80%", 0.8), ("95", 0.95), ("0,9", 0.9)])
def test_level_accepts_a_share_or_a_percentage(text: str, share: float) -> None:
    assert level_value(text) == pytest.approx(share)


def test_level_as_percentage_on_the_command_line(series_csv: Path, capsys) -> None:
    assert main(["forecast", "--input", str(series_csv), "--horizon", "2", "--level", "80", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["level"] == 0.8
    with pytest.raises(SystemExit):
        main(["forecast", "--input", str(series_csv), "--level", "tinggi"])
    assert "tingkat pita harus angka" in capsys.readouterr().err
    assert main(["backtest", "--input", str(series_csv), "--level", "150"]) == 1  # 1.5 is out of range
