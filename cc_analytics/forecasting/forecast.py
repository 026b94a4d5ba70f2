"""Population forecasts with calibrated bands: the entry points for the page and the CLI.

* :func:`forecast_kabupaten` — the 24 kecamatan and the kabupaten on one basis, calibrated on their
  pooled backtest errors and reconciled so the kecamatan add up to the kabupaten (page *proyeksi*).
* :func:`forecast_series_set` — any set of independent series, e.g. from a CSV (``forecast`` command).

Both take plain DataFrames (the mart ``penduduk_tahunan``: ``kode_wilayah, tahun, penduduk, basis,
sumber``), return a :class:`ForecastSet`, and raise only :class:`cc_analytics.errors.CCError`
subclasses with Indonesian messages. Their arguments are hashable or DataFrames, so a page can cache
them with ``st.cache_data``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cc_analytics.errors import CCError
from cc_analytics.forecasting import methods as fm
from cc_analytics.forecasting import texts
from cc_analytics.forecasting.backtest import MAX_HORIZON, backtest_errors, best_method, summarise
from cc_analytics.forecasting.intervals import (
    Calibration,
    calibrate,
    calibrated_bounds,
    change_scale,
    model_bounds,
    series_half_widths,
)
from cc_analytics.forecasting.reconcile import reconcile_forecasts
from cc_analytics.forecasting.series import (
    BASIS_PREFERENCE,
    HISTORY_COLUMNS,
    PreparedSeries,
    SeriesError,
    choose_basis,
    prepare_series,
)

AUTO = "otomatis"
CANDIDATES: tuple[str, ...] = ("ets", "arima", "theta", "drift", "kombinasi")
DEFAULT_METHOD = AUTO
DEFAULT_LEVEL = 0.8
DEFAULT_HORIZON = 10
HORIZON_RANGE = (1, 20)
LEVEL_RANGE = (0.5, 0.99)
KODE_KABUPATEN = "35.14"
FORECAST_COLUMNS = [
    "kode_wilayah", "tahun", "mean", "lower", "upper", "geometrik",
    "level", "method", "method_used", "basis", "interval", "note",
]  # fmt: skip


class ForecastRequestError(CCError):
    """A forecast was asked with an unknown method or an out-of-range horizon or level."""


@dataclass(frozen=True)
class ForecastSet:
    """Forecasts of one or more wilayah, with the history they were made from.

    Attributes:
        forecast: one row per wilayah and forecast year, columns :data:`FORECAST_COLUMNS` (plus
            ``mean_dasar``, the unreconciled mean, after reconciliation): ``mean``, ``lower``, ``upper``
            and ``geometrik`` (the BPS growth-rate reference line) in jiwa; ``level`` e.g. 0.8;
            ``method`` used (the choice of ``otomatis`` resolved), ``method_used`` differs only after a
            fallback (e.g. a series too short for ETS); ``interval`` is ``kalibrasi`` or
            ``model``; ``note`` the fallback note of the method, if any.
        history: observed (and interpolated) years, columns of ``series.HISTORY_COLUMNS``.
        notes: ``kode_wilayah, note``: everything done to each series, in Indonesian.
        method: the method asked for (may be ``otomatis``).
        level: interval level.
        horizon: years forecast.
        explanation: what the band means, in plain Indonesian.
        reconciliation: how coherence was reached (empty when not reconciled).
        n_backtest_errors: number of backtest errors the bands were calibrated on.
    """

    forecast: pd.DataFrame
    history: pd.DataFrame
    notes: pd.DataFrame
    method: str
    level: float
    horizon: int
    explanation: str
    reconciliation: str = ""
    n_backtest_errors: int = 0

    def for_wilayah(self, kode_wilayah: str) -> ForecastSet:
        """The same result restricted to one wilayah (for the chart and table of one selection)."""
        pick = {
            name: frame[frame["kode_wilayah"] == kode_wilayah].reset_index(drop=True)
            for name, frame in (("forecast", self.forecast), ("history", self.history), ("notes", self.notes))
        }
        return ForecastSet(**pick, method=self.method, level=self.level, horizon=self.horizon,
                           explanation=self.explanation, reconciliation=self.reconciliation,
                           n_backtest_errors=self.n_backtest_errors)  # fmt: skip


def validate_request(method: str, horizon: int, level: float) -> None:
    """Check the planner's choices.

    Raises:
        ForecastRequestError: with an Indonesian message naming the allowed values.
    """
    if method not in (AUTO, *fm.METHODS):
        raise ForecastRequestError(f"Metode '{method}' tidak dikenal. Pilihan: {', '.join((AUTO, *fm.METHODS))}.")
    low, high = HORIZON_RANGE
    if not (isinstance(horizon, (int, np.integer)) and low <= horizon <= high):
        raise ForecastRequestError(f"Horizon harus bilangan bulat {low}–{high} tahun (diminta: {horizon}).")
    if not LEVEL_RANGE[0] <= level <= LEVEL_RANGE[1]:
        raise ForecastRequestError(
            f"Tingkat pita harus di antara {LEVEL_RANGE[0]:.0%} dan {LEVEL_RANGE[1]:.0%} (diminta: {level})."
        )


def _series_rows(series: PreparedSeries, method: str, years_ahead: int, level: float, cal: Calibration) -> dict:
    fit = fm.fit_method(method, series.penduduk, years_ahead)
    reference = fm.fit_method("geometrik", series.penduduk, years_ahead)
    half_widths = cal.half_widths(level, years_ahead)
    if half_widths is None:
        lower, upper = model_bounds(fit.mean, fit.sd, level)
        interval = "model"
    else:
        widths = series_half_widths(half_widths, series.penduduk.size)
        lower, upper = calibrated_bounds(fit.mean, change_scale(series.penduduk), widths)
        interval = "kalibrasi"
    n = years_ahead
    return {
        "kode_wilayah": [series.kode_wilayah] * n,
        "tahun": (series.last_year + np.arange(1, n + 1)).tolist(),
        "mean": fit.mean, "lower": lower, "upper": upper, "geometrik": reference.mean,
        "level": [level] * n, "method": [method] * n, "method_used": [fit.method_used] * n,
        "basis": [series.basis] * n, "interval": [interval] * n, "note": [fit.note] * n,
    }  # fmt: skip


def _notes_frame(series: list[PreparedSeries], extra: list[tuple[str, str]]) -> pd.DataFrame:
    rows = [(s.kode_wilayah, note) for s in series for note in s.notes]
    rows += [(s.kode_wilayah, texts.NOTE_HISTORY_IMPUTED) for s in series if s.is_imputed.any()]
    return pd.DataFrame(rows + extra, columns=["kode_wilayah", "note"])


def _calibration_note(cal: Calibration) -> str:
    if cal.max_tested_horizon == 0:
        return texts.NOTE_NOT_CALIBRATED
    return texts.NOTE_CALIBRATED.format(n=cal.n_errors, h_max=cal.max_tested_horizon)


def resolve_method(series: list[PreparedSeries], method: str) -> tuple[str, pd.DataFrame, str]:
    """The method to use, the backtest errors to calibrate it on, and a note on an automatic choice.

    For ``otomatis`` every method of :data:`CANDIDATES` is backtested on ``series`` (the fits are
    shared, so this costs about as much as backtesting ``kombinasi``) and the one with the lowest
    mean MASE over horizons 1-5 is taken; with no backtest possible (series too short) ``drift``.
    """
    if method != AUTO:
        return method, backtest_errors(series, [method], max_horizon=MAX_HORIZON), ""
    errors = backtest_errors(series, CANDIDATES, max_horizon=MAX_HORIZON)
    if errors.empty:
        return "drift", errors, texts.NOTE_AUTO_NO_BACKTEST
    summary = summarise(errors, coverage=False)
    chosen = best_method(summary, CANDIDATES)
    overall = summary[summary["horizon"] == 0].set_index("method")["mase"]
    ranking = ", ".join(f"{m} {overall[m]:.2f}".replace(".", ",") for m in overall.sort_values().index)
    note = texts.NOTE_AUTO_CHOSEN.format(method=texts.METHOD_LABELS[chosen], ranking=ranking)
    return chosen, errors[errors["method"] == chosen], note


def _build(
    series: list[PreparedSeries],
    method: str,
    horizon: int,
    level: float,
    align: bool,
    resolved: tuple[str, pd.DataFrame, str] | None = None,
) -> tuple:
    method, errors, auto_note = resolved or resolve_method(series, method)
    cal = calibrate(errors, method)
    last = max(s.last_year for s in series)
    columns: dict[str, list] = {name: [] for name in FORECAST_COLUMNS}
    for s in series:
        rows = _series_rows(s, method, last + horizon - s.last_year if align else horizon, level, cal)
        keep = slice(len(rows["tahun"]) - horizon, None) if align else slice(None)
        for name in FORECAST_COLUMNS:
            columns[name].extend(list(rows[name][keep]))
    table = pd.DataFrame(columns)
    history = pd.concat([s.history for s in series], ignore_index=True)[HISTORY_COLUMNS]
    explanation = texts.interval_explanation(level, cal.max_tested_horizon > 0, cal.max_tested_horizon)
    if auto_note:
        explanation = f"{auto_note} {explanation}"
    return table, history, cal, explanation


def forecast_series_set(
    history: pd.DataFrame,
    method: str = DEFAULT_METHOD,
    horizon: int = DEFAULT_HORIZON,
    level: float = DEFAULT_LEVEL,
    basis: str | None = None,
) -> ForecastSet:
    """Forecast every series in ``history`` independently, with bands calibrated on all of them.

    Args:
        history: columns ``kode_wilayah``, ``tahun``, ``penduduk`` (jiwa), optional ``basis`` and
            ``sumber``; one or many wilayah.
        method: a key of :data:`cc_analytics.forecasting.methods.METHODS`.
        horizon: years ahead of each series' last year (1–20).
        level: interval level (0.5–0.99).
        basis: basis to use for every series; None chooses per series.

    Returns:
        The forecasts. A series that cannot be forecast is left out and its reason is in ``notes``.

    Raises:
        ForecastRequestError: invalid method, horizon or level.
        SeriesError: when no series at all can be forecast.
    """
    validate_request(method, horizon, level)
    prepared, failed = [], []
    for kode, rows in history.groupby("kode_wilayah", sort=True):
        try:
            prepared.append(prepare_series(rows, str(kode), basis))
        except SeriesError as exc:
            failed.append((str(kode), str(exc)))
    if not prepared:
        reasons = "; ".join(message for _, message in failed) or "data kosong"
        raise SeriesError(f"Tidak ada deret yang dapat diproyeksikan: {reasons}")
    table, hist, cal, explanation = _build(prepared, method, horizon, level, align=False)
    notes = _notes_frame(prepared, failed + [(s.kode_wilayah, _calibration_note(cal)) for s in prepared])
    return ForecastSet(table, hist, notes, method, level, horizon, explanation, "", cal.n_errors)


def common_basis(history: pd.DataFrame, kode_kabupaten: str = KODE_KABUPATEN) -> str:
    """The basis most kecamatan would choose on their own (ties by ``BASIS_PREFERENCE``)."""
    kecamatan = history[history["kode_wilayah"] != kode_kabupaten]
    choices = pd.Series([choose_basis(rows) for _, rows in kecamatan.groupby("kode_wilayah")])
    counts = choices.value_counts()
    best = counts[counts == counts.max()].index
    return sorted(best, key=lambda b: BASIS_PREFERENCE.index(b) if b in BASIS_PREFERENCE else 99)[0]


def _kabupaten_history(history: pd.DataFrame, basis: str, kode: str) -> tuple[pd.DataFrame, list[str]]:
    """The kabupaten's rows; when it has fewer than 2 years on ``basis``, those years are the kecamatan sum."""
    own = history[history["kode_wilayah"] == kode]
    if (own["basis"] == basis).sum() >= 2:
        return own, []
    parts = history[(history["kode_wilayah"] != kode) & (history["basis"] == basis)]
    n_parts = parts["kode_wilayah"].nunique()
    summed = parts.groupby("tahun").agg(penduduk=("penduduk", "sum"), n=("kode_wilayah", "nunique")).reset_index()
    summed = summed[summed["n"] == n_parts].assign(kode_wilayah=kode, basis=basis, sumber="jumlah kecamatan")
    note = texts.NOTE_KABUPATEN_FROM_SUM.format(basis=texts.BASIS_LABELS.get(basis, basis))
    return pd.concat([own[own["basis"] != basis], summed.drop(columns="n")], ignore_index=True), [note]


def prepare_hierarchy(
    history: pd.DataFrame, basis: str | None = None, kode_kabupaten: str = KODE_KABUPATEN
) -> tuple[list[PreparedSeries], list[str]]:
    """The kecamatan series and the kabupaten series (last), all on one basis.

    Args:
        history: the mart ``penduduk_tahunan``.
        basis: the basis for all; None takes :func:`common_basis`.
        kode_kabupaten: code of the kabupaten rows.

    Returns:
        The prepared series and notes about the kabupaten (e.g. built as the sum of the kecamatan).

    Raises:
        SeriesError: a kecamatan cannot be prepared on that basis.
    """
    chosen = basis or common_basis(history, kode_kabupaten)
    kecamatan = history[history["kode_wilayah"] != kode_kabupaten]
    prepared = [prepare_series(rows, str(kode), chosen) for kode, rows in kecamatan.groupby("kode_wilayah", sort=True)]
    kab_rows, kab_notes = _kabupaten_history(history, chosen, kode_kabupaten)
    prepared.append(prepare_series(kab_rows, kode_kabupaten, chosen))
    return prepared, kab_notes


def forecast_kabupaten(
    history: pd.DataFrame,
    method: str = DEFAULT_METHOD,
    horizon: int = DEFAULT_HORIZON,
    level: float = DEFAULT_LEVEL,
    basis: str | None = None,
    kode_kabupaten: str = KODE_KABUPATEN,
) -> ForecastSet:
    """Coherent forecasts for every kecamatan and the kabupaten, on one basis (page *proyeksi*).

    Args:
        history: the mart ``penduduk_tahunan`` (``kode_wilayah, tahun, penduduk, basis, sumber``) with
            the kecamatan and, optionally, the kabupaten (``kode_kabupaten``).
        method: a key of :data:`cc_analytics.forecasting.methods.METHODS`.
        horizon: years ahead of the latest observed year (1–20).
        level: interval level (0.5–0.99).
        basis: basis for all series; None takes :func:`common_basis`.
        kode_kabupaten: code of the kabupaten rows.

    Returns:
        Forecasts for the same years for every wilayah; per year the kecamatan ``mean`` values (whole
        jiwa) sum exactly to the kabupaten's. ``reconciliation`` says how.

    Raises:
        ForecastRequestError: invalid method, horizon or level.
        SeriesError: a kecamatan cannot be forecast on the chosen basis (message names it).
    """
    validate_request(method, horizon, level)
    return forecast_plan(plan_kabupaten(history, method, basis, kode_kabupaten), horizon, level)


@dataclass(frozen=True)
class KabupatenPlan:
    """What :func:`forecast_kabupaten` does before the horizon and level matter (the slow part: the backtest).

    Made by :func:`plan_kabupaten`; :func:`forecast_plan` turns it into forecasts for any horizon and level,
    so a page can change the band level without backtesting again.

    Attributes:
        series: the kecamatan series and the kabupaten series (last), on one basis.
        kab_notes: notes about the kabupaten series (e.g. built as the sum of the kecamatan).
        method: the method asked for (may be ``otomatis``).
        resolved: the method used, its backtest errors and the note on an automatic choice
            (:func:`resolve_method`).
        kode_kabupaten: code of the kabupaten.
    """

    series: tuple[PreparedSeries, ...]
    kab_notes: tuple[str, ...]
    method: str
    resolved: tuple[str, pd.DataFrame, str]
    kode_kabupaten: str = KODE_KABUPATEN


def plan_kabupaten(
    history: pd.DataFrame,
    method: str = DEFAULT_METHOD,
    basis: str | None = None,
    kode_kabupaten: str = KODE_KABUPATEN,
) -> KabupatenPlan:
    """Prepare the hierarchy on one basis and resolve the method by backtest (see :func:`forecast_kabupaten`).

    Raises:
        ForecastRequestError: unknown method.
        SeriesError: a kecamatan cannot be forecast on the chosen basis.
    """
    validate_request(method, DEFAULT_HORIZON, DEFAULT_LEVEL)
    prepared, kab_notes = prepare_hierarchy(history, basis, kode_kabupaten)
    resolved = resolve_method(prepared, method)
    return KabupatenPlan(tuple(prepared), tuple(kab_notes), method, resolved, kode_kabupaten)


def forecast_plan(plan: KabupatenPlan, horizon: int = DEFAULT_HORIZON, level: float = DEFAULT_LEVEL) -> ForecastSet:
    """Calibrated, reconciled forecasts from a :class:`KabupatenPlan`; equal to :func:`forecast_kabupaten`.

    Raises:
        ForecastRequestError: horizon or level out of range.
    """
    validate_request(plan.method, horizon, level)
    prepared, kode = list(plan.series), plan.kode_kabupaten
    table, hist, cal, explanation = _build(prepared, plan.method, horizon, level, align=True, resolved=plan.resolved)
    table = reconcile_forecasts(table, kode)
    extra = [(kode, n) for n in plan.kab_notes] + [(kode, _calibration_note(cal))]
    notes = _notes_frame(prepared, extra)
    return ForecastSet(
        table, hist, notes, plan.method, level, horizon, explanation, texts.RECONCILIATION_TEXT, cal.n_errors
    )
