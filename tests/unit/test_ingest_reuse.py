"""Re-ingest with a previous marts file: unchanged leading semesters are copied, and the marts are exactly
those of a full ingest of the same files."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from cc_analytics.ingest import reuse
from cc_analytics.ingest.pipeline import run_ingest
from cc_analytics.schema import MARTS

ALL_PERIODS = [f"{year}-S{half}" for year in range(2021, 2026) for half in (1, 2)]


def mart_rows(path: Path) -> dict[str, list[tuple]]:
    """Every mart table's rows, sorted, without the build time."""
    with duckdb.connect(str(path), read_only=True) as con:
        rows = {table: sorted(con.execute(f"SELECT * FROM {table}").fetchall(), key=repr) for table in MARTS}
    rows["meta"] = [row for row in rows["meta"] if row[0] != "built_at"]
    return rows


def linked_copy(source: Path, target: Path, leave_out: tuple[str, ...] = ()) -> Path:
    target.mkdir()
    for path in source.iterdir():
        if path.name not in leave_out:
            os.link(path, target / path.name)
    return target


def test_unchanged_files_copy_every_period(demo_raw_dir, demo_marts_path, tmp_path):
    out = tmp_path / "marts.duckdb"
    report = run_ingest(demo_raw_dir, out, previous=demo_marts_path)
    assert report.dipakai_ulang == ALL_PERIODS
    assert report.periode == ALL_PERIODS
    assert report.baris_dibaca == report.baris_diterima + report.baris_ditolak
    assert mart_rows(out) == mart_rows(demo_marts_path)


def test_new_tahap_rebuilds_its_dtsen_year_only(demo_raw_dir, demo_marts_path, tmp_path):
    before = linked_copy(demo_raw_dir, tmp_path / "before", leave_out=("pkh_2025_tahap4.csv",))
    previous = tmp_path / "previous.duckdb"
    run_ingest(before, previous)
    out = tmp_path / "marts.duckdb"
    report = run_ingest(demo_raw_dir, out, previous=previous)
    # 2025-S2 changed and carries the 2025 DTSEN snapshot read in 2025-S1, so both are rebuilt.
    assert report.dipakai_ulang == ALL_PERIODS[:-2]
    assert mart_rows(out) == mart_rows(demo_marts_path)


def test_corrected_file_rebuilds_from_its_semester(demo_raw_dir, demo_marts_path, tmp_path):
    corrected = linked_copy(demo_raw_dir, tmp_path / "corrected", leave_out=("pkh_2023_tahap3.csv",))
    lines = (demo_raw_dir / "pkh_2023_tahap3.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (corrected / "pkh_2023_tahap3.csv").write_text("".join(lines[:-5]), encoding="utf-8")
    full = tmp_path / "full.duckdb"
    run_ingest(corrected, full)
    out = tmp_path / "marts.duckdb"
    report = run_ingest(corrected, out, previous=demo_marts_path)
    assert report.dipakai_ulang == ALL_PERIODS[:4]  # 2023-S2 changed; its DTSEN comes from 2023-S1
    assert mart_rows(out) == mart_rows(full)
    assert mart_rows(out) != mart_rows(demo_marts_path)


def test_changed_code_or_reference_rebuilds_everything(demo_raw_dir, demo_marts_path, tmp_path, monkeypatch):
    monkeypatch.setattr(reuse, "base_fingerprint", lambda: "another version of the ingest")
    report = run_ingest(demo_raw_dir, tmp_path / "marts.duckdb", previous=demo_marts_path)
    assert report.dipakai_ulang == []


def test_unreadable_previous_marts_means_a_full_ingest(demo_raw_dir, demo_marts_path, tmp_path):
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"not a database")
    out = tmp_path / "marts.duckdb"
    report = run_ingest(demo_raw_dir, out, previous=broken)
    assert report.dipakai_ulang == []
    assert mart_rows(out) == mart_rows(demo_marts_path)


def semester(label: str, provider: int | None) -> reuse.SemesterInputs:
    return reuse.SemesterInputs(label, ((f"{label}.csv", "hash"),), (), provider)


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        (None, 4),  # nothing changed: all four are copied
        (3, 2),  # the last semester changed and carries the DTSEN of semester 2: rebuild from 2
        (2, 2),  # semester 2 has its own DTSEN
        (1, 0),  # semester 1 carries the DTSEN of semester 0
        (0, 0),
    ],
)
def test_reusable_count_starts_the_rebuild_at_the_dtsen_it_needs(changed, expected):
    semesters = [semester("a", None), semester("b", 0), semester("c", None), semester("d", 2)]
    new = reuse.fingerprints(semesters, "base")
    old = {s.label: sidik for s, sidik in zip(semesters, new, strict=True)}
    if changed is not None:
        old[semesters[changed].label] = "something else"
    assert reuse.reusable_count(semesters, new, old) == expected


def test_fingerprints_are_chained():
    first = [semester("a", None), semester("b", 0)]
    second = [reuse.SemesterInputs("a", (("a.csv", "changed"),), (), None), semester("b", 0)]
    assert reuse.fingerprints(first, "base")[1] != reuse.fingerprints(second, "base")[1]
    assert reuse.fingerprints(first, "base") != reuse.fingerprints(first, "other base")
