"""Import integrity: implausible input refused, one writer at a time, and a kill at any step of the swap.

The kill tests run the import in a child process that kills itself (SIGKILL, no cleanup of any kind) right
after a named step, then start as the app does and check that the raw folder and marts are exactly the
previous ones (or, after the commit, exactly the new ones) and that no work copy of the data is left.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from cc_analytics.errors import ImplausibleDataError, ImportBusyError, IngestError, SourceFileError
from cc_analytics.ingest import run_ingest, swap
from cc_analytics.ingest.importer import import_files
from cc_analytics.ingest.lock import writer_lock
from cc_analytics.schema import DUKCAPIL, PKH
from cc_analytics.store.bootstrap import ensure_marts, recover_once
from tests.unit.handmade import DUKCAPIL_ROWS, A, nik, person, pkh_row, write_handmade_raw

ROOT = Path(__file__).resolve().parents[2]
HEADER = [f.name for f in DUKCAPIL.fields]


@pytest.fixture
def store(handmade_store):
    return handmade_store


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def periodes(path: Path) -> list[str]:
    with duckdb.connect(str(path), read_only=True) as con:
        return [p for (p,) in con.execute("SELECT periode FROM periode ORDER BY 1").fetchall()]


def snapshot(settings) -> dict[str, bytes]:
    """Every file of the raw folder and the marts, by name, with its bytes."""
    files = {f"raw/{p.name}": p.read_bytes() for p in sorted(settings.raw_dir.iterdir())}
    files["marts"] = settings.marts_path.read_bytes()
    return files


def leftovers(settings) -> list[str]:
    """Anything in the data folders besides the raw folder, the marts and the lock."""
    keep = {settings.raw_dir.name, settings.marts_path.name, settings.marts_path.name + ".kunci"}
    folders = {settings.raw_dir.parent, settings.marts_path.parent}
    return sorted(p.name for folder in folders for p in folder.iterdir() if p.name not in keep)


# --- implausible input -------------------------------------------------------------------------------------


def test_header_only_snapshot_is_refused_even_when_forced(store, tmp_path):
    before = snapshot(store)
    empty = write_csv(tmp_path / "in" / "dukcapil_2025-S2.csv", HEADER, [])
    for paksa in (False, True):
        with pytest.raises(SourceFileError, match="tidak ada baris data"):
            import_files([empty], store, paksa=paksa)
    assert snapshot(store) == before
    assert leftovers(store) == []


def test_snapshot_without_one_accepted_row_is_refused(store, tmp_path):
    broken = [[*row[:4], "31-02-2020", *row[5:]] for row in DUKCAPIL_ROWS]
    path = write_csv(tmp_path / "in" / "dukcapil_2025-S2.csv", HEADER, broken)
    with pytest.raises(ImplausibleDataError, match="Tidak satu pun"):
        import_files([path], store, paksa=True)


def test_future_period_is_refused(store, tmp_path):
    path = write_csv(tmp_path / "in" / "dukcapil_2052-S2.csv", HEADER, DUKCAPIL_ROWS)
    with pytest.raises(ImplausibleDataError, match="masa depan"):
        import_files([path], store, paksa=True)
    assert periodes(store.marts_path) == ["2025-S1"]


def test_population_jump_is_refused_unless_forced(store, tmp_path):
    path = write_csv(tmp_path / "in" / "dukcapil_2025-S2.csv", HEADER, DUKCAPIL_ROWS[:4])
    with pytest.raises(ImplausibleDataError, match=r"penduduk 2025-S2 4 jiwa, berbeda 55,6% dari 2025-S1"):
        import_files([path], store)
    assert periodes(store.marts_path) == ["2025-S1"]
    import_files([path], store, paksa=True)
    assert periodes(store.marts_path) == ["2025-S1", "2025-S2"]


def test_missing_raw_folder_is_refused(store, tmp_path):
    path = write_csv(tmp_path / "in" / "dukcapil_2025-S2.csv", HEADER, DUKCAPIL_ROWS)
    typo = dataclasses.replace(store, raw_dir=store.raw_dir.with_name("liev"))
    with pytest.raises(IngestError, match="tidak ada"):
        import_files([path], typo, paksa=True)
    assert not typo.raw_dir.exists()


def test_result_losing_periods_is_refused_unless_forced(store, tmp_path):
    path = write_csv(tmp_path / "in" / "dukcapil_2025-S2.csv", HEADER, DUKCAPIL_ROWS)
    other = dataclasses.replace(store, raw_dir=store.raw_dir.with_name("lain"))
    other.raw_dir.mkdir()
    with pytest.raises(ImplausibleDataError, match=r"kehilangan 1 periode .*2025-S1"):
        import_files([path], other)
    assert periodes(store.marts_path) == ["2025-S1"]


def test_demo_marts_are_not_relabelled_as_real(tmp_path):
    demo_raw, real_raw = tmp_path / "demo", tmp_path / "real"
    write_handmade_raw(demo_raw)
    write_handmade_raw(real_raw)
    (demo_raw / "DEMO.json").write_text(json.dumps({"synthetic": True, "seed": 1, "scale": 0.01}))
    marts = tmp_path / "marts.duckdb"
    assert run_ingest(demo_raw, marts).dataset_kind == "demo"
    with pytest.raises(ImplausibleDataError, match="berjenis 'demo', hasil baru berjenis 'real'"):
        run_ingest(real_raw, marts, current=marts)
    assert run_ingest(real_raw, marts, current=marts, paksa=True).dataset_kind == "real"


# --- one writer at a time ----------------------------------------------------------------------------------


def environment(settings) -> dict[str, str]:
    return {
        **os.environ,
        "CC_DATA_DIR": str(settings.raw_dir.parent.parent),
        "CC_RAW_DIR": str(settings.raw_dir),
        "CC_MARTS_PATH": str(settings.marts_path),
        "PYTHONPATH": str(ROOT),
    }


def cli(settings, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "cc_analytics", *args],
        cwd=ROOT,
        env=environment(settings),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def pkh_file(folder: Path, tahap: int) -> Path:
    rows = [[*pkh_row(nik(2), 1, A, tahap, {1: 1}, 750_000)[:4], "2026", *pkh_row(nik(2), 1, A, tahap, {1: 1}, 0)[5:]]]
    return write_csv(folder / f"pkh_2026_tahap{tahap}.csv", [f.name for f in PKH.fields], rows)


def test_import_while_another_writer_runs_is_refused_and_changes_nothing(store, tmp_path):
    before = snapshot(store)
    with writer_lock(store.marts_path):
        with pytest.raises(ImportBusyError, match="Impor lain sedang berjalan"):
            import_files([pkh_file(tmp_path, 1)], store)
        result = cli(store, "import", str(pkh_file(tmp_path, 2)))
        err = result.communicate(timeout=120)[1]
        ingest = cli(store, "ingest", "--quiet")
        ingest_err = ingest.communicate(timeout=120)[1]
    assert result.returncode == 1 and "Impor lain sedang berjalan" in err and "Traceback" not in err
    assert ingest.returncode == 1 and "Impor lain sedang berjalan" in ingest_err
    assert snapshot(store) == before


def test_concurrent_imports_each_report_the_truth(store, tmp_path):
    files = [pkh_file(tmp_path / "a", 1), pkh_file(tmp_path / "b", 2)]
    runs = [cli(store, "import", str(path)) for path in files]
    results = [(run.wait(timeout=180), run.communicate()[1]) for run in runs]
    with duckdb.connect(str(store.marts_path), read_only=True) as con:
        logged = {name for (name,) in con.execute("SELECT file_name FROM ingest_log").fetchall()}
    assert any(code == 0 for code, _ in results)
    for path, (code, err) in zip(files, results, strict=True):
        assert "Traceback" not in err
        if code == 0:
            assert path.name in logged and (store.raw_dir / path.name).is_file()
        else:
            assert code == 1 and "Impor lain sedang berjalan" in err
            assert path.name not in logged and not (store.raw_dir / path.name).exists()
    assert leftovers(store) == []


# --- a kill at every step ----------------------------------------------------------------------------------

KILL_AT = """
import os, signal, sys
from pathlib import Path
from cc_analytics.config import load_settings
from cc_analytics.ingest import swap
from cc_analytics.ingest.importer import import_files

step = sys.argv[1]

def kill(name, *_):
    if name == step:
        os.kill(os.getpid(), signal.SIGKILL)

swap.after_step = kill
import_files([Path(p) for p in sys.argv[2:]], load_settings(), progress=lambda f, m: kill("bangun"))
"""

BEFORE_COMMIT = ["bangun", *swap.STEPS[: swap.STEPS.index("selesai")]]
AFTER_COMMIT = list(swap.STEPS[swap.STEPS.index("selesai") :])


def test_every_step_of_the_swap_is_covered():
    assert set(BEFORE_COMMIT + AFTER_COMMIT) == {"bangun", *swap.STEPS}


def killed_import(settings, step: str, path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-c", KILL_AT, step, str(path)],
        cwd=ROOT,
        env=environment(settings),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == -9, run.stderr[-2000:]


def replacement(tmp_path: Path) -> Path:
    """A corrected Dukcapil snapshot for the existing semester (one more, deceased, person): replaces the raw
    file without changing the living population."""
    extra = person(14, 5, "LAKI-LAKI", "01-01-1940", "FAMILI LAIN", A, dead="01-01-2025")
    return write_csv(tmp_path / "in" / "dukcapil_2025-S1.csv", HEADER, [*DUKCAPIL_ROWS, extra])


@pytest.mark.parametrize("step", BEFORE_COMMIT)
def test_kill_before_the_commit_leaves_the_previous_data(store, tmp_path, step):
    before = snapshot(store)
    killed_import(store, step, replacement(tmp_path))
    assert leftovers(store), "the kill should leave something to clean up"
    swap.after_step = swap._no_hook
    assert ensure_marts(store) is False  # the next start
    assert snapshot(store) == before
    assert leftovers(store) == []


@pytest.mark.parametrize("step", AFTER_COMMIT)
def test_kill_after_the_commit_keeps_the_new_data(store, tmp_path, step):
    path = replacement(tmp_path)
    killed_import(store, step, path)
    recover_once(dataclasses.replace(store))  # a start of the app server
    assert (store.raw_dir / path.name).read_bytes() == path.read_bytes()
    with duckdb.connect(str(store.marts_path), read_only=True) as con:
        read = con.execute("SELECT baris_dibaca FROM ingest_log WHERE file_name = ?", [path.name]).fetchone()[0]
    assert read == len(DUKCAPIL_ROWS) + 1  # the new file: the hand-made rows and the extra person
    assert leftovers(store) == []


def test_recovery_waits_for_a_running_writer(store, tmp_path):
    """Recovery must not undo the swap of an import that is still running."""
    journal = swap.journal_path(store.marts_path)
    journal.write_text("{}")
    with writer_lock(store.marts_path):
        assert recover_once(store) == []
    assert journal.is_file()
    journal.unlink()


# --- exit codes and corrections ----------------------------------------------------------------------------


def test_import_exits_1_when_rows_were_rejected_and_explains_suffixed_parts(store, tmp_path):
    source = store.raw_dir / "dukcapil_2025-S1.csv"
    part = tmp_path / "in" / "dukcapil_2025-S1_koreksi.csv"
    part.parent.mkdir(parents=True)
    part.write_bytes(source.read_bytes())
    run = cli(store, "import", str(part), "--paksa")
    out, err = run.communicate(timeout=120)
    assert run.returncode == 1, err
    assert "ditolak" in out and "bukan pengganti" in out and "nama yang sama persis" in out


def test_import_of_a_clean_replacement_exits_0(store, tmp_path):
    clean = write_csv(tmp_path / "in" / "dukcapil_2025-S1.csv", HEADER, DUKCAPIL_ROWS[:11])  # the valid rows
    run = cli(store, "import", str(clean))
    out, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    assert "Perhatian" not in out


def test_unreadable_file_exits_2_and_changes_nothing(store, tmp_path):
    before = snapshot(store)
    header = [name for name in HEADER if name != "NIK"]
    broken = write_csv(tmp_path / "in" / "dukcapil_2025-S2.csv", header, [row[1:] for row in DUKCAPIL_ROWS])
    run = cli(store, "import", str(broken))
    err = run.communicate(timeout=120)[1]
    assert run.returncode == 2 and "NIK" in err and "Traceback" not in err
    assert snapshot(store) == before


def test_next_start_removes_work_copies_of_earlier_versions_and_dead_processes(store):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    strays = [
        store.raw_dir.parent / f".{store.raw_dir.name}-baru-x1y2",
        store.raw_dir.parent / f".kerja-mentah-{pid}-abc",
        store.marts_path.parent / f".kerja-ingest-{pid}-abc",
    ]
    for folder in strays:
        folder.mkdir()
        (folder / "dukcapil_2025-S1.csv").write_text("NIK\n3514010101800001\n")
    for name in (".impor", ".tmp"):
        store.marts_path.with_name(store.marts_path.name + name).write_bytes(b"x")
    mine = store.marts_path.parent / f".kerja-ingest-{os.getpid()}-abc"
    mine.mkdir()
    assert len(recover_once(store)) == 1
    assert leftovers(store) == [mine.name]  # a running process's work folder stays


def test_an_error_half_way_through_the_swap_puts_the_previous_data_back_at_once(store, tmp_path, monkeypatch):
    before = snapshot(store)

    def fail(step: str) -> None:
        if step == "mentah-baru":
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(swap, "after_step", fail)
    with pytest.raises(IngestError, match="No space left on device"):
        import_files([replacement(tmp_path)], store)
    assert snapshot(store) == before
    assert leftovers(store) == []
