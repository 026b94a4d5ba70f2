"""Uploads: off by default, names checked, the same checks as the ingest, import all or nothing, one at a time."""

from __future__ import annotations

import dataclasses
import fcntl
import io
from pathlib import Path

import duckdb
import pytest

from cc_analytics.bench.validation import validation_throughput
from cc_analytics.config import Settings, load_settings
from cc_analytics.errors import IngestError, SourceFileError
from cc_analytics.quality import upload as data_upload
from cc_analytics.schema import DUKCAPIL, PKH
from tests.unit.handmade import DUKCAPIL_ROWS, A, nik, pkh_row, write_handmade_raw


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    lines = [",".join(header), *(",".join(r) for r in rows)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def upload(name: str, content: bytes) -> data_upload.Upload:
    return data_upload.Upload(name, io.BytesIO(content))


PKH_2026 = csv_bytes(
    [f.name for f in PKH.fields],
    [
        [c if i != 4 else "2026" for i, c in enumerate(pkh_row(nik(2), 1, A, 1, {1: 1}, 750_000))],
        ["123", *pkh_row(nik(9), 4, A, 1, {}, 0)[1:4], "2026", *pkh_row(nik(9), 4, A, 1, {}, 0)[5:]],
    ],
)


@pytest.mark.parametrize(
    ("environ", "allowed"),
    [
        ({}, False),
        ({"CC_ALLOW_UPLOAD": "0"}, False),
        ({"CC_ALLOW_UPLOAD": "ya"}, False),
        ({"CC_ALLOW_UPLOAD": "1"}, True),
    ],
)
def test_uploads_are_off_unless_enabled(environ, allowed):
    assert data_upload.uploads_allowed(environ) is allowed


def test_default_follows_the_process_environment(monkeypatch):
    monkeypatch.delenv("CC_ALLOW_UPLOAD", raising=False)
    assert not data_upload.uploads_allowed()
    monkeypatch.setenv("CC_ALLOW_UPLOAD", "1")
    assert data_upload.uploads_allowed()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("pkh_2026_tahap1.csv", "pkh_2026_tahap1.csv"),
        ("../../etc/pkh_2026_tahap1.csv", "pkh_2026_tahap1.csv"),
        ("C:\\Users\\dinsos\\dtsen_2026-S1.xlsx", "dtsen_2026-S1.xlsx"),
    ],
)
def test_safe_name_keeps_only_the_file_name(name, expected):
    assert data_upload.safe_name(name) == expected


@pytest.mark.parametrize("name", ["", ".pkh_2026_tahap1.csv", "laporan akhir.csv", "pkh_2026_tahap9.csv"])
def test_unusable_names_are_refused(name):
    with pytest.raises(SourceFileError):
        data_upload.safe_name(name)


def test_the_same_name_twice_is_refused(tmp_path):
    with pytest.raises(SourceFileError, match="lebih dari sekali"):
        data_upload.save_uploads([upload("pkh_2026_tahap1.csv", b"a"), upload("x/pkh_2026_tahap1.csv", b"b")], tmp_path)


@pytest.fixture
def empty_store(tmp_path) -> Settings:
    return dataclasses.replace(load_settings(), raw_dir=tmp_path / "raw", marts_path=tmp_path / "marts" / "m.duckdb")


def test_check_counts_every_row_without_importing(empty_store):
    (check,) = data_upload.check_uploads([upload("pkh_2026_tahap1.csv", PKH_2026)], empty_store)
    assert (check.file_name, check.sumber) == ("pkh_2026_tahap1.csv", "pkh")
    assert (check.baris_dibaca, check.baris_diterima, check.baris_ditolak) == (2, 1, 1)
    assert check.ditolak["kolom"].tolist() == ["NIK_PENGURUS"]


def test_check_of_an_unreadable_file_is_a_user_error(empty_store):
    header = [f.name for f in DUKCAPIL.fields if f.name != "NIK"]
    content = csv_bytes(header, [r[1:] for r in DUKCAPIL_ROWS])
    with pytest.raises(SourceFileError, match="NIK"):
        data_upload.check_uploads([upload("dukcapil_2026-S1.csv", content)], empty_store)


def test_uploaded_bytes_stay_inside_the_data_folder_and_are_removed(empty_store, monkeypatch, tmp_path):
    seen: list[Path] = []
    real_check = data_upload.check_file
    monkeypatch.setattr(data_upload, "check_file", lambda path, **kw: (seen.append(path), real_check(path, **kw))[1])
    (check,) = data_upload.check_uploads([upload("pkh_2026_tahap1.csv", PKH_2026)], empty_store)
    assert check.baris_dibaca == 2
    assert seen[0].is_relative_to(empty_store.marts_path.parent)
    assert list(empty_store.marts_path.parent.iterdir()) == []


@pytest.mark.parametrize("name", ["pkh_2026_tahap1" + "_x" * 200 + ".csv", "pkh_2026_tahap1_\x1b[31m.csv"])
def test_overlong_or_unprintable_names_are_refused(name):
    with pytest.raises(SourceFileError, match="nama berkas"):
        data_upload.safe_name(name)


@pytest.fixture
def store(handmade_store):
    return handmade_store


def log_rows(path: Path) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT file_name, baris_dibaca, baris_diterima, baris_ditolak FROM ingest_log").fetchall()


def test_import_adds_the_file_and_reports_its_accounting(store):
    messages = []
    accounts = data_upload.import_uploads(
        [upload("pkh_2026_tahap1.csv", PKH_2026)], store, lambda f, m: messages.append((f, m))
    )
    assert [(a.file_name, a.baris_dibaca, a.baris_diterima, a.baris_ditolak) for a in accounts] == [
        ("pkh_2026_tahap1.csv", 2, 1, 1)
    ]
    assert ("pkh_2026_tahap1.csv", 2, 1, 1) in log_rows(store.marts_path)
    assert (store.raw_dir / "pkh_2026_tahap1.csv").read_bytes() == PKH_2026
    fractions = [f for f, _ in messages]
    assert fractions == sorted(fractions) and 0 < fractions[-1] <= 1


def test_failed_import_changes_nothing(store):
    before = store.marts_path.read_bytes()
    header = [f.name for f in DUKCAPIL.fields if f.name != "NIK"]
    broken = upload("dukcapil_2025-S2.csv", csv_bytes(header, [r[1:] for r in DUKCAPIL_ROWS]))
    with pytest.raises(SourceFileError):
        data_upload.import_uploads([broken], store)
    assert store.marts_path.read_bytes() == before
    assert not (store.raw_dir / "dukcapil_2025-S2.csv").exists()


def test_one_import_at_a_time(store):
    lock = store.marts_path.with_name(store.marts_path.name + ".kunci")
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        with pytest.raises(IngestError, match="Impor lain sedang berjalan"):
            data_upload.import_uploads([upload("pkh_2026_tahap1.csv", PKH_2026)], store)
    assert not (store.raw_dir / "pkh_2026_tahap1.csv").exists()


def test_nothing_to_import(store):
    with pytest.raises(IngestError):
        data_upload.import_uploads([], store)


def test_validation_throughput_counts_the_newest_file_of_each_source(tmp_path):
    write_handmade_raw(tmp_path)
    result = validation_throughput(tmp_path)
    assert result["validate_dukcapil_rows"] == 16
    assert result["validate_dtsen_rows"] == 12
    assert result["validate_pkh_rows"] == 7  # tahap 2, the newest
    assert result["validate_pkh_files"] == 1
    assert "validate_penduduk_rows" not in result
    assert all(result[f"validate_{s}_rows_per_s"] > 0 for s in ("dukcapil", "dtsen", "pkh"))
    assert validation_throughput(tmp_path, files_per_source=None)["validate_pkh_rows"] == 8
