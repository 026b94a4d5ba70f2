"""AppTest of the Peta page: every URL parameter (valid, alias and invalid), drill-down, density with and
without boundaries, suppression, a broken boundary file; numbers checked against the library on the same marts.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from cc_analytics import briefing, wilayah
from cc_analytics.maps import load_map_boundaries
from cc_analytics.peta import texts as peta_texts
from cc_analytics.peta.area import area_km2
from cc_analytics.peta.indicators import IndicatorValues, indicator_values
from cc_analytics.store.provenance import source_line
from tests.app.routing import open_via_router

ROOT = Path(__file__).resolve().parents[2]
PAGE = "pages/peta_page.py"
SHARED = ROOT.parent / "shared" / "data" / "pasuruan"
KECAMATAN_FILE = SHARED / "pasuruan_kecamatan_simplified.geojson"
BANGIL = "35.14.14"


@pytest.fixture
def marts(demo_marts_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[duckdb.DuckDBPyConnection]:
    """The app on the demo marts, no boundary file, default suppression; a connection for expected values."""
    monkeypatch.setenv("CC_MARTS_PATH", str(demo_marts_path))
    monkeypatch.delenv("CC_MIN_CELL", raising=False)
    monkeypatch.delenv("CC_BOUNDARIES_PATH", raising=False)
    monkeypatch.setenv("CC_DATA_DIR", str(demo_marts_path.parent))  # no imported boundaries there
    with duckdb.connect(str(demo_marts_path), read_only=True) as con:
        yield con


def _open(**params: str) -> AppTest:
    return open_via_router(PAGE, **params)


def _expected(con: duckdb.DuckDBPyConnection, indikator: str, level: str, **kwargs: object) -> IndicatorValues:
    periode = briefing.list_periodes(con)[-1]
    kwargs.setdefault("min_cell", 5)
    return indicator_values(con, periode, indikator, level, is_synthetic=True, **kwargs)  # type: ignore[arg-type]


def _features(at: AppTest) -> dict[str, dict[str, object]]:
    """kode_wilayah → properties of the areas drawn on the map."""
    charts = at.get("deck_gl_json_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.json)
    areas = next(layer for layer in spec["layers"] if layer["id"] == "wilayah")
    return {f["properties"]["kode_wilayah"]: f["properties"] for f in areas["data"]["features"]}


def _captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def _notices(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def test_default_view_is_the_kecamatan_map_of_penduduk(marts: duckdb.DuckDBPyConnection) -> None:
    at = _open()
    assert at.selectbox(key="indikator").value == "penduduk"
    assert at.query_params["level"] == "kecamatan"
    expected = _expected(marts, "penduduk", "kecamatan")
    features = _features(at)
    assert len(features) == 24
    for row in expected.values.itertuples():
        assert features[row.kode_wilayah]["keterangan"] == f"Penduduk (jiwa): {row.value_label}"
    captions = _captions(at)
    assert source_line(expected.source) in captions
    assert any(c.startswith("Peta skematis") for c in captions)
    assert any(c.startswith("Penduduk · per kecamatan · Semester II") for c in captions)
    assert at.get("download_button")
    assert not at.error


DEVELOPER_WORDS = ("python -m", "BERKAS", "data/reference", "CC_")


@pytest.mark.parametrize("level", ["kecamatan", "desa"])
def test_schematic_map_explains_itself_plainly_with_technical_detail_for_analysts(
    marts: duckdb.DuckDBPyConnection, level: str
) -> None:
    at = _open(indikator="kepadatan", level=level)
    (details,) = [e for e in at.expander if e.label == "Detail teknis"]
    detail_text = " ".join(m.value for m in details.markdown)
    assert "python -m cc_analytics boundaries import" in detail_text and "kecamatan_3514.csv" in detail_text
    inside = {m.value for e in at.expander for m in e.markdown}
    flow = _captions(at) + _notices(at) + [i.value for i in at.info] + [m.value for m in at.markdown]
    assert not [text for text in flow if text not in inside and any(word in text for word in DEVELOPER_WORDS)]


def test_link_with_indicator_level_and_kecamatan_opens_its_desa(marts: duckdb.DuckDBPyConnection) -> None:
    at = _open(indikator="celah_pkh", level="desa", kec=BANGIL)
    assert at.selectbox(key="indikator").value == "celah_pkh"
    assert at.selectbox(key="kec").value == BANGIL
    desa = wilayah.desa()
    bangil = set(desa[desa["kode_kecamatan"] == BANGIL]["kode_wilayah"])
    features = _features(at)
    assert set(features) == bangil
    expected = _expected(marts, "celah_pkh", "desa").values.set_index("kode_wilayah")
    for kode, properties in features.items():
        assert (
            properties["keterangan"] == f"Keluarga layak belum KPM PKH (keluarga): {expected.loc[kode, 'value_label']}"
        )
    assert any("desa/kelurahan di Kecamatan Bangil" in c and "(PKH tahap 4 " in c for c in _captions(at))
    assert any(b.label == peta_texts.BACK_TO_REGENCY for b in at.button)
    assert not _notices(at)[1:]  # only the demo banner


def test_kecamatan_alias_in_the_link_is_accepted(marts: duckdb.DuckDBPyConnection) -> None:
    at = _open(indikator="desil_1_4", level="desa", kec="bangil")
    assert at.selectbox(key="kec").value == BANGIL
    assert at.query_params["kec"] == BANGIL
    assert len(_features(at)) == len(wilayah.desa().query("kode_kecamatan == @BANGIL"))


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({"indikator": "luas"}, "luas"),
        ({"level": "provinsi"}, "provinsi"),
    ],
)
def test_invalid_link_values_fall_back_with_a_notice(
    marts: duckdb.DuckDBPyConnection, params: dict[str, str], shown: str
) -> None:
    at = _open(**params)
    assert any(shown in notice for notice in _notices(at)), _notices(at)
    assert at.selectbox(key="indikator").value == "penduduk"
    assert len(_features(at)) == 24
    assert not at.error


def test_kecamatan_level_with_a_kecamatan_outlines_it_and_offers_its_desa(marts: duckdb.DuckDBPyConnection) -> None:
    at = _open(level="kecamatan", kec=BANGIL)
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    outlines = next(layer for layer in spec["layers"] if layer["id"] == "batas-kecamatan")
    assert [f["properties"]["kode_wilayah"] for f in outlines["data"]["features"]] == [BANGIL]
    expected = _expected(marts, "penduduk", "kecamatan").values.set_index("kode_wilayah")
    assert any(
        f"**Kecamatan Bangil** — Penduduk (jiwa): **{expected.loc[BANGIL, 'value_label']}**" in i.value for i in at.info
    )
    show_desa = next(b for b in at.button if b.label == peta_texts.SHOW_DESA.format(kecamatan="Bangil"))
    show_desa.click().run()
    assert not at.exception
    assert at.query_params["level"] == "desa"
    assert len(_features(at)) == len(wilayah.desa().query("kode_kecamatan == @BANGIL"))


def test_back_to_the_regency(marts: duckdb.DuckDBPyConnection) -> None:
    at = _open(level="desa", kec=BANGIL)
    next(b for b in at.button if b.label == peta_texts.BACK_TO_REGENCY).click().run()
    assert not at.exception
    assert at.selectbox(key="kec").value == "semua"
    assert len(_features(at)) == 365


def test_selected_desa_shows_its_value(marts: duckdb.DuckDBPyConnection) -> None:
    desa = wilayah.desa().query("kode_kecamatan == @BANGIL").iloc[2]
    at = _open(indikator="kualitas", level="desa", desa=desa["kode_wilayah"])
    assert at.selectbox(key="kec").value == BANGIL  # a link with only the desa opens its kecamatan
    expected = _expected(marts, "kualitas", "desa").values.set_index("kode_wilayah")
    value = expected.loc[desa["kode_wilayah"], "value_label"]
    assert any(f"**{desa['nama']}** (Kecamatan Bangil)" in i.value and f"**{value}**" in i.value for i in at.info)


def test_small_counts_are_hidden_on_the_map(marts: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CC_MIN_CELL", "40")
    at = _open(indikator="kualitas", level="desa")
    expected = _expected(marts, "kualitas", "desa", min_cell=40).values.set_index("kode_wilayah")
    hidden = expected[expected["status"] != "shown"]
    assert len(hidden) > 0
    features = _features(at)
    for kode in hidden.index:
        assert features[kode]["keterangan"] in (
            "Temuan kualitas data (catatan): <40",
            "Temuan kualitas data (catatan): •",
        )
    note = peta_texts.SUPPRESSION_NOTE.format(n=len(hidden), min_cell=40)
    assert note in _captions(at)


@pytest.mark.parametrize("level", ["kecamatan", "desa"])
def test_density_link_without_boundaries_opens_population_with_a_notice(
    marts: duckdb.DuckDBPyConnection, level: str
) -> None:
    at = _open(indikator="kepadatan", level=level)
    level_name = "kecamatan" if level == "kecamatan" else "desa/kelurahan"
    notice = f"Kepadatan penduduk per {level_name} belum dapat dipetakan karena luas wilayahnya belum tersedia."
    assert [n for n in _notices(at) if "Kepadatan" in n] == [notice + " Ditampilkan Penduduk."]
    assert at.selectbox(key="indikator").value == "penduduk"
    assert "kepadatan" not in at.selectbox(key="indikator").options
    assert len(_features(at)) == (24 if level == "kecamatan" else 365)
    assert at.query_params["indikator"] == "penduduk"
    assert any("indikator=penduduk" in code.value for code in at.code)  # "Salin tautan" says what is shown
    assert not at.info and not at.error


@pytest.mark.skipif(not KECAMATAN_FILE.is_file(), reason="shared public boundary files not present")
def test_density_with_boundaries(marts: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CC_BOUNDARIES_PATH", str(KECAMATAN_FILE))
    at = _open(indikator="kepadatan", level="kecamatan")
    areas = area_km2(load_map_boundaries(), "kecamatan")
    expected = _expected(marts, "kepadatan", "kecamatan", luas_km2=areas).values.set_index("kode_wilayah")
    features = _features(at)
    assert features[BANGIL]["keterangan"] == f"Kepadatan (jiwa/km²): {expected.loc[BANGIL, 'value_label']}"
    assert "Batas wilayah: pasuruan_kecamatan_simplified.geojson." in _captions(at)
    refused = "Kepadatan penduduk per desa/kelurahan belum dapat dipetakan"
    desa_level = _open(indikator="kepadatan", level="desa")  # this file has no desa: schematic, no density
    assert any(refused in notice for notice in _notices(desa_level))
    assert desa_level.selectbox(key="indikator").value == "penduduk"
    at.query_params["level"] = "desa"  # the same session moves to the desa level while density is shown
    at.run()
    assert any(refused in notice for notice in _notices(at))
    assert at.selectbox(key="indikator").value == "penduduk" and at.query_params["indikator"] == "penduduk"


def test_broken_boundary_file_is_reported_and_the_schematic_map_drawn(
    marts: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CC_BOUNDARIES_PATH", str(tmp_path / "tidak_ada.geojson"))
    at = _open()
    assert [w.value for w in at.warning if w.value == peta_texts.BOUNDARIES_UNUSABLE]
    assert not at.error
    assert not any("CC_" in text or "tidak_ada.geojson" in text for text in _notices(at) + _captions(at))
    details = " ".join(m.value for e in at.expander if e.label == "Detail teknis" for m in [*e.markdown, *e.code])
    assert "tidak_ada.geojson" in details and "CC_BOUNDARIES_PATH" in details
    assert len(_features(at)) == 24
    assert any(c.startswith("Peta skematis") for c in _captions(at))


def test_kecamatan_page_shows_a_locator_map(marts: duckdb.DuckDBPyConnection) -> None:
    at = open_via_router("pages/kecamatan_page.py", kec=BANGIL)
    charts = at.get("deck_gl_json_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.json)
    labels = next(layer for layer in spec["layers"] if layer["id"] == "lokasi-nama")
    assert [row["nama"] for row in labels["data"]] == ["Bangil"]
    assert peta_texts.LOCATOR_SCHEMATIC in _captions(at)


def test_kecamatan_page_of_the_kabupaten_has_no_locator_map(marts: duckdb.DuckDBPyConnection) -> None:
    at = open_via_router("pages/kecamatan_page.py")
    assert not at.get("deck_gl_json_chart")
