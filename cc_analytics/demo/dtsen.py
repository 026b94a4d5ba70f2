"""DTSEN snapshots (30 June of each year): families ranked in national welfare deciles, one row per member.

Each KK has a persistent synthetic welfare score (kecamatan offset + family draw + size and female-head
effects) plus a yearly shock, so families move between desil from year to year. Families are cut into
desil along population shares anchored to the BPS poverty rate of the year (desil 1 about the poverty
rate, desil 1-4 about 41% of the people); a family of desil ``d`` appears in the snapshot with
probability :data:`rates.DESIL_COVERAGE` ``[d-1]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cc_analytics.demo import anchors, rates
from cc_analytics.demo.families import ROLE
from cc_analytics.demo.identifiers import count_for, mangle_nik, unknown_nik
from cc_analytics.demo.register import Register
from cc_analytics.demo.snapshot import Numbers, nik_text

MEAN_KK_SIZE = 3.4


@dataclass(frozen=True)
class DtsenSnapshot:
    """One DTSEN file and what the PKH roll needs from it.

    Attributes:
        tahun: year of the snapshot (as of 30 June).
        desil: per KK, its desil 1-10 in this snapshot, 0 when the family is not in it.
        members: record indices of the rows, in file order.
        table: the file's columns (schema ``DTSEN``).
        injected: problem key -> rows affected.
    """

    tahun: int
    desil: np.ndarray
    members: np.ndarray
    table: pa.Table
    injected: dict[str, int]


def desil_cutoffs(tahun: int) -> np.ndarray:
    """Cumulative population share (0-1) at the upper end of desil 1..9 (desil 10 runs to 1)."""
    first = anchors.poverty_rate(tahun) / rates.DESIL_COVERAGE[0]
    fourth = rates.DESIL_1_4_POPULATION_SHARE
    ninth = 1 - rates.DESIL_10_POPULATION_SHARE
    return np.concatenate([np.linspace(first, fourth, 4), np.linspace(fourth, ninth, 6)[1:]])


def rank_desil(score: np.ndarray, size: np.ndarray, cutoffs: np.ndarray) -> np.ndarray:
    """Desil (1-10) per KK by welfare ``score`` (low = poor), weighting each KK by its ``size``; 0 if empty."""
    present = np.flatnonzero(size > 0)
    order = present[np.argsort(score[present], kind="stable")]
    cumulative = np.cumsum(size[order])
    middle = (cumulative - size[order] / 2) / cumulative[-1]
    desil = np.zeros(len(score), dtype=np.int8)
    desil[order] = np.minimum(np.searchsorted(cutoffs, middle, side="right") + 1, 10)
    return desil


class DtsenBuilder:
    """Persistent family traits (welfare base, coverage draw) and persistent member problems."""

    def __init__(self, rng: np.random.Generator, reg: Register, desa_kec: np.ndarray, kec_nama: np.ndarray) -> None:
        offset = np.array([rates.KECAMATAN_WELFARE_OFFSET.get(str(n), 0.0) for n in kec_nama])
        self.base = offset[desa_kec[reg.kk_desa]] + rng.normal(0.0, 1.0, reg.n_kk)
        self.coverage_draw = rng.random(reg.n_kk)
        self.unknown = rng.random(reg.n_records) < rates.RATE_DTSEN_NIK_TIDAK_DI_DUKCAPIL
        head = np.flatnonzero(reg.role == ROLE["KEPALA KELUARGA"])
        self.female_head = np.zeros(reg.n_kk, dtype=bool)
        self.female_head[reg.kk[head]] = reg.sex[head] == 2

    def build(
        self, rng: np.random.Generator, reg: Register, numbers: Numbers, order: np.ndarray, tahun: int
    ) -> DtsenSnapshot:
        """The snapshot of 30 June ``tahun``; ``order`` is the file order of all records."""
        day = anchors.day_of(date(tahun, 6, 30))
        alive = reg.alive(day)
        size = np.bincount(reg.kk[alive], minlength=reg.n_kk)
        score = (
            self.base
            + rng.normal(0.0, rates.DESIL_YEARLY_NOISE, reg.n_kk)
            + rates.DESIL_SIZE_EFFECT * (size - MEAN_KK_SIZE)
            + rates.DESIL_FEMALE_HEAD_EFFECT * self.female_head
        )
        desil = rank_desil(score, size, desil_cutoffs(tahun))
        coverage = np.array((0.0, *rates.DESIL_COVERAGE))[desil]
        desil = np.where(self.coverage_draw < coverage, desil, 0).astype(np.int8)
        in_file = alive & (desil[reg.kk] > 0)
        members = order[in_file[order]]
        table, injected = self._table(rng, reg, numbers, members, desil)
        return DtsenSnapshot(tahun, desil, members, table, injected)

    def _table(
        self, rng: np.random.Generator, reg: Register, numbers: Numbers, members: np.ndarray, desil: np.ndarray
    ) -> tuple[pa.Table, dict[str, int]]:
        kk = reg.kk[members]
        nik = numbers.nik[members]
        unknown = self.unknown[members]
        text = numbers.nik_text.take(pa.array(members))
        unknown_rows = np.flatnonzero(unknown)
        text = nik_text(text, unknown_rows, unknown_nik(nik[unknown_rows]).astype(str))
        candidates = np.flatnonzero(~unknown)
        mangled = np.sort(rng.choice(candidates, count_for(rates.RATE_DTSEN_NIK_RUSAK, len(members)), replace=False))
        kk_index = pa.array(kk)
        table = pa.table(
            {
                "ID_KELUARGA": numbers.id_keluarga.take(kk_index),
                "NO_KK": numbers.no_kk_text.take(kk_index),
                "NIK": nik_text(text, mangled, mangle_nik(rng, nik[mangled])),
                "DESIL": pa.array(desil[kk].astype(np.int64)),
                "DISABILITAS_BERAT": pc.if_else(pa.array(reg.disabled[members]), "Y", "T"),
                "KODE_DESA": numbers.desa_digits.take(pa.array(reg.kk_desa[kk])),
            }
        )
        injected = {"dtsen_nik_tidak_di_dukcapil": int(unknown.sum()), "dtsen_nik_rusak": len(mangled)}
        return table, injected
