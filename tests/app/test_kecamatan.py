"""AppTest of the Kecamatan & Desa page: every URL parameter (valid, alias, invalid) → the view it opens.

Runs app.py on the demo marts built by the real generator and ingest; expected numbers come from the library
on the same marts. AppTest renders what a URL opens; the browser tests (tests/e2e/test_kecamatan_links.py)
check that the address follows the view.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Dataframe

from cc_analytics import briefing, links, texts
from cc_analytics.formatting import format_number, format_periode
from cc_analytics.profile import texts as tx
from cc_analytics.profile.build import Profile, build_profile
from cc_analytics.profile.data import periode_info, profile_counts, profile_distributions, profile_sources
from cc_analytics.profile.display import units_frame

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
PAGE = "pages/kecamatan_page.py"
BANGIL, KOLURSARI, GERBO = "35.14.14", "35.14.14.1001", "35.14.01.2001"


@pytest.fixture
def marts(demo_marts_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[duckdb.DuckDBPyConnection]:
    """Point the app at the demo marts; yield a read-only connection for expected values."""
    monkeypatch.setenv("CC_MARTS_PATH", str(demo_marts_path))
    monkeypatch.delenv("CC_MIN_CELL", raising=False)
    with duckdb.connect(str(demo_marts_path), read_only=True) as con:
        yield con


def expected(con: duckdb.DuckDBPyConnection, kec: str | None, desa: str | None, periode: str | None = None) -> Profile:
    chosen = periode or briefing.list_periodes(con)[-1]
    return build_profile(
        profile_counts(con, chosen, 5),
        profile_distributions(con, chosen, kec, 5),
        profile_sources(con, chosen, True),
        periode_info(con, chosen),
        kode_kecamatan=kec,
        kode_desa=desa,
        min_cell=5,
    )


def open_page(params: dict[str, str]) -> AppTest:
    """Open the page as a link with exactly ``params`` in its query string."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.switch_page(PAGE)
    at.query_params.clear()
    at.query_params.update(params)
    at.run()
    assert not at.exception
    assert not at.error
    return at


def notices(at: AppTest) -> list[str]:
    banner = "**Data sintetis untuk demo"
    return [w.value for w in at.warning if not w.value.startswith(banner)]


def metric(at: AppTest, key: str) -> str:
    return next(m.value for m in at.metric if m.label == tx.INDICATOR_LABELS[key])


def share_link(at: AppTest) -> str:
    return next(c.value for c in at.code if "periode=" in c.value)


def test_no_parameters_open_the_kabupaten(marts: duckdb.DuckDBPyConnection) -> None:
    latest = briefing.list_periodes(marts)[-1]
    at = open_page({})
    want = expected(marts, None, None)
    assert at.title[0].value == tx.TITLE["kabupaten"]
    assert metric(at, "penduduk") == format_number(want.indicators.loc["penduduk", "value"])
    assert notices(at) == []
    assert at.query_params == {"periode": latest, "kec": links.SEMUA, "desa": links.SEMUA}
    assert share_link(at) == f"?periode={latest}&kec=semua&desa=semua"
    table = at.dataframe[-1].value
    assert len(table) == 24
    assert table["penduduk"].sum() == want.indicators.loc["penduduk", "value"]


def test_source_line_under_figures(marts: duckdb.DuckDBPyConnection) -> None:
    at = open_page({"kec": BANGIL})
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Sumber: Dukcapil (sintetis), posisi 31 Desember") for c in captions)
    assert any(c.startswith("Sumber: DTSEN Kemensos (sintetis), posisi 30 Juni") for c in captions)
    assert any(c.startswith("Sumber: PKH Kemensos (sintetis)") for c in captions)


@pytest.mark.parametrize("value", ["35.14.14", "bangil", "Bangil", "351414"])
def test_kecamatan_by_code_slug_or_digits(marts: duckdb.DuckDBPyConnection, value: str) -> None:
    at = open_page({"kec": value})
    want = expected(marts, BANGIL, None)
    assert at.title[0].value == "Profil Kecamatan Bangil"
    assert at.selectbox(key="kec").value == BANGIL
    assert at.query_params["kec"] == BANGIL  # an alias is rewritten to the code
    assert notices(at) == []
    assert metric(at, "penduduk") == format_number(want.indicators.loc["penduduk", "value"])
    assert metric(at, "jumlah_kk") == format_number(want.indicators.loc["jumlah_kk", "value"])
    assert list(at.dataframe[-1].value.index) == list(units_frame(want).index)


@pytest.mark.parametrize("value", ["35.14.99", "<script>alert(1)</script>", ""])
def test_unknown_kecamatan_falls_back_to_the_kabupaten(marts: duckdb.DuckDBPyConnection, value: str) -> None:
    at = open_page({"kec": value})
    assert at.title[0].value == tx.TITLE["kabupaten"]
    assert at.selectbox(key="kec").value == links.SEMUA
    [notice] = notices(at)
    assert notice.startswith(texts.KECAMATAN_LABEL)
    assert "<script>" not in notice
    assert texts.KECAMATAN_SEMUA in notice


def test_desa_of_the_kecamatan(marts: duckdb.DuckDBPyConnection) -> None:
    at = open_page({"kec": BANGIL, "desa": KOLURSARI})
    want = expected(marts, BANGIL, KOLURSARI)
    assert at.title[0].value == "Profil Kelurahan Kolursari"
    assert "Kecamatan Bangil" in at.caption[0].value
    assert at.selectbox(key="desa").value == KOLURSARI
    assert metric(at, "penduduk") == format_number(want.indicators.loc["penduduk", "value"])
    assert share_link(at).endswith(f"kec={BANGIL}&desa={KOLURSARI}")


def test_desa_by_digits_and_slug(marts: duckdb.DuckDBPyConnection) -> None:
    for value in ("3514141001", "kolursari"):
        at = open_page({"kec": "bangil", "desa": value})
        assert at.selectbox(key="desa").value == KOLURSARI
        assert at.query_params["desa"] == KOLURSARI


def test_desa_outside_the_kecamatan_is_ignored_with_a_notice(marts: duckdb.DuckDBPyConnection) -> None:
    at = open_page({"kec": BANGIL, "desa": GERBO})
    assert at.title[0].value == "Profil Kecamatan Bangil"
    assert at.selectbox(key="desa").value == links.SEMUA
    assert notices(at) == [texts.URL_DESA_OUTSIDE.format(value="Gerbo", kecamatan="Bangil")]
    assert at.query_params["desa"] == links.SEMUA


def test_desa_alone_opens_its_kecamatan(marts: duckdb.DuckDBPyConnection) -> None:
    at = open_page({"desa": GERBO})
    assert at.title[0].value == "Profil Desa Gerbo"
    assert at.selectbox(key="kec").value == "35.14.01"
    assert notices(at) == []


def test_unknown_desa(marts: duckdb.DuckDBPyConnection) -> None:
    at = open_page({"kec": BANGIL, "desa": "3514010101800001"})  # a NIK pasted by mistake is not echoed
    assert at.title[0].value == "Profil Kecamatan Bangil"
    [notice] = notices(at)
    assert "3514010101800001" not in notice
    assert texts.DESA_SEMUA in notice


def test_periode_by_code_and_by_name(marts: duckdb.DuckDBPyConnection) -> None:
    older = briefing.list_periodes(marts)[0]
    want = expected(marts, BANGIL, None, older)
    for value in (older, format_periode(older), older.lower()):
        at = open_page({"periode": value, "kec": BANGIL})
        assert at.selectbox(key="periode").value == older
        assert at.query_params["periode"] == older
        assert at.caption[0].value.startswith(format_periode(older))
        assert metric(at, "penduduk") == format_number(want.indicators.loc["penduduk", "value"])
        assert notices(at) == []


@pytest.mark.parametrize("value", ["2019-S1", "Semester I 1999", "garbage"])
def test_periode_without_data_falls_back_to_the_latest(marts: duckdb.DuckDBPyConnection, value: str) -> None:
    latest = briefing.list_periodes(marts)[-1]
    at = open_page({"periode": value, "kec": BANGIL})
    assert at.selectbox(key="periode").value == latest
    [notice] = notices(at)
    assert notice.startswith(texts.PERIODE_LABEL) and format_periode(latest) in notice
    assert at.title[0].value == "Profil Kecamatan Bangil"  # the rest of the link still applies


def test_several_invalid_values_give_one_notice_each(marts: duckdb.DuckDBPyConnection) -> None:
    at = open_page({"periode": "x", "kec": "y", "desa": "z", "foo": "bar"})
    assert [n.split(" ")[0] for n in notices(at)] == ["Periode", "Kecamatan", "Desa/kelurahan"]
    assert at.title[0].value == tx.TITLE["kabupaten"]


def test_way_back_up_and_choosing_another_kecamatan(marts: duckdb.DuckDBPyConnection) -> None:
    at = open_page({"kec": BANGIL, "desa": KOLURSARI})
    at.button[1].click().run()  # "Kecamatan Bangil"
    assert at.title[0].value == "Profil Kecamatan Bangil"
    assert at.query_params["desa"] == links.SEMUA
    at.selectbox(key="kec").select("35.14.01").run()
    assert at.title[0].value == "Profil Kecamatan Purwodadi"
    assert at.query_params["kec"] == "35.14.01"
    at.button[0].click().run()  # "Kabupaten Pasuruan"
    assert at.title[0].value == tx.TITLE["kabupaten"]
    assert at.query_params["kec"] == links.SEMUA


def test_small_count_threshold_is_configurable(
    marts: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CC_MIN_CELL", "100000")
    at = open_page({"kec": BANGIL, "desa": KOLURSARI})
    assert metric(at, "penduduk") == "<100000"
    assert metric(at, "perubahan_penduduk") == tx.HIDDEN_VALUE
    assert any("“<100000”: kurang dari 100000" in c.value for c in at.caption)


def pyramid_spec(at: AppTest) -> dict:
    specs = [json.loads(el.proto.spec) for el in at.get("vega_lite_chart")]
    return next(s for s in specs if "layer" in s and s["layer"][0]["encoding"]["y"]["field"] == "kelompok_umur")


def test_pyramid_ticks_are_distinct_and_every_age_group_labelled(marts: duckdb.DuckDBPyConnection) -> None:
    at = open_page({"kec": BANGIL})
    spec = pyramid_spec(at)
    x_axis = spec["layer"][0]["encoding"]["x"]["axis"]
    ticks = x_axis["values"]
    assert len(ticks) == len(set(ticks)) >= 5
    assert [abs(t) for t in ticks] == [abs(t) for t in reversed(ticks)]
    assert "','" in x_axis["labelExpr"]  # decimal comma
    assert all(layer["encoding"]["y"]["axis"]["labelOverlap"] is False for layer in spec["layer"])


def units_table(at: AppTest) -> tuple[dict, Dataframe]:
    element = at.dataframe[-1]
    return json.loads(element.proto.columns), element


def test_units_table_pins_the_name_and_hides_the_code(marts: duckdb.DuckDBPyConnection) -> None:
    at = open_page({})
    columns, element = units_table(at)
    assert columns["nama"]["pinned"] is True
    assert not any(config.get("pinned") for key, config in columns.items() if key != "nama")
    assert columns["_index"]["hidden"] is True  # the code is not shown
    assert columns["cakupan_pkh"]["label"] == tx.TABLE_HEADERS["cakupan_pkh"]
    assert tx.INDICATOR_LABELS["cakupan_pkh"] in columns["cakupan_pkh"]["help"]
    assert not any(name.endswith(tx.TABLE_SELECTED) for name in element.value["nama"])
    assert "background-color" not in element.proto.arrow_data.styler.styles


def test_selected_desa_is_marked_and_highlighted(marts: duckdb.DuckDBPyConnection) -> None:
    at = open_page({"kec": BANGIL, "desa": KOLURSARI})
    _, element = units_table(at)
    names = element.value["nama"]
    assert [kode for kode, name in names.items() if name.endswith(tx.TABLE_SELECTED)] == [KOLURSARI]
    row = list(names.index).index(KOLURSARI)
    styles = element.proto.arrow_data.styler.styles
    assert f"_row{row}_col0" in styles and "background-color" in styles
    assert f"_row{row + 1}_col0" not in styles
