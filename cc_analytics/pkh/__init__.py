"""Celah cakupan PKH: who is eligible per komponen, who is covered, the gap, inclusion problems.

Reached from the page in one hop: ``pages/pkh_page.py`` → :mod:`cc_analytics.ui.pkh_view` → this package.

* :mod:`~cc_analytics.pkh.queries` — eligibility, coverage and gap per wilayah from the marts;
* :mod:`~cc_analytics.pkh.protect` and :mod:`~cc_analytics.pkh.tables` — small-cell suppression of those
  tables;
* :mod:`~cc_analytics.pkh.view` — everything the page shows for one choice, in one call;
* :mod:`~cc_analytics.pkh.narrative`, :mod:`~cc_analytics.pkh.display`, :mod:`~cc_analytics.pkh.method` — the
  text, tables and method note on screen; :mod:`~cc_analytics.pkh.texts` holds every sentence;
* :mod:`~cc_analytics.pkh.download` — the ranking as a CSV download, numbers as numbers;
* :mod:`~cc_analytics.pkh.verval` — the masked verification list (restricted);
* :mod:`~cc_analytics.pkh.cli` — the ``coverage`` command.
"""
