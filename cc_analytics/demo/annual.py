"""``penduduk_tahunan.csv``: population per kecamatan per year on three bases, each row naming its source.

- ``sensus`` 2010: the real SP2010 count of each kecamatan (BPS); 2020: the real SP2020 regency total
  split over the kecamatan by the synthetic share path (SP2010 shares moved by the growth differentials).
- ``estimasi_bps`` 2011-2024: synthetic per kecamatan; the regency total equals the BPS figure in the
  anchor years (2019, 2020 = SP2020, 2023, 2024) and is interpolated geometrically in between.
- ``registrasi`` 2021-2025: the alive count of the demo register at 31 December.

All counts are multiplied by the demo scale (SP2010 exactly as published at scale 1).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pyarrow as pa

from cc_analytics.demo import anchors
from cc_analytics.demo.anchors import ESTIMASI_ANCHOR_YEARS

ESTIMASI_YEARS = range(2011, 2025)


def _number(value: float) -> str:
    return f"{round(value):,}".replace(",", ".")


def _scale_note(scale: float) -> str:
    return "" if scale == 1 else f"; dikalikan skala demo {scale:g}"


def _estimasi_sumber(tahun: int, scale: float) -> str:
    if tahun in ESTIMASI_ANCHOR_YEARS:
        anchor = anchors.bps_kabupaten(tahun)
        basis = f"total kabupaten = angka BPS {tahun} ({_number(anchor.value)})"
    else:
        lower = max(y for y in ESTIMASI_ANCHOR_YEARS if y < tahun)
        upper = min(y for y in ESTIMASI_ANCHOR_YEARS if y > tahun)
        basis = f"total kabupaten = interpolasi geometrik antara angka BPS {lower} dan {upper}"
    return f"Sintetis (demo): {basis}, dibagi per kecamatan secara sintetis{_scale_note(scale)}"


def penduduk_tahunan(scale: float, registrasi: dict[int, np.ndarray]) -> pa.Table:
    """The rows of ``penduduk_tahunan.csv``.

    Args:
        scale: demo scale (1.0 = the whole regency).
        registrasi: year -> alive count per kecamatan (code order) at 31 December of the demo register.

    Returns:
        Columns ``KODE_KECAMATAN`` (35.14.01), ``TAHUN``, ``PENDUDUK`` (jiwa), ``BASIS``, ``SUMBER``.
    """
    table = anchors.kecamatan_table()
    kode = table["kode_kecamatan"].to_numpy(dtype=str)
    blocks: list[tuple[int, np.ndarray, str, str]] = []
    sp2010 = table["penduduk_sp2010"].to_numpy(dtype=float)
    blocks.append(
        (2010, np.round(sp2010 * scale), "sensus", f"BPS, Sensus Penduduk 2010 (hasil olah cepat){_scale_note(scale)}")
    )
    sp2020 = anchors.bps_kabupaten(2020).value
    blocks.append(
        (
            2020,
            anchors.apportion(round(sp2020 * scale), anchors.kecamatan_shares(anchors.SP2020_DATE)),
            "sensus",
            f"Sintetis (demo): total kabupaten SP2020 BPS ({_number(sp2020)}) dibagi per kecamatan secara "
            f"sintetis menurut pangsa SP2010 yang digeser pertumbuhan sintetis{_scale_note(scale)}",
        )
    )
    for tahun in ESTIMASI_YEARS:
        total = round(anchors.kabupaten_estimasi(tahun) * scale)
        parts = anchors.apportion(total, anchors.kecamatan_shares(date(tahun, 7, 1)))
        blocks.append((tahun, parts, "estimasi_bps", _estimasi_sumber(tahun, scale)))
    for tahun, counts in sorted(registrasi.items()):
        blocks.append(
            (tahun, counts, "registrasi", "Sintetis (demo): register Dukcapil demo, penduduk hidup per 31 Desember")
        )
    return pa.table(
        {
            "KODE_KECAMATAN": np.concatenate([kode for _ in blocks]),
            "TAHUN": np.concatenate([np.full(len(kode), b[0], dtype=np.int64) for b in blocks]),
            "PENDUDUK": np.maximum(np.concatenate([np.asarray(b[1], dtype=np.int64) for b in blocks]), 1),
            "BASIS": np.concatenate([np.full(len(kode), b[2]) for b in blocks]),
            "SUMBER": np.concatenate([np.full(len(kode), b[3], dtype=object) for b in blocks]),
        }
    )
