"""A small hand-made set of raw files whose marts were worked out by hand (see test_ingest_linkage)."""

from __future__ import annotations

import csv
from pathlib import Path

from cc_analytics.schema import DTSEN, DUKCAPIL, PKH

A, B = "35.14.01.2001", "35.14.01.2002"


def nik(n: int) -> str:
    return f"351401010180{n:04d}"


def kk(n: int) -> str:
    return f"351401{9000000000 + n:010d}"


def person(n, kk_n, sex, born, rel, desa, dead=""):
    kel = desa.split(".")[-1]
    return [nik(n), kk(kk_n), f"Nama {n}", sex, born, rel, "35", "14", "01", kel, "MATI" if dead else "HIDUP", dead]


DUKCAPIL_ROWS = [
    person(1, 1, "LAKI-LAKI", "01-01-1980", "KEPALA KELUARGA", A),
    person(2, 1, "PEREMPUAN", "01-01-1985", "ISTRI", A),
    person(3, 1, "LAKI-LAKI", "15-08-2015", "ANAK", A),
    person(4, 1, "PEREMPUAN", "01-01-2020", "ANAK", A),
    person(5, 2, "PEREMPUAN", "01-01-1950", "KEPALA KELUARGA", A),
    person(6, 2, "LAKI-LAKI", "01-01-1945", "SUAMI", A, dead="01-03-2024"),
    person(7, 3, "LAKI-LAKI", "01-01-1990", "KEPALA KELUARGA", B),
    person(8, 3, "PEREMPUAN", "01-01-2010", "ANAK", B),
    person(9, 4, "LAKI-LAKI", "01-01-1970", "KEPALA KELUARGA", B, dead="10-01-2025"),
    person(10, 4, "PEREMPUAN", "01-01-1972", "ISTRI", B),
    person(11, 5, "LAKI-LAKI", "01-01-1985", "KEPALA KELUARGA", A),
    # rejected rows
    ["3.51401E+15", kk(8), "Rusak", "1", "01-01-1990", "ANAK", "35", "14", "01", "2001", "HIDUP", ""],
    person(12, 8, "PEREMPUAN", "31-02-2020", "ANAK", A),
    [nik(13), kk(8), "X", "2", "01-01-1990", "ANAK", "35", "14", "01", "9999", "HIDUP", ""],
    person(1, 1, "LAKI-LAKI", "01-01-1980", "KEPALA KELUARGA", A),  # duplicate NIK
]

DTSEN_ROWS = [
    *[["F1", kk(1), nik(n), "2", "Y" if n == 3 else "T", "3514012001"] for n in (1, 2, 3, 4)],
    *[["F2", kk(2), nik(n), "1", "T", "3514012001"] for n in (5, 6)],
    *[["F3", kk(3), nik(n), "6", "T", "3514012002"] for n in (7, 8)],
    *[["F4", kk(4), nik(n), "3", "T", "3514012002"] for n in (9, 10)],
    ["F6", kk(6), nik(60), "4", "T", "3514012002"],
    ["F7", kk(9), nik(70), "11", "T", "3514012002"],  # rejected: desil 11
]

PKH_ZERO = ["0"] * 7


def pkh_row(pengurus: str, kk_n: int, desa: str, tahap: int, counts: dict[int, int], nominal: int) -> list[str]:
    jml = list(PKH_ZERO)
    for index, value in counts.items():
        jml[index] = str(value)
    return [pengurus, kk(kk_n), "Pengurus", desa, "2025", str(tahap), *jml, str(nominal), "SALUR"]


# komponen index: 0 bumil, 1 aud, 2 sd, 3 smp, 4 sma, 5 disabilitas, 6 lansia
PKH_T2 = [
    pkh_row(nik(2), 1, A, 2, {1: 1, 2: 1}, 975_000),
    pkh_row(nik(9), 4, B, 2, {2: 1}, 225_000),
    pkh_row(nik(99), 7, B, 2, {3: 1}, 375_000),
    pkh_row(nik(7), 3, B, 2, {4: 1}, 500_000),
    pkh_row(nik(11), 5, B, 2, {2: 2}, 450_000),
    pkh_row(nik(2), 1, A, 2, {1: 1, 2: 1}, 975_000),  # duplicate pengurus
    ["35140100000001", kk(1), "Pendek", A, "2025", "2", *PKH_ZERO, "0", "SALUR"],  # 14-digit NIK
]


def write(path: Path, header: list[str], rows: list[list[str]], extra_lines: list[str] = ()) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        for line in extra_lines:
            handle.write(line + "\n")


def write_handmade_raw(raw: Path) -> None:
    """Write the hand-made Dukcapil, DTSEN and PKH files (semester 2025-S1) into ``raw``."""
    raw.mkdir(parents=True, exist_ok=True)
    names = [f.name for f in DUKCAPIL.fields]
    write(raw / "dukcapil_2025-S1.csv", names, DUKCAPIL_ROWS, extra_lines=["1,2,3"])
    write(raw / "dtsen_2025-S1.csv", [f.name for f in DTSEN.fields], DTSEN_ROWS)
    pkh_names = [f.name for f in PKH.fields]
    write(raw / "pkh_2025_tahap1.csv", pkh_names, [pkh_row(nik(2), 1, A, 1, {1: 1, 2: 1}, 975_000)])
    write(raw / "pkh_2025_tahap2.csv", pkh_names, PKH_T2)
