"""The imported boundaries: one GeoParquet file holding the kecamatan and desa levels.

Layout of the file (one row per wilayah): ``level`` (kecamatan/desa), ``kode_wilayah``, ``nama`` (reference
name), ``kode_kecamatan``, ``is_turunan`` (True when the kecamatan polygon was dissolved from imported desa),
``asal`` (file it came from), ``diimpor_pada`` (ISO time), ``geometry`` (EPSG:4326, simplified for display).

An import writes the new file beside the old one and swaps it in with one rename, so the app sees either
the previous boundaries or the new ones; a refused file leaves the previous boundaries in place.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd
from pyarrow import ArrowException

from cc_analytics import wilayah
from cc_analytics.config import Settings, load_settings
from cc_analytics.maps.errors import BoundaryError
from cc_analytics.maps.geometry import WGS84, dissolve_by_kecamatan, remove_slivers
from cc_analytics.maps.validation import (
    MIN_SLIVER_M2,
    ImportOptions,
    ImportReport,
    PreparedBoundaries,
    prepare_boundaries,
)
from cc_analytics.store.connection import file_signature

STORE_FILE_NAME = "batas_wilayah.parquet"
STORE_COLUMNS = ["level", "kode_wilayah", "nama", "kode_kecamatan", "is_turunan", "asal", "diimpor_pada", "geometry"]


def default_store_path(settings: Settings) -> Path:
    """Where imports go by default: ``$CC_DATA_DIR/boundaries/batas_wilayah.parquet`` (git-ignored)."""
    return settings.data_dir / "boundaries" / STORE_FILE_NAME


def store_path(settings: Settings) -> Path:
    """The GeoParquet file imports write to: ``CC_BOUNDARIES_PATH`` when it names a ``.parquet`` file."""
    configured = settings.boundaries_path
    if configured is not None and configured.suffix.lower() == ".parquet":
        return configured
    return default_store_path(settings)


def store_signature(path: Path) -> str:
    """A string that changes whenever the file at ``path`` is replaced (for cache keys)."""
    return f"{path}:{file_signature(path)}"


def read_store(path: Path) -> gpd.GeoDataFrame:
    """Read a stored boundary file (columns :data:`STORE_COLUMNS`).

    Raises:
        BoundaryError: the file is missing, not GeoParquet, or lacks the expected columns.
    """
    try:
        frame = gpd.read_parquet(path)
    except (OSError, ValueError, ArrowException) as exc:
        raise BoundaryError(
            path.name, ["bukan berkas GeoParquet batas wilayah yang dapat dibaca; impor ulang."]
        ) from exc
    missing = [c for c in STORE_COLUMNS if c not in frame.columns]
    if missing:
        raise BoundaryError(path.name, [f"kolom {', '.join(missing)} tidak ada; impor ulang berkas batas."])
    return frame[STORE_COLUMNS]


def combine(existing: gpd.GeoDataFrame | None, prepared: PreparedBoundaries) -> tuple[gpd.GeoDataFrame, list[str]]:
    """The stored table after importing ``prepared`` over ``existing``.

    The imported level replaces the same level. Importing desa also (re)builds kecamatan polygons by
    dissolving the desa, unless kecamatan polygons were imported from their own file; only kecamatan whose
    desa are all present are built.

    Returns:
        The new table and notes (Indonesian) about what was kept or derived.
    """
    notes: list[str] = []
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    new = prepared.frame.assign(
        level=prepared.level, is_turunan=False, asal=prepared.report.file_name, diimpor_pada=now
    )
    keep = existing[existing["level"] != prepared.level] if existing is not None else None
    parts = [new]
    if prepared.level == "desa":
        imported_kecamatan = keep[(keep["level"] == "kecamatan") & ~keep["is_turunan"]] if keep is not None else None
        if imported_kecamatan is not None and not imported_kecamatan.empty:
            parts.append(imported_kecamatan)
            notes.append("batas kecamatan dari impor sebelumnya tetap dipakai.")
        else:
            derived, derived_notes = _derive_kecamatan(new, now)
            parts.append(derived)
            notes += derived_notes
    elif keep is not None and not keep.empty:
        parts.append(keep)
        notes.append("batas desa dari impor sebelumnya tetap dipakai.")
    frame = pd.concat(parts, ignore_index=True)
    frame = gpd.GeoDataFrame(frame, geometry="geometry", crs=WGS84)
    return frame[STORE_COLUMNS].sort_values(["level", "kode_wilayah"]).reset_index(drop=True), notes


def _derive_kecamatan(desa: gpd.GeoDataFrame, now: str) -> tuple[gpd.GeoDataFrame, list[str]]:
    reference = wilayah.desa().groupby("kode_kecamatan").size()
    present = desa.groupby("kode_kecamatan").size()
    complete = [k for k, n in reference.items() if present.get(k, 0) == n]
    notes = [f"batas {len(complete)} kecamatan dibentuk dari gabungan batas desanya."]
    incomplete = sorted(set(reference.index) - set(complete))
    if incomplete:
        notes.append(
            f"{len(incomplete)} kecamatan tidak dibentuk karena desanya tidak lengkap: {', '.join(incomplete)}."
        )
    merged = dissolve_by_kecamatan(desa[desa["kode_kecamatan"].isin(complete)])
    merged = remove_slivers(merged, MIN_SLIVER_M2, notes)
    names = wilayah.kecamatan().set_index("kode_wilayah")["nama"]
    merged = merged.assign(
        kode_wilayah=merged["kode_kecamatan"],
        nama=merged["kode_kecamatan"].map(names),
        level="kecamatan",
        is_turunan=True,
        asal=f"gabungan desa dari {desa['asal'].iloc[0]}",
        diimpor_pada=now,
    )
    return merged, notes


def import_boundaries(
    path: Path, options: ImportOptions | None = None, *, target: Path | None = None, settings: Settings | None = None
) -> tuple[ImportReport, Path]:
    """Check a boundary file and store it where the app loads it.

    Args:
        path: GeoJSON, GeoPackage or Shapefile with Kemendagri codes (kecamatan or desa level).
        options: how to read and check it (CRS, columns, tolerance).
        target: the GeoParquet file to write; default :func:`store_path` of the settings.
        settings: settings to resolve the default target; default :func:`load_settings`.

    Returns:
        The report (with notes about what was repaired, derived or kept) and the path written.

    Raises:
        BoundaryError: listing every problem; the previously stored boundaries are left untouched.
    """
    target = target or store_path(settings or load_settings())
    try:
        prepared = prepare_boundaries(path, options)
    except BoundaryError as exc:
        raise BoundaryError(exc.file_name, exc.problems, kept_previous=True) from exc
    existing = None
    if target.is_file():
        try:
            existing = read_store(target)
        except BoundaryError:
            prepared.report.notes.append("berkas batas tersimpan sebelumnya tidak terbaca dan diganti seluruhnya.")
    frame, notes = combine(existing, prepared)
    prepared.report.notes.extend(notes)
    _write_aside_and_swap(frame, target)
    return prepared.report, target


def _write_aside_and_swap(frame: gpd.GeoDataFrame, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    aside = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        frame.to_parquet(aside, index=False)
        os.replace(aside, target)
    finally:
        aside.unlink(missing_ok=True)
