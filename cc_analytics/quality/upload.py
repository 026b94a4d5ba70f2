"""Files uploaded through the app: whether uploads are allowed, checking them, importing them safely.

Uploads are **off** unless the environment variable ``CC_ALLOW_UPLOAD`` is ``1`` (an import rebuilds the
marts every user sees, so a deployment opts in). Uploaded bytes are written to a temporary folder under
their original file name (the name says the source and period) and handed to the same code as the command
line: :func:`cc_analytics.ingest.check_file.check_file` to check without importing, and
:func:`cc_analytics.ingest.importer.import_files` to import (write aside, rebuild, swap: a failure leaves the
previous data in use). One import runs at a time per marts file. Uploaded bytes are kept in a work folder
inside the data folder (never the system's temp folder), removed afterwards or, after a crash, by the next
writer.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cc_analytics.config import Settings
from cc_analytics.errors import IngestError, SourceFileError
from cc_analytics.ingest.check_file import FileCheck, check_file
from cc_analytics.ingest.files import SOURCE_EXTENSIONS, classify
from cc_analytics.ingest.importer import import_files
from cc_analytics.ingest.pipeline import FileAccount, Progress
from cc_analytics.ingest.workspace import work_dir

UPLOAD_ENV = "CC_ALLOW_UPLOAD"
"""Environment variable that enables uploads on the Data page: ``1`` on, anything else (default) off."""

UPLOAD_TYPES = tuple(ext.lstrip(".") for ext in SOURCE_EXTENSIONS if ext != ".xls")
"""File extensions the upload control accepts (``.xls`` is refused by the readers anyway)."""

MAX_NAME_BYTES = 120
"""Longest accepted upload name in UTF-8 bytes (file systems stop at 255; source names are far shorter)."""


def uploads_allowed(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the Data page may import uploaded files (``CC_ALLOW_UPLOAD=1``; default off)."""
    env = os.environ if environ is None else environ
    return env.get(UPLOAD_ENV, "0").strip() == "1"


@dataclass(frozen=True)
class Upload:
    """One uploaded file: the name the user's computer gave it and its content."""

    name: str
    content: BinaryIO


def safe_name(name: str) -> str:
    """The bare file name of an upload, checked against the raw file name patterns.

    Raises:
        SourceFileError: for an empty or hidden name, or one that matches no source pattern.
    """
    bare = Path(name.replace("\\", "/")).name.strip()
    if len(bare.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
        raise SourceFileError("(nama terlalu panjang)", f"nama berkas lebih dari {MAX_NAME_BYTES} byte")
    if not bare or bare.startswith(".") or not bare.isprintable():
        raise SourceFileError("(nama tidak sah)", "nama berkas tidak sah")
    classify(Path(bare))
    return bare


def save_uploads(uploads: Sequence[Upload], folder: Path) -> list[Path]:
    """Write ``uploads`` into ``folder`` under their checked names.

    Raises:
        SourceFileError: a name is not accepted (see :func:`safe_name`) or appears twice.
    """
    paths: list[Path] = []
    for upload in uploads:
        path = folder / safe_name(upload.name)
        if path in paths:
            raise SourceFileError(path.name, "diunggah lebih dari sekali")
        upload.content.seek(0)
        with path.open("wb") as handle:
            shutil.copyfileobj(upload.content, handle, 1 << 20)
        paths.append(path)
    return paths


def check_uploads(uploads: Sequence[Upload], settings: Settings) -> list[FileCheck]:
    """Run the ingest's reading and validation on each upload without importing anything.

    Raises:
        SourceFileError: a name is not accepted, or a file cannot be read at all.
    """
    with work_dir(settings.marts_path.parent, "unggah") as work:
        return [check_file(path, work_parent=work) for path in save_uploads(uploads, work)]


def import_uploads(
    uploads: Sequence[Upload], settings: Settings, progress: Progress | None = None
) -> list[FileAccount]:
    """Add the uploads to the raw folder and rebuild the marts, all or nothing.

    Args:
        uploads: the files, named as raw source files (``pkh_2026_tahap1.xlsx``...).
        settings: where the raw folder and the marts are.
        progress: called with (fraction 0–1, Indonesian message) as the rebuild advances.

    Returns:
        The row accounting of the uploaded files, as the rebuild logged it (read = accepted + rejected).

    Raises:
        SourceFileError: a name is not accepted or a file cannot be read (nothing changes).
        IngestError: another import is running, the result is implausible, or the rebuild failed (nothing
            changes).
    """
    if not uploads:
        raise IngestError("Tidak ada berkas untuk diimpor.")
    with work_dir(settings.marts_path.parent, "unggah") as work:
        paths = save_uploads(uploads, work)
        report = import_files(paths, settings, progress)
    names = {path.name for path in paths}
    return [account for account in report.files if account.file_name in names]
