"""Map model, palette, schematic tiles, pydeck decks, click reading and the PNG export."""

from __future__ import annotations

import dataclasses
import json
import struct
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
import shapely.geometry

from cc_analytics import wilayah
from cc_analytics.config import load_settings
from cc_analytics.errors import DataNotFoundError
from cc_analytics.maps import (
    AREA_LAYER_ID,
    LABEL_LAYER_ID,
    OUTLINE_LAYER_ID,
    MapBoundaries,
    build_deck,
    build_locator_deck,
    build_map_model,
    build_static_chart,
    deck_payload_bytes,
    import_boundaries,
    legend_html,
    load_map_boundaries,
    render_png,
    schematic_boundaries,
    selected_kode,
)
from cc_analytics.maps.deck import degrees_per_pixel
from cc_analytics.maps.hexgrid import hex_spacing_km, schematic_desa, schematic_kecamatan
from cc_analytics.maps.palette import NO_DATA_HEX, SEQUENTIAL_HEX, classify, default_value_format
from cc_analytics.maps.reference import kecamatan_centroids

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "pasuruan"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="shared public boundary files not present")

ONE_MB = 1_000_000


def _values(frame: pd.DataFrame, seed: int = 0) -> pd.DataFrame:
    """Indicator values for every wilayah of ``frame`` (synthetic numbers, preformatted labels)."""
    rng = np.random.default_rng(seed)
    values = frame[["kode_wilayah", "nama"]].assign(value=rng.integers(1_000, 120_000, len(frame)).astype(float))
    return values.assign(value_label=[default_value_format(v) for v in values["value"]])


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> MapBoundaries:
    """Boundaries imported from the shared desa file (kecamatan dissolved from it)."""
    if not SHARED.is_dir():
        pytest.skip("shared public boundary files not present")
    target = tmp_path_factory.mktemp("batas") / "batas.parquet"
    import_boundaries(SHARED / "pasuruan_desa.geojson", target=target)
    return load_map_boundaries(dataclasses.replace(load_settings(), boundaries_path=target))


# --- palette ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "labels"),
    [
        ([0, 1, 1, 2], ["0", "1", "1", "2"]),
        ([5.0, None, 5.0], ["5", "tidak ada data", "5"]),
        ([None, None], ["tidak ada data", "tidak ada data"]),
        (list(range(1, 11)), ["1 – 3"] * 3 + ["3 – 5"] * 2 + ["5 – 6"] + ["6 – 8"] * 2 + ["8 – 10"] * 2),
    ],
)
def test_classify_labels(values: list[float | None], labels: list[str]) -> None:
    assert list(classify(pd.Series(values, dtype="float64")).labels) == labels


def test_classify_legend_order_and_colours() -> None:
    values = pd.Series([*np.linspace(18_837, 123_203, 20), np.nan])
    result = classify(values, "Penduduk (jiwa)")
    entries = result.legend.entries
    assert [e.label for e in entries] == [
        "18.837 – 40.000", "40.000 – 60.000", "60.000 – 80.000", "80.000 – 100.000", "100.000 – 123.203",
        "tidak ada data",
    ]  # fmt: skip
    assert [e.colour for e in entries] == [*SEQUENTIAL_HEX, NO_DATA_HEX]
    assert result.labels[0] == "18.837 – 40.000" and result.labels[-1] == "tidak ada data"
    assert result.colours[-2] == SEQUENTIAL_HEX[-1]


def test_default_format_is_indonesian() -> None:
    assert default_value_format(1_634_022) == "1.634.022"
    assert default_value_format(8.63) == "8,63"


def test_legend_html_escapes_text() -> None:
    result = classify(pd.Series([1.0, 2.0]), "Rasio <KPM> & desil")
    block = legend_html(result.legend)
    assert "Rasio &lt;KPM&gt; &amp; desil" in block
    assert block.count("background:") == 2


# --- schematic tiles -------------------------------------------------------------------------------------


def test_kecamatan_hexagons_follow_the_centroids() -> None:
    tiles = schematic_kecamatan()
    assert list(tiles["kode_wilayah"]) == list(wilayah.kecamatan()["kode_wilayah"])
    geometries = tiles.geometry.to_numpy()
    assert shapely.union_all(geometries).area == pytest.approx(shapely.area(geometries).sum(), rel=1e-9)
    centroids = kecamatan_centroids()
    distance_deg = shapely.distance(shapely.centroid(geometries), shapely.points(centroids[["lon", "lat"]].to_numpy()))
    assert (distance_deg * 110.6).max() < 1.5 * hex_spacing_km()  # no tile strays far from its kecamatan


def test_desa_squares_sit_in_their_hexagon() -> None:
    squares = schematic_desa()
    hexagons = schematic_kecamatan().set_index("kode_wilayah").geometry
    assert sorted(squares["kode_wilayah"]) == sorted(wilayah.desa()["kode_wilayah"])
    inside = [hexagons[k].contains(g) for k, g in zip(squares["kode_kecamatan"], squares.geometry, strict=True)]
    assert all(inside)
    geometries = squares.geometry.to_numpy()
    assert shapely.union_all(geometries).area == pytest.approx(shapely.area(geometries).sum(), rel=1e-9)
    assert schematic_desa().geometry.equals(squares.geometry)  # deterministic


# --- model -----------------------------------------------------------------------------------------------


def test_model_colours_every_kecamatan_and_marks_missing_values() -> None:
    values = _values(wilayah.kecamatan()).iloc[2:]
    model = build_map_model(values, schematic_boundaries(), title="Penduduk (jiwa)")
    assert len(model.areas) == 24 and model.is_schematic
    missing = model.areas[model.areas["kode_wilayah"].isin(["35.14.01", "35.14.02"])]
    assert set(missing["value_label"]) == {"tidak ada data"} and set(missing["warna"]) == {NO_DATA_HEX}
    assert model.legend.entries[-1].label == "tidak ada data"
    assert model.caption.startswith("Peta skematis")
    assert len(model.labels) == 24
    assert model.areas.loc[5, "keterangan"] == f"Penduduk (jiwa): {model.areas.loc[5, 'value_label']}"


def test_drill_down_draws_only_the_desa_of_one_kecamatan() -> None:
    values = _values(wilayah.desa())
    model = build_map_model(values, schematic_boundaries(), level="desa", kode_kecamatan="35.14.05", title="x")
    expected = wilayah.desa()[wilayah.desa()["kode_kecamatan"] == "35.14.05"]["kode_wilayah"]
    assert sorted(model.areas["kode_wilayah"]) == sorted(expected)
    assert list(model.outlines["kode_wilayah"]) == ["35.14.05"]
    assert sorted(model.labels["kode_wilayah"]) == sorted(expected)
    whole = build_map_model(values, schematic_boundaries(), level="desa", title="x")
    assert len(whole.areas) == 365 and len(whole.labels) == 24  # kecamatan names over the desa tiles


def test_model_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="value_label"):
        build_map_model(pd.DataFrame({"kode_wilayah": [], "nama": [], "value": []}), schematic_boundaries())
    with pytest.raises(DataNotFoundError, match=r"35\.14\.99"):
        build_map_model(_values(wilayah.desa()), schematic_boundaries(), level="desa", kode_kecamatan="35.14.99")


# --- deck ------------------------------------------------------------------------------------------------


def _deck_json(model_deck: object) -> dict:
    return json.loads(model_deck.to_json())  # type: ignore[attr-defined]


def test_deck_layers_are_selectable_and_need_no_basemap() -> None:
    spec = _deck_json(build_deck(build_map_model(_values(wilayah.kecamatan()), schematic_boundaries(), title="x")))
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert set(layers) == {AREA_LAYER_ID, OUTLINE_LAYER_ID, LABEL_LAYER_ID}
    assert all(layer["pickable"] is True for layer in layers.values())
    assert spec["mapStyle"] == "__MAP_STYLE__"  # Streamlit drops this placeholder: no Carto request
    assert "cartocdn" not in json.dumps(spec)
    assert layers[LABEL_LAYER_ID]["fontFamily"] == "Arial, Helvetica, sans-serif"
    feature = layers[AREA_LAYER_ID]["data"]["features"][0]
    assert set(feature["properties"]) == {"kode_wilayah", "nama", "keterangan", "fill"}


def test_initial_view_does_not_depend_on_the_values() -> None:
    boundaries = schematic_boundaries()
    first = _deck_json(build_deck(build_map_model(_values(wilayah.kecamatan(), 1), boundaries, title="a")))
    second = _deck_json(build_deck(build_map_model(_values(wilayah.kecamatan(), 2), boundaries, title="b")))
    assert first["initialViewState"] == second["initialViewState"]
    view = first["initialViewState"]
    assert 112.6 < view["longitude"] < 113.1 and -7.95 < view["latitude"] < -7.55 and 8 < view["zoom"] < 11


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (None, None),
        ({}, None),
        ({"selection": {"indices": {}, "objects": {}}}, None),
        ({"selection": {"objects": {AREA_LAYER_ID: [{"properties": {"kode_wilayah": "35.14.05"}}]}}}, "35.14.05"),
        ({"objects": {LABEL_LAYER_ID: [{"kode_wilayah": "35.14.05.2001", "nama": "Ngantungan"}]}}, "35.14.05.2001"),
        (
            {
                "objects": {
                    OUTLINE_LAYER_ID: [{"properties": {"kode_wilayah": "35.14.01"}}],
                    AREA_LAYER_ID: [{"properties": {"kode_wilayah": "35.14.01.2001"}}],
                }
            },
            "35.14.01.2001",
        ),
        ({"selection": {"objects": {"lain": [{"properties": {"kode_wilayah": "x"}}]}}}, None),
    ],
)
def test_selected_kode(selection: dict | None, expected: str | None) -> None:
    assert selected_kode(selection) == expected


@needs_shared
def test_payload_at_desa_level_stays_under_one_megabyte(real: MapBoundaries) -> None:
    desa = build_deck(build_map_model(_values(wilayah.desa()), real, level="desa", title="Penduduk (jiwa)"))
    kecamatan = build_deck(build_map_model(_values(wilayah.kecamatan()), real, title="Penduduk (jiwa)"))
    assert deck_payload_bytes(desa) < ONE_MB
    assert deck_payload_bytes(kecamatan) < ONE_MB / 2
    spec = _deck_json(desa)
    assert len(spec["layers"][0]["data"]["features"]) == 365
    assert not real.desa_schematic


@needs_shared
def test_real_boundaries_caption_and_drill_view(real: MapBoundaries) -> None:
    model = build_map_model(_values(wilayah.desa()), real, level="desa", kode_kecamatan="35.14.24", title="x")
    assert model.caption == "Batas wilayah: pasuruan_desa.geojson."
    view = _deck_json(build_deck(model))["initialViewState"]
    minx, miny, maxx, maxy = model.bounds
    assert minx < view["longitude"] < maxx and miny < view["latitude"] < maxy and view["zoom"] > 10


@needs_shared
def test_missing_polygons_are_named_in_the_caption(real: MapBoundaries) -> None:
    partial = dataclasses.replace(real, desa=real.desa[real.desa["kode_kecamatan"] != "35.14.24"])
    model = build_map_model(_values(wilayah.desa()), partial, level="desa", title="x")
    n_tosari = int((wilayah.desa()["kode_kecamatan"] == "35.14.24").sum())
    assert len(model.areas) == 365 - n_tosari
    assert f"{n_tosari} wilayah tidak mempunyai batas" in model.caption
    with pytest.raises(DataNotFoundError, match="tidak memuat desa/kelurahan"):
        build_map_model(_values(wilayah.desa()), partial, level="desa", kode_kecamatan="35.14.24")


@needs_shared
def test_locator_with_real_boundaries_is_light(real: MapBoundaries) -> None:
    assert deck_payload_bytes(build_locator_deck(real, "35.14.05")) < 100_000


def test_locator_highlights_one_kecamatan() -> None:
    spec = _deck_json(build_locator_deck(schematic_boundaries(), "35.14.24"))
    features = spec["layers"][0]["data"]["features"]
    highlighted = [f["properties"]["nama"] for f in features if f["properties"]["fill"][:3] == [215, 48, 31]]
    assert highlighted == ["Tosari"]
    assert [row["nama"] for row in spec["layers"][1]["data"]] == ["Tosari"]
    assert all(layer["pickable"] for layer in spec["layers"]) and spec["views"][0]["controller"] is False
    assert spec["layers"][0]["stroked"] is False  # borders are gaps between polygons, not lines
    pixel = degrees_per_pixel(spec["initialViewState"]["zoom"])
    tosari = shapely.geometry.shape(next(f["geometry"] for f in features if f["properties"]["nama"] == "Tosari"))
    full = schematic_boundaries().kecamatan.set_index("nama").geometry["Tosari"]
    assert full.contains(tosari) and full.area > tosari.area > full.buffer(-pixel).area
    with pytest.raises(DataNotFoundError):
        build_locator_deck(schematic_boundaries(), "35.14.99")


# --- static PNG ------------------------------------------------------------------------------------------


def test_static_chart_uses_the_same_classes() -> None:
    model = build_map_model(_values(wilayah.kecamatan()), schematic_boundaries(), title="Penduduk (jiwa)")
    spec = build_static_chart(model).to_dict()
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["scale"]["domain"] == [e.label for e in model.legend.entries]
    assert colour["scale"]["range"] == [e.colour for e in model.legend.entries]
    assert spec["title"]["subtitle"][0].startswith("Peta skematis")


def test_png_renders_offline() -> None:
    model = build_map_model(_values(wilayah.desa()), schematic_boundaries(), level="desa", kode_kecamatan="35.14.05")
    png = render_png(model, width=400, height=300, scale=1.0)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width >= 400 and height >= 300
