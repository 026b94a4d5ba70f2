"""Swapping a new raw folder and new marts in, so that a crash at any moment leaves the previous state.

An import builds a staging copy of the raw folder and new marts beside the live ones, then swaps them in.
The swap takes several renames; a process killed between two of them would leave a half-swapped state
(the raw folder missing, or new raw files with old marts). So the swap is journalled:

1. the journal ``<marts>.jurnal`` is written (and flushed to disk) naming every path involved;
2. the live marts get a second name ``<marts>.lama`` (a hard link: the marts are never absent);
3. the live raw folder is renamed to ``<raw>.lama``;
4. the staging folder is renamed to the raw folder;
5. the new marts replace the live marts (one atomic rename);
6. the journal is removed: **this is the commit**;
7. the ``.lama`` copies are removed.

:func:`recover` runs before every writer and at app start, under the writer lock. A journal still present
means the swap did not commit: the steps done are undone from the ``.lama`` copies, so the previous raw
folder and marts are back exactly as they were. Without a journal it only removes what a crash after the
commit or during the build left behind: ``.lama`` copies, staging folders and work files.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from cc_analytics.ingest.workspace import remove_orphans

StepHook = Callable[[str], None]


def _no_hook(step: str) -> None:
    """Default step hook: nothing (fault-injection tests replace it to kill the process at a step)."""


after_step: StepHook = _no_hook
"""Called with each step's name once it is done (``jurnal``, ``mart-lama``, ``mentah-lama``, ``mentah-baru``,
``mart-baru``, ``selesai``, ``bersih``); tests set it to kill the process there."""

STEPS = ("jurnal", "mart-lama", "mentah-lama", "mentah-baru", "mart-baru", "selesai", "bersih")


@dataclass(frozen=True)
class Journal:
    """Every path of one swap (absolute paths as text)."""

    raw_dir: str
    raw_old: str
    staging: str
    marts: str
    marts_old: str
    marts_new: str
    marts_existed: bool


def journal_path(marts_path: Path) -> Path:
    """The journal file of the marts at ``marts_path``."""
    return marts_path.with_name(marts_path.name + ".jurnal")


def old_raw_path(raw_dir: Path) -> Path:
    """Where the live raw folder waits during a swap."""
    return raw_dir.with_name(raw_dir.name + ".lama")


def old_marts_path(marts_path: Path) -> Path:
    """The second name of the live marts during a swap."""
    return marts_path.with_name(marts_path.name + ".lama")


def _fsync_dir(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _write_journal(journal: Journal, path: Path) -> None:
    tmp = path.with_name(path.name + ".baru")
    with tmp.open("w", encoding="utf-8") as handle:
        json.dump(asdict(journal), handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def swap_in(staging: Path, raw_dir: Path, new_marts: Path, marts_path: Path) -> None:
    """Make ``staging`` the raw folder and ``new_marts`` the marts, as one journalled step (see module doc).

    The raw folder must exist. On return both are live; if the process dies on the way, :func:`recover`
    brings back the previous raw folder and marts.
    """
    journal = Journal(
        raw_dir=str(raw_dir.absolute()),
        raw_old=str(old_raw_path(raw_dir).absolute()),
        staging=str(staging.absolute()),
        marts=str(marts_path.absolute()),
        marts_old=str(old_marts_path(marts_path).absolute()),
        marts_new=str(new_marts.absolute()),
        marts_existed=marts_path.is_file(),
    )
    jpath = journal_path(marts_path)
    _write_journal(journal, jpath)
    after_step("jurnal")
    if journal.marts_existed:
        os.link(marts_path, journal.marts_old)
    after_step("mart-lama")
    raw_dir.rename(journal.raw_old)
    after_step("mentah-lama")
    staging.rename(raw_dir)
    after_step("mentah-baru")
    os.replace(new_marts, marts_path)
    after_step("mart-baru")
    jpath.unlink()
    _fsync_dir(jpath.parent)
    after_step("selesai")
    _remove_old(journal)
    after_step("bersih")


def _remove_old(journal: Journal) -> None:
    shutil.rmtree(journal.raw_old, ignore_errors=True)
    Path(journal.marts_old).unlink(missing_ok=True)


def _roll_back(journal: Journal) -> None:
    """Undo an uncommitted swap: the previous raw folder and marts come back."""
    raw_dir, raw_old = Path(journal.raw_dir), Path(journal.raw_old)
    if raw_old.is_dir():
        if raw_dir.exists():
            shutil.rmtree(raw_dir)  # the staging copy, renamed in step 4
        raw_old.rename(raw_dir)
    marts, marts_old = Path(journal.marts), Path(journal.marts_old)
    if marts_old.is_file():
        if marts.is_file() and marts.samefile(marts_old):
            marts_old.unlink()  # rename() between two links of one file does nothing: drop the second name
        else:
            os.replace(marts_old, marts)
    elif not journal.marts_existed:
        marts.unlink(missing_ok=True)
    shutil.rmtree(journal.staging, ignore_errors=True)
    Path(journal.marts_new).unlink(missing_ok=True)


def _remove_legacy(raw_dir: Path, marts_path: Path) -> list[str]:
    """Remove work copies named as earlier versions of the import named them (never made any more)."""
    legacy = [*raw_dir.parent.glob(f".{raw_dir.name}-baru-*")] if raw_dir.parent.is_dir() else []
    legacy += [marts_path.with_name(marts_path.name + suffix) for suffix in (".impor", ".tmp", ".tmp.wal")]
    removed = []
    for path in legacy:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        elif path.exists() or path.is_symlink():
            path.unlink()
        else:
            continue
        removed.append(path.name)
    return removed


def recover(raw_dir: Path, marts_path: Path) -> list[str]:
    """Undo an interrupted swap and remove what crashed writers left; call it holding the writer lock.

    Returns:
        What was done, in Indonesian (empty when there was nothing to do), for a log line.
    """
    done: list[str] = []
    jpath = journal_path(marts_path)
    if jpath.is_file():
        journal = Journal(**json.loads(jpath.read_text(encoding="utf-8")))
        _roll_back(journal)
        jpath.unlink()
        _fsync_dir(jpath.parent)
        done.append("impor yang terputus dibatalkan; data sebelumnya dipulihkan")
    elif old_raw_path(raw_dir).exists() or old_marts_path(marts_path).exists():
        # A crash after the commit, during step 7: the new state is live, the old copies are leftovers.
        shutil.rmtree(old_raw_path(raw_dir), ignore_errors=True)
        old_marts_path(marts_path).unlink(missing_ok=True)
        done.append("salinan lama dari impor sebelumnya dihapus")
    journal_path(marts_path).with_name(jpath.name + ".baru").unlink(missing_ok=True)
    folders = {marts_path.parent, raw_dir.parent}
    removed = [name for folder in sorted(folders) for name in remove_orphans(folder)]
    removed += _remove_legacy(raw_dir, marts_path)
    if removed:
        done.append(f"{len(removed)} berkas/folder kerja sisa proses yang terhenti dihapus")
    return done
