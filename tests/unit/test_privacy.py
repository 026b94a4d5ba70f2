"""Small-count suppression: the published table must not reveal any small count.

The attacks here are written independently of the implementation (which searches cycles in a graph):

- subtraction: repeatedly solve any published total that has exactly one hidden part;
- linear algebra: a hidden value is determined by the published totals exactly when every solution of the
  homogeneous system has a zero in its place (null-space test);
- linear programming: the smallest and largest value a small cell can take, knowing the published values,
  that every ``<5`` cell lies in ``[1, min_cell - 1]`` and that counts are non-negative. The cell must be able
  to move one step in each direction its own bounds allow.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from cc_analytics.privacy import COMPLEMENT, SHOWN, SMALL, UNPUBLISHED, ProtectedTable, protect_counts, protect_table


def relations(protected: ProtectedTable) -> list[list[tuple[int, int, int]]]:
    """Each published total as ``[(row, col, coefficient), ...]`` summing to zero (parts minus total)."""
    status = protected.status.to_numpy()
    n, m = status.shape[0] - 1, status.shape[1] - 1
    out = []
    for i in range(n + 1):
        if status[i, m] != UNPUBLISHED and all(status[i, j] != UNPUBLISHED for j in range(m)):
            out.append([(i, j, 1) for j in range(m)] + [(i, m, -1)])
    for j in range(m + 1):
        if status[n, j] != UNPUBLISHED and all(status[i, j] != UNPUBLISHED for i in range(n)):
            out.append([(i, j, 1) for i in range(n)] + [(n, j, -1)])
    return out


def hidden(protected: ProtectedTable) -> set[tuple[int, int]]:
    status = protected.status.to_numpy()
    return {(int(i), int(j)) for i, j in np.argwhere(np.isin(status, [SMALL, COMPLEMENT]))}


def recovered_by_subtraction(protected: ProtectedTable) -> set[tuple[int, int]]:
    unknown = hidden(protected)
    solved: set[tuple[int, int]] = set()
    progress = True
    while progress:
        progress = False
        for relation in relations(protected):
            left = [(i, j) for i, j, _ in relation if (i, j) in unknown and (i, j) not in solved]
            if len(left) == 1:
                solved.add(left[0])
                progress = True
    return solved


def determined_by_totals(protected: ProtectedTable) -> set[tuple[int, int]]:
    unknowns = sorted(hidden(protected))
    if not unknowns:
        return set()
    index = {p: k for k, p in enumerate(unknowns)}
    rows = []
    for relation in relations(protected):
        row = np.zeros(len(unknowns))
        for i, j, coef in relation:
            if (i, j) in index:
                row[index[(i, j)]] = coef
        if row.any():
            rows.append(row)
    if not rows:
        return set()
    matrix = np.array(rows)
    _, singular, vt = np.linalg.svd(matrix)
    rank = int((singular > 1e-9).sum())
    null_space = vt[rank:]
    return {p for p, k in index.items() if null_space.shape[0] == 0 or np.abs(null_space[:, k]).max() < 1e-9}


def value_ranges(
    protected: ProtectedTable, min_cell: int, truth: np.ndarray
) -> dict[tuple[int, int], tuple[float, float]]:
    """For each small cell: (smallest, largest) value consistent with everything published."""
    unknowns = sorted(hidden(protected))
    index = {p: k for k, p in enumerate(unknowns)}
    status = protected.status.to_numpy()
    rows, rhs = [], []
    for relation in relations(protected):
        row = np.zeros(len(unknowns))
        known = 0.0
        for i, j, coef in relation:
            if (i, j) in index:
                row[index[(i, j)]] = coef
            else:
                known += coef * truth[i, j]
        if row.any():
            rows.append(row)
            rhs.append(-known)
    small_bounds = (1, min_cell - 1) if min_cell > 2 else (0, None)
    bounds = [small_bounds if status[p] == SMALL else (0, None) for p in unknowns]
    out = {}
    for p in unknowns:
        if status[p] != SMALL:
            continue
        objective = np.zeros(len(unknowns))
        objective[index[p]] = 1
        a_eq, b_eq = (np.array(rows), np.array(rhs)) if rows else (None, None)
        low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        high = linprog(-objective, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        out[p] = (low.fun, np.inf if high.status == 3 else -high.fun)
    return out


def with_totals(table: pd.DataFrame) -> np.ndarray:
    full = table.copy()
    full["total"] = table.sum(axis=1)
    full.loc["total"] = full.sum(axis=0)
    return full.to_numpy()


counts = st.one_of(st.integers(0, 6), st.integers(0, 80))


@st.composite
def tables(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(1, 5))
    m = draw(st.integers(1, 4))
    values = draw(st.lists(st.lists(counts, min_size=m, max_size=m), min_size=n, max_size=n))
    return pd.DataFrame(values, index=[f"r{i}" for i in range(n)], columns=[f"c{j}" for j in range(m)])


@settings(max_examples=100, deadline=None)
@given(table=tables(), min_cell=st.integers(2, 6), row_totals=st.booleans(), col_totals=st.booleans())
def test_no_small_cell_can_be_worked_out(
    table: pd.DataFrame, min_cell: int, row_totals: bool, col_totals: bool
) -> None:
    protected = protect_table(table, min_cell, row_totals=row_totals, col_totals=col_totals)
    small = {(int(i), int(j)) for i, j in np.argwhere(protected.status.to_numpy() == SMALL)}
    assert not small & recovered_by_subtraction(protected)
    assert not small & determined_by_totals(protected)


def everything_hidden(protected: ProtectedTable) -> ProtectedTable:
    """The same publication with every published value hidden: the most protection possible."""
    status = protected.status.replace({SHOWN: COMPLEMENT})
    return ProtectedTable(values=protected.values.mask(status != UNPUBLISHED), status=status)


@settings(max_examples=60, deadline=None)
@given(table=tables(), min_cell=st.integers(2, 6), row_totals=st.booleans(), col_totals=st.booleans())
def test_small_cells_keep_every_possible_doubt(
    table: pd.DataFrame, min_cell: int, row_totals: bool, col_totals: bool
) -> None:
    """A small cell can move up (down) by one unless even hiding everything would not allow it.

    (Several ``<5`` cells can pin each other down without any total: two ``<3`` cells summing to a ``<3``
    total are both 1. Suppression cannot help there, and the test does not ask it to.)
    """
    protected = protect_table(table, min_cell, row_totals=row_totals, col_totals=col_totals)
    truth = with_totals(table)
    achieved = value_ranges(protected, min_cell, truth)
    best = value_ranges(everything_hidden(protected), min_cell, truth)
    for cell, (low, high) in achieved.items():
        value = truth[cell]
        best_low, best_high = best[cell]
        assert low <= max(best_low, value - 1) + 1e-6, (cell, value, achieved[cell], best[cell])
        assert high >= min(best_high, value + 1) - 1e-6, (cell, value, achieved[cell], best[cell])


@settings(max_examples=100, deadline=None)
@given(table=tables(), min_cell=st.integers(2, 6), row_totals=st.booleans(), col_totals=st.booleans())
def test_small_cells_hidden_and_shown_cells_true(
    table: pd.DataFrame, min_cell: int, row_totals: bool, col_totals: bool
) -> None:
    protected = protect_table(table, min_cell, row_totals=row_totals, col_totals=col_totals)
    status = protected.status.to_numpy()
    truth = with_totals(table)
    values = protected.values.to_numpy(dtype="float64", na_value=np.nan)
    small_truth = (truth > 0) & (truth < min_cell)
    assert ((status == SMALL) == (small_truth & (status != UNPUBLISHED))).all()
    shown = status == SHOWN
    assert (values[shown] == truth[shown]).all()
    assert np.isnan(values[~shown]).all()


def test_lone_small_cell_gets_a_complement_in_row_and_column() -> None:
    table = pd.DataFrame({"a": [3, 40, 20], "b": [20, 50, 60]}, index=["x", "y", "z"])
    protected = protect_table(table, 5)
    assert protected.cell_status.to_dict("index") == {
        "x": {"a": SMALL, "b": COMPLEMENT},
        "y": {"a": SHOWN, "b": SHOWN},
        "z": {"a": COMPLEMENT, "b": COMPLEMENT},
    }
    assert protected.row_totals.tolist() == [23, 90, 80]
    assert protected.col_totals.tolist() == [63, 130]


def test_nothing_small_nothing_hidden() -> None:
    table = pd.DataFrame({"a": [0, 40], "b": [20, 5]})
    protected = protect_table(table, 5)
    assert (protected.status == SHOWN).all().all()
    assert protected.values.loc["total", "total"] == 65


def test_min_cell_one_disables_suppression() -> None:
    protected = protect_table(pd.DataFrame({"a": [1, 2]}), 1)
    assert protected.cells["a"].tolist() == [1, 2]


def test_list_with_published_total() -> None:
    protected = protect_counts(pd.Series([3, 100, 7, 0], name="jumlah_kpm"), 5)
    cells = protected.cells["jumlah_kpm"]
    assert cells.isna().tolist() == [True, False, True, False]
    assert protected.cell_status["jumlah_kpm"].tolist() == [SMALL, SHOWN, COMPLEMENT, SHOWN]
    assert protected.values.loc["total", "jumlah_kpm"] == 110


def test_list_without_total_hides_only_small() -> None:
    protected = protect_counts(pd.Series([3, 100, 7]), 5, total_published=False)
    assert protected.cells.iloc[:, 0].isna().tolist() == [True, False, False]


@pytest.mark.parametrize(
    "table",
    [pd.DataFrame(), pd.DataFrame({"a": [-1, 2]}), pd.DataFrame({"total": [1, 2]})],
)
def test_invalid_input(table: pd.DataFrame) -> None:
    with pytest.raises(ValueError):
        protect_table(table, 5)
