"""On-screen text of the Peta (map) page and its indicators, in Bahasa Indonesia, kept in one place.

Templates use ``str.format`` fields named after what they receive.
"""

from __future__ import annotations

PAGE_TITLE = "Peta"
TITLE = "Peta Kabupaten Pasuruan"
SUBTITLE = "{indikator} · {wilayah} · {periode}"
SUBTITLE_TAHAP = "{indikator} · {wilayah} · {periode} (PKH tahap {tahap} {tahun})"
WILAYAH_KABUPATEN_KECAMATAN = "per kecamatan"
WILAYAH_KABUPATEN_DESA = "per desa/kelurahan"
WILAYAH_DRILL = "desa/kelurahan di Kecamatan {kecamatan}"

# --- Widgets --------------------------------------------------------------------------------------------
INDIKATOR_LABEL = "Indikator"
LEVEL_LABEL = "Tingkat wilayah"
LEVEL_OPTIONS = {"kecamatan": "Kecamatan", "desa": "Desa/kelurahan"}
MAP_ALT = "Peta tematik {indikator} {wilayah}, Kabupaten Pasuruan"
HINT_KECAMATAN = "Arahkan kursor ke wilayah untuk melihat nilainya; klik kecamatan untuk melihat desa-desanya."
HINT_DESA = "Arahkan kursor ke desa untuk melihat nilainya; klik desa untuk memilihnya."
BACK_TO_REGENCY = "Kembali ke seluruh kabupaten"
SHOW_DESA = "Lihat desa di Kecamatan {kecamatan}"
OPEN_PROFILE = "Buka profil Kecamatan {kecamatan}"
DOWNLOAD_PNG = "Unduh PNG"
DOWNLOAD_HELP = "Gambar peta ini (dengan legenda dan keterangan) untuk bahan paparan."
SELECTED_DESA = "**{nama}** (Kecamatan {kecamatan}) — {judul}: **{nilai}**"
SELECTED_KECAMATAN = "**Kecamatan {nama}** — {judul}: **{nilai}**"
DEFINITION_HEADING = "Definisi dan cara hitung"
TECHNICAL_HEADING = "Detail teknis"
BOUNDARIES_UNUSABLE = (
    "Batas wilayah yang terpasang tidak dapat dipakai, jadi peta digambar secara skematis. Pengelola aplikasi "
    "dapat memperbaikinya; rinciannya ada di “Detail teknis”."
)
TECHNICAL_BOUNDARIES = (
    "Berkas batas wilayah dibaca dari pengaturan `CC_BOUNDARIES_PATH` atau dari hasil "
    "`python -m cc_analytics boundaries import BERKAS`. Masalahnya:"
)
TECHNICAL_SCHEMATIC = (
    "**Peta skematis.** Segi enam kecamatan diletakkan pada titik tengah poligon kecamatan dari "
    "`data/reference/kecamatan_3514.csv` (bukan letak kantor kecamatan); kotak desa/kelurahan disusun menurut "
    "kode Kemendagri. Peta batas sebenarnya, dan dengan itu kepadatan penduduk, tersedia setelah berkas batas "
    "wilayah diimpor: `python -m cc_analytics boundaries import BERKAS` (atau pengaturan `CC_BOUNDARIES_PATH`)."
)
LOCATOR_ALT = "Peta letak Kecamatan {kecamatan} di Kabupaten Pasuruan"
LOCATOR_SCHEMATIC = "Peta letak skematis: tiap segi enam satu kecamatan; bentuk dan luas tidak sebenarnya."

# --- Indicators: selector label, map title (with unit), definition -------------------------------------
INDICATOR_LABELS: dict[str, str] = {
    "penduduk": "Penduduk",
    "kepadatan": "Kepadatan penduduk",
    "desil_1_4": "Keluarga desil 1–4 DTSEN",
    "cakupan_pkh": "Cakupan PKH keluarga layak",
    "celah_pkh": "Celah PKH (keluarga layak belum KPM)",
    "kualitas": "Temuan kualitas data",
}
INDICATOR_TITLES: dict[str, str] = {
    "penduduk": "Penduduk (jiwa)",
    "kepadatan": "Kepadatan (jiwa/km²)",
    "desil_1_4": "Keluarga desil 1–4 (% dari KK)",
    "cakupan_pkh": "Cakupan PKH keluarga layak (%)",
    "celah_pkh": "Keluarga layak belum KPM PKH (keluarga)",
    "kualitas": "Temuan kualitas data (catatan)",
}
INDICATOR_DEFINITIONS: dict[str, str] = {
    "penduduk": "Penduduk hidup yang tercatat di Dukcapil pada akhir semester.",
    "kepadatan": (
        "Penduduk hidup di Dukcapil pada akhir semester dibagi luas wilayah (km²). Luas dihitung dari poligon "
        "batas wilayah yang diimpor, dalam proyeksi sama-luas (EPSG:6933)."
    ),
    "desil_1_4": (
        "Keluarga DTSEN pada desil 1–4 (40% terbawah) dibagi jumlah Kartu Keluarga Dukcapil (KK dengan "
        "sedikitnya satu anggota hidup) di wilayah yang sama. Keluarga DTSEN dihitung menurut desa pada DTSEN."
    ),
    "cakupan_pkh": (
        "Keluarga layak PKH = keluarga DTSEN dalam batas desil kebijakan PKH yang punya sedikitnya satu anggota "
        "memenuhi komponen PKH yang terlihat di data (anak usia dini, anak sekolah, disabilitas berat, lansia). "
        "Cakupan = keluarga layak yang nomor KK-nya menjadi KPM PKH pada tahap terakhir semester ÷ seluruh "
        "keluarga layak. Ibu hamil tidak terlihat di data sehingga tidak dihitung."
    ),
    "celah_pkh": (
        "Keluarga layak PKH (lihat Cakupan PKH keluarga layak) yang nomor KK-nya tidak menjadi KPM PKH pada "
        "tahap terakhir semester."
    ),
    "kualitas": (
        "Jumlah catatan yang ditandai bermasalah saat data ditautkan (semua jenis temuan: misalnya KPM PKH yang "
        "tercatat meninggal, NIK yang tidak ditemukan di Dukcapil, KK penerima PKH di desa lain), menurut desa "
        "catatan itu."
    ),
}

# --- Values that are not numbers ------------------------------------------------------------------------
HIDDEN_SMALL_RATIO = "disembunyikan (angka kecil)"
HIDDEN_COMPLEMENT_RATIO = "disembunyikan (melindungi angka kecil)"
NO_FAMILIES = "tidak ada KK"
NO_ELIGIBLE = "tidak ada keluarga layak"
NO_AREA = "luas tidak diketahui"
LEGEND_HIDDEN = "disembunyikan (privasi)"
SUPPRESSION_NOTE = (
    "{n} wilayah disembunyikan untuk melindungi privasi (abu-abu tua): “<{min_cell}” = kurang dari {min_cell}; "
    "“•” = disembunyikan agar angka kecil tidak dapat dihitung dari total."
)
SUPPRESSION_NOTE_RATIO = (
    "{n} wilayah disembunyikan untuk melindungi privasi (abu-abu tua): jumlah keluarga di balik persentasenya "
    "kurang dari {min_cell}, atau persentase itu disembunyikan agar angka kecil di wilayah lain tidak dapat "
    "dihitung dari total."
)

# --- Data not available ---------------------------------------------------------------------------------
NO_DATA_PERIODE = "Belum ada data {sumber} untuk {periode}."
SUMBER_PENDUDUK = "penduduk Dukcapil"
SUMBER_DTSEN = "DTSEN"
SUMBER_KELAYAKAN = "kelayakan PKH"
DENSITY_NEEDS_BOUNDARIES = (
    "Kepadatan per {level} belum dapat dihitung: luas wilayah {level} baru tersedia setelah batas wilayah resmi "
    "dipasang oleh pengelola aplikasi."
)
DENSITY_UNAVAILABLE_NOTICE = (
    "Kepadatan penduduk per {level} belum dapat dipetakan karena luas wilayahnya belum tersedia. "
    "Ditampilkan {fallback}."
)
DENSITY_REGENCY = (
    "Kepadatan Kabupaten Pasuruan secara keseluruhan: **{kepadatan} jiwa/km²** ({penduduk} jiwa ÷ luas resmi "
    "{luas} km², Badan Informasi Geospasial 2024)."
)
UNKNOWN_INDICATOR = "Indikator '{value}' tidak dikenal. Pilihan: {options}."
UNKNOWN_LEVEL = "Tingkat wilayah '{value}' tidak dikenal. Pilihan: kecamatan, desa."
