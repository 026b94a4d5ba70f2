"""Running the app as a real server for measurements and browser tests: ``streamlit run app.py`` on a free port.

The server is ready when ``/_stcore/health`` answers, polled against a deadline (no fixed sleeps); if the
process exits first, its log is part of the error.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO

from cc_analytics.config import PROJECT_ROOT

SERVER_DEADLINE_S = 90.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def is_healthy(url: str) -> bool:
    """Whether the Streamlit server at ``url`` answers its health check."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _wait_until_healthy(process: subprocess.Popen[bytes], url: str, log: IO[bytes], deadline_s: float) -> None:
    deadline = time.monotonic() + deadline_s
    while not is_healthy(url):
        try:
            process.wait(timeout=0.2)  # returns at once if the server died, else waits one poll interval
        except subprocess.TimeoutExpired:
            pass
        else:
            log.flush()
            log.seek(0)
            raise RuntimeError(f"streamlit berhenti: {log.read()[-2000:].decode(errors='replace')}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"streamlit tidak menjawab setelah {deadline_s} detik")


@contextmanager
def serve_app(
    env: dict[str, str], *, log_path: Path | None = None, deadline_s: float = SERVER_DEADLINE_S
) -> Iterator[str]:
    """Run ``streamlit run app.py`` on a free port with ``env`` added to the environment; yield its base URL.

    Args:
        env: variables to add (e.g. ``CC_MARTS_PATH``).
        log_path: where the server's output goes (kept for reading after a failure); default a temporary file.
        deadline_s: how long to wait for the health check.

    Raises:
        RuntimeError: the server exited before answering ``/_stcore/health``.
        TimeoutError: it did not answer within ``deadline_s``.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "app.py"), "--server.port", str(port)]
    command += ["--server.headless", "true", "--server.address", "127.0.0.1"]
    with ExitStack() as stack:
        if log_path is not None:
            log = stack.enter_context(log_path.open("w+b"))
        else:
            log = stack.enter_context(tempfile.TemporaryFile())
        process = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            _wait_until_healthy(process, url, log, deadline_s)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
