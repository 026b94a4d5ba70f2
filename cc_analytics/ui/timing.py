"""Server-side run time of the briefing page: ``python -m cc_analytics.ui.timing <marts.duckdb>``.

Runs the app with Streamlit's AppTest (no browser) against the given marts: one cold run (empty caches,
imports done) and several warm reruns, as after a widget change. Prints one JSON line:
``{"briefing_cold_ms": …, "briefing_warm_ms": …, "briefing_warm_max_ms": …}`` (warm = median of the reruns).
Used by ``python -m cc_analytics bench``.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

from cc_analytics.config import PROJECT_ROOT

WARM_RUNS = 10


def measure(marts: Path, warm_runs: int = WARM_RUNS) -> dict[str, float]:
    """Cold and warm run times (ms) of the default page against ``marts``.

    Raises:
        RuntimeError: when the page raised an exception or showed an error.
    """
    os.environ["CC_MARTS_PATH"] = str(marts)
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    started = time.perf_counter()
    app.run()
    cold = (time.perf_counter() - started) * 1000
    if app.exception or app.error:
        raise RuntimeError(f"halaman gagal: {[e.value for e in (*app.exception, *app.error)]}")
    warm = []
    for _ in range(warm_runs):
        started = time.perf_counter()
        app.run()
        warm.append((time.perf_counter() - started) * 1000)
    return {
        "briefing_cold_ms": round(cold, 1),
        "briefing_warm_ms": round(statistics.median(warm), 1),
        "briefing_warm_max_ms": round(max(warm), 1),
    }


def main(argv: list[str]) -> int:
    """Measure and print one JSON line."""
    if len(argv) != 1:
        print("pemakaian: python -m cc_analytics.ui.timing <berkas mart .duckdb>", file=sys.stderr)
        return 2
    print(json.dumps(measure(Path(argv[0]))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
