"""Every page works without the internet: the browser asks no host but the app's own (favicon included)."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, Request, expect

pytestmark = pytest.mark.e2e

LOAD_TIMEOUT_MS = 30_000
PAGES = ["ringkasan", "kecamatan", "data", "peta", "pkh", "proyeksi"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
LOCAL_ICON = re.compile(r"^data:image/svg\+xml")


def test_no_page_asks_another_host(page: Page, app_url: str) -> None:
    outside: list[str] = []

    def record(request: Request) -> None:
        if not request.url.startswith(("data:", "blob:")) and urlparse(request.url).hostname not in LOCAL_HOSTS:
            outside.append(request.url)

    page.on("request", record)
    for name in PAGES:
        page.goto(f"{app_url}/{name}")
        main = page.get_by_test_id("stMainBlockContainer")
        expect(main.get_by_role("heading").first).to_be_visible(timeout=LOAD_TIMEOUT_MS)
        expect(page.locator("link[rel='shortcut icon']")).to_have_attribute("href", LOCAL_ICON)
        expect(page.get_by_test_id("stException")).to_have_count(0)
        page.wait_for_load_state("networkidle")
    assert outside == []
