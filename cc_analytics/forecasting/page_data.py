"""What the page *proyeksi* computes, one function per cached result.

The functions that read the marts take an open DuckDB connection first and hashable values after it, so the
page caches them with :func:`cc_analytics.ui.loaders.cached_query` until the marts file changes; the others
take their results. The heavy work is done once per choice that really changes it:

* :func:`plan_all` (per method: the series on one basis and the backtest that picks and calibrates the
  method) → :func:`forecast_all` (per band level: all 24 kecamatan and the kabupaten for the longest
  horizon) → :func:`forecast_page` (per horizon and wilayah: any shorter horizon is the first years of the
  longest, :func:`up_to_horizon`, so moving the horizon slider needs no new forecast);
* :func:`backtest_all` (errors of every method) → :func:`backtest_page` (per band level);
* :func:`cohort_all` (per periode and set of assumptions, to a fixed last year) → :func:`cohort_page` (per
  wilayah and year: pyramid and age bands, suppressed).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import duckdb
import pandas as pd

from cc_analytics.errors import DataNotFoundError
from cc_analytics.forecasting import charts
from cc_analytics.forecasting import proyeksi_texts as txt
from cc_analytics.forecasting.backtest import backtest_errors, summarise
from cc_analytics.forecasting.cohort import CohortParameters, CohortProjection, load_cohort_parameters, project_cohort
from cc_analytics.forecasting.cohort_view import BandTable, band_table, parameter_lines, pyramid_data, wilayah_bands
from cc_analytics.forecasting.forecast import (
    HORIZON_RANGE,
    ForecastRequestError,
    ForecastSet,
    KabupatenPlan,
    forecast_plan,
    plan_kabupaten,
    prepare_hierarchy,
)
from cc_analytics.forecasting.loading import read_penduduk_tahunan, read_penduduk_umur
from cc_analytics.forecasting.methods import METHODS
from cc_analytics.forecasting.presentation import (
    Headline,
    backtest_detail,
    backtest_table,
    forecast_table,
    formatted,
    headline,
    kecamatan_table,
    source_line,
    title_lines,
    with_headers,
)
from cc_analytics.periods import parse_periode

MAX_HORIZON = HORIZON_RANGE[1]
COHORT_YEARS = 30
"""Years the cohort projection covers from its base year (more when a later year is asked for)."""


def plan_all(con: duckdb.DuckDBPyConnection, method: str) -> KabupatenPlan:
    """The slow, level-independent part of the forecasts: the 24 kecamatan and the kabupaten prepared on one
    basis and the method resolved by backtest (:func:`cc_analytics.forecasting.forecast.plan_kabupaten`).

    Args:
        con: connection to the marts (table ``penduduk_tahunan``).
        method: ``otomatis`` or a key of :data:`cc_analytics.forecasting.methods.METHODS`.

    Raises:
        ForecastRequestError: unknown method.
        SeriesError: a kecamatan series cannot be forecast.
        DataNotFoundError: the marts lack ``penduduk_tahunan``.
    """
    return plan_kabupaten(read_penduduk_tahunan(con), method)


def forecast_all(plan: KabupatenPlan, level: float) -> ForecastSet:
    """Coherent forecasts of every wilayah of ``plan``, :data:`MAX_HORIZON` years ahead, band at ``level``.

    Raises:
        ForecastRequestError: level outside 0.5–0.99.
    """
    return forecast_plan(plan, horizon=MAX_HORIZON, level=level)


def up_to_horizon(result: ForecastSet, horizon: int) -> ForecastSet:
    """The first ``horizon`` forecast years of ``result`` (made for a longer horizon).

    Every step of :func:`cc_analytics.forecasting.forecast_kabupaten` works year by year (the method's
    path, the calibrated half-width at each horizon, the reconciliation and rounding of each year), so
    this equals a forecast made for ``horizon`` directly (checked in the tests).

    Raises:
        ForecastRequestError: ``horizon`` outside 1 .. ``result.horizon``.
    """
    if not 1 <= horizon <= result.horizon:
        raise ForecastRequestError(f"Horizon harus bilangan bulat 1–{result.horizon} tahun (diminta: {horizon}).")
    first = int(result.forecast["tahun"].min())
    kept = result.forecast[result.forecast["tahun"] < first + horizon].reset_index(drop=True)
    return replace(result, forecast=kept, horizon=horizon)


@dataclass(frozen=True)
class ForecastPage:
    """What the page shows of the forecasts for one wilayah and horizon.

    Attributes:
        one: the chosen wilayah only, cut to the horizon.
        explanation: what the band means (and, with ``otomatis``, which method was chosen and why).
        n_series: number of series forecast together (24 kecamatan and the kabupaten).
        headline: the figures of the headline cards.
        table: :func:`presentation.forecast_table` of ``one`` (whole jiwa).
        table_shown: the same with Indonesian headers and numbers as text (``1.234``).
        kecamatan: :func:`presentation.kecamatan_table` in the last year (every kecamatan and the kabupaten).
        kecamatan_shown: the same with Indonesian headers and numbers as text.
        source: :func:`presentation.source_line` of ``one``.
        title_lines: :func:`presentation.title_lines` of ``one`` (the title block of the downloads).
        fan_spec: the Vega-Lite spec of :func:`charts.fan_chart`.
    """

    one: ForecastSet
    explanation: str
    n_series: int
    headline: Headline
    table: pd.DataFrame
    table_shown: pd.DataFrame
    kecamatan: pd.DataFrame
    kecamatan_shown: pd.DataFrame
    source: str
    title_lines: list[str]
    fan_spec: dict


def _shown(table: pd.DataFrame, headers: dict[str, str], first: str) -> pd.DataFrame:
    renamed = with_headers(table, headers)
    return formatted(renamed, tuple(c for c in renamed.columns if c != headers[first]))


def forecast_page(result: ForecastSet, horizon: int, kode_wilayah: str, is_synthetic: bool = False) -> ForecastPage:
    """The forecast part of the page from :func:`forecast_all`'s result (``is_synthetic``: demo data).

    Raises:
        ForecastRequestError: horizon out of range.
        DataNotFoundError: ``kode_wilayah`` has no forecast.
    """
    cut = up_to_horizon(result, horizon)
    one = cut.for_wilayah(kode_wilayah)
    if one.forecast.empty:
        raise DataNotFoundError(f"Tidak ada deret penduduk tahunan untuk wilayah {kode_wilayah}.")
    table = forecast_table(one)
    kecamatan = kecamatan_table(cut, int(cut.forecast["tahun"].max()))
    return ForecastPage(
        one=one,
        explanation=cut.explanation,
        n_series=int(cut.forecast["kode_wilayah"].nunique()),
        headline=headline(one),
        table=table,
        table_shown=_shown(table, txt.FORECAST_COLUMNS, "tahun"),
        kecamatan=kecamatan,
        kecamatan_shown=_shown(kecamatan, txt.KECAMATAN_COLUMNS, "nama"),
        source=source_line(one, is_synthetic=is_synthetic),
        title_lines=title_lines(one, is_synthetic=is_synthetic),
        fan_spec=charts.fan_chart(one),
    )


def backtest_all(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Rolling-origin errors of every method on the series the page forecasts (level-independent).

    The series are prepared exactly as for :func:`plan_all` (one basis, kabupaten as the sum of the
    kecamatan when it lacks that basis).

    Returns:
        :func:`cc_analytics.forecasting.backtest_errors` output (empty when the series are too short).

    Raises:
        SeriesError: a kecamatan series cannot be prepared.
    """
    prepared, _ = prepare_hierarchy(read_penduduk_tahunan(con))
    return backtest_errors(prepared, METHODS)


@dataclass(frozen=True)
class BacktestPage:
    """The accuracy tables as shown: per method (mean of horizons 1–5) and per method and horizon.

    Attributes:
        table: :func:`presentation.backtest_table` (empty when no backtest was possible).
        detail: :func:`presentation.backtest_detail`.
    """

    table: pd.DataFrame
    detail: pd.DataFrame


def backtest_page(errors: pd.DataFrame, level: float, method_in_use: str) -> BacktestPage:
    """The accuracy tables at ``level`` from :func:`backtest_all`'s errors, the method in use marked."""
    summary = backtest_summary(errors, level)
    if summary.empty:
        return BacktestPage(pd.DataFrame(), pd.DataFrame())
    return BacktestPage(
        table=backtest_table(summary, level=level, method_in_use=method_in_use),
        detail=backtest_detail(summary, level=level),
    )


def backtest_summary(errors: pd.DataFrame, level: float) -> pd.DataFrame:
    """Accuracy and coverage at ``level`` per method and horizon (:func:`cc_analytics.forecasting.summarise`).

    Returns:
        ``method, horizon`` (0 = mean of 1–5), ``n``, ``mape, mdape, bias`` (%), ``mase``,
        ``cakupan_model, cakupan_kalibrasi`` (shares 0–1 at ``level``), ``msis_model, msis_kalibrasi``
        (interval scores); empty when ``errors`` is.
    """
    return summarise(errors, level=level)


def default_e0(params: CohortParameters) -> float:
    """Life expectancy of both sexes implied by the parameters: the mean of ``e0_l`` and ``e0_p`` (years)."""
    return round((params.e0_l + params.e0_p) / 2, 2)


def cohort_parameters(tfr: float, e0: float, migrasi: float) -> CohortParameters:
    """The default parameters with the planner's TFR, life expectancy and net migration.

    ``e0`` (both sexes) moves the life expectancy of men and women together, keeping the gap of the
    parameter file (4 years: men 2 below, women 2 above). Values equal to the defaults keep their sources;
    changed ones are marked ``pilihan pengguna``.
    """
    defaults = load_cohort_parameters()
    changes: dict[str, float] = {}
    if tfr != defaults.tfr:
        changes["tfr"] = tfr
    if e0 != default_e0(defaults):
        half_gap = (defaults.e0_p - defaults.e0_l) / 2
        changes.update(e0_l=round(e0 - half_gap, 4), e0_p=round(e0 + half_gap, 4))
    if migrasi != defaults.migrasi_neto:
        changes["migrasi_neto"] = migrasi
    return defaults.with_changes(**changes) if changes else defaults


def base_year(periode: str) -> int:
    """Year of the age structure of a semester (``2025-S2`` → 2025)."""
    return parse_periode(periode).tanggal_akhir.year


def cohort_last_year(periode: str, tahun: int) -> int:
    """The last year to project from the age structure of ``periode`` so that ``tahun`` is included."""
    return max(base_year(periode) + COHORT_YEARS, tahun)


def cohort_all(
    con: duckdb.DuckDBPyConnection, periode: str, tfr: float, e0: float, migrasi: float, tahun_akhir: int
) -> CohortProjection:
    """Cohort projection of every kecamatan (and the kabupaten) from the age structure of ``periode``.

    Args:
        con: connection to the marts (table ``penduduk``).
        periode: semester of the age structure (``2025-S2``); its year is the base year.
        tfr: total fertility rate, children per woman.
        e0: life expectancy at birth of both sexes, years (see :func:`cohort_parameters`).
        migrasi: net migration per 1000 population per year.
        tahun_akhir: last year projected (at least the base year).

    Raises:
        CohortInputError: parameters out of range or an unusable age structure.
        DataNotFoundError: no age structure for ``periode``.
    """
    params = cohort_parameters(tfr, e0, migrasi)
    dasar = base_year(periode)
    umur = read_penduduk_umur(con, periode)
    return project_cohort(umur, tahun_dasar=dasar, tahun_akhir=max(tahun_akhir, dasar), params=params)


@dataclass(frozen=True)
class CohortPage:
    """The cohort part of the page for one wilayah.

    Attributes:
        tahun_dasar: year of the age structure.
        tahun: year shown (the end of the horizon, at least ``tahun_dasar``).
        piramida: :func:`cc_analytics.forecasting.cohort_view.pyramid_data` of the wilayah for both years.
        bands: age bands per kecamatan in ``tahun`` (:class:`cohort_view.BandTable`).
        bands_shown: ``bands.display()``, the table as shown.
        focus: the bands of the chosen wilayah in both years (:func:`cohort_view.wilayah_bands`).
        parameters: the assumptions used, with their sources.
        assumptions: the same as Markdown list items (:func:`cohort_view.parameter_lines`).
        pyramid_spec: the Vega-Lite spec of :func:`charts.pyramid_chart`.
    """

    tahun_dasar: int
    tahun: int
    piramida: pd.DataFrame
    bands: BandTable
    bands_shown: pd.DataFrame
    focus: pd.DataFrame
    parameters: CohortParameters
    assumptions: list[str]
    pyramid_spec: dict


def cohort_page(projection: CohortProjection, kode_wilayah: str, tahun: int, min_cell: int) -> CohortPage:
    """Pyramid of ``kode_wilayah`` (base year and ``tahun``) and age bands per kecamatan in ``tahun``.

    Args:
        projection: :func:`cohort_all` output, projected at least to ``tahun``.
        kode_wilayah: the wilayah of the pyramid (a kecamatan or ``35.14``).
        tahun: the year shown; clipped to the projected years.
        min_cell: the suppression threshold.

    Raises:
        DataNotFoundError: ``kode_wilayah`` has no age structure.
    """
    if kode_wilayah not in set(projection.indikator["kode_wilayah"]):
        raise DataNotFoundError(f"Tidak ada data penduduk menurut umur untuk wilayah {kode_wilayah}.")
    years = projection.indikator["tahun"]
    dasar = int(years.min())
    shown = min(max(tahun, dasar), int(years.max()))
    pyramid_years = (dasar,) if shown == dasar else (dasar, shown)
    piramida = pyramid_data(projection.piramida, kode_wilayah, pyramid_years, min_cell)
    bands = band_table(projection.indikator, shown, min_cell)
    return CohortPage(
        tahun_dasar=dasar,
        tahun=shown,
        piramida=piramida,
        bands=bands,
        bands_shown=bands.display(),
        focus=wilayah_bands(band_table(projection.indikator, dasar, min_cell), bands, kode_wilayah),
        parameters=projection.parameters,
        assumptions=parameter_lines(projection.parameters),
        pyramid_spec=charts.pyramid_chart(piramida, dasar, shown),
    )
