"""Ringkasan: the briefing for leaders — KPI cards with their change, the largest PKH gaps, a narrative.

Reached from the page in one hop: ``pages/ringkasan_page.py`` → :mod:`cc_analytics.ui.widgets` → this package.

* :mod:`~cc_analytics.briefing.build` — the KPIs of a semester against the previous one, with sources;
* :mod:`~cc_analytics.briefing.gaps` — the kecamatan with the largest PKH gaps;
* :mod:`~cc_analytics.briefing.narrative` — the generated text.
"""

from cc_analytics.briefing.build import (
    KPI_KEYS,
    Briefing,
    Kpi,
    PkhTahap,
    build_briefing,
    compute_kpis,
    list_periodes,
)

__all__ = ["KPI_KEYS", "Briefing", "Kpi", "PkhTahap", "build_briefing", "compute_kpis", "list_periodes"]
