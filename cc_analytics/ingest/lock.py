"""One lock for every writer of a marts file: ingest, import, upload and the first-run build.

The lock is an exclusive ``flock`` on ``<marts>.kunci`` beside the marts. The operating system releases it
when its process ends, however it ends, so a crashed writer never leaves it held. Writers a user started
(the ``ingest`` and ``import`` commands, an upload) are refused at once with a clear message when another
writer holds it; the first-run build waits for it instead, and then finds the marts built.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cc_analytics.errors import ImportBusyError


def lock_path(marts_path: Path) -> Path:
    """The lock file of the marts at ``marts_path``."""
    return marts_path.with_name(marts_path.name + ".kunci")


@contextmanager
def writer_lock(marts_path: Path, *, wait: bool = False) -> Iterator[None]:
    """Hold the writer lock of ``marts_path`` for the block.

    Args:
        marts_path: the marts file the writer replaces.
        wait: wait for another writer to finish instead of refusing.

    Raises:
        ImportBusyError: another writer holds the lock and ``wait`` is false.
    """
    path = lock_path(marts_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise ImportBusyError(
                "Impor lain sedang berjalan (atau data sedang dibangun). Data tidak diubah; coba lagi setelah "
                "proses itu selesai (halaman Data & Kualitas menampilkan hasilnya)."
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
