"""A hand-made linked dataset for the PKH coverage figures: 25 families in 4 desa of 2 kecamatan.

Semester 2025-S1 (ages on 30 June 2025), PKH tahap 1 and 2 (tahap 2 is the last: the verval list). Desa:
A = 35.14.01.2001 Gerbo, B = 35.14.01.2002 Dawuhansengon (Kecamatan Purwodadi 35.14.01); C = 35.14.02.2001
Ngadirejo, D = 35.14.02.2002 Blarang (Kecamatan Tutur 35.14.02). Rates per person per year (from
data/reference/pkh_komponen.csv): anak usia dini 3,0 jt (max 2 per family), SD 0,9 jt, SMP 1,5 jt, SMA 2,0 jt,
disabilitas berat 2,4 jt, lansia 2,4 jt; at most 4 counted members per family, the most valuable first.

Each family covers one case; the expected figures are worked out in tests/unit/test_coverage_handmade.py:

  F1  A d1  AUD 5 + SD 10                       PKH t1+t2                   covered, hak 3,9 jt
  F2  A d2  born 1 Jul 2018 (6: AUD), 30 Jun 2018 (7: SD)  no PKH          gap 3,9 jt (age boundaries)
  F3  A d3  head 72 (lansia), wife 69 (not yet)  no PKH                    gap 2,4 jt
  F4  A d4  born 1 Jul 2012 (12: SD), 30 Jun 2012 (13: SMP)  PKH t2 only   gap in t1 only, hak 2,4 jt
  F5  A d5  AUD child                            PKH t1+t2                  not eligible; outside desil 1-4
  F6  A d1  three AUD children                   no PKH                     AUD cap 2: hak 6,0 jt
  F7  A d2  lansia 75+71, disabled son, AUD 4+2, SMA 17  PKH t1+t2          4-member cap: hak 10,8 jt
  F8  A d3  head (71) died Feb 2025, wife 60     PKH t1+t2 to the dead head not eligible; deceased KPM
  F9  B d1  two members unknown to Dukcapil, one disabled  no PKH          disabilitas only, gap 2,4 jt
  F10 B d4  SMP 15, SMA 16 and 18, a 19-year-old PKH t1+t2                 covered, hak 5,5 jt
  F11 B --  not in DTSEN                         PKH t2                     not in DTSEN
  F12 B --  not in DTSEN nor Dukcapil            PKH t2                     NIK not in Dukcapil + not in DTSEN
  F13 B d2  KK registered in desa A, PKH paid in B, SD 8  PKH t1+t2        covered; KK in another desa
  F14 B d1  lansia 80                            PKH t1, t2 twice          covered; duplicate NIK
  F15 C d1  AUD 4          no PKH  gap 3,0 jt
  F16 C d2  SD 11          no PKH  gap 0,9 jt
  F17 C d3  SMP 14         PKH     covered 1,5 jt
  F18 C d4  SMA 17         PKH     covered 2,0 jt
  F19 C d1  born 30 Jun 1955 (70: lansia)  no PKH  gap 2,4 jt
  F20 C d6  AUD child      no PKH  not eligible (desil 6)
  F21 D d2  disabled head  PKH     covered 2,4 jt
  F22 D d3  AUD 6 + SD 9   no PKH  gap 3,9 jt
  F23 D d1  only qualifying child died  PKH  covered but not eligible: no figure, no flag
  F24 D d7  head (75) died May 2025  PKH t2 to the dead head  outside desil 1-4 + deceased
  F25 D d4  lansia 90      PKH t1 only  covered in t1, gap in t2
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cc_analytics.schema import DTSEN, DUKCAPIL, PKH
from tests.unit.handmade import write

A, B = "35.14.01.2001", "35.14.01.2002"
C, D = "35.14.02.2001", "35.14.02.2002"
K1, K2 = "35.14.01", "35.14.02"


@dataclass(frozen=True)
class Member:
    """One person: birth date (dd-mm-yyyy), sex, relation; ``died`` date, or not in Dukcapil / DTSEN."""

    m: int
    born: str
    sex: str = "L"
    rel: str = "ANAK"
    died: str = ""
    in_dukcapil: bool = True
    in_dtsen: bool = True
    disabled: bool = False


@dataclass(frozen=True)
class Family:
    """A family: its desa in Dukcapil and DTSEN, its desil (None: not in DTSEN), members and PKH rows.

    ``pkh`` maps tahap → list of (pengurus member number, desa of the payment, nominal of the tahap).
    """

    f: int
    desa: str
    desil: int | None
    members: tuple[Member, ...]
    pkh: dict[int, list[tuple[int, str, int]]] = field(default_factory=dict)
    desa_dtsen: str | None = None


def nik(f: int, m: int) -> str:
    """NIK of member ``m`` of family ``f`` (region prefix of the family's kecamatan, a valid date part)."""
    prefix = "351401" if f <= 14 else "351402"
    return f"{prefix}010180{f:02d}{m:02d}"


def kk(f: int) -> str:
    """NO_KK of family ``f``."""
    prefix = "351401" if f <= 14 else "351402"
    return f"{prefix}{8000000000 + f:010d}"


def head(born: str, sex: str = "L", **kwargs: object) -> Member:
    return Member(1, born, sex, "KEPALA KELUARGA", **kwargs)  # type: ignore[arg-type]


def child(m: int, born: str, **kwargs: object) -> Member:
    return Member(m, born, **kwargs)  # type: ignore[arg-type]


def _paid(pengurus: int, desa: str, nominal: int, tahap: tuple[int, ...] = (1, 2)) -> dict:
    return {t: [(pengurus, desa, nominal)] for t in tahap}


FAMILIES: tuple[Family, ...] = (
    Family(
        1,
        A,
        1,
        (
            head("01-01-1985"),
            Member(2, "01-01-1987", "P", "ISTRI"),
            child(3, "01-03-2020"),
            child(4, "01-03-2015", sex="P"),
        ),
        _paid(2, A, 975_000),
    ),
    Family(2, A, 2, (head("01-01-1980"), child(2, "01-07-2018"), child(3, "30-06-2018", sex="P"))),
    Family(3, A, 3, (head("01-01-1953"), Member(2, "01-07-1955", "P", "ISTRI"))),
    Family(4, A, 4, (head("01-01-1975"), child(2, "01-07-2012"), child(3, "30-06-2012")), _paid(1, A, 600_000, (2,))),
    Family(5, A, 5, (head("01-01-1990", "P"), child(2, "01-01-2022")), _paid(1, A, 750_000)),
    Family(6, A, 1, (head("01-01-1992", "P"), child(2, "01-01-2024"), child(3, "01-01-2022"), child(4, "01-01-2020"))),
    Family(
        7,
        A,
        2,
        (
            head("01-01-1950"),
            Member(2, "01-01-1954", "P", "ISTRI"),
            child(3, "01-01-1985", disabled=True),
            Member(4, "01-01-2021", rel="CUCU"),
            Member(5, "01-01-2023", "P", "CUCU"),
            child(6, "01-01-2008"),
        ),
        _paid(2, A, 2_700_000),
    ),
    Family(
        8, A, 3, (head("01-01-1954", died="01-02-2025"), Member(2, "01-01-1965", "P", "ISTRI")), _paid(1, A, 600_000)
    ),
    Family(
        9,
        B,
        1,
        (
            Member(1, "", rel="KEPALA KELUARGA", in_dukcapil=False, disabled=True),
            Member(2, "", "P", "ISTRI", in_dukcapil=False),
        ),
    ),
    Family(
        10,
        B,
        4,
        (
            head("01-01-1975"),
            child(2, "01-01-2010"),
            child(3, "01-01-2009"),
            child(4, "01-07-2006"),
            child(5, "30-06-2006"),
        ),
        _paid(1, B, 1_375_000),
    ),
    Family(11, B, None, (head("01-01-1988", "P"),), _paid(1, B, 500_000, (2,))),
    Family(12, B, None, (Member(1, "", rel="KEPALA KELUARGA", in_dukcapil=False),), _paid(1, B, 400_000, (2,))),
    Family(13, A, 2, (head("01-01-1983"), child(2, "01-01-2017")), _paid(1, B, 225_000), desa_dtsen=B),
    Family(
        14, B, 1, (head("01-01-1945", "P"), child(2, "01-01-1970")), {1: [(1, B, 600_000)], 2: [(1, B, 600_000)] * 2}
    ),
    Family(15, C, 1, (head("01-01-1990"), child(2, "01-01-2021"))),
    Family(16, C, 2, (head("01-01-1982"), child(2, "01-01-2014"))),
    Family(17, C, 3, (head("01-01-1978", "P"), child(2, "01-01-2011")), _paid(1, C, 375_000)),
    Family(18, C, 4, (head("01-01-1976"), child(2, "01-01-2008")), _paid(1, C, 500_000)),
    Family(19, C, 1, (head("30-06-1955"),)),
    Family(20, C, 6, (head("01-01-1985"), child(2, "01-01-2020"))),
    Family(21, D, 2, (head("01-01-1980", disabled=True),), _paid(1, D, 600_000)),
    Family(22, D, 3, (head("01-01-1986", "P"), child(2, "01-01-2019"), child(3, "01-01-2016"))),
    Family(23, D, 1, (head("01-01-1985"), child(2, "01-01-2021", died="01-03-2025")), _paid(1, D, 750_000)),
    Family(24, D, 7, (head("01-01-1950", "P", died="01-05-2025"), child(2, "01-01-1975")), _paid(1, D, 600_000, (2,))),
    Family(25, D, 4, (head("01-01-1935", "P"),), _paid(1, D, 600_000, (1,))),
)


def _dukcapil_rows() -> list[list[str]]:
    rows = []
    for fam in FAMILIES:
        kec, kel = fam.desa.split(".")[2], fam.desa.split(".")[3]
        for p in fam.members:
            if not p.in_dukcapil:
                continue
            sex = "LAKI-LAKI" if p.sex == "L" else "PEREMPUAN"
            status = "MATI" if p.died else "HIDUP"
            name = f"Nama {fam.f}.{p.m}"
            rows.append([nik(fam.f, p.m), kk(fam.f), name, sex, p.born, p.rel, "35", "14", kec, kel, status, p.died])
    return rows


def _dtsen_rows() -> list[list[str]]:
    rows = []
    for fam in FAMILIES:
        if fam.desil is None:
            continue
        desa = (fam.desa_dtsen or fam.desa).replace(".", "")
        for p in fam.members:
            if p.in_dtsen:
                rows.append([f"F{fam.f}", kk(fam.f), nik(fam.f, p.m), str(fam.desil), "Y" if p.disabled else "T", desa])
    return rows


def _pkh_rows(tahap: int) -> list[list[str]]:
    rows = []
    for fam in FAMILIES:
        for pengurus, desa, nominal in fam.pkh.get(tahap, []):
            counts = ["0"] * 7
            ident = [nik(fam.f, pengurus), kk(fam.f), "Pengurus", desa, "2025", str(tahap)]
            rows.append([*ident, *counts, str(nominal), "SALUR"])
    return rows


def write_pkh_handmade_raw(raw: Path) -> None:
    """Write the Dukcapil, DTSEN and PKH (tahap 1 and 2) files of the set (semester 2025-S1) into ``raw``."""
    raw.mkdir(parents=True, exist_ok=True)
    write(raw / "dukcapil_2025-S1.csv", [f.name for f in DUKCAPIL.fields], _dukcapil_rows())
    write(raw / "dtsen_2025-S1.csv", [f.name for f in DTSEN.fields], _dtsen_rows())
    for tahap in (1, 2):
        write(raw / f"pkh_2025_tahap{tahap}.csv", [f.name for f in PKH.fields], _pkh_rows(tahap))


def build_pkh_handmade_marts(directory: Path) -> Path:
    """Write the raw files into ``directory/raw`` and ingest them into ``directory/marts.duckdb``."""
    from cc_analytics.ingest import run_ingest

    write_pkh_handmade_raw(directory / "raw")
    out = directory / "marts.duckdb"
    report = run_ingest(directory / "raw", out)
    if report.baris_ditolak:
        raise AssertionError(f"hand-made rows rejected: {report.baris_ditolak}")
    return out
