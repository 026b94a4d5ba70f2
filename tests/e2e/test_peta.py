"""The Peta page in chromium: the map paints without a basemap, hovering shows name and value, a click on a
kecamatan drills into its desa and rewrites the URL, deep links open the same view, the PNG downloads, and a
desa-level map of the official boundaries stays under 1 MB and paints."""

from __future__ import annotations

import dataclasses
import datetime
import os
import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from cc_analytics import briefing
from cc_analytics.bench.paint_probe import (
    answer_basemap_with_empty_style,
    install_paint_probe,
    screen_point,
    wait_for_paint,
)
from cc_analytics.config import load_settings
from cc_analytics.maps import MapBoundaries, build_deck, load_map_boundaries
from cc_analytics.peta.indicators import IndicatorValues, indicator_values
from cc_analytics.peta.view import build_peta_model
from tests.e2e.conftest import serve_app

pytestmark = pytest.mark.e2e

LOAD_TIMEOUT_MS = 60_000
VIEWPORT = {"width": 1400, "height": 1150}
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "pasuruan"
DESA_FILE = SHARED / "pasuruan_desa.geojson"
BANGIL = "35.14.14"


def _values(marts: Path, indikator: str, level: str) -> IndicatorValues:
    with duckdb.connect(str(marts), read_only=True) as con:
        periode = briefing.list_periodes(con)[-1]
        return indicator_values(con, periode, indikator, level, min_cell=5, is_synthetic=True)


def _open(page: Page, url: str) -> None:
    """Open ``url`` with the basemap answered by an empty style; wait until the map is painted."""
    page.set_viewport_size(VIEWPORT)
    answer_basemap_with_empty_style(page)
    install_paint_probe(page)
    page.goto(url)
    wait_for_paint(page, LOAD_TIMEOUT_MS / 1000)
    # The first deep link a freshly started server gets shows Streamlit's "Page not found" notice for a moment
    # (until the app closes it, see cc_analytics.ui.first_link); while it is up, its backdrop swallows the mouse.
    notice = page.get_by_role("dialog", name="Page not found")
    if notice.count():
        notice.get_by_role("button", name="Close").click()
        expect(notice).to_have_count(0)


def _point(
    page: Page, values: IndicatorValues, boundaries: MapBoundaries, kode: str, kode_kecamatan: str | None = None
) -> tuple[float, float]:
    """A point of the page inside the area of ``kode``, from the same model and view the server draws."""
    model = build_peta_model(values, boundaries, kode_kecamatan)
    view = build_deck(model).initial_view_state
    inside = model.areas.set_index("kode_wilayah").geometry.loc[kode].representative_point()
    box = page.get_by_test_id("stDeckGlJsonChart").bounding_box()
    assert box is not None
    view_dict = {"longitude": view.longitude, "latitude": view.latitude, "zoom": view.zoom}
    x, y = screen_point(view_dict, inside.x, inside.y, box["width"], box["height"])
    return box["x"] + x, box["y"] + y


def _away_from_names(values: IndicatorValues, boundaries: MapBoundaries, kode_kecamatan: str) -> pd.Series:
    """The desa of the kecamatan whose inner point lies farthest from every name drawn on the whole-regency map
    (a click on a name would select the kecamatan instead)."""
    model = build_peta_model(values, boundaries, None)
    areas = model.areas[model.areas["kode_kecamatan"] == kode_kecamatan]
    points = areas.geometry.representative_point()
    names = model.labels[["lon", "lat"]].to_numpy()
    distance = [float(((names - (p.x, p.y)) ** 2).sum(axis=1).min()) for p in points]
    kode = areas["kode_wilayah"].iloc[distance.index(max(distance))]
    return values.values.set_index("kode_wilayah", drop=False).loc[kode]


def _click(page: Page, x: float, y: float) -> None:
    """Click the map at (x, y) with ``Date.now`` held still.

    deck.gl counts a press as a click only when it is released within 250 ms by ``Date.now``, measured when the
    events are handled. With software WebGL on a busy test machine, picking on the press alone can take longer,
    so the release is handled too late and the click is dropped (with a GPU, picking takes milliseconds).
    Timers keep running.
    """
    page.clock.set_fixed_time(datetime.datetime.now())
    page.mouse.click(x, y)


def _row(values: IndicatorValues, kode: str) -> dict[str, str]:
    return values.values.set_index("kode_wilayah").loc[kode].to_dict()


def test_hover_shows_name_and_value_and_a_click_drills_down(page: Page, app_url: str, demo_marts_path: Path) -> None:
    values = _values(demo_marts_path, "penduduk", "kecamatan")
    _open(page, f"{app_url}/peta?indikator=penduduk&level=kecamatan")
    x, y = _point(page, values, load_map_boundaries(), BANGIL)
    page.mouse.move(x, y)
    tooltip = page.locator(".deck-tooltip")
    expect(tooltip).to_contain_text("Bangil", timeout=10_000)
    expect(tooltip).to_contain_text(f"Penduduk (jiwa): {_row(values, BANGIL)['value_label']}")
    _click(page, x, y)
    expect(page).to_have_url(re.compile(r"kec=35\.14\.14"), timeout=LOAD_TIMEOUT_MS)
    expect(page).to_have_url(re.compile(r"level=desa"))
    expect(page.get_by_text("desa/kelurahan di Kecamatan Bangil").first).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    expect(page.get_by_test_id("stSidebar").get_by_role("combobox", name="Kecamatan")).to_have_value("Bangil")
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_deep_link_to_the_desa_of_a_kecamatan(page: Page, app_url: str, demo_marts_path: Path) -> None:
    values = _values(demo_marts_path, "celah_pkh", "desa")
    _open(page, f"{app_url}/peta?indikator=celah_pkh&level=desa&kec={BANGIL}")
    expect(page.get_by_text("desa/kelurahan di Kecamatan Bangil").first).to_be_visible()
    indicator = page.get_by_role("combobox", name="Indikator")
    expect(indicator).to_have_value("Celah PKH (keluarga layak belum KPM)")
    desa = values.values[values.values["kode_kecamatan"] == BANGIL].iloc[0]
    x, y = _point(page, values, load_map_boundaries(), desa["kode_wilayah"], BANGIL)
    page.mouse.move(x, y)
    tooltip = page.locator(".deck-tooltip")
    expect(tooltip).to_contain_text(str(desa["nama"]), timeout=10_000)
    expect(tooltip).to_contain_text(f"Keluarga layak belum KPM PKH (keluarga): {desa['value_label']}")
    _click(page, x, y)
    expect(page).to_have_url(re.compile(r"desa=" + re.escape(desa["kode_wilayah"])), timeout=LOAD_TIMEOUT_MS)
    expect(page.get_by_test_id("stAlertContentInfo").filter(has_text=str(desa["nama"]))).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_png_download(page: Page, app_url: str) -> None:
    _open(page, f"{app_url}/peta?indikator=desil_1_4&level=kecamatan")
    with page.expect_download(timeout=LOAD_TIMEOUT_MS) as download:
        page.get_by_test_id("stDownloadButton").get_by_role("button").click()
    assert download.value.suggested_filename.startswith("peta_desil_1_4_kecamatan_")
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"\x89PNG\r\n\x1a\n") and len(content) > 50_000


@pytest.fixture(scope="module")
def boundaries_app_url(demo_marts_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An app server reading the public desa polygons (``CC_BOUNDARIES_PATH``, read in place, never copied)."""
    if not DESA_FILE.is_file():
        pytest.skip("shared public boundary files not present")
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(os.environ, "CC_BOUNDARIES_PATH", str(DESA_FILE))
        log = tmp_path_factory.mktemp("server_batas") / "streamlit.log"
        with serve_app(demo_marts_path, log) as url:
            yield url


def test_desa_map_of_official_boundaries(page: Page, boundaries_app_url: str, demo_marts_path: Path) -> None:
    """365 real polygons: under 1 MB received in all, painted, and a click on a desa selects it with its kecamatan."""
    received: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: received.append(len(frame))))
    _open(page, f"{boundaries_app_url}/peta?indikator=penduduk&level=desa")
    interactive, painted = page.evaluate("() => [window.__ccMapPaint.interactive, window.__ccMapPaint.painted]")
    assert 0 < painted - interactive < 30_000
    assert sum(received) < 1_000_000  # everything the page received, the 365 polygons included
    expect(page.get_by_text("Batas wilayah: pasuruan_desa.geojson.")).to_be_visible()
    boundaries = load_map_boundaries(dataclasses.replace(load_settings(), boundaries_path=DESA_FILE))
    values = _values(demo_marts_path, "penduduk", "desa")
    desa = _away_from_names(values, boundaries, BANGIL)
    x, y = _point(page, values, boundaries, desa["kode_wilayah"])
    page.mouse.move(x, y)
    expect(page.locator(".deck-tooltip")).to_contain_text(str(desa["nama"]), timeout=10_000)
    _click(page, x, y)
    expect(page).to_have_url(re.compile(r"kec=35\.14\.14"), timeout=LOAD_TIMEOUT_MS)
    expect(page).to_have_url(re.compile(r"desa=" + re.escape(desa["kode_wilayah"])))
    expect(page.get_by_text("desa/kelurahan di Kecamatan Bangil").first).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    expect(page.get_by_test_id("stException")).to_have_count(0)
