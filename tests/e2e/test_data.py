"""The Data page in a real browser: accounting, the source filter in the URL, a deep link, and an upload.

The upload test runs its own server on copies of the demo raw folder and marts with ``CC_ALLOW_UPLOAD=1``:
it uploads a small PKH file for a new tahap through the file chooser, watches the import's progress and
finds the new file's row accounting on the page.
"""

from __future__ import annotations

import csv
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from playwright.sync_api import Page, expect

from cc_analytics.formatting import format_number
from cc_analytics.ingest.check_file import check_file
from cc_analytics.quality import queries as dq
from cc_analytics.quality import texts as tx
from tests.e2e.conftest import serve_app

pytestmark = pytest.mark.e2e

LOAD_TIMEOUT_MS = 30_000
IMPORT_TIMEOUT_MS = 120_000
NEW_FILE = "pkh_2026_tahap1.csv"


def _files(marts: Path, sumber: str | None = None):
    with duckdb.connect(str(marts), read_only=True) as con:
        return dq.file_table(con, sumber)


def _metric(page: Page, label: str) -> str:
    card = page.get_by_test_id("stMetric").filter(has=page.get_by_text(label, exact=True))
    return card.get_by_test_id("stMetricValue").inner_text(timeout=LOAD_TIMEOUT_MS)


def test_data_page_shows_accounting_and_a_disabled_upload(page: Page, app_url: str, demo_marts_path: Path) -> None:
    totals = dq.accounting(_files(demo_marts_path))
    page.goto(f"{app_url}/data")
    expect(page.get_by_text(tx.TITLE)).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    assert _metric(page, tx.METRIC_READ) == format_number(totals.baris_dibaca)
    assert _metric(page, tx.METRIC_REJECTED) == format_number(totals.baris_ditolak)
    expect(page.get_by_text("Hitungan seimbang untuk semua")).to_be_visible()
    expect(page.get_by_text("Sumber: catatan pemuatan berkas").first).to_be_visible()
    uploader = page.get_by_test_id("stFileUploader")
    expect(uploader.locator("input[type=file]")).to_be_disabled()
    expect(page.get_by_text(tx.UPLOAD_DISABLED)).to_be_visible()
    setting = page.get_by_text("CC_ALLOW_UPLOAD=1")
    expect(setting).to_be_hidden()  # for analysts, inside the closed "Detail teknis"
    page.get_by_test_id("stExpander").filter(has_text=tx.TECHNICAL_HEADING).last.locator("summary").click()
    expect(setting).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_choosing_a_source_rewrites_the_url(page: Page, app_url: str, demo_marts_path: Path) -> None:
    pkh_files = _files(demo_marts_path, "pkh")
    page.goto(f"{app_url}/data")
    page.get_by_role("radio", name=tx.SUMBER_LABELS["pkh"], exact=True).click(timeout=LOAD_TIMEOUT_MS)
    expect(page).to_have_url(re.compile(r"sumber=pkh"))
    expect(page.get_by_text(tx.SUMBER_TITLES["dukcapil"])).to_have_count(0, timeout=LOAD_TIMEOUT_MS)
    expect(page.get_by_text(tx.SUMBER_TITLES["pkh"])).to_be_visible()
    expect(
        page.get_by_test_id("stMetric")
        .filter(has=page.get_by_text(tx.METRIC_FILES, exact=True))
        .get_by_test_id("stMetricValue")
    ).to_have_text(format_number(len(pkh_files)), timeout=LOAD_TIMEOUT_MS)


def test_deep_link_opens_one_files_rejections(page: Page, app_url: str, demo_marts_path: Path) -> None:
    files = _files(demo_marts_path, "dtsen")
    name = dq.rejected_files(files)[0]
    account = files[files["file_name"] == name].iloc[0]
    page.goto(f"{app_url}/data?sumber=dtsen&berkas={name}")
    summary = (
        f"{name}: {format_number(int(account['baris_ditolak']))} dari {format_number(int(account['baris_dibaca']))}"
    )
    expect(page.get_by_text(summary)).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    expect(page.get_by_text(tx.REJECTED_LOCKED)).to_be_visible()
    expect(page).to_have_url(re.compile(r"berkas=" + re.escape(name)))
    expect(page.get_by_test_id("stException")).to_have_count(0)


def _new_pkh_file(raw: Path, folder: Path) -> Path:
    """A PKH file for 2026 tahap 1: the first 30 rows of the newest demo PKH file, plus one broken NIK."""
    source = sorted(raw.glob("pkh_*_tahap*.csv"))[-1]
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = [row for _, row in zip(range(30), reader, strict=False)]
    tahun, tahap = header.index("TAHUN"), header.index("TAHAP")
    for row in rows:
        row[tahun], row[tahap] = "2026", "1"
    broken = list(rows[0])
    broken[header.index("NIK_PENGURUS")] = "123"
    path = folder / NEW_FILE
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerows([header, *rows, broken])
    return path


@pytest.fixture
def upload_app(
    demo_raw_dir: Path, demo_marts_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, Path]]:
    """A server with uploads on, over copies of the demo raw folder and marts; yields (URL, marts path)."""
    raw = tmp_path / "data" / "raw" / "demo"
    shutil.copytree(demo_raw_dir, raw)
    marts = tmp_path / "data" / "marts" / "cc_analytics.duckdb"
    marts.parent.mkdir(parents=True)
    shutil.copy2(demo_marts_path, marts)
    monkeypatch.setenv("CC_RAW_DIR", str(raw))
    monkeypatch.setenv("CC_ALLOW_UPLOAD", "1")
    with serve_app(marts, tmp_path / "streamlit.log") as url:
        yield url, marts


def test_upload_imports_a_new_file_with_progress(
    page: Page, upload_app: tuple[str, Path], demo_raw_dir: Path, tmp_path: Path
) -> None:
    url, marts = upload_app
    before = dq.accounting(_files(marts))
    path = _new_pkh_file(demo_raw_dir, tmp_path)
    expected = check_file(path)
    assert (expected.baris_dibaca, expected.baris_ditolak) == (31, 1)

    # Through the menu: a server's first request for /data itself shows a "Page not found" notice for a moment.
    page.goto(url)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=tx.PAGE_TITLE).click(timeout=LOAD_TIMEOUT_MS)
    expect(page.get_by_text(tx.UPLOAD_EXPLAIN)).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name=tx.CHECK_BUTTON).click(timeout=LOAD_TIMEOUT_MS)
    check_text = f"{NEW_FILE} (PKH): 31 dibaca = {format_number(expected.baris_diterima)} diterima + 1 ditolak."
    expect(page.get_by_text(check_text)).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    assert _files(marts)["file_name"].tolist().count(NEW_FILE) == 0  # checking imports nothing

    page.get_by_role("button", name=tx.IMPORT_BUTTON, exact=True).click()
    expect(page.get_by_text(tx.IMPORT_RUNNING)).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    expect(page.get_by_test_id("stProgress")).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    result = f"{NEW_FILE}: 31 dibaca = {format_number(expected.baris_diterima)} diterima + 1 ditolak"
    expect(page.get_by_text(result)).to_be_visible(timeout=IMPORT_TIMEOUT_MS)
    expect(page.get_by_text(tx.IMPORT_SUCCESS)).to_be_visible()

    expect(
        page.get_by_test_id("stMetric")
        .filter(has=page.get_by_text(tx.METRIC_FILES, exact=True))
        .get_by_test_id("stMetricValue")
    ).to_have_text(format_number(before.jumlah_berkas + 1), timeout=LOAD_TIMEOUT_MS)
    assert _metric(page, tx.METRIC_READ) == format_number(before.baris_dibaca + 31)
    after = _files(marts)
    row = after[after["file_name"] == NEW_FILE].iloc[0]
    assert (row["baris_dibaca"], row["baris_ditolak"]) == (31, 1)
    expect(page.get_by_test_id("stException")).to_have_count(0)
