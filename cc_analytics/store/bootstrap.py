"""First run: build the demo raw files and the marts when none exist, so a fresh clone shows data.

Used by the app (with a progress bar) and by ``python -m cc_analytics ingest`` users who never ran the
demo. Real deployments set ``CC_RAW_DIR`` to the agencies' files and run the ingest themselves; this
module only ever generates *demo* data, and only when the raw folder holds no source files.

It is also where a start cleans up after a crash: :func:`recover_once` undoes an import that was killed in
the middle of its swap and removes work folders of writers that are gone (see
:mod:`cc_analytics.ingest.swap`), once per process and marts file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cc_analytics.config import Settings
from cc_analytics.errors import ImportBusyError
from cc_analytics.ingest import run_ingest
from cc_analytics.ingest.lock import writer_lock
from cc_analytics.ingest.swap import recover
from cc_analytics.store.connection import marts_exist

Progress = Callable[[float, str], None]


def _has_raw_files(raw_dir: Path) -> bool:
    return raw_dir.is_dir() and any(raw_dir.glob("*.csv"))


_RECOVERED: set[tuple[Path, Path]] = set()


def recover_once(settings: Settings) -> list[str]:
    """Undo an interrupted import and remove stray work copies, once per process (skipped while another
    writer runs: that writer recovers first itself). Returns what was done, in Indonesian."""
    key = (settings.raw_dir.absolute(), settings.marts_path.absolute())
    if key in _RECOVERED:
        return []
    try:
        with writer_lock(settings.marts_path):
            done = recover(settings.raw_dir, settings.marts_path)
    except ImportBusyError:
        return []
    except PermissionError:
        return []  # a read-only data folder: no writer can have left anything there
    _RECOVERED.add(key)
    return done


def ensure_marts(settings: Settings, progress: Progress | None = None) -> bool:
    """Build the marts if they are missing; return True when this call built them.

    Recovers from an interrupted writer first (:func:`recover_once`). Generates the demo first when the raw
    folder is empty (share of the progress: 60% demo, 40% ingest). The writer lock keeps two processes from
    building at once; the second waits and then finds the marts.
    """
    recover_once(settings)
    if marts_exist(settings.marts_path):
        return False
    with writer_lock(settings.marts_path, wait=True):
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
