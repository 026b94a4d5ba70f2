"""Data & Kualitas: every source file with its row accounting, match rates, rejection reasons, uploads.

Reached from the page in one hop: ``pages/data_page.py`` → :mod:`cc_analytics.ui.data_view` → this package.

* :mod:`~cc_analytics.quality.queries` — files, accounting, match rates and rejected rows from the marts;
* :mod:`~cc_analytics.quality.display` — the tables and downloads on screen; :mod:`~cc_analytics.quality.texts`
  holds every sentence;
* :mod:`~cc_analytics.quality.upload` — checking and importing uploaded files (through the ingest's import).
"""
