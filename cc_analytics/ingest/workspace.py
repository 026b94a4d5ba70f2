"""Work folders and files of the writers, kept inside the data folder and cleaned after a crash.

Every writer (ingest, import, upload, first-run build) and every file check copies raw data while it works:
converted spreadsheets, DuckDB spill files, the staging copy of the raw folder, the new marts. These hold
personal data, so they live beside the data they come from (never in the system's temp folder) and carry
the id of the process that made them in their name: ``.kerja-<jenis>-<pid>-<acak>``. A process that dies
(killed, out of memory, power cut) cannot clean up; the next writer or app start removes every work
folder whose process is gone (:func:`remove_orphans`).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

WORK_PREFIX = ".kerja-"
"""Name prefix of every work folder and work file."""

_OWNER = re.compile(r"^\.kerja-[a-z]+-(\d+)-")


def work_name(kind: str) -> str:
    """The name prefix of a new work folder or file of ``kind`` owned by this process."""
    return f"{WORK_PREFIX}{kind}-{os.getpid()}-"


@contextmanager
def work_dir(parent: Path, kind: str) -> Iterator[Path]:
    """A fresh, private work folder inside ``parent``, removed when the block ends (also on error).

    Args:
        parent: the data folder it belongs in (created if missing).
        kind: a short lower-case word saying what it is for (``ingest``, ``periksa``, ``unggah``).
    """
    parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=work_name(kind), dir=parent))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def work_file(parent: Path, kind: str, suffix: str) -> Path:
    """A unique path for a work file of ``kind`` in ``parent`` (not created; the caller removes it)."""
    parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=work_name(kind), suffix=suffix, dir=parent)
    os.close(handle)
    os.unlink(name)
    return Path(name)


def owner_pid(name: str) -> int | None:
    """The process id in a work folder's or file's name, or None when the name is not a work name."""
    match = _OWNER.match(name)
    return int(match.group(1)) if match else None


def process_alive(pid: int) -> bool:
    """Whether a process with id ``pid`` is running on this machine."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_orphans(folder: Path) -> list[str]:
    """Remove the work folders and files in ``folder`` whose process is gone; return their names."""
    if not folder.is_dir():
        return []
    removed = []
    for path in folder.iterdir():
        pid = owner_pid(path.name)
        if pid is None or process_alive(pid):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path.name)
    return removed
