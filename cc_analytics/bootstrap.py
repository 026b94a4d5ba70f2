"""First run: build the demo raw files and the marts when none exist, so a fresh clone shows data.

Used by the app (with a progress bar) and by ``python -m cc_analytics ingest`` users who never ran the
demo. Real deployments set ``CC_RAW_DIR`` to the agencies' files and run the ingest themselves; this
module only ever generates *demo* data, and only when the raw folder holds no source files.
"""

from __future__ import annotations

import fcntl
from collections.abc import Callable
from pathlib import Path

from cc_analytics.config import Settings
from cc_analytics.ingest import run_ingest
from cc_analytics.store import marts_exist

Progress = Callable[[float, str], None]


def _has_raw_files(raw_dir: Path) -> bool:
    return raw_dir.is_dir() and any(raw_dir.glob("*.csv"))


def ensure_marts(settings: Settings, progress: Progress | None = None) -> bool:
    """Build the marts if they are missing; return True when this call built them.

    Generates the demo first when the raw folder is empty (share of the progress: 60% demo, 40% ingest).
    A lock file keeps two processes from building at once; the second waits and then finds the marts.
    """
    if marts_exist(settings.marts_path):
        return False
    settings.marts_path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = settings.marts_path.with_name(settings.marts_path.name + ".lock")
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if marts_exist(settings.marts_path):
            return False
        demo_share = 0.0
        if not _has_raw_files(settings.raw_dir):
            from cc_analytics.demo import generate_demo

            demo_share = 0.6

            def demo_progress(fraction: float, message: str) -> None:
                if progress:
                    progress(fraction * demo_share, f"Membuat data demo: {message}")

            generate_demo(settings.raw_dir, scale=settings.demo_scale, seed=settings.demo_seed, progress=demo_progress)

        def ingest_progress(fraction: float, message: str) -> None:
            if progress:
                progress(demo_share + fraction * (1 - demo_share), f"Membangun mart: {message}")

        run_ingest(settings.raw_dir, settings.marts_path, progress=ingest_progress)
    return True
