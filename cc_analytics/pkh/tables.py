"""All protected PKH tables one selection needs, read once and suppressed consistently across levels.

For a selection (semester, tahap, optional kecamatan/desa) :func:`build_tables` reads the coverage of every
komponen and the inclusion problems, per kecamatan and, when a kecamatan (or a desa in it) is chosen, per
desa of that kecamatan, and protects them with :mod:`cc_analytics.pkh.protect`:

- kabupaten level: kecamatan × (covered, gap) per komponen; kecamatan × problem;
- desa level: desa × (covered, gap) per komponen, published only when the kecamatan's row is shown whole in
  the kabupaten table of that komponen; desa × flagged records, published only when the kecamatan's number of
  flagged records is shown. A desa table is also withheld when its own protection had to hide one of its
  totals: those are the kecamatan's figures, public in the kabupaten table, so hiding them protects nothing.

:class:`CoverageTables` then answers "where do the figures of this area live" (:meth:`area_coverage`,
:meth:`area_inclusion`) and "which rows does the page list" (:meth:`listed_coverage`,
:meth:`listed_inclusion`), so every view of one number reads the same protected value.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from cc_analytics.pkh.protect import (
    INCLUSION_TOTAL,
    ProtectedFigures,
    protect_coverage,
    protect_inclusion,
    protect_inclusion_totals,
    row_is_shown,
    withheld_like,
)
from cc_analytics.pkh.queries import (
    SEMUA,
    Selection,
    check_selection,
    coverage_by_komponen_wilayah,
    inclusion_by_wilayah,
    komponen_pilihan,
)
from cc_analytics.privacy import SHOWN, TOTAL
from cc_analytics.store.query import fetch_rows


@dataclass(frozen=True)
class Wilayah:
    """A wilayah by code: its name and level (``kecamatan``, ``desa`` or ``kelurahan``)."""

    kode: str
    nama: str
    level: str


@dataclass(frozen=True)
class CoverageTables:
    """The protected tables of one selection (see module docstring).

    Attributes:
        selection: what the tables are about.
        wilayah: code → :class:`Wilayah` for every wilayah listed (and the selected kecamatan/desa).
        kabupaten: komponen → kecamatan × (``keluarga_layak_pkh``, ``keluarga_celah``) table.
        desa: komponen → desa table of the selection's kecamatan; empty without a kecamatan.
        inklusi_kabupaten: kecamatan × problem table.
        inklusi_desa: desa × :data:`INCLUSION_TOTAL` table of the selection's kecamatan; None without one.
    """

    selection: Selection
    wilayah: dict[str, Wilayah]
    kabupaten: dict[str, ProtectedFigures]
    desa: dict[str, ProtectedFigures]
    inklusi_kabupaten: ProtectedFigures
    inklusi_desa: ProtectedFigures | None

    @property
    def area_row(self) -> str:
        """Row label of the selected area in the table holding its figures (``total`` = kabupaten)."""
        return self.selection.kode_desa or self.selection.kecamatan or TOTAL

    def area_coverage(self, komponen: str) -> ProtectedFigures:
        """The table whose row :attr:`area_row` holds the area's coverage figures for ``komponen``."""
        return self.desa[komponen] if self.selection.kode_desa else self.kabupaten[komponen]

    def listed_coverage(self, komponen: str) -> ProtectedFigures:
        """The table whose rows the page lists: kecamatan, or the desa of the chosen kecamatan."""
        return self.desa[komponen] if self.selection.kecamatan else self.kabupaten[komponen]

    def area_inclusion(self) -> tuple[ProtectedFigures, str]:
        """The table and column holding the area's number of flagged records (row :attr:`area_row`)."""
        if self.selection.kode_desa and self.inklusi_desa is not None:
            return self.inklusi_desa, INCLUSION_TOTAL
        return self.inklusi_kabupaten, TOTAL

    def listed_inclusion(self) -> tuple[ProtectedFigures, str]:
        """The table and column of flagged records per listed wilayah."""
        if self.inklusi_desa is None:
            return self.inklusi_kabupaten, TOTAL
        return self.inklusi_desa, INCLUSION_TOTAL

    @property
    def has_problem_breakdown(self) -> bool:
        """Whether the area's flagged records are broken down by problem (kabupaten and kecamatan only)."""
        return self.selection.kode_desa is None


def _wilayah(con: duckdb.DuckDBPyConnection, kecamatan: str | None) -> dict[str, Wilayah]:
    sql = "SELECT kode_wilayah, nama, level FROM wilayah WHERE level = 'kecamatan' OR kode_induk = ?"
    return {str(k): Wilayah(str(k), str(n), str(lv)) for k, n, lv in fetch_rows(con, sql, [kecamatan or ""])}


def nested(child: ProtectedFigures, *, parent_shown: bool) -> ProtectedFigures:
    """``child`` as published below a parent row: withheld unless the parent row is shown whole and the child's
    own totals (the parent's figures, public there) all stayed shown after its protection."""
    return child if parent_shown and row_is_shown(child, TOTAL) else withheld_like(child)


def _desa_coverage(
    long: pd.DataFrame, komponen: str, kabupaten: ProtectedFigures, kecamatan: str, min_cell: int
) -> ProtectedFigures:
    """The desa table of one komponen of ``kecamatan`` (``long``: its desa rows of every komponen) as published:
    withheld unless the kecamatan's row of the kabupaten table ``kabupaten`` is shown whole."""
    return nested(
        protect_coverage(long[long["komponen"] == komponen], min_cell),
        parent_shown=row_is_shown(kabupaten, kecamatan),
    )


def _desa_tables(
    con: duckdb.DuckDBPyConnection,
    selection: Selection,
    kecamatan: str,
    kabupaten: dict[str, ProtectedFigures],
    inklusi_kabupaten: ProtectedFigures,
    min_cell: int,
) -> tuple[dict[str, ProtectedFigures], ProtectedFigures]:
    """The desa tables of ``kecamatan``, each withheld when its kecamatan figures are not shown whole."""
    long = coverage_by_komponen_wilayah(con, selection.periode, selection.tahap, kecamatan)
    desa = {k: _desa_coverage(long, k, kabupaten[k], kecamatan, min_cell) for k in komponen_pilihan()}
    inklusi = nested(
        protect_inclusion_totals(inclusion_by_wilayah(con, selection.periode, selection.tahap, kecamatan), min_cell),
        parent_shown=inklusi_kabupaten.status.at[kecamatan, TOTAL] == SHOWN,
    )
    return desa, inklusi


def published_status(
    con: duckdb.DuckDBPyConnection, periode: str, tahap: int, level: str, *, min_cell: int, komponen: str = SEMUA
) -> pd.DataFrame:
    """The status the Celah cakupan PKH page gives each coverage figure of ``komponen`` in ``tahap``.

    Per kecamatan (``level="kecamatan"``: the kabupaten table) or per desa of every kecamatan (each
    kecamatan's desa table, withheld as the page withholds it). Other views of the same figures (the map)
    hide at least what this hides, so no figure the page protects can be worked out from them.

    Returns:
        Indexed by ``kode_wilayah``: columns ``keluarga_layak_pkh``, ``keluarga_celah`` and ``total``
        (``shown``, ``small``, ``complement``, ``unpublished`` or ``withheld``).
    """
    long = coverage_by_komponen_wilayah(con, periode, tahap)
    kabupaten = protect_coverage(long[long["komponen"] == komponen], min_cell)
    if level == "kecamatan":
        return kabupaten.status.drop(index=TOTAL)
    kecamatan = [kode for kode in kabupaten.status.index if kode != TOTAL]
    frames = [
        _desa_coverage(
            coverage_by_komponen_wilayah(con, periode, tahap, kode), komponen, kabupaten, kode, min_cell
        ).status.drop(index=TOTAL)
        for kode in kecamatan
    ]
    return pd.concat(frames)


def build_tables(con: duckdb.DuckDBPyConnection, selection: Selection, *, min_cell: int) -> CoverageTables:
    """Read and protect every table the selection needs.

    Args:
        con: connection to the marts.
        selection: semester, tahap, komponen and optional kecamatan/desa (checked first).
        min_cell: counts ``1 … min_cell − 1`` are suppressed, with complementary cells.

    Raises:
        DataNotFoundError: when the marts do not hold the selection (see
            :func:`cc_analytics.pkh.queries.check_selection`).
    """
    check_selection(con, selection)
    long = coverage_by_komponen_wilayah(con, selection.periode, selection.tahap)
    kabupaten = {k: protect_coverage(long[long["komponen"] == k], min_cell) for k in komponen_pilihan()}
    inklusi_kabupaten = protect_inclusion(inclusion_by_wilayah(con, selection.periode, selection.tahap), min_cell)
    desa: dict[str, ProtectedFigures] = {}
    inklusi_desa = None
    if selection.kecamatan:
        desa, inklusi_desa = _desa_tables(con, selection, selection.kecamatan, kabupaten, inklusi_kabupaten, min_cell)
    return CoverageTables(
        selection=selection,
        wilayah=_wilayah(con, selection.kecamatan),
        kabupaten=kabupaten,
        desa=desa,
        inklusi_kabupaten=inklusi_kabupaten,
        inklusi_desa=inklusi_desa,
    )
