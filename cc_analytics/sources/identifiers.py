"""The NIK/KK number check of every source, with a reason that says what is really wrong with the value.

:func:`cc_analytics.sources.common.nik_reason` counts the digits of a value; a value of 16 digits with a
NUL byte, a dash or a letter among them was then told it "must have 16 digits (found 16)". Here a value
that holds anything but digits (leading and trailing spaces aside) is told so first.
"""

from __future__ import annotations

from cc_analytics.sources.common import Check, nik_reason


def nik_value_reason(column: str, label: str) -> str:
    """SQL: why a NIK/KK value is not 16 digits, naming characters other than digits when there are any."""
    value = f"trim({column})"
    digits = f"length(regexp_replace({value}, '[^0-9]', '', 'g'))"
    others = f"length({value}) - {digits}"
    return (
        f"CASE WHEN {column} IS NOT NULL AND {others} > 0 AND NOT regexp_matches({column}, '[eE][+]') "
        f"THEN '{label} berisi karakter bukan angka (' || {digits} || ' digit dan ' || ({others}) "
        f"|| ' karakter lain); harus 16 digit angka saja' ELSE {nik_reason(column, label)} END"
    )


def nik_check(column: str, parsed: str, label: str) -> Check:
    """Check that the parsed NIK/KK ``parsed`` of raw column ``column`` exists (16 digits)."""
    return Check(column, f"{parsed} IS NULL", nik_value_reason(column, label))
