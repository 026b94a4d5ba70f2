"""Kecamatan & Desa: the profile of the kabupaten, a kecamatan or a desa, and the table of the units below it.

The wilayah and the semester come from the sidebar (kept in the URL by ``cc_analytics.ui.url_state``):
``/kecamatan?periode=2025-S1&kec=35.14.14&desa=35.14.14.1001`` opens that desa's profile.
"""

from cc_analytics.config import load_settings
from cc_analytics.ui import kecamatan_view as view
from cc_analytics.ui import peta_view, url_state, widgets

settings = load_settings()
profile = view.load_profile(settings, widgets.selected_periode(), url_state.current_wilayah())

locator_spot = view.header(profile)
peta_view.locator_map(settings, profile.kode_kecamatan, container=locator_spot)

view.indicator_cards(profile)
view.trend_and_pyramid(profile)
view.desil_and_pkh(profile)
view.kualitas(profile)
view.units_table(profile)
