"""Pusat Kendali Kabupaten Pasuruan: the router.

Sets up the page, builds the demo data on the very first run, shows the demo banner and the sidebar choices
shared by every page (periode, kecamatan, desa; kept in the URL as codes by :mod:`cc_analytics.ui.url_state`),
then runs the chosen page and completes its "Salin tautan" link.

To add a page: write ``pages/<name>_page.py`` and add one ``st.Page`` line to ``PAGES``. Keep the file name
different from the ``url_path``: with a ``pages/`` folder present, a freshly started Streamlit would
otherwise run a deep-linked file on its own, without this router (tests/app/test_pages.py checks it).
"""

import streamlit as st

from cc_analytics import texts
from cc_analytics.config import load_settings
from cc_analytics.ui import bootstrap, errors, first_link, loaders, memory, url_state, widgets

st.set_page_config(page_title=texts.APP_TITLE, page_icon=widgets.FAVICON, layout="wide")

PAGES = [
    st.Page("pages/ringkasan_page.py", title=texts.PAGE_RINGKASAN, url_path="ringkasan", default=True),
    st.Page(
        "pages/kecamatan_page.py", title=texts.PAGE_KECAMATAN, url_path="kecamatan", icon=":material/location_city:"
    ),
    st.Page("pages/data_page.py", title=texts.PAGE_DATA, url_path="data", icon=":material/fact_check:"),
    st.Page("pages/peta_page.py", title=texts.PAGE_PETA, url_path="peta", icon=":material/map:"),
    st.Page("pages/pkh_page.py", title=texts.PAGE_PKH, url_path="pkh", icon=":material/family_restroom:"),
    st.Page("pages/proyeksi_page.py", title=texts.PAGE_PROYEKSI, url_path="proyeksi", icon=":material/trending_up:"),
]

with errors.user_errors():  # library errors and the unexpected become Indonesian messages for every page
    url_state.begin()
    # Registered before the first-run build, so the menu shows these pages (not Streamlit's list of files) meanwhile.
    page = st.navigation(PAGES)
    first_link.close_false_notice()
    settings = load_settings()
    bootstrap.ensure_marts_with_progress(settings)
    meta = loaders.load_meta(settings)
    widgets.demo_banner(meta)
    widgets.suppression_banner(settings.min_cell)
    url_state.show_notices()
    widgets.periode_selector(loaders.load_periodes(settings), latest=meta.get("latest_periode", ""))
    url_state.wilayah()
    page.run()
    url_state.finish()
memory.freeze_long_lived()
