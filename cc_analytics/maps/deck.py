"""Interactive maps with pydeck: the choropleth, the locator map, and reading a click back.

No basemap is requested: ``map_provider=None`` makes pydeck emit its style placeholder, which Streamlit
drops instead of substituting the Carto style, so the map renders the same offline. Every layer has an
``id`` and ``pickable=True`` so ``st.pydeck_chart(..., on_select="rerun")`` can report clicks.

The maps draw their borders as filled polygons, not lines. Without a GPU (software WebGL, as on a
server or a thin client) deck.gl's line shader costs about a second before the first frame, while all
polygon layers share one cheap shader. Areas are drawn shrunk by half a gap, so the white page shows between
neighbours, and kecamatan outlines are dark bands centred on their boundary. Gaps and bands are sized in
pixels of the initial view, so they widen as one zooms in: zoom is limited to :data:`MAX_ZOOM_IN` levels
past the initial view (borders at most 4 × as wide); clicking a kecamatan opens its own, closer map.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

import geopandas as gpd
import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from cc_analytics import wilayah
from cc_analytics.errors import DataNotFoundError
from cc_analytics.maps import text
from cc_analytics.maps.boundaries import MapBoundaries
from cc_analytics.maps.geometry import boundary_bands, inset, rounded, simplify_for_display
from cc_analytics.maps.model import MapModel, label_points
from cc_analytics.maps.palette import CONTEXT_HEX, HIGHLIGHT_HEX, hex_to_rgba
from cc_analytics.maps.reference import Bounds

AREA_LAYER_ID = "wilayah"
OUTLINE_LAYER_ID = "batas-kecamatan"
LABEL_LAYER_ID = "nama-wilayah"
LOCATOR_LAYER_ID = "lokasi"
LOCATOR_LABEL_LAYER_ID = "lokasi-nama"
LAYER_IDS = (AREA_LAYER_ID, OUTLINE_LAYER_ID, LABEL_LAYER_ID, LOCATOR_LAYER_ID, LOCATOR_LABEL_LAYER_ID)

WORLD_PIXELS_AT_ZOOM_0 = 512  # deck.gl's web-mercator viewport: the world is 512 px wide at zoom 0
COORDINATE_DECIMALS = 5  # about 1 m: finer than any screen shows, and keeps the payload small
FILL_ALPHA = 235
TEXT_RGBA = [17, 17, 17, 255]
HALO_RGBA = [255, 255, 255, 235]
# White halo around the names, legible on every class colour: signed-distance-field glyphs with a wide
# distance range (48 px around 64 px glyphs, 24 px kept in the atlas). deck.gl caps the halo at its
# smoothing threshold, so any outline_width of 1 or more draws the widest halo: about 2 px around 12 px text.
FONT_SETTINGS = {"sdf": True, "fontSize": 64, "buffer": 24, "radius": 48}
HALO_WIDTH = 4
OUTLINE_RGBA = [55, 55, 55, 255]
AREA_GAP_PX = {"kecamatan": 1.0, "desa": 0.5}  # white between neighbouring areas
OUTLINE_PX = {"kecamatan": 3.0, "desa": 1.5}  # dark kecamatan outline (the selected one at kecamatan level)
# The outline's own simplification: a third of its half-width, so that the band still covers the gaps along it.
OUTLINE_TOLERANCE_PX = 0.25
MIN_ZOOM = 7
MAX_ZOOM = 16
MAX_ZOOM_IN = 2.0  # levels past the initial view of a choropleth; its borders are drawn in map units
DEFAULT_VIEWPORT = (720, 480)
LOCATOR_VIEWPORT = (280, 220)
LOCATOR_TOLERANCE_M = 300.0  # a locator is ~250 px wide: 300 m is under one pixel there
LOCATOR_GAP_PX = 1.0  # white between the locator's kecamatan

TOOLTIP = {
    "html": "<b>{nama}</b><br/>{keterangan}",
    "style": {"backgroundColor": "#ffffff", "color": "#212121", "fontSize": "13px", "border": "1px solid #bdbdbd"},
}


class CompactDeck(pdk.Deck):
    """A pydeck ``Deck`` whose JSON is written without indentation.

    ``st.pydeck_chart`` sends ``deck.to_json()`` to the browser; pydeck indents it by two spaces per level,
    which makes polygon data about 4.5 times larger. This writes the same JSON compactly.
    """

    def to_json(self) -> str:
        """The deck as compact JSON (same content as :meth:`pydeck.Deck.to_json`)."""
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


def feature_collection(frame: gpd.GeoDataFrame, properties: list[str]) -> dict[str, Any]:
    """GeoJSON FeatureCollection of ``frame`` with only ``properties``, coordinates rounded (~1 m)."""
    slim = frame[[*properties, "geometry"]].copy()
    slim["geometry"] = rounded(slim.geometry.to_numpy(), COORDINATE_DECIMALS)
    return slim.to_geo_dict(drop_id=True)


def view_state(
    bounds: Bounds,
    viewport: tuple[int, int] = DEFAULT_VIEWPORT,
    padding: float = 0.9,
    *,
    max_zoom_in: float | None = None,
) -> pdk.ViewState:
    """A view fitting ``bounds`` (min lon, min lat, max lon, max lat) into ``viewport`` pixels (width, height).

    Values are rounded so that the same bounds always give the same view (Streamlit keeps the user's pan and
    zoom only while the initial view is unchanged). ``max_zoom_in`` limits zooming to that many levels past the
    initial zoom (default: up to :data:`MAX_ZOOM`).
    """
    minx, miny, maxx, maxy = bounds
    merc = [math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))) for lat in (miny, maxy)]
    span_x = max(maxx - minx, 1e-4)
    span_y = max(merc[1] - merc[0], 1e-4)
    world = WORLD_PIXELS_AT_ZOOM_0
    zoom = min(math.log2(viewport[0] * 360 / (span_x * world)), math.log2(viewport[1] * 360 / (span_y * world)))
    centre_merc = math.radians((merc[0] + merc[1]) / 2)
    centre_lat = math.degrees(2 * math.atan(math.exp(centre_merc)) - math.pi / 2)
    initial = round(zoom + math.log2(padding), 2)
    return pdk.ViewState(
        longitude=round((minx + maxx) / 2, 4),
        latitude=round(centre_lat, 4),
        zoom=initial,
        min_zoom=MIN_ZOOM,
        max_zoom=MAX_ZOOM if max_zoom_in is None else min(MAX_ZOOM, round(initial + max_zoom_in, 2)),
        pitch=0,
        bearing=0,
    )


def degrees_per_pixel(zoom: float) -> float:
    """Degrees of longitude one pixel spans at ``zoom`` (web mercator); near the equator, of latitude too
    (at 7.7° S one degree of latitude is drawn 1 % taller than one of longitude)."""
    return 360 / (WORLD_PIXELS_AT_ZOOM_0 * 2**zoom)


def _with_geometry(frame: gpd.GeoDataFrame, geometries: Any) -> gpd.GeoDataFrame:
    return frame.set_geometry(gpd.GeoSeries(geometries, index=frame.index, crs=frame.crs))


def _label_layer(labels: pd.DataFrame, layer_id: str, size: int) -> pdk.Layer:
    return pdk.Layer(
        "TextLayer",
        id=layer_id,
        data=labels.to_dict(orient="records"),
        pickable=True,
        get_position=["lon", "lat"],
        get_text="nama",
        get_size=size,
        get_color=TEXT_RGBA,
        font_family="'Arial, Helvetica, sans-serif'",
        font_weight=600,
        font_settings=FONT_SETTINGS,
        outline_width=HALO_WIDTH,
        outline_color=HALO_RGBA,
    )


def build_deck(model: MapModel, *, viewport: tuple[int, int] = DEFAULT_VIEWPORT) -> CompactDeck:
    """The interactive choropleth of ``model``: areas, kecamatan outlines, name labels, tooltip.

    Borders are polygons (see the module docstring): each area is shrunk by half of :data:`AREA_GAP_PX`, each
    outline is a band :data:`OUTLINE_PX` wide, in pixels of the initial view.

    Args:
        model: from :func:`~cc_analytics.maps.model.build_map_model`.
        viewport: expected size in pixels (width, height), used to choose the initial zoom and so the width of
            the borders.

    Returns:
        A deck with layers :data:`AREA_LAYER_ID`, :data:`OUTLINE_LAYER_ID` and :data:`LABEL_LAYER_ID`, all
        pickable; a click selects the wilayah (read it with :func:`selected_kode`).
    """
    view = view_state(model.bounds, viewport, max_zoom_in=MAX_ZOOM_IN)
    pixel = degrees_per_pixel(view.zoom)
    shrunk = inset(model.areas.geometry.to_numpy(), AREA_GAP_PX[model.level] / 2 * pixel)
    areas = _with_geometry(model.areas, shrunk).assign(fill=[hex_to_rgba(c, FILL_ALPHA) for c in model.areas["warna"]])
    outlines = model.outlines.geometry.to_numpy()
    bands = boundary_bands(outlines, OUTLINE_PX[model.level] * pixel, OUTLINE_TOLERANCE_PX * pixel)
    polygon = {"pickable": True, "stroked": False, "filled": True}
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            id=AREA_LAYER_ID,
            data=feature_collection(areas, ["kode_wilayah", "nama", "keterangan", "fill"]),
            get_fill_color="properties.fill",
            auto_highlight=True,
            highlight_color=[255, 255, 255, 90],
            **polygon,
        ),
        pdk.Layer(
            "GeoJsonLayer",
            id=OUTLINE_LAYER_ID,
            data=feature_collection(_with_geometry(model.outlines, bands), ["kode_wilayah", "nama", "keterangan"]),
            get_fill_color=OUTLINE_RGBA,
            **polygon,
        ),
        _label_layer(model.labels, LABEL_LAYER_ID, 11 if model.level == "desa" and model.kode_kecamatan else 12),
    ]
    return CompactDeck(layers=layers, initial_view_state=view, map_provider=None, tooltip=TOOLTIP)


def build_locator_deck(
    boundaries: MapBoundaries, kode_kecamatan: str, *, viewport: tuple[int, int] = LOCATOR_VIEWPORT
) -> CompactDeck:
    """A small map of the regency with one kecamatan highlighted and named.

    Raises:
        DataNotFoundError: ``kode_kecamatan`` is not a kecamatan of the regency.
    """
    kecamatan = boundaries.kecamatan
    chosen = kecamatan["kode_wilayah"] == kode_kecamatan
    if not chosen.any():
        known = set(wilayah.kecamatan()["kode_wilayah"])
        problem = "tidak ada di Kabupaten Pasuruan" if kode_kecamatan not in known else "tidak mempunyai batas"
        raise DataNotFoundError(f"Kecamatan dengan kode '{kode_kecamatan}' {problem}.")
    name = str(kecamatan.loc[chosen, "nama"].iloc[0])
    frame = simplify_for_display(kecamatan, LOCATOR_TOLERANCE_M, notes=[]).assign(
        keterangan=[text.LOCATOR_TITLE.format(nama=name) if c else "" for c in chosen],
        fill=[hex_to_rgba(HIGHLIGHT_HEX if c else CONTEXT_HEX) for c in chosen],
    )
    labels = label_points(frame[chosen])
    view = view_state(tuple(float(v) for v in kecamatan.total_bounds), viewport)
    # Borders as gaps, like the choropleth: the locator cannot be zoomed, so they stay one pixel wide.
    shrunk = inset(frame.geometry.to_numpy(), LOCATOR_GAP_PX / 2 * degrees_per_pixel(view.zoom))
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            id=LOCATOR_LAYER_ID,
            data=feature_collection(_with_geometry(frame, shrunk), ["kode_wilayah", "nama", "keterangan", "fill"]),
            pickable=True,
            stroked=False,
            filled=True,
            get_fill_color="properties.fill",
        ),
        _label_layer(labels, LOCATOR_LABEL_LAYER_ID, 12),
    ]
    return CompactDeck(
        layers=layers,
        initial_view_state=view,
        map_provider=None,
        tooltip=TOOLTIP,
        views=[pdk.View("MapView", controller=False)],
    )


def selected_kode(selection: Mapping[str, Any] | None) -> str | None:
    """The ``kode_wilayah`` of the clicked wilayah in a pydeck selection, or None.

    Accepts the value ``st.pydeck_chart(..., on_select="rerun")`` returns (``{"selection": {"objects":
    {layer_id: [feature, ...]}}}``) or its inner ``selection``; features may carry the code at top level
    (labels) or under ``properties`` (polygons). Areas win over outlines and labels.
    """
    if not selection:
        return None
    inner = selection.get("selection", selection)
    objects = (inner.get("objects") or {}) if isinstance(inner, Mapping) else {}
    for layer_id in LAYER_IDS:
        for feature in objects.get(layer_id) or []:
            properties = (feature.get("properties") or feature) if isinstance(feature, Mapping) else {}
            kode = properties.get("kode_wilayah")
            if isinstance(kode, str) and kode:
                return kode
    return None


def deck_payload_bytes(deck: pdk.Deck) -> int:
    """Size in bytes of the deck's JSON, as sent to the browser."""
    return len(deck.to_json().encode("utf-8"))
