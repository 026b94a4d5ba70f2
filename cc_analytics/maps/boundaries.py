"""The boundaries a map is drawn with: imported polygons when there are any, else the schematic tiles.

:func:`load_map_boundaries` is what the app calls. It reads the GeoParquet written by
``python -m cc_analytics boundaries import`` (or the file ``CC_BOUNDARIES_PATH`` names) and falls back,
per level, to the schematic layout of :mod:`cc_analytics.maps.hexgrid` when a level has no polygons.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd

from cc_analytics.config import Settings, load_settings
from cc_analytics.maps.errors import BoundaryError
from cc_analytics.maps.geometry import dissolve_by_kecamatan
from cc_analytics.maps.hexgrid import schematic_desa, schematic_kecamatan
from cc_analytics.maps.store import combine, default_store_path, read_store, store_signature
from cc_analytics.maps.validation import BOUNDARY_COLUMNS, Level, prepare_boundaries


@dataclass(frozen=True)
class MapBoundaries:
    """Polygons of both levels, each either imported or schematic.

    Attributes:
        kecamatan: columns ``kode_wilayah, nama, kode_kecamatan, geometry`` (EPSG:4326).
        desa: the same columns for desa/kelurahan.
        kecamatan_source: file the kecamatan polygons come from; None when they are the schematic hexagons.
        desa_source: file the desa polygons come from; None when they are the schematic squares.
    """

    kecamatan: gpd.GeoDataFrame
    desa: gpd.GeoDataFrame
    kecamatan_source: str | None = None
    desa_source: str | None = None

    @property
    def kecamatan_schematic(self) -> bool:
        """True when the kecamatan polygons are the schematic hexagons."""
        return self.kecamatan_source is None

    @property
    def desa_schematic(self) -> bool:
        """True when the desa polygons are the schematic squares."""
        return self.desa_source is None

    def units(self, level: Level) -> gpd.GeoDataFrame:
        """The polygons of one level."""
        return self.kecamatan if level == "kecamatan" else self.desa

    def is_schematic(self, level: Level) -> bool:
        """True when the polygons of ``level`` are the schematic layout."""
        return self.kecamatan_schematic if level == "kecamatan" else self.desa_schematic

    def source(self, level: Level) -> str | None:
        """Where the polygons of ``level`` come from (a file name), or None for the schematic layout."""
        return self.kecamatan_source if level == "kecamatan" else self.desa_source

    def kecamatan_outlines(self, level: Level) -> gpd.GeoDataFrame:
        """Kecamatan polygons that fit the ``level`` layer (schematic desa sit in schematic hexagons)."""
        if level == "desa" and self.desa_schematic:
            return schematic_kecamatan()
        if level == "desa" and self.kecamatan_schematic:
            merged = dissolve_by_kecamatan(self.desa)
            names = self.desa.drop_duplicates("kode_kecamatan").set_index("kode_kecamatan")["nama"]
            return merged.assign(kode_wilayah=merged["kode_kecamatan"], nama=merged["kode_kecamatan"].map(names))
        return self.kecamatan


def schematic_boundaries() -> MapBoundaries:
    """Both levels as schematic tiles (no boundary file needed)."""
    return MapBoundaries(schematic_kecamatan(), schematic_desa())


def boundaries_source(settings: Settings | None = None) -> Path:
    """The file the maps load: ``CC_BOUNDARIES_PATH`` if set, else the default import location."""
    settings = settings or load_settings()
    return settings.boundaries_path or default_store_path(settings)


def boundaries_signature(settings: Settings | None = None) -> str:
    """A string that changes whenever the boundary file is replaced (key for cached loaders)."""
    return store_signature(boundaries_source(settings))


def load_map_boundaries(settings: Settings | None = None) -> MapBoundaries:
    """Boundaries for the maps: imported ones where available, schematic tiles elsewhere.

    A ``.parquet`` source is the output of ``boundaries import``; any other file (GeoJSON, GeoPackage,
    Shapefile) named by ``CC_BOUNDARIES_PATH`` is checked and simplified in memory the same way.

    Raises:
        BoundaryError: ``CC_BOUNDARIES_PATH`` names a missing file, or the file cannot be used. The caller
            can show the message and draw :func:`schematic_boundaries` instead.
    """
    settings = settings or load_settings()
    path = boundaries_source(settings)
    if not path.exists():
        if settings.boundaries_path is not None:
            raise BoundaryError(path.name, ["CC_BOUNDARIES_PATH menunjuk ke berkas yang tidak ada."])
        return schematic_boundaries()
    if path.suffix.lower() == ".parquet":
        stored = read_store(path)
    else:
        stored, _ = combine(None, prepare_boundaries(path))
    return _from_stored(stored)


def _from_stored(stored: gpd.GeoDataFrame) -> MapBoundaries:
    levels = {}
    for level in ("kecamatan", "desa"):
        rows = stored[stored["level"] == level]
        source = ", ".join(sorted(set(rows["asal"]))) if not rows.empty else None
        levels[level] = (rows[BOUNDARY_COLUMNS].reset_index(drop=True), source)
    kecamatan, kecamatan_source = levels["kecamatan"]
    desa, desa_source = levels["desa"]
    return MapBoundaries(
        kecamatan=kecamatan if kecamatan_source else schematic_kecamatan(),
        desa=desa if desa_source else schematic_desa(),
        kecamatan_source=kecamatan_source,
        desa_source=desa_source,
    )
