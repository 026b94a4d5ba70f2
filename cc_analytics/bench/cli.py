"""``python -m cc_analytics bench``: measure the data pipeline and the pages, and print the figures.

Each heavy step runs in its own process so that its peak memory (max RSS) is its own. Printed:
demo generation time and peak RSS, the raw scan floor (DuckDB materialising every column of every raw
file, nothing else), full ingest time, peak RSS and rows per second, the ingest/floor ratio, the time to
re-ingest after one corrected PKH file (unchanged periods copied), the cold and warm
server-side run of the briefing page, validation throughput per source (``validate``), forecast and cohort
timings of the proyeksi page, the desa-level map payload, and with ``--browser`` the map's paint time in
chromium.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb

from cc_analytics.bench.forecast_timing import measure_timings
from cc_analytics.bench.map_measure import map_payload_bytes, measure_map
from cc_analytics.bench.validation import validation_throughput
from cc_analytics.config import PROJECT_ROOT, load_settings
from cc_analytics.ingest.files import discover
from cc_analytics.maps import import_boundaries


@dataclass(frozen=True)
class Measured:
    """Wall time and peak RSS of one child process."""

    seconds: float
    peak_rss_mb: float
    output: str


# The child reports its own peak RSS: VmHWM of its memory map. ``ru_maxrss`` would not do: across the fork
# and exec that start it, Linux carries over the high-water mark of the parent's copy, so after the scan floor
# (gigabytes in this process) every child would report at least the parent's size.
_CHILD = (
    "import resource, sys\n"
    "from cc_analytics.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "try:\n"
    "    status = open('/proc/self/status', encoding='ascii').read()\n"
    "    peak = int(status.split('VmHWM:')[1].split()[0])\n"
    "except (OSError, IndexError):\n"
    "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "sys.stderr.write('\\nPEAK_RSS_KB=%d\\n' % peak)\n"
    "sys.exit(code)\n"
)


def _run_child(command: list[str]) -> Measured:
    """Run one ``python -m cc_analytics`` command in a child process; measure its wall time and own peak RSS."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *command], capture_output=True, text=True, check=False, cwd=PROJECT_ROOT
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} gagal:\n{done.stderr[-2000:]}")
    peak_kb = int(done.stderr.rsplit("PEAK_RSS_KB=", 1)[1].split()[0])
    return Measured(seconds, peak_kb / 1024, done.stdout)


def scan_floor(raw_dir: Path, threads: int) -> tuple[float, int]:
    """Seconds for DuckDB merely to read every column of every raw CSV into memory, and the rows read."""
    files = discover(raw_dir)
    con = duckdb.connect(config={"threads": threads})
    con.execute("SET enable_progress_bar = false")
    started = time.perf_counter()
    rows = 0
    for sumber in ("dukcapil", "dtsen", "pkh", "penduduk"):
        paths = [str(f.path) for f in files if f.sumber == sumber]
        if not paths:
            continue
        con.execute(f"CREATE OR REPLACE TEMP TABLE scan AS SELECT * FROM read_csv({paths!r}, all_varchar = true)")
        rows += con.execute("SELECT count(*) FROM scan").fetchone()[0]
        con.execute("DROP TABLE scan")
    seconds = time.perf_counter() - started
    con.close()
    return seconds, int(rows)


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link to ``source`` at ``target`` (a copy across file systems)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _reingest_after_correction(raw_dir: Path, marts: Path, work: Path) -> dict[str, float]:
    """Seconds to re-ingest when the latest PKH tahap file is replaced by a corrected export (its last row
    removed), with the marts of the first ingest as the previous marts: the periods before the change are
    copied, as after an import on the Data page."""
    pkh = sorted((f for f in discover(raw_dir) if f.sumber == "pkh"), key=lambda f: (f.tahun or 0, f.tahap or 0))
    if not pkh:
        return {}
    corrected_dir = work / "raw_koreksi"
    corrected_dir.mkdir()
    for path in raw_dir.iterdir():
        if path.is_file() and path.name != pkh[-1].name:
            _link_or_copy(path, corrected_dir / path.name)  # a symbolic link out of the folder is refused
    lines = pkh[-1].path.read_text(encoding="utf-8").splitlines(keepends=True)
    (corrected_dir / pkh[-1].name).write_text("".join(lines[:-1]), encoding="utf-8")
    target = work / "marts_koreksi.duckdb"
    shutil.copyfile(marts, target)
    again = _run_child(["ingest", "--raw", str(corrected_dir), "--out", str(target), "--quiet"])
    return {"reingest_corrected_tahap_s": round(again.seconds, 2)}


def _briefing_rerun_ms(marts: Path) -> dict[str, float]:
    """Cold and warm server-side run time of the briefing page (Streamlit AppTest in a child process)."""
    done = subprocess.run(
        [sys.executable, "-m", "cc_analytics.ui.timing", str(marts)],
        capture_output=True,
        text=True,
        check=False,
        cwd=PROJECT_ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"pengukuran halaman gagal:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _boundaries(source: Path | None, work: Path) -> Path | None:
    """Import a boundary file for the map measurement (None: the schematic fallback)."""
    if source is None:
        return None
    _report, stored = import_boundaries(source, target=work / "boundaries.parquet")
    return stored


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of the bench command."""
    parser.add_argument("--scale", type=float, default=1.0, help="skala demo (1 = seluruh kabupaten)")
    parser.add_argument("--seed", type=int, default=35014)
    parser.add_argument("--raw", type=Path, help="pakai berkas mentah yang sudah ada (lewati pembuatan demo)")
    parser.add_argument("--json", action="store_true", help="cetak hasil sebagai JSON")
    parser.add_argument("--boundaries", type=Path, help="berkas batas desa untuk mengukur peta (bawaan: peta skematis)")
    parser.add_argument("--browser", action="store_true", help="ukur juga waktu gambar peta di chromium")


def run(args: argparse.Namespace) -> int:
    """Measure and print."""
    results: dict[str, float | int | str] = {"scale": args.scale}
    with tempfile.TemporaryDirectory(prefix="cc-bench-") as tmp:
        work = Path(tmp)
        raw_dir = args.raw or work / "raw"
        if args.raw is None:
            demo = _run_child(["demo", "--scale", str(args.scale), "--seed", str(args.seed), "--out", str(raw_dir)])
            results.update(demo_s=round(demo.seconds, 2), demo_peak_rss_mb=round(demo.peak_rss_mb))
        raw_bytes = sum(p.stat().st_size for p in raw_dir.glob("*.csv"))
        floor_s, rows = scan_floor(raw_dir, threads=2)
        results.update(raw_mb=round(raw_bytes / 2**20), raw_rows=rows, scan_floor_s=round(floor_s, 2))
        marts = work / "marts.duckdb"
        ingest = _run_child(["ingest", "--raw", str(raw_dir), "--out", str(marts), "--quiet", "--penuh"])
        results.update(
            ingest_s=round(ingest.seconds, 2),
            ingest_peak_rss_mb=round(ingest.peak_rss_mb),
            ingest_rows_per_s=round(rows / ingest.seconds),
            ingest_over_floor=round(ingest.seconds / floor_s, 2),
            marts_mb=round(marts.stat().st_size / 2**20, 1),
        )
        results.update(_reingest_after_correction(raw_dir, marts, work))
        results.update(_briefing_rerun_ms(marts))
        results.update(validation_throughput(raw_dir))
        results.update(measure_timings(marts))
        boundaries = _boundaries(args.boundaries, work)
        if args.browser:
            results.update(measure_map(marts, boundaries=boundaries))
        else:
            settings = replace(load_settings(), marts_path=marts, boundaries_path=boundaries)
            results.update(map_payload_bytes(settings, level="desa"))
    if args.json:
        print(json.dumps(results))
    else:
        for key, value in results.items():
            print(f"{key:<30} {value}")
    return 0
