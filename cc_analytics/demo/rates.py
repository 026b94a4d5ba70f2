"""Every rate and assumption of the synthetic demo, as named constants (the one place to change them).

Real anchors (census counts, BPS estimates, poverty rates, PKH benefit rates) are read from
``data/reference`` by :mod:`cc_analytics.demo.anchors`; everything here is a synthetic assumption,
chosen to look plausible for a Javanese regency, and is documented in ``docs/demo.md``.
"""

from __future__ import annotations

from datetime import date

# --- Calendar of the demo ---------------------------------------------------------------------------
SIMULATION_START = date(2020, 1, 1)
"""The register is built at this date and simulated forward semester by semester."""
FIRST_YEAR = 2021
LAST_YEAR = 2025
EXTRA_SEMESTERS = 1
"""Semesters simulated after the last snapshot, never written: they give the pregnancies of late 2025."""

# --- Injected data problems: share of the rows of the files concerned ---------------------------------
RATE_PKH_MENINGGAL = 0.010
"""PKH rows whose pengurus died before the semester of the tahap began (recorded MATI in Dukcapil)."""
RATE_PKH_NIK_GANDA = 0.003
"""Extra PKH rows repeating a KPM's NIK_PENGURUS within one tahap."""
RATE_PKH_NIK_TIDAK_DI_DUKCAPIL = 0.008
"""PKH rows whose NIK_PENGURUS is a well-formed NIK that no one has in Dukcapil."""
RATE_PKH_KK_BEDA_DESA = 0.020
"""PKH rows whose KODE_DESA is another desa of the same kecamatan than the KK's desa in Dukcapil."""
RATE_PKH_NIK_RUSAK = 0.002
"""PKH rows whose NIK_PENGURUS was mangled (Excel notation or a lost digit)."""
RATE_PKH_DI_LUAR_DESIL_1_4 = 0.070
"""Share of KPM ranked in DTSEN desil 5-6 (inclusion error)."""
RATE_PKH_TIDAK_DI_DTSEN = 0.010
"""Share of KPM whose family is not in the DTSEN snapshot of the year (inclusion error)."""
PKH_COVERAGE = 0.66
"""Share of eligible families (desil 1-4 with a qualifying member) on the PKH roll; the rest is left out."""
RATE_DTSEN_NIK_TIDAK_DI_DUKCAPIL = 0.010
"""DTSEN members whose NIK is a well-formed NIK that no one has in Dukcapil (persistent per person)."""
RATE_DTSEN_NIK_RUSAK = 0.002
"""DTSEN rows whose NIK was mangled."""
RATE_DUKCAPIL_NIK_RUSAK = 0.0002
"""Dukcapil rows whose NIK was mangled."""
SHARE_NIK_EXCEL = 0.5
"""Of the mangled NIKs, the share written in Excel notation (3.51414E+15); the rest lost one digit."""

# --- PKH roll ---------------------------------------------------------------------------------------
PKH_TAHAP_MONTH = {1: 1, 2: 4, 3: 7, 4: 10}
"""A tahap's reference date is the first day of this month: ages for the komponen are taken then."""
PKH_MENINGGAL_WINDOW_DAYS = 730
"""A deceased pengurus stays on the roll while the death is at most this old."""
PKH_ADULT_AGE = 17
"""Minimum age of a pengurus."""
NIFAS_DAYS = 42
PREGNANCY_DAYS = 270
SHARE_STATUS_GAGAL = 0.012
SHARE_STATUS_RETUR = 0.006
SHARE_RETUR_WHEN_MENINGGAL = 0.4

# --- DTSEN ------------------------------------------------------------------------------------------
DESIL_COVERAGE = (0.95, 0.95, 0.95, 0.95, 0.70, 0.30, 0.30, 0.05, 0.05, 0.05)
"""Share of the families of each desil (1..10) that appear in a DTSEN snapshot."""
DESIL_1_4_POPULATION_SHARE = 0.41
"""Share of the whole population living in families of desil 1-4 (before coverage)."""
DESIL_10_POPULATION_SHARE = 0.09
DESIL_YEARLY_NOISE = 0.2
"""Standard deviation of the yearly shock to a family's welfare score (drives desil mobility)."""
DESIL_SIZE_EFFECT = -0.12
"""Change of the welfare score per member above the mean family size."""
DESIL_FEMALE_HEAD_EFFECT = -0.3
KECAMATAN_WELFARE_OFFSET = {
    "Tosari": -0.45, "Lumbang": -0.40, "Puspo": -0.40, "Lekok": -0.30, "Nguling": -0.30, "Tutur": -0.25,
    "Winongan": -0.25, "Pasrepan": -0.20, "Grati": -0.15, "Kejayan": -0.15, "Rejoso": -0.15,
    "Gondangwetan": -0.05, "Wonorejo": -0.05, "Purwodadi": -0.05, "Pohjentrek": 0.0, "Kraton": 0.0,
    "Rembang": 0.05, "Sukorejo": 0.10, "Purwosari": 0.10, "Prigen": 0.15, "Beji": 0.20, "Gempol": 0.25,
    "Bangil": 0.30, "Pandaan": 0.35,
}  # fmt: skip
"""Synthetic shift of the welfare score per kecamatan (standard deviations): upland and coastal poorer."""

# --- Disability -------------------------------------------------------------------------------------
DISABILITY_BY_AGE = ((0, 0.002), (15, 0.004), (60, 0.015), (75, 0.05))
"""(from age, probability) of a severe disability, assigned once when a person enters the register."""

# --- Population growth by kecamatan -----------------------------------------------------------------
KECAMATAN_GROWTH_DIFFERENTIAL = {
    "Gempol": 0.005, "Beji": 0.004, "Pandaan": 0.0035, "Rembang": 0.0025, "Bangil": 0.002, "Sukorejo": 0.002,
    "Prigen": 0.0015, "Purwosari": 0.0015, "Kraton": 0.001, "Pohjentrek": 0.0005, "Gondangwetan": 0.0,
    "Grati": -0.0005, "Wonorejo": -0.0005, "Purwodadi": -0.0005, "Kejayan": -0.001, "Rejoso": -0.001,
    "Lekok": -0.001, "Tutur": -0.0015, "Pasrepan": -0.0015, "Winongan": -0.0015, "Nguling": -0.002,
    "Tosari": -0.002, "Puspo": -0.0025, "Lumbang": -0.0025,
}  # fmt: skip
"""Synthetic yearly growth of each kecamatan relative to the others: the industrial corridor grows."""

# --- Desa sizes -------------------------------------------------------------------------------------
DESA_SIZE_SIGMA = 0.35
"""Log-normal spread of desa sizes within a kecamatan."""
KELURAHAN_SIZE_FACTOR = 2.2
"""A kelurahan is this many times larger than a typical desa."""

# --- Vital events and migration ---------------------------------------------------------------------
CRUDE_BIRTH_RATE = 0.0135
"""Births per person per year."""
FERTILITY_BY_AGE = ((19, 0.10), (25, 0.13), (30, 0.11), (35, 0.065), (40, 0.02), (43, 0.0))
"""(from age, relative fertility) of mothers; births are scaled to :data:`CRUDE_BIRTH_RATE`."""
MIN_BIRTH_INTERVAL_DAYS = 450
SHARE_MALE_BIRTHS = 0.512
MORTALITY_GOMPERTZ = (-9.6, 0.086)
"""Yearly death probability exp(a + b * age) from age 5 on."""
MORTALITY_CHILD = ((0, 0.016), (1, 0.0012))
"""(from age, yearly death probability) below age 5."""
RATE_KK_OUT_MIGRATION = 0.005
"""Share of KK moving out of the regency per semester; in-migration then fills the anchored total."""

# --- Age-sex structure of the register at the start (synthetic, East Java-like) ----------------------
AGE_GROUP_SHARES = (6.0, 6.3, 6.6, 7.7, 7.7, 7.7, 7.7, 7.9, 7.9, 7.6, 7.1, 5.6, 4.4, 3.2, 2.1, 2.2)
"""Relative size of the 5-year age groups 0-4 ... 70-74 and 75+ at the start (73% aged 15-64; the share
then falls by about 0.3 points a year as the population ages)."""
MALE_SHARE_BY_AGE_GROUP = (
    0.513, 0.513, 0.513, 0.505, 0.505, 0.505, 0.497, 0.497, 0.497, 0.497, 0.492, 0.492, 0.487, 0.46, 0.46, 0.43,
)  # fmt: skip
"""Share of men in each age group (overall sex ratio about 100, as SP2020: 803,730 L / 802,239 P)."""
