"""PKH komponen per family at a tahap: members counted by age band, disability and pregnancy, and the pengurus.

Age bands, caps and yearly rates come from ``data/reference/pkh_komponen.csv``
(:func:`cc_analytics.demo.anchors.pkh_komponen`). An ibu hamil is a woman who delivers (in the
simulated register) within :data:`rates.PREGNANCY_DAYS` after the tahap date or delivered at most
:data:`rates.NIFAS_DAYS` before it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cc_analytics.demo import rates
from cc_analytics.demo.anchors import Komponen
from cc_analytics.demo.families import ROLE
from cc_analytics.demo.register import Register

IBU_HAMIL = "ibu_hamil"
DISABILITAS = "disabilitas_berat"


@dataclass(frozen=True)
class FamilyView:
    """What a tahap's roll knows of every KK.

    Attributes:
        counts: members per komponen, shape (number of komponen, number of KK), capped per family.
        pengurus: per KK, the record of the pengurus (adult woman first), ``-1`` when there is none.
        member_komponen: per record, shape (number of komponen, number of records): the record counts in
            the komponen (used to count a deceased pengurus kept on the roll).
    """

    counts: np.ndarray
    pengurus: np.ndarray
    member_komponen: np.ndarray


class AgeCalculator:
    """Ages in completed years at any day, from birth year and day-of-year computed once."""

    def __init__(self, birth: np.ndarray) -> None:
        stamp = birth.astype("datetime64[D]")
        year_start = stamp.astype("datetime64[Y]")
        self.year = year_start.astype(np.int64)
        self.day_of_year = (stamp - year_start).astype(np.int64)

    def at(self, day: int) -> np.ndarray:
        """Age in completed years of every record at ``day`` (days since 1970-01-01)."""
        stamp = np.datetime64(int(day), "D")
        year_start = stamp.astype("datetime64[Y]")
        day_of_year = (stamp - year_start).astype(np.int64)
        return year_start.astype(np.int64) - self.year - (self.day_of_year > day_of_year)


def _member_komponen(reg: Register, komponen: tuple[Komponen, ...], age: np.ndarray, day: int) -> np.ndarray:
    matrix = np.zeros((len(komponen), reg.n_records), dtype=bool)
    for i, item in enumerate(komponen):
        if item.name == DISABILITAS:
            matrix[i] = reg.disabled
        elif item.usia_min is not None or item.usia_max is not None:
            low = item.usia_min if item.usia_min is not None else 0
            high = item.usia_max if item.usia_max is not None else 200
            matrix[i] = (age >= low) & (age <= high)
        elif item.name != IBU_HAMIL:
            raise ValueError(f"komponen PKH '{item.name}' tidak dikenal oleh generator demo")
    return matrix & (reg.birth <= day)


def _pregnant_mothers(reg: Register, day: int, alive: np.ndarray) -> np.ndarray:
    delivery = reg.birth[reg.birth_child]
    window = (delivery > day - rates.NIFAS_DAYS) & (delivery <= day + rates.PREGNANCY_DAYS)
    mothers = np.unique(reg.birth_mother[window])
    return mothers[alive[mothers]]


def _pengurus_order(reg: Register) -> np.ndarray:
    """Records by KK, then by preference as pengurus (mother, other woman, head; older first) ascending."""
    is_woman = reg.sex == 2
    is_mother = is_woman & np.isin(reg.role, (ROLE["ISTRI"], ROLE["KEPALA KELUARGA"]))
    is_head = reg.role == ROLE["KEPALA KELUARGA"]
    priority = 3 * is_mother + 2 * (is_woman & ~is_mother) + is_head
    return np.lexsort((-reg.birth.astype(np.int64), priority, reg.kk))


class KomponenCounter:
    """Counts PKH komponen and picks the pengurus of every KK at a tahap."""

    def __init__(self, reg: Register, komponen: tuple[Komponen, ...]) -> None:
        self.reg = reg
        self.komponen = komponen
        self.ages = AgeCalculator(reg.birth)
        self.pengurus_order = _pengurus_order(reg)

    def _pengurus(self, eligible: np.ndarray) -> np.ndarray:
        order = self.pengurus_order[eligible[self.pengurus_order]]
        pengurus = np.full(self.reg.n_kk, -1, dtype=np.int64)
        pengurus[self.reg.kk[order]] = order  # the last (most preferred) record of each KK wins
        return pengurus

    def view(self, day: int, as_of: int) -> FamilyView:
        """Komponen counts and pengurus per KK for a tahap.

        Args:
            day: tahap date (days since 1970-01-01); ages are counted then.
            as_of: semester end; only members alive then count (a roll verified for the semester).
        """
        reg = self.reg
        alive = reg.alive(as_of)
        age = self.ages.at(day)
        member_komponen = _member_komponen(reg, self.komponen, age, day)
        counts = np.zeros((len(self.komponen), reg.n_kk), dtype=np.int64)
        member = alive & (reg.birth <= day)
        for i, item in enumerate(self.komponen):
            if item.name == IBU_HAMIL:
                counts[i] = np.bincount(reg.kk[_pregnant_mothers(reg, day, alive)], minlength=reg.n_kk)
            else:
                counts[i] = np.bincount(reg.kk[member & member_komponen[i]], minlength=reg.n_kk)
            if item.maks_per_keluarga is not None:
                counts[i] = np.minimum(counts[i], item.maks_per_keluarga)
        pengurus = self._pengurus(member & (age >= rates.PKH_ADULT_AGE))
        return FamilyView(counts, pengurus, member_komponen)
