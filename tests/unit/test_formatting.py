"""Indonesian formatting: input → expected text."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from cc_analytics import formatting as fmt


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1634022, 0, "1.634.022"),
        (0, 0, "0"),
        (999, 0, "999"),
        (12.5, 1, "12,5"),
        (0.05, 1, "0,1"),  # half up, as on paper
        (2.5, 0, "3"),
        (-1234.5, 1, "-1.234,5"),
    ],
)
def test_format_number(value: float, decimals: int, expected: str) -> None:
    assert fmt.format_number(value, decimals) == expected


@pytest.mark.parametrize(
    ("ratio", "decimals", "expected"),
    [(0.0863, 2, "8,63%"), (0.0863, 1, "8,6%"), (0.45, 1, "45,0%"), (1.0, 0, "100%"), (1 / 3, 1, "33,3%")],
)
def test_format_percent(ratio: float, decimals: int, expected: str) -> None:
    assert fmt.format_percent(ratio, decimals) == expected


@pytest.mark.parametrize(("amount", "expected"), [(2_400_000, "Rp2.400.000"), (750_000.5, "Rp750.001"), (0, "Rp0")])
def test_format_rupiah(amount: float, expected: str) -> None:
    assert fmt.format_rupiah(amount) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2025, 12, 31), "31 Desember 2025"),
        (date(2025, 6, 30), "30 Juni 2025"),
        (date(2025, 4, 17), "17 April 2025"),
    ],
)
def test_format_date_long(value: date, expected: str) -> None:
    assert fmt.format_date_long(value) == expected


@pytest.mark.parametrize(("label", "expected"), [("2025-S1", "Semester I 2025"), ("2025-S2", "Semester II 2025")])
def test_format_periode(label: str, expected: str) -> None:
    assert fmt.format_periode(label) == expected


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (0.006, "naik 0,6%"),
        (-0.012, "turun 1,2%"),
        (0.0, "tetap"),
        (0.0001, "relatif tetap"),
        (-0.25, "turun 25,0%"),
    ],
)
def test_describe_change(change: float, expected: str) -> None:
    assert fmt.describe_change(change) == expected


@pytest.mark.parametrize(
    ("difference", "expected"),
    [(0.05, "naik 5,0 poin persen"), (-0.012, "turun 1,2 poin persen"), (0.0, "tetap"), (0.0002, "relatif tetap")],
)
def test_describe_points(difference: float, expected: str) -> None:
    assert fmt.describe_points(difference) == expected


@pytest.mark.parametrize(
    ("change", "expected"),
    [(0.006, "+0,6%"), (-0.012, "-1,2%"), (0.0001, "0,0%"), (0.1, "+10,0%")],
)
def test_format_signed_percent(change: float, expected: str) -> None:
    # st.metric colours a delta red exactly when it starts with an ASCII minus.
    assert fmt.format_signed_percent(change) == expected


@pytest.mark.parametrize(("difference", "expected"), [(0.05, "+5,0 poin"), (-0.012, "-1,2 poin"), (0.0, "0,0 poin")])
def test_format_signed_points(difference: float, expected: str) -> None:
    assert fmt.format_signed_points(difference) == expected


@pytest.mark.parametrize(
    ("value", "is_small", "expected"),
    [(1234, None, "1.234"), (None, None, "<5"), (pd.NA, True, "<5"), (pd.NA, False, "•"), (0, None, "0")],
)
def test_format_count(value: int | None, is_small: bool | None, expected: str) -> None:
    assert fmt.format_count(value, 5, is_small=is_small) == expected


def test_format_count_uses_threshold() -> None:
    assert fmt.format_count(None, 10) == "<10"


@pytest.mark.parametrize(
    ("value", "missing"), [(None, True), (pd.NA, True), (float("nan"), True), (0, False), (1.5, False)]
)
def test_is_missing(value: object, missing: bool) -> None:
    assert fmt.is_missing(value) is missing


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan])
def test_a_value_that_is_not_a_finite_number_is_a_dash(value: float) -> None:
    for text in (
        fmt.format_number(value),
        fmt.format_number(value, 1),
        fmt.format_percent(value),
        fmt.format_signed_percent(value),
        fmt.format_signed_points(value),
        fmt.describe_change(value),
        fmt.describe_points(value),
    ):
        assert text == "—"
