"""Ringkasan: the headline numbers of the chosen semester, their changes, the largest PKH gaps, a narrative."""

from cc_analytics.config import load_settings
from cc_analytics.ui import loaders, ringkasan_view, widgets

settings = load_settings()
data = loaders.load_briefing(settings, widgets.selected_periode())

ringkasan_view.page_header(data)
ringkasan_view.narrative(data.narrative)
ringkasan_view.kpi_grid(data)
ringkasan_view.gap_section(data, limit=10)
