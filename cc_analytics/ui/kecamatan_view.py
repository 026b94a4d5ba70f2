"""The Kecamatan & Desa page's pieces: cached loading of the profile and its sections on screen.

Numbers come from :mod:`cc_analytics.profile.build` (protected, compared) and are formatted by
:mod:`cc_analytics.profile.display` and drawn by :mod:`cc_analytics.profile.charts`; this module only places them.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from cc_analytics import links, texts
from cc_analytics.config import Settings
from cc_analytics.formatting import format_periode
from cc_analytics.profile import charts, data
from cc_analytics.profile import texts as tx
from cc_analytics.profile.build import DESA, KABUPATEN, KECAMATAN, Profile, build_profile
from cc_analytics.profile.display import (
    Card,
    cards,
    kualitas_caption,
    kualitas_frame,
    pkh_caption,
    table_columns,
    table_help,
    units_frame,
    units_styler,
)
from cc_analytics.store.provenance import source_line
from cc_analytics.ui import loaders, url_state

CARD_SOURCES = {
    "penduduk": "penduduk",
    "perubahan_penduduk": "penduduk",
    "jumlah_kk": "penduduk",
    "jiwa_per_kk": "penduduk",
    "keluarga_desil_1_4": "desil",
    "rasio_desil_1_4": "desil_kk",
    "kpm_pkh": "pkh",
    "cakupan_pkh": "cakupan",
    "temuan_kualitas": "kualitas",
    "temuan_per_1000": "kualitas",
}
"""Indicator → key of its source line in :func:`cc_analytics.profile.data.profile_sources`."""

CARDS_PER_ROW = 4
ROW_HEIGHT_PX = 35
MAX_TABLE_ROWS = 25
"""The units table shows up to this many rows without scrolling (all 24 kecamatan; most kecamatan's desa)."""


def load_profile(settings: Settings, periode: str, wilayah: url_state.Wilayah) -> Profile:
    """The profile of the selected wilayah; the semester's protected numbers are cached until the marts change.

    Raises:
        DataNotFoundError: when the semester or the wilayah is not in the marts.
    """
    min_cell = settings.min_cell
    info = loaders.cached_query(settings, data.periode_info, periode)
    counts = loaders.cached_query(settings, data.profile_counts, periode, min_cell)
    distributions = loaders.cached_query(
        settings, data.profile_distributions, periode, wilayah.kode_kecamatan, min_cell
    )
    sources = loaders.cached_query(settings, data.profile_sources, periode, loaders.is_demo(settings))
    return build_profile(
        counts,
        distributions,
        sources,
        info,
        kode_kecamatan=wilayah.kode_kecamatan,
        kode_desa=wilayah.kode_desa,
        min_cell=min_cell,
    )


def _title(profile: Profile) -> str:
    if profile.level == DESA and bool(profile.units.set_index("kode").loc[profile.kode, "is_kelurahan"]):
        return tx.TITLE["kelurahan"].format(nama=profile.nama)
    return tx.TITLE[profile.level].format(nama=profile.nama)


def _breadcrumb(profile: Profile) -> None:
    """Buttons back up the hierarchy (each is a new view, so the browser's Back returns here)."""
    if profile.level == KABUPATEN:
        st.caption(tx.HINT_KABUPATEN)
        return
    row = st.container(horizontal=True)
    row.button(
        tx.BACK_KABUPATEN,
        icon=":material/arrow_upward:",
        on_click=url_state.request,
        kwargs={url_state.KEC_KEY: links.SEMUA, url_state.DESA_KEY: links.SEMUA},
    )
    if profile.level == DESA:
        nama = links.wilayah_names().get(str(profile.kode_kecamatan), "")
        row.button(
            tx.BACK_KECAMATAN.format(nama=nama),
            icon=":material/arrow_upward:",
            on_click=url_state.request,
            kwargs={url_state.DESA_KEY: links.SEMUA},
        )
    else:
        st.caption(tx.HINT_KECAMATAN)


def header(profile: Profile) -> DeltaGenerator:
    """Title, semester, the way back up, the "Salin tautan" control; returns the spot kept for a locator map."""
    main, side = st.columns([3, 1])
    with main:
        st.title(_title(profile))
        periode = format_periode(profile.info.periode)
        if profile.info.previous:
            subtitle = tx.SUBTITLE.format(periode=periode, previous=format_periode(profile.info.previous))
        else:
            subtitle = tx.SUBTITLE_FIRST.format(periode=periode)
        if profile.level == DESA:
            nama = links.wilayah_names().get(str(profile.kode_kecamatan), "")
            subtitle = f"{tx.IN_KECAMATAN.format(nama=nama)} · {subtitle}"
        st.caption(subtitle)
        _breadcrumb(profile)
    with side:
        url_state.share_link()
        locator = st.container()
    return locator


def _card(card: Card, profile: Profile) -> None:
    with st.container(border=True):
        st.metric(
            card.label,
            card.value,
            delta=card.comparison,
            delta_color="off",
            delta_arrow=card.arrow,  # type: ignore[arg-type]
            help=card.help,
        )
        if card.detail:
            st.caption(card.detail)
        st.caption(source_line(profile.sources[CARD_SOURCES[card.key]]))


def indicator_cards(profile: Profile) -> None:
    """The ten indicator cards, by theme, with their kabupaten comparison and source line."""
    st.subheader(tx.INDICATORS_HEADING)
    for group, row in zip(tx.CARD_GROUPS, cards(profile), strict=True):
        st.markdown(f"**{group}**")
        for column, card in zip(st.columns(CARDS_PER_ROW), row, strict=False):
            with column:
                _card(card, profile)
    if profile.level != KABUPATEN:
        st.caption(tx.COMPARE_CAPTION.format(peers=tx.PEERS[profile.level]))


def _suppression_note(profile: Profile) -> None:
    st.caption(texts.SUPPRESSION_NOTE.format(min_cell=profile.min_cell))


def trend_and_pyramid(profile: Profile) -> None:
    """Population per semester (left) and the population pyramid (right)."""
    left, right = st.columns(2)
    compare = profile.level != KABUPATEN
    with left:
        st.subheader(tx.TREND_HEADING)
        if profile.trend["penduduk"].notna().any():
            st.altair_chart(charts.trend_chart(profile.trend), width="stretch")
        else:
            st.info(tx.TREND_EMPTY)
        st.caption(source_line(profile.sources["penduduk"]))
    with right:
        st.subheader(tx.PYRAMID_HEADING)
        frame = profile.distributions["pyramid"]
        caption = tx.PYRAMID_CAPTION.format(nama=profile.nama) if compare else tx.PYRAMID_CAPTION_KABUPATEN
        st.caption(caption)
        if frame["jumlah"].notna().any():
            st.altair_chart(charts.pyramid_chart(frame, profile.min_cell, compare=compare), width="stretch")
        else:
            st.info(tx.PANEL_HIDDEN)
        _suppression_note(profile)
        st.caption(source_line(profile.sources["penduduk"]))


def desil_and_pkh(profile: Profile) -> None:
    """DTSEN families by desil (left) and PKH KPM by komponen (right), each against the kabupaten."""
    left, right = st.columns(2)
    compare = profile.level != KABUPATEN
    with left:
        st.subheader(tx.DESIL_HEADING)
        st.caption(tx.DESIL_CAPTION.format(nama=profile.nama) if compare else tx.DESIL_CAPTION_KABUPATEN)
        chart = charts.share_chart(
            profile.distributions["desil"],
            profile.min_cell,
            labels=None,
            axis_title=tx.DESIL_AXIS,
            share_title=tx.DESIL_SHARE,
            compare=compare,
        )
        st.altair_chart(chart, width="stretch")
        _suppression_note(profile)
        st.caption(source_line(profile.sources["desil"]))
    with right:
        st.subheader(tx.PKH_HEADING)
        if profile.info.tahap is None:
            st.info(tx.PKH_NONE)
            return
        tahun, tahap = profile.info.tahap
        st.caption(pkh_caption(profile, tahap, tahun))
        chart = charts.share_chart(
            profile.distributions["komponen"],
            profile.min_cell,
            labels=tx.KOMPONEN_NAMES,
            axis_title=tx.KOMPONEN_AXIS,
            share_title=tx.KOMPONEN_SHARE,
            compare=compare,
        )
        st.altair_chart(chart, width="stretch")
        _suppression_note(profile)
        st.caption(source_line(profile.sources["pkh"]))


def kualitas(profile: Profile) -> None:
    """Data-quality flags per 1.000 people, against the kabupaten."""
    st.subheader(tx.KUALITAS_HEADING)
    frame = kualitas_frame(profile)
    if frame.empty:
        st.info(tx.KUALITAS_NONE)
    else:
        st.caption(kualitas_caption(profile))
        st.dataframe(frame, hide_index=True, width="stretch")
        _suppression_note(profile)
    st.caption(source_line(profile.sources["kualitas"]))


def _open_selected(key: str, codes: list[str], unit_level: str) -> None:
    """Table row clicked: open that unit's profile (a new view, so Back returns to this one)."""
    rows = st.session_state[key]["selection"]["rows"]
    if not rows:
        return
    kode = codes[rows[0]]
    if unit_level == KECAMATAN:
        url_state.request(**{url_state.KEC_KEY: kode, url_state.DESA_KEY: links.SEMUA})
    else:
        url_state.request(**{url_state.DESA_KEY: kode})


def units_table(profile: Profile) -> None:
    """The sortable table of the units below (with a trend line each); a click on a row opens its profile.

    The name stays pinned while scrolling sideways; codes are not shown; a desa's own row is highlighted among
    the desa of its kecamatan.
    """
    nama = links.wilayah_names().get(str(profile.kode_kecamatan), "")
    st.subheader(tx.TABLE_HEADING[profile.unit_level].format(nama=nama))
    periodes = list(profile.trend["periode"])
    st.caption(tx.TABLE_CAPTION.format(first=format_periode(periodes[0]), last=format_periode(periodes[-1])))
    headers = table_columns(profile)
    helps = table_help()
    config: dict[str, object] = {
        key: st.column_config.Column(label, help=helps.get(key)) for key, label in headers.items()
    }
    config["nama"] = st.column_config.Column(headers["nama"], pinned=True)
    config["tren"] = st.column_config.LineChartColumn(headers["tren"], width="small")
    key = f"tabel_{profile.level}_{profile.kode}"
    codes = list(units_frame(profile).index)
    st.dataframe(
        units_styler(profile),
        column_config=config,  # type: ignore[arg-type]
        column_order=list(headers),
        hide_index=True,
        width="stretch",
        height=ROW_HEIGHT_PX * (min(len(codes), MAX_TABLE_ROWS) + 1) + 3,
        key=key,
        on_select=lambda: _open_selected(key, codes, profile.unit_level),
        selection_mode="single-row",
    )
    _suppression_note(profile)
    st.caption(source_line(profile.sources["tabel"]))
