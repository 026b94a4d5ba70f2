"""Reading a boundary file: format, layer, coordinate system and the code and name columns.

Every function raises :class:`~cc_analytics.maps.errors.BoundaryError` with an Indonesian explanation
when the file cannot be used; nothing here decides about codes or geometry validity (see ``validation``).
"""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pyproj
from pyogrio.errors import DataLayerError, DataSourceError, FieldError, GeometryError
from pyproj.exceptions import CRSError

from cc_analytics.maps.errors import BoundaryError
from cc_analytics.maps.reference import regency_envelope

WGS84 = "EPSG:4326"

# Column names seen in boundary files, in order of preference (lower case). BIG's RBI files use
# KDEPUM/WADMKD for desa and KDCPUM/WADMKC for kecamatan.
KODE_CANDIDATES = (
    "kode_wilayah", "kode", "kdepum", "kode_desa", "kd_desa", "kode_kel",
    "kdcpum", "kode_kecamatan", "kode_kec", "kd_kec", "kode_kemendagri",
)  # fmt: skip
NAMA_CANDIDATES = (
    "nama", "nama_wilayah", "wadmkd", "nama_desa", "desa", "namobj",
    "wadmkc", "nama_kecamatan", "kecamatan", "name",
)  # fmt: skip

# Coordinate systems a file without a (correct) declaration is often in: UTM 49S, TM-3 49.2, Web Mercator.
CRS_HINTS = ("EPSG:32749", "EPSG:23836", "EPSG:3857", "EPSG:32750")

_READ_ERRORS = (DataSourceError, DataLayerError, FieldError, GeometryError)
_NOT_GEOGRAPHIC = (
    "berkas tidak dapat dibaca sebagai data geografis. Format yang diterima: GeoJSON, GeoPackage, "
    "Shapefile (.shp beserta .shx/.dbf/.prj, atau .zip)."
)


def read_boundary_file(path: Path, layer: str | None = None) -> gpd.GeoDataFrame:
    """Read a GeoJSON, GeoPackage or Shapefile as it is (no reprojection).

    Args:
        path: the file.
        layer: layer name for files with several layers (GeoPackage); None takes the only layer.

    Returns:
        The features with their attribute columns and ``geometry``, in the file's own CRS.

    Raises:
        BoundaryError: missing file, not a geographic file, several layers without a choice, no features.
    """
    name = path.name
    if not path.exists():
        raise BoundaryError(name, ["berkas tidak ditemukan."])
    try:
        layers = [str(row[0]) for row in pyogrio.list_layers(path)]
        if layer is None and len(layers) > 1:
            raise BoundaryError(name, [f"berkas berisi {len(layers)} lapisan ({', '.join(layers)}); pilih satu."])
        frame = gpd.read_file(path, layer=layer, engine="pyogrio")
    except _READ_ERRORS as exc:
        raise BoundaryError(name, [_NOT_GEOGRAPHIC]) from exc
    if not isinstance(frame, gpd.GeoDataFrame) or (frame.geometry.isna().all() and len(frame) > 0):
        raise BoundaryError(name, [_NOT_GEOGRAPHIC + " Berkas ini tidak berisi geometri."])
    if frame.empty:
        raise BoundaryError(name, ["berkas tidak berisi satu fitur pun."])
    return frame


def find_column(
    frame: gpd.GeoDataFrame, requested: str | None, candidates: tuple[str, ...], file_name: str
) -> str | None:
    """The column holding codes or names: ``requested`` if given, else the first known candidate present.

    Raises:
        BoundaryError: ``requested`` is not a column of the file.
    """
    by_lower = {str(column).lower(): str(column) for column in frame.columns if column != frame.geometry.name}
    if requested is not None:
        if requested.lower() not in by_lower:
            available = ", ".join(sorted(by_lower.values()))
            raise BoundaryError(file_name, [f"kolom '{requested}' tidak ada; kolom yang ada: {available}."])
        return by_lower[requested.lower()]
    return next((by_lower[c] for c in candidates if c in by_lower), None)


def normalise_kode(value: object) -> str | None:
    """Dotted Kemendagri code of a kecamatan (``35.14.01``) or desa (``35.14.01.2001``), or None.

    Accepts dotted, bare-digit and numeric forms (``3514012001``, ``3514012001.0``, ``351401``).
    """
    if isinstance(value, float) and np.isfinite(value) and value.is_integer():
        value = int(value)
    digits = re.sub(r"\D", "", "" if value is None else str(value))
    if len(digits) == 6:
        return f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}"
    if len(digits) == 10:
        return f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:10]}"
    return None


def to_wgs84(frame: gpd.GeoDataFrame, file_name: str, source_crs: str | None) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Reproject to EPSG:4326 and check that the features land in Kabupaten Pasuruan.

    Args:
        frame: features as read.
        file_name: for messages.
        source_crs: CRS to assume instead of the declared one (e.g. ``"EPSG:32749"``), or None.

    Returns:
        The reprojected frame and notes (Indonesian) about what was done.

    Raises:
        BoundaryError: the CRS is unknown or the coordinates do not fall in the regency in that CRS; the
            message names a CRS under which they would, when one of the usual ones fits.
    """
    notes: list[str] = []
    if source_crs is not None:
        try:
            assumed = pyproj.CRS.from_user_input(source_crs)
        except CRSError as exc:
            raise BoundaryError(file_name, [f"CRS '{source_crs}' tidak dikenal."]) from exc
        frame = frame.set_crs(assumed, allow_override=True)
        notes.append(f"CRS asal ditetapkan sebagai {_crs_label(assumed)} (bukan dari berkas).")
    elif frame.crs is None:
        frame = frame.set_crs(WGS84)
        notes.append("berkas tidak menyatakan CRS; koordinat dibaca sebagai derajat WGS84 (EPSG:4326).")
    read_as = frame.crs
    raw_centres = _feature_centres(frame)
    if not read_as.equals(pyproj.CRS.from_user_input(WGS84)):
        notes.append(f"diproyeksikan ulang dari {_crs_label(read_as)} ke EPSG:4326.")
        frame = frame.to_crs(WGS84)
    if _share_inside(_feature_centres(frame)) == 0.0:
        raise BoundaryError(file_name, [_location_problem(frame, raw_centres, read_as)])
    return frame, notes


def _crs_label(crs: pyproj.CRS) -> str:
    epsg = crs.to_epsg()
    return f"EPSG:{epsg} ({crs.name})" if epsg else crs.name


def _feature_centres(frame: gpd.GeoDataFrame) -> np.ndarray:
    """Centre of each feature's bounding box, shape (n, 2); rows of empty geometries are dropped."""
    bounds = frame.geometry.bounds.to_numpy(dtype=float)
    bounds = bounds[np.isfinite(bounds).all(axis=1)]
    return np.column_stack(((bounds[:, 0] + bounds[:, 2]) / 2, (bounds[:, 1] + bounds[:, 3]) / 2))


def _share_inside(lonlat: np.ndarray) -> float:
    """Share of points (lon, lat) inside the regency envelope (0 when there are none)."""
    if len(lonlat) == 0:
        return 0.0
    env = regency_envelope()
    lon, lat = lonlat[:, 0], lonlat[:, 1]
    inside = (lon >= env[0]) & (lon <= env[2]) & (lat >= env[1]) & (lat <= env[3])
    return float(inside.mean())


def _location_problem(frame: gpd.GeoDataFrame, raw_centres: np.ndarray, read_as: pyproj.CRS) -> str:
    """Explain why the features are not in the regency, with a CRS that would fit when there is one.

    Args:
        frame: the features after reprojection (for the reported ranges).
        raw_centres: feature centres in the coordinates of the file, shape (n, 2).
        read_as: the CRS the file was read with.
    """
    minx, miny, maxx, maxy = (float(v) for v in frame.total_bounds)
    problem = (
        f"letak koordinat tidak cocok dengan Kabupaten Pasuruan bila dibaca dengan CRS {_crs_label(read_as)} "
        f"(hasil: bujur {minx:.4g} sampai {maxx:.4g}, lintang {miny:.4g} sampai {maxy:.4g})."
    )
    centres = raw_centres
    if len(centres) and _share_inside(centres[:, ::-1]) > 0.5:
        return problem + " Lintang dan bujur tampaknya tertukar: urutan koordinat harus bujur dulu, lalu lintang."
    for candidate in (WGS84, *CRS_HINTS):
        if read_as.equals(pyproj.CRS.from_user_input(candidate)):
            continue
        transformer = pyproj.Transformer.from_crs(candidate, WGS84, always_xy=True)
        lon, lat = transformer.transform(centres[:, 0], centres[:, 1]) if len(centres) else ([], [])
        if _share_inside(np.column_stack((lon, lat))) > 0.5:
            label = _crs_label(pyproj.CRS.from_user_input(candidate))
            return problem + f" Koordinat cocok bila dibaca sebagai {label}: impor ulang dengan --crs {candidate}."
    if len(centres) and (np.abs(centres[:, 0]).max() > 180 or np.abs(centres[:, 1]).max() > 90):
        return problem + " Koordinat tampaknya dalam meter (proyeksi): nyatakan CRS asal dengan --crs EPSG:xxxx."
    return problem + " Pastikan berkas ini memuat wilayah Kabupaten Pasuruan."
