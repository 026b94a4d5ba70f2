"""The Peta page's Streamlit pieces: cached boundaries, values and decks; the map with click-to-drill; legend,
source and notes; the PNG download; and the locator map used on the Kecamatan page.

The numbers come from :mod:`cc_analytics.peta.indicators`, the map model from :mod:`cc_analytics.peta.view`; this
module only caches them and turns them into elements.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.errors import StreamlitPageNotFoundError

from cc_analytics import links
from cc_analytics.config import Settings
from cc_analytics.maps import (
    BoundaryError,
    MapBoundaries,
    MapModel,
    boundaries_signature,
    boundaries_source,
    build_deck,
    build_locator_deck,
    legend_html,
    load_map_boundaries,
    render_png,
    schematic_boundaries,
    selected_kode,
)
from cc_analytics.maps.deck import CompactDeck
from cc_analytics.peta import indicators as map_indicators
from cc_analytics.peta import texts as peta_texts
from cc_analytics.peta import view as peta
from cc_analytics.peta.area import Areas, area_km2
from cc_analytics.peta.indicators import IndicatorValues
from cc_analytics.store import marts_signature
from cc_analytics.ui import loaders, url_state, widgets

MAP_HEIGHT = 560
LOCATOR_HEIGHT = 220
LOCATOR_VIEWPORT = (220, 200)  # fits the narrow side column of the Kecamatan page, with a margin on wider ones
KECAMATAN_PAGE = "pages/kecamatan_page.py"


@dataclass(frozen=True)
class LoadedBoundaries:
    """Boundaries for the maps and, when the configured file could not be used, why (then schematic)."""

    boundaries: MapBoundaries
    key: str
    problem: BoundaryError | None = None


def controls(boundaries: MapBoundaries) -> tuple[str, str]:
    """The page title and the level and indicator choices (both in the URL); returns (indikator, level).

    Only what can be drawn is offered: density only at a level with real areas (imported boundaries). A link
    asking for density where it cannot be drawn opens the same level with the current indicator (population by
    default) and a notice; so does switching to such a level while density is shown.
    """
    st.title(peta_texts.TITLE)
    left, right = st.columns([3, 2])
    level = url_state.select(
        peta_texts.LEVEL_LABEL,
        "level",
        map_indicators.LEVELS,
        default="kecamatan",
        format_func=peta_texts.LEVEL_OPTIONS.get,
        widget="segmented",
        container=right,
    )
    options = map_indicators.drawable_indicators(not boundaries.is_schematic(level))
    if st.session_state.get("indikator") not in (None, *options):
        url_state.notice(map_indicators.density_notice(level, "penduduk"))
    indikator = url_state.select(
        peta_texts.INDIKATOR_LABEL,
        "indikator",
        options,
        default="penduduk",
        format_func=lambda key: map_indicators.INDICATORS[key].label,
        container=left,
        invalid=lambda raw, fallback: _density_refused(raw, level, fallback),
    )
    return indikator, level


def _density_refused(raw: str, level: str, fallback: str) -> str | None:
    """The notice for a link asking for density where it cannot be drawn; None for any other unknown value."""
    if links.resolve_option(raw, links.option_lookup(map_indicators.INDIKATOR_KEYS)) != "kepadatan":
        return None
    return map_indicators.density_notice(level, fallback)


def heading(values: IndicatorValues, wilayah: url_state.Wilayah, level: str) -> str:
    """Show the line above the map (what it shows, where, and how to drill down); return its first part."""
    text = peta.subtitle(values, links.wilayah_names().get(wilayah.kode_kecamatan or ""))
    st.caption(f"{text}. {peta.hint(level)}")
    return text


def wilayah_names() -> dict[str, str]:
    """Kemendagri code → official name of every wilayah (for the selection and navigation boxes)."""
    return links.wilayah_names()


def png_file_name(values: IndicatorValues, wilayah: url_state.Wilayah) -> str:
    """File name of the map's PNG download."""
    return peta.png_file_name(values, wilayah.kode_kecamatan)


def boundary_key(settings: Settings) -> str:
    """Cache key of the boundaries: the file the maps load and its version (changes when it is replaced)."""
    return f"{boundaries_source(settings)}|{boundaries_signature(settings)}"


@st.cache_resource(max_entries=2, show_spinner=False)
def _boundaries(key: str, _settings: Settings) -> LoadedBoundaries:
    """Loaded once per boundary file and version (``key``, see :func:`boundary_key`)."""
    try:
        return LoadedBoundaries(load_map_boundaries(_settings), key)
    except BoundaryError as exc:
        return LoadedBoundaries(schematic_boundaries(), key, exc)


def load_boundaries(settings: Settings) -> MapBoundaries:
    """The boundaries of the maps (cached). An unusable boundary file is reported (call once per run) in plain
    words, with the file's problems under "Detail teknis", and the schematic map used."""
    loaded = _boundaries(boundary_key(settings), settings)
    if loaded.problem is not None:
        st.warning(peta_texts.BOUNDARIES_UNUSABLE, icon=":material/map:")
        with st.expander(peta_texts.TECHNICAL_HEADING, icon=":material/build:"):
            st.markdown(peta_texts.TECHNICAL_BOUNDARIES)
            st.code(str(loaded.problem), language=None, wrap_lines=True)
    return loaded.boundaries


@st.cache_resource(max_entries=4, show_spinner=False)
def _areas(signature: str, level: str, _boundaries: MapBoundaries) -> Areas | None:
    return area_km2(_boundaries, level)  # type: ignore[arg-type]


def load_values(
    settings: Settings, boundaries: MapBoundaries, periode: str, indikator: str, level: str
) -> IndicatorValues:
    """The indicator values (cached until the marts or the boundaries change); library errors propagate to
    :func:`cc_analytics.ui.errors.user_errors`. :func:`controls` offers density only where areas are known."""
    map_indicators.check_choice(indikator, level)
    areas = None
    if indikator == "kepadatan":
        areas = _areas(boundary_key(settings), level, boundaries)
    return loaders.cached_query(
        settings,
        map_indicators.indicator_values,
        periode,
        indikator,
        level,
        min_cell=settings.min_cell,
        luas_km2=areas,
        is_synthetic=loaders.is_demo(settings),
    )


@st.cache_resource(max_entries=24, show_spinner=False)
def _model_and_deck(
    _values: IndicatorValues, _boundaries: MapBoundaries, key: tuple[str, ...], kode_kecamatan: str | None
) -> tuple[MapModel, CompactDeck]:
    model = peta.build_peta_model(_values, _boundaries, kode_kecamatan)
    return model, build_deck(model)


def map_model(
    settings: Settings, boundaries: MapBoundaries, values: IndicatorValues, kode_kecamatan: str | None
) -> tuple[MapModel, CompactDeck]:
    """The map model and its deck, cached per marts and boundary file version and per view."""
    key = (
        str(settings.marts_path),
        marts_signature(settings.marts_path),
        boundary_key(settings),
        values.periode,
        values.indikator,
        values.level,
        str(values.min_cell),
    )
    return _model_and_deck(values, boundaries, key, kode_kecamatan)


def _on_click(chart_key: str) -> None:
    """Turn a click on the map into the next view (callback of the chart, runs before the next run)."""
    kode = selected_kode(st.session_state.get(chart_key))
    if kode is None:
        return
    url_state.request(**peta.click_request(kode))


def map_section(deck: CompactDeck, model: MapModel, values: IndicatorValues, *, alt: str) -> None:
    """The interactive map with its legend beside it, and under it the source line, what the map is drawn on
    and, when some values are hidden, the suppression note.

    A click on a kecamatan drills into its desa, a click on a desa selects it. The chart's key depends on the
    view (level and kecamatan), so each view starts with an empty selection and its own initial view; switching
    indicators keeps the key, and with it the user's pan and zoom.
    """
    chart_key = f"peta_{model.level}_{model.kode_kecamatan or links.SEMUA}"
    map_column, legend_column = st.columns([5, 1])
    with map_column:
        st.pydeck_chart(
            deck,
            on_select=lambda: _on_click(chart_key),
            selection_mode="single-object",
            key=chart_key,
            height=MAP_HEIGHT,
            alt=alt,
        )
    with legend_column:
        st.html(legend_html(model.legend))
    widgets.source_caption(values.source)
    st.caption(model.caption)
    note = peta.suppression_note(model, values)
    if note:
        st.caption(note)


def definition(values: IndicatorValues) -> None:
    """How the indicator is computed, in a closed expander."""
    with st.expander(peta_texts.DEFINITION_HEADING, icon=":material/functions:"):
        st.markdown(values.indicator.definition)


def technical_details(boundaries: MapBoundaries, level: str) -> None:
    """For analysts, in a closed expander: where the schematic map comes from and how real boundaries are added
    (nothing when the level is drawn from imported boundaries)."""
    if not boundaries.is_schematic(level):  # type: ignore[arg-type]
        return
    with st.expander(peta_texts.TECHNICAL_HEADING, icon=":material/build:"):
        st.markdown(peta_texts.TECHNICAL_SCHEMATIC)


def download_png(model: MapModel, values: IndicatorValues, heading: str, file_name: str) -> None:
    """The "Unduh PNG" button; the image (with heading, source and notes) is drawn only when it is pressed."""
    printable = peta.for_png(model, values, heading)
    st.download_button(
        peta_texts.DOWNLOAD_PNG,
        data=lambda: render_png(printable),
        file_name=file_name,
        mime="image/png",
        on_click="ignore",
        icon=":material/download:",
        help=peta_texts.DOWNLOAD_HELP,
    )


def selection_box(values: IndicatorValues, wilayah: url_state.Wilayah, names: dict[str, str]) -> None:
    """The value of the selected desa (desa level) or kecamatan (kecamatan level), as on the map."""
    kode_kecamatan = wilayah.kode_kecamatan
    kode = wilayah.kode_desa if values.level == "desa" else kode_kecamatan
    if kode is None or kode_kecamatan is None:
        return
    text = peta.selection_text(values, kode, names.get(kode_kecamatan, kode_kecamatan))
    if text:
        st.info(text, icon=":material/location_on:")


def _back_to_regency() -> None:
    url_state.request(kec=links.SEMUA, desa=links.SEMUA)


def navigation(values: IndicatorValues, wilayah: url_state.Wilayah, names: dict[str, str]) -> None:
    """Buttons and links under the map: back to the regency, show the desa, open the kecamatan's profile."""
    kode = wilayah.kode_kecamatan
    if kode is None:
        return
    nama = names.get(kode, kode)
    columns = st.columns(3)
    columns[0].button(peta_texts.BACK_TO_REGENCY, on_click=_back_to_regency, icon=":material/zoom_out_map:")
    if values.level == "kecamatan":
        columns[1].button(
            peta_texts.SHOW_DESA.format(kecamatan=nama),
            on_click=url_state.request,
            kwargs={"level": "desa"},
            icon=":material/zoom_in:",
        )
    with columns[2]:
        profile_link(nama)


def profile_link(nama_kecamatan: str) -> None:
    """A link to the Kecamatan page (it reads the selected kecamatan from the sidebar); nothing when that page is
    not part of the app."""
    try:
        st.page_link(
            KECAMATAN_PAGE,
            label=peta_texts.OPEN_PROFILE.format(kecamatan=nama_kecamatan),
            icon=":material/open_in_new:",
        )
    except StreamlitPageNotFoundError:
        return


def locator_map(settings: Settings, kode_kecamatan: str | None, container: DeltaGenerator | None = None) -> None:
    """A small map of the regency with one kecamatan highlighted (for the Kecamatan page); nothing for the
    kabupaten itself (``kode_kecamatan`` None).

    Args:
        settings: app settings (for the boundary file).
        kode_kecamatan: the kecamatan to highlight, or None.
        container: where to draw it; the main area by default.
    """
    if kode_kecamatan is None:
        return
    boundaries = load_boundaries(settings)
    nama = links.wilayah_names().get(kode_kecamatan, kode_kecamatan)
    with container if container is not None else st.container():
        st.pydeck_chart(
            _locator(boundary_key(settings), kode_kecamatan, boundaries),
            height=LOCATOR_HEIGHT,
            alt=peta_texts.LOCATOR_ALT.format(kecamatan=nama),
        )
        if boundaries.kecamatan_schematic:
            st.caption(peta_texts.LOCATOR_SCHEMATIC)


@st.cache_resource(max_entries=32, show_spinner=False)
def _locator(signature: str, kode_kecamatan: str, _boundaries: MapBoundaries) -> CompactDeck:
    return build_locator_deck(_boundaries, kode_kecamatan, viewport=LOCATOR_VIEWPORT)
