"""On-screen strings of the Kecamatan & Desa page (``/kecamatan``), in Bahasa Indonesia, in one place.

Templates use ``str.format`` fields named after what they receive. Shared strings (source lines, the
suppression note, the sidebar choices and link notices) stay in :mod:`cc_analytics.texts`.
"""

from __future__ import annotations

NAV_TITLE = "Kecamatan & Desa"

TITLE = {
    "kabupaten": "Profil Kabupaten Pasuruan",
    "kecamatan": "Profil Kecamatan {nama}",
    "desa": "Profil Desa {nama}",
    "kelurahan": "Profil Kelurahan {nama}",
}
SUBTITLE = "{periode} · dibanding {previous}"
SUBTITLE_FIRST = "{periode} · belum ada periode sebelumnya untuk pembanding"
IN_KECAMATAN = "Kecamatan {nama}, Kabupaten Pasuruan"
HINT_KABUPATEN = (
    "Pilih kecamatan di panel samping, atau klik nama kecamatan pada tabel di bawah, untuk melihat profilnya."
)
HINT_KECAMATAN = "Pilih desa/kelurahan di panel samping atau pada tabel di bawah untuk melihat profilnya."
BACK_KABUPATEN = "Kabupaten Pasuruan"
BACK_KECAMATAN = "Kecamatan {nama}"

# --- Indicators -----------------------------------------------------------------------------------------
INDICATORS_HEADING = "Indikator utama"
INDICATOR_LABELS = {
    "penduduk": "Penduduk (jiwa)",
    "perubahan_penduduk": "Perubahan penduduk",
    "jumlah_kk": "Kartu Keluarga (KK)",
    "jiwa_per_kk": "Jiwa per KK",
    "keluarga_desil_1_4": "Keluarga desil 1–4 DTSEN",
    "rasio_desil_1_4": "Keluarga desil 1–4 per KK",
    "kpm_pkh": "KPM PKH",
    "cakupan_pkh": "Cakupan PKH desil 1–4",
    "temuan_kualitas": "Temuan kualitas data",
    "temuan_per_1000": "Temuan per 1.000 penduduk",
}
INDICATOR_HELP = {
    "penduduk": "Penduduk hidup yang tercatat di Dukcapil pada akhir semester.",
    "perubahan_penduduk": "Perubahan jumlah penduduk dibanding semester sebelumnya.",
    "jumlah_kk": "Kartu Keluarga dengan sedikitnya satu anggota hidup pada akhir semester.",
    "jiwa_per_kk": "Penduduk dibagi jumlah Kartu Keluarga.",
    "keluarga_desil_1_4": "Keluarga pada desil kesejahteraan 1–4 (40% terbawah) menurut DTSEN terakhir.",
    "rasio_desil_1_4": "Keluarga desil 1–4 DTSEN dibagi jumlah Kartu Keluarga: gambaran kasar tingkat kemiskinan.",
    "kpm_pkh": "Keluarga penerima manfaat PKH pada tahap terakhir yang dibayarkan dalam semester.",
    "cakupan_pkh": (
        "Keluarga desil 1–4 DTSEN yang nomor KK-nya terdaftar sebagai KPM PKH pada tahap terakhir semester, "
        "dibagi seluruh keluarga desil 1–4."
    ),
    "temuan_kualitas": "Catatan yang ditandai bermasalah saat data ditautkan (lihat panel temuan kualitas data).",
    "temuan_per_1000": "Temuan kualitas data per 1.000 penduduk, agar wilayah besar dan kecil dapat dibandingkan.",
}
SHARE_OF_KABUPATEN = "{share} dari kabupaten"
MEDIAN_OF = {"kecamatan": "Median kecamatan: {median}", "desa": "Median desa/kelurahan: {median}"}
POSITION = {"rendah": "rendah", "sedang": "sekitar median", "tinggi": "tinggi"}
PEERS = {"kecamatan": "kecamatan", "desa": "desa/kelurahan"}
KABUPATEN_VALUE = "kabupaten: {value}"
CARD_GROUPS = ("Kependudukan", "Kesejahteraan dan PKH", "Kualitas data")
HIDDEN_VALUE = "—"
HIDDEN_RATIO_HELP = "Tidak ditampilkan karena angka penyusunnya kecil (disembunyikan untuk melindungi privasi)."
COMPARE_CAPTION = (
    "Pembanding: untuk jumlah, bagian dari total kabupaten; untuk rasio, median seluruh {peers} di kabupaten. "
    "“Rendah”: lebih rendah dari tiga perempat {peers} (di bawah kuartil pertama); “tinggi”: lebih tinggi dari "
    "tiga perempat {peers} (di atas kuartil ketiga)."
)

# --- Trend ----------------------------------------------------------------------------------------------
TREND_HEADING = "Penduduk dari waktu ke waktu"
TREND_Y = "Penduduk (jiwa)"
TREND_X = "Periode"
TREND_EMPTY = "Jumlah penduduk wilayah ini terlalu kecil untuk ditampilkan per periode."

# --- Pyramid --------------------------------------------------------------------------------------------
PYRAMID_HEADING = "Piramida penduduk"
PYRAMID_CAPTION = (
    "Batang: persentase penduduk {nama} menurut jenis kelamin dan kelompok umur 5 tahunan. "
    "Garis hitam: persentase Kabupaten Pasuruan, sebagai pembanding."
)
PYRAMID_CAPTION_KABUPATEN = "Persentase penduduk menurut jenis kelamin dan kelompok umur 5 tahunan."
SEX = {"L": "Laki-laki", "P": "Perempuan"}
AGE = "Kelompok umur"
PERCENT = "Persentase penduduk"
COUNT = "Jumlah"
KABUPATEN_PERCENT = "Kabupaten"

# --- Desil ----------------------------------------------------------------------------------------------
DESIL_HEADING = "Keluarga DTSEN menurut desil"
DESIL_CAPTION = (
    "Persentase keluarga DTSEN {nama} pada tiap desil (1 = 10% termiskin secara nasional). "
    "Garis hitam: Kabupaten Pasuruan."
)
DESIL_CAPTION_KABUPATEN = "Persentase keluarga DTSEN pada tiap desil (1 = 10% termiskin secara nasional)."
DESIL_AXIS = "Desil"
DESIL_SHARE = "Persentase keluarga"

# --- PKH ------------------------------------------------------------------------------------------------
PKH_HEADING = "KPM PKH menurut komponen"
PKH_CAPTION = (
    "Persentase KPM PKH tahap {tahap} tahun {tahun} yang memiliki anggota pada tiap komponen (satu KPM dapat "
    "masuk beberapa komponen). Garis hitam: Kabupaten Pasuruan."
)
PKH_CAPTION_KABUPATEN = (
    "Persentase KPM PKH tahap {tahap} tahun {tahun} yang memiliki anggota pada tiap komponen (satu KPM dapat "
    "masuk beberapa komponen)."
)
PKH_NONE = "Belum ada data PKH untuk periode ini."
KOMPONEN_NAMES = {
    "ibu_hamil": "Ibu hamil/nifas",
    "anak_usia_dini": "Anak usia dini (0–6)",
    "sd": "SD/MI",
    "smp": "SMP/MTs",
    "sma": "SMA/MA",
    "disabilitas_berat": "Disabilitas berat",
    "lansia": "Lansia 70+",
}
KOMPONEN_AXIS = "Komponen"
KOMPONEN_SHARE = "Persentase KPM"

# --- Data quality ---------------------------------------------------------------------------------------
KUALITAS_HEADING = "Temuan kualitas data"
KUALITAS_CAPTION = "Temuan per 1.000 penduduk di {nama}, dibandingkan dengan Kabupaten Pasuruan."
KUALITAS_CAPTION_KABUPATEN = "Temuan per 1.000 penduduk di Kabupaten Pasuruan."
KUALITAS_COLUMNS = {
    "kategori": "Temuan",
    "jumlah": "Jumlah",
    "nilai": "Per 1.000 penduduk",
    "nilai_kabupaten": "Kabupaten, per 1.000",
}
KUALITAS_NONE = "Tidak ada temuan kualitas data pada periode ini."

# --- Units table ----------------------------------------------------------------------------------------
TABLE_HEADING = {"kecamatan": "Kecamatan di Kabupaten Pasuruan", "desa": "Desa/kelurahan di Kecamatan {nama}"}
TABLE_CAPTION = (
    "Klik judul kolom untuk mengurutkan. Tren: penduduk per semester, {first} sampai {last}. "
    "Klik satu baris untuk membuka profilnya."
)
TABLE_NAME = {"kecamatan": "Kecamatan", "desa": "Desa/kelurahan"}
TABLE_KELURAHAN = " (kel.)"
TABLE_TREND = "Tren penduduk"
TABLE_CODE = "Kode"
TABLE_HEADERS = {
    "penduduk": "Penduduk",
    "perubahan_penduduk": "Perubahan",
    "jumlah_kk": "KK",
    "jiwa_per_kk": "Jiwa/KK",
    "keluarga_desil_1_4": "Desil 1–4",
    "rasio_desil_1_4": "Desil 1–4/KK",
    "kpm_pkh": "KPM PKH",
    "cakupan_pkh": "Cakupan PKH",
    "temuan_kualitas": "Temuan",
    "temuan_per_1000": "Temuan/1.000",
}
"""Short column headers of the units table (the full name is the column's help text), so every column fits."""
TABLE_SELECTED = " ◀ dipilih"
PANEL_HIDDEN = "Rincian ini tidak ditampilkan karena jumlahnya kecil (melindungi privasi)."
