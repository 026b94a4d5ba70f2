"""Small-count suppression for distributions shown at kabupaten, kecamatan and desa level.

A distribution (population by sex and age group, DTSEN families by desil, KPM by komponen, data-quality
flags) is a table of counts per desa × category. The profile shows it for the kabupaten (column totals), for
one kecamatan (the sum of its desa) and for one desa, so a small count must stay hidden in every view and
across views: a kecamatan's desa add up to the kecamatan, the kecamatan add up to the kabupaten.

:func:`protect_levels` does it in three steps:

1. kecamatan × category with both margins published (:func:`cc_analytics.privacy.protect_table`): the
   kecamatan rows and the kabupaten totals;
2. for the desa of one kecamatan, desa × category with both margins published, the same way;
3. a closing rule across the two: a kecamatan cell hidden in step 1 gets at least one hidden desa cell (else it
   is the sum of its desa), and no published line (a desa's categories when ``row_totals``, a category's desa
   when the kecamatan cell is shown) is left with exactly one hidden cell (else it is a subtraction away). The
   smallest other value is hidden (``complement``) until both hold.

Statuses are those of :mod:`cc_analytics.privacy`: ``shown``, ``small``, ``complement``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cc_analytics.privacy import COMPLEMENT, SHOWN, protect_table


@dataclass(frozen=True)
class ProtectedLevels:
    """A distribution after suppression, at each level.

    Attributes:
        kabupaten: indexed by category: ``value`` (``Int64``, ``<NA>`` where hidden) and ``status``.
        kecamatan: ``value`` and ``status`` frames, rows ``kode_kecamatan``, columns the categories.
        desa: the same for the desa of the requested kecamatan (empty frames when none was requested).
    """

    kabupaten: pd.DataFrame
    kecamatan_values: pd.DataFrame
    kecamatan_status: pd.DataFrame
    desa_values: pd.DataFrame
    desa_status: pd.DataFrame


def _hide_smallest(values: np.ndarray, hidden: np.ndarray, line: tuple[slice | int, slice | int]) -> bool:
    """Hide the smallest shown value of ``line`` (non-zero first); False when every value there is hidden."""
    shown_values = np.where(hidden[line], np.inf, values[line].astype(float))
    if np.isinf(shown_values).all():
        return False
    order = np.where(shown_values == 0, np.inf, shown_values)
    pick = int(np.argmin(order)) if not np.isinf(order).all() else int(np.argmin(shown_values))
    row, col = line
    hidden[(pick, col) if isinstance(row, slice) else (row, pick)] = True
    return True


def _close(values: np.ndarray, hidden: np.ndarray, parent_hidden: np.ndarray, row_totals: bool) -> np.ndarray:
    """Apply the closing rule of step 3 in place until it holds; returns the cells it hid."""
    start = hidden.copy()
    changed = True
    while changed:
        changed = False
        for j in range(values.shape[1]):
            count = int(hidden[:, j].sum())
            needs = count == 0 if parent_hidden[j] else count == 1
            if needs and values[:, j].any():
                changed |= _hide_smallest(values, hidden, (slice(None), j))
        if not row_totals:
            continue
        for i in range(values.shape[0]):
            if int(hidden[i, :].sum()) == 1:
                changed |= _hide_smallest(values, hidden, (i, slice(None)))
    return hidden & ~start


def _desa_level(
    cells: pd.DataFrame, parent_status: pd.Series, min_cell: int, row_totals: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    protected = protect_table(cells, min_cell, row_totals=row_totals, col_totals=True)
    status = protected.cell_status.astype(object).copy()
    hidden = (status != SHOWN).to_numpy(dtype=bool, copy=True)
    values = cells.to_numpy(dtype="int64")
    added = _close(values, hidden, (parent_status != SHOWN).to_numpy(), row_totals)
    status = status.mask(pd.DataFrame(added, index=status.index, columns=status.columns), COMPLEMENT)
    shown = pd.DataFrame(values, index=cells.index, columns=cells.columns).astype("Int64")
    return shown.mask(status != SHOWN), status


def protect_levels(
    cells: pd.DataFrame, kecamatan_of: pd.Series, min_cell: int, *, kecamatan: str | None, row_totals: bool = True
) -> ProtectedLevels:
    """Suppress small counts of a distribution consistently at kabupaten, kecamatan and desa level.

    Args:
        cells: non-negative whole numbers, rows ``kode_desa`` (every desa of the regency), columns categories.
        kecamatan_of: ``kode_kecamatan`` of each desa (same index as ``cells``).
        min_cell: counts ``1 … min_cell − 1`` are small; ``1`` disables suppression.
        kecamatan: the kecamatan whose desa are needed, or None for none.
        row_totals: whether a unit's total over the categories is published (False for komponen, whose
            categories overlap).

    Returns:
        See :class:`ProtectedLevels`.

    Raises:
        ValueError: when ``cells`` is empty or not aligned with ``kecamatan_of``.
    """
    if cells.empty or not cells.index.equals(kecamatan_of.index):
        raise ValueError("cells must be non-empty and share their index with kecamatan_of")
    kec_cells = cells.groupby(kecamatan_of.rename("kode_kecamatan")).sum().sort_index()
    top = protect_table(kec_cells, min_cell, row_totals=row_totals, col_totals=True)
    kabupaten = pd.DataFrame(
        {"value": top.col_totals, "status": top.status.iloc[-1, :-1].astype(str)}, index=kec_cells.columns
    )
    kec_status = top.cell_status.astype(str)
    desa_values = pd.DataFrame(columns=cells.columns, dtype="Int64")
    desa_status = pd.DataFrame(columns=cells.columns, dtype=object)
    if kecamatan is not None and kecamatan in kec_cells.index:
        members = cells[kecamatan_of == kecamatan].sort_index()
        desa_values, desa_status = _desa_level(members, kec_status.loc[kecamatan], min_cell, row_totals)
    return ProtectedLevels(kabupaten, top.cells, kec_status, desa_values, desa_status.astype(str))
