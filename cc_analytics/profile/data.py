"""Loading the protected numbers of the profile page for one semester (the expensive, cacheable part).

- :func:`profile_counts`: the counts and ratios of every kecamatan and desa (:mod:`cc_analytics.profile.counts`);
- :func:`profile_distributions`: pyramid, desil, komponen and data-quality flags, protected at three levels for
  one kecamatan's desa (:mod:`cc_analytics.profile.protect`);
- :func:`profile_sources`: the source and as-of line of each panel.

:func:`cc_analytics.profile.build.build_profile` picks one wilayah out of these.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from cc_analytics.errors import DataNotFoundError
from cc_analytics.periods import parse_periode
from cc_analytics.profile import queries
from cc_analytics.profile.counts import ProtectedCounts, protect_profile_counts
from cc_analytics.profile.protect import ProtectedLevels, protect_levels
from cc_analytics.store.provenance import SourceNote, source_dates
from cc_analytics.store.query import fetch_rows

DISTRIBUTIONS = ("pyramid", "desil", "komponen", "kualitas")
"""The distributions of the profile, in display order."""

_DESIL_GROUPS = (queries.DESIL_CATEGORIES[:4], queries.DESIL_CATEGORIES[4:])


@dataclass(frozen=True)
class Distribution:
    """One distribution after suppression, with the raw totals its shares divide by.

    Attributes:
        levels: the protected cells at kabupaten, kecamatan and desa level.
        kecamatan_totals: per kecamatan, the sum over the categories (published; 0 for komponen, whose
            categories overlap and are divided by the KPM count instead).
        desa_totals: the same per desa of the chosen kecamatan.
        kabupaten_total: the regency's sum over the categories.
    """

    levels: ProtectedLevels
    kecamatan_totals: pd.Series
    desa_totals: pd.Series
    kabupaten_total: float


@dataclass(frozen=True)
class PeriodeInfo:
    """The semester shown, the one compared with and the PKH tahap counted.

    Attributes:
        periode: semester label.
        previous: the semester before when the marts hold it, else None.
        tahap: ``(tahun, tahap)`` of the last PKH tahap of the semester, None without PKH data.
    """

    periode: str
    previous: str | None
    tahap: tuple[int, int] | None


def periode_info(con: duckdb.DuckDBPyConnection, periode: str) -> PeriodeInfo:
    """The semester, its predecessor held by the marts and its last PKH tahap.

    Raises:
        DataNotFoundError: when the marts do not hold ``periode``.
    """
    held = {str(r[0]) for r in fetch_rows(con, "SELECT periode FROM periode")}
    if periode not in held:
        raise DataNotFoundError(f"Periode {periode} tidak ada dalam data.")
    previous = parse_periode(periode).previous().label
    return PeriodeInfo(periode, previous if previous in held else None, queries.last_tahap(con, periode))


def profile_counts(con: duckdb.DuckDBPyConnection, periode: str, min_cell: int) -> ProtectedCounts:
    """Counts and ratios of every kecamatan and desa for the semester, small counts suppressed."""
    info = periode_info(con, periode)
    counts = queries.desa_counts(con, periode, info.previous, info.tahap)
    return protect_profile_counts(counts, queries.penduduk_trend(con), min_cell)


def _distribution(
    cells: pd.DataFrame, kecamatan_of: pd.Series, min_cell: int, kecamatan: str | None, row_totals: bool
) -> Distribution:
    levels = protect_levels(cells, kecamatan_of, min_cell, kecamatan=kecamatan, row_totals=row_totals)
    sums = cells.sum(axis=1) if row_totals else pd.Series(0, index=cells.index, dtype="int64")
    desa = sums[kecamatan_of == kecamatan] if kecamatan else sums.iloc[:0]
    return Distribution(levels, sums.groupby(kecamatan_of).sum(), desa, float(sums.sum()))


def _desil(cells: pd.DataFrame, kecamatan_of: pd.Series, min_cell: int, kecamatan: str | None) -> Distribution:
    """Desil 1–4 and 5–10 protected as two tables: the desil 1–4 total is published on its own."""
    parts = [_distribution(cells[list(g)], kecamatan_of, min_cell, kecamatan, True) for g in _DESIL_GROUPS]
    first, second = (p.levels for p in parts)
    levels = ProtectedLevels(
        kabupaten=pd.concat([first.kabupaten, second.kabupaten]),
        kecamatan_values=pd.concat([first.kecamatan_values, second.kecamatan_values], axis=1),
        kecamatan_status=pd.concat([first.kecamatan_status, second.kecamatan_status], axis=1),
        desa_values=pd.concat([first.desa_values, second.desa_values], axis=1),
        desa_status=pd.concat([first.desa_status, second.desa_status], axis=1),
    )
    return Distribution(
        levels,
        parts[0].kecamatan_totals + parts[1].kecamatan_totals,
        parts[0].desa_totals + parts[1].desa_totals,
        parts[0].kabupaten_total + parts[1].kabupaten_total,
    )


def profile_distributions(
    con: duckdb.DuckDBPyConnection, periode: str, kecamatan: str | None, min_cell: int
) -> dict[str, Distribution]:
    """The four distributions of :data:`DISTRIBUTIONS` for the semester, protected down to the desa of
    ``kecamatan`` (None: kabupaten and kecamatan level only).

    Returns:
        name → :class:`Distribution`; categories as in :mod:`cc_analytics.profile.queries`, flags as in the marts.
    """
    info = periode_info(con, periode)
    kecamatan_of = queries.desa_counts(con, periode, None, None)["kode_kecamatan"]
    flags = queries.kualitas_flags(con) or ("tidak_ada",)
    return {
        "pyramid": _distribution(queries.pyramid_cells(con, periode), kecamatan_of, min_cell, kecamatan, True),
        "desil": _desil(queries.desil_cells(con, periode), kecamatan_of, min_cell, kecamatan),
        "komponen": _distribution(
            queries.komponen_cells(con, periode, info.tahap), kecamatan_of, min_cell, kecamatan, False
        ),
        "kualitas": _distribution(queries.kualitas_cells(con, periode, flags), kecamatan_of, min_cell, kecamatan, True),
    }


def profile_sources(con: duckdb.DuckDBPyConnection, periode: str, is_synthetic: bool) -> dict[str, SourceNote]:
    """Source line of each panel: ``penduduk`` (Dukcapil), ``desil`` (DTSEN), ``desil_kk`` (DTSEN and
    Dukcapil), ``pkh`` (PKH), ``cakupan`` (DTSEN and PKH), ``kualitas`` (checks at ingest, dated by the latest
    source), ``tabel`` (all of them)."""
    dates = source_dates(con, periode)

    def note(*keys: str) -> SourceNote:
        return SourceNote(tuple((k, dates.get(k)) for k in keys), is_synthetic)

    checks = SourceNote((("kualitas", note(*dates).latest),), is_synthetic)
    return {
        "penduduk": note("dukcapil"),
        "desil": note("dtsen"),
        "desil_kk": note("dtsen", "dukcapil"),
        "pkh": note("pkh"),
        "cakupan": note("dtsen", "pkh"),
        "kualitas": checks,
        "tabel": SourceNote((*note("dukcapil", "dtsen", "pkh").parts, *checks.parts), is_synthetic),
    }
