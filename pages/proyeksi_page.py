"""Proyeksi: population forecasts with calibrated bands, the cohort age structure, and the backtest."""

from cc_analytics.config import load_settings
from cc_analytics.ui import proyeksi_view, url_state, widgets

settings = load_settings()

proyeksi_view.header()
url_state.show_notices()
url_state.share_link()
choices = proyeksi_view.forecast_controls()
kode = proyeksi_view.chosen_wilayah(url_state.current_wilayah())

forecast = proyeksi_view.forecast_section(settings, kode, choices)
if forecast is not None:
    proyeksi_view.coherence_section(forecast)
proyeksi_view.cohort_section(settings, kode, widgets.selected_periode(), choices, forecast)
proyeksi_view.backtest_section(settings, choices, forecast)
