"""Kecamatan & Desa: the profile of a kecamatan or desa compared with the kabupaten.

Reached from the page in one hop: ``pages/kecamatan_page.py`` → :mod:`cc_analytics.ui.kecamatan_view` → this
package.

* :mod:`~cc_analytics.profile.queries` — the counts per desa from the marts;
* :mod:`~cc_analytics.profile.counts`, :mod:`~cc_analytics.profile.protect` — ratios and small-cell
  suppression, nested desa → kecamatan → kabupaten;
* :mod:`~cc_analytics.profile.data` — what the page loads (cached) for one period;
* :mod:`~cc_analytics.profile.compare`, :mod:`~cc_analytics.profile.build` — one wilayah against the
  kabupaten;
* :mod:`~cc_analytics.profile.display`, :mod:`~cc_analytics.profile.charts` — cards, tables and charts;
  :mod:`~cc_analytics.profile.texts` holds every sentence.
"""
