"""Map indicators: values per kecamatan and desa from the hand-made marts (worked out by hand), suppression
nested across the two levels, and areas from real boundary polygons."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cc_analytics import texts
from cc_analytics.config import load_settings
from cc_analytics.errors import DataNotFoundError
from cc_analytics.maps import load_map_boundaries, schematic_boundaries
from cc_analytics.nested_suppression import protect_nested
from cc_analytics.peta import texts as peta_texts
from cc_analytics.peta.area import REGENCY_AREA_KM2, area_km2
from cc_analytics.peta.indicators import (
    INDICATORS,
    INDIKATOR_KEYS,
    VALUE_COLUMNS,
    DensityUnavailableError,
    density_notice,
    drawable_indicators,
    format_value,
    indicator_values,
    level_values,
)
from cc_analytics.privacy import COMPLEMENT, SHOWN, SMALL
from tests.unit.handmade import A, B

SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "pasuruan"
KEC = "35.14.01"
PERIODE = "2025-S1"


def _values(con: duckdb.DuckDBPyConnection, indikator: str, level: str, min_cell: int = 1, **kwargs) -> pd.DataFrame:
    result = indicator_values(con, PERIODE, indikator, level, min_cell=min_cell, **kwargs)
    assert list(result.values.columns) == list(VALUE_COLUMNS)
    return result.values.set_index("kode_wilayah")


# --- Hand-made marts: 2025-S1, desa A and B of kecamatan 35.14.01 (see tests/unit/handmade.py) -------------


def test_penduduk_per_desa_and_kecamatan(handmade_marts: duckdb.DuckDBPyConnection) -> None:
    desa = _values(handmade_marts, "penduduk", "desa")
    assert len(desa) == 365
    assert desa.loc[A, "value"] == 6 and desa.loc[A, "value_label"] == "6"
    assert desa.loc[B, "value"] == 3
    assert desa.loc[A, "nama"] == "Gerbo" and desa.loc[A, "kode_kecamatan"] == KEC
    assert desa["value"].drop([A, B]).eq(0).all()
    kecamatan = _values(handmade_marts, "penduduk", "kecamatan")
    assert len(kecamatan) == 24
    assert kecamatan.loc[KEC, "value"] == 9
    assert kecamatan.loc[KEC, "nama"] == "Purwodadi"


def test_small_penduduk_is_suppressed_with_a_complement(handmade_marts: duckdb.DuckDBPyConnection) -> None:
    # B = 3 is small; the kecamatan total 9 is shown, so A = 6 is hidden too (else 9 - 6 = 3).
    desa = _values(handmade_marts, "penduduk", "desa", min_cell=5)
    assert (desa.loc[B, "status"], desa.loc[B, "value_label"]) == (SMALL, "<5")
    assert (desa.loc[A, "status"], desa.loc[A, "value_label"]) == (COMPLEMENT, texts.SUPPRESSED_COMPLEMENT)
    assert math.isnan(desa.loc[A, "value"]) and math.isnan(desa.loc[B, "value"])
    assert desa.loc["35.14.02.2001", "value_label"] == "0"
    kecamatan = _values(handmade_marts, "penduduk", "kecamatan", min_cell=5)
    assert kecamatan.loc[KEC, "value"] == 9


def test_share_of_families_in_desil_1_4(handmade_marts: duckdb.DuckDBPyConnection) -> None:
    # A: desil 1 and 2 of 3 KK; B: desil 3 and 4 of 2 KK (desil 6 is not counted).
    desa = _values(handmade_marts, "desil_1_4", "desa")
    assert desa.loc[A, "value"] == pytest.approx(2 / 3)
    assert desa.loc[A, "value_label"] == "66,7%"
    assert desa.loc[B, "value_label"] == "100,0%"
    assert desa.loc["35.14.02.2001", "value_label"] == peta_texts.NO_FAMILIES
    kecamatan = _values(handmade_marts, "desil_1_4", "kecamatan")
    assert kecamatan.loc[KEC, "value"] == pytest.approx(4 / 5)


def test_share_is_hidden_when_its_count_is_small(handmade_marts: duckdb.DuckDBPyConnection) -> None:
    desa = _values(handmade_marts, "desil_1_4", "desa", min_cell=5)
    assert desa.loc[A, "value_label"] == peta_texts.HIDDEN_SMALL_RATIO
    kecamatan = _values(handmade_marts, "desil_1_4", "kecamatan", min_cell=5)
    assert kecamatan.loc[KEC, "status"] == SMALL and math.isnan(kecamatan.loc[KEC, "value"])


def test_pkh_coverage_and_gap_use_the_last_tahap(handmade_marts: duckdb.DuckDBPyConnection) -> None:
    # Tahap 2, komponen semua: A has 2 eligible families, 1 of them covered; nobody in B is eligible.
    result = indicator_values(handmade_marts, PERIODE, "cakupan_pkh", "desa", min_cell=1)
    assert result.tahap == (2025, 2)
    desa = result.values.set_index("kode_wilayah")
    assert desa.loc[A, "value_label"] == "50,0%"
    assert desa.loc[B, "value_label"] == peta_texts.NO_ELIGIBLE
    celah = _values(handmade_marts, "celah_pkh", "desa")
    assert (celah.loc[A, "value"], celah.loc[B, "value"]) == (1, 0)
    assert _values(handmade_marts, "celah_pkh", "kecamatan").loc[KEC, "value"] == 1


def test_data_quality_flags(handmade_marts: duckdb.DuckDBPyConnection) -> None:
    # A: one duplicate NIK and one deceased DTSEN member; B: eight flags (see test_ingest_linkage).
    desa = _values(handmade_marts, "kualitas", "desa")
    assert (desa.loc[A, "value"], desa.loc[B, "value"]) == (2, 8)
    hidden = _values(handmade_marts, "kualitas", "desa", min_cell=5)
    assert (hidden.loc[A, "status"], hidden.loc[B, "status"]) == (SMALL, COMPLEMENT)
    assert _values(handmade_marts, "kualitas", "kecamatan", min_cell=5).loc[KEC, "value"] == 10


def test_source_lines_name_the_sources(handmade_marts: duckdb.DuckDBPyConnection) -> None:
    result = indicator_values(handmade_marts, PERIODE, "cakupan_pkh", "kecamatan", min_cell=5)
    assert [key for key, _ in result.source.parts] == ["dtsen", "pkh", "dukcapil"]
    assert not result.source.is_synthetic
    kualitas = indicator_values(handmade_marts, PERIODE, "kualitas", "kecamatan", min_cell=5, is_synthetic=True)
    assert [key for key, _ in kualitas.source.parts] == ["kualitas"] and kualitas.source.is_synthetic


def test_density_uses_given_areas(handmade_marts: duckdb.DuckDBPyConnection) -> None:
    areas = ((A, 2.0), (B, 0.5))
    desa = _values(handmade_marts, "kepadatan", "desa", luas_km2=areas)
    assert desa.loc[A, "value"] == 3.0 and desa.loc[A, "value_label"] == "3,0"
    assert desa.loc[B, "value"] == 6.0
    assert desa.loc["35.14.02.2001", "value_label"] == peta_texts.NO_AREA


def test_density_without_boundaries_is_refused_with_the_regency_figure(
    handmade_marts: duckdb.DuckDBPyConnection,
) -> None:
    with pytest.raises(DensityUnavailableError) as info:
        indicator_values(handmade_marts, PERIODE, "kepadatan", "kecamatan", min_cell=5)
    message = str(info.value)
    assert "batas wilayah" in message and "python -m" not in message and "BERKAS" not in message
    assert "9 jiwa ÷ luas resmi 1.493,161 km²" in message


@pytest.mark.parametrize(
    ("has_areas", "expected"),
    [
        (True, INDIKATOR_KEYS),
        (False, ("penduduk", "desil_1_4", "cakupan_pkh", "celah_pkh", "kualitas")),
    ],
)
def test_density_is_offered_only_where_areas_are_known(has_areas: bool, expected: tuple[str, ...]) -> None:
    assert drawable_indicators(has_areas) == expected


def test_density_notice_names_the_level_and_what_is_shown() -> None:
    notice = density_notice("desa", "penduduk")
    assert "Kepadatan penduduk per desa/kelurahan" in notice and notice.endswith("Ditampilkan Penduduk.")
    assert "python" not in notice


def test_unknown_choices_and_missing_periode_are_user_errors(handmade_marts: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(DataNotFoundError, match="Indikator 'luas' tidak dikenal"):
        indicator_values(handmade_marts, PERIODE, "luas", "desa", min_cell=5)
    with pytest.raises(DataNotFoundError, match="Tingkat wilayah 'rt'"):
        indicator_values(handmade_marts, PERIODE, "penduduk", "rt", min_cell=5)
    with pytest.raises(DataNotFoundError, match="Semester II 2025"):
        indicator_values(handmade_marts, "2025-S2", "penduduk", "desa", min_cell=5)
    with pytest.raises(DataNotFoundError, match="kelayakan PKH"):
        indicator_values(handmade_marts, "2025-S2", "cakupan_pkh", "desa", min_cell=5)


# --- Pure functions on hand-made counts ------------------------------------------------------------------


def _counts(rows: dict[str, dict[str, int]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_dict(rows, orient="index").astype("int64")
    frame.insert(0, "kode_kecamatan", [kode[:8] for kode in frame.index])
    frame.index.name = "kode_desa"
    return frame


def test_coverage_is_hidden_when_the_uncovered_count_is_small() -> None:
    counts = _counts(
        {
            "35.14.01.2001": {"layak": 40, "layak_pkh": 38, "celah": 2},
            "35.14.01.2002": {"layak": 50, "layak_pkh": 20, "celah": 30},
            "35.14.02.2001": {"layak": 60, "layak_pkh": 30, "celah": 30},
        }
    )
    out = level_values(INDICATORS["cakupan_pkh"], counts, "desa", min_cell=5)
    assert out.loc["35.14.01.2001", "status"] == SMALL
    assert out.loc["35.14.01.2002", "status"] == COMPLEMENT
    assert out.loc["35.14.02.2001", "value_label"] == "50,0%"
    kecamatan = level_values(INDICATORS["cakupan_pkh"], counts, "kecamatan", min_cell=5)
    assert kecamatan.loc["35.14.01", "value"] == pytest.approx(58 / 90)
    assert kecamatan.loc["35.14.01", "value_label"] == "64,4%"


@pytest.mark.parametrize(
    ("indikator", "value", "expected"),
    [
        ("penduduk", 1634022, "1.634.022"),
        ("desil_1_4", 0.0863, "8,6%"),
        ("kepadatan", 1094.4, "1.094"),
        ("kepadatan", 56.55, "56,6"),
        ("kualitas", 0, "0"),
    ],
)
def test_format_value(indikator: str, value: float, expected: str) -> None:
    assert format_value(indikator, value) == expected


def test_nested_suppression_known_answer() -> None:
    counts = pd.Series({"35.14.01.2001": 1, "35.14.01.2002": 0, "35.14.02.2001": 3, "35.14.02.2002": 10})
    counts = pd.concat([counts, pd.Series({"35.14.03.2001": 20, "35.14.03.2002": 30})])
    result = protect_nested(counts, pd.Series({k: k[:8] for k in counts.index}), 5)
    # 35.14.01 (total 1) is small; 35.14.02 (13) is its complement among the kecamatan; inside 35.14.02 the
    # small 3 forces 10 out too. 35.14.03 is shown whole.
    assert result.kecamatan["status"].to_dict() == {"35.14.01": SMALL, "35.14.02": COMPLEMENT, "35.14.03": SHOWN}
    assert result.desa["status"].tolist() == [SMALL, SHOWN, SMALL, COMPLEMENT, SHOWN, SHOWN]
    assert result.desa["value"].iloc[4:].tolist() == [20, 30]


def test_a_hidden_kecamatan_always_hides_one_of_its_desa() -> None:
    counts = pd.Series({"35.14.01.2001": 2, "35.14.01.2002": 2, "35.14.02.2001": 9, "35.14.02.2002": 7})
    counts = pd.concat([counts, pd.Series({"35.14.03.2001": 50})])
    result = protect_nested(counts, pd.Series({k: k[:8] for k in counts.index}), 5)
    assert result.kecamatan.loc["35.14.02", "status"] == COMPLEMENT
    # 35.14.02's desa are not small themselves, but showing both would give its total: the smaller one goes.
    assert result.desa.loc["35.14.02.2002", "status"] == COMPLEMENT
    assert result.desa.loc["35.14.02.2001", "status"] == SHOWN


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(0, 40), min_size=1, max_size=5), min_size=2, max_size=6))
def test_nested_suppression_invariants(groups: list[list[int]]) -> None:
    counts = pd.Series(
        {f"35.14.{g + 1:02d}.{2001 + d}": n for g, group in enumerate(groups) for d, n in enumerate(group)}
    )
    kecamatan_of = pd.Series({k: k[:8] for k in counts.index})
    result = protect_nested(counts, kecamatan_of, 5)
    for frame in (result.kecamatan, result.desa):
        shown = frame[frame["status"] == SHOWN]["value"].astype("int64")
        assert not ((shown > 0) & (shown < 5)).any()  # no small count on screen
    hidden_kec = result.kecamatan[result.kecamatan["status"] != SHOWN]
    assert len(hidden_kec) != 1 or (counts.groupby(kecamatan_of).sum() > 0).sum() == 1
    for kode in hidden_kec.index:
        members = result.desa[result.desa["kode_kecamatan"] == kode]
        if counts[members.index].sum() > 0:
            assert (members["status"] != SHOWN).any()  # the kecamatan is not the sum of shown desa
    for kode in result.kecamatan.index[result.kecamatan["status"] == SHOWN]:
        members = result.desa[result.desa["kode_kecamatan"] == kode]
        assert (members["status"] != SHOWN).sum() != 1  # one hidden desa = total minus the others


# --- Areas ------------------------------------------------------------------------------------------------


def test_schematic_tiles_have_no_area() -> None:
    assert area_km2(schematic_boundaries(), "kecamatan") is None
    assert area_km2(schematic_boundaries(), "desa") is None


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared public boundary files not present")
def test_areas_of_the_public_desa_polygons_add_up_to_the_official_area() -> None:
    settings_ = dataclasses.replace(load_settings(), boundaries_path=SHARED / "pasuruan_desa.geojson")
    boundaries = load_map_boundaries(settings_)
    desa = dict(area_km2(boundaries, "desa") or ())
    kecamatan = dict(area_km2(boundaries, "kecamatan") or ())
    assert len(desa) == 365 and len(kecamatan) == 24
    assert sum(desa.values()) == pytest.approx(REGENCY_AREA_KM2, rel=0.005)
    assert sum(kecamatan.values()) == pytest.approx(sum(desa.values()), rel=0.001)
    assert all(value > 0.1 for value in desa.values())
