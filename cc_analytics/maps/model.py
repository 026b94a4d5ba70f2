"""A choropleth map as plain data, before any renderer: areas with colours, outlines, labels, legend, caption.

:func:`build_map_model` joins indicator values to the boundaries of one level; :mod:`~cc_analytics.maps.deck`
(interactive) and :mod:`~cc_analytics.maps.static` (PNG) draw the same model, so both always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import shapely

from cc_analytics import wilayah
from cc_analytics.errors import DataNotFoundError
from cc_analytics.maps import text
from cc_analytics.maps.boundaries import MapBoundaries
from cc_analytics.maps.palette import Legend, ValueFormat, classify
from cc_analytics.maps.reference import Bounds
from cc_analytics.maps.validation import Level

VALUE_COLUMNS = ("kode_wilayah", "nama", "value", "value_label")
_MAX_NAMES_LISTED = 8


@dataclass(frozen=True)
class MapModel:
    """Everything a renderer needs.

    Attributes:
        level: ``"kecamatan"`` or ``"desa"``.
        title: indicator name shown in legend, tooltip and PNG title.
        areas: one row per wilayah drawn: ``kode_wilayah, nama, kode_kecamatan, value, value_label, kelas,
            warna, keterangan, geometry`` (``kelas`` is the legend label, ``warna`` its hex colour,
            ``keterangan`` the tooltip line ``"<title>: <value_label>"``).
        outlines: kecamatan drawn as outlines over the areas (desa level; the selected kecamatan at
            kecamatan level): ``kode_wilayah, nama, keterangan, geometry``. May be empty.
        labels: name labels: ``kode_wilayah, nama, keterangan, lon, lat``.
        legend: classes and colours.
        bounds: (min lon, min lat, max lon, max lat) of the areas: the initial view.
        caption: Indonesian caption (schematic notice or boundary source, and wilayah without polygons).
        is_schematic: True when the areas are schematic tiles, not real boundaries.
        kode_kecamatan: the kecamatan drilled into or selected, if any.
    """

    level: Level
    title: str
    areas: gpd.GeoDataFrame
    outlines: gpd.GeoDataFrame
    labels: pd.DataFrame
    legend: Legend
    bounds: Bounds
    caption: str
    is_schematic: bool
    kode_kecamatan: str | None = None


def build_map_model(
    values: pd.DataFrame,
    boundaries: MapBoundaries,
    *,
    level: Level = "kecamatan",
    kode_kecamatan: str | None = None,
    title: str = "",
    value_format: ValueFormat | None = None,
    n_classes: int = 5,
) -> MapModel:
    """Join indicator values to the polygons of one level and colour them.

    Args:
        values: one row per wilayah: ``kode_wilayah`` (Kemendagri code of the level), ``nama``, ``value``
            (number, NaN for none), ``value_label`` (the value formatted for display, e.g. ``"8,63%"``).
            Wilayah without a row are drawn grey as "tidak ada data". Names are taken from the reference.
        boundaries: from :func:`~cc_analytics.maps.boundaries.load_map_boundaries`.
        level: ``"kecamatan"`` or ``"desa"``.
        kode_kecamatan: at desa level, draw only the desa of this kecamatan (drill-down) and colour them
            among themselves; at kecamatan level, outline this kecamatan as selected.
        title: indicator name and unit, e.g. ``"Penduduk (jiwa)"``.
        value_format: formats legend class edges in the unit of ``value``; default plain Indonesian numbers.
        n_classes: number of colour classes (at most 5).

    Raises:
        ValueError: ``values`` lacks a column or repeats a code.
        DataNotFoundError: ``kode_kecamatan`` is not a kecamatan of the regency, or no polygon of the level
            is left to draw (a boundary file imported with missing codes).
    """
    _check_values(values)
    if kode_kecamatan is not None and kode_kecamatan not in set(wilayah.kecamatan()["kode_wilayah"]):
        raise DataNotFoundError(f"Kecamatan dengan kode '{kode_kecamatan}' tidak ada di Kabupaten Pasuruan.")
    units = boundaries.units(level)
    kecamatan = boundaries.kecamatan_outlines(level)
    if level == "desa" and kode_kecamatan is not None:
        units = units[units["kode_kecamatan"] == kode_kecamatan]
        kecamatan = kecamatan[kecamatan["kode_wilayah"] == kode_kecamatan]
    if units.empty:
        raise DataNotFoundError(text.NO_BOUNDARIES.format(level=text.LEVEL_LABEL[level]))
    areas = _areas(units, values, title, value_format, n_classes)
    outlines = kecamatan if level == "desa" else kecamatan[kecamatan["kode_wilayah"] == kode_kecamatan]
    outlines = outlines[["kode_wilayah", "nama", "geometry"]].assign(keterangan=text.KEC_OUTLINE_NOTE)
    show_desa_names = level == "kecamatan" or kode_kecamatan is not None
    labels = label_points(areas if show_desa_names else outlines)
    legend = classify(areas["value"], title, n_classes, value_format).legend
    return MapModel(
        level=level,
        title=title,
        areas=areas,
        outlines=outlines.reset_index(drop=True),
        labels=labels,
        legend=legend,
        bounds=_bounds(areas, outlines if level == "desa" else None),
        caption=_caption(boundaries, level, units, kode_kecamatan),
        is_schematic=boundaries.is_schematic(level),
        kode_kecamatan=kode_kecamatan,
    )


def _bounds(areas: gpd.GeoDataFrame, outlines: gpd.GeoDataFrame | None) -> Bounds:
    """Box around the areas and, when given, the kecamatan outlines drawn with them."""
    boxes = [areas.total_bounds] + ([outlines.total_bounds] if outlines is not None and not outlines.empty else [])
    return (
        float(min(b[0] for b in boxes)),
        float(min(b[1] for b in boxes)),
        float(max(b[2] for b in boxes)),
        float(max(b[3] for b in boxes)),
    )


def _check_values(values: pd.DataFrame) -> None:
    missing = [c for c in VALUE_COLUMNS if c not in values.columns]
    if missing:
        raise ValueError(f"values lacks column(s) {missing}; expected {list(VALUE_COLUMNS)}")
    repeated = values["kode_wilayah"][values["kode_wilayah"].duplicated()]
    if not repeated.empty:
        raise ValueError(f"values repeats kode_wilayah {sorted(set(repeated))[:5]}")


def _areas(
    units: gpd.GeoDataFrame, values: pd.DataFrame, title: str, value_format: ValueFormat | None, n_classes: int
) -> gpd.GeoDataFrame:
    joined = units.merge(values[["kode_wilayah", "value", "value_label"]], on="kode_wilayah", how="left")
    joined["value"] = pd.to_numeric(joined["value"], errors="coerce")
    joined["value_label"] = joined["value_label"].astype("object").where(joined["value"].notna(), text.NO_DATA)
    classes = classify(joined["value"], title, n_classes, value_format)
    joined["kelas"] = list(classes.labels)
    joined["warna"] = list(classes.colours)
    prefix = f"{title}: " if title else ""
    joined["keterangan"] = [prefix + str(label) for label in joined["value_label"]]
    columns = ["kode_wilayah", "nama", "kode_kecamatan", "value", "value_label", "kelas", "warna", "keterangan"]
    return gpd.GeoDataFrame(joined[[*columns, "geometry"]], geometry="geometry", crs=units.crs).reset_index(drop=True)


def label_points(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    """One label position per polygon: its centroid when that lies inside, else a point surely inside.

    Returns:
        Columns ``kode_wilayah, nama, keterangan, lon, lat``.
    """
    geometries = frame.geometry.to_numpy()
    centroids = shapely.centroid(geometries)
    inside = shapely.contains(geometries, centroids)
    points = [c if ok else shapely.point_on_surface(g) for c, g, ok in zip(centroids, geometries, inside, strict=True)]
    return pd.DataFrame(
        {
            "kode_wilayah": frame["kode_wilayah"].to_numpy(),
            "nama": frame["nama"].to_numpy(),
            "keterangan": frame["keterangan"].to_numpy(),
            "lon": [round(p.x, 5) for p in points],
            "lat": [round(p.y, 5) for p in points],
        }
    )


def _caption(boundaries: MapBoundaries, level: Level, units: gpd.GeoDataFrame, kode_kecamatan: str | None) -> str:
    if boundaries.is_schematic(level):
        return text.CAPTION_SCHEMATIC_KECAMATAN if level == "kecamatan" else text.CAPTION_SCHEMATIC_DESA
    caption = text.BOUNDARY_SOURCE.format(source=boundaries.source(level))
    reference = wilayah.kecamatan() if level == "kecamatan" else wilayah.desa()
    if kode_kecamatan is not None and level == "desa":
        reference = reference[reference["kode_kecamatan"] == kode_kecamatan]
    absent = reference[~reference["kode_wilayah"].isin(units["kode_wilayah"])]["nama"].tolist()
    if absent:
        names = ", ".join(absent[:_MAX_NAMES_LISTED]) + (" dan lainnya" if len(absent) > _MAX_NAMES_LISTED else "")
        caption += " " + text.NO_GEOMETRY.format(n=len(absent), names=names)
    return caption
