"""Celah cakupan PKH: who is eligible, who is covered, who is wrongly in or out, and the verval list per desa."""

from cc_analytics.config import load_settings
from cc_analytics.ui import pkh_view, widgets

settings = load_settings()
pkh_view.header()
selection = pkh_view.filters(settings, widgets.selected_periode())
if selection is not None:
    view = pkh_view.load_view(settings, selection)
    pkh_view.subtitle(view)
    pkh_view.narrative(view)
    pkh_view.cards(view)
    pkh_view.ranking_section(view)
    pkh_view.komponen_section(view)
    pkh_view.inclusion_section(view)
    pkh_view.verval_section(settings, view)
    pkh_view.method_section(view)
