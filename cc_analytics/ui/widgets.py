"""Shared pieces of the pages: demo banner, periode selector, KPI cards with source lines, gap table and chart.

Numbers arrive computed (:mod:`cc_analytics.briefing.build`, :mod:`cc_analytics.briefing.gaps`); this module only turns
them into Streamlit elements, with Indonesian formatting (:mod:`cc_analytics.formatting`) and the strings of
:mod:`cc_analytics.texts`.
"""

from __future__ import annotations

from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from cc_analytics import texts
from cc_analytics.briefing.build import Briefing, Kpi
from cc_analytics.briefing.gaps import gaps_for_chart, gaps_for_display
from cc_analytics.config import DEFAULT_MIN_CELL
from cc_analytics.formatting import (
    format_number,
    format_percent,
    format_periode,
    format_signed_percent,
    format_signed_points,
)
from cc_analytics.store.provenance import SourceNote, source_line
from cc_analytics.ui import url_state

FAVICON = str(Path(__file__).with_name("favicon.svg"))
"""The browser-tab icon, a file of this package: a ``:material/...:`` icon would be fetched from the internet."""

PERIODE_KEY = "periode"
"""Session-state key and URL parameter of the periode selector (``?periode=2025-S1``)."""

_ID_LOCALE = alt.Locale(number=alt.NumberLocale(decimal=",", thousands=".", grouping=[3], currency=["Rp", ""]))


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


def _value_text(kpi: Kpi) -> str:
    if kpi.value is None:
        return "—"
    return format_percent(kpi.value) if kpi.is_ratio else format_number(kpi.value)


def _delta_text(kpi: Kpi) -> str | None:
    change = kpi.change
    if change is None:
        return None
    return format_signed_points(change) if kpi.is_ratio else format_signed_percent(change)


def _delta_arrow(delta: str | None) -> str:
    """No arrow for a change that rounds to zero (Streamlit would draw an up arrow for "0,0%")."""
    return "off" if delta is not None and delta.startswith("0") else "auto"


def _delta_color(kpi: Kpi) -> str:
    if kpi.higher_is_better is None:
        return "off"
    return "normal" if kpi.higher_is_better else "inverse"


def kpi_card(kpi: Kpi, *, label: str, previous_periode: str | None) -> None:
    """One bordered card: label, value, change against the previous semester, definition, source line."""
    delta = _delta_text(kpi)
    with st.container(border=True):
        st.metric(
            label,
            _value_text(kpi),
            delta=delta,
            delta_color=_delta_color(kpi),  # type: ignore[arg-type]
            delta_arrow=_delta_arrow(delta),  # type: ignore[arg-type]
            delta_description=texts.DELTA_DESCRIPTION.format(previous=format_periode(previous_periode))
            if previous_periode and kpi.change is not None
            else None,
            help=texts.KPI_DEFINITIONS[kpi.key],
        )
        source_caption(kpi.source)


def kpi_grid(data: Briefing) -> None:
    """The six headline cards of :class:`Briefing`, three per row, and the definition of cakupan."""
    st.subheader(texts.KPI_HEADING)
    labels = dict(texts.KPI_LABELS)
    if data.tahap is not None:
        labels["kpm_pkh"] = texts.KPM_PKH_LABEL_TAHAP.format(tahap=data.tahap.tahap, tahun=data.tahap.tahun)
    keys = list(data.kpis)
    for start in range(0, len(keys), 3):
        for column, key in zip(st.columns(3), keys[start : start + 3], strict=False):
            with column:
                kpi_card(data.kpis[key], label=labels[key], previous_periode=data.previous_periode)
    st.caption(texts.CAKUPAN_CAPTION)


def _gap_chart(chart_data: pd.DataFrame) -> alt.Chart:
    bars = (
        alt.Chart(chart_data)
        .mark_bar()
        .encode(
            x=alt.X("keluarga_belum_tercakup:Q", title=texts.GAP_CHART_X, axis=alt.Axis(format=",d")),
            y=alt.Y("nama_kecamatan:N", title=None, sort="-x"),
            tooltip=[
                alt.Tooltip("nama_kecamatan:N", title=texts.GAP_CHART_Y),
                alt.Tooltip("label:N", title=texts.GAP_CHART_X),
                alt.Tooltip("rasio_label:N", title=texts.GAP_COLUMNS["rasio_belum_tercakup"]),
            ],
        )
    )
    return bars.properties(height=alt.Step(28)).configure(locale=_ID_LOCALE)


def gap_section(data: Briefing, *, limit: int = 10) -> None:
    """Kecamatan with the largest coverage gaps: table (suppressed counts marked) and bar chart."""
    st.subheader(texts.GAPS_HEADING)
    if data.gaps.empty:
        st.info(texts.GAPS_EMPTY)
        return
    st.caption(texts.GAPS_CAPTION.format(limit=min(limit, len(data.gaps)), total=len(data.gaps)))
    left, right = st.columns([3, 2])
    with left:
        table = gaps_for_display(data.gaps, min_cell=data.min_cell, limit=limit)
        numbers = [c for c in table.columns if c != texts.GAP_COLUMNS["nama_kecamatan"]]
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            column_config={c: st.column_config.TextColumn(alignment="right") for c in numbers},
        )
        st.caption(texts.SUPPRESSION_NOTE.format(min_cell=data.min_cell))
    with right:
        chart_data = gaps_for_chart(data.gaps, limit=limit)
        if not chart_data.empty:
            st.altair_chart(_gap_chart(chart_data), width="stretch")
    source_caption(data.kpis["cakupan_pkh"].source)


def page_header(title: str, data: Briefing) -> None:
    """Page title with the semester (and the one compared with) underneath."""
    st.title(title)
    periode = format_periode(data.periode)
    if data.previous_periode:
        st.caption(texts.RINGKASAN_SUBTITLE.format(periode=periode, previous=format_periode(data.previous_periode)))
    else:
        st.caption(texts.RINGKASAN_SUBTITLE_FIRST.format(periode=periode))


def narrative(text: str) -> None:
    """The short narrative in a highlighted box."""
    st.subheader(texts.NARRATIVE_HEADING)
    st.info(text, icon=":material/campaign:")
