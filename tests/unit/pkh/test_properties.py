"""Invariants of the PKH coverage figures, over many selections of the demo marts and over random tables.

- gaps are never negative and never exceed the eligible families; gap Rupiah never exceeds the entitlement;
- desa figures add up to their kecamatan, kecamatan figures to the kabupaten (coverage and inclusion);
- a family's entitlement is the sum of its komponen amounts (so komponen Rupiah add up to ``semua``);
- after protection: every shown number is the true one, no small count is shown, an amount is shown only
  with its count, shown parts add up to shown totals, and a desa table is published only when its
  kecamatan's row is shown whole.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cc_analytics.briefing.build import list_periodes
from cc_analytics.pkh.protect import WITHHELD, ProtectedFigures, protect_coverage, row_is_shown
from cc_analytics.pkh.queries import (
    Selection,
    coverage_by_komponen_wilayah,
    inclusion_by_wilayah,
    komponen_pilihan,
    tahap_options,
)
from cc_analytics.pkh.tables import build_tables
from cc_analytics.privacy import SHOWN, TOTAL
from cc_analytics.wilayah import kecamatan

KECAMATAN = list(kecamatan()["kode_wilayah"])
SUMS = ["keluarga_layak", "keluarga_layak_pkh", "keluarga_celah", "hak_rp_tahun", "celah_rp_tahun"]


@pytest.fixture(scope="module")
def con(demo_marts_path: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(demo_marts_path), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def choices(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int]]:
    """(periode, tahap) pairs held by the demo marts."""
    return [(p, t) for p in list_periodes(con) for t in tahap_options(con, p)]


def check_level(frame: pd.DataFrame) -> None:
    assert (frame[SUMS] >= 0).all(axis=None)
    assert (frame["keluarga_celah"] == frame["keluarga_layak"] - frame["keluarga_layak_pkh"]).all()
    assert (frame["celah_rp_tahun"] <= frame["hak_rp_tahun"]).all()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_desa_add_up_to_kecamatan_and_kabupaten(con, choices, data):
    periode, tahap = data.draw(st.sampled_from(choices), label="periode, tahap")
    kec = data.draw(st.sampled_from(KECAMATAN), label="kecamatan")
    kab = coverage_by_komponen_wilayah(con, periode, tahap)
    desa = coverage_by_komponen_wilayah(con, periode, tahap, kec)
    check_level(kab)
    check_level(desa)
    by_komponen = desa.groupby("komponen")[SUMS].sum()
    kec_rows = kab[kab["kode_wilayah"] == kec].set_index("komponen")[SUMS]
    pd.testing.assert_frame_equal(by_komponen.loc[kec_rows.index], kec_rows, check_names=False)
    totals = kab.groupby("komponen")[SUMS].sum()
    raw = con.execute(
        "SELECT komponen, sum(keluarga_layak), sum(keluarga_layak_pkh), sum(hak_rp_tahun), sum(celah_rp_tahun) "
        "FROM pkh_kelayakan WHERE periode = ? AND tahap = ? GROUP BY 1",
        [periode, tahap],
    ).fetchall()
    for komponen, layak, pkh, hak, celah_rp in raw:
        assert tuple(totals.loc[komponen, ["keluarga_layak", "keluarga_layak_pkh", "hak_rp_tahun"]]) == (
            layak,
            pkh,
            hak,
        )
        assert totals.loc[komponen, "celah_rp_tahun"] == celah_rp


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_komponen_relations_per_wilayah(con, choices, data):
    periode, tahap = data.draw(st.sampled_from(choices), label="periode, tahap")
    kec = data.draw(st.sampled_from([None, *KECAMATAN]), label="kecamatan")
    long = coverage_by_komponen_wilayah(con, periode, tahap, kec).set_index(["kode_wilayah", "komponen"])
    semua = long.xs("semua", level="komponen")
    parts = long.drop(index="semua", level="komponen")
    amounts = parts.groupby(level="kode_wilayah")[["hak_rp_tahun", "celah_rp_tahun"]].sum()
    pd.testing.assert_frame_equal(amounts, semua[["hak_rp_tahun", "celah_rp_tahun"]], check_names=False)
    most = parts.groupby(level="kode_wilayah")[["keluarga_layak", "keluarga_celah"]].max()
    assert (most <= semua[["keluarga_layak", "keluarga_celah"]]).all(axis=None)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_inclusion_adds_up(con, choices, data):
    periode, tahap = data.draw(st.sampled_from(choices), label="periode, tahap")
    kec = data.draw(st.sampled_from(KECAMATAN), label="kecamatan")
    kab = inclusion_by_wilayah(con, periode, tahap)
    desa = inclusion_by_wilayah(con, periode, tahap, kec)
    assert (kab[["jumlah_kpm", "nominal_rp_tahun"]] >= 0).all(axis=None)
    got = desa.groupby("kode_masalah")[["jumlah_kpm", "nominal_rp_tahun"]].sum()
    want = kab[kab["kode_wilayah"] == kec].set_index("kode_masalah")[["jumlah_kpm", "nominal_rp_tahun"]]
    pd.testing.assert_frame_equal(got.loc[want.index], want, check_names=False)
    total = con.execute(
        "SELECT coalesce(sum(jumlah_kpm), 0) FROM pkh_inklusi WHERE periode = ? AND tahap = ?", [periode, tahap]
    ).fetchone()[0]
    assert kab["jumlah_kpm"].sum() == total


def check_protected(figures: ProtectedFigures, truth: pd.DataFrame, min_cell: int) -> None:
    """``truth``: exact counts with the same labels as ``figures.counts`` (totals included)."""
    counts, status, rupiah = figures.counts, figures.status, figures.rupiah
    shown = status == SHOWN
    assert (counts.notna() == shown).all(axis=None)
    assert (rupiah.notna() <= shown).all(axis=None)
    exact = truth.loc[counts.index, counts.columns]
    assert (counts[shown] == exact[shown]).fillna(True).all(axis=None)
    assert not ((exact > 0) & (exact < min_cell) & shown).any(axis=None)
    inner = [c for c in counts.columns if c != TOTAL]
    for row in counts.index:
        if shown.loc[row].all():
            assert counts.loc[row, inner].sum() == counts.loc[row, TOTAL]


def coverage_truth(frame: pd.DataFrame) -> pd.DataFrame:
    cells = frame.set_index("kode_wilayah")[["keluarga_layak_pkh", "keluarga_celah"]]
    cells[TOTAL] = cells.sum(axis=1)
    cells.loc[TOTAL] = cells.sum(axis=0)
    return cells


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_protected_tables_never_show_a_small_or_wrong_number(con, choices, data):
    periode, tahap = data.draw(st.sampled_from(choices), label="periode, tahap")
    kec = data.draw(st.sampled_from(KECAMATAN), label="kecamatan")
    min_cell = data.draw(st.integers(2, 12), label="min_cell")
    tables = build_tables(con, Selection(periode, tahap, kode_kecamatan=kec), min_cell=min_cell)
    kab = coverage_by_komponen_wilayah(con, periode, tahap)
    desa = coverage_by_komponen_wilayah(con, periode, tahap, kec)
    for komponen in komponen_pilihan():
        parent = tables.kabupaten[komponen]
        check_protected(parent, coverage_truth(kab[kab["komponen"] == komponen]), min_cell)
        child = tables.desa[komponen]
        if not row_is_shown(parent, kec):
            assert child.is_withheld
        if child.is_withheld:
            assert (child.status == WITHHELD).all(axis=None)
        else:
            check_protected(child, coverage_truth(desa[desa["komponen"] == komponen]), min_cell)
            assert list(child.counts.loc[TOTAL]) == list(parent.counts.loc[kec])


tables_strategy = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), min_size=1, max_size=10)


@settings(max_examples=60, deadline=None)
@given(rows=tables_strategy, min_cell=st.integers(1, 10))
def test_protection_on_random_tables(rows, min_cell):
    frame = pd.DataFrame(
        {
            "kode_wilayah": [f"w{i:02d}" for i in range(len(rows))],
            "keluarga_layak_pkh": [p for p, _ in rows],
            "keluarga_celah": [c for _, c in rows],
            "hak_rp_tahun": [(p + c) * 2_400_000 for p, c in rows],
            "celah_rp_tahun": [c * 2_400_000 for _, c in rows],
        }
    )
    figures = protect_coverage(frame, min_cell)
    check_protected(figures, coverage_truth(frame), min_cell)
    celah_rp = figures.rupiah["keluarga_celah"]
    assert (celah_rp.dropna() == figures.counts["keluarga_celah"].dropna() * 2_400_000).all()
