"""The synthetic population register: one record per person, one row per KK, as growing numpy arrays.

Dates are days since 1970-01-01 (int32). A record is on the register from ``entry`` (birth or move-in)
until ``out`` (move out of the regency); ``death`` marks a death, after which the record stays on the
register as MATI. :data:`NEVER` means the event did not happen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from cc_analytics.demo import names, rates
from cc_analytics.demo.anchors import DAYS_PER_YEAR
from cc_analytics.demo.families import ROLE, FamilyBatch

NEVER = np.int32(np.iinfo(np.int32).max)


def _empty(dtype: type) -> np.ndarray:
    return np.zeros(0, dtype=dtype)


@dataclass
class Register:
    """All records and KK ever created; arrays grow as the simulation adds families and births.

    Record arrays: ``kk`` (KK index), ``sex`` (1 L / 2 P), ``birth``, ``role`` (index into STAT_HBKEL_VALUES),
    ``entry``, ``out``, ``death`` (days), ``disabled`` (severe disability), ``name_first``/``name_second``
    (name part indices), ``last_birth`` (day of a woman's last delivery). KK arrays: ``kk_desa`` (index into
    the desa table), ``kk_issued`` (issue day of the KK card), ``kk_anchor`` (the first KK of its desa,
    which never moves out so that every desa stays populated). Births: ``birth_mother``/``birth_child``
    (record indices) of the deliveries simulated.
    """

    kk: np.ndarray = field(default_factory=lambda: _empty(np.int32))
    sex: np.ndarray = field(default_factory=lambda: _empty(np.int8))
    birth: np.ndarray = field(default_factory=lambda: _empty(np.int32))
    role: np.ndarray = field(default_factory=lambda: _empty(np.int8))
    entry: np.ndarray = field(default_factory=lambda: _empty(np.int32))
    out: np.ndarray = field(default_factory=lambda: _empty(np.int32))
    death: np.ndarray = field(default_factory=lambda: _empty(np.int32))
    disabled: np.ndarray = field(default_factory=lambda: _empty(np.bool_))
    name_first: np.ndarray = field(default_factory=lambda: _empty(np.int16))
    name_second: np.ndarray = field(default_factory=lambda: _empty(np.int16))
    last_birth: np.ndarray = field(default_factory=lambda: _empty(np.int32))
    kk_desa: np.ndarray = field(default_factory=lambda: _empty(np.int16))
    kk_issued: np.ndarray = field(default_factory=lambda: _empty(np.int32))
    kk_anchor: np.ndarray = field(default_factory=lambda: _empty(np.bool_))
    birth_mother: np.ndarray = field(default_factory=lambda: _empty(np.int32))
    birth_child: np.ndarray = field(default_factory=lambda: _empty(np.int32))

    @property
    def n_records(self) -> int:
        """Number of records."""
        return len(self.kk)

    @property
    def n_kk(self) -> int:
        """Number of KK."""
        return len(self.kk_desa)

    def present(self, day: int) -> np.ndarray:
        """Mask of records on the register at ``day`` (alive or deceased)."""
        return (self.entry <= day) & (self.out > day)

    def alive(self, day: int) -> np.ndarray:
        """Mask of records on the register and alive at ``day``."""
        return self.present(day) & (self.death > day)

    def age(self, day: int) -> np.ndarray:
        """Age in years (float) of every record at ``day``."""
        return (day - self.birth) / DAYS_PER_YEAR

    def _append_records(
        self,
        rng: np.random.Generator,
        kk: np.ndarray,
        sex: np.ndarray,
        birth: np.ndarray,
        role: np.ndarray,
        entry: np.ndarray,
        age_at_entry: np.ndarray,
    ) -> None:
        first, second = names.draw_name_parts(rng, sex)
        count = len(kk)
        self.kk = np.concatenate([self.kk, kk.astype(np.int32)])
        self.sex = np.concatenate([self.sex, sex.astype(np.int8)])
        self.birth = np.concatenate([self.birth, birth.astype(np.int32)])
        self.role = np.concatenate([self.role, role.astype(np.int8)])
        self.entry = np.concatenate([self.entry, entry.astype(np.int32)])
        self.out = np.concatenate([self.out, np.full(count, NEVER)])
        self.death = np.concatenate([self.death, np.full(count, NEVER)])
        self.disabled = np.concatenate([self.disabled, rng.random(count) < _disability_share(age_at_entry)])
        self.name_first = np.concatenate([self.name_first, first])
        self.name_second = np.concatenate([self.name_second, second])
        self.last_birth = np.concatenate([self.last_birth, np.full(count, -NEVER)])

    def add_families(
        self, rng: np.random.Generator, batch: FamilyBatch, desa: np.ndarray, entry: np.ndarray, issued: np.ndarray
    ) -> None:
        """Append the families of ``batch`` (all of them) as new KK.

        Args:
            rng: random generator (names, disability).
            batch: the families' members.
            desa: per family, desa index.
            entry: per family, the day its members come on the register.
            issued: per family, the issue day of its KK card.
        """
        first_kk = self.n_kk
        is_new_desa = np.ones(len(desa), dtype=bool)
        is_new_desa[np.isin(desa, self.kk_desa)] = False
        _, first_of_desa = np.unique(desa, return_index=True)
        anchor = np.zeros(len(desa), dtype=bool)
        anchor[first_of_desa] = True
        self.kk_desa = np.concatenate([self.kk_desa, desa.astype(np.int16)])
        self.kk_issued = np.concatenate([self.kk_issued, issued.astype(np.int32)])
        self.kk_anchor = np.concatenate([self.kk_anchor, anchor & is_new_desa])
        member_entry = entry[batch.family]
        age = (member_entry - batch.birth) / DAYS_PER_YEAR
        self._append_records(rng, first_kk + batch.family, batch.sex, batch.birth, batch.role, member_entry, age)
        self._set_last_births(first_kk)

    def _set_last_births(self, first_kk: int) -> None:
        """A mother's last delivery, for the new KK: birth of her youngest ANAK (head or ISTRI, women)."""
        new = np.flatnonzero(self.kk >= first_kk)
        children = new[self.role[new] == ROLE["ANAK"]]
        youngest = np.full(self.n_kk, -NEVER, dtype=np.int32)
        np.maximum.at(youngest, self.kk[children], self.birth[children])
        mothers = new[(self.sex[new] == 2) & np.isin(self.role[new], (ROLE["KEPALA KELUARGA"], ROLE["ISTRI"]))]
        self.last_birth[mothers] = youngest[self.kk[mothers]]

    def add_births(self, rng: np.random.Generator, mother: np.ndarray, day: np.ndarray) -> None:
        """Append newborns as ANAK in their mothers' KK, born on ``day``, and log the deliveries."""
        first = self.n_records
        sex = np.where(rng.random(len(mother)) < rates.SHARE_MALE_BIRTHS, 1, 2).astype(np.int8)
        role = np.full(len(mother), ROLE["ANAK"], dtype=np.int8)
        self._append_records(rng, self.kk[mother], sex, day, role, day, np.zeros(len(mother)))
        self.last_birth[mother] = day
        self.birth_mother = np.concatenate([self.birth_mother, mother.astype(np.int32)])
        self.birth_child = np.concatenate([self.birth_child, np.arange(first, self.n_records, dtype=np.int32)])


def _disability_share(age: np.ndarray) -> np.ndarray:
    lows = np.array([a for a, _ in rates.DISABILITY_BY_AGE])
    shares = np.array([p for _, p in rates.DISABILITY_BY_AGE])
    return shares[np.searchsorted(lows, age, side="right") - 1]
