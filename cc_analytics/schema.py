"""The declared formats of the raw sources and of the marts, as data.

Declared once here and read by validation (``cc_analytics.sources``), by the demo generator, by the docs
(``python -m cc_analytics schema`` prints the tables in the README) and by table captions.

Raw column names follow the agencies' own exports. They are matched case- and space-insensitively:
``No KK``, ``no_kk`` and ``NO_KK`` are the same column (see :func:`normalise_column_name`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Shown:
    """What the list of rejected rows may keep of a raw column's offending value: an allow-list.

    Attributes:
        kind: ``as_is`` (the value itself when it fully matches ``pattern`` and holds at most ``max_digits``
            digits), ``masked`` (an identity number: an all-digit value as stars and its last four digits) or
            ``never`` (a name: nothing is kept). Any other value is replaced by its shape, e.g.
            ``[19 karakter: 16 angka, 3 tanda lain]``.
        pattern: regular expression (RE2) of the values safe to show as they are.
        max_digits: most digits a value shown as it is may hold (longer runs could be part of a NIK).
    """

    kind: str
    pattern: str = ""
    max_digits: int = 10


_DATE_PATTERN = r"[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}( [0-9:]{1,8})?|[0-9]{1,5}"
_INT_PATTERN = r"[-+]?([Rr][Pp]\.? ?)?[0-9][0-9.,]{0,14}"
_CODE_PATTERN = r"[0-9]{1,4}|[A-Za-z]{1,2}"
_KODE_PATTERN = r"[0-9]{1,2}[.]?[0-9]{1,2}[.]?[0-9]{1,2}([.]?[0-9]{1,4})?"

SHOW_MASKED = Shown("masked")
SHOW_NEVER = Shown("never")
SHOW_DATE = Shown("as_is", _DATE_PATTERN, max_digits=8)
SHOW_INT = Shown("as_is", _INT_PATTERN)
SHOW_CODE = Shown("as_is", _CODE_PATTERN)
SHOW_KODE = Shown("as_is", _KODE_PATTERN)
SHOW_CODE_OR_KODE = Shown("as_is", f"{_CODE_PATTERN}|{_KODE_PATTERN}")

# What a rejected value of each raw column type may show; a field may declare its own (``Field.shown``).
SHOWN_BY_DTYPE = {
    "nik": SHOW_MASKED,
    "text": SHOW_NEVER,
    "date": SHOW_DATE,
    "int": SHOW_INT,
    "code": SHOW_CODE,
    "kode_desa": SHOW_KODE,
    "kode_kecamatan": SHOW_KODE,
}


@dataclass(frozen=True)
class Field:
    """One column of a raw source or a mart.

    ``shown`` says what a rejected value of a raw column may show (default: by ``dtype``, see
    :data:`SHOWN_BY_DTYPE` and :func:`shown_rule`).
    """

    name: str
    dtype: str
    description: str
    required: bool = True
    allowed: tuple[str, ...] = ()
    unit: str = ""
    shown: Shown | None = None


def shown_rule(field: Field) -> Shown:
    """What a rejected value of ``field`` may show: its own declaration, else the one of its type, else nothing
    but its shape."""
    return field.shown or SHOWN_BY_DTYPE.get(field.dtype, Shown("as_is"))


@dataclass(frozen=True)
class RawSource:
    """One raw source format: file name pattern, columns, and what one row is."""

    key: str
    title: str
    agency: str
    file_pattern: str
    row_is: str
    fields: tuple[Field, ...]
    aliases: dict[str, str] = field(default_factory=dict)

    @property
    def required_columns(self) -> list[str]:
        """Names of the columns every file of this source must have."""
        return [f.name for f in self.fields if f.required]

    def field(self, name: str) -> Field:
        """The field called ``name``."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


def normalise_column_name(name: str) -> str:
    """Canonical form of a column header: upper case, runs of spaces/dashes/dots as one ``_``.

    >>> normalise_column_name(" No KK ")
    'NO_KK'
    """
    cleaned = name.replace("\ufeff", "").strip().upper()
    return re.sub(r"[\s\-\.]+", "_", cleaned)


STAT_HIDUP_VALUES = ("HIDUP", "MATI")
DISABILITAS_YA = ("Y", "1")
DISABILITAS_TIDAK = ("T", "0")

SEX_CODES = {"1": "L", "2": "P", "L": "L", "P": "P", "LAKI-LAKI": "L", "PEREMPUAN": "P", "LK": "L", "PR": "P"}

STAT_HBKEL_VALUES = (
    "KEPALA KELUARGA",
    "SUAMI",
    "ISTRI",
    "ANAK",
    "MENANTU",
    "CUCU",
    "ORANG TUA",
    "MERTUA",
    "FAMILI LAIN",
    "LAINNYA",
)

DUKCAPIL = RawSource(
    key="dukcapil",
    title="Ekstrak penduduk Dukcapil (per semester)",
    agency="Dinas Kependudukan dan Pencatatan Sipil",
    file_pattern="dukcapil_<YYYY>-S<1|2>.csv",
    row_is="one person on the register at the end of the semester, alive or deceased",
    fields=(
        Field("NIK", "nik", "Nomor Induk Kependudukan, 16 digits"),
        Field("NO_KK", "nik", "Nomor Kartu Keluarga, 16 digits"),
        Field("NAMA_LGKP", "text", "full name (never leaves ingest)"),
        Field("JENIS_KLMIN", "code", "sex: 1/LAKI-LAKI or 2/PEREMPUAN", allowed=tuple(SEX_CODES)),
        Field("TGL_LHR", "date", "birth date (dd-mm-yyyy, dd/mm/yyyy or yyyy-mm-dd)"),
        Field("STAT_HBKEL", "code", "relation to the head of the family", allowed=STAT_HBKEL_VALUES),
        Field("NO_PROP", "code", "province number (35)"),
        Field("NO_KAB", "code", "kabupaten number within the province (14)"),
        Field("NO_KEC", "code", "kecamatan number within the kabupaten (01-24)"),
        Field(
            "NO_KEL",
            "code",
            "desa/kelurahan number within the kecamatan (1001-2999)",
            shown=SHOW_CODE_OR_KODE,  # the reference check shows the joined desa code
        ),
        Field("STAT_HIDUP", "code", "HIDUP (alive) or MATI (deceased)", allowed=STAT_HIDUP_VALUES),
        Field("TGL_MATI", "date", "date of death, empty when alive", required=False),
    ),
)

DTSEN = RawSource(
    key="dtsen",
    title="Ekstrak keluarga DTSEN/DTKS (per tahun, posisi 30 Juni)",
    agency="Kementerian Sosial (SIKS-NG / DTSEN) via Dinas Sosial",
    file_pattern="dtsen_<YYYY>-S1.csv",
    row_is="one member of a family ranked in DTSEN",
    fields=(
        Field("ID_KELUARGA", "text", "DTSEN family id"),
        Field("NO_KK", "nik", "Nomor Kartu Keluarga, 16 digits"),
        Field("NIK", "nik", "NIK of the member, 16 digits"),
        Field("DESIL", "int", "national welfare decile of the family, 1 (poorest) to 10", unit="desil"),
        Field(
            "DISABILITAS_BERAT",
            "code",
            "member has a severe disability: Y/T (or 1/0)",
            allowed=DISABILITAS_YA + DISABILITAS_TIDAK,
        ),
        Field("KODE_DESA", "kode_desa", "Kemendagri desa code, with or without dots (35.14.01.2001 or 3514012001)"),
    ),
)

KOMPONEN = ("ibu_hamil", "anak_usia_dini", "sd", "smp", "sma", "disabilitas_berat", "lansia")

PKH = RawSource(
    key="pkh",
    title="Daftar KPM PKH (per tahap)",
    agency="Kementerian Sosial (PKH) via Dinas Sosial / pendamping PKH",
    file_pattern="pkh_<YYYY>_tahap<1-4>.csv",
    row_is="one KPM (beneficiary family) in one tahap, with its pengurus",
    fields=(
        Field("NIK_PENGURUS", "nik", "NIK of the family member who receives the payment"),
        Field("NO_KK", "nik", "Nomor Kartu Keluarga of the KPM"),
        Field("NAMA_PENGURUS", "text", "name of the pengurus (never leaves ingest)"),
        Field("KODE_DESA", "kode_desa", "desa of the payment record"),
        Field("TAHUN", "int", "year"),
        Field("TAHAP", "int", "tahap 1-4", allowed=("1", "2", "3", "4")),
        Field("JML_BUMIL", "int", "number of ibu hamil/nifas in the family", unit="jiwa"),
        Field("JML_AUD", "int", "number of anak usia dini (0-6)", unit="jiwa"),
        Field("JML_SD", "int", "number of SD/MI pupils", unit="jiwa"),
        Field("JML_SMP", "int", "number of SMP/MTs pupils", unit="jiwa"),
        Field("JML_SMA", "int", "number of SMA/MA pupils", unit="jiwa"),
        Field("JML_DISABILITAS", "int", "number of people with a severe disability", unit="jiwa"),
        Field("JML_LANSIA", "int", "number of lansia 70+", unit="jiwa"),
        Field("NOMINAL", "int", "amount for this tahap", unit="Rp"),
        Field("STATUS_BAYAR", "code", "payment status", allowed=("SALUR", "GAGAL", "RETUR")),
    ),
)

PKH_KOMPONEN_COLUMNS = {
    "ibu_hamil": "JML_BUMIL",
    "anak_usia_dini": "JML_AUD",
    "sd": "JML_SD",
    "smp": "JML_SMP",
    "sma": "JML_SMA",
    "disabilitas_berat": "JML_DISABILITAS",
    "lansia": "JML_LANSIA",
}

BASIS = ("sensus", "estimasi_bps", "registrasi")

PENDUDUK_TAHUNAN = RawSource(
    key="penduduk",
    title="Penduduk tahunan per kecamatan",
    agency="BPS (sensus, estimasi) dan Dukcapil (registrasi)",
    file_pattern="penduduk_tahunan.csv",
    row_is="the population of one kecamatan in one year on one basis",
    fields=(
        Field("KODE_KECAMATAN", "kode_kecamatan", "Kemendagri kecamatan code (35.14.01 or 351401)"),
        Field("TAHUN", "int", "year"),
        Field("PENDUDUK", "int", "population", unit="jiwa"),
        Field("BASIS", "code", "sensus, estimasi_bps or registrasi", allowed=BASIS),
        Field("SUMBER", "text", "source of the figure, in words"),
    ),
)

RAW_SOURCES: dict[str, RawSource] = {s.key: s for s in (DUKCAPIL, DTSEN, PKH, PENDUDUK_TAHUNAN)}

# Age groups of the population mart: 5-year groups, the last open.
# Data problems the linkage flags: kode_masalah -> (sumber, Indonesian label), in the order shown on screen.
FLAGS: dict[str, tuple[str, str]] = {
    "pkh_meninggal": ("pkh", "KPM PKH yang tercatat meninggal di Dukcapil"),
    "pkh_nik_tidak_di_dukcapil": ("pkh", "NIK pengurus PKH tidak ditemukan di Dukcapil"),
    "pkh_nik_ganda": ("pkh", "NIK pengurus muncul lebih dari sekali dalam satu tahap"),
    "pkh_kk_beda_desa": ("pkh", "KK penerima PKH terdaftar di desa lain"),
    "pkh_tidak_di_dtsen": ("pkh", "KPM PKH tidak ada di DTSEN"),
    "pkh_di_luar_desil_1_4": ("pkh", "KPM PKH di luar desil 1-4"),
    "dtsen_nik_tidak_di_dukcapil": ("dtsen", "NIK anggota DTSEN tidak ditemukan di Dukcapil"),
    "dtsen_meninggal": ("dtsen", "Anggota DTSEN yang tercatat meninggal di Dukcapil"),
}

AGE_GROUPS = (*(f"{a:02d}-{a + 4:02d}" for a in range(0, 75, 5)), "75+")

MARTS: dict[str, tuple[Field, ...]] = {
    "wilayah": (
        Field("kode_wilayah", "text", "Kemendagri code"),
        Field("nama", "text", "official name"),
        Field("level", "code", "kabupaten, kecamatan, desa or kelurahan"),
        Field("kode_induk", "text", "code of the parent wilayah"),
        Field("kode_kecamatan", "text", "kecamatan the wilayah lies in (itself for a kecamatan)"),
        Field("slug", "text", "lower-case ASCII name for URLs, unique within its level"),
    ),
    "periode": (
        Field("periode", "text", "semester label, e.g. 2025-S1"),
        Field("tanggal_akhir", "date", "last day of the semester (as-of date of snapshots)"),
    ),
    "penduduk": (
        Field("periode", "text", "semester"),
        Field("kode_desa", "text", "desa/kelurahan"),
        Field("jenis_kelamin", "code", "L or P"),
        Field("kelompok_umur", "code", "5-year age group at the end of the semester", allowed=AGE_GROUPS),
        Field("jumlah_penduduk", "int", "living persons on the register", unit="jiwa"),
    ),
    "keluarga": (
        Field("periode", "text", "semester"),
        Field("kode_desa", "text", "desa/kelurahan"),
        Field("jumlah_kk", "int", "Kartu Keluarga with at least one living member", unit="KK"),
    ),
    "dtsen_desil": (
        Field("periode", "text", "semester the DTSEN snapshot is used for (latest snapshot on or before its end)"),
        Field("tanggal_dtsen", "date", "as-of date of the DTSEN snapshot used"),
        Field("kode_desa", "text", "desa/kelurahan"),
        Field("desil", "int", "1-10"),
        Field("jumlah_keluarga", "int", "families", unit="keluarga"),
        Field("jumlah_jiwa", "int", "members", unit="jiwa"),
    ),
    "pkh_kpm": (
        Field("periode", "text", "semester of the tahap"),
        Field("tahun", "int", "year"),
        Field("tahap", "int", "tahap 1-4"),
        Field("kode_desa", "text", "desa of the payment record"),
        Field("jumlah_kpm", "int", "beneficiary families (accepted rows)", unit="KPM"),
        Field("nominal_rp", "int", "amount paid or due in the tahap", unit="Rp"),
    ),
    "pkh_komponen": (
        Field("periode", "text", "semester of the tahap"),
        Field("tahun", "int", "year"),
        Field("tahap", "int", "tahap 1-4"),
        Field("kode_desa", "text", "desa of the payment record"),
        Field("komponen", "code", "PKH komponen", allowed=KOMPONEN),
        Field("jumlah_kpm", "int", "KPM with at least one member in this komponen", unit="KPM"),
        Field("jumlah_jiwa", "int", "members counted in this komponen", unit="jiwa"),
        Field("nominal_rp", "int", "members x annual rate / 4 (rate from data/reference/pkh_komponen.csv)", unit="Rp"),
    ),
    "cakupan": (
        Field("periode", "text", "semester"),
        Field("kode_desa", "text", "desa of the DTSEN family"),
        Field("keluarga_desil_1_4", "int", "DTSEN families in desil 1-4", unit="keluarga"),
        Field(
            "keluarga_desil_1_4_pkh",
            "int",
            "of these, families whose NO_KK is a KPM in the last tahap of the semester",
            unit="keluarga",
        ),
    ),
    "pkh_kelayakan": (
        Field("periode", "text", "semester of the tahap"),
        Field("tahun", "int", "year"),
        Field("tahap", "int", "tahap 1-4"),
        Field("kode_desa", "text", "desa of the DTSEN family"),
        Field("komponen", "code", "a komponen the registry can see, or 'semua' (eligible for any)"),
        Field(
            "keluarga_layak",
            "int",
            "DTSEN families within the desil cut-off with a member in the komponen",
            unit="keluarga",
        ),
        Field("keluarga_layak_pkh", "int", "of these, families whose NO_KK is a KPM in the tahap", unit="keluarga"),
        Field("orang_layak", "int", "members in the komponen (before caps)", unit="jiwa"),
        Field(
            "hak_rp_tahun",
            "int",
            "benefit per year the eligible families are entitled to (after caps)",
            unit="Rp/tahun",
        ),
        Field("celah_rp_tahun", "int", "of that, the part of families not covered (exclusion gap)", unit="Rp/tahun"),
    ),
    "pkh_inklusi": (
        Field("periode", "text", "semester of the tahap"),
        Field("tahun", "int", "year"),
        Field("tahap", "int", "tahap 1-4"),
        Field("kode_desa", "text", "desa of the payment record"),
        Field("kode_masalah", "code", "inclusion problem (pkh_* flags of FLAGS)"),
        Field("jumlah_kpm", "int", "payment records with the problem", unit="KPM"),
        Field("nominal_rp_tahun", "int", "their tahap amount x tahap per year", unit="Rp/tahun"),
    ),
    "verval": (
        Field("periode", "text", "semester (list built for its last tahap)"),
        Field("tahun", "int", "year of the tahap"),
        Field("tahap", "int", "tahap"),
        Field("kode_desa", "text", "desa"),
        Field(
            "jenis",
            "code",
            "usulan (eligible, not covered: propose) or periksa (record to check)",
            allowed=("usulan", "periksa"),
        ),
        Field("kode_masalah", "code", "for periksa: the flag; for usulan: 'layak_belum_menerima'"),
        Field("nik_tersamar", "text", "NIK of the head (usulan) or pengurus (periksa), masked to its last 4 digits"),
        Field("no_kk_tersamar", "text", "NO_KK masked to its last 4 digits"),
        Field("desil", "int", "DTSEN desil, when known", required=False),
        Field("keterangan", "text", "komponen members, e.g. '1 SD, 1 lansia'"),
        Field("nilai_rp_tahun", "int", "entitlement (usulan) or amount paid (periksa) per year", unit="Rp/tahun"),
    ),
    "kualitas": (
        Field("periode", "text", "semester"),
        Field("kode_desa", "text", "desa the flagged record belongs to"),
        Field("sumber", "code", "source the flag is about", allowed=("dukcapil", "dtsen", "pkh")),
        Field("kode_masalah", "code", "flag, see FLAGS"),
        Field("jumlah", "int", "flagged records", unit="baris"),
    ),
    "kecocokan": (
        Field("periode", "text", "semester (PKH: its last tahap)"),
        Field("kode_desa", "text", "desa of the record being matched"),
        Field(
            "pasangan",
            "code",
            "which link: dtsen_dukcapil (member NIK), pkh_dukcapil (pengurus NIK), pkh_dtsen (NO_KK)",
            allowed=("dtsen_dukcapil", "pkh_dukcapil", "pkh_dtsen"),
        ),
        Field("jumlah", "int", "records", unit="baris"),
        Field("cocok", "int", "records found in the other source", unit="baris"),
    ),
    "penduduk_tahunan": (
        Field("kode_wilayah", "text", "kecamatan code, or 35.14 for the kabupaten"),
        Field("tahun", "int", "year"),
        Field("penduduk", "int", "population", unit="jiwa"),
        Field("basis", "code", "sensus, estimasi_bps or registrasi", allowed=BASIS),
        Field("sumber", "text", "source in words"),
    ),
    "ingest_log": (
        Field("file_name", "text", "raw file name"),
        Field("sumber", "code", "source key"),
        Field("periode", "text", "period the file covers (semester, year or tahap)"),
        Field("sha256", "text", "content hash"),
        Field("tanggal_data", "date", "as-of date of the file's data"),
        Field("baris_dibaca", "int", "rows read", unit="baris"),
        Field("baris_diterima", "int", "rows accepted", unit="baris"),
        Field("baris_ditolak", "int", "rows rejected", unit="baris"),
        Field("catatan", "text", "what the reader did to the file (e.g. converted from XLSX), in Indonesian"),
    ),
    "ingest_tolak": (
        Field("file_name", "text", "raw file name"),
        Field("sumber", "code", "source key"),
        Field("nomor_baris", "int", "line number in the file (header = 1)"),
        Field("kolom", "text", "first column that failed"),
        Field("alasan", "text", "reason, in Indonesian"),
        Field(
            "nilai",
            "text",
            "offending value as far as its column allows (Field.shown): a code, date or number as it is, a NIK "
            "masked to its last 4 digits, anything else only its shape; names never",
        ),
    ),
    "meta": (
        Field("key", "text", "setting"),
        Field("value", "text", "value"),
    ),
}
