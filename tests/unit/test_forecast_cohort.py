"""Cohort-component projection: life tables, parameters with sources, pyramids and age bands."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cc_analytics.forecasting.cohort import (
    AGE_BANDS,
    CohortInputError,
    band_count,
    load_cohort_parameters,
    project_cohort,
)
from cc_analytics.forecasting.lifetable import infant_mortality, level_for, life_expectancy, survival_ratios
from cc_analytics.schema import AGE_GROUPS

SHAPE = np.array([8.0, 8.2, 8.3, 8.4, 8.2, 7.9, 7.6, 7.3, 7.0, 6.5, 5.8, 5.0, 4.0, 3.0, 2.2, 2.6])


def _age_structure(n_kecamatan: int = 3) -> pd.DataFrame:
    rows = []
    for k in range(1, n_kecamatan + 1):
        total = 40_000 + 10_000 * k
        for sex in ("L", "P"):
            rows += [
                (f"35.14.{k:02d}", sex, group, total / 2 * share / SHAPE.sum())
                for group, share in zip(AGE_GROUPS, SHAPE, strict=True)
            ]
    return pd.DataFrame(rows, columns=["kode_kecamatan", "jenis_kelamin", "kelompok_umur", "jumlah_penduduk"])


@pytest.mark.parametrize("e0", [60.0, 72.87, 76.87, 85.0])
def test_life_table_reproduces_the_life_expectancy(e0: float) -> None:
    assert life_expectancy(level_for(e0)) == pytest.approx(e0, abs=0.01)
    ratios, births = survival_ratios(e0)
    assert np.all((ratios > 0) & (ratios < 1)) and 0 < births < 1


def test_mortality_shape_is_plausible_for_east_java() -> None:
    assert 10 < infant_mortality(74.87) < 25
    assert survival_ratios(76.87)[0][-1] > survival_ratios(72.87)[0][-1]


def test_default_parameters_come_with_a_source_or_say_asumsi() -> None:
    params = load_cohort_parameters()
    assert params.tfr == pytest.approx(1.98)
    assert sum(params.asfr_pattern) == pytest.approx(1.0)
    assert params.e0_p > params.e0_l
    for name in ("tfr", "e0_l", "e0_p", "migrasi_neto", "rasio_jenis_kelamin_lahir", "asfr_30_34"):
        assert params.sumber[name].startswith(("terkonfirmasi:", "asumsi:")), name
    assert params.sumber["e0_l"].startswith("asumsi")
    assert "BPS" in params.sumber["tfr"]


def test_band_count_spreads_ages_evenly_in_a_group() -> None:
    pyramid = np.zeros(len(AGE_GROUPS))
    pyramid[1], pyramid[2], pyramid[14], pyramid[15] = 5.0, 10.0, 7.0, 3.0
    assert band_count(pyramid, *AGE_BANDS["usia_sd"]) == pytest.approx(3 + 6)
    assert band_count(pyramid, *AGE_BANDS["usia_smp"]) == pytest.approx(4)
    assert band_count(pyramid, *AGE_BANDS["lansia_70_plus"]) == pytest.approx(10)


def test_projection_outputs_pyramids_and_bands_per_kecamatan_and_kabupaten() -> None:
    result = project_cohort(_age_structure(), tahun_dasar=2025, tahun_akhir=2035)
    pyramid, bands = result.piramida, result.indikator
    assert set(pyramid["tahun"]) == set(range(2025, 2036))
    assert set(pyramid["kode_wilayah"]) == {"35.14.01", "35.14.02", "35.14.03", "35.14"}
    assert len(pyramid) == 11 * 4 * 2 * len(AGE_GROUPS)
    base = pyramid[pyramid["tahun"] == 2025]
    assert base.loc[base["kode_wilayah"] != "35.14", "jumlah_penduduk"].sum() == pytest.approx(180_000)
    for year, rows in pyramid.groupby("tahun"):
        kab = rows.loc[rows["kode_wilayah"] == "35.14", "jumlah_penduduk"].sum()
        assert rows.loc[rows["kode_wilayah"] != "35.14", "jumlah_penduduk"].sum() == pytest.approx(kab), year
    assert {"usia_sd", "usia_smp", "usia_sma", "lansia_70_plus", "balita", "penduduk"} <= set(bands.columns)
    assert (pyramid["jumlah_penduduk"] >= 0).all()


def test_planner_parameters_steer_the_projection() -> None:
    base_params = load_cohort_parameters()
    runs = {
        name: project_cohort(_age_structure(1), 2025, 2035, params).indikator.set_index(["kode_wilayah", "tahun"])
        for name, params in {
            "dasar": base_params,
            "tfr_tinggi": base_params.with_changes(tfr=2.6),
            "migrasi_masuk": base_params.with_changes(migrasi_neto=10.0),
            "umur_panjang": base_params.with_changes(e0_l=80.0, e0_p=84.0),
        }.items()
    }
    key = ("35.14", 2035)
    assert runs["tfr_tinggi"].loc[key, "balita"] > runs["dasar"].loc[key, "balita"]
    assert runs["migrasi_masuk"].loc[key, "penduduk"] > runs["dasar"].loc[key, "penduduk"]
    assert runs["umur_panjang"].loc[key, "lansia_70_plus"] > runs["dasar"].loc[key, "lansia_70_plus"]
    assert base_params.with_changes(tfr=2.6).sumber["tfr"] == "pilihan pengguna"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kelompok_umur": "80-84"}, "tidak dikenal"),
        ({"jenis_kelamin": "X"}, "tidak dikenal"),
        ({"jumlah_penduduk": -1.0}, "tidak negatif"),
    ],
)
def test_bad_age_structure_is_refused_in_indonesian(change: dict, message: str) -> None:
    frame = _age_structure(1)
    for column, value in change.items():
        frame.loc[0, column] = value
    with pytest.raises(CohortInputError, match=message):
        project_cohort(frame, 2025, 2030)


def test_implausible_parameters_are_refused() -> None:
    with pytest.raises(CohortInputError, match="TFR"):
        project_cohort(_age_structure(1), 2025, 2030, load_cohort_parameters().with_changes(tfr=12.0))
    with pytest.raises(CohortInputError, match="Tahun akhir"):
        project_cohort(_age_structure(1), 2025, 2100)
