"""A static PNG of a map for briefings: Altair geoshapes rendered offline with vl-convert.

Draws the same :class:`~cc_analytics.maps.model.MapModel` as the interactive map (same classes, colours,
outlines and labels), with the legend, a title and the caption. No network access: vl-convert is told
not to load anything from any URL.
"""

from __future__ import annotations

import textwrap
from typing import Any

import altair as alt
import geopandas as gpd
import vl_convert

from cc_analytics.maps.deck import feature_collection
from cc_analytics.maps.geometry import oriented_for_d3
from cc_analytics.maps.model import MapModel

MAX_LABELS = 60  # above this (whole-regency desa level) the names would cover the map
CAPTION_WIDTH_CHARS = 110
TEXT_HEX = "#212121"
OUTLINE_HEX = "#373737"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _subtitle(model: MapModel, width: int) -> list[str]:
    chars = max(40, min(CAPTION_WIDTH_CHARS, width // 6))
    return textwrap.wrap(model.caption, chars)


def _features(frame: gpd.GeoDataFrame, properties: list[str]) -> list[dict[str, Any]]:
    oriented = frame.set_geometry(oriented_for_d3(frame.geometry.to_numpy()), crs=frame.crs)
    return feature_collection(oriented, properties)["features"]


def _label_layers(model: MapModel) -> list[alt.Chart]:
    if model.labels.empty or len(model.labels) > MAX_LABELS:
        return []
    records: list[dict[str, Any]] = model.labels[["nama", "lon", "lat"]].to_dict(orient="records")
    base = alt.Chart(alt.Data(values=records)).encode(longitude="lon:Q", latitude="lat:Q", text="nama:N")
    size = 9 if model.level == "desa" else 10
    halo = base.mark_text(
        fontSize=size, fontWeight="bold", color="white", stroke="white", strokeWidth=3, strokeJoin="round"
    )
    return [halo, base.mark_text(fontSize=size, fontWeight="bold", color=TEXT_HEX)]


def build_static_chart(model: MapModel, *, width: int = 640, height: int = 520) -> alt.LayerChart:
    """The map as an Altair chart (Vega-Lite), ready to save or render.

    Args:
        model: from :func:`~cc_analytics.maps.model.build_map_model`.
        width: width of the map area in pixels (the legend and title come on top of it).
        height: height of the map area in pixels.
    """
    features = _features(model.areas, ["nama", "kelas", "value_label"])
    domain = [entry.label for entry in model.legend.entries]
    palette = [entry.colour for entry in model.legend.entries]
    areas = (
        alt.Chart(alt.Data(values=features))
        .mark_geoshape(stroke="white", strokeWidth=0.4 if model.level == "desa" else 0.8)
        .encode(
            color=alt.Color(
                "properties.kelas:N",
                scale=alt.Scale(domain=domain, range=palette),
                sort=domain,
                legend=alt.Legend(title=model.title or None, orient="right", labelLimit=220, symbolType="square"),
            )
        )
    )
    layers: list[alt.Chart] = [areas]
    if not model.outlines.empty:
        outline_features = _features(model.outlines, ["nama"])
        strokes = alt.Chart(alt.Data(values=outline_features)).mark_geoshape(
            filled=False, stroke=OUTLINE_HEX, strokeWidth=1.2 if model.level == "desa" else 2.5
        )
        layers.append(strokes)
    layers += _label_layers(model)
    title = alt.TitleParams(
        text=model.title or "Peta", subtitle=_subtitle(model, width), anchor="start", subtitleColor="#555555"
    )
    return (
        alt.layer(*layers)
        .project(type="mercator")
        .properties(width=width, height=height, title=title)
        .configure_view(stroke=None)
    )


def render_png(model: MapModel, *, width: int = 640, height: int = 520, scale: float = 2.0) -> bytes:
    """The map as PNG bytes (``scale`` 2 gives a sharp image for slides and print).

    Args:
        model: from :func:`~cc_analytics.maps.model.build_map_model`.
        width: width of the map area in CSS pixels.
        height: height of the map area in CSS pixels.
        scale: pixel density factor.
    """
    spec = build_static_chart(model, width=width, height=height).to_dict()
    return vl_convert.vegalite_to_png(spec, scale=scale, allowed_base_urls=[])
