"""Indonesian formatting of numbers, percentages, Rupiah, dates and changes (Babel, locale ``id_ID``).

Conventions used on every screen:

- counts: ``1.634.022`` (dot as thousands separator);
- shares are ratios 0–1 in code and percentages on screen: ``0.0863`` → ``8,6%`` (one decimal by default);
- changes of counts are relative (``naik 0,6%``), changes of shares are differences in percentage points
  (``naik 1,2 poin persen``);
- a suppressed count (``None`` / ``pd.NA``) is shown as ``<5`` when it is small and ``•`` when it was hidden
  only to protect another cell (see :mod:`cc_analytics.privacy`).
"""

from __future__ import annotations

import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd
from babel.dates import format_date as _babel_date
from babel.numbers import format_currency as _babel_currency
from babel.numbers import format_decimal as _babel_decimal

from cc_analytics import texts
from cc_analytics.periods import parse_periode

LOCALE = "id_ID"


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def _round_half_up(value: float, decimals: int) -> Decimal:
    """Round as people do on paper (0,05 → 0,1), not to even as Babel and ``round`` do."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def is_missing(value: Any) -> bool:
    """True for ``None``, ``pd.NA`` and NaN: values that have no number to show."""
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def format_number(value: float, decimals: int = 0) -> str:
    """A number with Indonesian separators: ``1634022`` → ``1.634.022``; ``12.5, 1`` → ``12,5``.

    A value that is not a finite number (NaN, infinity: e.g. a share of a total of 0) is shown as ``—``.
    """
    if not math.isfinite(value):
        return texts.NO_NUMBER
    return _babel_decimal(_round_half_up(value, decimals), format=_pattern(decimals), locale=LOCALE)


def format_percent(ratio: float, decimals: int = 1) -> str:
    """A ratio (0–1) as a percentage: ``0.0863`` → ``8,6%``; with ``decimals=2`` → ``8,63%`` (``—`` when not finite)."""
    if not math.isfinite(ratio):
        return texts.NO_NUMBER
    return format_number(ratio * 100, decimals) + "%"


def format_rupiah(amount: float) -> str:
    """Whole Rupiah: ``2400000`` → ``Rp2.400.000``."""
    return _babel_currency(_round_half_up(amount, 0), "IDR", format="¤#,##0", currency_digits=False, locale=LOCALE)


def format_date_long(value: date) -> str:
    """Long Indonesian date: ``date(2025, 12, 31)`` → ``31 Desember 2025``."""
    return _babel_date(value, format="long", locale=LOCALE)


def format_periode(label: str) -> str:
    """Display name of a semester label: ``2025-S2`` → ``Semester II 2025``."""
    return parse_periode(label).nama


def format_count(value: int | None, min_cell: int, *, is_small: bool | None = None) -> str:
    """A count that may have been suppressed.

    Args:
        value: the count, or ``None``/``pd.NA`` when suppressed.
        min_cell: the suppression threshold (counts below it are small).
        is_small: for a suppressed value, whether it was suppressed for being small (``<5``) or only to
            protect another cell (``•``). ``None`` treats every suppressed value as small.

    Returns:
        ``1.234``, ``<5`` or ``•``.
    """
    if not is_missing(value):
        return format_number(int(value))  # type: ignore[arg-type]
    if is_small is False:
        return texts.SUPPRESSED_COMPLEMENT
    return texts.SUPPRESSED_SMALL.format(min_cell=min_cell)


def _rounds_to_zero(value: float, decimals: int) -> bool:
    return _round_half_up(abs(value), decimals) == 0


def format_signed_percent(change: float, decimals: int = 1) -> str:
    """A relative change with its sign, for metric deltas: ``0.006`` → ``+0,6%``, ``-0.012`` → ``-1,2%``.

    A change that rounds to zero is shown as ``0,0%`` without a sign.
    """
    if not math.isfinite(change):
        return texts.NO_NUMBER
    pct = change * 100
    if _rounds_to_zero(pct, decimals):
        return format_number(0, decimals) + "%"
    sign = "+" if pct > 0 else "-"
    return sign + format_number(abs(pct), decimals) + "%"


def format_signed_points(difference: float, decimals: int = 1) -> str:
    """A difference of two shares (ratios) in percentage points: ``0.012`` → ``+1,2 poin``."""
    if not math.isfinite(difference):
        return texts.NO_NUMBER
    points = difference * 100
    if _rounds_to_zero(points, decimals):
        return f"{format_number(0, decimals)} {texts.POIN}"
    sign = "+" if points > 0 else "-"
    return f"{sign}{format_number(abs(points), decimals)} {texts.POIN}"


def _describe(ratio: float, decimals: int, unit: str) -> str:
    """``naik``/``turun`` and the size of ``ratio`` × 100 with ``unit``; ``tetap`` when exactly zero, ``relatif
    tetap`` when it rounds to zero, a dash when not a number."""
    if not math.isfinite(ratio):
        return texts.NO_NUMBER
    if ratio == 0:
        return texts.TETAP
    scaled = ratio * 100
    if _rounds_to_zero(scaled, decimals):
        return texts.RELATIF_TETAP
    word = texts.NAIK if scaled > 0 else texts.TURUN
    return f"{word} {format_number(abs(scaled), decimals)}{unit}"


def describe_change(change: float, decimals: int = 1) -> str:
    """A relative change in words: ``0.006`` → ``naik 0,6%``, ``-0.012`` → ``turun 1,2%``.

    Exactly zero gives ``tetap``; a non-zero change that rounds to zero gives ``relatif tetap``.
    """
    return _describe(change, decimals, "%")


def describe_points(difference: float, decimals: int = 1) -> str:
    """A difference of two shares in words: ``0.012`` → ``naik 1,2 poin persen`` (zero as in
    :func:`describe_change`)."""
    return _describe(difference, decimals, f" {texts.POIN_PERSEN}")
