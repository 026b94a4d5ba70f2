"""Real-browser fixtures: Debian's chromium via Playwright, and the app served by ``streamlit run``.

The browser is Debian's chromium (``apt-get install chromium``), launched from ``/usr/bin/chromium``, so no
``playwright install`` download is needed.
The app server is a subprocess on a free port (:func:`cc_analytics.bench.app_server.serve_app`), pointed at the
demo marts through ``CC_MARTS_PATH``; it is ready when ``/_stcore/health`` answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from cc_analytics.bench import app_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
STARTUP_DEADLINE_S = 60.0


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's chromium with flags that keep it quiet and offline."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@contextmanager
def serve_app(marts_path: Path, log: Path) -> Iterator[str]:
    """Run ``streamlit run app.py`` on a free port against ``marts_path`` (output in ``log``); yield its base URL."""
    with app_server.serve_app({"CC_MARTS_PATH": str(marts_path)}, log_path=log, deadline_s=STARTUP_DEADLINE_S) as url:
        yield url


@pytest.fixture(scope="session")
def app_url(demo_marts_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of one app server shared by the session's browser tests."""
    with serve_app(demo_marts_path, tmp_path_factory.mktemp("server") / "streamlit.log") as url:
        yield url


@pytest.fixture
def fresh_app_url(demo_marts_path: Path, tmp_path: Path) -> Iterator[str]:
    """Base URL of a server started for one test (behaviour of a freshly started process)."""
    with serve_app(demo_marts_path, tmp_path / "streamlit.log") as url:
        yield url
