"""The briefing in a real browser: it loads, shows the demo banner and the KPI values the library computes."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Page, expect

from cc_analytics import briefing
from cc_analytics.formatting import format_number, format_periode

pytestmark = pytest.mark.e2e

LOAD_TIMEOUT_MS = 30_000


def _expected(marts: Path, periode: str | None = None) -> briefing.Briefing:
    with duckdb.connect(str(marts), read_only=True) as con:
        chosen = periode or briefing.list_periodes(con)[-1]
        return briefing.build_briefing(con, chosen, min_cell=5, is_synthetic=True)


def _metric(page: Page, label: str) -> str:
    card = page.get_by_test_id("stMetric").filter(has_text=label)
    return card.get_by_test_id("stMetricValue").inner_text(timeout=LOAD_TIMEOUT_MS)


def test_briefing_shows_kpis(page: Page, app_url: str, demo_marts_path: Path) -> None:
    expected = _expected(demo_marts_path)
    page.goto(app_url)
    expect(page.get_by_text("Data sintetis untuk demo — bukan data resmi.")).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    assert _metric(page, "Penduduk (jiwa)") == format_number(expected.kpis["penduduk"].value)
    expect(page.get_by_text("Sumber: Dukcapil (sintetis), posisi").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_choosing_a_periode_rewrites_the_url(page: Page, app_url: str, demo_marts_path: Path) -> None:
    with duckdb.connect(str(demo_marts_path), read_only=True) as con:
        older = briefing.list_periodes(con)[-2]
    page.goto(app_url)
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").first.click(timeout=LOAD_TIMEOUT_MS)
    page.get_by_role("option", name=format_periode(older), exact=True).click()
    expect(page).to_have_url(re.compile(r"periode=" + re.escape(older)))
    expected = _expected(demo_marts_path, older)
    expect(
        page.get_by_test_id("stMetric").filter(has_text="Kartu Keluarga").get_by_test_id("stMetricValue")
    ).to_have_text(format_number(expected.kpis["jumlah_kk"].value), timeout=LOAD_TIMEOUT_MS)


def _no_page_not_found(page: Page) -> None:
    """Streamlit's "Page not found" notice, which the first link of a new server gets (see
    ``cc_analytics.ui.first_link``), is not on screen (it is closed by then)."""
    expect(page.get_by_role("dialog", name="Page not found")).to_have_count(0, timeout=LOAD_TIMEOUT_MS)


def test_deep_link_on_a_fresh_server(page: Page, fresh_app_url: str, demo_marts_path: Path) -> None:
    """The first request a new server gets is a bookmarked page with a periode: it must show that page whole."""
    with duckdb.connect(str(demo_marts_path), read_only=True) as con:
        first = briefing.list_periodes(con)[0]
    page.goto(f"{fresh_app_url}/ringkasan?periode={format_periode(first).replace(' ', '+')}")
    expect(page.get_by_text("Data sintetis untuk demo — bukan data resmi.")).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    expected = _expected(demo_marts_path, first)
    assert _metric(page, "Penduduk (jiwa)") == format_number(expected.kpis["penduduk"].value)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    _no_page_not_found(page)


def test_shared_link_to_another_page_on_a_fresh_server(page: Page, fresh_app_url: str) -> None:
    """A link to a page other than the briefing, as the first request of a new server, shows that page with no
    notice over it."""
    page.goto(f"{fresh_app_url}/kecamatan?kec=35.14.14")
    expect(page.get_by_role("heading", name="Profil Kecamatan Bangil", exact=True)).to_be_visible(
        timeout=LOAD_TIMEOUT_MS
    )
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    _no_page_not_found(page)
