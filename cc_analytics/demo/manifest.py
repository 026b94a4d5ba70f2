"""``DEMO.json``: the ground truth of a demo set (what is synthetic, the real anchors, the injected problems).

Each injected problem is recorded with its declared rate (from :mod:`cc_analytics.demo.rates`), what the
rate is a share of (``per``), the count actually injected and the count per file. The denominators per
file are recorded under ``denominators`` so the achieved rate can be checked.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from cc_analytics import __version__
from cc_analytics.demo import anchors, rates

KPM, LAYAK, BARIS = "kpm", "keluarga_layak", "baris"
_NIK_RUSAK = "notasi Excel (3.51414E+15) atau satu digit hilang"

# problem -> (declared rate, denominator key, description in Indonesian)
PROBLEMS: dict[str, tuple[float, str, str]] = {
    "pkh_meninggal": (rates.RATE_PKH_MENINGGAL, KPM, "Pengurus KPM meninggal sebelum semester tahap dimulai"),
    "pkh_nik_ganda": (rates.RATE_PKH_NIK_GANDA, KPM, "Baris tambahan dengan NIK_PENGURUS sama dalam satu tahap"),
    "pkh_nik_tidak_di_dukcapil": (rates.RATE_PKH_NIK_TIDAK_DI_DUKCAPIL, KPM, "NIK_PENGURUS tidak ada di Dukcapil"),
    "pkh_kk_beda_desa": (rates.RATE_PKH_KK_BEDA_DESA, KPM, "KODE_DESA PKH berbeda dengan desa KK di Dukcapil"),
    "pkh_nik_rusak": (rates.RATE_PKH_NIK_RUSAK, KPM, f"NIK_PENGURUS rusak: {_NIK_RUSAK}"),
    "pkh_di_luar_desil_1_4": (rates.RATE_PKH_DI_LUAR_DESIL_1_4, KPM, "KPM dari keluarga DTSEN desil 5-6"),
    "pkh_tidak_di_dtsen": (rates.RATE_PKH_TIDAK_DI_DTSEN, KPM, "KPM yang keluarganya tidak ada di DTSEN tahun itu"),
    "pkh_desil_1_4_tidak_tercakup": (
        round(1 - rates.PKH_COVERAGE, 6),
        LAYAK,
        "Keluarga desil 1-4 yang punya anggota komponen PKH tetapi bukan KPM",
    ),
    "dtsen_nik_tidak_di_dukcapil": (
        rates.RATE_DTSEN_NIK_TIDAK_DI_DUKCAPIL,
        BARIS,
        "NIK anggota DTSEN tidak ada di Dukcapil",
    ),
    "dtsen_nik_rusak": (rates.RATE_DTSEN_NIK_RUSAK, BARIS, f"NIK anggota DTSEN rusak: {_NIK_RUSAK}"),
    "dukcapil_nik_rusak": (rates.RATE_DUKCAPIL_NIK_RUSAK, BARIS, f"NIK Dukcapil rusak: {_NIK_RUSAK}"),
}


class Ledger:
    """Counts of injected problems and of denominators, per file, in the order files are written."""

    def __init__(self) -> None:
        self.problems: dict[str, dict[str, int]] = defaultdict(dict)
        self.denominators: dict[str, dict[str, int]] = defaultdict(dict)

    def record(self, file_name: str, injected: dict[str, int], **denominators: int) -> None:
        """Add a file's problem counts and denominators (``kpm``, ``keluarga_layak``, ``baris``)."""
        for key, count in injected.items():
            if key not in PROBLEMS:
                raise KeyError(key)
            self.problems[key][file_name] = int(count)
        for key, value in denominators.items():
            self.denominators[key][file_name] = int(value)

    def totals(self) -> dict[str, int]:
        """Problem -> count over all files."""
        return {key: sum(self.problems[key].values()) for key in PROBLEMS if key in self.problems}


def build_manifest(
    seed: int, scale: float, periods: list[str], ledger: Ledger, extra: dict[str, Any]
) -> dict[str, Any]:
    """The content of ``DEMO.json``."""
    injected = {}
    for key, (rate, per, description) in PROBLEMS.items():
        files = ledger.problems.get(key, {})
        injected[key] = {
            "rate": rate,
            "per": per,
            "keterangan": description,
            "count": sum(files.values()),
            "files": files,
        }
    return {
        "synthetic": True,
        "generator": f"cc_analytics.demo {__version__}",
        "seed": seed,
        "scale": scale,
        "periods": periods,
        "anchors": [_anchor_dict(anchor) for anchor in anchors.anchor_list()],
        "injected": injected,
        "denominators": {key: dict(value) for key, value in ledger.denominators.items()},
        **extra,
    }


def _anchor_dict(anchor: anchors.Anchor) -> dict[str, Any]:
    value = int(anchor.value) if float(anchor.value).is_integer() else anchor.value
    return {"figure": anchor.figure, "value": value, "source": anchor.source}
