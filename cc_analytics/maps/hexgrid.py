"""Schematic tile layout for maps without a boundary file.

Kecamatan: one hexagon each, on a regular hexagonal lattice, every kecamatan assigned to the free cell
nearest its centroid (an optimal assignment, so the layout keeps the real neighbourhoods as far as a
lattice allows). Desa: small squares inside their kecamatan's hexagon, in code order (rows from the
north-west). Both are returned as ordinary polygons in EPSG:4326, so the same map code draws them.

Tile size: the 24 hexagons together cover the regency's official area, 1,493.161 km² (Badan Informasi
Geospasial, 2024).
"""

from __future__ import annotations

import math
from functools import lru_cache

import geopandas as gpd
import numpy as np
import shapely
from scipy.optimize import linear_sum_assignment

from cc_analytics import wilayah
from cc_analytics.maps.geometry import WGS84
from cc_analytics.maps.reference import kecamatan_centroids

REGENCY_AREA_KM2 = 1493.161
KM_PER_DEGREE_LAT = 110.57
KM_PER_DEGREE_LON_EQUATOR = 111.32
TILE_FILL = 0.94  # hexagon radius as a share of the cell radius (leaves a small gap between tiles)
_SQRT3 = math.sqrt(3.0)
_COLUMNS = ["kode_wilayah", "nama", "kode_kecamatan", "geometry"]


def hex_spacing_km(n_tiles: int = 24, area_km2: float = REGENCY_AREA_KM2) -> float:
    """Distance between neighbouring hexagon centres such that ``n_tiles`` hexagons cover ``area_km2``."""
    return math.sqrt(area_km2 / n_tiles / (_SQRT3 / 2.0))


class _LocalProjection:
    """Equirectangular kilometres around a reference point (good to well under 1 % over the regency)."""

    def __init__(self, lon0: float, lat0: float) -> None:
        self.lon0, self.lat0 = lon0, lat0
        self.kx = KM_PER_DEGREE_LON_EQUATOR * math.cos(math.radians(lat0))

    def to_km(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return (lon - self.lon0) * self.kx, (lat - self.lat0) * KM_PER_DEGREE_LAT

    def to_lonlat(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self.lon0 + x / self.kx, self.lat0 + y / KM_PER_DEGREE_LAT


def _lattice(x: np.ndarray, y: np.ndarray, spacing: float) -> np.ndarray:
    """Centres (n, 2) of a pointy-top hexagonal lattice covering the points with two cells to spare."""
    row_height = spacing * _SQRT3 / 2.0
    rows = np.arange(math.floor(y.min() / row_height) - 2, math.ceil(y.max() / row_height) + 3)
    cols = np.arange(math.floor(x.min() / spacing) - 3, math.ceil(x.max() / spacing) + 4)
    grid_r, grid_c = np.meshgrid(rows, cols, indexing="ij")
    centre_x = spacing * (grid_c + (grid_r % 2) / 2.0)
    return np.column_stack((centre_x.ravel(), (grid_r * row_height).ravel()))


def _hexagon(cx: float, cy: float, radius: float) -> np.ndarray:
    angles = np.radians(30.0 + 60.0 * np.arange(7))
    return np.column_stack((cx + radius * np.cos(angles), cy + radius * np.sin(angles)))


@lru_cache(maxsize=1)
def _kecamatan_layout() -> tuple[gpd.GeoDataFrame, tuple[tuple[float, float], ...], float]:
    """(hexagon frame, hexagon centres in km, hexagon radius in km) of the 24 kecamatan."""
    centroids = kecamatan_centroids()
    projection = _LocalProjection(float(centroids["lon"].mean()), float(centroids["lat"].mean()))
    x, y = projection.to_km(centroids["lon"].to_numpy(), centroids["lat"].to_numpy())
    spacing = hex_spacing_km(len(centroids))
    cells = _lattice(x, y, spacing)
    cost = (x[:, None] - cells[None, :, 0]) ** 2 + (y[:, None] - cells[None, :, 1]) ** 2
    rows, chosen = linear_sum_assignment(cost)
    centres = cells[chosen[np.argsort(rows)]]
    radius = spacing / _SQRT3 * TILE_FILL
    polygons = []
    for cx, cy in centres:
        ring = _hexagon(cx, cy, radius)
        lon, lat = projection.to_lonlat(ring[:, 0], ring[:, 1])
        polygons.append(shapely.Polygon(np.column_stack((lon, lat))))
    frame = gpd.GeoDataFrame(
        {
            "kode_wilayah": centroids["kode_wilayah"],
            "nama": centroids["nama"],
            "kode_kecamatan": centroids["kode_wilayah"],
        },
        geometry=polygons,
        crs=WGS84,
    )
    return frame, tuple((float(cx), float(cy)) for cx, cy in centres), radius


def schematic_kecamatan() -> gpd.GeoDataFrame:
    """One hexagon per kecamatan: columns ``kode_wilayah, nama, kode_kecamatan, geometry`` (EPSG:4326)."""
    return _kecamatan_layout()[0].copy()


def _square(cx: float, cy: float, half: float) -> np.ndarray:
    return np.array([[cx - half, cy - half], [cx + half, cy - half], [cx + half, cy + half], [cx - half, cy + half]])


@lru_cache(maxsize=1)
def _desa_layout() -> gpd.GeoDataFrame:
    hexagons, centres, radius = _kecamatan_layout()
    centroids = kecamatan_centroids()
    projection = _LocalProjection(float(centroids["lon"].mean()), float(centroids["lat"].mean()))
    desa = wilayah.desa().sort_values("kode_wilayah")
    side = 2.0 * radius / (1.0 + 1.0 / _SQRT3) * 0.95  # the largest square inside a pointy-top hexagon, less 5 %
    records, polygons = [], []
    for kode_kecamatan, (cx, cy) in zip(hexagons["kode_wilayah"], centres, strict=True):
        members = desa[desa["kode_kecamatan"] == kode_kecamatan]
        n_cols = math.ceil(math.sqrt(len(members)))
        n_rows = math.ceil(len(members) / n_cols)
        cell = side / max(n_cols, n_rows)
        for i, (kode, nama) in enumerate(zip(members["kode_wilayah"], members["nama"], strict=True)):
            row, col = divmod(i, n_cols)
            tx = cx - cell * n_cols / 2.0 + cell * (col + 0.5)
            ty = cy + cell * n_rows / 2.0 - cell * (row + 0.5)
            square = _square(tx, ty, cell * 0.45)
            lon, lat = projection.to_lonlat(square[:, 0], square[:, 1])
            polygons.append(shapely.Polygon(np.column_stack((lon, lat))))
            records.append((kode, nama, kode_kecamatan))
    frame = gpd.GeoDataFrame(records, columns=["kode_wilayah", "nama", "kode_kecamatan"], geometry=polygons, crs=WGS84)
    return frame[_COLUMNS]


def schematic_desa() -> gpd.GeoDataFrame:
    """One square per desa/kelurahan inside its kecamatan's hexagon (columns as :func:`schematic_kecamatan`)."""
    return _desa_layout().copy()
