"""Geometry helpers: polygonal parts, coverage cleaning, simplification, and borders drawn as polygons."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from babel.numbers import format_decimal, format_percent
from shapely.errors import GEOSException
from shapely.geometry.base import BaseGeometry

WGS84 = "EPSG:4326"
METRES_PER_DEGREE = 111_320.0
POLYGONAL = ("Polygon", "MultiPolygon")


def polygonal_part(geometry: BaseGeometry) -> BaseGeometry:
    """The polygonal part of a geometry (empty when there is none)."""
    if geometry.geom_type in POLYGONAL:
        return geometry
    parts = [part for part in shapely.get_parts(geometry) if part.geom_type in POLYGONAL]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def simplify_for_display(frame: gpd.GeoDataFrame, tolerance_m: float, notes: list[str]) -> gpd.GeoDataFrame:
    """Simplify polygons for display, keeping shared borders shared when the polygons form a clean coverage.

    Args:
        frame: polygons in EPSG:4326.
        tolerance_m: tolerance in metres (converted at 111,32 km per degree); 0 or less keeps every vertex.
        notes: receives a line about what was done.
    """
    if tolerance_m <= 0:
        return frame
    geometries = frame.geometry.to_numpy()
    tolerance = tolerance_m / METRES_PER_DEGREE
    before = int(shapely.get_num_coordinates(geometries).sum())
    coverage = _as_coverage(geometries, notes)
    if coverage is not None:
        simplified = shapely.coverage_simplify(coverage, tolerance)
    else:
        notes.append("poligon tumpang tindih dan tidak dapat diselaraskan; disederhanakan satu per satu.")
        simplified = shapely.simplify(geometries, tolerance, preserve_topology=True)
    invalid = ~shapely.is_valid(simplified)
    simplified[invalid] = [polygonal_part(shapely.make_valid(g)) for g in simplified[invalid]]
    after = int(shapely.get_num_coordinates(simplified).sum())
    notes.append(
        f"disederhanakan untuk tampilan (toleransi {format_decimal(tolerance_m, locale='id_ID')} m): "
        f"{format_decimal(before, locale='id_ID')} menjadi {format_decimal(after, locale='id_ID')} titik."
    )
    return frame.set_geometry(gpd.GeoSeries(simplified, index=frame.index, crs=WGS84))


def _as_coverage(geometries: np.ndarray, notes: list[str]) -> np.ndarray | None:
    """The polygons as a clean coverage (shared edges identical, no overlaps), or None when impossible.

    Neighbouring polygons digitised separately rarely share their vertices exactly; ``coverage_clean``
    snaps them together so that simplification keeps shared borders shared (no slivers, no gaps).
    """
    if shapely.coverage_is_valid(geometries):
        return geometries
    try:
        cleaned = shapely.coverage_clean(geometries)
    except GEOSException:
        return None
    if shapely.is_empty(cleaned).any() or not shapely.coverage_is_valid(cleaned):
        return None
    change = np.abs(shapely.area(cleaned) - shapely.area(geometries)) / shapely.area(geometries)
    notes.append(
        "tepi poligon yang bersebelahan diselaraskan (tumpang tindih kecil dihapus; perubahan luas paling besar "
        f"{format_percent(float(change.max()), locale='id_ID', format='#,##0.##%')})."
    )
    return cleaned


def dissolve_by_kecamatan(desa: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Kecamatan polygons as the union of their desa.

    Args:
        desa: columns ``kode_kecamatan, geometry`` (EPSG:4326).

    Returns:
        Columns ``kode_kecamatan, geometry``, one row per kecamatan present, in code order.
    """
    parts = desa[["kode_kecamatan", "geometry"]]
    method = "coverage" if shapely.coverage_is_valid(parts.geometry.to_numpy()) else "unary"
    merged = parts.dissolve(by="kode_kecamatan", as_index=False, method=method)
    merged["geometry"] = [polygonal_part(g) for g in merged.geometry]
    return merged.sort_values("kode_kecamatan").reset_index(drop=True)


def inset(geometries: np.ndarray, distance_deg: float, min_kept: float = 0.5) -> np.ndarray:
    """Polygons shrunk by ``distance_deg`` (degrees) on every side, so that neighbours are drawn apart.

    A polygon that would keep less than ``min_kept`` of its area (a very narrow one) is returned unchanged, so
    that no wilayah disappears from the map.
    """
    if distance_deg <= 0 or len(geometries) == 0:
        return geometries
    shrunk = shapely.buffer(geometries, -distance_deg, join_style="mitre")
    narrow = shapely.area(shrunk) < min_kept * shapely.area(geometries)
    return np.where(narrow, geometries, shrunk)


def boundary_bands(geometries: np.ndarray, width_deg: float, tolerance_deg: float = 0.0) -> np.ndarray:
    """Bands ``width_deg`` (degrees) wide centred on each polygon's boundary: an outline as a filled polygon.

    The boundary is first simplified by ``tolerance_deg``: a band has two sides, so each of its vertices costs
    twice, and a band hides any detail finer than its width.
    """
    if len(geometries) == 0:
        return geometries
    lines = shapely.boundary(geometries)
    if tolerance_deg > 0:
        lines = shapely.simplify(lines, tolerance_deg)
    return shapely.buffer(lines, width_deg / 2, cap_style="flat", join_style="mitre")


def rounded(geometries: np.ndarray, decimals: int) -> np.ndarray:
    """Geometries with coordinates rounded to ``decimals`` places (5 places ≈ 1 m): for compact display JSON."""
    return shapely.transform(geometries, lambda coords: np.round(coords, decimals))


def _without_slivers(geometry: BaseGeometry, min_area_deg2: float) -> tuple[BaseGeometry, int]:
    """The geometry without holes and detached parts smaller than ``min_area_deg2``; also the number removed."""
    parts = list(shapely.get_parts(geometry))
    large = [part for part in parts if part.area >= min_area_deg2] or parts
    polygons, removed = [], len(parts) - len(large)
    for part in large:
        kept = [ring for ring in part.interiors if shapely.Polygon(ring).area >= min_area_deg2]
        removed += len(part.interiors) - len(kept)
        polygons.append(shapely.Polygon(part.exterior, kept))
    if removed == 0:
        return geometry, 0
    return (polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)), removed


def remove_slivers(frame: gpd.GeoDataFrame, min_area_m2: float, notes: list[str]) -> gpd.GeoDataFrame:
    """Fill holes and drop detached fragments smaller than ``min_area_m2``.

    Kecamatan polygons dissolved from desa often keep hundreds of hairline gaps as holes, which draw as
    white scratches, and digitising leaves crumbs beside a polygon. Real enclaves and exclaves are far
    larger than the threshold and are kept; a polygon is never reduced to nothing.
    """
    min_area_deg2 = min_area_m2 / METRES_PER_DEGREE**2
    results = [_without_slivers(g, min_area_deg2) for g in frame.geometry]
    removed = sum(n for _, n in results)
    if removed == 0:
        return frame
    notes.append(
        f"{format_decimal(removed, locale='id_ID')} lubang atau serpihan kecil (< {min_area_m2 / 10_000:g} ha) dihapus."
    )
    return frame.set_geometry(gpd.GeoSeries([g for g, _ in results], index=frame.index, crs=WGS84))


def oriented_for_d3(geometries: np.ndarray) -> np.ndarray:
    """Exterior rings clockwise, holes counter-clockwise: the winding d3-geo (Vega) needs to fill polygons."""
    return shapely.orient_polygons(geometries, exterior_cw=True)
