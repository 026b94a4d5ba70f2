"""What the list of rejected rows keeps of an offending value: SQL built from the schema's allow-list.

Each raw column declares what of its value may be shown (:class:`cc_analytics.schema.Shown`): a code, date or
number as it is when it has the expected shape, an identity number only masked to its last four digits, a name
never. Everything else is replaced by its shape (``[19 karakter: 16 angka, 3 tanda lain]``), so a NIK written
with dashes, in full-width digits or in the wrong column, or a name in a shifted row, is never stored.
"""

from __future__ import annotations

from cc_analytics.schema import RAW_SOURCES, Shown, shown_rule

SHAPE_MAX_LENGTH = 10_000


def _rules_by_column() -> dict[str, Shown]:
    """The allow-list of every raw column name; a name used by several sources must declare the same."""
    rules: dict[str, Shown] = {}
    for source in RAW_SOURCES.values():
        for field in source.fields:
            rule = shown_rule(field)
            if rules.setdefault(field.name, rule) != rule:
                raise ValueError(f"kolom {field.name} punya aturan tampil yang berbeda antar-sumber")
    return rules


RULES_BY_COLUMN = _rules_by_column()


def _count_sql(value: str, klass: str) -> str:
    return f"length(regexp_replace({value}, '[^{klass}]', '', 'g'))"


def shape_sql(value: str) -> str:
    """SQL: the shape of a text ``value`` without any of its characters, e.g. ``[16 karakter: 14 angka, 2 huruf]``.

    Digits and letters of every script count (full-width digits are digits); NULL or empty stays as it is.
    """
    digits = _count_sql(value, r"\p{Nd}")
    letters = _count_sql(value, r"\p{L}")
    others = f"(length({value}) - {digits} - {letters})"
    parts = ", ".join(
        f"CASE WHEN {count} > 0 THEN {count} || ' {label}' END"
        for count, label in ((digits, "angka"), (letters, "huruf"), (others, "tanda lain"))
    )
    return (
        f"CASE WHEN {value} IS NULL OR {value} = '' THEN {value} "
        f"ELSE '[' || length({value}) || ' karakter: ' || concat_ws(', ', {parts}) || ']' END"
    )


def _masked_sql(value: str) -> str:
    """SQL: an all-digit value as stars and its last four digits (four digits or fewer as they are)."""
    return (
        f"CASE WHEN regexp_full_match({value}, '[0-9]{{1,4}}') THEN {value} "
        f"WHEN regexp_full_match({value}, '[0-9]+') THEN repeat('*', length({value}) - 4) || right({value}, 4) "
        f"ELSE {shape_sql(value)} END"
    )


def _as_is_sql(value: str, rule: Shown) -> str:
    """SQL: the value when it fully matches the rule's pattern with few enough digits, else its shape."""
    pattern = rule.pattern.replace("'", "''")
    return (
        f"CASE WHEN regexp_full_match({value}, '(?:{pattern})') "
        f"AND {_count_sql(value, '0-9')} <= {rule.max_digits} THEN {value} ELSE {shape_sql(value)} END"
    )


def shown_value_sql(column: str, value: str) -> str:
    """SQL: what the list of rejected rows keeps of ``value``, an offending value of raw column ``column``.

    Args:
        column: the raw column the check is about (its schema name, e.g. ``NIK``); a column the schema does
            not know shows only the shape.
        value: SQL giving the text value (a raw column, or a parsed value cast to text).

    Returns:
        SQL of a ``VARCHAR``: the value, its masked form or its shape as the column's :class:`Shown` allows;
        NULL for names.
    """
    rule = RULES_BY_COLUMN.get(column, Shown("as_is"))
    text = f"left(trim(CAST({value} AS VARCHAR)), {SHAPE_MAX_LENGTH})"
    if rule.kind == "never":
        return "CAST(NULL AS VARCHAR)"
    if rule.kind == "masked":
        return _masked_sql(text)
    return _as_is_sql(text, rule)


# What this module itself writes: a masked number or a shape (counts of at most five digits each).
_MASKED_FORM = r"\*+[0-9]{4}"
_SHAPE_FORM = r"\[[0-9]{1,5} karakter: [0-9]{1,5} [a-z]+( [a-z]+)?(, [0-9]{1,5} [a-z]+( [a-z]+)?){0,2}\]"


def _stored_sql(value: str, rule: Shown) -> str:
    """SQL: a stored value when it is what :func:`shown_value_sql` writes for ``rule``, else its shape."""
    if rule.kind == "never":
        return "CAST(NULL AS VARCHAR)"
    kept = f"regexp_full_match({value}, '(?:{_SHAPE_FORM})')"
    if rule.kind == "masked":
        kept += f" OR regexp_full_match({value}, '(?:{_MASKED_FORM}|[0-9]{{1,4}})')"
    else:
        pattern = rule.pattern.replace("'", "''")
        kept += f" OR (regexp_full_match({value}, '(?:{pattern})') AND {_count_sql(value, '0-9')} <= {rule.max_digits})"
    return f"CASE WHEN {value} IS NULL OR {value} = '' OR {kept} THEN {value} ELSE {shape_sql(value)} END"


def stored_value_sql(column: str, value: str) -> str:
    """SQL: a value read back from a list of rejected rows, checked again against its column's allow-list.

    Marts built before the allow-list may hold values it does not allow (a NIK with dashes, a name): those are
    shown only as their shape. Values written under the allow-list pass unchanged.

    Args:
        column: SQL giving the raw column name of each row (e.g. the ``kolom`` column).
        value: SQL giving the stored text value (e.g. the ``nilai`` column).
    """
    cases = " ".join(f"WHEN '{name}' THEN {_stored_sql(value, rule)}" for name, rule in sorted(RULES_BY_COLUMN.items()))
    return f"CASE {column} {cases} ELSE {_stored_sql(value, Shown('as_is'))} END"
