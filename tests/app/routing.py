"""Opening a page of the app under AppTest as a link does: the router first, then the page."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"


def open_via_router(page: str, **params: str) -> AppTest:
    """Run the router with ``params`` in the URL, then switch to ``page`` (as the menu does); no exception."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()  # the router first, as in a browser; the page then reads the same query string
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at
