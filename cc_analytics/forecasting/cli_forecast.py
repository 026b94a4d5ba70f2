"""``python -m cc_analytics forecast``: forecast any annual population series from a CSV.

The CSV has the columns ``wilayah,tahun,penduduk`` (and optionally ``basis``, ``sumber``), one or
many series. Prints point forecasts and calibrated bands per series and year; ``--json`` prints the
same as JSON. This is how the method is checked on real series from outside the regency.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from cc_analytics.forecasting import cli_format as out
from cc_analytics.forecasting import texts
from cc_analytics.forecasting.forecast import (
    AUTO,
    DEFAULT_HORIZON,
    DEFAULT_LEVEL,
    DEFAULT_METHOD,
    ForecastSet,
    forecast_series_set,
)
from cc_analytics.forecasting.loading import read_series_csv
from cc_analytics.forecasting.methods import METHODS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the ``forecast`` command."""
    parser.add_argument("--input", required=True, type=Path, help="CSV dengan kolom wilayah,tahun,penduduk[,basis]")
    parser.add_argument("--horizon", type=int, default=DEFAULT_HORIZON, help="tahun ke depan, 1-20")
    parser.add_argument(
        "--method", choices=(AUTO, *METHODS), default=DEFAULT_METHOD, help=f"metode (bawaan: {DEFAULT_METHOD})"
    )
    parser.add_argument(
        "--level", type=out.level_value, default=DEFAULT_LEVEL, help="tingkat pita, mis. 0.8 atau 80 untuk 80%%"
    )
    parser.add_argument("--basis", default=None, help="pakai basis ini untuk semua deret (bawaan: pilih per deret)")
    parser.add_argument("--json", action="store_true", help="keluaran JSON")


def _payload(result: ForecastSet) -> dict:
    series = []
    for kode, rows in result.forecast.groupby("kode_wilayah", sort=True):
        notes = result.notes.loc[result.notes["kode_wilayah"] == kode, "note"].tolist()
        series.append(
            {
                "wilayah": kode,
                "basis": rows["basis"].iloc[0],
                "method_used": rows["method_used"].iloc[0],
                "interval": rows["interval"].iloc[0],
                "notes": notes + [n for n in rows["note"].unique() if n],
                "forecast": rows[["tahun", "mean", "lower", "upper", "geometrik"]].to_dict("records"),
            }
        )
    failed_codes = set(result.notes["kode_wilayah"]) - set(result.forecast["kode_wilayah"])
    failed = result.notes[result.notes["kode_wilayah"].isin(failed_codes)]
    return {
        "method": result.method,
        "level": result.level,
        "horizon": result.horizon,
        "explanation": result.explanation,
        "n_backtest_errors": result.n_backtest_errors,
        "series": series,
        "failed": failed.rename(columns={"kode_wilayah": "wilayah", "note": "reason"}).to_dict("records"),
    }


def _text(result: ForecastSet) -> str:
    pct = f"{round(result.level * 100)}%"
    lines = [f"Metode: {texts.METHOD_LABELS[result.method]}; pita {pct}", result.explanation, ""]
    for kode, rows in result.forecast.groupby("kode_wilayah", sort=True):
        basis = texts.BASIS_LABELS.get(rows["basis"].iloc[0], rows["basis"].iloc[0])
        lines.append(f"== {kode} (basis: {basis}; metode dipakai: {rows['method_used'].iloc[0]}) ==")
        body = [
            [str(r.tahun), out.jiwa(r.mean), out.jiwa(r.lower), out.jiwa(r.upper), out.jiwa(r.geometrik)]
            for r in rows.itertuples()
        ]
        lines.append(out.table(["tahun", "proyeksi", f"bawah {pct}", f"atas {pct}", "geometrik BPS"], body))
        notes = result.notes.loc[result.notes["kode_wilayah"] == kode, "note"].tolist()
        notes += [n for n in rows["note"].unique() if n]
        lines.extend(f"  catatan: {n}" for n in notes)
        lines.append("")
    failed = set(result.notes["kode_wilayah"]) - set(result.forecast["kode_wilayah"])
    for kode in sorted(failed):
        for note in result.notes.loc[result.notes["kode_wilayah"] == kode, "note"]:
            lines.append(f"== {kode}: tidak diproyeksikan == {note}")
    return "\n".join(lines).rstrip()


def run(args: argparse.Namespace) -> int:
    """Read the CSV, forecast every series, print the result. Returns 0."""
    history: pd.DataFrame = read_series_csv(args.input)
    result = forecast_series_set(history, method=args.method, horizon=args.horizon, level=args.level, basis=args.basis)
    print(out.to_json(_payload(result)) if args.json else _text(result))
    return 0
