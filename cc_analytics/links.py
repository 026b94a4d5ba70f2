"""Reading the values of a shared link: pure functions behind :mod:`cc_analytics.ui.url_state`.

A link carries every choice that changes a view as a code (``periode=2025-S1``, ``kec=35.14.14``,
``desa=35.14.14.1001``). People also type or paste other forms: a kecamatan's name slug (``kec=bangil``), a code
without dots (``kec=351414``), the name shown on screen (``periode=Semester I 2025``). These functions turn such
text into the canonical option, or say that it matches nothing, and build the query string of a link.

Nothing here imports Streamlit; the UI bridge decides what to show.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from urllib.parse import urlencode

from cc_analytics.wilayah import desa, kecamatan

_SEPARATORS = re.compile(r"[\s\-_]+")

SEMUA = "semua"
"""The option value (and URL text) of "no kecamatan / no desa chosen": the whole kabupaten or kecamatan."""

_SHOWN_MAX = 40
_SHOWN_MAX_DIGITS = 10
_UNSAFE = re.compile(r"[^0-9A-Za-z .,_\-/]")


def _fold(text: str) -> str:
    """Case, spaces, hyphens and underscores do not matter: ``Gondang Wetan`` = ``gondang-wetan`` =
    ``Gondangwetan``."""
    return _SEPARATORS.sub("", text.strip().casefold())


def option_lookup(options: Sequence[Hashable], aliases: Mapping[str, Hashable] | None = None) -> dict[str, Hashable]:
    """The texts a link may carry for each option, case-insensitive: ``str(option)`` and every alias.

    Args:
        options: the valid values; ``str(option)`` is what a link carries.
        aliases: other accepted texts → option (e.g. slug → code). Aliases naming no option are ignored.

    Returns:
        folded text → option. The canonical ``str(option)`` wins over an alias spelled the same.
    """
    valid = set(options)
    lookup: dict[str, Hashable] = {_fold(str(k)): v for k, v in (aliases or {}).items() if v in valid}
    lookup.update({_fold(str(option)): option for option in options})
    return lookup


def resolve_option(raw: str | None, lookup: Mapping[str, Hashable]) -> Hashable | None:
    """The option a link text names (see :func:`option_lookup`), or None when it names none."""
    if raw is None:
        return None
    return lookup.get(_fold(raw))


@dataclass(frozen=True)
class NumberChoice:
    """A number read from a link.

    Attributes:
        value: the number to use (None when the text is not a number).
        clamped: True when the text was a number outside the range and ``value`` is the nearest bound.
    """

    value: float | int | None
    clamped: bool = False


def resolve_number(raw: str | None, min_value: float, max_value: float, *, integer: bool) -> NumberChoice:
    """Read a number from a link (``12``, ``0.5``; Indonesian ``0,5`` too) and keep it within the range.

    Args:
        raw: the link text, or None.
        min_value: lowest allowed value.
        max_value: highest allowed value.
        integer: whether the value must be whole; a fraction is then rounded to the nearest whole number.

    Returns:
        The value within ``[min_value, max_value]`` (nearest bound when outside, ``clamped=True``), or
        ``NumberChoice(None)`` when the text is missing or not a finite number.
    """
    if raw is None:
        return NumberChoice(None)
    try:
        number = float(raw.strip().replace(",", "."))
    except ValueError:
        return NumberChoice(None)
    if not math.isfinite(number):
        return NumberChoice(None)
    if integer:
        number = float(round(number))
    bounded = min(max(number, min_value), max_value)
    value: float | int = int(bounded) if integer else bounded
    return NumberChoice(value, clamped=bounded != number)


def shown_value(raw: str) -> str:
    """A link text made safe to repeat in a notice: short, plain characters, nothing like an identity number.

    Text holding more digits than a desa code (10), in any script and however they are separated
    (``3514-0113-0971-0001``, ``NIK 351401/130971/0001``, full-width digits), could be a NIK or a KK number:
    it is shown only as ``…``, so a pasted identity number is never echoed on screen.
    """
    folded = unicodedata.normalize("NFKC", raw)
    if sum(ch.isdigit() for ch in folded) > _SHOWN_MAX_DIGITS:
        return "…"
    text = _UNSAFE.sub("", folded.strip())
    return text[:_SHOWN_MAX] + ("…" if len(text) > _SHOWN_MAX else "")


def to_text(value: Hashable) -> str:
    """The text a link carries for a value: ``str`` except whole floats without ``.0`` (``5.0`` → ``5``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def query_string(values: Iterable[tuple[str, str]]) -> str:
    """``key=value`` pairs joined for a link, in the given order: ``periode=2025-S1&kec=35.14.14``."""
    return urlencode(list(values), safe="/")


# --- Wilayah -----------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def kecamatan_options() -> tuple[str, ...]:
    """``semua`` followed by the 24 kecamatan codes, in name order (the choices of the sidebar)."""
    frame = kecamatan().sort_values("nama")
    return (SEMUA, *frame["kode_wilayah"])


@lru_cache(maxsize=1)
def kecamatan_aliases() -> Mapping[str, str]:
    """Other texts a link may use for a kecamatan: name slug (``bangil``), name, code without dots (``351414``)."""
    aliases: dict[str, str] = {}
    for kode, nama, slug in kecamatan()[["kode_wilayah", "nama", "slug"]].itertuples(index=False):
        aliases[slug] = kode
        aliases[nama] = kode
        aliases[kode.replace(".", "")] = kode
    return MappingProxyType(aliases)


@lru_cache(maxsize=32)
def desa_options(kode_kecamatan: str) -> tuple[str, ...]:
    """``semua`` followed by the desa/kelurahan codes of one kecamatan, in name order (only ``semua`` for the
    whole kabupaten)."""
    frame = desa()
    frame = frame[frame["kode_kecamatan"] == kode_kecamatan].sort_values("nama")
    return (SEMUA, *frame["kode_wilayah"])


@lru_cache(maxsize=32)
def desa_aliases(kode_kecamatan: str) -> Mapping[str, str]:
    """Other texts a link may use for a desa of the kecamatan: name slug, name, code without dots."""
    frame = desa()
    frame = frame[frame["kode_kecamatan"] == kode_kecamatan]
    aliases: dict[str, str] = {}
    for kode, nama, slug in frame[["kode_wilayah", "nama", "slug"]].itertuples(index=False):
        aliases[slug] = kode
        aliases[nama] = kode
        aliases[kode.replace(".", "")] = kode
    return MappingProxyType(aliases)


def kecamatan_of_desa(raw: str | None) -> str | None:
    """The kecamatan code of the desa a link names by its code (dotted or not), or None."""
    if raw is None:
        return None
    digits = re.sub(r"\D", "", raw)
    if len(digits) != 10:
        return None
    kode = f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:10]}"
    frame = desa()
    match = frame.loc[frame["kode_wilayah"] == kode, "kode_kecamatan"]
    return str(match.iloc[0]) if len(match) else None


@lru_cache(maxsize=1)
def wilayah_names() -> Mapping[str, str]:
    """Code → display name of every kecamatan and desa/kelurahan (kelurahan marked ``(kel.)``), plus ``semua``."""
    names = dict(zip(kecamatan()["kode_wilayah"], kecamatan()["nama"], strict=True))
    frame = desa()
    for kode, nama, level in frame[["kode_wilayah", "nama", "level"]].itertuples(index=False):
        names[kode] = f"{nama} (kel.)" if level == "kelurahan" else nama
    return MappingProxyType(names)
