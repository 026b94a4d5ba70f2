"""Peta: choropleth maps of the indicators per kecamatan or desa, with drill-down and PNG download.

Reached from the page in one hop: ``pages/peta_page.py`` → :mod:`cc_analytics.ui.peta_view` → this package.
It draws with the geometry library :mod:`cc_analytics.maps` and takes PKH figures from :mod:`cc_analytics.pkh`.

* :mod:`~cc_analytics.peta.indicators` — the value of each indicator per wilayah, suppressed as on the other
  pages; :mod:`~cc_analytics.peta.counts` and :mod:`~cc_analytics.peta.area` — its counts and areas;
* :mod:`~cc_analytics.peta.view` — the map model, clicks, headings and file names;
  :mod:`~cc_analytics.peta.texts` holds every sentence.
"""
