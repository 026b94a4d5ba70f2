"""The sections of the Ringkasan page (``/``): title, narrative, the six KPI cards, the largest PKH gaps.

Numbers come from :mod:`cc_analytics.briefing` through :func:`cc_analytics.ui.loaders.load_briefing`; this module
only lays them out.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from cc_analytics import texts
from cc_analytics.briefing import texts as tx
from cc_analytics.briefing.build import Briefing, Kpi
from cc_analytics.briefing.gaps import gaps_for_chart, gaps_for_display
from cc_analytics.formatting import (
    format_number,
    format_percent,
    format_periode,
    format_signed_percent,
    format_signed_points,
)
from cc_analytics.ui.widgets import ID_LOCALE, source_caption


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
            delta_description=tx.DELTA_DESCRIPTION.format(previous=format_periode(previous_periode))
            if previous_periode and kpi.change is not None
            else None,
            help=tx.KPI_DEFINITIONS[kpi.key],
        )
        source_caption(kpi.source)


def kpi_grid(data: Briefing) -> None:
    """The six headline cards of :class:`Briefing`, three per row, and the definition of cakupan."""
    st.subheader(tx.KPI_HEADING)
    labels = dict(tx.KPI_LABELS)
    if data.tahap is not None:
        labels["kpm_pkh"] = tx.KPM_PKH_LABEL_TAHAP.format(tahap=data.tahap.tahap, tahun=data.tahap.tahun)
    keys = list(data.kpis)
    for start in range(0, len(keys), 3):
        for column, key in zip(st.columns(3), keys[start : start + 3], strict=False):
            with column:
                kpi_card(data.kpis[key], label=labels[key], previous_periode=data.previous_periode)
    st.caption(tx.CAKUPAN_CAPTION)


def _gap_chart(chart_data: pd.DataFrame) -> alt.Chart:
    bars = (
        alt.Chart(chart_data)
        .mark_bar()
        .encode(
            x=alt.X("keluarga_belum_tercakup:Q", title=tx.GAP_CHART_X, axis=alt.Axis(format=",d")),
            y=alt.Y("nama_kecamatan:N", title=None, sort="-x"),
            tooltip=[
                alt.Tooltip("nama_kecamatan:N", title=tx.GAP_CHART_Y),
                alt.Tooltip("label:N", title=tx.GAP_CHART_X),
                alt.Tooltip("rasio_label:N", title=tx.GAP_COLUMNS["rasio_belum_tercakup"]),
            ],
        )
    )
    return bars.properties(height=alt.Step(28)).configure(locale=ID_LOCALE)


def gap_section(data: Briefing, *, limit: int = 10) -> None:
    """Kecamatan with the largest coverage gaps: table (suppressed counts marked) and bar chart."""
    st.subheader(tx.GAPS_HEADING)
    if data.gaps.empty:
        st.info(tx.GAPS_EMPTY)
        return
    st.caption(tx.GAPS_CAPTION.format(limit=min(limit, len(data.gaps)), total=len(data.gaps)))
    left, right = st.columns([3, 2])
    with left:
        table = gaps_for_display(data.gaps, min_cell=data.min_cell, limit=limit)
        numbers = [c for c in table.columns if c != tx.GAP_COLUMNS["nama_kecamatan"]]
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


def page_header(data: Briefing) -> None:
    """Page title with the semester (and the one compared with) underneath."""
    st.title(tx.RINGKASAN_TITLE)
    periode = format_periode(data.periode)
    if data.previous_periode:
        st.caption(tx.RINGKASAN_SUBTITLE.format(periode=periode, previous=format_periode(data.previous_periode)))
    else:
        st.caption(tx.RINGKASAN_SUBTITLE_FIRST.format(periode=periode))


def narrative(text: str) -> None:
    """The short narrative in a highlighted box."""
    st.subheader(tx.NARRATIVE_HEADING)
    st.info(text, icon=":material/campaign:")
