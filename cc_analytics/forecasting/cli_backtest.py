"""``python -m cc_analytics backtest``: rolling-origin accuracy and interval coverage of every method.

Reads the annual history from the marts (``penduduk_tahunan``; the 24 kecamatan and the kabupaten
prepared on one basis exactly as for the page), or from ``--input CSV`` (``wilayah,tahun,penduduk[,basis]``,
each series on its own basis), and prints per method and horizon 1-5: MAPE, median APE, bias, MASE and
the coverage and interval score (MSIS) of the model's and of the calibrated bands, next to the benchmarks
``naif`` and ``drift``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from cc_analytics.config import load_settings
from cc_analytics.forecasting import cli_format as out
from cc_analytics.forecasting import texts
from cc_analytics.forecasting.backtest import ENGINES, MAX_HORIZON, backtest_errors, best_method, summarise
from cc_analytics.forecasting.forecast import (
    DEFAULT_HORIZON,
    DEFAULT_LEVEL,
    DEFAULT_METHOD,
    prepare_hierarchy,
    validate_request,
)
from cc_analytics.forecasting.loading import load_penduduk_tahunan, read_series_csv
from cc_analytics.forecasting.methods import METHODS
from cc_analytics.forecasting.series import PreparedSeries, SeriesError, prepare_series


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the ``backtest`` command."""
    parser.add_argument("--input", type=Path, default=None, help="CSV wilayah,tahun,penduduk (bawaan: mart)")
    parser.add_argument(
        "--level", type=out.level_value, default=DEFAULT_LEVEL, help="tingkat pita untuk cakupan, mis. 0.8 atau 80"
    )
    parser.add_argument("--methods", nargs="+", choices=METHODS, default=list(METHODS), help="metode yang diuji")
    parser.add_argument("--basis", default=None, help="basis untuk semua deret (bawaan: basis bersama kecamatan)")
    parser.add_argument("--engine", choices=ENGINES, default="cepat", help="statsmodels: pembanding, lambat")
    parser.add_argument("--json", action="store_true", help="keluaran JSON")


def _prepare(history: pd.DataFrame, basis: str | None) -> tuple[list[PreparedSeries], list[str]]:
    prepared, skipped = [], []
    for kode, rows in history.groupby("kode_wilayah", sort=True):
        try:
            prepared.append(prepare_series(rows, str(kode), basis))
        except SeriesError as exc:
            skipped.append(str(exc))
    return prepared, skipped


def _text(summary: pd.DataFrame, level: float, n_series: int, skipped: list[str]) -> str:
    pct = f"{round(level * 100)}%"
    headers = [
        "metode",
        "h",
        "n",
        "MAPE %",
        "MdAPE %",
        "bias %",
        "MASE",
        f"cakupan model {pct}",
        f"cakupan kalibrasi {pct}",
        "MSIS model",
        "MSIS kalibrasi",
    ]
    ordered = summary.sort_values(["horizon", "mase"]).copy()
    ordered["urut"] = ordered["horizon"].replace(0, MAX_HORIZON + 1)
    body = [
        [r.method, "1-5" if r.horizon == 0 else str(r.horizon), str(r.n), out.decimal(r.mape), out.decimal(r.mdape),
         out.decimal(r.bias), out.decimal(r.mase), out.decimal(100 * r.cakupan_model, 0) + "%",
         out.decimal(100 * r.cakupan_kalibrasi, 0) + "%", out.decimal(r.msis_model, 1),
         out.decimal(r.msis_kalibrasi, 1)]
        for r in ordered.sort_values(["urut", "mase"]).itertuples()
    ]  # fmt: skip
    best = best_method(summary)
    lines = [
        f"Uji mundur (rolling origin), {n_series} deret, horizon 1-{MAX_HORIZON} tahun.",
        "MASE < 1: lebih baik daripada metode naif di dalam sampel. Bias positif: proyeksi terlalu tinggi.",
        f"Cakupan: bagian angka sebenarnya di dalam pita {pct} (idealnya {pct}). MSIS: skor interval berskala "
        "(lebar pita ditambah denda untuk angka di luar pita), makin kecil makin baik.",
        "",
        out.table(headers, body),
        "",
        f"Terbaik menurut MASE rata-rata: {best} ({texts.METHOD_LABELS[best]}). Metode bawaan: {DEFAULT_METHOD}.",
    ]
    lines.extend(f"Dilewati: {reason}" for reason in skipped)
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Load the history, run the backtest, print the summary. Returns 0."""
    validate_request(DEFAULT_METHOD, DEFAULT_HORIZON, args.level)
    if args.input is not None:
        prepared, skipped = _prepare(read_series_csv(args.input), args.basis)
    else:
        prepared, _ = prepare_hierarchy(load_penduduk_tahunan(load_settings().marts_path), args.basis)
        skipped = []
    errors = backtest_errors(prepared, args.methods, engine=args.engine)
    if errors.empty:
        raise SeriesError(
            f"Tidak ada deret yang cukup panjang untuk uji mundur (perlu lebih dari 5 tahun). {' '.join(skipped)}"
        )
    summary = summarise(errors, args.level)
    if args.json:
        payload = {
            "level": args.level,
            "n_series": len(prepared),
            "engine": args.engine,
            "best_method": best_method(summary),
            "default_method": DEFAULT_METHOD,
            "summary": summary.to_dict("records"),
            "skipped": skipped,
        }
        print(out.to_json(payload))
    else:
        print(_text(summary, args.level, len(prepared), skipped))
    return 0
