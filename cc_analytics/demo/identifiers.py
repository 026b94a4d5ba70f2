"""NIK and NO_KK numbers, well-formed NIKs that belong to no one, and NIKs mangled the way exports mangle them.

NIK: 6-digit kecamatan prefix (351414) + birth date DDMMYY (day + 40 for women) + 4-digit serial.
NO_KK: 6-digit kecamatan prefix + issue date DDMMYY + 4-digit serial. Serials count up from 0001 within
one prefix and date, so both are unique; serials from 5001 up are never issued, which leaves room for
the synthetic "unknown" NIKs of :func:`unknown_nik`.
"""

from __future__ import annotations

import numpy as np

from cc_analytics.demo import rates

MAX_SERIAL = 5000


def _ddmmyy(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    stamp = days.astype("datetime64[D]")
    month_start = stamp.astype("datetime64[M]")
    day = (stamp - month_start).astype(np.int64) + 1
    month = month_start.astype(np.int64) % 12 + 1
    year = stamp.astype("datetime64[Y]").astype(np.int64) + 1970
    return day, month, year % 100


def _serial_within(key: np.ndarray) -> np.ndarray:
    """1-based rank of each element among the elements with the same key, in array order."""
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    group_start = np.searchsorted(sorted_key, sorted_key, side="left")
    serial = np.empty(len(key), dtype=np.int64)
    serial[order] = np.arange(len(key)) - group_start + 1
    if len(serial) and serial.max() >= MAX_SERIAL:
        raise ValueError("nomor urut NIK/KK melebihi batas")
    return serial


def _numbers(prefix: np.ndarray, days: np.ndarray, day_offset: np.ndarray) -> np.ndarray:
    day, month, year = _ddmmyy(days)
    key = prefix.astype(np.int64) * 1_000_000 + (day + day_offset) * 10_000 + month * 100 + year
    return key * 10_000 + _serial_within(key)


def assign_nik(kecamatan_prefix: np.ndarray, birth: np.ndarray, sex: np.ndarray) -> np.ndarray:
    """16-digit NIK (int64) per record.

    Args:
        kecamatan_prefix: 6-digit prefix per record, e.g. 351414.
        birth: birth date, days since 1970-01-01.
        sex: 1 (laki-laki) or 2 (perempuan; day of birth + 40).
    """
    return _numbers(kecamatan_prefix, birth, np.where(sex == 2, 40, 0))


def assign_no_kk(kecamatan_prefix: np.ndarray, issued: np.ndarray) -> np.ndarray:
    """16-digit NO_KK (int64) per KK from its kecamatan prefix and issue date (days since 1970-01-01)."""
    return _numbers(kecamatan_prefix, issued, np.zeros(len(issued), dtype=np.int64))


def unknown_nik(nik: np.ndarray) -> np.ndarray:
    """A well-formed NIK that no one has: same prefix and birth date, serial ``10000 - serial`` (> 5000)."""
    serial = nik % 10_000
    return nik - serial + (10_000 - serial)


def mangle_nik(rng: np.random.Generator, nik: np.ndarray) -> np.ndarray:
    """NIKs as broken by a spreadsheet: Excel notation (``3.51414E+15``) or one digit lost (15 digits).

    Args:
        rng: random generator.
        nik: 16-digit NIKs (int64).

    Returns:
        The mangled text per NIK (object array of str).
    """
    excel = rng.random(len(nik)) < rates.SHARE_NIK_EXCEL
    position = rng.integers(2, 16, len(nik))
    out = np.empty(len(nik), dtype=object)
    for i, (value, is_excel, drop) in enumerate(zip(nik.tolist(), excel.tolist(), position.tolist(), strict=True)):
        text = str(value)
        out[i] = f"{value:.5E}" if is_excel else text[:drop] + text[drop + 1 :]
    return out


def count_for(rate: float, rows: int) -> int:
    """Number of rows a problem of ``rate`` gets in a file of ``rows`` rows: at least one when rows exist."""
    if rows <= 0 or rate <= 0:
        return 0
    return max(1, round(rate * rows))


def kecamatan_prefix(kec_kode: np.ndarray) -> np.ndarray:
    """6-digit numeric prefix (351401) per dotted kecamatan code (35.14.01)."""
    return np.array([int(code.replace(".", "")) for code in kec_kode], dtype=np.int64)
