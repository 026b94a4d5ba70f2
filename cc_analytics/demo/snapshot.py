"""Identifiers of the final register, and the Dukcapil snapshot of a semester end as a table.

A Dukcapil snapshot holds every record on the register at the semester end: alive (HIDUP) or deceased
(MATI, with TGL_MATI). Rows are ordered by desa, KK, relationship and birth date.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cc_analytics.demo import identifiers, names, rates
from cc_analytics.demo.identifiers import count_for, mangle_nik
from cc_analytics.demo.population import Geography
from cc_analytics.demo.register import NEVER, Register
from cc_analytics.schema import STAT_HBKEL_VALUES

DATE_FORMAT = "%d-%m-%Y"


@dataclass(frozen=True)
class Numbers:
    """NIK per record, NO_KK and DTSEN family id per KK, and the code forms of each desa.

    Attributes:
        nik: 16-digit NIK (int64) per record; ``nik_text`` the same as text.
        no_kk: 16-digit NO_KK (int64) per KK; ``no_kk_text`` the same as text.
        id_keluarga: DTSEN family id per KK (DT + 10-digit desa code + 5-digit serial).
        desa_digits: 10-digit desa code (3514012001) per desa.
        desa_dotted: dotted desa code (35.14.01.2001) per desa.
        no_kec: 2-digit kecamatan number (01) per desa.
        no_kel: 4-digit desa number (2001) per desa.
    """

    nik: np.ndarray
    nik_text: pa.Array
    no_kk: np.ndarray
    no_kk_text: pa.Array
    id_keluarga: pa.Array
    desa_digits: pa.Array
    desa_dotted: pa.Array
    no_kec: pa.Array
    no_kel: pa.Array


def build_numbers(reg: Register, geo: Geography) -> Numbers:
    """Assign NIK and NO_KK (unique, see :mod:`cc_analytics.demo.identifiers`) and the DTSEN family ids."""
    prefix = identifiers.kecamatan_prefix(geo.kec_kode)[geo.desa_kec]
    kk_prefix = prefix[reg.kk_desa]
    digits = pa.array([code.replace(".", "") for code in geo.desa_kode], pa.string())
    order = np.argsort(reg.kk_desa, kind="stable")
    start = np.searchsorted(reg.kk_desa[order], reg.kk_desa[order], side="left")
    kk_serial = np.zeros(reg.n_kk, dtype=np.int64)
    kk_serial[order] = np.arange(reg.n_kk) - start + 1
    serial_text = pc.utf8_lpad(pa.array(kk_serial).cast(pa.string()), 5, "0")
    nik = identifiers.assign_nik(kk_prefix[reg.kk], reg.birth, reg.sex)
    no_kk = identifiers.assign_no_kk(kk_prefix, reg.kk_issued)
    return Numbers(
        nik=nik,
        nik_text=pa.array(nik).cast(pa.string()),
        no_kk=no_kk,
        no_kk_text=pa.array(no_kk).cast(pa.string()),
        id_keluarga=pc.binary_join_element_wise("DT", digits.take(pa.array(reg.kk_desa)), serial_text, ""),
        desa_digits=digits,
        desa_dotted=pa.array(list(geo.desa_kode), pa.string()),
        no_kec=pa.array([code[6:8] for code in geo.desa_kode], pa.string()),
        no_kel=pa.array([code[9:13] for code in geo.desa_kode], pa.string()),
    )


def record_order(reg: Register) -> np.ndarray:
    """File order of records: desa, KK, relationship (head first), birth date (oldest first)."""
    return np.lexsort((reg.birth, reg.role, reg.kk, reg.kk_desa[reg.kk]))


def nik_text(text: pa.Array, positions: np.ndarray, replacement: np.ndarray) -> pa.Array:
    """NIKs as text, with the rows at ``positions`` replaced by ``replacement`` (mangled forms)."""
    if len(positions) == 0:
        return text
    mask = np.zeros(len(text), dtype=bool)
    mask[positions] = True
    return pc.replace_with_mask(text, pa.array(mask), pa.array(replacement.tolist(), pa.string()))


def constant(value: str, count: int) -> pa.Array:
    """A string column holding ``value`` ``count`` times."""
    return pa.array([value], pa.string()).take(pa.array(np.zeros(count, dtype=np.int32)))


def _dates(days: np.ndarray) -> pa.Array:
    valid = days != NEVER
    stamps = pa.array(np.where(valid, days, 0).astype(np.int32), pa.date32(), mask=~valid)
    return pc.strftime(stamps, format=DATE_FORMAT)


class DukcapilWriter:
    """Columns of every record, computed once, from which each semester's snapshot is taken."""

    def __init__(self, reg: Register, numbers: Numbers, order: np.ndarray) -> None:
        self.reg = reg
        self.numbers = numbers
        self.order = order
        self.names = names.build_names(reg.sex, reg.name_first, reg.name_second)
        self.birth_text = _dates(reg.birth)
        self.death_text = _dates(reg.death)
        self.hbkel = pa.array(STAT_HBKEL_VALUES).take(pa.array(reg.role.astype(np.int32)))
        self.sex_text = pa.array(["", "LAKI-LAKI", "PEREMPUAN"]).take(pa.array(reg.sex.astype(np.int32)))

    def table(self, rng: np.random.Generator, day: int, mangle_pool: np.ndarray) -> tuple[pa.Table, int]:
        """Snapshot at ``day``; NIKs of some rows drawn from ``mangle_pool`` (mask per record) are mangled.

        Returns:
            The table (schema ``DUKCAPIL``) and the number of mangled rows.
        """
        reg, numbers = self.reg, self.numbers
        rows = self.order[reg.present(day)[self.order]]
        take = pa.array(rows)
        kk = pa.array(reg.kk[rows])
        desa = pa.array(reg.kk_desa[reg.kk[rows]])
        dead = pa.array(reg.death[rows] <= day)
        candidates = np.flatnonzero(mangle_pool[rows])
        count = min(count_for(rates.RATE_DUKCAPIL_NIK_RUSAK, len(rows)), len(candidates))
        mangled = np.sort(rng.choice(candidates, count, replace=False))
        death_text = pc.if_else(dead, self.death_text.take(take), pa.nulls(len(rows), pa.string()))
        table = pa.table(
            {
                "NIK": nik_text(numbers.nik_text.take(take), mangled, mangle_nik(rng, numbers.nik[rows[mangled]])),
                "NO_KK": numbers.no_kk_text.take(kk),
                "NAMA_LGKP": self.names.take(take),
                "JENIS_KLMIN": self.sex_text.take(take),
                "TGL_LHR": self.birth_text.take(take),
                "STAT_HBKEL": self.hbkel.take(take),
                "NO_PROP": constant("35", len(rows)),
                "NO_KAB": constant("14", len(rows)),
                "NO_KEC": numbers.no_kec.take(desa),
                "NO_KEL": numbers.no_kel.take(desa),
                "STAT_HIDUP": pc.if_else(dead, "MATI", "HIDUP"),
                "TGL_MATI": death_text,
            }
        )
        return table, len(mangled)
