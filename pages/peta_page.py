"""Peta: the regency coloured by one indicator, per kecamatan or per desa; a click on a kecamatan shows its desa.

URL: ``?indikator=penduduk&level=desa`` plus the global ``periode``, ``kec`` and ``desa`` of the sidebar.
"""

import streamlit as st

from cc_analytics import links
from cc_analytics.config import load_settings
from cc_analytics.peta import texts as peta_texts
from cc_analytics.peta import view as peta
from cc_analytics.peta.indicators import INDICATORS, INDIKATOR_KEYS, LEVELS
from cc_analytics.ui import peta_view, url_state, widgets

settings = load_settings()
periode = widgets.selected_periode()
wilayah = url_state.current_wilayah()
names = links.wilayah_names()

st.title(peta_texts.TITLE)
left, right = st.columns([3, 2])
indikator = url_state.select(
    peta_texts.INDIKATOR_LABEL,
    "indikator",
    INDIKATOR_KEYS,
    default="penduduk",
    format_func=lambda key: INDICATORS[key].label,
    container=left,
)
level = url_state.select(
    peta_texts.LEVEL_LABEL,
    "level",
    LEVELS,
    default="kecamatan",
    format_func=peta_texts.LEVEL_OPTIONS.get,
    widget="segmented",
    container=right,
)

boundaries = peta_view.load_boundaries(settings)
values = peta_view.load_values(settings, boundaries, periode, indikator, level)
model, deck = peta_view.map_model(settings, boundaries, values, wilayah.kode_kecamatan)
heading = peta.subtitle(values, names.get(wilayah.kode_kecamatan or ""))
st.caption(f"{heading}. {peta.hint(level)}")
peta_view.map_section(deck, model, values, alt=heading)
peta_view.selection_box(values, wilayah, names)
peta_view.navigation(values, wilayah, names)
peta_view.definition(values)
peta_view.download_png(model, values, heading, peta.png_file_name(values, wilayah.kode_kecamatan))
url_state.share_link()
