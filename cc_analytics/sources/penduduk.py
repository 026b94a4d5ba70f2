"""Annual population per kecamatan (``penduduk_tahunan.csv``): validation rule."""

from __future__ import annotations

from cc_analytics.schema import BASIS
from cc_analytics.sources.common import Check, Rule, integer, one_of

_KEC_REASON = "'kode kecamatan tidak ada dalam referensi wilayah 35.14'"
_KODE_KEC_DIGITS = "regexp_replace(coalesce(KODE_KECAMATAN, ''), '[^0-9]', '', 'g')"

RULE = Rule(
    parsed={
        "kode_wilayah": f"CASE WHEN length({_KODE_KEC_DIGITS}) = 6 THEN substr({_KODE_KEC_DIGITS}, 1, 2) || '.' || "
        f"substr({_KODE_KEC_DIGITS}, 3, 2) || '.' || substr({_KODE_KEC_DIGITS}, 5, 2) END",
        "tahun": integer("TAHUN"),
        "penduduk": integer("PENDUDUK"),
        "basis": "lower(trim(BASIS))",
        "sumber": "trim(SUMBER)",
    },
    checks=(
        Check("KODE_KECAMATAN", "kode_wilayah IS NULL", _KEC_REASON),
        Check(
            "KODE_KECAMATAN",
            "kode_wilayah NOT IN (SELECT kode FROM ref_kecamatan)",
            _KEC_REASON,
            lookup=True,
            value="kode_wilayah",
        ),
        Check("TAHUN", "tahun IS NULL OR tahun NOT BETWEEN 1960 AND 2100", "'TAHUN harus tahun 1960-2100'"),
        Check("PENDUDUK", "penduduk IS NULL OR penduduk <= 0", "'PENDUDUK harus bilangan bulat > 0'"),
        Check(
            "BASIS",
            f"NOT coalesce({one_of('basis', BASIS)}, false)",
            f"'BASIS harus {', '.join(BASIS[:-1])} atau {BASIS[-1]}'",
        ),
        Check("SUMBER", "sumber IS NULL OR sumber = ''", "'SUMBER kosong: setiap angka harus menyebut sumbernya'"),
    ),
    unique_key="concat_ws('|', kode_wilayah, tahun, basis)",
    unique_reason="baris ganda untuk kecamatan, tahun dan basis yang sama (kemunculan pertama diterima)",
    cross_file_column="KODE_KECAMATAN",
    cross_file_value="kode_wilayah",
)
