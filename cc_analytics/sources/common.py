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
    """One check: ``bad`` is SQL true when the row fails; ``reason`` is SQL giving the Indonesian text."""

    column: str
    bad: str
    reason: str


@dataclass(frozen=True)
class Rule:
    """Parsed columns, checks in order, and an optional key whose later repeats are rejected."""

    parsed: dict[str, str]
    checks: tuple[Check, ...]
    unique_key: str | None = None
    unique_reason: str = ""


def nik(column: str) -> str:
    """SQL: the trimmed value when it is exactly 16 digits, else NULL."""
    return f"CASE WHEN regexp_full_match(trim({column}), '[0-9]{{16}}') THEN trim({column}) END"


def nik_reason(column: str, label: str) -> str:
    """SQL: why a NIK/KK value is not 16 digits (empty, Excel scientific notation, or digit count)."""
    return (
        f"CASE WHEN {column} IS NULL OR trim({column}) = '' THEN '{label} kosong' "
        f"WHEN regexp_matches({column}, '[eE][+]') THEN '{label} dalam notasi ilmiah (rusak oleh Excel): "
        "digit sudah hilang, tidak bisa diperbaiki; ambil ulang dari sumber' "
        f"ELSE '{label} harus 16 digit angka (ditemukan ' || length(regexp_replace({column}, '[^0-9]', '', 'g')) "
        "|| ' digit)' END"
    )


def nik_check(column: str, parsed: str, label: str) -> Check:
    """Check that the parsed NIK/KK ``parsed`` of raw column ``column`` exists."""
    return Check(column, f"{parsed} IS NULL", nik_reason(column, label))


def date(column: str) -> str:
    """SQL: a date from dd-mm-yyyy, dd/mm/yyyy or yyyy-mm-dd text, else NULL."""
    return f"CAST(try_strptime(trim({column}), ['%d-%m-%Y', '%d/%m/%Y', '%Y-%m-%d']) AS DATE)"


def integer(column: str) -> str:
    """SQL: a whole number from text, NULL when empty or not a number."""
    return f"try_cast(nullif(trim({column}), '') AS BIGINT)"


def kode_desa(column: str) -> str:
    """SQL: the dotted 10-digit desa code from a dotted or plain code, else NULL."""
    digits = f"regexp_replace(coalesce({column}, ''), '[^0-9]', '', 'g')"
    return (
        f"CASE WHEN length({digits}) = 10 THEN substr({digits}, 1, 2) || '.' || substr({digits}, 3, 2) || '.' "
        f"|| substr({digits}, 5, 2) || '.' || substr({digits}, 7, 4) END"
    )


IN_WILAYAH = "kode_desa IN (SELECT kode FROM ref_desa)"
DESA_REASON = "'kode desa/kelurahan tidak ada dalam referensi wilayah 35.14'"
