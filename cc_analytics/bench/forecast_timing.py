"""Server-side time of the forecasts behind the page *proyeksi*, for ``python -m cc_analytics bench``.

:func:`measure_timings` runs what the page runs, without Streamlit, on a marts file:

* **cold**: the first call in the process (imports done, nothing computed yet), reading the marts included;
* **warm**: the same work again in the same process with a value changed (what a new slider value costs);
* **cached**: a result served from the page's cache: ``st.cache_data`` stores results pickled and unpickles
  them on a hit, so this is the unpickling plus the cheap steps that follow it.

"All 24 kecamatan + kabupaten with intervals" means :func:`cc_analytics.forecasting.forecast_kabupaten`'s
work for the default method (``otomatis``: every candidate backtested on every series), horizon 20, bands
calibrated on the backtest and reconciled.
"""

from __future__ import annotations

import pickle
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import duckdb

from cc_analytics.forecasting import page_data
from cc_analytics.forecasting.cohort import load_cohort_parameters
from cc_analytics.forecasting.forecast import DEFAULT_HORIZON, DEFAULT_LEVEL, DEFAULT_METHOD, KODE_KABUPATEN
from cc_analytics.forecasting.loading import read_penduduk_umur
from cc_analytics.store import connect

T = TypeVar("T")
WARM_RUNS = 5
MIN_CELL = 5
_WARM_LEVELS = (0.5, 0.6, 0.7, 0.9, 0.95)
_WARM_TFR = (1.5, 1.8, 2.1, 2.4, 2.7)


def _timed(func: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = func()
    return result, time.perf_counter() - started


def _median(funcs: list[Callable[[], object]]) -> float:
    return statistics.median(_timed(func)[1] for func in funcs)


def measure_timings(marts_path: Path) -> dict[str, float]:
    """Seconds of the page's forecast and cohort work on ``marts_path`` (see the module docstring).

    Returns:
        ``forecast_cold_s`` (first forecast of the 24 kecamatan and the kabupaten with calibrated bands,
        reconciled), ``forecast_warm_s`` (the same from scratch again, median of 5), ``forecast_level_s``
        (a new band level, backtest reused, median of 5), ``forecast_view_s`` (headline, tables and the chart
        spec of one wilayah for one horizon: what a new horizon or kecamatan costs), ``forecast_cached_s`` (a
        cache hit of that view: unpickling it), ``backtest_cold_s`` (the accuracy table of every method),
        ``cohort_cold_s`` (first cohort projection of every kecamatan 30 years ahead), ``cohort_warm_s`` (again
        with another TFR, median of 5), ``cohort_view_s`` (pyramid and age bands of one wilayah and year,
        suppressed), ``cohort_cached_s`` (a cache hit of that view).

    Raises:
        CCError: no marts, or the marts cannot be forecast (Indonesian message).
    """
    con = connect(marts_path)
    try:
        return {name: round(value, 4) for name, value in {**_forecast_timings(con), **_cohort_timings(con)}.items()}
    finally:
        con.close()


def _forecast_timings(con: duckdb.DuckDBPyConnection) -> dict[str, float]:
    plan, plan_s = _timed(lambda: page_data.plan_all(con, DEFAULT_METHOD))
    result, bands_s = _timed(lambda: page_data.forecast_all(plan, DEFAULT_LEVEL))
    again = [lambda: page_data.forecast_all(page_data.plan_all(con, DEFAULT_METHOD), DEFAULT_LEVEL)] * WARM_RUNS
    view = [lambda: page_data.forecast_page(result, DEFAULT_HORIZON, KODE_KABUPATEN)] * WARM_RUNS
    stored = pickle.dumps(page_data.forecast_page(result, DEFAULT_HORIZON, KODE_KABUPATEN))
    _, backtest_s = _timed(lambda: page_data.backtest_summary(page_data.backtest_all(con), DEFAULT_LEVEL))
    return {
        "forecast_cold_s": plan_s + bands_s,
        "forecast_warm_s": _median(again),
        "forecast_level_s": _median([lambda lv=lv: page_data.forecast_all(plan, lv) for lv in _WARM_LEVELS]),
        "forecast_view_s": _median(view),
        "forecast_cached_s": _median([lambda: pickle.loads(stored)] * WARM_RUNS),
        "backtest_cold_s": backtest_s,
    }


def _cohort_timings(con: duckdb.DuckDBPyConnection) -> dict[str, float]:
    periode = str(read_penduduk_umur(con)["periode"].iloc[0])
    last = page_data.cohort_last_year(periode, page_data.base_year(periode))
    defaults = load_cohort_parameters()
    e0 = page_data.default_e0(defaults)
    projection, cohort_s = _timed(lambda: page_data.cohort_all(con, periode, defaults.tfr, e0, 0.0, last))
    tahun = page_data.base_year(periode) + DEFAULT_HORIZON
    view = [lambda: page_data.cohort_page(projection, KODE_KABUPATEN, tahun, MIN_CELL)] * WARM_RUNS
    stored = pickle.dumps(page_data.cohort_page(projection, KODE_KABUPATEN, tahun, MIN_CELL))
    return {
        "cohort_cold_s": cohort_s,
        "cohort_warm_s": _median([lambda t=t: page_data.cohort_all(con, periode, t, e0, 0.0, last) for t in _WARM_TFR]),
        "cohort_view_s": _median(view),
        "cohort_cached_s": _median([lambda: pickle.loads(stored)] * WARM_RUNS),
    }
