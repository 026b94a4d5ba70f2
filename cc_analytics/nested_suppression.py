"""Small-count suppression for one count per desa shown at two levels: desa, and kecamatan totals.

A map shows the same count per kecamatan and per desa (and the kabupaten total elsewhere). Suppressing each
level on its own is not enough: a kecamatan's desa add up to the kecamatan. :func:`protect_nested` keeps
both levels consistent:

1. the 24 kecamatan totals are protected as one list whose total (the kabupaten) is published
   (:func:`cc_analytics.privacy.protect_counts`);
2. the desa of each kecamatan are protected as one list whose total (the kecamatan) is treated as published,
   so no small desa count can be worked out from the kecamatan total and its other desa;
3. a kecamatan hidden in step 1 must not be recoverable as the sum of its desa: when none of its desa is
   hidden yet, its smallest non-zero desa is hidden as well (``complement``).

Statuses are those of :mod:`cc_analytics.privacy`: ``shown``, ``small``, ``complement``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cc_analytics.privacy import COMPLEMENT, SHOWN, protect_counts


@dataclass(frozen=True)
class NestedProtection:
    """Protected counts of both levels.

    Attributes:
        kecamatan: indexed by ``kode_kecamatan``: ``value`` (``Int64``, ``<NA>`` where hidden) and ``status``.
        desa: indexed by ``kode_desa``: ``kode_kecamatan``, ``value`` (``Int64``) and ``status``.
    """

    kecamatan: pd.DataFrame
    desa: pd.DataFrame


def _protect_list(counts: pd.Series, min_cell: int) -> pd.DataFrame:
    protected = protect_counts(counts.rename("jumlah"), min_cell, total_published=True)
    return pd.DataFrame(
        {"value": protected.cells.iloc[:, 0], "status": protected.cell_status.iloc[:, 0].astype(str)},
        index=counts.index,
    )


def _hide_one(group: pd.DataFrame, counts: pd.Series) -> pd.DataFrame:
    """Hide the smallest non-zero count of ``group`` when none is hidden (its total is hidden elsewhere)."""
    if (group["status"] != SHOWN).any():
        return group
    nonzero = counts[group.index][counts[group.index] > 0]
    if nonzero.empty:
        return group
    smallest = nonzero.sort_values(kind="stable").index[0]
    group = group.copy()
    group.loc[smallest, "value"] = pd.NA
    group.loc[smallest, "status"] = COMPLEMENT
    return group


def protect_nested(counts: pd.Series, kecamatan_of: pd.Series, min_cell: int) -> NestedProtection:
    """Suppress small counts per desa and per kecamatan consistently (see module docstring).

    Args:
        counts: non-negative whole numbers indexed by ``kode_desa`` (every desa of the regency, zeros included).
        kecamatan_of: ``kode_kecamatan`` of each desa, same index as ``counts``.
        min_cell: counts ``1 … min_cell − 1`` are small; ``1`` disables suppression.

    Returns:
        The protected counts of both levels, kecamatan and desa in code order.

    Raises:
        ValueError: ``counts`` is empty, negative somewhere, or not aligned with ``kecamatan_of``.
    """
    if counts.empty:
        raise ValueError("counts is empty")
    if not counts.index.equals(kecamatan_of.index):
        raise ValueError("counts and kecamatan_of must share their index")
    counts = counts.astype("int64").sort_index()
    kecamatan_of = kecamatan_of.loc[counts.index]
    totals = counts.groupby(kecamatan_of).sum().sort_index()
    kecamatan = _protect_list(totals, min_cell)
    groups = []
    for kode, members in counts.groupby(kecamatan_of, sort=True):
        group = _protect_list(members, min_cell)
        if kecamatan.loc[kode, "status"] != SHOWN:
            group = _hide_one(group, counts)
        groups.append(group)
    desa = pd.concat(groups).loc[counts.index]
    desa.insert(0, "kode_kecamatan", kecamatan_of)
    desa.index.name = "kode_desa"
    kecamatan.index.name = "kode_kecamatan"
    return NestedProtection(kecamatan=kecamatan, desa=desa)
