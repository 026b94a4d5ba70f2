"""Synthetic families (Kartu Keluarga): a head, usually a spouse, children and some other relatives.

Ages are drawn so that a family is coherent: a mother is 19-42 years older than her children, a father
18-45; grandchildren are young, parents of the head old. The shape parameters below are synthetic and
tuned so that the regency has about 72% of its people aged 15-64, a sex ratio near 100 and 3.2-3.6
people per KK (see ``docs/demo.md``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cc_analytics.demo.anchors import DAYS_PER_YEAR
from cc_analytics.schema import STAT_HBKEL_VALUES

ROLE = {name: np.int8(index) for index, name in enumerate(STAT_HBKEL_VALUES)}
MALE, FEMALE = np.int8(1), np.int8(2)

# (lower bound of a 5-year group, relative weight) of the age of a KK head.
HEAD_AGE_GROUPS = (
    (20, 1.5), (25, 5.0), (30, 9.0), (35, 11.0), (40, 12.0), (45, 12.0), (50, 11.5), (55, 10.5), (60, 8.5),
    (65, 6.5), (70, 4.3), (75, 2.8), (80, 1.8), (85, 0.9),
)  # fmt: skip
# (age, probability) points, interpolated linearly.
FEMALE_HEAD_BY_AGE = ((20, 0.07), (40, 0.12), (60, 0.20), (75, 0.35), (90, 0.45))
SPOUSE_BY_AGE = ((20, 0.85), (25, 0.95), (55, 0.94), (70, 0.78), (90, 0.50))
CHILDREN_BY_MOTHER_AGE = ((17, 0.3), (25, 0.65), (32, 1.1), (40, 1.6), (47, 2.2), (55, 2.2), (62, 1.5), (70, 0.8))
CHILDREN_WITHOUT_MOTHER = 0.35
# (age, probability) that an adult son / daughter is still in the parents' KK.
KEEP_SON = ((19, 1.0), (26, 0.95), (30, 0.8), (34, 0.5), (38, 0.3), (45, 0.15))
KEEP_DAUGHTER = ((19, 1.0), (23, 0.9), (26, 0.7), (30, 0.4), (35, 0.18), (40, 0.08))
SHARE_MALE_CHILDREN = 0.512
MAX_CHILDREN = 6
SHARE_ORANG_TUA, SHARE_CUCU, SHARE_MENANTU, SHARE_FAMILI = 0.14, 0.28, 0.40, 0.05
MOTHER_GAP, FATHER_GAP = (19.0, 42.0), (18.05, 44.95)


@dataclass(frozen=True)
class FamilyBatch:
    """Members of newly drawn families, ordered by family and position in the KK.

    Attributes:
        family: family number (0..n-1) per member.
        role: index into :data:`cc_analytics.schema.STAT_HBKEL_VALUES` per member.
        sex: 1 (laki-laki) or 2 (perempuan).
        birth: birth date, days since 1970-01-01.
        size: members per family.
    """

    family: np.ndarray
    role: np.ndarray
    sex: np.ndarray
    birth: np.ndarray
    size: np.ndarray


def _interp(points: tuple[tuple[float, float], ...], age: np.ndarray) -> np.ndarray:
    xs, ys = zip(*points, strict=True)
    return np.interp(age, xs, ys)


def _head_ages(rng: np.random.Generator, count: int) -> np.ndarray:
    lows = np.array([g[0] for g in HEAD_AGE_GROUPS], dtype=float)
    weights = np.array([g[1] for g in HEAD_AGE_GROUPS], dtype=float)
    group = rng.choice(len(lows), size=count, p=weights / weights.sum())
    return lows[group] + 5 * rng.random(count)


def _children(
    rng: np.random.Generator, mother: np.ndarray, father: np.ndarray, head: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(family, age, sex) of the children: count by the mother's age, ages within both parents' gaps."""
    has_mother = ~np.isnan(mother)
    lam = _interp(CHILDREN_BY_MOTHER_AGE, np.where(has_mother, mother, head - 4))
    lam = np.where(has_mother, lam, lam * CHILDREN_WITHOUT_MOTHER)
    count = np.minimum(rng.poisson(lam), MAX_CHILDREN)
    family = np.repeat(np.arange(len(head)), count)
    m, f = mother[family], father[family]
    low = np.fmax(np.fmax(m - MOTHER_GAP[1], f - FATHER_GAP[1]), 0.0)
    high = np.fmin(m - MOTHER_GAP[0], f - FATHER_GAP[0])
    age = low + rng.random(len(family)) * (high - low)
    sex = _sexes(rng, len(family), SHARE_MALE_CHILDREN)
    keep_share = np.where(sex == MALE, _interp(KEEP_SON, age), _interp(KEEP_DAUGHTER, age))
    keep = (high >= low) & (rng.random(len(family)) < keep_share)
    return family[keep], age[keep], sex[keep]


def _relatives(
    rng: np.random.Generator, head: np.ndarray
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """(family, age, role, sex) of parents of the head, grandchildren, children-in-law and other kin."""
    n = len(head)
    out = []
    parent = np.flatnonzero((head < 55) & (rng.random(n) < SHARE_ORANG_TUA))
    parent_age = head[parent] + 20 + 15 * rng.random(len(parent))
    parent, parent_age = parent[parent_age <= 95], parent_age[parent_age <= 95]
    parent_role = np.where(rng.random(len(parent)) < 0.5, ROLE["ORANG TUA"], ROLE["MERTUA"])
    out.append((parent, parent_age, parent_role, np.where(rng.random(len(parent)) < 0.7, FEMALE, MALE)))
    grand = np.flatnonzero((head >= 48) & (rng.random(n) < SHARE_CUCU))
    in_law = grand[rng.random(len(grand)) < SHARE_MENANTU]
    out.append((in_law, head[in_law] - 22 - 8 * rng.random(len(in_law)), ROLE["MENANTU"], _sexes(rng, len(in_law))))
    grand = np.concatenate([grand, grand[rng.random(len(grand)) < 0.35]])
    grand_age = rng.random(len(grand)) * np.minimum(12, head[grand] - 38)
    out.append((grand, grand_age, ROLE["CUCU"], _sexes(rng, len(grand))))
    kin = np.flatnonzero(rng.random(n) < SHARE_FAMILI)
    out.append((kin, 5 + 65 * rng.random(len(kin)), ROLE["FAMILI LAIN"], _sexes(rng, len(kin))))
    return out


def _sexes(rng: np.random.Generator, count: int, share_male: float = 0.5) -> np.ndarray:
    return np.where(rng.random(count) < share_male, MALE, FEMALE).astype(np.int8)


def draw_families(rng: np.random.Generator, ref_day: np.ndarray) -> FamilyBatch:
    """Draw one family per entry of ``ref_day`` with ages as of that day.

    Args:
        rng: random generator.
        ref_day: per family, the day (days since 1970-01-01) the ages refer to.

    Returns:
        The members, see :class:`FamilyBatch`.
    """
    n = len(ref_day)
    head = _head_ages(rng, n)
    head_female = rng.random(n) < _interp(FEMALE_HEAD_BY_AGE, head)
    has_wife = ~head_female & (rng.random(n) < _interp(SPOUSE_BY_AGE, head))
    wife = np.clip(head - rng.normal(4.0, 3.5, n), 17.0, head + 8.0)
    mother = np.where(has_wife, wife, np.where(head_female, head, np.nan))
    father = np.where(head_female, np.nan, head)
    child_family, child_age, child_sex = _children(rng, mother, father, head)
    wives = np.flatnonzero(has_wife)
    parts = [
        (np.arange(n), head, np.full(n, ROLE["KEPALA KELUARGA"]), np.where(head_female, FEMALE, MALE)),
        (wives, wife[wives], np.full(len(wives), ROLE["ISTRI"]), np.full(len(wives), FEMALE)),
        (child_family, child_age, np.full(len(child_family), ROLE["ANAK"]), child_sex),
        *_relatives(rng, head),
    ]
    family = np.concatenate([p[0] for p in parts]).astype(np.int32)
    age = np.concatenate([p[1] for p in parts])
    role = np.concatenate([np.broadcast_to(p[2], len(p[0])) for p in parts]).astype(np.int8)
    sex = np.concatenate([np.broadcast_to(p[3], len(p[0])) for p in parts]).astype(np.int8)
    order = np.lexsort((-age, role, family))
    birth = ref_day[family] - np.floor(age * DAYS_PER_YEAR).astype(np.int32)
    return FamilyBatch(
        family=family[order],
        role=role[order],
        sex=sex[order],
        birth=birth[order].astype(np.int32),
        size=np.bincount(family, minlength=n).astype(np.int32),
    )
