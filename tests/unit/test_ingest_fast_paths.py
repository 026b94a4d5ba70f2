"""The ingest's fast SQL paths give exactly the answers of their plain definitions."""

from __future__ import annotations

import random
from datetime import date

import duckdb
import pytest

from cc_analytics.ingest.ages import age_group_sql, at_least_sql, years_before
from cc_analytics.sources.common import nik

# The plain definition: the trimmed value is exactly 16 digits.
PLAIN_NIK = "CASE WHEN regexp_full_match(trim(x), '[0-9]{16}') THEN CAST(trim(x) AS UBIGINT) END"

EDGE_CASES = [
    "3514011107890001",
    "3514011107890010",  # ends in 0: the full check
    " 3514011107890001",
    "3514011107890001 ",
    "3.5140111078E+15",  # exponent notation: 16 characters, a 16-digit number
    "35140111078900E1",
    "3514011107890E+3",
    "0x0C7D5E4F3A2B1C",  # hexadecimal: DuckDB reads it as a 16-digit number
    "0X0C7D5E4F3A2B1D",
    "+351401110789000",
    "351401110789000",
    "35140111078900012",
    "3514_01110789000",
    "351401110789000.",
    "35140111078900.6",
    "0351401110789000",
    "1000000000000000",
    "9999999999999999",
    "0000000000000000",
    "3514O11107890001",
    "٣٥١٤٠١١١٠٧٨٩٠٠٠١",
    "",
    None,
]


def random_values(count: int) -> list[str]:
    rng = random.Random(35014)
    values = []
    for _ in range(count):
        text = "".join(rng.choice("0123456789") for _ in range(rng.choice([15, 16, 16, 16, 17])))
        for _ in range(rng.choice([0, 1, 1, 2])):
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice("0123456789 .eE+-xXb_,") + text[at + 1 :]
        values.append(text)
    return values


def test_nik_fast_path_equals_the_plain_definition():
    con = duckdb.connect()
    con.execute("CREATE TABLE v AS SELECT unnest(?) AS x", [EDGE_CASES + random_values(50_000)])
    differing = con.execute(f"SELECT x FROM v WHERE ({nik('x')}) IS DISTINCT FROM ({PLAIN_NIK})").fetchall()
    assert differing == []
    accepted = con.execute(f"SELECT count(*) FROM v WHERE ({nik('x')}) IS NOT NULL").fetchone()[0]
    assert accepted > 1000  # the random values do exercise both answers


@pytest.mark.parametrize(
    "as_of", [date(2025, 6, 30), date(2025, 12, 31), date(2024, 6, 30), date(2024, 12, 31), date(2024, 2, 29)]
)
def test_age_groups_and_limits_equal_calendar_ages(as_of):
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE d AS SELECT CAST(unnest(generate_series(DATE '1890-01-01', CAST(? AS DATE), INTERVAL 1 DAY)) "
        "AS DATE) AS tgl_lhr",
        [as_of],
    )
    age = f"date_sub('year', tgl_lhr, DATE '{as_of.isoformat()}')"
    groups = con.execute(
        f"SELECT count(*) FROM d WHERE ({age_group_sql('tgl_lhr', as_of)}) <> least({age} // 5, 15)"
    ).fetchone()[0]
    assert groups == 0
    limits = " OR ".join(f"({at_least_sql('tgl_lhr', n, as_of)}) <> ({age} >= {n})" for n in (0, 1, 6, 13, 70, 100))
    assert con.execute(f"SELECT count(*) FROM d WHERE {limits}").fetchone()[0] == 0


def test_years_before_a_leap_day():
    assert years_before(date(2024, 2, 29), 1) == date(2023, 2, 28)
    assert years_before(date(2024, 2, 29), 4) == date(2020, 2, 29)
    assert years_before(date(2025, 6, 30), 70) == date(1955, 6, 30)
