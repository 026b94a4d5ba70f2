"""Shared fixtures: a small demo dataset built by the real generator and the real ingest."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data" / "pasuruan"

# Small enough to build in a few seconds, large enough that every desa has people.
TEST_SCALE = 0.01
TEST_SEED = 7
E2E_DIR = ROOT / "tests" / "e2e"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every real-browser test ``e2e``: the everyday loop is ``pytest -m "not e2e"``."""
    for item in items:
        if item.path.is_relative_to(E2E_DIR):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def demo_raw_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Raw demo files for the whole regency at a small scale."""
    from cc_analytics.demo import generate_demo

    raw = tmp_path_factory.mktemp("demo") / "raw"
    generate_demo(raw, scale=TEST_SCALE, seed=TEST_SEED)
    return raw


@pytest.fixture(scope="session")
def demo_marts_path(demo_raw_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The marts DuckDB file built from :func:`demo_raw_dir` by the real ingest."""
    from cc_analytics.ingest import run_ingest

    marts = tmp_path_factory.mktemp("marts") / "cc_analytics.duckdb"
    run_ingest(demo_raw_dir, marts)
    return marts
