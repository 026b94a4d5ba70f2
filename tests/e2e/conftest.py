"""Real-browser fixtures: Debian's chromium via Playwright, and the app served by ``streamlit run``.

The browser is Debian's chromium (``apt-get install chromium``), launched from ``/usr/bin/chromium``, so no
``playwright install`` download is needed.
The app server is a subprocess on a free port, pointed at the demo marts through ``CC_MARTS_PATH``; it is
ready when ``/_stcore/health`` answers (polled against a deadline, no fixed sleeps).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _wait_until_healthy(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    """Poll the health endpoint until it answers; fail early if the server exits or the deadline passes."""
    deadline = time.monotonic() + STARTUP_DEADLINE_S
    while not _healthy(url):
        try:
            process.wait(timeout=0.2)  # returns at once if the server died, else waits one poll interval
        except subprocess.TimeoutExpired:
            pass
        else:
            raise RuntimeError(f"streamlit exited early:\n{log.read_text(errors='replace')[-2000:]}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"streamlit not healthy after {STARTUP_DEADLINE_S} s")


@contextmanager
def serve_app(marts_path: Path, log: Path) -> Iterator[str]:
    """Run ``streamlit run app.py`` on a free port against ``marts_path``; yield its base URL."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "CC_MARTS_PATH": str(marts_path)}
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port)]
    command += ["--server.headless", "true", "--server.address", "127.0.0.1"]
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        _wait_until_healthy(process, url, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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
