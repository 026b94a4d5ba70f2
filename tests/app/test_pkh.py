"""AppTest of the PKH coverage page (``/pkh``) on the demo marts built by the real generator and ingest.

Every URL parameter the page reads (``periode``, ``kec``, ``desa`` from the sidebar; ``tahap``, ``komponen``
here) is opened from a link, valid and invalid; expected numbers come from the library on the same marts.
The masked verification list is checked with and without ``CC_ALLOW_ROW_LEVEL``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from cc_analytics.briefing.build import list_periodes
from cc_analytics.pkh import display
from cc_analytics.pkh import method as coverage_method
from cc_analytics.pkh import texts as t
from cc_analytics.pkh.queries import Selection, tahap_options
from cc_analytics.pkh.view import PkhView, build_view
from cc_analytics.store.provenance import source_line
from tests.app.routing import open_via_router

PAGE = "pages/pkh_page.py"
LONG_NUMBER = re.compile(r"\d{12,}")


@pytest.fixture
def marts(demo_marts_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[duckdb.DuckDBPyConnection]:
    """Point the app at the demo marts (row-level lists off, default threshold); yield a read-only connection."""
    monkeypatch.setenv("CC_MARTS_PATH", str(demo_marts_path))
    monkeypatch.delenv("CC_MIN_CELL", raising=False)
    monkeypatch.delenv("CC_ALLOW_ROW_LEVEL", raising=False)
    with duckdb.connect(str(demo_marts_path), read_only=True) as con:
        yield con


def open_page(**params: str) -> AppTest:
    return open_via_router(PAGE, **params)


def latest(con: duckdb.DuckDBPyConnection) -> tuple[str, int]:
    periode = list_periodes(con)[-1]
    return periode, tahap_options(con, periode)[-1]


def expected(con: duckdb.DuckDBPyConnection, selection: Selection) -> PkhView:
    return build_view(con, selection, min_cell=5, is_synthetic=True)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def card_values(view: PkhView) -> dict[str, str]:
    return {c.label: c.value for c in display.summary_cards(view)}


def notices(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if not w.value.startswith("**Data sintetis")]


def page_text(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "warning", "title", "subheader") for e in at.get(kind)]
    parts += [df.value.to_string() for df in at.dataframe]
    return "\n".join(str(p) for p in parts)


def test_default_view_shows_the_library_figures(marts):
    periode, tahap = latest(marts)
    view = expected(marts, Selection(periode, tahap))
    at = open_page()
    assert not at.error
    assert at.title[0].value == t.TITLE
    assert metrics(at) == card_values(view)
    assert at.segmented_control(key="tahap").value == tahap
    assert at.selectbox(key="komponen").value == "semua"
    captions = [c.value for c in at.caption]
    assert display.subtitle(view) in captions
    assert source_line(view.source) in captions
    assert "(sintetis)" in source_line(view.source)
    assert any(i.value == " ".join(view.narrative) for i in at.info)
    ranking = at.dataframe[0].value
    assert list(ranking.columns) == list(t.RANKING_COLUMNS.values())
    assert ranking.equals(display.ranking_table(view))
    assert at.dataframe[1].value.equals(display.komponen_table(view))
    assert at.dataframe[2].value.equals(display.inclusion_table(view))
    assert at.table[0].value.equals(coverage_method.policy_table())
    assert any(i.value == t.VERVAL_DISABLED for i in at.info)
    assert any(f"]({display.peta_link(view.selection)})" in m.value for m in at.markdown)
    assert not LONG_NUMBER.search(page_text(at))


def test_tahap_and_komponen_from_the_url(marts):
    periode, _ = latest(marts)
    first = tahap_options(marts, periode)[0]
    at = open_page(tahap=str(first), komponen="sd")
    assert at.segmented_control(key="tahap").value == first
    assert at.selectbox(key="komponen").value == "sd"
    assert metrics(at) == card_values(expected(marts, Selection(periode, first, "sd")))
    assert not notices(at)


def test_komponen_alias_in_the_url_is_accepted(marts):
    at = open_page(komponen="Lansia 70 tahun ke atas")
    assert at.selectbox(key="komponen").value == "lansia"
    assert not notices(at)


@pytest.mark.parametrize(
    ("params", "label"),
    [
        ({"tahap": "9"}, t.TAHAP_LABEL),
        ({"tahap": "tiga"}, t.TAHAP_LABEL),
        ({"komponen": "ibu_hamil"}, t.KOMPONEN_LABEL),
    ],
)
def test_invalid_values_fall_back_with_a_notice(marts, params, label):
    periode, tahap = latest(marts)
    at = open_page(**params)
    assert not at.error
    assert at.segmented_control(key="tahap").value == tahap
    assert at.selectbox(key="komponen").value == "semua"
    assert metrics(at) == card_values(expected(marts, Selection(periode, tahap)))
    assert any(label in n and "diabaikan" in n for n in notices(at))


def test_tahap_of_another_semester_is_refused(marts):
    periodes = list_periodes(marts)
    older = periodes[-2]
    other_tahap = tahap_options(marts, periodes[-1])[-1]
    at = open_page(periode=older, tahap=str(other_tahap))
    assert at.segmented_control(key="tahap").value == tahap_options(marts, older)[-1]
    assert any(t.TAHAP_LABEL in n for n in notices(at))


def test_kecamatan_lists_its_desa(marts):
    periode, tahap = latest(marts)
    kec = "35.14.14"
    view = expected(marts, Selection(periode, tahap, kode_kecamatan=kec))
    at = open_page(kec=kec)
    assert metrics(at) == card_values(view)
    assert t.RANKING_HEADING["desa"].format(kecamatan="Kecamatan Bangil") in [s.value for s in at.subheader]
    if view.tables.listed_coverage("semua").is_withheld:
        assert any(i.value.startswith("Rincian per desa untuk Kecamatan Bangil") for i in at.info)
    else:
        assert at.dataframe[0].value.equals(display.ranking_table(view))
    assert any("level=desa" in m.value and "kec=35.14.14" in m.value for m in at.markdown)


def test_kecamatan_by_name_in_the_url(marts):
    at = open_page(kec="bangil", komponen="sma")
    assert at.selectbox(key="kec").value == "35.14.14"
    assert at.selectbox(key="komponen").value == "sma"
    assert any(c.value.startswith("Kecamatan Bangil · ") and c.value.endswith("Anak usia SMA") for c in at.caption)


def a_desa_with_a_list(con: duckdb.DuckDBPyConnection, periode: str) -> str:
    """A desa whose verification list holds both kinds of rows."""
    return con.execute(
        "SELECT kode_desa FROM verval WHERE periode = ? GROUP BY 1 HAVING count(DISTINCT jenis) = 2 "
        "ORDER BY count(*) DESC, 1 LIMIT 1",
        [periode],
    ).fetchone()[0]


def test_desa_view_without_row_level_shows_no_list(marts):
    periode, tahap = latest(marts)
    desa = a_desa_with_a_list(marts, periode)
    at = open_page(kec=desa[:8], desa=desa)
    assert metrics(at) == card_values(
        expected(marts, Selection(periode, tahap, kode_kecamatan=desa[:8], kode_desa=desa))
    )
    assert any(i.value == t.VERVAL_DISABLED for i in at.info)
    assert not any("CC_" in i.value for i in at.info)  # the setting's name is for analysts only
    (detail,) = [e for e in at.expander if e.label == t.VERVAL_DISABLED_DETAIL_HEADING]
    assert "CC_ALLOW_ROW_LEVEL=1" in detail.markdown[0].value
    assert [b.proto.label for b in at.download_button] in ([], [t.DOWNLOAD_TABLE])
    assert "*" * 12 not in page_text(at)
    assert not LONG_NUMBER.search(page_text(at))


def test_desa_view_with_row_level_shows_the_masked_list(marts, monkeypatch):
    monkeypatch.setenv("CC_ALLOW_ROW_LEVEL", "1")
    periode, _ = latest(marts)
    desa = a_desa_with_a_list(marts, periode)
    at = open_page(kec=desa[:8], desa=desa)
    assert not at.error
    assert any(t.VERVAL_CONFIDENTIAL in m.value for m in at.markdown)
    usulan, periksa = [df.value for df in at.dataframe if "NIK (tersamar)" in df.value.columns]
    assert "Anggota layak" in usulan.columns and "Keterangan masalah" in periksa.columns
    assert len(usulan) >= 1 and len(periksa) >= 1
    for frame in (usulan, periksa):
        assert frame["NIK (tersamar)"].str.fullmatch(r"(\*{12}\d{4})?").all()
        assert frame["No. KK (tersamar)"].str.fullmatch(r"\*{12}\d{4}").all()
    count = marts.execute("SELECT count(*) FROM verval WHERE periode = ? AND kode_desa = ?", [periode, desa]).fetchone()
    assert len(usulan) + len(periksa) == count[0]
    assert [b.proto.label for b in at.download_button][-1] == t.VERVAL_DOWNLOAD
    assert not LONG_NUMBER.search(page_text(at))


def test_row_level_needs_a_desa(marts, monkeypatch):
    monkeypatch.setenv("CC_ALLOW_ROW_LEVEL", "1")
    at = open_page(kec="35.14.14")
    assert any(i.value == t.VERVAL_PICK_DESA for i in at.info)
    assert "*" * 12 not in page_text(at)


def test_choosing_a_komponen_changes_the_figures(marts):
    periode, tahap = latest(marts)
    at = open_page()
    at.selectbox(key="komponen").select("lansia").run()
    assert not at.exception
    assert metrics(at) == card_values(expected(marts, Selection(periode, tahap, "lansia")))
    at.segmented_control(key="tahap").set_value(tahap_options(marts, periode)[0]).run()
    first = tahap_options(marts, periode)[0]
    assert metrics(at) == card_values(expected(marts, Selection(periode, first, "lansia")))


def test_clicking_the_active_tahap_keeps_it(marts):
    """A second click on the selected tahap cannot clear it, and a cleared value keeps the tahap shown."""
    periode, latest_tahap = latest(marts)
    options = tahap_options(marts, periode)
    chosen = options[0]
    assert chosen != latest_tahap
    at = open_page(tahap=str(chosen))
    control = at.segmented_control(key="tahap")
    assert control.proto.required
    control.unselect(chosen).run()
    assert not at.exception
    assert at.segmented_control(key="tahap").value == chosen
    assert metrics(at) == card_values(expected(marts, Selection(periode, chosen)))


def test_small_threshold_setting_is_used(marts, monkeypatch):
    monkeypatch.setenv("CC_MIN_CELL", "20")
    periode, tahap = latest(marts)
    at = open_page(kec="35.14.24")
    view = build_view(marts, Selection(periode, tahap, kode_kecamatan="35.14.24"), min_cell=20, is_synthetic=True)
    assert metrics(at) == card_values(view)
    assert any("“<20”" in c.value for c in at.caption)
