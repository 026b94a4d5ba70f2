"""Reporting periods: semesters ("2025-S1") and PKH tahap.

A semester ``YYYY-S1`` runs 1 January–30 June, ``YYYY-S2`` 1 July–31 December. Dukcapil extracts are
snapshots at the end of a semester; DTSEN snapshots are dated 30 June of their year (file ``dtsen_YYYY-S1``);
PKH is paid in four tahap a year, tahap 1–2 in S1 and 3–4 in S2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_PERIODE_RE = re.compile(r"^(\d{4})-S([12])$")


@dataclass(frozen=True, order=True)
class Periode:
    """One semester."""

    tahun: int
    semester: int

    @property
    def label(self) -> str:
        """Canonical label, e.g. ``2025-S1``."""
        return f"{self.tahun}-S{self.semester}"

    @property
    def tanggal_awal(self) -> date:
        """First day of the semester."""
        return date(self.tahun, 1 if self.semester == 1 else 7, 1)

    @property
    def tanggal_akhir(self) -> date:
        """Last day of the semester: the as-of date of a snapshot for it."""
        return date(self.tahun, 6, 30) if self.semester == 1 else date(self.tahun, 12, 31)

    @property
    def nama(self) -> str:
        """Indonesian display name, e.g. ``Semester I 2025``."""
        return f"Semester {'I' if self.semester == 1 else 'II'} {self.tahun}"

    def previous(self) -> Periode:
        """The semester before this one."""
        if self.semester == 2:
            return Periode(self.tahun, 1)
        return Periode(self.tahun - 1, 2)

    def tahap(self) -> tuple[int, int]:
        """The two PKH tahap paid in this semester."""
        return (1, 2) if self.semester == 1 else (3, 4)


def parse_periode(text: str) -> Periode:
    """Parse ``YYYY-S1``/``YYYY-S2`` (case-insensitive).

    Raises:
        ValueError: when the text is not a semester label.
    """
    match = _PERIODE_RE.match(text.strip().upper())
    if not match:
        raise ValueError(f"'{text}' bukan periode semester (contoh: 2025-S1)")
    return Periode(int(match.group(1)), int(match.group(2)))


def periode_of_tahap(tahun: int, tahap: int) -> Periode:
    """The semester in which a PKH tahap is paid."""
    if tahap not in (1, 2, 3, 4):
        raise ValueError(f"tahap {tahap} tidak dikenal (1-4)")
    return Periode(tahun, 1 if tahap <= 2 else 2)


def periode_range(first: Periode, last: Periode) -> list[Periode]:
    """All semesters from ``first`` to ``last`` inclusive."""
    out: list[Periode] = []
    current = first
    while current <= last:
        out.append(current)
        current = Periode(current.tahun + current.semester - 1, 2 if current.semester == 1 else 1)
    return out
