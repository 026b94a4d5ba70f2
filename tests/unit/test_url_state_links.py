"""Reading link values (cc_analytics.links): codes, aliases, numbers, safe echoes, wilayah choices."""

from __future__ import annotations

import pytest

from cc_analytics import links


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-S1", "2025-S1"),
        (" 2025-s1 ", "2025-S1"),
        ("Semester I 2025", "2025-S1"),
        ("semester i 2025", "2025-S1"),
        ("2025-S2", None),
        ("", None),
        (None, None),
    ],
)
def test_option_texts_and_aliases(raw: str | None, expected: str | None) -> None:
    lookup = links.option_lookup(["2025-S1", "2024-S2"], {"Semester I 2025": "2025-S1", "Lama": "1999-S1"})
    assert links.resolve_option(raw, lookup) == expected


def test_alias_to_an_unknown_option_is_ignored_and_codes_win() -> None:
    lookup = links.option_lookup(["a", "b"], {"x": "zzz", "b": "a"})
    assert links.resolve_option("x", lookup) is None
    assert links.resolve_option("b", lookup) == "b"


def test_numeric_options_are_matched_by_their_text() -> None:
    lookup = links.option_lookup([1, 2, 3, 4])
    assert links.resolve_option("3", lookup) == 3
    assert links.resolve_option("9", lookup) is None


@pytest.mark.parametrize(
    ("raw", "integer", "value", "clamped"),
    [
        ("5", True, 5, False),
        ("5.4", True, 5, False),
        ("99", True, 10, True),
        ("-3", True, 1, True),
        ("0,5", False, 0.5, False),
        ("abc", True, None, False),
        ("nan", False, None, False),
        ("inf", False, None, False),
        (None, True, None, False),
    ],
)
def test_numbers(raw: str | None, integer: bool, value: float | None, clamped: bool) -> None:
    choice = links.resolve_number(raw, 1 if integer else 0.0, 10 if integer else 1.0, integer=integer)
    assert choice.value == value
    assert choice.clamped is clamped
    if integer and value is not None:
        assert isinstance(choice.value, int)


def test_shown_value_never_echoes_an_identity_number_or_markup() -> None:
    assert links.shown_value("3514010101800001") == "…"
    assert links.shown_value("bangil") == "bangil"
    assert links.shown_value("<b>x</b>*") == "bx/b"
    assert links.shown_value("a" * 60) == "a" * 40 + "…"


def test_to_text_and_query_string() -> None:
    assert links.to_text(5.0) == "5"
    assert links.to_text(0.5) == "0.5"
    assert links.to_text("35.14.14") == "35.14.14"
    query = links.query_string([("periode", "2025-S1"), ("kec", "35.14.14"), ("desa", "semua")])
    assert query == "periode=2025-S1&kec=35.14.14&desa=semua"


def test_kecamatan_choices_accept_code_slug_name_and_digits() -> None:
    options = links.kecamatan_options()
    assert options[0] == links.SEMUA
    assert len(options) == 25
    lookup = links.option_lookup(options, links.kecamatan_aliases())
    for raw in ("35.14.14", "bangil", "Bangil", "BANGIL", "351414"):
        assert links.resolve_option(raw, lookup) == "35.14.14"
    assert links.resolve_option("gondangwetan", lookup) == "35.14.18"
    for raw in ("Gondang Wetan", "gondang-wetan", "GONDANG_WETAN", " Gondang  Wetan "):
        assert links.resolve_option(raw, lookup) == "35.14.18"
    assert links.resolve_option("35.14.99", lookup) is None


def test_every_wilayah_name_folds_to_one_option_only() -> None:
    """Ignoring case, spaces and hyphens must not make two kecamatan, or two desa of one kecamatan, the same."""
    groups = [links.kecamatan_aliases()] + [links.desa_aliases(kode) for kode in links.kecamatan_options()[1:]]
    for aliases in groups:
        codes_of: dict[str, set[str]] = {}
        for text, kode in aliases.items():
            codes_of.setdefault(links._fold(text), set()).add(kode)
        assert {text: codes for text, codes in codes_of.items() if len(codes) > 1} == {}


def test_desa_choices_are_those_of_the_kecamatan() -> None:
    options = links.desa_options("35.14.14")
    assert options[0] == links.SEMUA
    assert "35.14.14.1001" in options
    assert all(o == links.SEMUA or o.startswith("35.14.14.") for o in options)
    assert links.desa_options("semua") == (links.SEMUA,)
    lookup = links.option_lookup(options, links.desa_aliases("35.14.14"))
    assert links.resolve_option("3514141001", lookup) == "35.14.14.1001"
    assert links.resolve_option("kolursari", lookup) == "35.14.14.1001"
    assert links.resolve_option("35.14.01.2001", lookup) is None


def test_kecamatan_of_desa() -> None:
    assert links.kecamatan_of_desa("35.14.14.1001") == "35.14.14"
    assert links.kecamatan_of_desa("3514012001") == "35.14.01"
    assert links.kecamatan_of_desa("35.14.99.9999") is None
    assert links.kecamatan_of_desa("bangil") is None
    assert links.kecamatan_of_desa(None) is None


def test_wilayah_names_mark_kelurahan() -> None:
    names = links.wilayah_names()
    assert names["35.14.14"] == "Bangil"
    assert names["35.14.14.1001"] == "Kolursari (kel.)"
    assert names["35.14.01.2001"] == "Gerbo"


@pytest.mark.parametrize(
    "raw",
    [
        "3514-0113-0971-0001",
        "3514_0113_0971_0001",
        "NIK 351401/130971/0001",
        "３５１４０１１３０９７１０００１",
        "3514 0113 0971 0001",
        "35140113097",
    ],
)
def test_shown_value_never_echoes_a_separated_identity_number(raw: str) -> None:
    assert links.shown_value(raw) == "…"


def test_shown_value_still_echoes_codes() -> None:
    assert links.shown_value("35.14.01.2001") == "35.14.01.2001"
    assert links.shown_value("3514012001") == "3514012001"
