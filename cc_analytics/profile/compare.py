"""Indicators of a wilayah and how they compare with the kabupaten.

Two kinds of comparison, so a leader sees at a glance what is unusual:

- a **ratio** (population change, people per KK, share of KK in desil 1–4, PKH coverage, data-quality findings
  per 1.000 people) is set against the **median** of all units of the same level in the kabupaten (the 24
  kecamatan, or the 365 desa/kelurahan), with its position: ``rendah`` below the first quartile, ``tinggi``
  above the third, ``sedang`` in between;
- a **count** is set against the kabupaten total as a **share** (``0.071`` = 7,1% of the kabupaten).

Ratios are computed from counts after suppression: a ratio whose numerator or denominator is hidden is hidden
too (else ratio × the shown denominator gives the count back). Medians and quartiles use the shown ratios only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

RATIOS: dict[str, tuple[str, str, float]] = {
    "perubahan_penduduk": ("penduduk", "penduduk_lalu", 1.0),
    "jiwa_per_kk": ("penduduk", "jumlah_kk", 1.0),
    "rasio_desil_1_4": ("keluarga_desil_1_4", "jumlah_kk", 1.0),
    "cakupan_pkh": ("keluarga_desil_1_4_pkh", "keluarga_desil_1_4", 1.0),
    "temuan_per_1000": ("temuan_kualitas", "penduduk", 1000.0),
}
"""Ratio key → (numerator column, denominator column, multiplier). ``perubahan_penduduk`` is numerator ÷
denominator − 1 (relative change against the previous semester); the others numerator ÷ denominator × multiplier.
Units: change and shares as ratios 0–1 (``rasio_desil_1_4``: desil 1–4 families per KK), ``jiwa_per_kk`` in
jiwa, ``temuan_per_1000`` records per 1.000 people."""

LOW, MIDDLE, HIGH = "rendah", "sedang", "tinggi"


def ratios(counts: pd.DataFrame) -> pd.DataFrame:
    """The :data:`RATIOS` of each row of ``counts``.

    Args:
        counts: columns named in :data:`RATIOS` (``Int64`` or numbers; ``<NA>`` where suppressed), one row per
            unit.

    Returns:
        Same index, one float column per ratio; NaN where an input is hidden or the denominator is 0 (and, for
        ``perubahan_penduduk``, where there is no previous semester: denominator 0).
    """
    out = pd.DataFrame(index=counts.index)
    for key, (numerator, denominator, multiplier) in RATIOS.items():
        top = counts[numerator].astype("Float64")
        bottom = counts[denominator].astype("Float64")
        value = (top / bottom.where(bottom.fillna(0) != 0)).astype("float64")
        out[key] = value - 1 if key == "perubahan_penduduk" else value * multiplier
    return out


@dataclass(frozen=True)
class Spread:
    """Median and quartiles of one indicator over the units of a level (shown values only).

    Attributes:
        q1: first quartile, or None without values.
        median: median, or None without values.
        q3: third quartile, or None without values.
        units: how many units had a shown value.
    """

    q1: float | None
    median: float | None
    q3: float | None
    units: int


def spread(values: pd.Series) -> Spread:
    """Quartiles (linear interpolation, as ``numpy.quantile``) and median of the non-missing ``values``."""
    known = values.dropna().astype("float64").to_numpy()
    if known.size == 0:
        return Spread(None, None, None, 0)
    q1, median, q3 = (float(q) for q in np.quantile(known, [0.25, 0.5, 0.75]))
    return Spread(q1, median, q3, int(known.size))


def position(value: float | None, where: Spread) -> str | None:
    """``rendah`` below the first quartile, ``tinggi`` above the third, ``sedang`` otherwise; None when the
    value is missing or fewer than 4 units have a value (quartiles mean little then)."""
    if value is None or np.isnan(value) or where.units < 4 or where.q1 is None or where.q3 is None:
        return None
    if value < where.q1:
        return LOW
    if value > where.q3:
        return HIGH
    return MIDDLE


def share(part: float | None, whole: float | None) -> float | None:
    """``part / whole`` (0–1), or None when either is missing or ``whole`` is 0."""
    if part is None or whole is None or pd.isna(part) or pd.isna(whole) or whole == 0:
        return None
    return float(part) / float(whole)


def distribution_shares(values: pd.Series, total: float | None) -> pd.Series:
    """Each category's share of ``total`` (0–1), NaN where the count is hidden or the total is missing or 0.

    Args:
        values: counts per category (``Int64``, ``<NA>`` where suppressed).
        total: the unit's total to divide by (e.g. its population for the pyramid, its KPM for komponen).
    """
    if total is None or pd.isna(total) or total == 0:
        return pd.Series(np.nan, index=values.index)
    return (values.astype("Float64") / float(total)).astype("float64")
