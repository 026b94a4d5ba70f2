"""Placing synthetic families into the 365 desa/kelurahan so that the totals meet the anchored targets.

Families are drawn by :func:`cc_analytics.demo.families.draw_families`, then reweighted (raking over
5-year age groups by sex) so that the register has the age-sex structure of
:data:`cc_analytics.demo.rates.AGE_GROUP_SHARES`, then cut into desa along cumulative targets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cc_analytics import wilayah
from cc_analytics.demo import anchors, rates
from cc_analytics.demo.anchors import DAYS_PER_YEAR
from cc_analytics.demo.families import FEMALE, FamilyBatch, draw_families
from cc_analytics.demo.register import Register

N_AGE_GROUPS = 16
PILOT_FAMILIES = 150_000
RAKING_ROUNDS = 30
POOL_FACTOR = 3.2
KK_CARD_MAX_AGE_YEARS = 15


@dataclass(frozen=True)
class Geography:
    """The desa/kelurahan of the regency and their synthetic relative sizes.

    Attributes:
        desa_kode: dotted Kemendagri code per desa (35.14.01.2001), in code order.
        desa_kec: kecamatan index (0..23, code order) per desa.
        desa_weight: share of its kecamatan's population per desa (sums to 1 within a kecamatan).
        kec_kode: dotted code per kecamatan (35.14.01).
    """

    desa_kode: np.ndarray
    desa_kec: np.ndarray
    desa_weight: np.ndarray
    kec_kode: np.ndarray

    def desa_targets(self, kec_targets: np.ndarray) -> np.ndarray:
        """Population target (jiwa, float) per desa from the target per kecamatan."""
        return kec_targets[self.desa_kec] * self.desa_weight


def build_geography(rng: np.random.Generator) -> Geography:
    """The 365 desa with log-normal synthetic sizes; a kelurahan is :data:`rates.KELURAHAN_SIZE_FACTOR` larger."""
    desa = wilayah.desa()
    kec_kode = anchors.kecamatan_table()["kode_kecamatan"].to_numpy(dtype=str)
    desa_kec = np.searchsorted(kec_kode, desa["kode_kecamatan"].to_numpy(dtype=str)).astype(np.int16)
    raw = np.exp(rng.normal(0.0, rates.DESA_SIZE_SIGMA, len(desa)))
    raw = raw * np.where(desa["level"].to_numpy(dtype=str) == "kelurahan", rates.KELURAHAN_SIZE_FACTOR, 1.0)
    per_kec = np.bincount(desa_kec, raw)
    return Geography(desa["kode_wilayah"].to_numpy(dtype=str), desa_kec, raw / per_kec[desa_kec], kec_kode)


def _age_sex_group(batch: FamilyBatch, ref_day: np.ndarray) -> np.ndarray:
    age = (ref_day[batch.family] - batch.birth) / DAYS_PER_YEAR
    group = np.minimum((age // 5).astype(np.int64), N_AGE_GROUPS - 1)
    return group + N_AGE_GROUPS * (batch.sex == FEMALE)


def _target_shares() -> np.ndarray:
    ages = np.array(rates.AGE_GROUP_SHARES)
    male = np.array(rates.MALE_SHARE_BY_AGE_GROUP)
    target = np.concatenate([ages * male, ages * (1 - male)])
    return target / target.sum()


def subset(batch: FamilyBatch, keep: np.ndarray) -> FamilyBatch:
    """The families of ``batch`` where ``keep`` (per family) is true, renumbered 0..k-1."""
    member = keep[batch.family]
    renumber = np.cumsum(keep) - 1
    return FamilyBatch(
        family=renumber[batch.family[member]].astype(np.int32),
        role=batch.role[member],
        sex=batch.sex[member],
        birth=batch.birth[member],
        size=batch.size[keep],
    )


class FamilySampler:
    """Draws families whose members follow the target age-sex structure (raking weights on a pilot)."""

    def __init__(self, rng: np.random.Generator, ref_day: int) -> None:
        pilot_day = np.full(PILOT_FAMILIES, ref_day, dtype=np.int32)
        pilot = draw_families(rng, pilot_day)
        group = _age_sex_group(pilot, pilot_day)
        target = _target_shares()
        log_factor = np.zeros(2 * N_AGE_GROUPS)
        for _ in range(RAKING_ROUNDS):
            weight = np.exp(np.bincount(pilot.family, log_factor[group], minlength=PILOT_FAMILIES))
            margin = np.bincount(group, weight[pilot.family], minlength=2 * N_AGE_GROUPS)
            log_factor += 0.7 * np.log(target / (margin / margin.sum()))
        weight = np.exp(np.bincount(pilot.family, log_factor[group], minlength=PILOT_FAMILIES))
        self.log_factor = log_factor - np.log(weight.mean())
        self.mean_size = float((weight * pilot.size).sum() / weight.sum())

    def draw(
        self, rng: np.random.Generator, count: int, first_day: int, last_day: int
    ) -> tuple[FamilyBatch, np.ndarray]:
        """About ``count`` families with ages as of a day drawn uniformly in ``[first_day, last_day]``.

        Returns:
            The families and, per family, its reference day (days since 1970-01-01).
        """
        pool_size = int(count * POOL_FACTOR) + 50
        pool_day = rng.integers(first_day, last_day + 1, pool_size).astype(np.int32)
        pool = draw_families(rng, pool_day)
        group = _age_sex_group(pool, pool_day)
        weight = np.exp(np.bincount(pool.family, self.log_factor[group], minlength=pool_size))
        keep = rng.random(pool_size) < np.minimum(1.0, weight * count / pool_size)
        return subset(pool, keep), pool_day[keep]


def allocate(sizes: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Cut families, in order, into slots along cumulative targets.

    Args:
        sizes: members per family.
        targets: wanted members per slot (float).

    Returns:
        Slot index per family, ``-1`` for families past the last slot. A family goes to the slot in which
        the middle of its members falls, so each slot total is within half a family of its target.
    """
    middle = np.cumsum(sizes) - sizes / 2
    slot = np.searchsorted(np.cumsum(targets), middle, side="right")
    return np.where(slot < len(targets), slot, -1)


def draw_for_targets(
    rng: np.random.Generator, sampler: FamilySampler, targets: np.ndarray, first_day: int, last_day: int
) -> tuple[FamilyBatch, np.ndarray, np.ndarray]:
    """Families filling ``targets`` (jiwa per desa), drawing more until the total is reached.

    Returns:
        The families, their desa index and their reference day.
    """
    total = float(targets.sum())
    count = int(total / sampler.mean_size * 1.05) + 10
    batch, day = sampler.draw(rng, count, first_day, last_day)
    while batch.size.sum() < total:
        more, more_day = sampler.draw(rng, count // 4 + 10, first_day, last_day)
        batch = _concat(batch, more)
        day = np.concatenate([day, more_day])
    slot = allocate(batch.size, targets)
    keep = slot >= 0
    return subset(batch, keep), slot[keep], day[keep]


def _concat(a: FamilyBatch, b: FamilyBatch) -> FamilyBatch:
    return FamilyBatch(
        family=np.concatenate([a.family, b.family + len(a.size)]),
        role=np.concatenate([a.role, b.role]),
        sex=np.concatenate([a.sex, b.sex]),
        birth=np.concatenate([a.birth, b.birth]),
        size=np.concatenate([a.size, b.size]),
    )


def initial_register(
    rng: np.random.Generator, geo: Geography, sampler: FamilySampler, scale: float, day: int
) -> Register:
    """The register at ``day``: anchored total x ``scale``, split by kecamatan share and desa weight.

    Every desa receives at least one family, so all 365 codes are populated at any scale.
    """
    start = anchors.date_of(day)
    kec_targets = anchors.apportion(round(anchors.register_total(start) * scale), anchors.kecamatan_shares(start))
    targets = geo.desa_targets(kec_targets.astype(float))
    seed, _ = sampler.draw(rng, 3 * len(targets), day, day)
    seed = subset(seed, np.arange(len(seed.size)) < len(targets))
    targets = np.maximum(targets - seed.size, 0.0)
    batch, desa, _ = draw_for_targets(rng, sampler, targets, day, day)
    batch = _concat(seed, batch)
    desa = np.concatenate([np.arange(len(seed.size)), desa])
    order = np.argsort(desa, kind="stable")
    issued = day - rng.integers(1, int(KK_CARD_MAX_AGE_YEARS * DAYS_PER_YEAR), len(desa))
    register = Register()
    register.add_families(rng, _reorder(batch, order), desa[order], np.full(len(desa), day), issued[order])
    return register


def _reorder(batch: FamilyBatch, order: np.ndarray) -> FamilyBatch:
    """The families of ``batch`` in the order ``order`` (a permutation of family numbers)."""
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    new_family = rank[batch.family]
    members = np.lexsort((np.arange(len(new_family)), new_family))
    return FamilyBatch(
        family=new_family[members].astype(np.int32),
        role=batch.role[members],
        sex=batch.sex[members],
        birth=batch.birth[members],
        size=batch.size[order],
    )
