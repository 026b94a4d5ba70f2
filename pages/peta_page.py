"""Peta: the regency coloured by one indicator, per kecamatan or per desa; a click on a kecamatan shows its desa.

URL: ``?indikator=penduduk&level=desa`` plus the global ``periode``, ``kec`` and ``desa`` of the sidebar.
"""

from cc_analytics.config import load_settings
from cc_analytics.ui import peta_view, url_state, widgets

settings = load_settings()
periode = widgets.selected_periode()
wilayah = url_state.current_wilayah()
names = peta_view.wilayah_names()

boundaries = peta_view.load_boundaries(settings)
indikator, level = peta_view.controls(boundaries)
values = peta_view.load_values(settings, boundaries, periode, indikator, level)
model, deck = peta_view.map_model(settings, boundaries, values, wilayah.kode_kecamatan)
heading = peta_view.heading(values, wilayah, level)
peta_view.map_section(deck, model, values, alt=heading)
peta_view.selection_box(values, wilayah, names)
peta_view.navigation(values, wilayah, names)
peta_view.definition(values)
peta_view.technical_details(boundaries, level)
peta_view.download_png(model, values, heading, peta_view.png_file_name(values, wilayah))
url_state.share_link()
