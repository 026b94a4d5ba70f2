"""Links that reopen the same view, in a real browser (Debian chromium).

Open a shared link, check the view, change the kecamatan, copy the link with "Salin tautan", open it in a fresh
browser context and see the same headings and numbers; the browser's Back and Forward buttons return to the
previous and next view.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Browser, Page, expect

from cc_analytics import briefing
from cc_analytics.formatting import format_number
from cc_analytics.profile import texts as tx
from cc_analytics.profile.build import build_profile
from cc_analytics.profile.data import periode_info, profile_counts, profile_distributions, profile_sources

pytestmark = pytest.mark.e2e

TIMEOUT_MS = 60_000
BANGIL, KOLURSARI, PURWODADI = "35.14.14", "35.14.14.1001", "35.14.01"


def _penduduk(marts: Path, periode: str, kec: str | None, desa: str | None) -> str:
    with duckdb.connect(str(marts), read_only=True) as con:
        profile = build_profile(
            profile_counts(con, periode, 5),
            profile_distributions(con, periode, kec, 5),
            profile_sources(con, periode, True),
            periode_info(con, periode),
            kode_kecamatan=kec,
            kode_desa=desa,
            min_cell=5,
        )
    return format_number(profile.indicators.loc["penduduk", "value"])


def _older_periode(marts: Path) -> str:
    with duckdb.connect(str(marts), read_only=True) as con:
        return briefing.list_periodes(con)[-2]


def _view(page: Page, heading: str) -> tuple[str, dict[str, str]]:
    """Wait until the page shows ``heading`` and has finished its run; return (URL, metric label → value)."""
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("stMetric")).to_have_count(10, timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT_MS)
    cards = page.get_by_test_id("stMetric")
    values = {
        cards.nth(i).get_by_test_id("stMetricLabel").inner_text(): cards.nth(i)
        .get_by_test_id("stMetricValue")
        .inner_text()
        for i in range(cards.count())
    }
    expect(page.get_by_test_id("stException")).to_have_count(0)
    return page.url, values


def _copy_link(page: Page) -> str:
    """Open "Salin tautan" and copy the link with the code block's copy button; return the clipboard text."""
    page.get_by_role("button", name="Salin tautan").click()
    code = page.get_by_test_id("stCode").filter(has_text="periode=")
    expect(code).to_be_visible()
    code.hover()
    code.get_by_role("button").click()
    return str(page.evaluate("navigator.clipboard.readText()"))


@pytest.fixture
def warm(browser: Browser, app_url: str) -> None:
    """Load the app once to the end of its run (the address then holds the periode), so this test does not
    depend on being the first to reach a new server (whose first deep link shows Streamlit's "Page not found"
    notice for a moment, see :mod:`cc_analytics.ui.first_link`)."""
    context = browser.new_context()
    first = context.new_page()
    first.goto(app_url)
    expect(first).to_have_url(re.compile(r"periode="), timeout=TIMEOUT_MS)
    context.close()


@pytest.mark.usefixtures("warm")
def test_link_reopens_the_same_view_and_back_restores_the_previous(
    browser: Browser, app_url: str, demo_marts_path: Path
) -> None:
    periode = _older_periode(demo_marts_path)
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()

    page.goto(f"{app_url}/kecamatan?kec={BANGIL}&desa={KOLURSARI}&periode={periode}")
    first_url, first = _view(page, tx.TITLE["kelurahan"].format(nama="Kolursari"))
    assert first[tx.INDICATOR_LABELS["penduduk"]] == _penduduk(demo_marts_path, periode, BANGIL, KOLURSARI)
    assert f"periode={periode}" in first_url and f"desa={KOLURSARI}" in first_url

    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stSelectbox").filter(has_text="Kecamatan").click()
    page.get_by_role("option", name="Purwodadi", exact=True).click()
    second_url, second = _view(page, tx.TITLE["kecamatan"].format(nama="Purwodadi"))
    assert second[tx.INDICATOR_LABELS["penduduk"]] == _penduduk(demo_marts_path, periode, PURWODADI, None)
    assert re.search(rf"kec={re.escape(PURWODADI)}(&|$)", second_url)
    assert re.search(r"desa=semua(&|$)", second_url)

    link = _copy_link(page)
    assert link.startswith(f"{app_url}/kecamatan?")
    assert link.endswith(f"periode={periode}&kec={PURWODADI}&desa=semua")

    other = browser.new_context().new_page()
    other.goto(link)
    _, reopened = _view(other, tx.TITLE["kecamatan"].format(nama="Purwodadi"))
    assert reopened == second
    other.context.close()

    page.keyboard.press("Escape")
    page.go_back()
    back_url, back = _view(page, tx.TITLE["kelurahan"].format(nama="Kolursari"))
    assert back == first
    assert f"desa={KOLURSARI}" in back_url
    page.go_forward()
    _, forward = _view(page, tx.TITLE["kecamatan"].format(nama="Purwodadi"))
    assert forward == second
    context.close()


@pytest.mark.usefixtures("warm")
def test_invalid_link_opens_the_nearest_view_with_a_notice(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/kecamatan?kec=bangil&desa=35.14.01.2001&periode=1999-S9")
    _view(page, tx.TITLE["kecamatan"].format(nama="Bangil"))
    expect(page.get_by_text("Desa/kelurahan “Gerbo” pada tautan tidak berada di Kecamatan Bangil")).to_be_visible()
    expect(page.get_by_text("Periode “1999-S9” pada tautan tidak dikenali")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"kec={re.escape(BANGIL)}.*desa=semua|desa=semua.*kec={re.escape(BANGIL)}"))


@pytest.mark.usefixtures("warm")
def test_moving_between_pages_keeps_the_wilayah_and_periode(page: Page, app_url: str, demo_marts_path: Path) -> None:
    periode = _older_periode(demo_marts_path)
    page.goto(f"{app_url}/kecamatan?kec=bangil&periode={periode}")
    _, before = _view(page, tx.TITLE["kecamatan"].format(nama="Bangil"))
    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_role("link", name="Ringkasan").click()
    expect(page.get_by_role("heading", name="Ringkasan Kabupaten Pasuruan")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page).to_have_url(re.compile(rf"kec={re.escape(BANGIL)}"), timeout=TIMEOUT_MS)
    expect(page).to_have_url(re.compile(rf"periode={periode}"))
    nav.get_by_role("link", name="Kecamatan & Desa").click()
    _, after = _view(page, tx.TITLE["kecamatan"].format(nama="Bangil"))
    assert after == before
