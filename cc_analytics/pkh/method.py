"""How the PKH figures are defined, and the policy they use, as text for the page.

The age bands, benefit amounts, caps and the desil cut-off come from :func:`cc_analytics.pkh_policy.load_policy`
(``data/reference/pkh_komponen.csv`` and ``pkh_kebijakan.csv``), each with the source named in those files.
"""

from __future__ import annotations

import pandas as pd

from cc_analytics.formatting import format_number, format_rupiah
from cc_analytics.pkh import texts as t
from cc_analytics.pkh.display import age_text
from cc_analytics.pkh_policy import KOMPONEN_TIDAK_TERLIHAT, load_policy

_SAME = "sama"
"""A source cell starting with this word repeats the source of the first komponen (as in the CSV)."""


def _source(text: str, first: str) -> str:
    if text == _SAME:
        return first
    if text.startswith(_SAME + ";"):
        return first + text[len(_SAME) :]
    return text


def policy_table() -> pd.DataFrame:
    """One row per komponen: age band, benefit per person per year, cap, whether counted, and the source."""
    policy = load_policy()
    komponen = list(policy.komponen.values())
    first = komponen[0].sumber
    frame = pd.DataFrame(
        {
            "komponen": [k.label for k in komponen],
            "usia": [
                t.CRITERIA_DISABILITAS if k.kode == "disabilitas_berat" else age_text(k.usia_min, k.usia_max)
                for k in komponen
            ],
            "nilai_per_tahun_rp": [format_rupiah(k.nilai_per_tahun_rp) for k in komponen],
            "maks_per_keluarga": [
                t.AGE_NONE if k.maks_per_keluarga is None else str(k.maks_per_keluarga) for k in komponen
            ],
            "dihitung": [t.POLICY_NO if k.kode in KOMPONEN_TIDAK_TERLIHAT else t.POLICY_YES for k in komponen],
            "sumber": [_source(k.sumber, first) for k in komponen],
        }
    )
    return frame.rename(columns=t.POLICY_COLUMNS)


def policy_rules() -> list[str]:
    """The family-level rules with their values and sources, one line each."""
    policy = load_policy()
    values = {"desil_maks": policy.desil_maks, "maks_orang_per_keluarga": policy.maks_orang_per_keluarga}
    return [
        t.POLICY_RULE.format(rule=label, value=format_number(values[key]), source=policy.sumber[key])
        for key, label in t.POLICY_RULES.items()
    ]


def method_text(min_cell: int) -> str:
    """The definitions shown under the tables (Markdown list)."""
    policy = load_policy()
    return t.METHOD_TEXT.format(
        desil=policy.desil_maks,
        maks_komponen=policy.maks_orang_per_keluarga,
        batas=max(min_cell - 1, 1),
        min_cell=min_cell,
    )
