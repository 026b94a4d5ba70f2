"""The short narrative of the Ringkasan page, written from the same numbers as the KPI cards.

One sentence per indicator, in the order of the cards, then the kecamatan with the largest gap. A sentence
is left out when its number is missing; changes are mentioned only when the previous semester is known.
Templates live in :mod:`cc_analytics.texts` (``NARASI_*``).

Example: ``Jumlah penduduk Kabupaten Pasuruan pada Semester II 2025 tercatat 1.658.210 jiwa, naik 0,6%
dibanding Semester I 2025 (1.648.320 jiwa).``
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import pandas as pd

from cc_analytics.briefing import texts as tx
from cc_analytics.formatting import describe_change, describe_points, format_number, format_percent, format_periode
from cc_analytics.formatting import is_missing as _missing
from cc_analytics.wilayah import NAMA_KABUPATEN


class KpiLike(Protocol):
    """What the narrative needs of an indicator (see :class:`cc_analytics.briefing.build.Kpi`)."""

    @property
    def value(self) -> float | None: ...

    @property
    def previous(self) -> float | None: ...

    @property
    def change(self) -> float | None: ...

    @property
    def is_ratio(self) -> bool: ...


def _value_text(kpi: KpiLike, value: float) -> str:
    return format_percent(value) if kpi.is_ratio else format_number(value)


def _with_change(sentence: str, kpi: KpiLike, previous_name: str | None, unit: str = "") -> str:
    """Append ``, naik 0,6% dibanding Semester I 2025 (1.648.320 jiwa)`` when a change is known."""
    change = kpi.change
    if previous_name is None or change is None or kpi.previous is None:
        return sentence + "."
    words = describe_points(change) if kpi.is_ratio else describe_change(change)
    before = _value_text(kpi, kpi.previous) + (f" {unit}" if unit else "")
    return sentence + tx.NARASI_CHANGE.format(perubahan=words, previous=previous_name, nilai_lalu=before) + "."


# indicator key -> (sentence template, unit repeated after the previous value)
_TEMPLATES: dict[str, tuple[str, str]] = {
    "penduduk": (tx.NARASI_PENDUDUK, "jiwa"),
    "jumlah_kk": (tx.NARASI_KK, "KK"),
    "keluarga_desil_1_4": (tx.NARASI_DESIL, "keluarga"),
    "kpm_pkh": (tx.NARASI_KPM, "keluarga"),
    "cakupan_pkh": (tx.NARASI_CAKUPAN, ""),
    "temuan_kualitas": (tx.NARASI_KUALITAS, "temuan"),
}


def _indicator_sentences(
    kpis: Mapping[str, KpiLike], keys: tuple[str, ...], periode_name: str, previous_name: str | None, tahap_text: str
) -> list[str]:
    sentences = []
    for key in keys:
        template, unit = _TEMPLATES[key]
        kpi = kpis.get(key)
        if kpi is None or kpi.value is None:
            continue
        head = template.format(
            kabupaten=NAMA_KABUPATEN, periode=periode_name, nilai=_value_text(kpi, kpi.value), tahap_teks=tahap_text
        )
        sentences.append(_with_change(head, kpi, previous_name, unit))
    return sentences


def _gap_sentence(gaps: pd.DataFrame) -> str | None:
    """The kecamatan with the largest published gap, or None when no gap can be shown."""
    if gaps.empty or _missing(gaps["keluarga_belum_tercakup"].iloc[0]):
        return None
    top = gaps.iloc[0]
    if int(top["keluarga_belum_tercakup"]) == 0:
        return None
    ratio = top["rasio_belum_tercakup"]
    return (
        tx.NARASI_GAP.format(
            kecamatan=top["nama_kecamatan"],
            belum=format_number(int(top["keluarga_belum_tercakup"])),
            rasio="–" if _missing(ratio) else format_percent(float(ratio)),
        )
        + "."
    )


def build_narrative(
    kpis: Mapping[str, KpiLike],
    gaps: pd.DataFrame,
    *,
    periode: str,
    previous_periode: str | None,
    tahap: tuple[int, int] | None,
) -> str:
    """The narrative of one semester, in Indonesian.

    Args:
        kpis: indicator key → indicator (keys as :data:`cc_analytics.briefing.build.KPI_KEYS`).
        gaps: output of :func:`cc_analytics.briefing.gaps.kecamatan_gaps` (suppressed counts are never quoted).
        periode: semester label, e.g. ``2025-S2``.
        previous_periode: label of the semester compared with, or None.
        tahap: ``(tahap, tahun)`` of the last PKH tahap of the semester, or None.

    Returns:
        Sentences separated by single spaces.
    """
    previous_name = format_periode(previous_periode) if previous_periode else None
    tahap_text = tx.NARASI_TAHAP.format(tahap=tahap[0], tahun=tahap[1]) if tahap else tx.NARASI_TAHAP_UNKNOWN
    periode_name = format_periode(periode)
    welfare = ("penduduk", "jumlah_kk", "keluarga_desil_1_4", "kpm_pkh", "cakupan_pkh")
    sentences = _indicator_sentences(kpis, welfare, periode_name, previous_name, tahap_text)
    gap = _gap_sentence(gaps)
    if gap:
        sentences.append(gap)
    sentences += _indicator_sentences(kpis, ("temuan_kualitas",), periode_name, previous_name, tahap_text)
    return " ".join(sentences)
