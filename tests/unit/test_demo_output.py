"""The demo files at a small scale: formats, anchors, realism and the recorded ground truth."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from cc_analytics import wilayah
from cc_analytics.config import REFERENCE_DIR
from cc_analytics.demo import anchors, generate_demo
from cc_analytics.periods import parse_periode
from cc_analytics.schema import DTSEN, DUKCAPIL, PENDUDUK_TAHUNAN, PKH, PKH_KOMPONEN_COLUMNS

SCALE = 0.01
PERIODS = [f"{y}-S{s}" for y in range(2021, 2026) for s in (1, 2)]
YEARS = range(2021, 2026)
PKH_FILES = [f"pkh_{y}_tahap{t}.csv" for y in YEARS for t in (1, 2, 3, 4)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "raw"
    generate_demo(out, scale=SCALE, seed=35014)
    return out


@pytest.fixture(scope="module")
def manifest(demo: Path) -> dict:
    return json.loads((demo / "DEMO.json").read_text(encoding="utf-8"))


def _read(demo: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(demo / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def dukcapil(demo: Path) -> dict[str, pd.DataFrame]:
    return {p: _read(demo, f"dukcapil_{p}.csv") for p in PERIODS}


@pytest.fixture(scope="module")
def dtsen(demo: Path) -> dict[int, pd.DataFrame]:
    return {y: _read(demo, f"dtsen_{y}-S1.csv") for y in YEARS}


@pytest.fixture(scope="module")
def pkh(demo: Path) -> dict[str, pd.DataFrame]:
    return {name: _read(demo, name) for name in PKH_FILES}


def _alive(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["STAT_HIDUP"] == "HIDUP"]


def _is_nik(series: pd.Series) -> pd.Series:
    return series.str.fullmatch(r"[0-9]{16}")


def _age(frame: pd.DataFrame, day: date) -> pd.Series:
    born = pd.to_datetime(frame["TGL_LHR"], format="%d-%m-%Y")
    before_birthday = (born.dt.month > day.month) | ((born.dt.month == day.month) & (born.dt.day > day.day))
    return day.year - born.dt.year - before_birthday.astype(int)


def test_writes_exactly_the_declared_files(demo: Path) -> None:
    expected = {f"dukcapil_{p}.csv" for p in PERIODS} | {f"dtsen_{y}-S1.csv" for y in YEARS}
    expected |= set(PKH_FILES) | {"penduduk_tahunan.csv", "DEMO.json"}
    assert {p.name for p in demo.iterdir()} == expected


@pytest.mark.parametrize(
    ("pattern", "source"),
    [
        ("dukcapil_*.csv", DUKCAPIL),
        ("dtsen_*.csv", DTSEN),
        ("pkh_*.csv", PKH),
        ("penduduk_tahunan.csv", PENDUDUK_TAHUNAN),
    ],
)
def test_headers_are_the_schema_columns_in_order(demo: Path, pattern: str, source) -> None:
    for path in sorted(demo.glob(pattern)):
        header = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert header == ",".join(f.name for f in source.fields), path.name


def test_alive_totals_follow_the_anchored_path(dukcapil: dict[str, pd.DataFrame], manifest: dict) -> None:
    for label, frame in dukcapil.items():
        alive = len(_alive(frame))
        target = anchors.register_total(parse_periode(label).tanggal_akhir) * SCALE
        assert abs(alive / target - 1) < 0.005, label
        assert manifest["penduduk_hidup"][label] == alive


def test_kecamatan_shares_stay_near_sp2010(dukcapil: dict[str, pd.DataFrame]) -> None:
    table = anchors.kecamatan_table()
    sp2010 = pd.Series(table["share_sp2010"].to_numpy(), index=[k[-2:] for k in table["kode_kecamatan"]])
    for label in ("2021-S1", "2025-S2"):
        shares = _alive(dukcapil[label])["NO_KEC"].value_counts(normalize=True)
        ratio = shares.reindex(sp2010.index) / sp2010
        assert ratio.between(0.9, 1.1).all(), (label, ratio.round(3).to_dict())


def test_every_kecamatan_and_desa_is_populated(demo: Path, dukcapil: dict, dtsen: dict, pkh: dict) -> None:
    desa = set(wilayah.desa()["kode_wilayah"])
    assert len(desa) == 365
    for frame in dukcapil.values():
        codes = set("35.14." + frame["NO_KEC"] + "." + frame["NO_KEL"])
        assert codes == desa
        assert set(frame["NO_PROP"]) == {"35"} and set(frame["NO_KAB"]) == {"14"}
        assert frame["NO_KEC"].nunique() == 24
    for frame in dtsen.values():
        assert {wilayah.normalise_kode_desa(code) for code in frame["KODE_DESA"].unique()} <= desa
        assert frame["KODE_DESA"].str.fullmatch(r"[0-9]{10}").all()
    for frame in pkh.values():
        assert set(frame["KODE_DESA"]) <= desa


def test_age_and_sex_structure_is_plausible(dukcapil: dict[str, pd.DataFrame]) -> None:
    for label, frame in dukcapil.items():
        alive = _alive(frame)
        age = _age(alive, parse_periode(label).tanggal_akhir)
        share_15_64 = age.between(15, 64).mean()
        assert 0.705 <= share_15_64 <= 0.735, (label, share_15_64)
        counts = alive["JENIS_KLMIN"].value_counts()
        assert set(counts.index) == {"LAKI-LAKI", "PEREMPUAN"}
        assert 97 <= 100 * counts["LAKI-LAKI"] / counts["PEREMPUAN"] <= 103


def test_every_kk_has_one_head_and_coherent_ages(dukcapil: dict[str, pd.DataFrame]) -> None:
    for label in ("2021-S1", "2025-S2"):
        frame = dukcapil[label]
        heads = frame[frame["STAT_HBKEL"] == "KEPALA KELUARGA"].groupby("NO_KK").size()
        assert heads.reindex(frame["NO_KK"].unique()).eq(1).all()
        size = _alive(frame).groupby("NO_KK").size()
        assert 3.2 <= size.mean() <= 3.6
        born = pd.to_datetime(frame["TGL_LHR"], format="%d-%m-%Y")
        people = frame.assign(born=born)
        parents = people[people["STAT_HBKEL"].isin(["KEPALA KELUARGA", "ISTRI", "SUAMI"])][["NO_KK", "born"]]
        children = people[people["STAT_HBKEL"] == "ANAK"][["NO_KK", "born"]]
        pairs = children.merge(parents, on="NO_KK", suffixes=("_anak", "_ortu"))
        gap = (pairs["born_anak"] - pairs["born_ortu"]).dt.days / 365.25
        assert gap.between(18, 45).all()


def test_nik_and_no_kk_are_well_formed_and_unique(dukcapil: dict[str, pd.DataFrame], manifest: dict) -> None:
    for label, frame in dukcapil.items():
        valid = frame[_is_nik(frame["NIK"])]
        mangled = len(frame) - len(valid)
        assert mangled == manifest["injected"]["dukcapil_nik_rusak"]["files"][f"dukcapil_{label}.csv"]
        assert valid["NIK"].is_unique
        assert (valid["NIK"].str[:6] == "3514" + valid["NO_KEC"]).all()
        day = valid["NIK"].str[6:8].astype(int) - np.where(valid["JENIS_KLMIN"] == "PEREMPUAN", 40, 0)
        born = pd.to_datetime(valid["TGL_LHR"], format="%d-%m-%Y")
        assert (day == born.dt.day).all()
        assert (valid["NIK"].str[8:10].astype(int) == born.dt.month).all()
        assert (valid["NIK"].str[10:12].astype(int) == born.dt.year % 100).all()
        assert _is_nik(frame["NO_KK"]).all()
        assert (frame.groupby("NO_KK")["NO_KEL"].nunique() == 1).all()


def test_deceased_stay_with_a_date_of_death(dukcapil: dict[str, pd.DataFrame]) -> None:
    previous = 0
    for label, frame in dukcapil.items():
        dead = frame[frame["STAT_HIDUP"] == "MATI"]
        assert (frame.loc[frame["STAT_HIDUP"] == "HIDUP", "TGL_MATI"] == "").all()
        died = pd.to_datetime(dead["TGL_MATI"], format="%d-%m-%Y")
        assert (died <= pd.Timestamp(parse_periode(label).tanggal_akhir)).all()
        assert (died >= pd.to_datetime(dead["TGL_LHR"], format="%d-%m-%Y")).all()
        assert len(dead) > previous
        previous = len(dead)


def test_desil_shares_follow_the_poverty_rate(dtsen: dict[int, pd.DataFrame], manifest: dict) -> None:
    for tahun, frame in dtsen.items():
        population = manifest["penduduk_hidup"][f"{tahun}-S1"]
        desil = frame["DESIL"].astype(int)
        assert abs((desil == 1).sum() / population - anchors.poverty_rate(tahun)) < 0.015
        assert 0.36 <= (desil <= 4).sum() / population <= 0.42
        assert set(desil) <= set(range(1, 11))
        assert 0.004 <= (frame["DISABILITAS_BERAT"] == "Y").mean() <= 0.012
        assert frame.groupby("NO_KK")["DESIL"].nunique().eq(1).all()


def test_families_move_between_desil(dtsen: dict[int, pd.DataFrame]) -> None:
    first = dtsen[2023].drop_duplicates("NO_KK").set_index("NO_KK")["DESIL"]
    second = dtsen[2024].drop_duplicates("NO_KK").set_index("NO_KK")["DESIL"]
    both = first.to_frame("a").join(second.rename("b"), how="inner")
    changed = (both["a"] != both["b"]).mean()
    assert 0.1 < changed < 0.8


def test_pkh_goes_mostly_to_desil_1_4(pkh: dict[str, pd.DataFrame], dtsen: dict[int, pd.DataFrame]) -> None:
    for name, frame in pkh.items():
        year = int(name[4:8])
        desil = dtsen[year].drop_duplicates("NO_KK").set_index("NO_KK")["DESIL"].astype(int)
        share = frame["NO_KK"].map(desil).le(4).mean()
        assert share >= 0.85, name
        assert (frame["STATUS_BAYAR"] == "SALUR").mean() > 0.95


def test_pkh_nominal_follows_the_reference_rates(pkh: dict[str, pd.DataFrame]) -> None:
    rates = pd.read_csv(REFERENCE_DIR / "pkh_komponen.csv")
    for name, frame in pkh.items():
        total = sum(
            frame[PKH_KOMPONEN_COLUMNS[row.komponen]].astype(int) * int(row.nilai_per_tahun_rp)
            for row in rates.itertuples()
        )
        assert (frame["NOMINAL"].astype(int) == total // 4).all(), name
        for row in rates[rates["maks_per_keluarga"].notna()].itertuples():
            assert frame[PKH_KOMPONEN_COLUMNS[row.komponen]].astype(int).max() <= row.maks_per_keluarga
        assert (frame["TAHUN"] == name[4:8]).all() and (frame["TAHAP"] == name[-5]).all()


def test_pkh_coverage_of_eligible_families(manifest: dict) -> None:
    left_out = manifest["injected"]["pkh_desil_1_4_tidak_tercakup"]["files"]
    eligible = manifest["denominators"]["keluarga_layak"]
    coverage = 1 - sum(left_out.values()) / sum(eligible.values())
    assert 0.6 <= coverage <= 0.75


def test_injected_counts_are_recorded_and_near_their_rates(manifest: dict) -> None:
    for key, entry in manifest["injected"].items():
        assert entry["count"] == sum(entry["files"].values()) > 0, key
        denominator = sum(manifest["denominators"][entry["per"]][name] for name in entry["files"])
        achieved = entry["count"] / denominator
        assert abs(achieved - entry["rate"]) <= 0.3 * entry["rate"] + 2 * len(entry["files"]) / denominator, key


def _register_lookup(dk: pd.DataFrame) -> tuple[dict[str, str], dict[str, str]]:
    """(NIK -> STAT_HIDUP, NO_KK -> dotted desa code) of a Dukcapil snapshot, valid NIKs only."""
    status = dict(zip(dk["NIK"].tolist(), dk["STAT_HIDUP"].tolist(), strict=True))
    desa = ("35.14." + dk["NO_KEC"] + "." + dk["NO_KEL"]).tolist()
    return status, dict(zip(dk["NO_KK"].tolist(), desa, strict=True))


def _linkage_counts(pk: pd.DataFrame, status: dict[str, str], kk_desa: dict[str, str]) -> dict[str, int]:
    nik = [n for n in pk["NIK_PENGURUS"].tolist() if len(n) == 16 and n.isdigit()]
    valid = pk[_is_nik(pk["NIK_PENGURUS"])]
    return {
        "pkh_meninggal": sum(status.get(n) == "MATI" for n in nik),
        "pkh_nik_tidak_di_dukcapil": sum(n not in status for n in nik),
        "pkh_nik_ganda": len(nik) - len(set(nik)),
        "pkh_kk_beda_desa": sum(
            kk_desa[kk] != desa for kk, desa in zip(valid["NO_KK"].tolist(), valid["KODE_DESA"].tolist(), strict=True)
        ),
    }


def test_pkh_problems_found_by_linkage_match_the_ground_truth(pkh: dict, dukcapil: dict, manifest: dict) -> None:
    lookups = {label: _register_lookup(frame) for label, frame in dukcapil.items()}
    for name, frame in pkh.items():
        periode = f"{name[4:8]}-S{1 if int(name[-5]) <= 2 else 2}"
        found = _linkage_counts(frame, *lookups[periode])
        recorded = {key: manifest["injected"][key]["files"][name] for key in found}
        assert found == recorded, name
        assert (~_is_nik(frame["NIK_PENGURUS"])).sum() == manifest["injected"]["pkh_nik_rusak"]["files"][name]


def test_deceased_pengurus_stay_on_the_roll_for_several_tahap(pkh: dict, dukcapil: dict) -> None:
    frame = pkh["pkh_2024_tahap4.csv"]
    dead = set(dukcapil["2024-S2"].query("STAT_HIDUP == 'MATI'")["NIK"]) & set(frame["NIK_PENGURUS"])
    earlier = set(pkh["pkh_2024_tahap2.csv"]["NIK_PENGURUS"])
    assert dead and len(dead & earlier) / len(dead) >= 0.5


def test_dtsen_members_missing_from_dukcapil_match_the_ground_truth(
    dtsen: dict, dukcapil: dict, manifest: dict
) -> None:
    for tahun, frame in dtsen.items():
        valid = frame[_is_nik(frame["NIK"])]
        registered = set(dukcapil[f"{tahun}-S1"]["NIK"].tolist())
        missing = sum(nik not in registered for nik in valid["NIK"].tolist())
        files = manifest["injected"]
        assert missing == files["dtsen_nik_tidak_di_dukcapil"]["files"][f"dtsen_{tahun}-S1.csv"]
        assert len(frame) - len(valid) == files["dtsen_nik_rusak"]["files"][f"dtsen_{tahun}-S1.csv"]


def test_penduduk_tahunan_bases_and_sources(demo: Path, dukcapil: dict[str, pd.DataFrame]) -> None:
    frame = _read(demo, "penduduk_tahunan.csv").astype({"TAHUN": int, "PENDUDUK": int})
    table = anchors.kecamatan_table()
    sensus_2010 = frame.query("BASIS == 'sensus' and TAHUN == 2010").set_index("KODE_KECAMATAN")["PENDUDUK"]
    expected = (table.set_index("kode_kecamatan")["penduduk_sp2010"] * SCALE).round().astype(int)
    assert sensus_2010.to_dict() == expected.to_dict()
    assert frame.query("BASIS == 'sensus' and TAHUN == 2010")["SUMBER"].str.contains("BPS").all()
    assert not frame.query("not (BASIS == 'sensus' and TAHUN == 2010)")["SUMBER"].str.contains("BPS, Sensus").any()
    assert frame.query("not (BASIS == 'sensus' and TAHUN == 2010)")["SUMBER"].str.startswith("Sintetis").all()
    by_basis = frame.groupby("BASIS")["TAHUN"].agg(["min", "max", "nunique"])
    assert by_basis.loc["estimasi_bps"].tolist() == [2011, 2024, 14]
    assert by_basis.loc["registrasi"].tolist() == [2021, 2025, 5]
    totals = frame.groupby(["BASIS", "TAHUN"])["PENDUDUK"].sum()
    assert totals[("sensus", 2020)] == round(1_605_969 * SCALE)
    for tahun, value in ((2019, 1_592_078), (2023, 1_634_022), (2024, 1_640_738)):
        assert totals[("estimasi_bps", tahun)] == round(value * SCALE)
    for tahun in YEARS:
        assert totals[("registrasi", tahun)] == len(_alive(dukcapil[f"{tahun}-S2"]))
    growth = frame.query("BASIS == 'estimasi_bps'").pivot(index="KODE_KECAMATAN", columns="TAHUN", values="PENDUDUK")
    assert (growth[2024] / growth[2011]).std() > 0.01


def test_manifest_declares_the_set_synthetic(manifest: dict) -> None:
    assert manifest["synthetic"] is True
    assert manifest["seed"] == 35014 and manifest["scale"] == SCALE
    assert manifest["periods"] == PERIODS
    figures = {a["value"] for a in manifest["anchors"]}
    assert {1_605_969, 1_634_022, 1_592_078, 1_640_738} <= figures
    assert all(a["source"] for a in manifest["anchors"])
