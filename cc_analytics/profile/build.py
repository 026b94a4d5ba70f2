"""The profile of one wilayah (kabupaten, kecamatan or desa/kelurahan), picked from the protected numbers.

:func:`build_profile` takes what :mod:`cc_analytics.profile.data` loaded for a semester and returns a
:class:`Profile`: the indicators of the wilayah with their kabupaten comparison
(:mod:`cc_analytics.profile.compare`), the table of the units below it (the 24 kecamatan of the kabupaten, or
the desa/kelurahan of a kecamatan; a desa shows its kecamatan's desa), its population trend and its four
distributions. Nothing is recomputed from raw counts here: every count comes out of the suppression step.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cc_analytics.errors import DataNotFoundError
from cc_analytics.privacy import COMPLEMENT, SHOWN
from cc_analytics.profile.compare import position, share, spread
from cc_analytics.profile.counts import LevelCounts, ProtectedCounts
from cc_analytics.profile.data import Distribution, PeriodeInfo
from cc_analytics.store.provenance import SourceNote
from cc_analytics.wilayah import KODE_KABUPATEN, NAMA_KABUPATEN, load_wilayah

KABUPATEN, KECAMATAN, DESA = "kabupaten", "kecamatan", "desa"

INDICATORS: dict[str, tuple[str, str]] = {
    "penduduk": ("count", "jiwa"),
    "perubahan_penduduk": ("ratio", "perubahan"),
    "jumlah_kk": ("count", "KK"),
    "jiwa_per_kk": ("ratio", "jiwa"),
    "keluarga_desil_1_4": ("count", "keluarga"),
    "rasio_desil_1_4": ("ratio", "rasio"),
    "kpm_pkh": ("count", "KPM"),
    "cakupan_pkh": ("ratio", "rasio"),
    "temuan_kualitas": ("count", "baris"),
    "temuan_per_1000": ("ratio", "per_1000"),
}
"""Indicator key → (kind, unit), in display order. Counts are compared as a share of the kabupaten total,
ratios with the median of the units of the same level (see :mod:`cc_analytics.profile.compare`)."""

# A distribution is hidden as a whole when the total it breaks down is hidden in the counts table.
_TOTAL_OF = {"pyramid": "penduduk", "kualitas": "temuan_kualitas"}


@dataclass(frozen=True)
class Profile:
    """Everything the kecamatan page shows for one wilayah and semester.

    Attributes:
        level: ``kabupaten``, ``kecamatan`` or ``desa``.
        kode: Kemendagri code of the wilayah (``35.14`` for the kabupaten).
        nama: its name.
        kode_kecamatan: the kecamatan (itself, or the desa's); None for the kabupaten.
        info: semester, previous semester, PKH tahap.
        min_cell: suppression threshold.
        indicators: index :data:`INDICATORS` keys; ``value`` (float, NaN where hidden), ``status`` (``shown``,
            ``small``, ``complement``, or ``hidden`` for a ratio), ``kind``, ``unit``, ``kabupaten`` (total or
            ratio of the regency), ``share_kabupaten`` (counts), ``median``, ``q1``, ``q3`` and ``position``
            (ratios, among the units of the same level; NaN/None for the kabupaten itself).
        units: the units below (see :attr:`unit_level`): ``kode``, ``nama``, ``is_kelurahan``, every indicator
            (``Int64`` counts / float ratios with missing values where hidden), ``status_<count>`` per count and
            ``tren`` (population per semester, a list with None where hidden).
        unit_level: ``kecamatan`` or ``desa``.
        trend: ``periode`` and ``penduduk`` (``Int64``, ``<NA>`` where hidden) of the wilayah, oldest first.
        distributions: ``pyramid``, ``desil``, ``komponen``, ``kualitas`` → frame with ``kategori``, ``jumlah``
            (``Int64``), ``status``, ``nilai`` (share of the wilayah's total 0–1; for ``kualitas`` records per
            1.000 people) and ``nilai_kabupaten`` (the same for the regency).
        sources: source line of each panel (see :func:`cc_analytics.profile.data.profile_sources`).
    """

    level: str
    kode: str
    nama: str
    kode_kecamatan: str | None
    info: PeriodeInfo
    min_cell: int
    indicators: pd.DataFrame
    units: pd.DataFrame
    unit_level: str
    trend: pd.DataFrame
    distributions: dict[str, pd.DataFrame]
    sources: dict[str, SourceNote]


def _focus(counts: ProtectedCounts, level: str, kode: str) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(values, status, trend) of the wilayah."""
    if level == KABUPATEN:
        row = counts.kabupaten.iloc[0]
        return row, pd.Series(SHOWN, index=row.index), counts.kabupaten_trend.astype("Int64")
    table = counts.kecamatan if level == KECAMATAN else counts.desa
    if kode not in table.values.index:
        raise DataNotFoundError(f"Wilayah {kode} tidak ada dalam data.")
    return table.values.loc[kode], table.status.loc[kode], table.trend.loc[kode]


def _number(value: object) -> float:
    return float("nan") if pd.isna(value) else float(value)  # type: ignore[arg-type]


def _indicators(counts: ProtectedCounts, level: str, values: pd.Series, status: pd.Series) -> pd.DataFrame:
    peers = None if level == KABUPATEN else (counts.kecamatan if level == KECAMATAN else counts.desa).values
    kabupaten = counts.kabupaten.iloc[0]
    rows = []
    for key, (kind, unit) in INDICATORS.items():
        value = _number(values[key])
        row = {"value": value, "kind": kind, "unit": unit, "kabupaten": _number(kabupaten[key])}
        row["status"] = str(status[key]) if kind == "count" else ("hidden" if np.isnan(value) else SHOWN)
        row.update(share_kabupaten=np.nan, median=np.nan, q1=np.nan, q3=np.nan, position=None)
        if peers is not None and kind == "count":
            row["share_kabupaten"] = _number(share(value, row["kabupaten"]))
        elif peers is not None:
            where = spread(peers[key])
            row.update(median=_number(where.median), q1=_number(where.q1), q3=_number(where.q3))
            row["position"] = position(value, where)
        rows.append(row)
    return pd.DataFrame(rows, index=list(INDICATORS))


def _units(table: LevelCounts, members: pd.Index) -> pd.DataFrame:
    names = load_wilayah().set_index("kode_wilayah")
    values = table.values.loc[members]
    frame = pd.DataFrame(
        {
            "kode": members,
            "nama": names.loc[members, "nama"].to_numpy(),
            "is_kelurahan": (names.loc[members, "level"] == "kelurahan").to_numpy(),
        }
    )
    for key in INDICATORS:
        frame[key] = values[key].to_numpy()
    for key, (kind, _) in INDICATORS.items():
        if kind == "count":
            frame[f"status_{key}"] = table.status.loc[members, key].to_numpy()
    trend = table.trend.loc[members].astype("object").where(table.trend.loc[members].notna(), None)
    frame["tren"] = [[None if v is None else float(v) for v in row] for row in trend.to_numpy().tolist()]
    return frame


def _pick(dist: Distribution, level: str, kode: str) -> tuple[pd.Series, pd.Series, float]:
    """(values, status, total) of the wilayah in one distribution."""
    levels = dist.levels
    if level == KABUPATEN:
        return levels.kabupaten["value"], levels.kabupaten["status"], dist.kabupaten_total
    if level == KECAMATAN:
        total = float(dist.kecamatan_totals.get(kode, 0))
        return levels.kecamatan_values.loc[kode], levels.kecamatan_status.loc[kode], total
    return levels.desa_values.loc[kode], levels.desa_status.loc[kode], float(dist.desa_totals.get(kode, 0))


def _hide(values: pd.Series, status: pd.Series, categories: list[str]) -> tuple[pd.Series, pd.Series]:
    values, status = values.copy(), status.copy()
    for category in categories:
        if status[category] == SHOWN:
            values[category], status[category] = pd.NA, COMPLEMENT
    return values, status


def _distribution_frame(
    name: str, dist: Distribution, level: str, kode: str, focus: tuple[pd.Series, pd.Series], kabupaten: pd.Series
) -> pd.DataFrame:
    values, status, total = _pick(dist, level, kode)
    focus_values, focus_status = focus
    kab_values, _, kab_total = _pick(dist, KABUPATEN, KODE_KABUPATEN)
    if name in _TOTAL_OF and focus_status[_TOTAL_OF[name]] != SHOWN:
        values, status = _hide(values, status, list(values.index))
    if name == "desil" and focus_status["keluarga_desil_1_4"] != SHOWN:
        values, status = _hide(values, status, list(values.index[:4]))
    if name == "komponen":
        total, kab_total = _number(focus_values["kpm_pkh"]), _number(kabupaten["kpm_pkh"])
    if name == "kualitas":
        total, kab_total = _number(focus_values["penduduk"]) / 1000, _number(kabupaten["penduduk"]) / 1000
    counts = values.astype("Int64")
    frame = pd.DataFrame({"kategori": list(values.index), "jumlah": counts.to_numpy(), "status": status.to_numpy()})
    frame["nilai"] = (counts.astype("Float64") / total).astype("float64").to_numpy() if total else np.nan
    frame["nilai_kabupaten"] = (
        (kab_values.astype("Float64") / kab_total).astype("float64").to_numpy() if kab_total else np.nan
    )
    return frame


def _where(kode_kecamatan: str | None, kode_desa: str | None) -> tuple[str, str]:
    if kode_desa is not None:
        return DESA, kode_desa
    if kode_kecamatan is not None:
        return KECAMATAN, kode_kecamatan
    return KABUPATEN, KODE_KABUPATEN


def build_profile(
    counts: ProtectedCounts,
    distributions: dict[str, Distribution],
    sources: dict[str, SourceNote],
    info: PeriodeInfo,
    *,
    kode_kecamatan: str | None,
    kode_desa: str | None,
    min_cell: int,
) -> Profile:
    """The profile of the kabupaten (both codes None), a kecamatan, or a desa of that kecamatan.

    Args:
        counts: :func:`cc_analytics.profile.data.profile_counts` of the semester.
        distributions: :func:`cc_analytics.profile.data.profile_distributions` of the semester, for
            ``kode_kecamatan``.
        sources: :func:`cc_analytics.profile.data.profile_sources` of the semester.
        info: :func:`cc_analytics.profile.data.periode_info` of the semester.
        kode_kecamatan: kecamatan code, or None for the kabupaten.
        kode_desa: desa code within that kecamatan, or None.
        min_cell: the suppression threshold the numbers were protected with.

    Raises:
        DataNotFoundError: when a code is not in the data.
    """
    level, kode = _where(kode_kecamatan, kode_desa)
    values, status, trend = _focus(counts, level, kode)
    names = load_wilayah().set_index("kode_wilayah")["nama"]
    if level == KABUPATEN:
        units, unit_level = _units(counts.kecamatan, counts.kecamatan.values.index), KECAMATAN
    else:
        desa = counts.desa.values
        units, unit_level = _units(counts.desa, desa.index[desa["kode_kecamatan"] == kode_kecamatan]), DESA
    kabupaten = counts.kabupaten.iloc[0]
    return Profile(
        level=level,
        kode=kode,
        nama=NAMA_KABUPATEN if level == KABUPATEN else str(names.get(kode, kode)),
        kode_kecamatan=kode_kecamatan,
        info=info,
        min_cell=min_cell,
        indicators=_indicators(counts, level, values, status),
        units=units,
        unit_level=unit_level,
        trend=pd.DataFrame({"periode": list(trend.index), "penduduk": trend.astype("Int64").to_numpy()}),
        distributions={
            name: _distribution_frame(name, dist, level, kode, (values, status), kabupaten)
            for name, dist in distributions.items()
        },
        sources=sources,
    )
