"""The values a map is coloured by: one indicator per kecamatan or per desa/kelurahan for one semester.

Indicators (keys are the ``?indikator=`` codes of the Peta page; definitions on screen come from
:data:`cc_analytics.peta.texts.INDICATOR_DEFINITIONS`):

- ``penduduk``: sum of ``penduduk.jumlah_penduduk`` (jiwa);
- ``kepadatan``: ``penduduk`` ÷ area (jiwa/km²); the area comes from imported boundary polygons
  (:func:`cc_analytics.peta.area.area_km2`), never from the schematic tiles;
- ``desil_1_4``: families in desil 1–4 (``dtsen_desil.jumlah_keluarga``, ``desil`` 1–4) ÷ Kartu Keluarga
  (``keluarga.jumlah_kk``), a ratio 0–1;
- ``cakupan_pkh``: ``pkh_kelayakan.keluarga_layak_pkh`` ÷ ``keluarga_layak``, komponen ``semua``, in the last
  tahap of the semester held by ``pkh_kelayakan`` (ratio 0–1);
- ``celah_pkh``: ``keluarga_layak − keluarga_layak_pkh`` of the same rows (keluarga);
- ``kualitas``: sum of ``kualitas.jumlah``, every source and flag (catatan).

Small counts are suppressed with :func:`cc_analytics.nested_suppression.protect_nested`, so that desa and
kecamatan figures are protected together. A ratio or a density is hidden whenever one of the counts it
reveals (given the denominators shown elsewhere) is hidden: the numerator, and for ``cakupan_pkh`` also the
families not covered. The two PKH indicators also hide whatever the Celah cakupan PKH page hides of the same
figures (:func:`as_on_pkh_page`), so the two pages cannot be played against each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import duckdb
import numpy as np
import pandas as pd

from cc_analytics import texts
from cc_analytics.errors import DataNotFoundError
from cc_analytics.formatting import format_number, format_percent
from cc_analytics.maps.text import NO_DATA
from cc_analytics.nested_suppression import protect_nested
from cc_analytics.peta import texts as peta_texts
from cc_analytics.peta.area import REGENCY_AREA_KM2, Areas
from cc_analytics.peta.counts import desa_counts, last_tahap, require_periode, wilayah_names
from cc_analytics.pkh.tables import published_status
from cc_analytics.privacy import COMPLEMENT, SHOWN, SMALL, TOTAL
from cc_analytics.store.provenance import SourceNote, source_dates
from cc_analytics.store.query import fetch_rows

INDIKATOR_KEYS = ("penduduk", "kepadatan", "desil_1_4", "cakupan_pkh", "celah_pkh", "kualitas")
"""The indicators, in the order of the selector."""
LEVELS = ("kecamatan", "desa")
VALUE_COLUMNS = ("kode_wilayah", "nama", "kode_kecamatan", "value", "value_label", "status")
"""Columns of :attr:`IndicatorValues.values`."""

Kind = Literal["count", "ratio", "density"]


@dataclass(frozen=True)
class Indicator:
    """One indicator: how its value is formed and which sources it uses.

    Attributes:
        key: one of :data:`INDIKATOR_KEYS`.
        kind: ``count`` (whole numbers), ``ratio`` (0–1, shown as %) or ``density`` (jiwa/km²).
        tables: desa-level count queries it needs (:data:`cc_analytics.peta.counts.COUNT_TABLES`).
        protected: the counts whose suppression hides the value.
        sources: source keys of the source line (:data:`cc_analytics.texts.SOURCE_NAMES`).
    """

    key: str
    kind: Kind
    tables: tuple[str, ...]
    protected: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def label(self) -> str:
        """Name in the selector."""
        return peta_texts.INDICATOR_LABELS[self.key]

    @property
    def title(self) -> str:
        """Name with unit, for legend, tooltip and PNG."""
        return peta_texts.INDICATOR_TITLES[self.key]

    @property
    def definition(self) -> str:
        """How the value is computed, in Indonesian."""
        return peta_texts.INDICATOR_DEFINITIONS[self.key]


_PKH_SOURCES = ("dtsen", "pkh", "dukcapil")
INDICATORS: dict[str, Indicator] = {
    "penduduk": Indicator("penduduk", "count", ("penduduk",), ("penduduk",), ("dukcapil",)),
    "kepadatan": Indicator("kepadatan", "density", ("penduduk",), ("penduduk",), ("dukcapil",)),
    "desil_1_4": Indicator("desil_1_4", "ratio", ("desil", "keluarga"), ("desil_1_4",), ("dtsen", "dukcapil")),
    "cakupan_pkh": Indicator("cakupan_pkh", "ratio", ("kelayakan",), ("layak_pkh", "celah"), _PKH_SOURCES),
    "celah_pkh": Indicator("celah_pkh", "count", ("kelayakan",), ("celah",), _PKH_SOURCES),
    "kualitas": Indicator("kualitas", "count", ("kualitas",), ("temuan",), ("kualitas",)),
}


class DensityUnavailableError(DataNotFoundError):
    """Density was asked for a level drawn without imported boundaries (so without real areas)."""


@dataclass(frozen=True)
class IndicatorValues:
    """The values of one indicator at one level for one semester, ready for a map.

    Attributes:
        indikator: key of :data:`INDICATORS`.
        level: ``kecamatan`` or ``desa``.
        periode: semester label.
        values: one row per wilayah of the level in code order, columns :data:`VALUE_COLUMNS`: ``value``
            (float in the indicator's unit, ratios 0–1; NaN when hidden or undefined), ``value_label`` (the value
            in Indonesian formatting, ``<5``/``•`` or a reason when there is no number) and ``status``
            (``shown``, ``small`` or ``complement``).
        source: sources and as-of dates.
        tahap: ``(tahun, tahap)`` of the PKH tahap used, for the PKH indicators; else None.
        min_cell: the suppression threshold used.
    """

    indikator: str
    level: str
    periode: str
    values: pd.DataFrame
    source: SourceNote
    tahap: tuple[int, int] | None
    min_cell: int

    @property
    def indicator(self) -> Indicator:
        """The indicator's description."""
        return INDICATORS[self.indikator]

    @property
    def hidden_count(self) -> int:
        """Number of wilayah whose value is suppressed."""
        return int((self.values["status"] != SHOWN).sum())


def drawable_indicators(has_areas: bool) -> tuple[str, ...]:
    """The indicators a map can be coloured by, in selector order: density only when the level has real areas.

    Args:
        has_areas: whether the level's areas are known (imported boundary polygons, see
            :func:`cc_analytics.peta.area.area_km2`).

    Returns:
        Keys of :data:`INDICATORS`; without areas every key but ``kepadatan``.
    """
    return tuple(key for key in INDIKATOR_KEYS if has_areas or INDICATORS[key].kind != "density")


def density_notice(level: str, fallback: str) -> str:
    """The notice when a link asks for density at a level without areas and ``fallback`` is shown instead."""
    level_name = "kecamatan" if level == "kecamatan" else "desa/kelurahan"
    return peta_texts.DENSITY_UNAVAILABLE_NOTICE.format(level=level_name, fallback=INDICATORS[fallback].label)


def check_choice(indikator: str, level: str) -> None:
    """Raise :class:`DataNotFoundError` (Indonesian message) for an unknown indicator or level."""
    if indikator not in INDICATORS:
        options = ", ".join(INDIKATOR_KEYS)
        raise DataNotFoundError(peta_texts.UNKNOWN_INDICATOR.format(value=indikator, options=options))
    if level not in LEVELS:
        raise DataNotFoundError(peta_texts.UNKNOWN_LEVEL.format(value=level))


def _combined_status(statuses: list[pd.Series]) -> pd.Series:
    """``small`` if any part is small, else ``complement`` if any is hidden, else ``shown``."""
    frame = pd.concat(statuses, axis=1)
    out = pd.Series(SHOWN, index=frame.index, dtype="object")
    out[(frame == COMPLEMENT).any(axis=1)] = COMPLEMENT
    out[(frame == SMALL).any(axis=1)] = SMALL
    return out


def _raw_value(indicator: Indicator, counts: pd.DataFrame, luas: pd.Series | None) -> pd.Series:
    """The indicator per row of ``counts`` (sums per wilayah), before suppression; NaN when undefined."""
    if indicator.key == "kepadatan":
        area = luas.reindex(counts.index) if luas is not None else pd.Series(np.nan, index=counts.index)
        return counts["penduduk"] / area.where(area > 0)
    if indicator.key == "desil_1_4":
        return counts["desil_1_4"] / counts["jumlah_kk"].where(counts["jumlah_kk"] > 0)
    if indicator.key == "cakupan_pkh":
        return counts["layak_pkh"] / counts["layak"].where(counts["layak"] > 0)
    return counts[indicator.protected[0]].astype("float64")


def format_value(indikator: str, value: float) -> str:
    """A value of ``indikator`` for display: ``1.234``, ``8,6%`` or ``1.070`` (density, one decimal below 100)."""
    kind = INDICATORS[indikator].kind
    if kind == "ratio":
        return format_percent(value)
    if kind == "density":
        return format_number(value, 0 if abs(value) >= 100 else 1)
    return format_number(value)


def value_format(indikator: str) -> Callable[[float], str]:
    """Formatter of legend class edges in the unit of the indicator's value (densities of 10 and more whole)."""

    def fmt(value: float) -> str:
        if INDICATORS[indikator].kind == "density" and abs(value) >= 10:
            return format_number(value)
        return format_value(indikator, value)

    return fmt


def _undefined_label(indikator: str) -> str:
    return {
        "kepadatan": peta_texts.NO_AREA,
        "desil_1_4": peta_texts.NO_FAMILIES,
        "cakupan_pkh": peta_texts.NO_ELIGIBLE,
    }.get(indikator, NO_DATA)


def _label(indicator: Indicator, value: float, status: str, min_cell: int) -> str:
    if status == SMALL:
        if indicator.kind == "count":
            return texts.SUPPRESSED_SMALL.format(min_cell=min_cell)
        return peta_texts.HIDDEN_SMALL_RATIO
    if status == COMPLEMENT:
        return texts.SUPPRESSED_COMPLEMENT if indicator.kind == "count" else peta_texts.HIDDEN_COMPLEMENT_RATIO
    if np.isnan(value):
        return _undefined_label(indicator.key)
    return format_value(indicator.key, value)


def level_values(
    indicator: Indicator, counts: pd.DataFrame, level: str, *, min_cell: int, luas: pd.Series | None = None
) -> pd.DataFrame:
    """Values of ``indicator`` at ``level`` from desa counts, with suppression applied.

    Args:
        indicator: the indicator.
        counts: from :func:`desa_counts`.
        level: ``kecamatan`` (sums of the desa) or ``desa``.
        min_cell: suppression threshold.
        luas: area in km² by ``kode_wilayah`` of the level (density only).

    Returns:
        Indexed by ``kode_wilayah``, in code order: ``kode_kecamatan``, ``value``, ``value_label``, ``status``.
    """
    protections = [protect_nested(counts[part], counts["kode_kecamatan"], min_cell) for part in indicator.protected]
    if level == "kecamatan":
        sums = counts.drop(columns="kode_kecamatan").groupby(counts["kode_kecamatan"]).sum()
        status = _combined_status([p.kecamatan["status"] for p in protections])
        kecamatan_of = pd.Series(sums.index, index=sums.index)
    else:
        sums = counts.drop(columns="kode_kecamatan")
        status = _combined_status([p.desa["status"] for p in protections])
        kecamatan_of = counts["kode_kecamatan"]
    raw = _raw_value(indicator, sums, luas).astype("float64")
    value = raw.where(status == SHOWN)
    labels = [_label(indicator, v, s, min_cell) for v, s in zip(value, status, strict=True)]
    out = pd.DataFrame(
        {"kode_kecamatan": kecamatan_of, "value": value, "value_label": labels, "status": status.astype(str)},
        index=sums.index,
    )
    out.index.name = "kode_wilayah"
    return out.sort_index()


# The figures of the PKH page's coverage tables each PKH indicator reveals: the gap itself; the coverage ratio,
# given the eligible total the page shows, also reveals the covered count.
_PAGE_CELLS = {"celah_pkh": ("keluarga_celah",), "cakupan_pkh": ("keluarga_layak_pkh", TOTAL)}


def as_on_pkh_page(values: pd.DataFrame, indicator: Indicator, page: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    """``values`` (from :func:`level_values`) with every value hidden that reveals a figure the Celah cakupan
    PKH page hides (``page``: :func:`cc_analytics.pkh.tables.published_status`).

    The map suppresses on its own, and the page protects its tables jointly (covered, gap and their total), so
    the two can hide different cells; without this a gap shown on the map, subtracted from the eligible total
    on the page, would give a small covered count the page hides.
    """
    cells = page.reindex(values.index)[list(_PAGE_CELLS[indicator.key])]
    hidden_on_page = cells.notna().all(axis=1) & (cells != SHOWN).any(axis=1)
    newly = hidden_on_page & (values["status"] == SHOWN)
    status = values["status"].copy()
    small_on_page = (cells == SMALL).any(axis=1)
    status[newly & small_on_page] = SMALL
    status[newly & ~small_on_page] = COMPLEMENT
    value = values["value"].where(status == SHOWN)
    labels = [_label(indicator, v, s, min_cell) for v, s in zip(value, status, strict=True)]
    return values.assign(value=value, value_label=labels, status=status)


def _source(con: duckdb.DuckDBPyConnection, periode: str, indicator: Indicator, is_synthetic: bool) -> SourceNote:
    dates = source_dates(con, periode)
    if indicator.key == "kualitas":
        latest = SourceNote(tuple(dates.items())).latest
        return SourceNote((("kualitas", latest),), is_synthetic)
    return SourceNote(tuple((key, dates.get(key)) for key in indicator.sources), is_synthetic)


def regency_density_text(con: duckdb.DuckDBPyConnection, periode: str) -> str:
    """The regency's density from its official area, as a sentence (the one density shown without polygons)."""
    require_periode(con, "penduduk", periode)
    total = fetch_rows(con, "SELECT sum(jumlah_penduduk) FROM penduduk WHERE periode = ?", [periode])[0][0]
    return peta_texts.DENSITY_REGENCY.format(
        kepadatan=format_number(float(total) / REGENCY_AREA_KM2),
        penduduk=format_number(float(total)),
        luas=format_number(REGENCY_AREA_KM2, 3),
    )


def indicator_values(
    con: duckdb.DuckDBPyConnection,
    periode: str,
    indikator: str,
    level: str,
    *,
    min_cell: int,
    luas_km2: Areas | None = None,
    is_synthetic: bool = False,
) -> IndicatorValues:
    """The values of one indicator per kecamatan or per desa for one semester.

    Args:
        con: connection to the marts.
        periode: semester label, e.g. ``2025-S2``.
        indikator: key of :data:`INDICATORS`.
        level: ``kecamatan`` or ``desa``.
        min_cell: counts below this are suppressed (with complementary suppression).
        luas_km2: ``(kode_wilayah, km²)`` of the level (:func:`cc_analytics.peta.area.area_km2`); needed for
            ``kepadatan``, ignored otherwise.
        is_synthetic: whether the marts are demo data (marks the source line ``(sintetis)``).

    Raises:
        DataNotFoundError: unknown indicator or level, or no data of a needed source for ``periode``.
        DensityUnavailableError: ``kepadatan`` without areas (no imported boundaries for the level); the message
            gives the regency's density from its official area instead.
    """
    check_choice(indikator, level)
    indicator = INDICATORS[indikator]
    if indikator == "kepadatan" and luas_km2 is None:
        level_name = "kecamatan" if level == "kecamatan" else "desa/kelurahan"
        message = peta_texts.DENSITY_NEEDS_BOUNDARIES.format(level=level_name)
        raise DensityUnavailableError(message + " " + regency_density_text(con, periode))
    tahap = last_tahap(con, periode) if "kelayakan" in indicator.tables else None
    if "kelayakan" in indicator.tables and tahap is None:
        require_periode(con, "pkh_kelayakan", periode)
    counts = desa_counts(con, periode, indicator.tables, tahap)
    luas = pd.Series(dict(luas_km2), dtype="float64") if luas_km2 else None
    values = level_values(indicator, counts, level, min_cell=min_cell, luas=luas)
    if tahap is not None and indicator.key in _PAGE_CELLS:
        page = published_status(con, periode, tahap, level, min_cell=min_cell)
        values = as_on_pkh_page(values, indicator, page, min_cell)
    names = wilayah_names(con)
    values.insert(0, "nama", names.reindex(values.index).astype(str))
    frame = values.reset_index()[list(VALUE_COLUMNS)]
    return IndicatorValues(
        indikator=indikator,
        level=level,
        periode=periode,
        values=frame,
        source=_source(con, periode, indicator, is_synthetic),
        tahap=(int(periode[:4]), tahap) if tahap is not None else None,
        min_cell=min_cell,
    )
