"""PKH policy as configuration: komponen, age bands, benefit per year, caps and the desil cut-off.

Read from ``data/reference/pkh_komponen.csv`` and ``data/reference/pkh_kebijakan.csv``; each value names
its source there. Nothing here is a constant buried in code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from cc_analytics.config import REFERENCE_DIR
from cc_analytics.schema import KOMPONEN

# The registry cannot see pregnancy, so eligibility for this komponen cannot be derived from the data.
KOMPONEN_TIDAK_TERLIHAT = ("ibu_hamil",)


@dataclass(frozen=True)
class Komponen:
    """One PKH komponen: label, annual benefit (Rp), age band (years, inclusive) and cap per family."""

    kode: str
    label: str
    nilai_per_tahun_rp: int
    usia_min: int | None
    usia_max: int | None
    maks_per_keluarga: int | None
    sumber: str


@dataclass(frozen=True)
class PkhPolicy:
    """All PKH settings used by the eligibility and coverage figures."""

    komponen: dict[str, Komponen]
    desil_maks: int
    maks_orang_per_keluarga: int
    tahap_per_tahun: int
    sumber: dict[str, str]

    @property
    def komponen_terlihat(self) -> list[str]:
        """Komponen whose eligibility the registry can show (all but ibu hamil)."""
        return [k for k in KOMPONEN if k not in KOMPONEN_TIDAK_TERLIHAT]


def _optional_int(value: object) -> int | None:
    return None if pd.isna(value) else int(value)


@lru_cache(maxsize=1)
def load_policy() -> PkhPolicy:
    """Read the PKH configuration files.

    Raises:
        KeyError: when a komponen of :data:`cc_analytics.schema.KOMPONEN` or a policy key is missing.
    """
    table = pd.read_csv(REFERENCE_DIR / "pkh_komponen.csv", dtype={"komponen": str})
    komponen = {
        row.komponen: Komponen(
            kode=row.komponen,
            label=row.label,
            nilai_per_tahun_rp=int(row.nilai_per_tahun_rp),
            usia_min=_optional_int(row.usia_min),
            usia_max=_optional_int(row.usia_max),
            maks_per_keluarga=_optional_int(row.maks_per_keluarga),
            sumber=row.sumber,
        )
        for row in table.itertuples()
    }
    missing = set(KOMPONEN) - set(komponen)
    if missing:
        raise KeyError(f"komponen tidak ada di pkh_komponen.csv: {sorted(missing)}")
    kebijakan = pd.read_csv(REFERENCE_DIR / "pkh_kebijakan.csv", dtype=str).set_index("kunci")
    return PkhPolicy(
        komponen={k: komponen[k] for k in KOMPONEN},
        desil_maks=int(kebijakan.loc["desil_maks", "nilai"]),
        maks_orang_per_keluarga=int(kebijakan.loc["maks_orang_per_keluarga", "nilai"]),
        tahap_per_tahun=int(kebijakan.loc["tahap_per_tahun", "nilai"]),
        sumber=kebijakan["sumber"].to_dict(),
    )
