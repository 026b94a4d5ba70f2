"""Synthetic full names (NAMA_LGKP) from lists of common Javanese and Madurese given names.

A name is a first part and, for most people, a second part. Parts are drawn independently, so the
combinations are synthetic and do not point to real people.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

MALE_FIRST = (
    "AHMAD", "MUHAMMAD", "MOH.", "MOCH.", "ACHMAD", "ABDUL", "SLAMET", "SUGENG", "SUPRIYADI", "BUDI", "AGUS",
    "BAMBANG", "HADI", "JOKO", "SUKARDI", "SUPARMAN", "SUTRISNO", "WAHYU", "EKO", "DWI", "RUDI", "HERU",
    "SAMSUL", "ARIFIN", "IMAM", "MASHURI", "ASMUNI", "MATRAI", "SAIFUL", "ROFIQ", "FAUZI", "KHOIRUL", "YUSUF",
    "HASAN", "SUWITO", "PAIMAN", "SUPRI", "ANDI", "FERI", "RIZKY", "DIMAS", "FARHAN", "ILHAM", "NURUL",
    "SUYONO", "KASIM", "MISNADI", "SUHARTO", "TOHARI", "ROHIM",
)  # fmt: skip
MALE_SECOND = (
    "HIDAYAT", "SANTOSO", "PRASETYO", "SETIAWAN", "WIBOWO", "KURNIAWAN", "HASAN", "ROHMAN", "FAUZI", "ARIFIN",
    "SHOLEH", "ANWAR", "MUCHLIS", "HADI", "SUSANTO", "NURHUDA", "ZAINURI", "BASORI", "MAULANA", "SAPUTRA",
    "FIRMANSYAH", "RAMADHAN", "HAMDANI", "EFENDI", "ABIDIN", "MUSTOFA", "ROZIKIN", "JUNAIDI", "SUBAKTI",
    "FAHRUDIN", "HUSEN", "SAIFUDIN", "ASHARI", "MAHMUD", "RIDWAN", "YULIANTO",
)  # fmt: skip
FEMALE_FIRST = (
    "SITI", "SRI", "NUR", "ENDANG", "SUMIATI", "SUMARNI", "DEWI", "RATNA", "YULI", "LILIK", "NINING", "WATINI",
    "MISTIN", "SUNARSIH", "TITIK", "KHOLIFAH", "ROHMAH", "FATIMAH", "AMINAH", "ANIS", "DIAN", "RINA", "EVI",
    "FITRI", "NOVI", "AYU", "PUTRI", "NABILA", "AISYAH", "ZAHRA", "KHOIRUN", "MUNAWAROH", "SUPIATI", "JUMAIYAH",
    "SULASTRI", "UMI", "ANI", "WIWIK", "MUSRIFAH", "SAMINI", "HOLIFAH", "MARIYAM", "NANIK", "INDAH",
)  # fmt: skip
FEMALE_SECOND = (
    "AMINAH", "ROHMAWATI", "WULANDARI", "LESTARI", "RAHAYU", "NINGSIH", "HANDAYANI", "KHOLIFAH", "FATIMAH",
    "MAISAROH", "UMAMI", "ZULAIKHA", "MUNAWAROH", "NURHAYATI", "SUSANTI", "ASTUTI", "NINGTYAS", "KOMARIYAH",
    "SULISTYOWATI", "HIDAYATI", "MUFIDAH", "SAFITRI", "ANGGRAINI", "MAULIDA", "ROHMANIYAH", "SHOLIHAH",
    "HASANAH", "YULIANA", "PERTIWI", "ARIYANTI",
)  # fmt: skip
SHARE_WITH_SECOND_PART = 0.65
MALE = 1
FEMALE = 2


def draw_name_parts(rng: np.random.Generator, sex: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the first and second name part per person (second ``-1`` when there is none).

    Args:
        rng: random generator.
        sex: 1 (laki-laki) or 2 (perempuan) per person.

    Returns:
        ``(first, second)`` as int16 arrays; indices point into the list of the person's sex.
    """
    count = len(sex)
    is_male = sex == MALE
    first = np.where(
        is_male, rng.integers(0, len(MALE_FIRST), count), rng.integers(0, len(FEMALE_FIRST), count)
    ).astype(np.int16)
    second = np.where(
        is_male, rng.integers(0, len(MALE_SECOND), count), rng.integers(0, len(FEMALE_SECOND), count)
    ).astype(np.int16)
    second[rng.random(count) >= SHARE_WITH_SECOND_PART] = -1
    return first, second


def _part(values: tuple[str, ...], index: np.ndarray) -> pa.Array:
    """The name part ``values[index]`` per person, null where ``index`` is negative (out-of-range wraps)."""
    table = pa.array(values, pa.string())
    mask = index < 0
    safe = np.where(mask, 0, index % len(values)).astype(np.int32)
    return pc.if_else(pa.array(mask), pa.nulls(len(index), pa.string()), table.take(pa.array(safe)))


def build_names(sex: np.ndarray, first: np.ndarray, second: np.ndarray) -> pa.Array:
    """Full names (upper case) from the parts drawn by :func:`draw_name_parts`, as a pyarrow string array."""
    is_male = pa.array(sex == MALE)
    first_part = pc.if_else(is_male, _part(MALE_FIRST, first), _part(FEMALE_FIRST, first))
    second_part = pc.if_else(is_male, _part(MALE_SECOND, second), _part(FEMALE_SECOND, second))
    return pc.binary_join_element_wise(first_part, second_part, " ", null_handling="skip")
