"""Everything the PKH coverage page shows for one selection, in one object (:class:`PkhView`).

The page builds it with :func:`assemble_view` from the cached tables and source line (the tables do not
depend on the komponen, so switching komponen reads nothing) and renders the parts with
:mod:`cc_analytics.pkh.display`; :func:`build_view` does the same in one call. Numbers come from
:mod:`cc_analytics.pkh.tables` (protected against small counts), the narrative from
:mod:`cc_analytics.pkh.narrative`, and the source line covers the three registers the figures are linked
from, with the PKH date of the chosen tahap.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import duckdb

from cc_analytics.pkh.narrative import narrative, place_name
from cc_analytics.pkh.queries import Selection
from cc_analytics.pkh.tables import CoverageTables, build_tables
from cc_analytics.store.provenance import SourceNote, source_dates
from cc_analytics.store.query import fetch_rows

_TAHAP_DATE_SQL = "SELECT max(tanggal_data) FROM ingest_log WHERE sumber = 'pkh' AND periode = ?"


@dataclass(frozen=True)
class PkhView:
    """The PKH page of one selection.

    Attributes:
        selection: semester, tahap, komponen, kecamatan/desa.
        tables: the protected figures (see :class:`cc_analytics.pkh.tables.CoverageTables`).
        wilayah_nama: the selected area, e.g. ``Kecamatan Bangil`` or ``Kabupaten Pasuruan``.
        kecamatan_nama: ``Kecamatan …`` of the selection, None for the whole kabupaten.
        narrative: Indonesian sentences built from the same protected figures.
        source: sources of every figure (Dukcapil, DTSEN, PKH of the tahap) with their as-of dates.
        min_cell: the suppression threshold used.
    """

    selection: Selection
    tables: CoverageTables
    wilayah_nama: str
    kecamatan_nama: str | None
    narrative: tuple[str, ...]
    source: SourceNote
    min_cell: int

    @property
    def listed_level(self) -> str:
        """Level of the listed wilayah: ``kecamatan`` for the kabupaten, else ``desa``."""
        return "desa" if self.selection.kecamatan else "kecamatan"


def tahap_date(con: duckdb.DuckDBPyConnection, tahun: int, tahap: int) -> date | None:
    """As-of date of the PKH roll of one tahap (from ``ingest_log``), None when not recorded."""
    rows = fetch_rows(con, _TAHAP_DATE_SQL, [f"{tahun} tahap {tahap}"])
    return rows[0][0] if rows else None


def coverage_source(con: duckdb.DuckDBPyConnection, selection: Selection, *, is_synthetic: bool) -> SourceNote:
    """Sources of the coverage figures: DTSEN (desil), Dukcapil (ages, deaths) and the PKH roll of the tahap."""
    dates = source_dates(con, selection.periode)
    pkh = tahap_date(con, selection.tahun, selection.tahap) or dates.get("pkh")
    return SourceNote((("dtsen", dates.get("dtsen")), ("dukcapil", dates.get("dukcapil")), ("pkh", pkh)), is_synthetic)


def assemble_view(tables: CoverageTables, selection: Selection, source: SourceNote, *, min_cell: int) -> PkhView:
    """The view of ``selection`` from tables read for the same semester, tahap and wilayah.

    The tables hold every komponen, so changing only the komponen needs no new read or protection: the
    tables of any komponen are re-used with ``selection``'s komponen.
    """
    tables = replace(tables, selection=selection)
    kecamatan = selection.kecamatan
    return PkhView(
        selection=selection,
        tables=tables,
        wilayah_nama=place_name(tables, selection.kode_desa or kecamatan),
        kecamatan_nama=place_name(tables, kecamatan) if kecamatan else None,
        narrative=tuple(narrative(tables)),
        source=source,
        min_cell=min_cell,
    )


def build_view(
    con: duckdb.DuckDBPyConnection, selection: Selection, *, min_cell: int, is_synthetic: bool = False
) -> PkhView:
    """Read, protect and describe the PKH coverage of one selection.

    Args:
        con: connection to the marts.
        selection: what to show (checked against the marts).
        min_cell: counts ``1 … min_cell − 1`` are suppressed.
        is_synthetic: whether the marts hold demo data (marks the source line).

    Raises:
        DataNotFoundError: when the marts do not hold the selection.
    """
    tables = build_tables(con, selection, min_cell=min_cell)
    source = coverage_source(con, selection, is_synthetic=is_synthetic)
    return assemble_view(tables, selection, source, min_cell=min_cell)
