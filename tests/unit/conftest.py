"""Fixtures of the unit tests."""

from __future__ import annotations

import dataclasses

import duckdb
import pytest

from cc_analytics.config import Settings, load_settings
from cc_analytics.ingest import run_ingest
from tests.unit.handmade import write_handmade_raw


@pytest.fixture(scope="session")
def handmade_marts(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    """Read-only connection to the marts built from the hand-made set."""
    raw = tmp_path_factory.mktemp("handmade") / "raw"
    write_handmade_raw(raw)
    out = tmp_path_factory.mktemp("handmade_marts") / "marts.duckdb"
    report = run_ingest(raw, out)
    assert report.periode == ["2025-S1"]
    con = duckdb.connect(str(out), read_only=True)
    yield con
    con.close()


@pytest.fixture
def handmade_store(tmp_path) -> Settings:
    """Settings of a data folder whose raw folder holds the hand-made set, already ingested into its marts."""
    raw = tmp_path / "data" / "raw" / "live"
    write_handmade_raw(raw)
    settings = dataclasses.replace(load_settings(), raw_dir=raw, marts_path=tmp_path / "data" / "marts" / "m.duckdb")
    run_ingest(raw, settings.marts_path)
    return settings
