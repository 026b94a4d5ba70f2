"""The Peta map in chromium: an in-page probe that times when the deck is painted, and where a place is drawn.

- :func:`install_paint_probe` and :func:`wait_for_paint`: the probe, reused by the browser tests;
- :func:`measure_map_paint`: open ``/peta`` of a running app in Debian's chromium and time how long after
  the page is interactive the deck shows its coloured areas; also counts the bytes the page received over its
  websocket;
- :func:`screen_point`: the pixel at which deck.gl draws a longitude/latitude.

The probe runs inside the page every :data:`CHECK_INTERVAL_MS` (no screenshots; reading the canvas back
on every frame would itself slow the software WebGL renderer down). "Interactive" is the moment the script run
has delivered the whole page: the DOM change that makes both the map element and the "Unduh PNG" button under it
present, noted by a ``MutationObserver`` (a timer would note it late whenever a long task, such as the deck's
own setup, holds the main thread). "Painted" is the first check at which at least :data:`PAINTED_FRACTION` of a
64 × 36 sample of the deck's pixels are coloured (the classes are saturated colours; background, borders, names
and greys are not). Reading the canvas waits until the GPU has finished every frame drawn so far, so a check
returns when the frame is really drawn. To read the pixels, WebGL contexts are created with
``preserveDrawingBuffer``. The result is accurate to one interval.

Needs Playwright (a test dependency) and Debian's chromium; imported only by the bench and the tests.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from typing import Any

from cc_analytics.maps.deck import WORLD_PIXELS_AT_ZOOM_0

PAINTED_FRACTION = 0.02
CHECK_INTERVAL_MS = 50  # reading the canvas back is slow with software WebGL: checking every frame slows painting
SATURATION_MIN = 40  # max(r, g, b) - min(r, g, b) of a coloured pixel; the page background is about 16
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ("--no-sandbox", "--disable-dev-shm-usage", "--no-first-run", "--disable-quic")
EMPTY_STYLE = '{"version":8,"sources":{},"layers":[]}'
BASEMAP_PATTERN = "**/basemaps.cartocdn.com/**"

PAINT_PROBE_JS = """
(() => {
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, attributes) {
    if (type === "webgl" || type === "webgl2") {
      attributes = Object.assign({}, attributes, { preserveDrawingBuffer: true });
    }
    return getContext.call(this, type, attributes);
  };
  const probe = { interactive: null, painted: null, fraction: 0, checks: 0, checkMs: 0 };
  window.__ccMapPaint = probe;
  const sample = document.createElement("canvas");
  sample.width = 64;
  sample.height = 36;
  function colouredFraction(canvas) {
    const context = sample.getContext("2d", { willReadFrequently: true });
    context.clearRect(0, 0, sample.width, sample.height);
    context.drawImage(canvas, 0, 0, sample.width, sample.height);
    const data = context.getImageData(0, 0, sample.width, sample.height).data;
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) {
      const high = Math.max(data[i], data[i + 1], data[i + 2]);
      const low = Math.min(data[i], data[i + 1], data[i + 2]);
      if (data[i + 3] > 0 && high - low > SATURATION_MIN) coloured += 1;
    }
    return coloured / (data.length / 4);
  }
  function chart() {
    return document.querySelector('[data-testid="stDeckGlJsonChart"]');
  }
  function noteInteractive() {
    if (probe.interactive === null && chart() && document.querySelector('[data-testid="stDownloadButton"]')) {
      probe.interactive = performance.now();
    }
  }
  const observer = new MutationObserver(() => {
    noteInteractive();
    if (probe.interactive !== null) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
  function check() {
    noteInteractive();
    if (probe.interactive !== null && chart()) {
      const started = performance.now();
      for (const canvas of chart().querySelectorAll("canvas")) {
        if (canvas.width === 0 || canvas.height === 0) continue;
        probe.fraction = Math.max(probe.fraction, colouredFraction(canvas));
      }
      probe.checks += 1;
      probe.checkMs += performance.now() - started;
      if (probe.fraction >= PAINTED_FRACTION) {
        probe.painted = performance.now();
        return;
      }
    }
    setTimeout(check, CHECK_INTERVAL_MS);
  }
  setTimeout(check, CHECK_INTERVAL_MS);
})();
"""


def screen_point(view: dict[str, float], lon: float, lat: float, width: float, height: float) -> tuple[float, float]:
    """Pixel position (x, y) of ``lon``/``lat`` in a deck of ``width`` × ``height`` px with ``initialViewState``
    ``view`` (``longitude``, ``latitude``, ``zoom``): deck.gl's web-mercator projection, 512 px world at zoom 0."""
    scale = WORLD_PIXELS_AT_ZOOM_0 * 2 ** view["zoom"] / (2 * math.pi)

    def world(lon_: float, lat_: float) -> tuple[float, float]:
        x = scale * (math.radians(lon_) + math.pi)
        y = scale * (math.pi - math.log(math.tan(math.pi / 4 + math.radians(lat_) / 2)))
        return x, y

    cx, cy = world(view["longitude"], view["latitude"])
    px, py = world(lon, lat)
    return width / 2 + px - cx, height / 2 + py - cy


@dataclass(frozen=True)
class PaintTiming:
    """One timed page load (ms after navigation start for ``interactive_ms``).

    Attributes:
        interactive_ms: from navigation start until the page was interactive.
        painted_ms: from interactive until the map's areas were painted.
        websocket_bytes: bytes the page received over the app's websocket until painted (all script output).
    """

    interactive_ms: float
    painted_ms: float
    websocket_bytes: int


def install_paint_probe(page: Any) -> None:
    """Add the in-page paint probe (see module docstring) to every document ``page`` loads from now on."""
    script = PAINT_PROBE_JS.replace("SATURATION_MIN", str(SATURATION_MIN))
    script = script.replace("CHECK_INTERVAL_MS", str(CHECK_INTERVAL_MS))
    page.add_init_script(script.replace("PAINTED_FRACTION", str(PAINTED_FRACTION)))


def wait_for_paint(page: Any, timeout_s: float = 60.0) -> tuple[float, float]:
    """Wait until the probe saw the map painted; return (interactive, painted) in ms after navigation start."""
    page.wait_for_function(
        "() => window.__ccMapPaint && window.__ccMapPaint.painted !== null", timeout=timeout_s * 1000
    )
    probe = page.evaluate("() => window.__ccMapPaint")
    return float(probe["interactive"]), float(probe["painted"])


def answer_basemap_with_empty_style(page: Any) -> None:
    """Answer the Carto basemap style request (unreachable offline) with an empty style."""
    page.route(
        BASEMAP_PATTERN,
        lambda route: route.fulfill(status=200, content_type="application/json", body=EMPTY_STYLE),
    )


def _timed_load(page: Any, url: str, timeout_s: float) -> PaintTiming:
    received = [0]

    def count(frame: str | bytes) -> None:
        received[0] += len(frame)

    page.on("websocket", lambda ws: ws.on("framereceived", count))
    answer_basemap_with_empty_style(page)
    install_paint_probe(page)
    page.goto(url)
    interactive, painted = wait_for_paint(page, timeout_s)
    return PaintTiming(round(interactive, 1), round(painted - interactive, 1), received[0])


def measure_map_paint(
    base_url: str,
    *,
    query: str = "indikator=penduduk&level=desa",
    runs: int = 8,
    timeout_s: float = 60.0,
    viewport: tuple[int, int] = (1400, 1000),
) -> dict[str, float]:
    """Open ``{base_url}/peta?{query}`` ``runs`` times in fresh chromium pages and time the map's paint.

    Needs Playwright and Debian's chromium (``/usr/bin/chromium``); a running app (``streamlit run app.py``).
    The first load warms the server's caches and is not counted when ``runs`` > 1. Software WebGL shares the
    CPU with everything else on the machine: single loads vary by a second or more, so the median of several is
    reported with the fastest and slowest.

    Returns:
        ``map_interactive_ms`` and ``map_painted_ms`` (medians, ms after navigation start and after
        interactive), ``map_painted_min_ms``, ``map_painted_max_ms``, ``map_paint_runs`` (loads counted) and
        ``map_websocket_bytes`` (of the last run).
    """
    from playwright.sync_api import sync_playwright  # a test dependency: imported only when measuring

    timings: list[PaintTiming] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_FLAGS))
        try:
            for _ in range(runs):
                page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
                timings.append(_timed_load(page, f"{base_url}/peta?{query}", timeout_s))
                page.close()
        finally:
            browser.close()
    counted = timings[1:] if len(timings) > 1 else timings
    return {
        "map_interactive_ms": statistics.median(t.interactive_ms for t in counted),
        "map_painted_ms": statistics.median(t.painted_ms for t in counted),
        "map_painted_min_ms": min(t.painted_ms for t in counted),
        "map_painted_max_ms": max(t.painted_ms for t in counted),
        "map_paint_runs": len(counted),
        "map_websocket_bytes": counted[-1].websocket_bytes,
    }
