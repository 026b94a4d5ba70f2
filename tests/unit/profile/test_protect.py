"""Suppression of the profile's numbers across kabupaten, kecamatan and desa (cc_analytics.profile.protect,
cc_analytics.profile.counts)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cc_analytics.nested_suppression import protect_nested
from cc_analytics.privacy import COMPLEMENT, SHOWN, SMALL
from cc_analytics.profile.counts import _nested
from cc_analytics.profile.protect import protect_levels

A, B = "35.14.01", "35.14.02"


def _cells() -> tuple[pd.DataFrame, pd.Series]:
    """Kecamatan A: x = 1 + 2 = 3 (small); kecamatan B: x = 20 + 20, y = 30 + 50 (nothing small)."""
    index = ["35.14.01.2001", "35.14.01.2002", "35.14.02.2001", "35.14.02.2002"]
    cells = pd.DataFrame({"x": [1, 2, 20, 20], "y": [10, 12, 30, 50]}, index=index)
    return cells, pd.Series([A, A, B, B], index=index)


def test_kabupaten_and_kecamatan_levels() -> None:
    cells, kecamatan_of = _cells()
    out = protect_levels(cells, kecamatan_of, 5, kecamatan=None)
    # A's x (3) is small; with kecamatan and kabupaten totals published the whole A/B × x/y rectangle hides
    assert out.kecamatan_status.loc[A, "x"] == SMALL
    assert (out.kecamatan_status.loc[[A, B], ["x", "y"]] != SHOWN).all().all()
    assert out.kabupaten["value"].tolist() == [43, 102]
    assert out.desa_values.empty


def test_desa_level_hides_under_a_hidden_kecamatan_cell() -> None:
    """B's x and y are hidden at kecamatan level although B's desa hold no small count: the closing rule hides
    the smallest desa value under each (b1's 20 and 30), so B's cells are not the sum of shown desa values,
    and each desa row keeps 0 or 2 hidden values."""
    cells, kecamatan_of = _cells()
    out = protect_levels(cells, kecamatan_of, 5, kecamatan=B)
    status = out.desa_status
    assert status.loc["35.14.02.2001"].tolist() == [COMPLEMENT, COMPLEMENT]
    assert status.loc["35.14.02.2002"].tolist() == [SHOWN, SHOWN]
    assert out.desa_values.loc["35.14.02.2002"].tolist() == [20, 50]
    assert out.desa_values.loc["35.14.02.2001"].isna().all()


def test_small_desa_cells_of_a_kecamatan() -> None:
    cells, kecamatan_of = _cells()
    out = protect_levels(cells, kecamatan_of, 5, kecamatan=A)
    assert out.desa_status.loc["35.14.01.2001", "x"] == SMALL
    assert out.desa_status.loc["35.14.01.2002", "x"] == SMALL
    assert out.desa_values.loc[:, "x"].isna().all()


def test_without_row_totals_only_columns_matter() -> None:
    cells, kecamatan_of = _cells()
    cells.loc["35.14.02.2001", "y"] = 3  # small, its column total (B's y) published
    out = protect_levels(cells, kecamatan_of, 5, kecamatan=B, row_totals=False)
    hidden = out.desa_status != SHOWN
    assert hidden.loc[:, "y"].sum() >= 2


def test_rejects_misaligned_input() -> None:
    cells, kecamatan_of = _cells()
    with pytest.raises(ValueError):
        protect_levels(cells, kecamatan_of.iloc[:2], 5, kecamatan=None)


def _hidden_lines_ok(status: pd.DataFrame, values: pd.DataFrame, parent_hidden: pd.Series) -> bool:
    """Every published line with a non-zero total has 0 or at least 2 hidden values, and a column whose
    kecamatan value is hidden has at least one. (A line of zeros is known from its total of 0 and the fact that
    counts are not negative; hiding more cannot change that.)"""
    hidden = status != SHOWN
    rows = [i for i in hidden.index if values.loc[i].sum() > 0]
    columns = [c for c in hidden.columns if values[c].sum() > 0]
    rows_ok = all(hidden.loc[i].sum() != 1 for i in rows)
    cols_ok = all((hidden[c].sum() >= 1) if parent_hidden[c] else (hidden[c].sum() != 1) for c in columns)
    return rows_ok and cols_ok


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.integers(min_value=0, max_value=30), min_size=3, max_size=3), min_size=6, max_size=6))
def test_no_published_line_has_exactly_one_hidden_value(rows: list[list[int]]) -> None:
    index = [f"35.14.01.20{i:02d}" for i in range(3)] + [f"35.14.02.20{i:02d}" for i in range(3)]
    cells = pd.DataFrame(rows, index=index, columns=["p", "q", "r"])
    kecamatan_of = pd.Series([A] * 3 + [B] * 3, index=index)
    for kode in (A, B):
        out = protect_levels(cells, kecamatan_of, 5, kecamatan=kode)
        parent_hidden = out.kecamatan_status.loc[kode] != SHOWN
        assert _hidden_lines_ok(out.desa_status, cells[kecamatan_of == kode], parent_hidden)
        small = (cells[kecamatan_of == kode] > 0) & (cells[kecamatan_of == kode] < 5)
        assert (out.desa_status[small] == SMALL).sum().sum() == small.sum().sum()


def test_quick_path_matches_protect_nested_when_nothing_is_small() -> None:
    index = [f"35.14.01.20{i:02d}" for i in range(4)] + [f"35.14.02.20{i:02d}" for i in range(3)]
    counts = pd.Series([10, 0, 25, 7, 100, 50, 5], index=index, dtype="int64")
    kecamatan_of = pd.Series([A] * 4 + [B] * 3, index=index)
    quick, full = _nested(counts, kecamatan_of, 5), protect_nested(counts, kecamatan_of, 5)
    pd.testing.assert_frame_equal(quick.kecamatan, full.kecamatan, check_dtype=False)
    pd.testing.assert_frame_equal(quick.desa, full.desa, check_dtype=False)
    assert (quick.desa["status"] == SHOWN).all()
    small = counts.copy()
    small.iloc[0] = 3
    assert _nested(small, kecamatan_of, 5).desa["status"].iloc[0] == SMALL
    assert pd.isna(_nested(small, kecamatan_of, 5).desa["value"].iloc[0])
