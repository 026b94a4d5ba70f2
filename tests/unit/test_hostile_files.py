"""Hostile files through ``python -m cc_analytics validate`` under a memory and time limit.

Each file of :mod:`tests.unit.hostile_files` must give exit code 2 (or 1/0 where its table says so) with an
Indonesian reason, no traceback, no English error text and none of the planted personal data, within the
limits. The runs share one pool of two processes, so the whole set takes a few seconds.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.unit.hostile_files import HOSTILE, SECRETS, Hostile

MEMORY_LIMIT = 3 << 30  # address space: DuckDB and pandas take 1.2-1.5 GB of it for a small file
CPU_SECONDS = 60
WALL_SECONDS = 60
ROOT = Path(__file__).resolve().parents[2]


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


@dataclass(frozen=True)
class Run:
    """What one ``validate`` run printed, its exit code and its wall time."""

    code: int
    out: str
    seconds: float


def run_validate(path: Path, *extra: str) -> Run:
    """Run ``validate`` on ``path`` in a child process under the limits."""
    start = time.perf_counter()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "cc_analytics", "validate", str(path), *extra],
            cwd=ROOT,
            capture_output=True,
            preexec_fn=_limits,
            timeout=WALL_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Run(-1, f"(no answer within {WALL_SECONDS} s)", time.perf_counter() - start)
    text = (result.stdout + result.stderr).decode("utf-8", errors="replace")
    return Run(result.returncode, text, time.perf_counter() - start)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """Every hostile file built in its own folder and checked, two at a time."""
    root = tmp_path_factory.mktemp("hostile")

    def one(hostile: Hostile) -> Run:
        folder = root / hostile.name
        folder.mkdir()
        path = hostile.build(folder)
        extra = ("--source", "dukcapil") if "\x1b" in path.name else ()
        return run_validate(path, *extra)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip([h.name for h in HOSTILE], pool.map(one, HOSTILE), strict=True))


@pytest.mark.parametrize("hostile", HOSTILE, ids=lambda h: h.name)
def test_hostile_file_is_refused_safely(runs: dict[str, Run], hostile: Hostile) -> None:
    run = runs[hostile.name]
    assert run.code in hostile.exits, run.out
    assert "Traceback" not in run.out
    for english in ("Error", "Exception", "MemoryError", "Killed"):
        assert english not in run.out, run.out
    if run.code == 2:
        assert run.out.startswith("Galat: berkas '"), run.out
    else:
        assert "dibaca" in run.out and "diterima" in run.out, run.out
    for secret in SECRETS:
        assert secret not in run.out, run.out
    assert "\x1b" not in run.out and "\x07" not in run.out
    assert run.seconds < 30


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("stray_quote", "tanda kutip"),
        ("stray_quote_pair", "tanda kutip"),
        ("header_only", "tidak ada baris data"),
        ("headerless", "kolom wajib tidak ada"),
        ("many_columns", "terlalu panjang"),
        ("wide_header", "terlalu banyak kolom"),
        ("many_empty_fields", "terlalu panjang"),
        ("extra_empty_fields", "jumlah kolom lebih dari judul kolom"),
        ("many_bad_lines", "jumlah kolom"),
        ("endless_line", "terlalu panjang"),
        ("nul_in_nik", "karakter bukan angka"),
        ("year_zero", "tahun"),
        ("symlink_outside", "tautan"),
        ("dangling_symlink", "tautan"),
        ("csv_named_xlsx", "bukan berkas XLSX"),
        ("xlsx_merge_bomb", "sel gabungan"),
        ("xlsx_far_cell", "terlalu"),
        ("xlsx_zip_bomb", "terlalu besar"),
        ("empty_file", "kosong"),
    ],
)
def test_hostile_file_reason(runs: dict[str, Run], name: str, words: str) -> None:
    assert words in runs[name].out, runs[name].out


@pytest.mark.parametrize("name", ["utf16_without_bom", "utf32", "utf32_without_bom"])
def test_wide_encodings_are_read(runs: dict[str, Run], name: str) -> None:
    assert runs[name].code == 0, runs[name].out
    assert "dibaca 30 = diterima 30 + ditolak 0" in runs[name].out


def test_xlsx_with_a_huge_dimension_reads_its_rows(runs: dict[str, Run]) -> None:
    assert "dibaca 5 = diterima 5 + ditolak 0" in runs["xlsx_huge_dimension"].out


def test_control_characters_are_shown_escaped(runs: dict[str, Run]) -> None:
    assert "ekspor\\x1b[2J.csv" in runs["ansi_file_name"].out
