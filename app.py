"""Pusat Kendali Kabupaten Pasuruan: the router.

Sets up the page, builds the demo data on the very first run, shows the demo banner and the periode
selector (shared by every page, kept in the URL), then runs the chosen page.

To add a page: write ``pages/<name>_page.py`` and add one ``st.Page`` line to ``PAGES``. Keep the file name
different from the ``url_path``: with a ``pages/`` folder present, a freshly started Streamlit would
otherwise run a deep-linked file on its own, without this router (tests/app/test_pages.py checks it).
"""

import streamlit as st

from cc_analytics import texts
from cc_analytics.config import load_settings
from cc_analytics.ui import bootstrap, errors, loaders, widgets

st.set_page_config(page_title=texts.APP_TITLE, page_icon=texts.APP_ICON, layout="wide")

PAGES = [
    st.Page("pages/ringkasan_page.py", title=texts.PAGE_RINGKASAN, url_path="ringkasan", default=True),
]

with errors.user_errors():
    settings = load_settings()
    bootstrap.ensure_marts_with_progress(settings)
    meta = loaders.load_meta(settings)
    widgets.demo_banner(meta)
    widgets.periode_selector(loaders.load_periodes(settings), latest=meta.get("latest_periode", ""))
    st.navigation(PAGES).run()
