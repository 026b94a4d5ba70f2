"""Semester-by-semester change of the register: deaths, births, moves out, and in-migration that keeps
every kecamatan on its anchored total.

Deaths follow age (mostly elderly) and stay on the register as MATI; births add an ANAK to the mother's
KK; whole KK move out of the regency and vanish. At the end of each semester the alive count of every
kecamatan is brought to ``T(t) x share x scale`` by new in-migrant KK (or by more KK moving out).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cc_analytics.demo import anchors, rates
from cc_analytics.demo.anchors import DAYS_PER_YEAR
from cc_analytics.demo.families import ROLE
from cc_analytics.demo.population import FamilySampler, Geography, draw_for_targets
from cc_analytics.demo.register import NEVER, Register

MOTHER_AGE = (19.0, 42.0)
FATHER_AGE = (18.1, 44.9)


@dataclass(frozen=True)
class SemesterEvents:
    """What happened in one semester (counts of people or KK)."""

    first_day: int
    last_day: int
    deaths: int
    births: int
    kk_out: int
    kk_in: int
    alive_end: int


def _death_probability(age: np.ndarray, years: float) -> np.ndarray:
    a, b = rates.MORTALITY_GOMPERTZ
    lows = np.array([low for low, _ in rates.MORTALITY_CHILD])
    child = np.array([share for _, share in rates.MORTALITY_CHILD])[np.searchsorted(lows, age, side="right") - 1]
    yearly = np.where(age < 5, child, np.minimum(np.exp(a + b * age), 0.6))
    return 1 - (1 - yearly) ** years


def _deaths(rng: np.random.Generator, reg: Register, first: int, last: int) -> int:
    alive = np.flatnonzero(reg.alive(first - 1))
    span = last - first + 1
    age = (first + span / 2 - reg.birth[alive]) / DAYS_PER_YEAR
    dies = alive[rng.random(len(alive)) < _death_probability(age, span / DAYS_PER_YEAR)]
    reg.death[dies] = first + rng.integers(0, span, len(dies))
    return len(dies)


def _head_of_kk(reg: Register) -> np.ndarray:
    head = np.full(reg.n_kk, -1, dtype=np.int64)
    heads = np.flatnonzero(reg.role == ROLE["KEPALA KELUARGA"])
    head[reg.kk[heads]] = heads
    return head


def _fertility(age: np.ndarray) -> np.ndarray:
    lows = np.array([a for a, _ in rates.FERTILITY_BY_AGE])
    weights = np.array([w for _, w in rates.FERTILITY_BY_AGE])
    return weights[np.clip(np.searchsorted(lows, age, side="right") - 1, 0, len(lows) - 1)]


def _births(rng: np.random.Generator, reg: Register, first: int, last: int) -> int:
    alive = reg.alive(first - 1)
    is_mother_role = (reg.role == ROLE["ISTRI"]) | (reg.role == ROLE["KEPALA KELUARGA"])
    age_first, age_last = reg.age(first), reg.age(last)
    head = _head_of_kk(reg)[reg.kk]
    head_age_first, head_age_last = age_first[head], age_last[head]
    father_ok = (reg.role == ROLE["KEPALA KELUARGA"]) | (
        alive[head] & (head_age_first >= FATHER_AGE[0]) & (head_age_last <= FATHER_AGE[1])
    )
    candidate = np.flatnonzero(
        alive
        & is_mother_role
        & (reg.sex == 2)
        & (age_first >= MOTHER_AGE[0])
        & (age_last <= MOTHER_AGE[1])
        & father_ok
        & (reg.last_birth < first - rates.MIN_BIRTH_INTERVAL_DAYS)
    )
    span = last - first + 1
    wanted = rates.CRUDE_BIRTH_RATE * alive.sum() * span / DAYS_PER_YEAR
    weight = _fertility(age_first[candidate])
    probability = np.minimum(weight * wanted / max(weight.sum(), 1e-9), 0.9)
    mothers = candidate[rng.random(len(candidate)) < probability]
    day = (first + rng.integers(0, span, len(mothers))).astype(np.int32)
    survives = reg.death[mothers] > day
    reg.add_births(rng, mothers[survives], day[survives])
    return int(survives.sum())


def _move_out(rng: np.random.Generator, reg: Register, moving: np.ndarray, first: int, last: int) -> int:
    """Set ``out`` for every record still on the register of the KK in the mask ``moving``."""
    day = first + rng.integers(0, last - first + 1, reg.n_kk)
    records = moving[reg.kk] & (reg.out == NEVER)
    reg.out[records] = day[reg.kk[records]]
    return int(moving.sum())


def _kk_alive_size(reg: Register, day: int) -> np.ndarray:
    return np.bincount(reg.kk[reg.alive(day)], minlength=reg.n_kk)


def _out_migration(rng: np.random.Generator, reg: Register, first: int, last: int) -> int:
    movable = (_kk_alive_size(reg, first - 1) > 0) & ~reg.kk_anchor
    return _move_out(rng, reg, movable & (rng.random(reg.n_kk) < rates.RATE_KK_OUT_MIGRATION), first, last)


def _extra_out(
    rng: np.random.Generator, reg: Register, geo: Geography, surplus: np.ndarray, first: int, last: int
) -> int:
    """Move out whole KK of kecamatan above target until the surplus (jiwa per kecamatan) is gone."""
    size = _kk_alive_size(reg, last)
    kec = geo.desa_kec[reg.kk_desa].astype(np.int64)
    movable = (size > 0) & ~reg.kk_anchor & (reg.kk_issued < first) & (surplus[kec] > 0)
    candidates = np.flatnonzero(movable)
    order = candidates[np.lexsort((rng.random(len(candidates)), kec[candidates]))]
    cumulative = np.cumsum(size[order])
    group_start = np.searchsorted(kec[order], kec[order], side="left")
    within = cumulative - np.concatenate([[0], cumulative])[group_start]
    chosen = order[within - size[order] / 2 < surplus[kec[order]]]
    moving = np.zeros(reg.n_kk, dtype=bool)
    moving[chosen] = True
    return _move_out(rng, reg, moving, first, last)


def _balance(
    rng: np.random.Generator, reg: Register, geo: Geography, sampler: FamilySampler, scale: float, first: int, last: int
) -> tuple[int, int]:
    """Bring each kecamatan's alive count at ``last`` to its target; returns (KK in, KK out)."""
    end = anchors.date_of(last)
    target = anchors.apportion(round(anchors.register_total(end) * scale), anchors.kecamatan_shares(end))
    alive = reg.alive(last)
    current = np.bincount(geo.desa_kec[reg.kk_desa[reg.kk[alive]]], minlength=len(target))
    gap = (target - current).astype(float)
    kk_out = _extra_out(rng, reg, geo, np.maximum(-gap, 0.0), first, last)
    desa_targets = geo.desa_targets(np.maximum(gap, 0.0))
    if desa_targets.sum() < 1:
        return 0, kk_out
    batch, desa, day = draw_for_targets(rng, sampler, desa_targets, first, last)
    reg.add_families(rng, batch, desa, day, day)
    return len(desa), kk_out


def simulate_semester(
    rng: np.random.Generator, reg: Register, geo: Geography, sampler: FamilySampler, scale: float, first: int, last: int
) -> SemesterEvents:
    """Apply one semester's events (days ``first``..``last``) to ``reg`` in place."""
    deaths = _deaths(rng, reg, first, last)
    births = _births(rng, reg, first, last)
    kk_out = _out_migration(rng, reg, first, last)
    kk_in, extra_out = _balance(rng, reg, geo, sampler, scale, first, last)
    return SemesterEvents(first, last, deaths, births, kk_out + extra_out, kk_in, int(reg.alive(last).sum()))
