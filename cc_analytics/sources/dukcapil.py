"""Dukcapil person extract (``dukcapil_YYYY-Sn.csv``): validation rule."""

from __future__ import annotations

from cc_analytics.schema import SEX_CODES, STAT_HBKEL_VALUES, STAT_HIDUP_VALUES
from cc_analytics.sources.common import (
    Check,
    Rule,
    category,
    date,
    desa_checks,
    nik,
    nik_birth_check,
    nik_region_check,
    one_of,
)
from cc_analytics.sources.identifiers import nik_check

_HIDUP = category("STAT_HIDUP", {value: value for value in STAT_HIDUP_VALUES})

RULE = Rule(
    parsed={
        "nik": nik("NIK"),
        "no_kk": nik("NO_KK"),
        "jenis_kelamin": category("JENIS_KLMIN", SEX_CODES),
        "tgl_lhr": date("TGL_LHR"),
        "stat_hbkel": f"CASE WHEN {one_of('STAT_HBKEL', STAT_HBKEL_VALUES)} THEN STAT_HBKEL "
        "ELSE upper(trim(STAT_HBKEL)) END",
        # The usual two- and four-digit numbers are joined as they are; anything else is trimmed and padded.
        "kode_desa": "CASE WHEN NO_KEC GLOB '[0-9][0-9]' AND NO_KEL GLOB '[0-9][0-9][0-9][0-9]' "
        "THEN concat('35.14.', NO_KEC, '.', NO_KEL) "
        "ELSE '35.14.' || lpad(trim(NO_KEC), 2, '0') || '.' || lpad(trim(NO_KEL), 4, '0') END",
        "is_kepala": f"CASE WHEN {one_of('STAT_HBKEL', STAT_HBKEL_VALUES)} THEN STAT_HBKEL = 'KEPALA KELUARGA' "
        "ELSE upper(trim(STAT_HBKEL)) = 'KEPALA KELUARGA' END",
        "is_hidup": f"{_HIDUP} = 'HIDUP'",
        "stat_hidup": _HIDUP,
        "tgl_mati": date("TGL_MATI"),
        "kab_ok": "CASE WHEN NO_PROP = '35' AND NO_KAB = '14' THEN true "
        "ELSE try_cast(trim(NO_PROP) AS INTEGER) = 35 AND try_cast(trim(NO_KAB) AS INTEGER) = 14 END",
    },
    checks=(
        nik_check("NIK", "nik", "NIK"),
        nik_region_check("NIK", "nik", "NIK"),
        nik_birth_check("NIK", "nik", "NIK"),
        nik_check("NO_KK", "no_kk", "NO_KK"),
        Check(
            "JENIS_KLMIN", "jenis_kelamin IS NULL", "'kode jenis kelamin tidak dikenal (1/2 atau LAKI-LAKI/PEREMPUAN)'"
        ),
        Check("TGL_LHR", "tgl_lhr IS NULL", "'tanggal lahir kosong atau tidak terbaca (dd-mm-yyyy)'"),
        Check("TGL_LHR", "tgl_lhr > DATE '{as_of}'", "'tanggal lahir sesudah tanggal data'"),
        Check("TGL_LHR", "tgl_lhr < DATE '1900-01-01'", "'tanggal lahir sebelum 1900'"),
        Check(
            "STAT_HBKEL",
            f"NOT coalesce({one_of('stat_hbkel', STAT_HBKEL_VALUES)}, false)",
            "'status hubungan dalam keluarga tidak dikenal'",
        ),
        Check("NO_KAB", "NOT coalesce(kab_ok, false)", "'wilayah bukan Kabupaten Pasuruan (NO_PROP 35, NO_KAB 14)'"),
        *desa_checks("NO_KEL"),
        Check(
            "STAT_HIDUP",
            f"NOT coalesce({one_of('stat_hidup', STAT_HIDUP_VALUES)}, false)",
            f"'STAT_HIDUP harus {' atau '.join(STAT_HIDUP_VALUES)}'",
        ),
        Check(
            "TGL_MATI",
            "stat_hidup = 'MATI' AND tgl_mati IS NULL",
            "'TGL_MATI kosong atau tidak terbaca untuk penduduk MATI'",
        ),
        Check(
            "TGL_MATI",
            "tgl_mati < tgl_lhr OR tgl_mati > DATE '{as_of}'",
            "'TGL_MATI di luar rentang lahir-tanggal data'",
        ),
    ),
    unique_key="nik",
    unique_reason="NIK ganda dalam berkas (kemunculan pertama diterima)",
    cross_file_column="NIK",
    cross_file_value="nik",
    check_only=("stat_hbkel", "stat_hidup", "tgl_mati", "kab_ok"),
)
