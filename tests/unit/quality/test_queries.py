"""The Data page's queries on the hand-made marts (expected figures as in test_ingest_linkage).

Files: dukcapil 16 read = 11 + 5, dtsen 12 = 11 + 1, pkh tahap 1: 1 = 1 + 0, pkh tahap 2: 7 = 6 + 1. Match
counts (both desa lie in kecamatan 35.14.01 Purwodadi): DTSEN members 11, 10 found in Dukcapil; PKH records of
tahap 2: 6, pengurus NIK found for 5, KK found in DTSEN for 4.
"""

from __future__ import annotations

from datetime import date

import duckdb
import numpy as np
import pandas as pd
import pytest

from cc_analytics.errors import DataNotFoundError
from cc_analytics.privacy import COMPLEMENT, SHOWN, SMALL
from cc_analytics.quality import queries as dq

PURWODADI = "35.14.01"


@pytest.fixture
def marts(handmade_marts: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    return handmade_marts


def test_sources_in_display_order(marts):
    assert dq.list_sources(marts) == ["dukcapil", "dtsen", "pkh"]


def test_file_table_lists_every_file_with_its_accounting(marts):
    files = dq.file_table(marts)
    assert list(files.columns) == list(dq.FILE_COLUMNS)
    got = list(
        files[["sumber", "file_name", "periode", "baris_dibaca", "baris_diterima", "baris_ditolak"]].itertuples(
            index=False, name=None
        )
    )
    assert got == [
        ("dukcapil", "dukcapil_2025-S1.csv", "2025-S1", 16, 11, 5),
        ("dtsen", "dtsen_2025-S1.csv", "2025", 12, 11, 1),
        ("pkh", "pkh_2025_tahap1.csv", "2025 tahap 1", 1, 1, 0),
        ("pkh", "pkh_2025_tahap2.csv", "2025 tahap 2", 7, 6, 1),
    ]
    assert [pd.Timestamp(d).date() for d in files["tanggal_data"]] == [
        date(2025, 6, 30),
        date(2025, 6, 30),
        date(2025, 3, 31),
        date(2025, 6, 30),
    ]
    assert files["seimbang"].all()
    assert files["rasio_ditolak"].tolist() == pytest.approx([5 / 16, 1 / 12, 0.0, 1 / 7])
    assert all(len(h) == 64 for h in files["sha256"])


def test_file_table_filtered_by_source(marts):
    assert dq.file_table(marts, "pkh")["file_name"].tolist() == ["pkh_2025_tahap1.csv", "pkh_2025_tahap2.csv"]
    assert dq.file_table(marts, "penduduk").empty


def test_accounting_totals_reconcile(marts):
    totals = dq.accounting(dq.file_table(marts))
    assert totals == dq.Accounting(4, 36, 29, 7, ())
    assert totals.seimbang
    assert totals.rasio_ditolak == pytest.approx(7 / 36)
    assert dq.accounting(dq.file_table(marts, "pkh")) == dq.Accounting(2, 8, 7, 1, ())


def test_accounting_names_a_file_that_does_not_balance():
    files = pd.DataFrame(
        {
            "file_name": ["a.csv", "b.csv"],
            "baris_dibaca": [10, 5],
            "baris_diterima": [8, 5],
            "baris_ditolak": [1, 0],
            "seimbang": [False, True],
        }
    )
    totals = dq.accounting(files)
    assert totals.berkas_tidak_seimbang == ("a.csv",)
    assert not totals.seimbang
    assert dq.accounting(files.iloc[:0]).rasio_ditolak is None


def test_rejection_reasons_summary(marts):
    reasons = dq.rejection_reasons(marts)
    assert int(reasons["jumlah_baris"].sum()) == 7
    by_source = reasons.groupby("sumber")["jumlah_baris"].sum().to_dict()
    assert by_source == {"dukcapil": 5, "dtsen": 1, "pkh": 1}
    dukcapil = reasons[reasons["sumber"] == "dukcapil"]
    assert sorted(dukcapil["kolom"].dropna()) == ["NIK", "NIK", "NO_KEL", "TGL_LHR"]
    assert dukcapil["kolom"].isna().sum() == 1  # the line with too few columns
    assert any("notasi ilmiah" in a for a in dukcapil["alasan"])
    assert reasons["jumlah_berkas"].tolist() == [1] * 7


def test_rejection_reasons_of_one_file(marts):
    reasons = dq.rejection_reasons(marts, None, "pkh_2025_tahap2.csv")
    assert reasons[["sumber", "kolom", "jumlah_baris"]].values.tolist() == [["pkh", "NIK_PENGURUS", 1]]
    assert "14 digit" in reasons["alasan"].iloc[0]
    assert dq.rejection_reasons(marts, "dtsen")["jumlah_baris"].tolist() == [1]


def test_rejected_files_are_those_with_rejections(marts):
    assert dq.rejected_files(dq.file_table(marts)) == [
        "dukcapil_2025-S1.csv",
        "dtsen_2025-S1.csv",
        "pkh_2025_tahap2.csv",
    ]


def test_rejected_rows_of_a_file_are_masked(marts):
    rows = dq.rejected_rows(marts, "dukcapil_2025-S1.csv")
    assert rows["nomor_baris"].tolist() == [13, 14, 15, 16, 17]
    assert rows.loc[3, "nilai"] == "************0001"
    assert rows.loc[0, "kolom"] == "NIK"
    assert dq.rejected_rows(marts, "pkh_2025_tahap1.csv").empty


def test_rejected_rows_of_an_unknown_file(marts):
    with pytest.raises(DataNotFoundError, match="tidak ada"):
        dq.rejected_rows(marts, "pkh_1999_tahap1.csv")


def _row(frame: pd.DataFrame, kode: str, pasangan: str) -> pd.Series:
    return frame[(frame["kode_kecamatan"] == kode) & (frame["pasangan"] == pasangan)].iloc[0]


def test_match_rates_without_suppression(marts):
    rates = dq.match_rates(marts, "2025-S1", min_cell=1)
    assert rates.pairs == list(dq.PAIRS)
    assert len(rates.per_kecamatan) == 24 * 3
    expected = {"dtsen_dukcapil": (11, 10, 1), "pkh_dukcapil": (6, 5, 1), "pkh_dtsen": (6, 4, 2)}
    for pasangan, counts in expected.items():
        row = _row(rates.per_kecamatan, PURWODADI, pasangan)
        assert (row["jumlah"], row["cocok"], row["tidak_cocok"]) == counts
        total = _row(rates.kabupaten, "35.14", pasangan)
        assert (total["jumlah"], total["cocok"], total["tidak_cocok"]) == counts
    others = rates.per_kecamatan[rates.per_kecamatan["kode_kecamatan"] != PURWODADI]
    assert (others[["jumlah", "cocok", "tidak_cocok"]] == 0).all(axis=None)
    assert (rates.per_kecamatan[["status_jumlah", "status_cocok", "status_tidak_cocok"]] == SHOWN).all(axis=None)


def test_match_rates_agree_with_the_mart(marts):
    rates = dq.match_rates(marts, "2025-S1", min_cell=1)
    mart = dict(
        ((p, (int(j), int(c))))
        for p, j, c in marts.execute(
            "SELECT pasangan, sum(jumlah), sum(cocok) FROM kecocokan WHERE periode = '2025-S1' GROUP BY 1"
        ).fetchall()
    )
    per_pair = rates.per_kecamatan.groupby("pasangan")[["jumlah", "cocok"]].sum()
    assert {p: (int(r["jumlah"]), int(r["cocok"])) for p, r in per_pair.iterrows()} == mart


def _derivable(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """Hidden values recoverable by one subtraction within a row (jumlah = cocok + tidak cocok)."""
    found = []
    for _, row in frame.iterrows():
        hidden = [c for c in ("jumlah", "cocok", "tidak_cocok") if pd.isna(row[c])]
        if len(hidden) == 1:
            found.append((row["kode_kecamatan"], hidden[0]))
    return found


def test_small_match_counts_are_suppressed(marts):
    rates = dq.match_rates(marts, "2025-S1", min_cell=5)
    row = _row(rates.per_kecamatan, PURWODADI, "dtsen_dukcapil")
    assert row["jumlah"] == 11
    assert pd.isna(row["tidak_cocok"]) and row["status_tidak_cocok"] == SMALL
    assert pd.isna(row["cocok"]) and row["status_cocok"] == COMPLEMENT
    pkh = _row(rates.per_kecamatan, PURWODADI, "pkh_dtsen")
    assert pkh["status_cocok"] == SMALL and pkh["status_tidak_cocok"] == SMALL
    every = pd.concat([rates.per_kecamatan, rates.kabupaten])
    assert _derivable(every) == []
    shown = every[every["status_tidak_cocok"] == SHOWN]["tidak_cocok"].astype(int)
    assert not ((shown > 0) & (shown < 5)).any()


def test_pkh_pairs_hide_the_same_totals(marts):
    rates = dq.match_rates(marts, "2025-S1", min_cell=5)
    first = rates.per_kecamatan[rates.per_kecamatan["pasangan"] == "pkh_dukcapil"].reset_index(drop=True)
    second = rates.per_kecamatan[rates.per_kecamatan["pasangan"] == "pkh_dtsen"].reset_index(drop=True)
    assert first["jumlah"].isna().tolist() == second["jumlah"].isna().tolist()
    assert first["jumlah"].isna().any()


def test_match_rates_of_a_semester_without_data(marts):
    rates = dq.match_rates(marts, "2019-S1", min_cell=5)
    assert rates.per_kecamatan.empty and rates.kabupaten.empty
    assert rates.pairs == []


def test_pairs_of_each_source():
    for sumber, pairs in dq.PAIRS_OF_SOURCE.items():
        assert all(sumber in p for p in pairs)
    assert dq.PAIRS_OF_SOURCE["penduduk"] == ()


def test_newest_rejected_file(marts):
    files = dq.file_table(marts)
    # dukcapil, dtsen and pkh tahap 2 all end 30 June 2025 and have rejections: the first in table order wins
    assert dq.newest_rejected_file(files) == "dukcapil_2025-S1.csv"
    assert dq.newest_rejected_file(dq.file_table(marts, "pkh")) == "pkh_2025_tahap2.csv"
    assert dq.newest_rejected_file(files[files["baris_ditolak"] == 0]) is None


def _pair_frame(pasangan: str, counts: list[tuple[int, int, int]], status: list[tuple[str, str, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "kode_kecamatan": ["35.14.01", "35.14.02", "35.14"],
            "pasangan": pasangan,
            "jumlah": pd.array([c[0] for c in counts], dtype="Int64"),
            "cocok": pd.array([c[1] for c in counts], dtype="Int64"),
            "tidak_cocok": pd.array([c[2] for c in counts], dtype="Int64"),
            "status_jumlah": [s[0] for s in status],
            "status_cocok": [s[1] for s in status],
            "status_tidak_cocok": [s[2] for s in status],
        }
    )
    for column in ("jumlah", "cocok", "tidak_cocok"):
        frame.loc[frame[f"status_{column}"] != SHOWN, column] = pd.NA
    return frame


def test_a_pkh_total_hidden_in_one_pair_is_hidden_with_its_parts_in_the_other():
    shown = (SHOWN, SHOWN, SHOWN)
    counts = [(30, 28, 2), (40, 40, 0), (70, 68, 2)]
    first = _pair_frame("pkh_dukcapil", counts, [(COMPLEMENT, COMPLEMENT, SMALL), shown, (SHOWN, COMPLEMENT, SMALL)])
    second = _pair_frame("pkh_dtsen", [(30, 20, 10), (40, 35, 5), (70, 55, 15)], [shown, shown, shown])
    dq._share_pkh_totals({"pkh_dukcapil": first, "pkh_dtsen": second})
    assert second["status_jumlah"].tolist() == [COMPLEMENT, SHOWN, SHOWN]
    assert second["jumlah"].isna().tolist() == [True, False, False]
    # the parts of that row, and the regency parts (else they would give the row's parts back), are hidden
    assert second["cocok"].isna().tolist() == [True, False, True]
    assert second["tidak_cocok"].isna().tolist() == [True, False, True]
    assert second.loc[1, ["jumlah", "cocok", "tidak_cocok"]].tolist() == [40, 35, 5]
    assert _derivable(second) == []
    assert first["status_jumlah"].tolist() == [COMPLEMENT, SHOWN, SHOWN]


def test_a_hidden_regency_total_hides_the_whole_other_pair():
    shown = (SHOWN, SHOWN, SHOWN)
    first = _pair_frame("pkh_dukcapil", [(3, 3, 0)] * 3, [shown, shown, (COMPLEMENT, SHOWN, SHOWN)])
    second = _pair_frame("pkh_dtsen", [(3, 3, 0)] * 3, [shown, shown, shown])
    dq._share_pkh_totals({"pkh_dukcapil": first, "pkh_dtsen": second})
    assert second[["cocok", "tidak_cocok"]].isna().all(axis=None)
    assert second["jumlah"].isna().tolist() == [False, False, True]


Key = tuple[str, str, str]


def _key(pasangan: str, kode: str, column: str) -> Key:
    """The unknown of a count; the two PKH pairs share their ``jumlah``."""
    shared = "pkh" if column == "jumlah" and pasangan.startswith("pkh") else pasangan
    return shared, kode, column


def _unknowns(every: pd.DataFrame) -> dict[Key, str]:
    """Every hidden count, with its status."""
    hidden = {}
    for _, row in every.iterrows():
        for column in ("jumlah", "cocok", "tidak_cocok"):
            if pd.isna(row[column]):
                hidden[_key(row["pasangan"], row["kode_kecamatan"], column)] = row[f"status_{column}"]
    return hidden


def _relations(every: pd.DataFrame, pairs: list[str]) -> list[dict[Key, int]]:
    """cocok + tidak cocok - jumlah = 0 per row; kecamatan rows - regency row = 0 per column."""
    equations = []
    for pasangan in pairs:
        kodes = every.loc[every["pasangan"] == pasangan, "kode_kecamatan"].tolist()
        for kode in kodes:
            equations.append(
                {
                    _key(pasangan, kode, "cocok"): 1,
                    _key(pasangan, kode, "tidak_cocok"): 1,
                    _key(pasangan, kode, "jumlah"): -1,
                }
            )
        for column in ("jumlah", "cocok", "tidak_cocok"):
            terms = {_key(pasangan, k, column): 1 for k in kodes if k != "35.14"}
            terms[_key(pasangan, "35.14", column)] = -1
            equations.append(terms)
    return equations


def _determined_hidden(rates: dq.MatchRates) -> list[Key]:
    """Hidden small counts that the published counts of all pairs determine (exact linear algebra): an unknown
    is determined when its unit vector lies in the row space of the relations restricted to the unknowns."""
    every = pd.concat([rates.per_kecamatan, rates.kabupaten], ignore_index=True)
    hidden = _unknowns(every)
    ids = {key: index for index, key in enumerate(hidden)}
    equations = _relations(every, rates.pairs)
    matrix = np.zeros((len(equations), len(ids)))
    for i, terms in enumerate(equations):
        for key, coefficient in terms.items():
            if key in ids:
                matrix[i, ids[key]] = coefficient
    rank = np.linalg.matrix_rank(matrix) if ids else 0
    found = []
    for key, index in ids.items():
        unit = np.zeros((1, len(ids)))
        unit[0, index] = 1
        if hidden[key] == SMALL and np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            found.append(key)
    return found


def test_no_small_match_count_can_be_worked_out_on_the_demo(demo_marts_path):
    with duckdb.connect(str(demo_marts_path), read_only=True) as con:
        periodes = [p for (p,) in con.execute("SELECT periode FROM periode ORDER BY 1").fetchall()]
        for periode in periodes:
            rates = dq.match_rates(con, periode, min_cell=5)
            assert (rates.per_kecamatan["status_tidak_cocok"] == SMALL).any(), periode
            assert _determined_hidden(rates) == [], periode
            every = pd.concat([rates.per_kecamatan, rates.kabupaten])
            shown = every[["jumlah", "cocok", "tidak_cocok"]].stack().dropna().astype(int)
            assert not ((shown > 0) & (shown < 5)).any(), periode


def test_the_check_itself_finds_a_leak(marts):
    rates = dq.match_rates(marts, "2025-S1", min_cell=5)
    leaky = rates.per_kecamatan.copy()
    first = (leaky["kode_kecamatan"] == PURWODADI) & (leaky["pasangan"] == "dtsen_dukcapil")
    leaky.loc[first, "cocok"] = 10  # publish the complement: the small count is then 11 - 10
    assert _determined_hidden(dq.MatchRates(leaky, rates.kabupaten, 5)) != []
