"""AppTest over every page registered in app.py, on the demo marts built by the real generator and ingest.

The pages are read from app.py itself (every ``st.Page("<file>", ..., url_path=...)`` call), so a page added
there is tested here without touching this file. Expected numbers come from the library on the same marts.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from cc_analytics import briefing, texts
from cc_analytics.briefing import texts as tx
from cc_analytics.formatting import format_number, format_percent, format_periode
from cc_analytics.store.provenance import source_line

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"


def registered_pages() -> list[tuple[str, str]]:
    """``(script path, url_path)`` of every ``st.Page`` call in app.py, in order."""
    pages = []
    for node in ast.walk(ast.parse(APP.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "Page":
            script = node.args[0].value  # type: ignore[attr-defined]
            url_path = next((k.value.value for k in node.keywords if k.arg == "url_path"), Path(script).stem)  # type: ignore[attr-defined]
            pages.append((str(script), str(url_path)))
    return pages


PAGES = registered_pages()


@pytest.fixture
def marts(demo_marts_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[duckdb.DuckDBPyConnection]:
    """Point the app at the demo marts; yield a read-only connection for expected values."""
    monkeypatch.setenv("CC_MARTS_PATH", str(demo_marts_path))
    monkeypatch.delenv("CC_MIN_CELL", raising=False)
    with duckdb.connect(str(demo_marts_path), read_only=True) as con:
        yield con


def new_app() -> AppTest:
    return AppTest.from_file(str(APP), default_timeout=30)


def expected_briefing(con: duckdb.DuckDBPyConnection, periode: str | None = None) -> briefing.Briefing:
    latest = periode or briefing.list_periodes(con)[-1]
    return briefing.build_briefing(con, latest, min_cell=5, is_synthetic=True)


def metric_values(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_pages_are_registered() -> None:
    assert PAGES, "app.py registers no st.Page"
    assert all((ROOT / script).is_file() for script, _ in PAGES)


def test_url_paths_differ_from_page_file_names() -> None:
    """A ``pages/`` folder next to app.py makes Streamlit start in its legacy multipage mode until
    ``st.navigation`` first runs: a deep link whose path equals a file name would then run that file
    without app.py (no banner, no periode selector). Distinct names send it through app.py instead."""
    stems = {path.stem for path in (ROOT / "pages").glob("*.py")}
    assert not stems & {url_path for _, url_path in PAGES}


@pytest.mark.parametrize("script", [script for script, _ in PAGES])
def test_every_page_renders_with_banner(marts: duckdb.DuckDBPyConnection, script: str) -> None:
    at = new_app()
    at.run()
    at.switch_page(script).run()
    assert not at.exception
    assert not at.error
    assert any(w.value.startswith("**Data sintetis untuk demo — bukan data resmi.**") for w in at.warning)
    assert at.selectbox(key="periode").value == briefing.list_periodes(marts)[-1]


def test_ringkasan_shows_library_numbers(marts: duckdb.DuckDBPyConnection) -> None:
    expected = expected_briefing(marts)
    at = new_app()
    at.run()
    assert not at.exception
    metrics = metric_values(at)
    kpis = expected.kpis
    assert metrics[tx.KPI_LABELS["penduduk"]] == format_number(kpis["penduduk"].value)
    assert metrics[tx.KPI_LABELS["jumlah_kk"]] == format_number(kpis["jumlah_kk"].value)
    assert metrics[tx.KPI_LABELS["cakupan_pkh"]] == format_percent(kpis["cakupan_pkh"].value)
    assert expected.tahap is not None
    kpm_label = tx.KPM_PKH_LABEL_TAHAP.format(tahap=expected.tahap.tahap, tahun=expected.tahap.tahun)
    assert metrics[kpm_label] == format_number(kpis["kpm_pkh"].value)
    assert len(metrics) == len(briefing.KPI_KEYS)
    captions = [c.value for c in at.caption]
    assert source_line(kpis["penduduk"].source) in captions
    assert "(sintetis), posisi 31 Desember" in source_line(kpis["penduduk"].source)
    assert any(i.value == expected.narrative for i in at.info)
    assert len(at.dataframe) == 1


def test_periode_from_url_carries_into_the_page(marts: duckdb.DuckDBPyConnection) -> None:
    first = briefing.list_periodes(marts)[0]
    at = new_app()
    at.query_params["periode"] = format_periode(first)
    at.run()
    assert at.selectbox(key="periode").value == first
    expected = expected_briefing(marts, first)
    assert metric_values(at)[tx.KPI_LABELS["penduduk"]] == format_number(expected.kpis["penduduk"].value)


def test_periode_label_in_url_is_accepted(marts: duckdb.DuckDBPyConnection) -> None:
    first = briefing.list_periodes(marts)[0]
    at = new_app()
    at.query_params["periode"] = first
    at.run()
    assert at.selectbox(key="periode").value == first
    assert not [w for w in at.warning if w.icon == ":material/link_off:"]  # no "value ignored" notice


def test_unknown_periode_in_url_is_reported(marts: duckdb.DuckDBPyConnection) -> None:
    at = new_app()
    at.query_params["periode"] = "Semester I 1999"
    at.run()
    assert at.selectbox(key="periode").value == briefing.list_periodes(marts)[-1]
    assert any("Semester I 1999" in w.value for w in at.warning)


def test_choosing_a_periode_updates_the_numbers(marts: duckdb.DuckDBPyConnection) -> None:
    periodes = briefing.list_periodes(marts)
    at = new_app()
    at.run()
    at.selectbox(key="periode").select(periodes[-2]).run()
    assert not at.exception
    expected = expected_briefing(marts, periodes[-2])
    assert metric_values(at)[tx.KPI_LABELS["jumlah_kk"]] == format_number(expected.kpis["jumlah_kk"].value)


def test_configuration_error_is_a_message_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CC_MIN_CELL", "lima")
    at = new_app()
    at.run()
    assert not at.exception
    assert "CC_MIN_CELL" in at.error[0].value


def test_outdated_marts_are_a_message_not_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
        con.execute("INSERT INTO meta VALUES ('dataset_kind', 'demo'), ('latest_periode', '2025-S2')")
    monkeypatch.setenv("CC_MARTS_PATH", str(path))
    at = new_app()
    at.run()
    assert not at.exception
    assert "python -m cc_analytics ingest" in at.error[0].value


def test_first_run_builds_the_demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CC_MARTS_PATH", str(tmp_path / "marts" / "cc_analytics.duckdb"))
    monkeypatch.setenv("CC_RAW_DIR", str(tmp_path / "raw"))
    monkeypatch.setenv("CC_DEMO_SCALE", "0.005")
    at = new_app()
    at.run(timeout=120)
    assert not at.exception
    assert (tmp_path / "marts" / "cc_analytics.duckdb").is_file()
    assert at.status[0].proto.label == texts.BOOTSTRAP_DONE  # type: ignore[union-attr]
    assert len(at.metric) == len(briefing.KPI_KEYS)
