"""Population forecasts for planners: methods, calibrated bands, coherence and age structure.

What a page calls (all take DataFrames and plain values, return frozen dataclasses of DataFrames, and
raise only :class:`cc_analytics.errors.CCError` subclasses with Indonesian messages):

* :func:`forecast_kabupaten` — 24 kecamatan + kabupaten, one basis, calibrated, reconciled;
  ``result.for_wilayah(kode)`` for one selection. ``method="otomatis"`` (the default) picks the
  method with the lowest backtest error on the data at hand. The same in two steps, so a page can change
  the band level without backtesting again: :func:`plan_kabupaten` then :func:`forecast_plan`.
* :func:`forecast_series_set` — independent series (the ``forecast`` command).
* :func:`backtest_errors` + :func:`summarise` — the accuracy table (the ``backtest`` command).
* :func:`project_cohort` with :func:`load_cohort_parameters` — pyramids and school-age / 70+ counts.
* :func:`load_penduduk_tahunan`, :func:`load_penduduk_umur` — the inputs from the marts.

See ``docs/forecasting.md`` for the methods, the fallbacks and the backtest figures.
"""

from cc_analytics.forecasting.backtest import backtest_errors, best_method, summarise
from cc_analytics.forecasting.cohort import (
    AGE_BANDS,
    CohortInputError,
    CohortParameters,
    CohortProjection,
    load_cohort_parameters,
    project_cohort,
)
from cc_analytics.forecasting.forecast import (
    AUTO,
    DEFAULT_HORIZON,
    DEFAULT_LEVEL,
    DEFAULT_METHOD,
    HORIZON_RANGE,
    LEVEL_RANGE,
    ForecastRequestError,
    ForecastSet,
    KabupatenPlan,
    common_basis,
    forecast_kabupaten,
    forecast_plan,
    forecast_series_set,
    plan_kabupaten,
)
from cc_analytics.forecasting.loading import load_penduduk_tahunan, load_penduduk_umur, read_series_csv
from cc_analytics.forecasting.methods import METHODS
from cc_analytics.forecasting.series import PreparedSeries, SeriesError, prepare_series
from cc_analytics.forecasting.texts import BASIS_LABELS, METHOD_LABELS, RECONCILIATION_TEXT

__all__ = [
    "AGE_BANDS",
    "AUTO",
    "BASIS_LABELS",
    "DEFAULT_HORIZON",
    "DEFAULT_LEVEL",
    "DEFAULT_METHOD",
    "HORIZON_RANGE",
    "LEVEL_RANGE",
    "METHODS",
    "METHOD_LABELS",
    "RECONCILIATION_TEXT",
    "CohortInputError",
    "CohortParameters",
    "CohortProjection",
    "ForecastRequestError",
    "ForecastSet",
    "KabupatenPlan",
    "PreparedSeries",
    "SeriesError",
    "backtest_errors",
    "best_method",
    "common_basis",
    "forecast_kabupaten",
    "forecast_plan",
    "forecast_series_set",
    "load_cohort_parameters",
    "load_penduduk_tahunan",
    "load_penduduk_umur",
    "plan_kabupaten",
    "prepare_series",
    "project_cohort",
    "read_series_csv",
    "summarise",
]
