"""Finding raw source files and telling what each one is.

A raw folder holds files named as in :mod:`cc_analytics.schema` (``dukcapil_2025-S1.csv``,
``dtsen_2025-S1.csv``, ``pkh_2025_tahap1.csv``, ``penduduk_tahunan.csv``), CSV or XLSX, optionally with a
part suffix (``pkh_2025_tahap1_bangil.xlsx``) when one period comes in several files. Any other CSV/XLSX
name is an error (a file the user meant to load but named wrongly must not be skipped silently); other
files (``DEMO.json``, ``README``) are ignored.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cc_analytics.errors import SourceFileError
from cc_analytics.periods import Periode, parse_periode, periode_of_tahap

# An optional "_part" after the period lets one period come in several files (e.g. one per kecamatan).
_PART = r"(?:_[A-Za-z0-9\-]+)*"
_EXT = r"\.(?:csv|xlsx|xlsm|xls|txt)$"
_PATTERNS = {
    "dukcapil": re.compile(rf"^dukcapil_(\d{{4}}-S[12]){_PART}{_EXT}", re.IGNORECASE),
    "dtsen": re.compile(rf"^dtsen_(\d{{4}})-S1{_PART}{_EXT}", re.IGNORECASE),
    "pkh": re.compile(rf"^pkh_(\d{{4}})_tahap([1-4]){_PART}{_EXT}", re.IGNORECASE),
    "penduduk": re.compile(rf"^penduduk_tahunan{_PART}{_EXT}", re.IGNORECASE),
}
SOURCE_EXTENSIONS = (".csv", ".xlsx", ".xlsm", ".xls", ".txt")

# Years before this one in a file name are typing errors (a year 0000 has no calendar date at all).
_FIRST_YEAR = 1900

# Calendar day a PKH tahap is dated at: the end of its quarter.
_TAHAP_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


@dataclass(frozen=True)
class RawFile:
    """One raw file and what its name says about it.

    Attributes:
        path: where it is.
        sumber: source key (dukcapil, dtsen, pkh, penduduk).
        periode: semester the file belongs to (None for the annual population file).
        tanggal_data: as-of date of its content.
        tahun: year (PKH, DTSEN).
        tahap: PKH tahap 1-4, else None.
    """

    path: Path
    sumber: str
    periode: Periode | None
    tanggal_data: date | None
    tahun: int | None = None
    tahap: int | None = None

    @property
    def name(self) -> str:
        """File name without folders (used in messages and the log)."""
        return self.path.name

    @property
    def periode_label(self) -> str:
        """What the log shows as the file's period."""
        if self.sumber == "pkh":
            return f"{self.tahun} tahap {self.tahap}"
        if self.sumber == "dtsen":
            return f"{self.tahun}"
        return self.periode.label if self.periode else "tahunan"


def classify(path: Path) -> RawFile:
    """Tell which source a file belongs to from its name.

    Raises:
        SourceFileError: when the name matches no known pattern.
    """
    name = path.name
    year = re.search(r"_(\d{4})(?=[-_])", name)
    if year and int(year.group(1)) < _FIRST_YEAR and any(p.match(name) for p in _PATTERNS.values()):
        raise SourceFileError(name, f"tahun {year.group(1)} pada nama berkas tidak sah (paling awal {_FIRST_YEAR})")
    if match := _PATTERNS["dukcapil"].match(name):
        periode = parse_periode(match.group(1))
        return RawFile(path, "dukcapil", periode, periode.tanggal_akhir, tahun=periode.tahun)
    if match := _PATTERNS["dtsen"].match(name):
        tahun = int(match.group(1))
        return RawFile(path, "dtsen", Periode(tahun, 1), date(tahun, 6, 30), tahun=tahun)
    if match := _PATTERNS["pkh"].match(name):
        tahun, tahap = int(match.group(1)), int(match.group(2))
        month, day = _TAHAP_END[tahap]
        return RawFile(path, "pkh", periode_of_tahap(tahun, tahap), date(tahun, month, day), tahun, tahap)
    if _PATTERNS["penduduk"].match(name):
        return RawFile(path, "penduduk", None, None)
    raise SourceFileError(
        name,
        "nama berkas tidak dikenali. Pola yang diterima: dukcapil_YYYY-S1.csv, dtsen_YYYY-S1.csv, "
        "pkh_YYYY_tahapN.csv, penduduk_tahunan.csv (boleh .xlsx, boleh diberi akhiran seperti _bangil)",
    )


def _checked_link(path: Path, folder: Path) -> None:
    """Refuse a symbolic link that is dangling or points outside ``folder`` (resolved).

    Raises:
        SourceFileError: with the reason; the link's target is never named.
    """
    target = path.resolve()
    if not target.exists():
        raise SourceFileError(
            path.name, "tautan simbolik ke berkas yang tidak ada; hapus tautannya atau salin berkasnya"
        )
    if folder not in target.parents:
        raise SourceFileError(
            path.name,
            "tautan simbolik ke berkas di luar folder data mentah tidak diikuti; salin berkasnya ke folder itu",
        )


def discover(raw_dir: Path) -> list[RawFile]:
    """All raw CSV/XLSX files in ``raw_dir`` (not recursive), sorted by source then period.

    A symbolic link is followed only to a file inside ``raw_dir``.

    Raises:
        SourceFileError: for a source file whose name is not recognised, or a symbolic link that is dangling
            or points outside ``raw_dir``.
    """
    folder = raw_dir.resolve()
    paths = [p for p in sorted(raw_dir.iterdir()) if p.suffix.lower() in SOURCE_EXTENSIONS]
    for path in paths:
        if path.is_symlink():
            _checked_link(path, folder)
    files = [classify(p) for p in paths if p.is_file()]
    order = {"penduduk": 0, "dukcapil": 1, "dtsen": 2, "pkh": 3}
    return sorted(files, key=lambda f: (order[f.sumber], f.tanggal_data or date.min, f.name))


def checked_link(path: Path) -> None:
    """Refuse ``path`` when it is a symbolic link that is dangling or points outside its own folder.

    Raises:
        SourceFileError: see :func:`discover`.
    """
    if path.is_symlink():
        _checked_link(path, path.parent.resolve())


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
