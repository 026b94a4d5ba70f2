"""AppTest: the app never shows Streamlit's own error screen, echoes no identity number from a link, and says
when small-count suppression is off.

Runs app.py on (copies of) the demo marts built by the real generator and ingest.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from cc_analytics import briefing, texts

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
KECAMATAN = "pages/kecamatan_page.py"
NIK_DASHED = "3514-0113-0971-0001"


@pytest.fixture
def demo_env(demo_marts_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app at the demo marts with the default settings."""
    monkeypatch.setenv("CC_MARTS_PATH", str(demo_marts_path))
    monkeypatch.delenv("CC_MIN_CELL", raising=False)
    return demo_marts_path


@pytest.fixture
def empty_latest(demo_marts_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A copy of the demo marts whose latest semester has no population and no families; yield that semester."""
    copy = tmp_path / "marts.duckdb"
    shutil.copy(demo_marts_path, copy)
    with duckdb.connect(str(copy)) as con:
        latest = briefing.list_periodes(con)[-1]
        for table in ("penduduk", "keluarga"):
            con.execute(f"DELETE FROM {table} WHERE periode = ?", [latest])
    monkeypatch.setenv("CC_MARTS_PATH", str(copy))
    monkeypatch.delenv("CC_MIN_CELL", raising=False)
    yield latest


def _run(page: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(page).run()
    return at


def _texts(at: AppTest) -> str:
    parts = [e.value for kind in ("error", "warning", "info", "markdown", "caption", "success") for e in at.get(kind)]
    return "\n".join(str(p) for p in parts)


def test_kecamatan_page_on_a_semester_without_population(empty_latest: str) -> None:
    at = _run(KECAMATAN, periode=empty_latest)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    at = _run(KECAMATAN, periode=empty_latest, kec="35.14.14")
    assert not at.exception, [e.value for e in at.exception]


def test_an_unexpected_error_gives_an_indonesian_message(demo_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("rahasia 3514010101800001 /srv/data")

    monkeypatch.setattr(briefing, "build_briefing", broken)
    at = _run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert errors and texts.UNEXPECTED_ERROR in errors[0]
    shown = _texts(at)
    assert "3514010101800001" not in shown and "RuntimeError" not in shown and "/srv/data" not in shown


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400", "abc"])
def test_a_bad_min_cell_is_a_clear_setting_error(demo_env: Path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CC_MIN_CELL", value)
    at = _run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("CC_MIN_CELL" in e.value for e in at.error)


@pytest.mark.parametrize(("value", "banner"), [("1", True), ("3", True), ("5", False), ("10", False)])
def test_suppression_off_or_weakened_is_said_on_every_page(
    demo_env: Path, monkeypatch: pytest.MonkeyPatch, value: str, banner: bool
) -> None:
    monkeypatch.setenv("CC_MIN_CELL", value)
    for page in (None, KECAMATAN):
        at = _run(page)
        assert not at.exception, [e.value for e in at.exception]
        warned = [w.value for w in at.warning if "CC_MIN_CELL" in w.value]
        assert bool(warned) is banner, (page, warned)


@pytest.mark.parametrize(
    "value", [NIK_DASHED, "3514_0113_0971_0001", "NIK 351401/130971/0001", "３５１４０１１３０９７１０００１"]
)
def test_an_identity_number_in_a_link_is_not_echoed(demo_env: Path, value: str) -> None:
    at = _run(kec=value, desa=value)
    assert not at.exception, [e.value for e in at.exception]
    shown = _texts(at)
    assert any("pada tautan" in w.value for w in at.warning), "the ignored link value gets a notice"
    digits = re.sub(r"\D", "", shown.replace("３５１４", ""))
    assert "351401130971" not in digits
    assert value not in shown
