"""The sections of the PKH coverage page (``/pkh``): filters, narrative, cards, tables, chart, verval list.

Figures come from :func:`cc_analytics.pkh.tables.build_tables` through
:func:`cc_analytics.ui.loaders.cached_query` (cached until the marts file changes), are assembled by
:func:`cc_analytics.pkh.view.assemble_view` and turned into text by :mod:`cc_analytics.pkh.display`;
wording lives in :mod:`cc_analytics.pkh.texts`. URL keys: ``tahap`` and ``komponen`` (here), ``periode``,
``kec`` and ``desa`` (sidebar, from ``app.py``).
"""

from __future__ import annotations

from dataclasses import replace

import altair as alt
import pandas as pd
import streamlit as st

from cc_analytics import export, texts
from cc_analytics.config import Settings
from cc_analytics.formatting import format_number, format_periode, format_rupiah
from cc_analytics.pkh import display, download, method, queries, verval
from cc_analytics.pkh import texts as t
from cc_analytics.pkh.tables import build_tables
from cc_analytics.pkh.view import PkhView, assemble_view, coverage_source
from cc_analytics.pkh_policy import load_policy
from cc_analytics.store.provenance import source_line
from cc_analytics.ui import loaders, url_state, widgets

TAHAP_KEY = "tahap"
KOMPONEN_KEY = "komponen"
CHART_LIMIT = 15


def filters(settings: Settings, periode: str) -> queries.Selection | None:
    """Tahap and komponen (``?tahap=4&komponen=sd``) with the sidebar's wilayah; None when the semester has no
    eligibility figures (a notice is shown)."""
    options = loaders.cached_query(settings, queries.tahap_options, periode)
    if not options:
        st.info(t.NO_TAHAP.format(periode=format_periode(periode)), icon=":material/info:")
        return None
    left, right, share = st.columns([2, 3, 1], vertical_alignment="bottom")
    tahap = url_state.select(
        t.TAHAP_LABEL,
        TAHAP_KEY,
        options,
        default=options[-1],
        format_func=lambda v: t.TAHAP_OPTION.format(tahap=v),
        widget="segmented",
        container=left,
        help=t.TAHAP_HELP,
    )
    komponen = url_state.select(
        t.KOMPONEN_LABEL,
        KOMPONEN_KEY,
        queries.komponen_pilihan(),
        default=queries.SEMUA,
        format_func=display.komponen_name,
        aliases={name: kode for kode, name in t.KOMPONEN_NAMES.items()},
        container=right,
        help=t.KOMPONEN_HELP,
    )
    with share:
        url_state.share_link()
    wilayah = url_state.current_wilayah()
    return queries.Selection(periode, int(tahap), str(komponen), wilayah.kode_kecamatan, wilayah.kode_desa)


def load_view(settings: Settings, selection: queries.Selection) -> PkhView:
    """The view of ``selection``: tables and source line cached until the marts change, read once for all
    komponen (see :func:`cc_analytics.pkh.view.assemble_view`)."""
    base = replace(selection, komponen=queries.SEMUA)
    tables = loaders.cached_query(settings, build_tables, base, min_cell=settings.min_cell)
    source = loaders.cached_query(settings, coverage_source, base, is_synthetic=loaders.is_demo(settings))
    return assemble_view(tables, selection, source, min_cell=settings.min_cell)


def _source(view: PkhView) -> None:
    st.caption(source_line(view.source))


def _suppression_note(view: PkhView) -> None:
    st.caption(texts.SUPPRESSION_NOTE.format(min_cell=view.min_cell))


def header() -> None:
    """Page title."""
    st.title(t.TITLE)


def subtitle(view: PkhView) -> None:
    """The selection in words: area, semester, tahap, komponen."""
    st.caption(display.subtitle(view))


def narrative(view: PkhView) -> None:
    """The generated sentences in a highlighted box."""
    st.subheader(t.NARASI_HEADING)
    text = " ".join(view.narrative) if view.narrative else t.NARASI_EMPTY
    st.info(text, icon=":material/campaign:")


def cards(view: PkhView) -> None:
    """The six headline figures of the area, three per row, with the source line."""
    st.subheader(t.CARDS_HEADING)
    items = display.summary_cards(view)
    for start in range(0, len(items), 3):
        for column, card in zip(st.columns(3), items[start : start + 3], strict=True):
            with column, st.container(border=True):
                st.metric(card.label, card.value, help=card.help)
                if card.detail:
                    st.caption(card.detail)
    _source(view)
    if any(card.is_hidden for card in items):
        _suppression_note(view)


def komponen_section(view: PkhView) -> None:
    """Eligible, covered and gap per komponen for the area."""
    st.subheader(t.KOMPONEN_HEADING)
    table = display.komponen_table(view)
    numeric = [c for c in table.columns if c not in (t.KOMPONEN_COLUMNS["komponen"], t.KOMPONEN_COLUMNS["kriteria"])]
    _text_table(table, numeric)
    st.caption(t.KOMPONEN_CAPTION)
    _suppression_note(view)


def _text_table(table: pd.DataFrame, right_aligned: list[str]) -> None:
    config = {c: st.column_config.TextColumn(alignment="right", help=t.COLUMN_HELP.get(c)) for c in right_aligned}
    st.dataframe(table, hide_index=True, width="stretch", height="content", column_config=config)


def _chart(data: pd.DataFrame) -> alt.Chart:
    order = list(dict.fromkeys(data["nama"]))
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("sum(keluarga):Q", title=t.CHART_TITLE_X, axis=alt.Axis(format=",d")),
            y=alt.Y("nama:N", title=None, sort=order),
            color=alt.Color(
                "bagian:N",
                title=None,
                scale=alt.Scale(domain=[t.CHART_CELAH, t.CHART_PKH], range=["#d95f02", "#9ecae1"]),
                legend=alt.Legend(orient="top"),
            ),
            order=alt.Order("bagian:N", sort="ascending"),
            tooltip=[
                alt.Tooltip("nama:N", title=t.CHART_WILAYAH),
                alt.Tooltip("bagian:N", title=" "),
                alt.Tooltip("keluarga:Q", title=t.CHART_TITLE_X, format=",d"),
                alt.Tooltip("cakupan:N", title=t.CHART_CAKUPAN),
            ],
        )
    )
    return bars.properties(height=alt.Step(24)).configure(locale=widgets.ID_LOCALE)


def ranking_section(view: PkhView) -> None:
    """Listed wilayah ranked by gap: table, stacked bar chart, link to the map, CSV download (numbers as
    numbers, see :func:`cc_analytics.pkh.download.ranking_download`)."""
    level = view.listed_level
    komponen = display.komponen_name(view.selection.komponen)
    st.subheader(t.RANKING_HEADING[level].format(kecamatan=view.kecamatan_nama))
    figures = view.tables.listed_coverage(view.selection.komponen)
    if figures.is_withheld:
        st.info(t.RANKING_WITHHELD.format(kecamatan=view.kecamatan_nama, min_cell=view.min_cell))
    else:
        st.caption(t.RANKING_CAPTION.format(komponen=komponen))
        table = display.ranking_table(view)
        data = display.ranking_chart(view, limit=CHART_LIMIT)
        if not data.empty:
            st.altair_chart(_chart(data), width="stretch")
            st.caption(t.CHART_CAPTION.format(shown=data["nama"].nunique(), total=len(table)))
        _text_table(
            table, [c for c in table.columns if c not in (t.RANKING_COLUMNS["nama"], t.RANKING_COLUMNS["peringkat"])]
        )
        _suppression_note(view)
        st.download_button(
            t.DOWNLOAD_TABLE,
            export.to_csv(download.ranking_download(view)),
            file_name=display.table_file_name(view.selection),
            mime="text/csv",
            on_click="ignore",
            icon=":material/download:",
            help=t.DOWNLOAD_HELP.format(min_cell=view.min_cell),
        )
    if level == "desa" and view.tables.listed_inclusion()[0].is_withheld:
        st.caption(t.INKLUSI_WITHHELD.format(kecamatan=view.kecamatan_nama))
    st.markdown(f"[:material/map: {t.MAP_LINK}]({display.peta_link(view.selection)})")
    _source(view)


def inclusion_section(view: PkhView) -> None:
    """Flagged PKH records per problem (kabupaten or kecamatan) or the desa's total."""
    st.subheader(t.INKLUSI_HEADING)
    st.caption(t.INKLUSI_CAPTION.format(tahap_per_tahun=load_policy().tahap_per_tahun))
    table = display.inclusion_table(view)
    if table is not None:
        _text_table(table, [c for c in table.columns if c != t.INKLUSI_COLUMNS["label"]])
        _suppression_note(view)
    else:
        figures, column = view.tables.area_inclusion()
        count, amount, _ = figures.figure(view.tables.area_row, column)
        if count is None or amount is None:
            st.info(t.INKLUSI_DESA_HIDDEN)
        else:
            st.info(t.INKLUSI_DESA_ONLY.format(jumlah=format_number(count), rp=format_rupiah(amount)))
    _source(view)


def verval_section(settings: Settings, view: PkhView) -> None:
    """The masked verification list of the chosen desa: only with ``CC_ALLOW_ROW_LEVEL=1``, marked confidential.

    Without it, a plain notice; the setting's name is given only inside an expander for analysts."""
    st.subheader(t.VERVAL_HEADING)
    selection = view.selection
    if not settings.allow_row_level:
        st.info(t.VERVAL_DISABLED, icon=":material/lock:")
        with st.expander(t.VERVAL_DISABLED_DETAIL_HEADING, icon=":material/engineering:"):
            st.markdown(t.VERVAL_DISABLED_DETAIL)
        return
    if not selection.kode_desa:
        st.info(t.VERVAL_PICK_DESA, icon=":material/info:")
        return
    with loaders.cursor(settings) as con:  # uncached: row-level data is not kept in the shared cache
        raw = queries.verval_list(con, selection)
    rows = verval.verval_rows(raw)
    with st.container(border=True):
        st.badge(t.VERVAL_CONFIDENTIAL, icon=":material/lock:", color="red")
        st.caption(t.VERVAL_NOTE)
        if rows.empty:
            st.info(t.VERVAL_EMPTY)
            return
        _verval_list(view, rows, verval.list_tahap(raw) or selection.tahap)


def _verval_list(view: PkhView, rows: pd.DataFrame, tahap: int) -> None:
    selection = view.selection
    note = t.VERVAL_TAHAP.format(tahap=tahap, tahun=selection.tahun, periode=format_periode(selection.periode))
    if tahap != selection.tahap:
        note += t.VERVAL_TAHAP_DIFFERS.format(tahap=selection.tahap)
    n = verval.counts(rows)
    st.caption(note + " " + t.VERVAL_COUNTS.format(usulan=n["usulan"], periksa=n["periksa"]))
    usulan, periksa = st.tabs([t.VERVAL_TAB_USULAN.format(n=n["usulan"]), t.VERVAL_TAB_PERIKSA.format(n=n["periksa"])])
    for tab, jenis in ((usulan, "usulan"), (periksa, "periksa")):
        with tab:
            st.dataframe(verval.for_screen(rows, jenis), hide_index=True, width="stretch")
    header = verval.VervalHeader(
        desa=view.wilayah_nama,
        kecamatan=view.kecamatan_nama or "",
        periode=selection.periode,
        tahap=tahap,
        tahun=selection.tahun,
        source=source_line(view.source),
    )
    st.download_button(
        t.VERVAL_DOWNLOAD,
        verval.workbook(rows, header),
        file_name=verval.file_name(selection.kode_desa or "", selection.periode),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        icon=":material/download:",
        type="primary",
    )


def method_section(view: PkhView) -> None:
    """Definitions, the ibu hamil note, and the policy settings with their sources (collapsed)."""
    with st.expander(t.METHOD_HEADING, icon=":material/rule:"):
        st.markdown(method.method_text(view.min_cell))
        for line in method.policy_rules():
            st.markdown("- " + line)
        st.table(method.policy_table(), hide_index=True, border="horizontal")
        st.caption(t.POLICY_CAPTION)
