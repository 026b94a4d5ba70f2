"""Checking a boundary file against the wilayah reference, repairing geometry and simplifying for display.

:func:`prepare_boundaries` is the whole pipeline for one file: read, reproject to EPSG:4326, match the codes
with :mod:`cc_analytics.wilayah`, repair or reject invalid geometry, merge parts of one code, simplify. It
either returns clean boundaries with a report, or raises one :class:`BoundaryError` listing every problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from cc_analytics import wilayah
from cc_analytics.maps.errors import BoundaryError
from cc_analytics.maps.geometry import POLYGONAL, polygonal_part, remove_slivers, simplify_for_display
from cc_analytics.maps.reading import (
    KODE_CANDIDATES,
    NAMA_CANDIDATES,
    WGS84,
    find_column,
    normalise_kode,
    read_boundary_file,
    to_wgs84,
)

Level = Literal["kecamatan", "desa"]
LEVELS: tuple[Level, ...] = ("kecamatan", "desa")

DEFAULT_TOLERANCE_M = 50.0
MIN_SLIVER_M2 = 10_000.0  # 1 ha: holes and fragments below this are slivers, not enclaves
_MAX_CODES_LISTED = 10
BOUNDARY_COLUMNS = ["kode_wilayah", "nama", "kode_kecamatan", "geometry"]


@dataclass(frozen=True)
class ImportOptions:
    """How to read and check one boundary file.

    Attributes:
        source_crs: CRS of the coordinates when the file declares none or a wrong one (``"EPSG:32749"``).
        layer: layer to read from a file with several layers (GeoPackage).
        kode_column: column with the Kemendagri codes; None looks for known names (kode, KDEPUM, ...).
        nama_column: column with the names (only compared with the reference; reference names are kept).
        allow_missing: accept a file that lacks some reference codes (they stay without a polygon).
        drop_unknown: drop features whose code is not in the reference (e.g. a province-wide file)
            instead of refusing the file.
        tolerance_m: simplification tolerance for display, in metres (0 keeps every vertex).
    """

    source_crs: str | None = None
    layer: str | None = None
    kode_column: str | None = None
    nama_column: str | None = None
    allow_missing: bool = False
    drop_unknown: bool = False
    tolerance_m: float = DEFAULT_TOLERANCE_M


@dataclass
class ImportReport:
    """What an import found and did, for the person running it (Indonesian)."""

    file_name: str
    level: Level
    n_features: int
    n_reference: int
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report as lines of text."""
        head = (
            f"Berkas '{self.file_name}': {self.n_features} dari {self.n_reference} "
            f"{'kecamatan' if self.level == 'kecamatan' else 'desa/kelurahan'} dalam referensi."
        )
        return [head, *(f"  - {note}" for note in self.notes)]


@dataclass(frozen=True)
class PreparedBoundaries:
    """Clean boundaries of one level: columns ``kode_wilayah, nama, kode_kecamatan, geometry`` (EPSG:4326)."""

    level: Level
    frame: gpd.GeoDataFrame
    report: ImportReport


def prepare_boundaries(path: Path, options: ImportOptions | None = None) -> PreparedBoundaries:
    """Read, check, repair and simplify one boundary file.

    Raises:
        BoundaryError: listing every problem found (unreadable file, CRS, codes, geometry).
    """
    options = options or ImportOptions()
    name = path.name
    raw = read_boundary_file(path, options.layer)
    located, notes = to_wgs84(raw, name, options.source_crs)
    kode_column = find_column(located, options.kode_column, KODE_CANDIDATES, name)
    if kode_column is None:
        found = ", ".join(str(c) for c in located.columns if c != located.geometry.name)
        raise BoundaryError(name, [f"kolom kode wilayah tidak ditemukan (kolom yang ada: {found}); sebutkan kolomnya."])
    nama_column = find_column(located, options.nama_column, NAMA_CANDIDATES, name)
    frame = gpd.GeoDataFrame(
        {
            "kode_asli": located[kode_column].astype(str).to_numpy(),
            "kode_wilayah": [normalise_kode(v) for v in located[kode_column].tolist()],
            "nama_berkas": located[nama_column].astype(str).to_numpy() if nama_column else None,
        },
        geometry=shapely.force_2d(located.geometry.to_numpy()),
        crs=WGS84,
    )
    level = _detect_level(frame, name)
    reference = wilayah.kecamatan() if level == "kecamatan" else wilayah.desa()
    frame, problems = _check_codes(frame, reference, options, notes)
    frame, geometry_problems = _repair_geometry(frame, notes)
    problems += geometry_problems
    if problems:
        raise BoundaryError(name, problems)
    frame = _merge_duplicates(frame, notes)
    frame = remove_slivers(frame, MIN_SLIVER_M2, notes)
    frame = simplify_for_display(frame, options.tolerance_m, notes)
    names = reference.set_index("kode_wilayah")["nama"]
    _note_name_differences(frame, names, notes)
    frame["nama"] = frame["kode_wilayah"].map(names)
    frame["kode_kecamatan"] = frame["kode_wilayah"].str.slice(0, 8)
    clean = frame[BOUNDARY_COLUMNS].sort_values("kode_wilayah").reset_index(drop=True)
    report = ImportReport(name, level, len(clean), len(reference), notes)
    return PreparedBoundaries(level, clean, report)


def _detect_level(frame: gpd.GeoDataFrame, file_name: str) -> Level:
    lengths = frame["kode_wilayah"].dropna().str.len()
    n_kecamatan, n_desa = int((lengths == 8).sum()), int((lengths == 13).sum())
    if n_kecamatan == 0 and n_desa == 0:
        sample = ", ".join(f"'{v}'" for v in frame["kode_asli"].head(3))
        raise BoundaryError(file_name, [f"tidak ada kode Kemendagri yang dikenali (contoh isi kolom kode: {sample})."])
    if n_kecamatan and n_desa:
        raise BoundaryError(
            file_name,
            [f"berkas mencampur {n_kecamatan} kode kecamatan dan {n_desa} kode desa; impor satu tingkat per berkas."],
        )
    return "kecamatan" if n_kecamatan else "desa"


def _list_codes(codes: list[str], names: pd.Series | None = None) -> str:
    shown = [f"{c} {names.get(c, '')}".strip() if names is not None else c for c in codes[:_MAX_CODES_LISTED]]
    more = f" dan {len(codes) - _MAX_CODES_LISTED} lainnya" if len(codes) > _MAX_CODES_LISTED else ""
    return ", ".join(shown) + more


def _check_codes(
    frame: gpd.GeoDataFrame, reference: pd.DataFrame, options: ImportOptions, notes: list[str]
) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Match codes with the reference: unknown codes (in the file only) and missing codes (reference only)."""
    problems: list[str] = []
    known = set(reference["kode_wilayah"])
    unknown_mask = ~frame["kode_wilayah"].isin(known)
    unknown = sorted(set(frame.loc[unknown_mask, "kode_wilayah"].fillna(frame.loc[unknown_mask, "kode_asli"])))
    if unknown:
        text = f"{len(unknown)} kode tidak ada dalam referensi wilayah Kabupaten Pasuruan: {_list_codes(unknown)}"
        if any(len("".join(ch for ch in code if ch.isdigit())) == 7 for code in unknown):
            text += " (kode 7 digit tampaknya kode BPS; gunakan kode Kemendagri)"
        if options.drop_unknown:
            notes.append(text + "; fitur itu dibuang.")
            frame = frame[~unknown_mask]
        else:
            problems.append(text + ".")
    names = reference.set_index("kode_wilayah")["nama"]
    missing = sorted(known - set(frame["kode_wilayah"].dropna()))
    if missing:
        text = f"{len(missing)} kode referensi tidak ada dalam berkas: {_list_codes(missing, names)}"
        (notes if options.allow_missing else problems).append(text + ".")
    return frame, problems


def _fix_one(geometry: BaseGeometry | None) -> tuple[BaseGeometry | None, str | None, str | None]:
    """(fixed geometry or None, problem or None, repair note or None) for one feature."""
    if geometry is None or geometry.is_empty:
        return None, "geometri kosong", None
    if geometry.geom_type not in (*POLYGONAL, "GeometryCollection"):
        return None, f"geometri bertipe {geometry.geom_type}, bukan poligon", None
    if geometry.is_valid:
        fixed = polygonal_part(geometry)
        return (fixed, None, None) if not fixed.is_empty else (None, "tidak ada bagian poligon", None)
    reason = shapely.is_valid_reason(geometry)
    fixed = polygonal_part(shapely.make_valid(geometry))
    if fixed.is_empty or fixed.area == 0:
        return None, f"geometri tidak sah ({reason}) dan tidak dapat diperbaiki menjadi poligon", None
    return fixed, None, f"geometri tidak sah ({reason}) diperbaiki"


def _repair_geometry(frame: gpd.GeoDataFrame, notes: list[str]) -> tuple[gpd.GeoDataFrame, list[str]]:
    problems: list[str] = []
    fixed_geometries = []
    for kode, nama, geometry in zip(frame["kode_wilayah"], frame["nama_berkas"], frame.geometry, strict=True):
        fixed, problem, note = _fix_one(geometry)
        label = " ".join(str(v) for v in (kode, nama) if v is not None and v == v)
        if problem:
            problems.append(f"{label}: {problem}.")
        if note:
            notes.append(f"{label}: {note}.")
        fixed_geometries.append(fixed)
    return frame.set_geometry(gpd.GeoSeries(fixed_geometries, index=frame.index, crs=WGS84)), problems


def _merge_duplicates(frame: gpd.GeoDataFrame, notes: list[str]) -> gpd.GeoDataFrame:
    counts = frame["kode_wilayah"].value_counts()
    repeated = sorted(counts[counts > 1].index)
    if not repeated:
        return frame
    notes.append(f"{len(repeated)} kode muncul lebih dari sekali; bagian-bagiannya digabung: {_list_codes(repeated)}.")
    return frame.dissolve(by="kode_wilayah", aggfunc="first", as_index=False)


def _note_name_differences(frame: gpd.GeoDataFrame, names: pd.Series, notes: list[str]) -> None:
    if frame["nama_berkas"].isna().all():
        return
    in_file = frame.set_index("kode_wilayah")["nama_berkas"].astype(str)
    differs = [
        f"{kode} '{name}' (referensi: '{names[kode]}')"
        for kode, name in in_file.items()
        if wilayah.slugify(name) != wilayah.slugify(names[kode])
    ]
    if differs:
        shown = ", ".join(differs[:_MAX_CODES_LISTED])
        more = f" dan {len(differs) - _MAX_CODES_LISTED} lainnya" if len(differs) > _MAX_CODES_LISTED else ""
        notes.append(f"{len(differs)} nama berbeda dengan referensi; nama referensi dipakai: {shown}{more}.")
