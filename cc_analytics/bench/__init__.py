"""Measuring the app: the ``bench`` command and the probes it runs, kept apart from the library they measure.

* :mod:`~cc_analytics.bench.cli` — ``python -m cc_analytics bench``: demo generation, raw scan floor, ingest,
  re-ingest, validation speed, page reruns, forecasts, map payload and paint;
* :mod:`~cc_analytics.bench.validation` — rows per second of ``validate`` per source;
* :mod:`~cc_analytics.bench.forecast_timing` — server-side time of the forecasts behind the Proyeksi page;
* :mod:`~cc_analytics.bench.map_measure`, :mod:`~cc_analytics.bench.paint_probe` — map payload and the time
  chromium takes to paint it;
* :mod:`~cc_analytics.bench.app_server` — the app served on loopback for the browser probes and tests.
"""
