"""Areas of kecamatan and desa in km², from imported boundary polygons only.

Areas are computed in an equal-area projection, EPSG:6933 (WGS 84 / NSIDC EASE-Grid 2.0 Global, cylindrical
equal-area), so that every km² counts the same wherever it lies. The schematic tiles drawn without a
boundary file are not real areas: for them there is no area at all (``None``), never an estimate. The one
official figure used without polygons is the regency's own area (:data:`REGENCY_AREA_KM2`).

The polygons the app loads are simplified for display (50 m tolerance, shared borders kept); for the public
365-desa file their areas add up to 1.492,8 km² against the official 1.493,161 km².
"""

from __future__ import annotations

from cc_analytics.maps import MapBoundaries
from cc_analytics.maps.hexgrid import REGENCY_AREA_KM2 as _OFFICIAL_AREA_KM2
from cc_analytics.maps.validation import Level

EQUAL_AREA_CRS = "EPSG:6933"
REGENCY_AREA_KM2 = _OFFICIAL_AREA_KM2
"""Official area of Kabupaten Pasuruan, 1.493,161 km² (Badan Informasi Geospasial, 2024)."""

Areas = tuple[tuple[str, float], ...]
"""``(kode_wilayah, luas_km2)`` pairs: hashable, so they can be part of a cache key."""


def area_km2(boundaries: MapBoundaries, level: Level) -> Areas | None:
    """Area of every wilayah of ``level`` that has an imported polygon.

    Args:
        boundaries: from :func:`cc_analytics.maps.load_map_boundaries`.
        level: ``"kecamatan"`` or ``"desa"``.

    Returns:
        ``(kode_wilayah, luas_km2)`` pairs in code order, or ``None`` when the level is drawn with schematic
        tiles (no boundary file imported for it).
    """
    if boundaries.is_schematic(level):
        return None
    units = boundaries.units(level)
    projected = units.geometry.to_crs(EQUAL_AREA_CRS)
    km2 = projected.area / 1_000_000
    pairs = sorted(zip(units["kode_wilayah"].astype(str), km2.astype(float), strict=True))
    return tuple((kode, round(value, 4)) for kode, value in pairs)
