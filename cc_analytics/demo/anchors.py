"""The real public figures the demo is anchored to, read from ``data/reference``, and the paths built on them.

Anchors: the SP2010 count of every kecamatan, the regency totals of SP2010, SP2020 and the BPS estimates
2019, 2023 and 2024, the BPS poverty rates, and the PKH benefit rates. The population path between the
anchors, the kecamatan shares after 2010 and the poverty rate of years without a published figure are
synthetic interpolations, made here and nowhere else.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np
import pandas as pd

from cc_analytics.config import REFERENCE_DIR
from cc_analytics.demo import rates

SP2010_DATE = date(2010, 5, 15)
SP2020_DATE = date(2020, 9, 15)
BPS_MID_2023_DATE = date(2023, 7, 1)
DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class Anchor:
    """One real figure: what it is, its value and its source."""

    figure: str
    value: float
    source: str


@dataclass(frozen=True)
class Komponen:
    """One PKH komponen: yearly benefit (Rp), age band (years, inclusive) and cap per family."""

    name: str
    nilai_per_tahun_rp: int
    usia_min: int | None
    usia_max: int | None
    maks_per_keluarga: int | None


EPOCH = date(1970, 1, 1)


def day_of(value: date) -> int:
    """Days since 1970-01-01 of a date (the unit of every date array of the demo)."""
    return (value - EPOCH).days


def date_of(day: int) -> date:
    """The date ``day`` days after 1970-01-01."""
    return date.fromordinal(EPOCH.toordinal() + int(day))


def _year_fraction(day: date) -> float:
    return day.year + (day.timetuple().tm_yday - 0.5) / DAYS_PER_YEAR


@lru_cache(maxsize=1)
def kecamatan_table() -> pd.DataFrame:
    """The 24 kecamatan in Kemendagri code order.

    Returns:
        Columns ``kode_kecamatan`` (35.14.01), ``nama``, ``penduduk_sp2010`` (jiwa, BPS hasil olah cepat),
        ``share_sp2010`` (0-1) and ``growth_differential`` (per year, synthetic).
    """
    raw = pd.read_csv(REFERENCE_DIR / "kecamatan_3514.csv", dtype={"kode_kecamatan": str, "nama": str})
    frame = raw[["kode_kecamatan", "nama", "penduduk_sp2010"]].sort_values("kode_kecamatan").reset_index(drop=True)
    frame["share_sp2010"] = frame["penduduk_sp2010"] / frame["penduduk_sp2010"].sum()
    frame["growth_differential"] = frame["nama"].map(rates.KECAMATAN_GROWTH_DIFFERENTIAL).fillna(0.0)
    return frame


@lru_cache(maxsize=1)
def _kabupaten_rows() -> pd.DataFrame:
    return pd.read_csv(REFERENCE_DIR / "penduduk_kabupaten_3514.csv", dtype={"jenis": str, "source": str})


def bps_kabupaten(tahun: int) -> Anchor:
    """The BPS figure (census or estimate, never Dukcapil, never preliminary) for the regency in ``tahun``.

    Raises:
        KeyError: when the reference file has no such figure.
    """
    rows = _kabupaten_rows()
    is_bps = rows["jenis"].str.startswith("BPS") & ~rows["jenis"].str.contains("preliminary")
    match = rows[is_bps & (rows["tahun"] == tahun)]
    if match.empty:
        raise KeyError(tahun)
    row = match.iloc[0]
    return Anchor(f"Penduduk Kabupaten Pasuruan {tahun}: {row['jenis']}", float(row["penduduk"]), str(row["source"]))


ESTIMASI_ANCHOR_YEARS = (2010, 2019, 2020, 2023, 2024)


def kabupaten_estimasi(tahun: int) -> float:
    """Regency population in ``tahun``: the BPS figure of an anchor year, else geometric interpolation."""
    years = ESTIMASI_ANCHOR_YEARS
    if tahun in years:
        return bps_kabupaten(tahun).value
    if not years[0] < tahun < years[-1]:
        raise ValueError(f"tahun {tahun} di luar {years[0]}-{years[-1]}")
    upper = next(y for y in years if y > tahun)
    lower = max(y for y in years if y < tahun)
    low_value, high_value = bps_kabupaten(lower).value, bps_kabupaten(upper).value
    return low_value * (high_value / low_value) ** ((tahun - lower) / (upper - lower))


def register_total(day: date) -> float:
    """Anchored total population T(t) at ``day`` (scale 1): geometric through SP2020 and the mid-2023 estimate."""
    t0, t1 = _year_fraction(SP2020_DATE), _year_fraction(BPS_MID_2023_DATE)
    p0, p1 = bps_kabupaten(2020).value, bps_kabupaten(2023).value
    growth = math.log(p1 / p0) / (t1 - t0)
    return p0 * math.exp(growth * (_year_fraction(day) - t0))


def kecamatan_shares(day: date) -> np.ndarray:
    """Share (0-1) of each kecamatan at ``day``: SP2010 shares evolved by the synthetic growth differentials."""
    table = kecamatan_table()
    years = _year_fraction(day) - _year_fraction(SP2010_DATE)
    weights = table["share_sp2010"].to_numpy() * np.exp(table["growth_differential"].to_numpy() * years)
    return weights / weights.sum()


def poverty_rate(tahun: int) -> float:
    """BPS poverty rate (0-1) of ``tahun``; linear between published years, the nearest one outside them."""
    frame = pd.read_csv(REFERENCE_DIR / "kemiskinan_3514.csv")
    frame = frame[frame["tahun"] >= 2014].sort_values("tahun")
    return float(np.interp(tahun, frame["tahun"], frame["persen_penduduk_miskin"])) / 100


@lru_cache(maxsize=1)
def pkh_komponen() -> tuple[Komponen, ...]:
    """The PKH komponen with their yearly rates, age bands and caps, from ``pkh_komponen.csv``."""
    frame = pd.read_csv(REFERENCE_DIR / "pkh_komponen.csv")

    def _opt(value: object) -> int | None:
        return None if pd.isna(value) else int(value)  # type: ignore[arg-type]

    return tuple(
        Komponen(
            name=str(row.komponen),
            nilai_per_tahun_rp=int(row.nilai_per_tahun_rp),
            usia_min=_opt(row.usia_min),
            usia_max=_opt(row.usia_max),
            maks_per_keluarga=_opt(row.maks_per_keluarga),
        )
        for row in frame.itertuples(index=False)
    )


def apportion(total: int, weights: np.ndarray) -> np.ndarray:
    """Split the integer ``total`` in proportion to ``weights`` (largest remainder); the parts sum to ``total``."""
    exact = total * weights / weights.sum()
    parts = np.floor(exact).astype(np.int64)
    remainder = int(total - parts.sum())
    order = np.argsort(-(exact - parts), kind="stable")
    parts[order[:remainder]] += 1
    return parts


def anchor_list() -> list[Anchor]:
    """The real figures used by the demo, for ``DEMO.json``."""
    anchors = [bps_kabupaten(y) for y in ESTIMASI_ANCHOR_YEARS]
    table = kecamatan_table()
    anchors.append(
        Anchor(
            "Penduduk per kecamatan SP2010 (hasil olah cepat), jumlah 24 kecamatan",
            float(table["penduduk_sp2010"].sum()),
            "BPS Hasil Olah Cepat SP2010 (data/reference/kecamatan_3514.csv)",
        )
    )
    poverty = pd.read_csv(REFERENCE_DIR / "kemiskinan_3514.csv")
    for row in poverty[poverty["tahun"] >= 2023].itertuples(index=False):
        anchors.append(Anchor(f"Persentase penduduk miskin {row.tahun}", float(row.persen_penduduk_miskin), row.source))
    for komponen in pkh_komponen():
        anchors.append(
            Anchor(f"Bantuan PKH per tahun: {komponen.name}", float(komponen.nilai_per_tahun_rp), "pkh_komponen.csv")
        )
    return anchors
