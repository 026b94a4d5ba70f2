"""Pure parts of the demo generator: anchors, identifiers, allocation, desil ranking, staging."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from cc_analytics.demo import anchors, identifiers, rates
from cc_analytics.demo.dtsen import desil_cutoffs, rank_desil
from cc_analytics.demo.families import ROLE, draw_families
from cc_analytics.demo.pkh_komponen import AgeCalculator
from cc_analytics.demo.population import allocate
from cc_analytics.demo.writer import MANIFEST, staging
from cc_analytics.errors import ConfigError


@pytest.mark.parametrize(
    ("day", "expected"),
    [(anchors.SP2020_DATE, 1_605_969), (anchors.BPS_MID_2023_DATE, 1_634_022)],
)
def test_register_total_passes_through_the_bps_anchors(day: date, expected: int) -> None:
    assert anchors.register_total(day) == pytest.approx(expected, abs=1)


def test_register_total_grows_between_the_anchors() -> None:
    values = [anchors.register_total(date(y, 12, 31)) for y in range(2021, 2026)]
    assert values == sorted(values)
    assert values[0] > 1_600_000 and values[-1] < 1_670_000


@pytest.mark.parametrize(("tahun", "expected"), [(2019, 1_592_078), (2020, 1_605_969), (2023, 1_634_022)])
def test_estimasi_equals_bps_in_anchor_years(tahun: int, expected: int) -> None:
    assert anchors.kabupaten_estimasi(tahun) == expected


def test_estimasi_interpolates_between_anchor_years() -> None:
    assert anchors.kabupaten_estimasi(2019) < anchors.kabupaten_estimasi(2020) < anchors.kabupaten_estimasi(2021)
    assert anchors.kabupaten_estimasi(2021) < anchors.kabupaten_estimasi(2022) < anchors.kabupaten_estimasi(2023)


def test_kecamatan_shares_start_at_sp2010() -> None:
    shares = anchors.kecamatan_shares(anchors.SP2010_DATE)
    assert shares == pytest.approx(anchors.kecamatan_table()["share_sp2010"].to_numpy())
    assert anchors.kecamatan_shares(date(2025, 12, 31)).sum() == pytest.approx(1.0)


@pytest.mark.parametrize(("tahun", "expected"), [(2023, 0.0924), (2024, 0.0863), (2025, 0.0863)])
def test_poverty_rate_reads_the_reference(tahun: int, expected: float) -> None:
    assert anchors.poverty_rate(tahun) == pytest.approx(expected)


def test_apportion_sums_to_the_total() -> None:
    parts = anchors.apportion(1001, np.array([1.0, 1.0, 1.0]))
    assert parts.sum() == 1001 and parts.max() - parts.min() <= 1


def test_pkh_komponen_are_read_from_the_reference() -> None:
    komponen = {k.name: k for k in anchors.pkh_komponen()}
    assert komponen["sd"].nilai_per_tahun_rp == 900_000
    assert komponen["anak_usia_dini"].maks_per_keluarga == 2
    assert komponen["lansia"].usia_min == 70 and komponen["lansia"].usia_max is None


def test_nik_encodes_prefix_birth_date_and_sex() -> None:
    birth = np.array([anchors.day_of(date(1989, 7, 11))] * 2 + [anchors.day_of(date(2001, 2, 3))])
    nik = identifiers.assign_nik(np.array([351414, 351414, 351401]), birth, np.array([1, 1, 2]))
    assert [str(n) for n in nik] == ["3514141107890001", "3514141107890002", "3514014302010001"]


def test_unknown_nik_is_well_formed_and_never_issued() -> None:
    nik = np.array([3514141107890001, 3514141107890002])
    unknown = identifiers.unknown_nik(nik)
    assert [str(n) for n in unknown] == ["3514141107899999", "3514141107899998"]
    assert (unknown % 10_000 > identifiers.MAX_SERIAL).all()


def test_mangled_nik_is_excel_notation_or_one_digit_short() -> None:
    mangled = identifiers.mangle_nik(np.random.default_rng(1), np.full(200, 3514141107890001))
    excel = [m for m in mangled if "E+" in m]
    short = [m for m in mangled if "E+" not in m]
    assert set(excel) == {"3.51414E+15"}
    assert short and all(len(m) == 15 and m.isdigit() for m in short)


@pytest.mark.parametrize(("rate", "rows", "expected"), [(0.01, 1000, 10), (0.0002, 100, 1), (0.01, 0, 0)])
def test_count_for_gives_at_least_one(rate: float, rows: int, expected: int) -> None:
    assert identifiers.count_for(rate, rows) == expected


def test_allocate_cuts_families_along_targets() -> None:
    slot = allocate(np.array([3, 3, 3, 3, 3]), np.array([6.0, 6.0]))
    assert slot.tolist() == [0, 0, 1, 1, -1]


def test_families_have_one_head_and_parents_older_than_children() -> None:
    day = anchors.day_of(date(2020, 1, 1))
    batch = draw_families(np.random.default_rng(3), np.full(2000, day, dtype=np.int32))
    heads = np.bincount(batch.family[batch.role == ROLE["KEPALA KELUARGA"]], minlength=2000)
    assert (heads == 1).all()
    head_birth = batch.birth[batch.role == ROLE["KEPALA KELUARGA"]]
    child = batch.role == ROLE["ANAK"]
    gap = (batch.birth[child] - head_birth[batch.family[child]]) / 365.25
    assert gap.min() >= 18 and gap.max() <= 45


def test_rank_desil_weights_families_by_size() -> None:
    score = np.array([0.0, 1.0, 2.0, 3.0])
    size = np.array([5, 0, 5, 10])
    desil = rank_desil(score, size, np.linspace(0.1, 0.9, 9))
    assert desil.tolist() == [2, 0, 4, 8]


def test_desil_cutoffs_follow_poverty_and_the_1_4_share() -> None:
    cutoffs = desil_cutoffs(2024)
    assert cutoffs[0] == pytest.approx(0.0863 / rates.DESIL_COVERAGE[0])
    assert cutoffs[3] == pytest.approx(rates.DESIL_1_4_POPULATION_SHARE)
    assert (np.diff(cutoffs) > 0).all() and len(cutoffs) == 9


def test_age_in_completed_years() -> None:
    ages = AgeCalculator(np.array([anchors.day_of(date(2000, 6, 15)), anchors.day_of(date(2000, 6, 16))]))
    assert ages.at(anchors.day_of(date(2020, 6, 15))).tolist() == [20, 19]


def test_staging_refuses_a_folder_with_other_files(tmp_path: Path) -> None:
    out = tmp_path / "raw"
    out.mkdir()
    (out / "real_data.csv").write_text("x\n")
    with pytest.raises(ConfigError, match="bukan data demo"), staging(out):
        pass
    assert (out / "real_data.csv").exists()


def test_staging_keeps_the_previous_set_when_writing_fails(tmp_path: Path) -> None:
    out = tmp_path / "raw"
    out.mkdir()
    (out / MANIFEST).write_text("{}")
    with pytest.raises(RuntimeError), staging(out) as folder:
        (folder / "half.csv").write_text("x\n")
        raise RuntimeError("gagal")
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raw"]


def test_staging_replaces_a_previous_demo(tmp_path: Path) -> None:
    out = tmp_path / "raw"
    out.mkdir()
    (out / MANIFEST).write_text("{}")
    (out / "old.csv").write_text("x\n")
    with staging(out) as folder:
        (folder / MANIFEST).write_text("{}")
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST]
