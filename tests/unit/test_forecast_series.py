"""One basis per series: basis choice, splicing at a change of basis, gaps, bad values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cc_analytics.errors import CCError
from cc_analytics.forecasting.series import SeriesError, choose_basis, prepare_series


def _rows(*triples: tuple[int, float, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [("35.14.14", t, p, b, "uji") for t, p, b in triples],
        columns=["kode_wilayah", "tahun", "penduduk", "basis", "sumber"],
    )


REGISTRY = [(year, 100_000 * 1.01 ** (year - 2015), "registrasi") for year in range(2015, 2026)]


def test_basis_of_the_latest_year_is_chosen_and_other_bases_are_kept_only_for_the_chart() -> None:
    frame = _rows((2010, 80_000.0, "sensus"), (2020, 90_000.0, "sensus"), *REGISTRY)
    series = prepare_series(frame, "35.14.14")
    assert series.basis == "registrasi"
    assert series.tahun.tolist() == list(range(2015, 2026))
    assert any("Sensus Penduduk (BPS)" in n and "tidak dipakai" in n for n in series.notes)
    census = series.history[series.history["basis"] == "sensus"]
    assert census["penduduk"].tolist() == [80_000.0, 90_000.0]
    assert not census["dipakai"].any() and census["penduduk_model"].isna().all()


@pytest.mark.parametrize(
    ("triples", "expected"),
    [
        ([(2020, 1.0, "sensus"), (2020, 1.0, "registrasi"), (2019, 1.0, "registrasi")], "registrasi"),
        ([(2023, 1.0, "estimasi_bps"), (2023, 1.0, "registrasi")], "estimasi_bps"),
        ([(2010, 1.0, "registrasi"), (2024, 1.0, "sensus")], "sensus"),
    ],
)
def test_choose_basis(triples: list[tuple[int, float, str]], expected: str) -> None:
    assert choose_basis(_rows(*triples)) == expected


def test_a_basis_can_be_forced() -> None:
    frame = _rows((2010, 80_000.0, "sensus"), (2020, 90_000.0, "sensus"), *REGISTRY)
    series = prepare_series(frame, "35.14.14", basis="sensus")
    assert series.basis == "sensus"
    assert series.tahun[0] == 2010 and series.tahun[-1] == 2020
    assert series.is_imputed.sum() == 9


def test_unknown_basis_is_a_clear_error() -> None:
    with pytest.raises(SeriesError, match="tidak punya data berbasis 'estimasi_bps'"):
        prepare_series(_rows(*REGISTRY), "35.14.14", basis="estimasi_bps")


def test_a_change_of_basis_with_an_overlap_year_is_spliced_by_their_ratio() -> None:
    old = [(y, 80_000 + 1_000 * (y - 2014), "estimasi_bps") for y in range(2014, 2022)]
    new = [(y, 1.2 * (80_000 + 1_000 * (y - 2014)), "registrasi") for y in range(2021, 2026)]
    series = prepare_series(_rows(*old, *new), "35.14.14")
    assert series.basis == "registrasi"
    assert series.tahun.tolist() == list(range(2014, 2026))
    np.testing.assert_allclose(series.penduduk[0], 1.2 * 80_000)
    assert any("rasio 1,200" in n and "2021" in n for n in series.notes)


def test_a_single_change_of_basis_without_overlap_is_linked_by_average_growth() -> None:
    old = [(y, 100_000 * 1.01 ** (y - 2014), "estimasi_bps") for y in range(2014, 2019)]
    new = [(y, 1.17 * 100_000 * 1.01 ** (y - 2014), "registrasi") for y in range(2019, 2024)]
    series = prepare_series(_rows(*old, *new), "35.14.14")
    growth = np.diff(np.log(series.penduduk))
    np.testing.assert_allclose(growth, np.log(1.01), rtol=1e-9)
    assert any("tanpa tahun tumpang-tindih" in n and "asumsi" in n for n in series.notes)


def test_a_long_enough_new_basis_is_used_alone() -> None:
    old = [(y, 50_000.0 + y, "estimasi_bps") for y in range(2005, 2015)]
    series = prepare_series(_rows(*old, *REGISTRY), "35.14.14")
    assert series.tahun[0] == 2015
    assert not series.history.loc[series.history["basis"] == "estimasi_bps", "dipakai"].any()


def test_gaps_are_filled_geometrically_and_flagged() -> None:
    series = prepare_series(_rows((2020, 100.0, "registrasi"), (2022, 121.0, "registrasi")), "x")
    np.testing.assert_allclose(series.penduduk, [100.0, 110.0, 121.0])
    assert series.is_imputed.tolist() == [False, True, False]
    filled = series.history[series.history["is_imputed"]]
    assert filled["tahun"].tolist() == [2021] and filled["penduduk"].isna().all()
    assert any("2021" in n and "interpolasi" in n for n in series.notes)


def test_zero_negative_and_empty_values_are_dropped_with_a_note() -> None:
    frame = _rows(
        (2019, 100.0, "registrasi"), (2020, 0.0, "registrasi"), (2021, -5.0, "registrasi"), (2022, 103.0, "registrasi")
    )
    frame.loc[len(frame)] = ["35.14.14", 2023, np.nan, "registrasi", "uji"]
    series = prepare_series(frame, "35.14.14")
    assert series.tahun.tolist() == [2019, 2020, 2021, 2022]
    assert series.is_imputed.tolist() == [False, True, True, False]
    assert any("2020, 2021, 2023" in n and "diabaikan" in n for n in series.notes)


def test_identical_duplicates_are_merged_conflicting_ones_refused() -> None:
    same = _rows((2020, 100.0, "registrasi"), (2020, 100.0, "registrasi"), (2021, 101.0, "registrasi"))
    assert prepare_series(same, "x").tahun.tolist() == [2020, 2021]
    conflict = _rows((2020, 100.0, "registrasi"), (2020, 105.0, "registrasi"), (2021, 101.0, "registrasi"))
    with pytest.raises(SeriesError, match="lebih dari satu nilai"):
        prepare_series(conflict, "x")


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (_rows((2020, 100.0, "registrasi")), "hanya punya 1 tahun"),
        (_rows((2020, 0.0, "registrasi"), (2021, -1.0, "registrasi")), "tidak punya nilai penduduk"),
        (pd.DataFrame({"tahun": [2020.5, 2021], "penduduk": [1.0, 2.0]}), "bilangan bulat"),
        (pd.DataFrame({"tahun": ["dua ribu", 2021], "penduduk": [1.0, 2.0]}), "bilangan bulat"),
        (pd.DataFrame({"tahun": [2020, 2021]}), "kolom penduduk tidak ada"),
    ],
)
def test_unusable_series_raise_an_indonesian_library_error(frame: pd.DataFrame, message: str) -> None:
    with pytest.raises(CCError, match=message):
        prepare_series(frame, "x")


def test_text_numbers_and_missing_basis_column_are_accepted() -> None:
    frame = pd.DataFrame({"tahun": ["2020", "2021", "2022"], "penduduk": ["100", "101", "x"]})
    series = prepare_series(frame, "x")
    assert series.basis == "tidak_disebut"
    assert series.penduduk.tolist() == [100.0, 101.0]
