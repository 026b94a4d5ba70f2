"""Borders of the interactive map drawn as polygons: areas shrunk apart, kecamatan outlines as bands."""

from __future__ import annotations

import json

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from cc_analytics import wilayah
from cc_analytics.maps import (
    AREA_LAYER_ID,
    OUTLINE_LAYER_ID,
    MapModel,
    build_deck,
    build_map_model,
    schematic_boundaries,
)
from cc_analytics.maps.deck import AREA_GAP_PX, COORDINATE_DECIMALS, MAX_ZOOM_IN, OUTLINE_PX, degrees_per_pixel
from cc_analytics.maps.geometry import boundary_bands, inset
from cc_analytics.maps.palette import default_value_format

SQUARE = shapely.box(0, 0, 1, 1)
ROUNDING = 10**-COORDINATE_DECIMALS  # the deck's coordinates are rounded to this many degrees


def test_inset_shrinks_each_side() -> None:
    (shrunk,) = inset(np.array([SQUARE]), 0.1)
    assert shrunk.equals(shapely.box(0.1, 0.1, 0.9, 0.9))


def test_inset_keeps_a_narrow_polygon_whole() -> None:
    narrow = shapely.box(0, 0, 1, 0.1)
    shrunk = inset(np.array([SQUARE, narrow]), 0.04)
    assert shrunk[0].area == pytest.approx(0.92**2)
    assert shrunk[1].equals(narrow)  # would keep only 20 % of its area


@pytest.mark.parametrize("distance", [0.0, -1.0])
def test_inset_by_nothing(distance: float) -> None:
    assert inset(np.array([SQUARE]), distance)[0].equals(SQUARE)
    assert len(inset(np.array([], dtype=object), 0.1)) == 0


def test_band_is_centred_on_the_boundary() -> None:
    (band,) = boundary_bands(np.array([SQUARE]), 0.1)
    assert band.area == pytest.approx(1.1**2 - 0.9**2)
    assert band.covers(SQUARE.boundary)
    assert len(boundary_bands(np.array([], dtype=object), 0.1)) == 0


def test_degrees_per_pixel_follows_the_zoom() -> None:
    assert degrees_per_pixel(0) == 360 / 512
    assert degrees_per_pixel(10) == pytest.approx(degrees_per_pixel(9) / 2)


def _model(level: str) -> MapModel:
    reference = wilayah.desa() if level == "desa" else wilayah.kecamatan()
    values = reference[["kode_wilayah", "nama"]].assign(value=np.arange(len(reference), dtype=float))
    values = values.assign(value_label=[default_value_format(v) for v in values["value"]])
    return build_map_model(values, schematic_boundaries(), level=level, kode_kecamatan="35.14.14", title="x")


@pytest.mark.parametrize("level", ["kecamatan", "desa"])
def test_deck_draws_no_lines(level: str) -> None:
    model = _model(level)
    spec = json.loads(build_deck(model).to_json())
    layers, view = {layer["id"]: layer for layer in spec["layers"]}, spec["initialViewState"]
    for layer_id in (AREA_LAYER_ID, OUTLINE_LAYER_ID):
        assert layers[layer_id]["stroked"] is False and layers[layer_id]["filled"] is True
    assert view["maxZoom"] == pytest.approx(view["zoom"] + MAX_ZOOM_IN)
    pixel = degrees_per_pixel(view["zoom"])
    (outline,) = layers[OUTLINE_LAYER_ID]["data"]["features"]
    band = shape(outline["geometry"])
    assert outline["properties"]["kode_wilayah"] == "35.14.14"
    assert band.area / band.length == pytest.approx(OUTLINE_PX[level] * pixel / 2, rel=0.1)  # two sides
    drawn = [shape(feature["geometry"]) for feature in layers[AREA_LAYER_ID]["data"]["features"]]
    for area, shrunk in zip(model.areas.geometry, drawn, strict=True):  # half a gap inside every side
        assert area.contains(shrunk)
        assert area.boundary.distance(shrunk) == pytest.approx(AREA_GAP_PX[level] / 2 * pixel, abs=ROUNDING)
