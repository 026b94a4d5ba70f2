"""The numbers of the Ringkasan (briefing) page, computed from the marts.

DuckDB does the aggregation; the functions here return small typed results:

- :func:`compute_kpis` → the six headline indicators of a semester, each with the value of the previous
  semester and its source line;
- :func:`kecamatan_gaps` → per kecamatan, the desil 1–4 families not (yet) covered by PKH, with small counts
  suppressed (:mod:`cc_analytics.privacy`);
- :func:`build_briefing` → both, plus the narrative (:mod:`cc_analytics.briefing.narrative`), in one object.

Definitions (also on screen, see :data:`cc_analytics.briefing.texts.KPI_DEFINITIONS`):

- ``penduduk``: sum of ``penduduk.jumlah_penduduk`` (jiwa);
- ``jumlah_kk``: sum of ``keluarga.jumlah_kk`` (KK);
- ``keluarga_desil_1_4``: sum of ``dtsen_desil.jumlah_keluarga`` for desil 1–4 (keluarga); no change is given
  against a semester that used the same (yearly) DTSEN snapshot;
- ``kpm_pkh``: sum of ``pkh_kpm.jumlah_kpm`` in the last tahap paid in the semester (KPM);
- ``cakupan_pkh``: sum of ``cakupan.keluarga_desil_1_4_pkh`` ÷ sum of ``cakupan.keluarga_desil_1_4`` (ratio 0–1);
- ``temuan_kualitas``: sum of ``kualitas.jumlah`` (flagged records).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from cc_analytics.briefing import narrative
from cc_analytics.briefing.gaps import kecamatan_gaps
from cc_analytics.errors import DataNotFoundError
from cc_analytics.periods import parse_periode
from cc_analytics.store.provenance import SourceNote, source_dates
from cc_analytics.store.query import fetch_rows, run_query

KPI_KEYS = ("penduduk", "jumlah_kk", "keluarga_desil_1_4", "kpm_pkh", "cakupan_pkh", "temuan_kualitas")
"""The headline indicators, in display order."""

UNITS = {
    "penduduk": "jiwa",
    "jumlah_kk": "KK",
    "keluarga_desil_1_4": "keluarga",
    "kpm_pkh": "KPM",
    "cakupan_pkh": "rasio",
    "temuan_kualitas": "baris",
}
"""Unit of each indicator; ``rasio`` is a share between 0 and 1."""

HIGHER_IS_BETTER = {"cakupan_pkh": True, "temuan_kualitas": False}
"""Indicators whose direction is good or bad; the others are neutral counts."""

_TOTALS_SQL = """
WITH p AS (SELECT unnest(?::VARCHAR[]) AS periode)
SELECT
    p.periode,
    (SELECT sum(jumlah_penduduk) FROM penduduk x WHERE x.periode = p.periode) AS penduduk,
    (SELECT sum(jumlah_kk) FROM keluarga x WHERE x.periode = p.periode) AS jumlah_kk,
    (SELECT sum(jumlah_keluarga) FROM dtsen_desil x WHERE x.periode = p.periode AND x.desil BETWEEN 1 AND 4)
        AS keluarga_desil_1_4,
    (SELECT sum(keluarga_desil_1_4) FROM cakupan x WHERE x.periode = p.periode) AS cakupan_penyebut,
    (SELECT sum(keluarga_desil_1_4_pkh) FROM cakupan x WHERE x.periode = p.periode) AS cakupan_pembilang,
    (SELECT coalesce(sum(jumlah), 0) FROM kualitas x WHERE x.periode = p.periode) AS temuan_kualitas
FROM p
"""

_LAST_TAHAP_SQL = """
SELECT periode, tahun, tahap, sum(jumlah_kpm) AS jumlah_kpm
FROM pkh_kpm
WHERE list_contains(?::VARCHAR[], periode)
GROUP BY periode, tahun, tahap
QUALIFY row_number() OVER (PARTITION BY periode ORDER BY tahun DESC, tahap DESC) = 1
"""


@dataclass(frozen=True)
class Kpi:
    """One headline indicator of a semester.

    Attributes:
        key: one of :data:`KPI_KEYS`.
        value: this semester's value (count, or ratio 0–1 when ``unit == "rasio"``); None when no data.
        previous: the previous semester's value, None when there is none.
        unit: see :data:`UNITS`.
        source: where the number comes from and its as-of date.
        higher_is_better: True/False when a rise is good/bad news, None for neutral counts.
    """

    key: str
    value: float | None
    previous: float | None
    unit: str
    source: SourceNote
    higher_is_better: bool | None = None

    @property
    def is_ratio(self) -> bool:
        """True for shares (changes are in percentage points)."""
        return self.unit == "rasio"

    @property
    def change(self) -> float | None:
        """Relative change for counts (``0.006`` = +0,6%), difference for ratios; None when not comparable."""
        if self.value is None or self.previous is None:
            return None
        if self.is_ratio:
            return self.value - self.previous
        if self.previous == 0:
            return None
        return self.value / self.previous - 1


@dataclass(frozen=True)
class PkhTahap:
    """The last PKH tahap paid in a semester."""

    tahun: int
    tahap: int


@dataclass(frozen=True)
class Briefing:
    """Everything the Ringkasan page shows for one semester.

    Attributes:
        periode: semester label, e.g. ``2025-S2``.
        previous_periode: the semester before, when the marts hold it; else None.
        kpis: indicator key → :class:`Kpi`, in the order of :data:`KPI_KEYS`.
        tahap: last PKH tahap of the semester (None without PKH data).
        gaps: per kecamatan, see :func:`cc_analytics.briefing.gaps.kecamatan_gaps`.
        narrative: short text in Indonesian built from the same numbers.
        min_cell: suppression threshold used for ``gaps``.
    """

    periode: str
    previous_periode: str | None
    kpis: dict[str, Kpi]
    tahap: PkhTahap | None
    gaps: pd.DataFrame
    narrative: str
    min_cell: int


def list_periodes(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Semester labels held by the marts, oldest first (from ``periode.periode``)."""
    return [row[0] for row in fetch_rows(con, "SELECT periode FROM periode ORDER BY periode")]


def _totals(con: duckdb.DuckDBPyConnection, periodes: list[str]) -> dict[str, dict[str, float | None]]:
    frame = run_query(con, _TOTALS_SQL, [periodes])
    out: dict[str, dict[str, float | None]] = {}
    for record in frame.to_dict("records"):
        values = {k: (None if pd.isna(v) else float(v)) for k, v in record.items() if k != "periode"}
        pembilang, penyebut = values.pop("cakupan_pembilang"), values.pop("cakupan_penyebut")
        values["cakupan_pkh"] = pembilang / penyebut if pembilang is not None and penyebut else None
        out[str(record["periode"])] = values
    return out


def _same_dtsen(con: duckdb.DuckDBPyConnection, periode: str, previous: str) -> bool:
    """Whether two semesters use the same DTSEN snapshot (DTSEN is yearly: both semesters of a year do)."""
    rows = fetch_rows(
        con,
        "SELECT count(DISTINCT tanggal_dtsen), count(DISTINCT periode) FROM dtsen_desil WHERE periode IN (?, ?)",
        [periode, previous],
    )
    return rows[0][0] == 1 and rows[0][1] == 2


def _last_tahap(con: duckdb.DuckDBPyConnection, periodes: list[str]) -> dict[str, tuple[PkhTahap, float]]:
    rows = fetch_rows(con, _LAST_TAHAP_SQL, [periodes])
    return {str(p): (PkhTahap(int(tahun), int(tahap)), float(kpm)) for p, tahun, tahap, kpm in rows}


def _kpi_sources(con: duckdb.DuckDBPyConnection, periode: str, is_synthetic: bool) -> dict[str, SourceNote]:
    dates = source_dates(con, periode)

    def note(*keys: str) -> SourceNote:
        return SourceNote(tuple((k, dates.get(k)) for k in keys), is_synthetic)

    return {
        "penduduk": note("dukcapil"),
        "jumlah_kk": note("dukcapil"),
        "keluarga_desil_1_4": note("dtsen"),
        "kpm_pkh": note("pkh"),
        "cakupan_pkh": note("dtsen", "pkh"),
        "temuan_kualitas": SourceNote((("kualitas", note(*dates).latest),), is_synthetic),
    }


def compute_kpis(
    con: duckdb.DuckDBPyConnection, periode: str, *, is_synthetic: bool = False
) -> tuple[dict[str, Kpi], PkhTahap | None, str | None]:
    """The headline indicators of ``periode`` and their values one semester earlier.

    Args:
        con: connection to the marts.
        periode: semester label held by the marts.
        is_synthetic: whether the marts are demo data (marks every source line ``(sintetis)``).

    Returns:
        ``(kpis, tahap, previous_periode)``: indicator key → :class:`Kpi` in :data:`KPI_KEYS` order; the last
        PKH tahap of the semester (None without PKH); the previous semester label when the marts hold it.

    Raises:
        DataNotFoundError: when the marts do not hold ``periode``.
    """
    periodes = list_periodes(con)
    if periode not in periodes:
        raise DataNotFoundError(f"Periode {periode} tidak ada dalam data.")
    previous = parse_periode(periode).previous().label
    previous_periode = previous if previous in periodes else None
    wanted = [periode] + ([previous_periode] if previous_periode else [])
    totals = _totals(con, wanted)
    pkh = _last_tahap(con, wanted)
    for label in wanted:
        totals[label]["kpm_pkh"] = pkh[label][1] if label in pkh else None
    sources = _kpi_sources(con, periode, is_synthetic)
    before = dict(totals.get(previous_periode or "", {}))
    if previous_periode and _same_dtsen(con, periode, previous_periode):
        before["keluarga_desil_1_4"] = None  # the same snapshot compared with itself is no change
    kpis = {
        key: Kpi(
            key=key,
            value=totals[periode][key],
            previous=before.get(key),
            unit=UNITS[key],
            source=sources[key],
            higher_is_better=HIGHER_IS_BETTER.get(key),
        )
        for key in KPI_KEYS
    }
    tahap = pkh[periode][0] if periode in pkh else None
    return kpis, tahap, previous_periode


def build_briefing(
    con: duckdb.DuckDBPyConnection, periode: str, *, min_cell: int, is_synthetic: bool = False
) -> Briefing:
    """Everything the Ringkasan page shows for ``periode``.

    Args:
        con: connection to the marts.
        periode: semester label held by the marts.
        min_cell: counts below this are suppressed in the kecamatan table.
        is_synthetic: whether the marts are demo data.

    Raises:
        DataNotFoundError: when the marts do not hold ``periode``.
    """
    kpis, tahap, previous = compute_kpis(con, periode, is_synthetic=is_synthetic)
    gaps = kecamatan_gaps(con, periode, min_cell=min_cell)
    text = narrative.build_narrative(
        kpis,
        gaps,
        periode=periode,
        previous_periode=previous,
        tahap=(tahap.tahap, tahap.tahun) if tahap else None,
    )
    return Briefing(periode, previous, kpis, tahap, gaps, text, min_cell)
