"""The PKH coverage page in a real browser: links open the same view, choices rewrite the link, the map link
carries codes, and the masked verification list downloads as XLSX only when row-level lists are allowed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import duckdb
import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from cc_analytics.briefing.build import list_periodes
from cc_analytics.pkh import display
from cc_analytics.pkh import texts as t
from cc_analytics.pkh.queries import Selection, tahap_options
from cc_analytics.pkh.view import build_view
from tests.e2e.conftest import serve_app

pytestmark = pytest.mark.e2e

LOAD_TIMEOUT_MS = 30_000
KEC = "35.14.14"


def _latest(marts: Path) -> tuple[str, list[int]]:
    with duckdb.connect(str(marts), read_only=True) as con:
        periode = list_periodes(con)[-1]
        return periode, tahap_options(con, periode)


def _cards(marts: Path, selection: Selection) -> dict[str, str]:
    with duckdb.connect(str(marts), read_only=True) as con:
        view = build_view(con, selection, min_cell=5, is_synthetic=True)
    return {c.label: c.value for c in display.summary_cards(view)}


def _metric(page: Page, label: str):
    card = page.get_by_test_id("stMetric").filter(has=page.get_by_text(label, exact=True))
    return card.get_by_test_id("stMetricValue")


def _params(page: Page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def _open(page: Page, url: str) -> None:
    """Open a page of the app by its link, after one visit to the app's root.

    On a server that has not yet run the router, the first deep link shows Streamlit's "Page not found"
    notice for a moment before the app closes it (:mod:`cc_analytics.ui.first_link`); visiting the root first
    keeps it out of this test.
    """
    root = url.split("/pkh")[0]
    if url != root:
        _warm(page, root)
    page.goto(url)
    expect(page.get_by_role("heading", name=t.TITLE)).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    expect(page.get_by_test_id("stMetric").first).to_be_visible(timeout=LOAD_TIMEOUT_MS)


def _warm(page: Page, url: str) -> None:
    """Open the app once, so the router has run before a deep link is opened on this server."""
    page.goto(url)
    nav = page.get_by_test_id("stSidebarNav").get_by_role("link", name=t.NAV_TITLE)
    expect(nav).to_be_visible(timeout=LOAD_TIMEOUT_MS)  # drawn by st.navigation: the router has run


def test_link_opens_the_same_view(page: Page, app_url: str, demo_marts_path: Path) -> None:
    periode, tahap = _latest(demo_marts_path)
    first = tahap[0]
    _open(page, f"{app_url}/pkh?periode={periode}&kec={KEC}&tahap={first}&komponen=sd")
    cards = _cards(demo_marts_path, Selection(periode, first, "sd", kode_kecamatan=KEC))
    for label, value in cards.items():
        expect(_metric(page, label)).to_have_text(value, timeout=LOAD_TIMEOUT_MS)
    expect(page.get_by_text("Kecamatan Bangil · ").first).to_be_visible()
    expect(page.get_by_text("Sumber: DTSEN Kemensos (sintetis), posisi").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"desa=semua"), timeout=LOAD_TIMEOUT_MS)
    assert _params(page) == {
        "periode": periode,
        "kec": KEC,
        "desa": "semua",
        "tahap": str(first),
        "komponen": "sd",
    }


def test_choices_rewrite_the_link_and_back_restores(page: Page, app_url: str, demo_marts_path: Path) -> None:
    periode, tahap = _latest(demo_marts_path)
    _open(page, f"{app_url}/pkh")
    expect(page).to_have_url(re.compile(rf"tahap={tahap[-1]}.*komponen=semua"), timeout=LOAD_TIMEOUT_MS)
    page.get_by_test_id("stSelectbox").filter(has_text=t.KOMPONEN_LABEL).click()
    page.get_by_role("option", name=t.KOMPONEN_NAMES["lansia"], exact=True).click()
    expect(page).to_have_url(re.compile(r"komponen=lansia"), timeout=LOAD_TIMEOUT_MS)
    lansia = _cards(demo_marts_path, Selection(periode, tahap[-1], "lansia"))
    expect(_metric(page, t.CARD_LAYAK)).to_have_text(lansia[t.CARD_LAYAK], timeout=LOAD_TIMEOUT_MS)
    page.get_by_role("radio", name=t.TAHAP_OPTION.format(tahap=tahap[0]), exact=True).click()
    expect(page).to_have_url(re.compile(rf"tahap={tahap[0]}"), timeout=LOAD_TIMEOUT_MS)
    earlier = _cards(demo_marts_path, Selection(periode, tahap[0], "lansia"))
    expect(_metric(page, t.CARD_PKH)).to_have_text(earlier[t.CARD_PKH], timeout=LOAD_TIMEOUT_MS)
    page.go_back()
    expect(page).to_have_url(re.compile(rf"tahap={tahap[-1]}"), timeout=LOAD_TIMEOUT_MS)
    expect(_metric(page, t.CARD_PKH)).to_have_text(lansia[t.CARD_PKH], timeout=LOAD_TIMEOUT_MS)


def test_map_link_carries_codes(page: Page, app_url: str, demo_marts_path: Path) -> None:
    periode, _ = _latest(demo_marts_path)
    _open(page, f"{app_url}/pkh?kec={KEC}")
    link = page.get_by_role("link", name=re.compile(t.MAP_LINK))
    expect(link).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    href = link.get_attribute("href") or ""
    assert urlparse(href).path.endswith("peta")
    assert {k: v[0] for k, v in parse_qs(urlparse(href).query).items()} == {
        "indikator": "celah_pkh",
        "level": "desa",
        "periode": periode,
        "kec": KEC,
    }


@pytest.fixture
def row_level_url(demo_marts_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A server started with ``CC_ALLOW_ROW_LEVEL=1``."""
    monkeypatch.setenv("CC_ALLOW_ROW_LEVEL", "1")
    with serve_app(demo_marts_path, tmp_path / "streamlit.log") as url:
        yield url


def _desa_with_a_list(marts: Path, periode: str) -> str:
    with duckdb.connect(str(marts), read_only=True) as con:
        return con.execute(
            "SELECT kode_desa FROM verval WHERE periode = ? GROUP BY 1 HAVING count(DISTINCT jenis) = 2 "
            "ORDER BY count(*) DESC, 1 LIMIT 1",
            [periode],
        ).fetchone()[0]


def test_verval_list_downloads_as_marked_xlsx(page: Page, row_level_url: str, demo_marts_path: Path, tmp_path: Path):
    periode, _ = _latest(demo_marts_path)
    desa = _desa_with_a_list(demo_marts_path, periode)
    _open(page, f"{row_level_url}/pkh?kec={desa[:8]}&desa={desa}")
    expect(page.get_by_text(t.VERVAL_CONFIDENTIAL).first).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    expect(page).to_have_url(re.compile(r"komponen=semua"), timeout=LOAD_TIMEOUT_MS)
    assert set(_params(page)) == {"periode", "kec", "desa", "tahap", "komponen"}
    assert not re.search(r"\d{12,}", page.url)
    with page.expect_download(timeout=LOAD_TIMEOUT_MS) as info:
        page.get_by_role("button", name=t.VERVAL_DOWNLOAD).click()
    download = info.value
    assert download.suggested_filename == f"verval_pkh_{desa}_{periode}.xlsx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    sheet = load_workbook(path).active
    assert sheet.cell(row=1, column=1).value == t.VERVAL_CONFIDENTIAL
    assert str(sheet.cell(row=4, column=1).value).startswith("Sumber: DTSEN Kemensos (sintetis), posisi")
    niks = [sheet.cell(row=r, column=4).value for r in range(8, sheet.max_row + 1)]
    assert niks and all(v is None or re.fullmatch(r"\*{12}\d{4}", v) for v in niks)
    expect(page.get_by_test_id("stException")).to_have_count(0)
