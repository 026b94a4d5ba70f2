"""Boundary import: reading, CRS, codes, geometry repair, simplification, write-aside storage, loading.

Real polygons come from the shared public files (read only, never copied into the project); broken inputs
are generated from them inside each test, in ``tmp_path``.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from cc_analytics import wilayah
from cc_analytics.config import load_settings
from cc_analytics.maps import (
    BoundaryError,
    ImportOptions,
    boundaries_signature,
    import_boundaries,
    load_map_boundaries,
    prepare_boundaries,
)
from cc_analytics.maps.reading import normalise_kode
from cc_analytics.maps.store import STORE_COLUMNS, read_store

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "pasuruan"
KECAMATAN_FILE = SHARED / "pasuruan_kecamatan.geojson"
KECAMATAN_COARSE_FILE = SHARED / "pasuruan_kecamatan_simplified.geojson"
DESA_FILE = SHARED / "pasuruan_desa.geojson"

pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="shared public boundary files not present")


def _kecamatan() -> gpd.GeoDataFrame:
    """The 24 coarse kecamatan polygons (fast to process), props kode, nama."""
    return gpd.read_file(KECAMATAN_COARSE_FILE)[["kode", "nama", "geometry"]]


def _write_geojson(frame: gpd.GeoDataFrame, path: Path, *, drop_crs: bool = False) -> Path:
    document = json.loads(frame.to_json(drop_id=True))
    if drop_crs:
        document.pop("crs", None)
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A store holding the coarse kecamatan boundaries, as a previous import would leave it."""
    _, written = import_boundaries(KECAMATAN_COARSE_FILE, target=tmp_path / "store" / "batas.parquet")
    return written


def _refused(path: Path, store: Path, options: ImportOptions | None = None) -> BoundaryError:
    """Import ``path`` expecting a refusal; check that the stored file did not change."""
    before = store.read_bytes()
    with pytest.raises(BoundaryError) as caught:
        import_boundaries(path, options, target=store)
    assert store.read_bytes() == before
    assert caught.value.kept_previous
    assert "tetap dipakai" in str(caught.value)
    return caught.value


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("35.14.01.2001", "35.14.01.2001"),
        ("3514012001", "35.14.01.2001"),
        (3514012001, "35.14.01.2001"),
        (3514012001.0, "35.14.01.2001"),
        ("35.14.01", "35.14.01"),
        ("351401", "35.14.01"),
        ("3514010", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_kode(raw: object, expected: str | None) -> None:
    assert normalise_kode(raw) == expected


def test_desa_import_stores_both_levels(tmp_path: Path) -> None:
    report, written = import_boundaries(DESA_FILE, target=tmp_path / "batas.parquet")
    stored = read_store(written)
    assert list(stored.columns) == STORE_COLUMNS
    assert stored.crs.to_epsg() == 4326
    desa = stored[stored["level"] == "desa"]
    kecamatan = stored[stored["level"] == "kecamatan"]
    assert sorted(desa["kode_wilayah"]) == sorted(wilayah.desa()["kode_wilayah"])
    assert sorted(kecamatan["kode_wilayah"]) == sorted(wilayah.kecamatan()["kode_wilayah"])
    assert kecamatan["is_turunan"].all() and not desa["is_turunan"].any()
    assert stored.geometry.is_valid.all()
    # simplified for display, but the area stays within 1 % of the source
    source = gpd.read_file(DESA_FILE)
    assert (
        shapely.get_num_coordinates(desa.geometry.to_numpy()).sum()
        < shapely.get_num_coordinates(source.geometry.to_numpy()).sum()
    )
    utm = "EPSG:32749"
    desa_km2 = desa.to_crs(utm).area.sum() / 1e6
    assert desa_km2 == pytest.approx(source.to_crs(utm).area.sum() / 1e6, rel=0.01)
    assert desa_km2 == pytest.approx(1493.161, rel=0.01)  # official area (BIG, 2024)
    assert kecamatan.to_crs(utm).area.sum() / 1e6 == pytest.approx(desa_km2, rel=0.001)
    text = "\n".join(report.lines())
    assert "365 dari 365 desa/kelurahan" in text
    assert "Tundosoro" in text  # the one name that differs from the reference is reported
    assert "dibentuk dari gabungan batas desanya" in text


def test_kecamatan_import_keeps_the_desa_level(tmp_path: Path) -> None:
    target = tmp_path / "batas.parquet"
    import_boundaries(DESA_FILE, target=target)
    report, _ = import_boundaries(KECAMATAN_FILE, target=target)
    stored = read_store(target)
    assert (stored["level"] == "desa").sum() == 365
    kecamatan = stored[stored["level"] == "kecamatan"]
    assert len(kecamatan) == 24 and not kecamatan["is_turunan"].any()
    assert set(kecamatan["asal"]) == {"pasuruan_kecamatan.geojson"}
    notes = "\n".join(report.notes)
    assert "batas desa dari impor sebelumnya tetap dipakai" in notes
    assert "lubang atau serpihan kecil" in notes  # the dissolved file's hairline gaps are filled
    assert sum(len(p.interiors) for g in kecamatan.geometry for p in shapely.get_parts(g)) == 0


def test_undeclared_utm_is_refused_with_a_hint_then_accepted_with_crs(tmp_path: Path, store: Path) -> None:
    utm = _write_geojson(_kecamatan().to_crs("EPSG:32749"), tmp_path / "utm.geojson", drop_crs=True)
    error = _refused(utm, store)
    assert "EPSG:32749" in str(error) and "--crs EPSG:32749" in str(error)
    prepared = prepare_boundaries(utm, ImportOptions(source_crs="EPSG:32749"))
    assert len(prepared.frame) == 24
    assert prepared.frame.crs.to_epsg() == 4326
    assert prepared.frame.total_bounds == pytest.approx(_kecamatan().total_bounds, abs=0.01)


def test_declared_projection_is_reprojected(tmp_path: Path) -> None:
    path = tmp_path / "kecamatan_utm.gpkg"
    _kecamatan().to_crs("EPSG:32749").to_file(path, driver="GPKG")
    prepared = prepare_boundaries(path)
    assert prepared.frame.crs.to_epsg() == 4326
    assert any("diproyeksikan ulang dari EPSG:32749" in note for note in prepared.report.notes)


def test_shapefile_without_prj_is_read_as_degrees(tmp_path: Path) -> None:
    path = tmp_path / "kecamatan.shp"
    _kecamatan().to_file(path)
    path.with_suffix(".prj").unlink()
    prepared = prepare_boundaries(path)
    assert len(prepared.frame) == 24
    assert any("tidak menyatakan CRS" in note for note in prepared.report.notes)


def test_swapped_axes_are_explained(tmp_path: Path, store: Path) -> None:
    swapped = _kecamatan()
    swapped["geometry"] = shapely.transform(swapped.geometry.to_numpy(), lambda xy: xy[:, ::-1])
    error = _refused(_write_geojson(swapped, tmp_path / "tertukar.geojson"), store)
    assert "tertukar" in str(error)


def test_missing_codes_are_listed_or_allowed(tmp_path: Path, store: Path) -> None:
    frame = _kecamatan()
    path = _write_geojson(frame[~frame["kode"].isin(["35.14.01", "35.14.24"])], tmp_path / "kurang.geojson")
    error = _refused(path, store)
    assert "2 kode referensi tidak ada dalam berkas" in str(error)
    assert "35.14.01 Purwodadi" in str(error) and "35.14.24 Tosari" in str(error)
    prepared = prepare_boundaries(path, ImportOptions(allow_missing=True))
    assert len(prepared.frame) == 22


def test_unknown_codes_are_listed_or_dropped(tmp_path: Path, store: Path) -> None:
    frame = _kecamatan()
    extra = frame.head(2).assign(kode=["35.14.25", "35.13.01"], nama=["Baru", "Kabupaten Lain"])
    both = gpd.GeoDataFrame(pd.concat([frame, extra], ignore_index=True), crs=frame.crs)
    path = _write_geojson(both, tmp_path / "lebih.geojson")
    error = _refused(path, store)
    assert "2 kode tidak ada dalam referensi" in str(error)
    assert "35.13.01" in str(error) and "35.14.25" in str(error)
    prepared = prepare_boundaries(path, ImportOptions(drop_unknown=True))
    assert len(prepared.frame) == 24
    assert any("dibuang" in note for note in prepared.report.notes)


def test_self_intersecting_polygon_is_repaired(tmp_path: Path) -> None:
    frame = _kecamatan()
    minx, miny, maxx, maxy = frame.geometry.iloc[0].bounds
    bowtie = shapely.Polygon([(minx, miny), (maxx, maxy), (maxx, miny), (minx, maxy)])
    assert not bowtie.is_valid
    frame.loc[0, "geometry"] = bowtie
    prepared = prepare_boundaries(_write_geojson(frame, tmp_path / "silang.geojson"))
    assert prepared.frame.geometry.is_valid.all()
    repaired = [note for note in prepared.report.notes if "diperbaiki" in note]
    assert len(repaired) == 1 and repaired[0].startswith("35.14.01 Purwodadi")
    assert "Self-intersection" in repaired[0]


def test_unusable_geometry_is_rejected_with_reason(tmp_path: Path, store: Path) -> None:
    frame = _kecamatan()
    frame.loc[0, "geometry"] = shapely.LineString([(112.7, -7.8), (112.8, -7.9)])
    frame.loc[1, "geometry"] = shapely.Polygon([(112.8, -7.8), (112.9, -7.8), (112.85, -7.8), (112.8, -7.8)])
    error = _refused(_write_geojson(frame, tmp_path / "rusak.geojson"), store)
    assert "35.14.01 Purwodadi: geometri bertipe LineString, bukan poligon" in str(error)
    assert "35.14.02 Tutur: geometri tidak sah" in str(error)


def test_split_code_is_merged(tmp_path: Path) -> None:
    frame = _kecamatan()
    first = frame.geometry.iloc[0]
    left = shapely.clip_by_rect(first, *first.bounds[:2], first.centroid.x, first.bounds[3])
    right = shapely.clip_by_rect(first, first.centroid.x, *first.bounds[1:])
    split = gpd.GeoDataFrame(
        {"kode": ["35.14.01", "35.14.01"], "nama": ["Purwodadi", "Purwodadi"]}, geometry=[left, right], crs=frame.crs
    )
    path = _write_geojson(gpd.GeoDataFrame(pd.concat([split, frame.iloc[1:]]), crs=frame.crs), tmp_path / "x.geojson")
    prepared = prepare_boundaries(path, ImportOptions(tolerance_m=0))
    assert len(prepared.frame) == 24
    assert any("muncul lebih dari sekali" in note for note in prepared.report.notes)
    assert prepared.frame.geometry.iloc[0].area == pytest.approx(first.area, rel=1e-6)


def test_csv_named_geojson_is_not_geographic(tmp_path: Path, store: Path) -> None:
    path = tmp_path / "batas.geojson"
    path.write_text("kode,nama\n35.14.01,Purwodadi\n", encoding="utf-8")
    error = _refused(path, store)
    assert "tidak dapat dibaca sebagai data geografis" in str(error)


def test_plain_csv_has_no_geometry(tmp_path: Path) -> None:
    path = tmp_path / "batas.csv"
    path.write_text("kode,nama\n35.14.01,Purwodadi\n", encoding="utf-8")
    with pytest.raises(BoundaryError, match="tidak berisi geometri"):
        prepare_boundaries(path)


def test_missing_file_and_missing_code_column(tmp_path: Path) -> None:
    with pytest.raises(BoundaryError, match="tidak ditemukan"):
        prepare_boundaries(tmp_path / "tidak_ada.geojson")
    frame = _kecamatan().rename(columns={"kode": "id_x"})
    with pytest.raises(BoundaryError, match="kolom kode wilayah tidak ditemukan"):
        prepare_boundaries(_write_geojson(frame, tmp_path / "tanpa_kode.geojson"))
    assert len(prepare_boundaries(tmp_path / "tanpa_kode.geojson", ImportOptions(kode_column="ID_X")).frame) == 24


def test_mixed_levels_are_refused(tmp_path: Path) -> None:
    desa = gpd.read_file(DESA_FILE).head(3)[["kode", "nama", "geometry"]]
    mixed = gpd.GeoDataFrame(pd.concat([_kecamatan().head(3), desa]), crs="EPSG:4326")
    with pytest.raises(BoundaryError, match="mencampur 3 kode kecamatan dan 3 kode desa"):
        prepare_boundaries(_write_geojson(mixed, tmp_path / "campur.geojson"))


def test_geopackage_with_two_layers_needs_a_choice(tmp_path: Path) -> None:
    path = tmp_path / "dua.gpkg"
    _kecamatan().to_file(path, layer="kecamatan", driver="GPKG")
    _kecamatan().head(1).to_file(path, layer="lain", driver="GPKG")
    with pytest.raises(BoundaryError, match="2 lapisan"):
        prepare_boundaries(path)
    assert len(prepare_boundaries(path, ImportOptions(layer="kecamatan")).frame) == 24


def test_loading_follows_settings(tmp_path: Path) -> None:
    settings = dataclasses.replace(load_settings(), data_dir=tmp_path / "data", boundaries_path=None)
    nothing = load_map_boundaries(settings)
    assert nothing.kecamatan_schematic and nothing.desa_schematic
    signature = boundaries_signature(settings)

    import_boundaries(KECAMATAN_COARSE_FILE, settings=settings)
    loaded = load_map_boundaries(settings)
    assert not loaded.kecamatan_schematic and loaded.desa_schematic
    assert loaded.source("kecamatan") == "pasuruan_kecamatan_simplified.geojson"
    assert len(loaded.desa) == 365  # schematic desa tiles
    assert boundaries_signature(settings) != signature

    direct = load_map_boundaries(dataclasses.replace(settings, boundaries_path=DESA_FILE))
    assert not direct.desa_schematic and not direct.kecamatan_schematic
    assert len(direct.kecamatan) == 24

    with pytest.raises(BoundaryError, match="tidak ada"):
        load_map_boundaries(dataclasses.replace(settings, boundaries_path=tmp_path / "hilang.parquet"))
    broken = tmp_path / "rusak.parquet"
    broken.write_bytes(b"bukan parquet")
    with pytest.raises(BoundaryError, match="impor ulang"):
        load_map_boundaries(dataclasses.replace(settings, boundaries_path=broken))


def test_unreadable_previous_store_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "batas.parquet"
    target.write_bytes(b"rusak")
    report, _ = import_boundaries(KECAMATAN_COARSE_FILE, target=target)
    assert any("tidak terbaca" in note for note in report.notes)
    assert len(read_store(target)) == 24
    assert not list(tmp_path.glob(".*.tmp"))
