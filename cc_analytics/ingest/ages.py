"""Ages on a given day as comparisons of birth dates with fixed days.

Someone born on day ``d`` is at least ``n`` full years old on ``as_of`` exactly when ``d`` is on or before
the same calendar day ``n`` years earlier (28 February when that day is 29 February of a non-leap year).
Comparing a date column with a constant is much cheaper than working out every age with calendar
arithmetic, and it gives the same answer as ``date_sub('year', d, as_of)`` for any birth date on or before
``as_of`` and any ``as_of`` that is not 28 February (the ingest uses the last day of a semester).
"""

from __future__ import annotations

from datetime import date

# Five-year age groups 0 (00-04) to 15 (75+).
LAST_AGE_GROUP = 15


def years_before(as_of: date, years: int) -> date:
    """The same calendar day ``years`` years before ``as_of`` (29 February becomes 28 February)."""
    try:
        return as_of.replace(year=as_of.year - years)
    except ValueError:
        return as_of.replace(year=as_of.year - years, day=28)


def at_least_sql(column: str, years: int, as_of: date) -> str:
    """SQL: whether someone born on the date ``column`` is at least ``years`` full years old on ``as_of``."""
    return f"{column} <= DATE '{years_before(as_of, years).isoformat()}'"


def age_group_sql(column: str, as_of: date) -> str:
    """SQL: the five-year age group number (``least(age // 5, 15)``) on ``as_of`` of a birth date ``column``."""
    cases = " ".join(
        f"WHEN {at_least_sql(column, 5 * group, as_of)} THEN {group}" for group in range(LAST_AGE_GROUP, 0, -1)
    )
    return f"CASE WHEN {column} IS NULL THEN NULL {cases} ELSE 0 END"
