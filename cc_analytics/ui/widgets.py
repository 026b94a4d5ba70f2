"""Shared pieces of every page: demo and suppression banners, the periode selector, source lines, the chart locale.

The sections of one page live in its own view module (``ui/<page>_view.py``); this module holds what several
share, with Indonesian formatting (:mod:`cc_analytics.formatting`) and the strings of :mod:`cc_analytics.texts`.
"""

from __future__ import annotations

from pathlib import Path

import altair as alt
import streamlit as st

from cc_analytics import texts
from cc_analytics.config import DEFAULT_MIN_CELL
from cc_analytics.formatting import (
    format_periode,
)
from cc_analytics.store.provenance import SourceNote, source_line
from cc_analytics.ui import url_state

FAVICON = str(Path(__file__).with_name("favicon.svg"))
"""The browser-tab icon, a file of this package: a ``:material/...:`` icon would be fetched from the internet."""

PERIODE_KEY = "periode"
"""Session-state key and URL parameter of the periode selector (``?periode=2025-S1``)."""

ID_LOCALE = alt.Locale(number=alt.NumberLocale(decimal=",", thousands=".", grouping=[3], currency=["Rp", ""]))


def demo_banner(meta: dict[str, str]) -> None:
    """The "synthetic data" warning, shown on every page when the marts hold demo data."""
    if meta.get("dataset_kind") == "demo":
        st.warning(texts.DEMO_BANNER, icon=":material/science:")


def suppression_banner(min_cell: int) -> None:
    """A warning on every page when small-count suppression is off (``CC_MIN_CELL=1``) or below the default."""
    if min_cell >= DEFAULT_MIN_CELL:
        return
    if min_cell <= 1:
        text = texts.SUPPRESSION_OFF_BANNER.format(default=DEFAULT_MIN_CELL, default_less=DEFAULT_MIN_CELL - 1)
    else:
        text = texts.SUPPRESSION_WEAK_BANNER.format(min_cell=min_cell, default=DEFAULT_MIN_CELL)
    st.warning(text, icon=":material/visibility:")


def periode_selector(periodes: list[str], latest: str) -> str:
    """Sidebar selector of the semester, kept in the URL as its code (``?periode=2025-S1``).

    The choice carries across pages and links (see :mod:`cc_analytics.ui.url_state`). A link with the name
    shown (``?periode=Semester+I+2025``) works too and is rewritten to the code. Options are listed newest first.

    Args:
        periodes: labels held by the marts, oldest first (not empty).
        latest: the default, normally ``meta.latest_periode``; the newest label when it is not held.

    Returns:
        The selected label. A value in the URL that matches no semester is replaced by the default, with a
        notice.
    """
    options = list(reversed(periodes))
    default = latest if latest in options else options[0]
    return str(
        url_state.select(
            texts.PERIODE_LABEL,
            PERIODE_KEY,
            options,
            default=default,
            format_func=format_periode,
            aliases={format_periode(p): p for p in options},
            container=st.sidebar,
            help=texts.PERIODE_HELP,
        )
    )


def selected_periode() -> str:
    """The semester chosen in the sidebar (set by :func:`periode_selector` before the page runs)."""
    return str(st.session_state[PERIODE_KEY])


def source_caption(note: SourceNote) -> None:
    """The source and as-of line under a figure."""
    st.caption(source_line(note))
