"""The bridge between the library and Streamlit: the only package that imports ``streamlit``.

- :mod:`cc_analytics.ui.loaders`: cached read-only connection and cached query results;
- :mod:`cc_analytics.ui.widgets`: shared pieces of the pages (banner, periode selector, KPI cards, tables);
- :mod:`cc_analytics.ui.errors`: the one place where library errors become on-screen messages;
- :mod:`cc_analytics.ui.bootstrap`: the first-run build with a progress bar;
- :mod:`cc_analytics.ui.first_link`: closes the false "Page not found" notice of a new server's first link;
- :mod:`cc_analytics.ui.memory`: keeps the garbage collector's full collections short in a long-running server;
- :mod:`cc_analytics.ui.timing`: cold and warm server-side run time of the briefing (for ``bench``);
- :mod:`cc_analytics.ui.url_state`: every choice kept in the page address as a code, "Salin tautan";
- one ``*_view`` module per page (``kecamatan_view``, ``pkh_view``, ``peta_view``, ``proyeksi_view``,
  ``data_view``): the page's Streamlit rendering, fed by library functions.
"""
