"""PKH KPM roll per tahap (``pkh_YYYY_tahapN.csv``): validation rule."""

from __future__ import annotations

from cc_analytics.schema import KOMPONEN, PKH_KOMPONEN_COLUMNS
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

_PKH_COUNTS = {f"jml_{k}": integer(PKH_KOMPONEN_COLUMNS[k]) for k in KOMPONEN}

RULE = Rule(
    parsed={
        "nik": nik("NIK_PENGURUS"),
        "no_kk": nik("NO_KK"),
        "kode_desa": kode_desa("KODE_DESA"),
        "tahun": integer("TAHUN"),
        "tahap": integer("TAHAP"),
        **{
            name: f"coalesce({sql}, CASE WHEN nullif(trim({PKH_KOMPONEN_COLUMNS[name[4:]]}), '') IS NULL THEN 0 END)"
            for name, sql in _PKH_COUNTS.items()
        },
        "nominal_rp": integer("NOMINAL"),
        "status_bayar": "upper(trim(STATUS_BAYAR))",
    },
    checks=(
        nik_check("NIK_PENGURUS", "nik", "NIK_PENGURUS"),
        nik_region_check("NIK_PENGURUS", "nik", "NIK_PENGURUS"),
        nik_birth_check("NIK_PENGURUS", "nik", "NIK_PENGURUS"),
        nik_check("NO_KK", "no_kk", "NO_KK"),
        *desa_checks("KODE_DESA"),
        Check("TAHUN", "{tahun} > 0 AND tahun IS DISTINCT FROM {tahun}", "'TAHUN tidak sesuai nama berkas ({tahun})'"),
        Check(
            "TAHAP",
            "{tahap} > 0 AND tahap IS DISTINCT FROM {tahap}",
            "'TAHAP tidak sesuai nama berkas (tahap {tahap})'",
        ),
        *(
            Check(PKH_KOMPONEN_COLUMNS[k], f"jml_{k} IS NULL OR jml_{k} < 0", "'jumlah harus bilangan bulat >= 0'")
            for k in KOMPONEN
        ),
        Check("NOMINAL", "nominal_rp IS NULL OR nominal_rp < 0", "'NOMINAL harus bilangan bulat rupiah >= 0'"),
        Check(
            "STATUS_BAYAR",
            f"NOT coalesce({one_of('status_bayar', ('SALUR', 'GAGAL', 'RETUR'))}, false)",
            "'STATUS_BAYAR harus SALUR, GAGAL atau RETUR'",
        ),
    ),
    cross_file_column="NIK_PENGURUS",
    cross_file_value="nik",
    cross_file_key="concat_ws('|', nik, no_kk, kode_desa, nominal_rp)",
    check_only=("tahun", "tahap", "status_bayar"),
)
