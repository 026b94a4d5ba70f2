"""Importing files: a new period adds to history, the same file changes nothing, a failure changes nothing."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from cc_analytics.errors import SourceFileError
from cc_analytics.ingest.importer import import_files
from cc_analytics.schema import DUKCAPIL
from tests.unit.handmade import DUKCAPIL_ROWS


@pytest.fixture
def store(handmade_store):
    return handmade_store


def periodes(path: Path) -> list[str]:
    with duckdb.connect(str(path), read_only=True) as con:
        return [p for (p,) in con.execute("SELECT periode FROM periode ORDER BY 1").fetchall()]


def new_file(tmp_path: Path, name: str, header: list[str], rows: list[list[str]] = DUKCAPIL_ROWS) -> Path:
    path = tmp_path / "incoming" / name
    path.parent.mkdir(exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_new_period_adds_to_history(store, tmp_path):
    path = new_file(tmp_path, "dukcapil_2025-S2.csv", [f.name for f in DUKCAPIL.fields])
    report = import_files([path], store)
    assert periodes(store.marts_path) == ["2025-S1", "2025-S2"]
    assert (store.raw_dir / "dukcapil_2025-S2.csv").is_file()
    assert report.baris_dibaca == report.baris_diterima + report.baris_ditolak


def test_same_file_again_changes_nothing(store):
    before = sorted(p.name for p in store.raw_dir.iterdir())
    with duckdb.connect(str(store.marts_path), read_only=True) as con:
        log_before = con.execute("SELECT * FROM ingest_log ORDER BY file_name").fetchall()
    import_files([store.raw_dir / "pkh_2025_tahap1.csv"], store)
    assert sorted(p.name for p in store.raw_dir.iterdir()) == before
    with duckdb.connect(str(store.marts_path), read_only=True) as con:
        assert con.execute("SELECT * FROM ingest_log ORDER BY file_name").fetchall() == log_before


def test_failed_import_keeps_previous_data(store, tmp_path):
    marts_before = store.marts_path.read_bytes()
    raw_before = sorted(p.name for p in store.raw_dir.iterdir())
    broken = new_file(tmp_path, "dukcapil_2025-S2.csv", [f.name for f in DUKCAPIL.fields if f.name != "NIK"])
    with pytest.raises(SourceFileError, match="NIK"):
        import_files([broken], store)
    assert store.marts_path.read_bytes() == marts_before
    assert sorted(p.name for p in store.raw_dir.iterdir()) == raw_before
    leftovers = [p.name for p in store.raw_dir.parent.iterdir() if p.name != store.raw_dir.name]
    assert leftovers == []


def test_unknown_name_is_refused_before_anything_changes(store, tmp_path):
    path = new_file(tmp_path, "data_penduduk_final.csv", [f.name for f in DUKCAPIL.fields])
    with pytest.raises(SourceFileError, match="nama berkas tidak dikenali"):
        import_files([path], store)
