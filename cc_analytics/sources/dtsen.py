"""DTSEN/DTKS family extract (``dtsen_YYYY-S1.csv``): validation rule."""

from __future__ import annotations

from cc_analytics.schema import DISABILITAS_YA, DTSEN
from cc_analytics.sources.common import (
    Check,
    Rule,
    desa_checks,
    integer,
    kode_desa,
    nik,
    nik_birth_check,
    nik_region_check,
    one_of,
)
from cc_analytics.sources.identifiers import nik_check

RULE = Rule(
    parsed={
        "id_keluarga": "nullif(trim(ID_KELUARGA), '')",
        "no_kk": nik("NO_KK"),
        "nik": nik("NIK"),
        "desil": integer("DESIL"),
        "is_disabilitas_berat": one_of("upper(trim(DISABILITAS_BERAT))", DISABILITAS_YA),
        "disabilitas_ok": one_of("upper(trim(DISABILITAS_BERAT))", DTSEN.field("DISABILITAS_BERAT").allowed or ()),
        "kode_desa": kode_desa("KODE_DESA"),
    },
    checks=(
        Check("ID_KELUARGA", "id_keluarga IS NULL", "'ID_KELUARGA kosong'"),
        nik_check("NO_KK", "no_kk", "NO_KK"),
        nik_check("NIK", "nik", "NIK"),
        nik_region_check("NIK", "nik", "NIK"),
        nik_birth_check("NIK", "nik", "NIK"),
        Check("DESIL", "desil IS NULL OR desil NOT BETWEEN 1 AND 10", "'DESIL harus bilangan 1-10'"),
        Check("DISABILITAS_BERAT", "NOT coalesce(disabilitas_ok, false)", "'DISABILITAS_BERAT harus Y/T (atau 1/0)'"),
        *desa_checks("KODE_DESA"),
    ),
    unique_key="nik",
    unique_reason="NIK ganda dalam berkas (kemunculan pertama diterima)",
    cross_file_column="NIK",
    cross_file_value="nik",
    check_only=("disabilitas_ok",),
)
