"""AppTest of the Data page on the demo marts: every URL parameter (valid and not), settings, expected numbers.

Expected values come from the library on the same marts (:mod:`cc_analytics.quality.queries`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from cc_analytics import briefing
from cc_analytics.formatting import format_number, format_periode
from cc_analytics.quality import display
from cc_analytics.quality import queries as dq
from cc_analytics.quality import texts as tx
from tests.app.routing import open_via_router

PAGE = "pages/data_page.py"


@pytest.fixture
def marts(demo_marts_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[duckdb.DuckDBPyConnection]:
    """Point the app at the demo marts with default settings; yield a connection for expected values."""
    monkeypatch.setenv("CC_MARTS_PATH", str(demo_marts_path))
    for name in ("CC_MIN_CELL", "CC_ALLOW_UPLOAD", "CC_ALLOW_ROW_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    with duckdb.connect(str(demo_marts_path), read_only=True) as con:
        yield con


def open_page(**params: str) -> AppTest:
    at = open_via_router(PAGE, **params)
    assert not at.error, [e.value for e in at.error]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def notices(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if not w.value.startswith("**Data sintetis")]


def test_page_shows_every_source_and_balanced_accounting(marts):
    files = dq.file_table(marts)
    totals = dq.accounting(files)
    at = open_page()
    assert at.title[0].value == tx.TITLE
    got = metrics(at)
    assert got[tx.METRIC_FILES] == format_number(totals.jumlah_berkas)
    assert got[tx.METRIC_READ] == format_number(totals.baris_dibaca)
    assert got[tx.METRIC_ACCEPTED] == format_number(totals.baris_diterima)
    assert got[tx.METRIC_REJECTED] == format_number(totals.baris_ditolak)
    assert totals.baris_dibaca == totals.baris_diterima + totals.baris_ditolak
    assert any(s.value.startswith("Hitungan seimbang untuk semua") for s in at.success)
    assert [s.value for s in at.subheader] == [tx.SUMBER_TITLES[s] for s in dq.list_sources(marts)]
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Sumber: catatan pemuatan berkas — data sintetis, dibangun") for c in captions)
    assert any(c.startswith("Sumber: Dukcapil (sintetis), posisi") for c in captions)
    assert at.segmented_control(key="sumber").value == "semua"


def test_file_tables_hold_the_library_rows(marts):
    at = open_page(sumber="pkh")
    (table,) = [d.value for d in at.dataframe if tx.FILE_COLUMNS["baris_dibaca"] in d.value.columns]
    expected = display.files_for_display(dq.file_table(marts, "pkh"))
    assert table.values.tolist() == expected.values.tolist()


DEVELOPER_WORDS = ("SHA-256", "CC_", "python -m", "ingest")


def _technical(at: AppTest) -> list:
    return [e for e in at.expander if e.label == tx.TECHNICAL_HEADING]


def test_main_flow_is_plain_indonesian_with_technical_detail_for_analysts(marts):
    at = open_page(sumber="pkh")
    inside = {id(el) for e in at.expander for el in [*e.dataframe, *e.markdown, *e.caption]}
    shown = [*at.caption, *at.info, *at.markdown, *at.success, *at.warning]
    flow = [el.value for el in shown if id(el) not in inside]
    assert not [text for text in flow if any(word in text for word in DEVELOPER_WORDS)]
    headers = [c for d in at.dataframe if id(d) not in inside for c in d.value.columns]
    assert not [c for c in headers if "SHA" in c]
    details = _technical(at)
    (fingerprints,) = [d.value for e in details for d in e.dataframe]
    expected = display.file_details_for_display(dq.file_table(marts, "pkh"))
    assert fingerprints.values.tolist() == expected.values.tolist()
    settings_text = " ".join(m.value for e in details for m in e.markdown)
    assert "CC_ALLOW_ROW_LEVEL=1" in settings_text and "CC_ALLOW_UPLOAD=1" in settings_text


def test_match_rates_of_the_latest_semester(marts):
    latest = briefing.list_periodes(marts)[-1]
    rates = dq.match_rates(marts, latest, min_cell=5)
    at = open_page()
    got = metrics(at)
    for metric in display.pair_metrics(rates, list(dq.PAIRS)):
        assert got[metric.label] == metric.rate
    assert any(c.value.startswith(format_periode(latest)) for c in at.caption)
    table = next(d.value for d in at.dataframe if tx.MATCH_COLUMNS["nama_kecamatan"] in d.value.columns)
    assert table.values.tolist() == display.match_table_for_display(rates, list(dq.PAIRS)).values.tolist()
    assert len(table) == 25


def test_periode_from_url_changes_the_match_rates(marts):
    first = briefing.list_periodes(marts)[0]
    rates = dq.match_rates(marts, first, min_cell=5)
    at = open_page(periode=first)
    pair = display.pair_metrics(rates, ["dtsen_dukcapil"])[0]
    assert metrics(at)[pair.label] == pair.rate
    assert any(c.value.startswith(format_periode(first)) for c in at.caption)


@pytest.mark.parametrize("sumber", ["dukcapil", "dtsen", "pkh"])
def test_sumber_from_url_filters_files_pairs_and_reasons(marts, sumber):
    files = dq.file_table(marts, sumber)
    at = open_page(sumber=sumber)
    assert at.segmented_control(key="sumber").value == sumber
    assert [s.value for s in at.subheader] == [tx.SUMBER_TITLES[sumber]]
    assert metrics(at)[tx.METRIC_FILES] == format_number(len(files))
    pair_labels = {tx.PAIR_METRIC.format(pair=tx.PAIR_LABELS[p]) for p in dq.PAIRS_OF_SOURCE[sumber]}
    assert {label for label in metrics(at) if label.endswith(": cocok")} == pair_labels
    reasons = next(d.value for d in at.dataframe if tx.REASON_COLUMNS["alasan"] in d.value.columns)
    assert set(reasons[tx.REASON_COLUMNS["sumber"]]) == {tx.SUMBER_LABELS[sumber]}


def test_annual_population_has_no_linkage(marts):
    at = open_page(sumber="penduduk")
    assert any(i.value == tx.MATCH_NOT_LINKED for i in at.info)
    assert not [m for m in metrics(at) if m.endswith(": cocok")]


def test_unknown_sumber_falls_back_to_all_with_a_notice(marts):
    at = open_page(sumber="bpjs")
    assert at.segmented_control(key="sumber").value == "semua"
    assert any("bpjs" in n for n in notices(at))
    assert len(at.subheader) == len(dq.list_sources(marts))


def test_berkas_defaults_to_the_newest_file_with_rejections(marts):
    files = dq.file_table(marts)
    newest = dq.newest_rejected_file(files)
    at = open_page()
    assert at.selectbox(key="berkas").value == newest
    account = files[files["file_name"] == newest].iloc[0]
    summary = tx.REJECTED_SUMMARY.format(
        file=f"**{newest}**",
        rejected=format_number(int(account["baris_ditolak"])),
        read=format_number(int(account["baris_dibaca"])),
    )
    assert summary in [m.value for m in at.markdown]


def test_berkas_from_url_shows_that_files_reasons(marts):
    name = dq.rejected_files(dq.file_table(marts, "dtsen"))[0]
    at = open_page(berkas=name)
    assert at.selectbox(key="berkas").value == name
    reasons = dq.rejection_reasons(marts, None, name)
    tables = [d.value for d in at.dataframe if tx.REASON_COLUMNS["alasan"] in d.value.columns]
    assert tables[-1].values.tolist() == display.reasons_for_display(reasons).values.tolist()
    assert any(i.value == tx.REJECTED_LOCKED for i in at.info)
    assert not at.get("download_button")


@pytest.mark.parametrize("berkas", ["tidak_ada.csv", "../../etc/passwd", ""])
def test_unknown_berkas_falls_back_with_a_notice(marts, berkas):
    at = open_page(berkas=berkas)
    assert at.selectbox(key="berkas").value == dq.newest_rejected_file(dq.file_table(marts))
    assert notices(at)


def test_berkas_of_another_source_than_the_filter_is_refused(marts):
    dukcapil_file = dq.rejected_files(dq.file_table(marts, "dukcapil"))[0]
    at = open_page(sumber="pkh", berkas=dukcapil_file)
    assert at.selectbox(key="berkas").value == dq.newest_rejected_file(dq.file_table(marts, "pkh"))
    assert any(dukcapil_file in n for n in notices(at))


def test_rejected_rows_and_download_when_row_level_is_allowed(marts, monkeypatch):
    monkeypatch.setenv("CC_ALLOW_ROW_LEVEL", "1")
    name = dq.rejected_files(dq.file_table(marts, "pkh"))[0]
    at = open_page(berkas=name)
    rows = dq.rejected_rows(marts, name)
    table = next(d.value for d in at.dataframe if tx.REJECTED_COLUMNS["nilai"] in d.value.columns)
    assert table[tx.REJECTED_COLUMNS["nomor_baris"]].tolist() == rows["nomor_baris"].tolist()
    assert all(v == "" or "*" in v or not v.isdigit() for v in table[tx.REJECTED_COLUMNS["nilai"]])
    assert any(w.value == tx.REJECTED_CONFIDENTIAL for w in at.warning)
    (button,) = at.get("download_button")
    assert button.proto.label == tx.REJECTED_DOWNLOAD


def test_upload_is_disabled_by_default(marts):
    at = open_page()
    assert any(i.value == tx.UPLOAD_DISABLED for i in at.info)
    (uploader,) = at.get("file_uploader")
    assert uploader.proto.disabled


def test_upload_is_offered_when_enabled(marts, monkeypatch):
    monkeypatch.setenv("CC_ALLOW_UPLOAD", "1")
    at = open_page()
    assert not any(i.value == tx.UPLOAD_DISABLED for i in at.info)
    (uploader,) = at.get("file_uploader")
    assert not uploader.proto.disabled
    assert tx.UPLOAD_EXPLAIN in [c.value for c in at.caption]
    assert tx.UPLOAD_DEMO_NOTE in [c.value for c in at.caption]


def test_small_counts_follow_the_min_cell_setting(marts, monkeypatch):
    monkeypatch.setenv("CC_MIN_CELL", "1")
    latest = briefing.list_periodes(marts)[-1]
    at = open_page()
    table = next(d.value for d in at.dataframe if tx.MATCH_COLUMNS["nama_kecamatan"] in d.value.columns)
    rates = dq.match_rates(marts, latest, min_cell=1)
    assert table.values.tolist() == display.match_table_for_display(rates, list(dq.PAIRS)).values.tolist()
    assert not any("<" in str(v) for v in table.values.ravel())
