"""Where a number comes from and how recent it is: the source line under every figure.

The as-of date of a source for a semester is read from the marts:

- ``dtsen``: ``dtsen_desil.tanggal_dtsen`` of the semester (the DTSEN snapshot in use, dated 30 June);
- every other source: the latest ``ingest_log.tanggal_data`` of its files dated within the semester (for PKH,
  the date of the last tahap paid in it; for Dukcapil, the end of the semester). Dates, not the
  ``ingest_log.periode`` labels, decide, as those differ per source (``2025-S2``, ``2025 tahap 4``, ``2025``).

A line reads ``Sumber: Dukcapil (sintetis), posisi 31 Desember 2025``; ``(sintetis)`` appears when the marts
hold demo data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from cc_analytics import texts
from cc_analytics.formatting import format_date_long
from cc_analytics.periods import parse_periode
from cc_analytics.store.query import fetch_rows

_LOG_DATES_SQL = "SELECT sumber, max(tanggal_data) FROM ingest_log WHERE tanggal_data BETWEEN ? AND ? GROUP BY sumber"
_DTSEN_DATE_SQL = "SELECT max(tanggal_dtsen) FROM dtsen_desil WHERE periode = ?"


@dataclass(frozen=True)
class SourceNote:
    """The sources of one figure.

    Attributes:
        parts: ``(source key, as-of date)`` pairs; keys as in :data:`cc_analytics.texts.SOURCE_NAMES`
            (``dukcapil``, ``dtsen``, ``pkh``, ``kualitas``); the date is None when not recorded.
        is_synthetic: whether the figure comes from demo data.
    """

    parts: tuple[tuple[str, date | None], ...]
    is_synthetic: bool = False

    @property
    def latest(self) -> date | None:
        """The most recent as-of date among the parts."""
        known = [d for _, d in self.parts if d is not None]
        return max(known) if known else None


def source_dates(con: duckdb.DuckDBPyConnection, periode: str) -> dict[str, date | None]:
    """As-of date of each source for a semester (see module docstring).

    Returns:
        source key → date; sources without data for the semester are absent.
    """
    semester = parse_periode(periode)
    window = [semester.tanggal_awal, semester.tanggal_akhir]
    dates: dict[str, date | None] = {str(s): d for s, d in fetch_rows(con, _LOG_DATES_SQL, window)}
    dtsen = fetch_rows(con, _DTSEN_DATE_SQL, [periode])[0][0]
    if dtsen is not None:
        dates["dtsen"] = dtsen
    return dates


def source_line(note: SourceNote) -> str:
    """The line shown under a figure, e.g. ``Sumber: Dukcapil (sintetis), posisi 31 Desember 2025``.

    Several sources are joined with ``; ``.
    """
    parts = []
    for key, as_of in note.parts:
        name = texts.SOURCE_NAMES.get(key, key.upper())
        if note.is_synthetic:
            name += texts.SOURCE_SYNTHETIC
        when = texts.SOURCE_AS_OF.format(tanggal=format_date_long(as_of)) if as_of else texts.SOURCE_AS_OF_UNKNOWN
        parts.append(name + when)
    return texts.SOURCE_PREFIX + texts.SOURCE_SEPARATOR.join(parts)
