"""Ringkasan: the headline numbers of the chosen semester, their changes, the largest PKH gaps, a narrative."""

from cc_analytics import texts
from cc_analytics.config import load_settings
from cc_analytics.ui import loaders, widgets

settings = load_settings()
data = loaders.load_briefing(settings, widgets.selected_periode())

widgets.page_header(texts.RINGKASAN_TITLE, data)
widgets.narrative(data.narrative)
widgets.kpi_grid(data)
widgets.gap_section(data, limit=10)
