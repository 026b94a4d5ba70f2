"""Every sentence of the Ringkasan page and its narrative, in Indonesian (one place to read and correct)."""

# --- Ringkasan page -------------------------------------------------------------------------------------
RINGKASAN_TITLE = "Ringkasan Kabupaten Pasuruan"
RINGKASAN_SUBTITLE = "{periode} · dibanding {previous}"
RINGKASAN_SUBTITLE_FIRST = "{periode} · belum ada periode sebelumnya untuk pembanding"
NARRATIVE_HEADING = "Ringkasan singkat"
KPI_HEADING = "Indikator utama"
GAPS_HEADING = "Kecamatan dengan kesenjangan cakupan PKH terbesar"
GAPS_CAPTION = (
    "Keluarga desil 1–4 DTSEN yang belum menjadi KPM PKH pada tahap terakhir periode, per kecamatan, "
    "diurutkan dari jumlah terbesar. Ditampilkan {limit} kecamatan teratas dari {total}."
)
GAPS_EMPTY = "Belum ada data cakupan untuk periode ini."
DELTA_DESCRIPTION = "dibanding {previous}"


# KPI labels (card titles) and definitions (card tooltips).
KPI_LABELS: dict[str, str] = {
    "penduduk": "Penduduk (jiwa)",
    "jumlah_kk": "Kartu Keluarga (KK)",
    "keluarga_desil_1_4": "Keluarga desil 1–4 DTSEN",
    "kpm_pkh": "KPM PKH",
    "cakupan_pkh": "Cakupan PKH desil 1–4",
    "temuan_kualitas": "Temuan kualitas data",
}
KPM_PKH_LABEL_TAHAP = "KPM PKH tahap {tahap} {tahun}"
KPI_DEFINITIONS: dict[str, str] = {
    "penduduk": "Penduduk hidup yang tercatat di Dukcapil pada akhir semester.",
    "jumlah_kk": "Kartu Keluarga dengan sedikitnya satu anggota hidup pada akhir semester.",
    "keluarga_desil_1_4": "Keluarga pada desil kesejahteraan 1–4 (40% terbawah) menurut DTSEN terakhir.",
    "kpm_pkh": "Keluarga penerima manfaat PKH pada tahap terakhir yang dibayarkan dalam semester.",
    "cakupan_pkh": (
        "Cakupan PKH = keluarga desil 1–4 DTSEN yang nomor KK-nya terdaftar sebagai KPM PKH pada tahap "
        "terakhir semester, dibagi seluruh keluarga desil 1–4. Perubahan ditulis dalam poin persen."
    ),
    "temuan_kualitas": (
        "Jumlah catatan yang ditandai bermasalah saat data ditautkan, misalnya KPM PKH yang tercatat meninggal "
        "di Dukcapil atau NIK yang tidak ditemukan di Dukcapil. Penurunan berarti kualitas data membaik."
    ),
}
CAKUPAN_CAPTION = (
    "**Cakupan PKH** = keluarga desil 1–4 DTSEN yang nomor KK-nya menjadi KPM PKH pada tahap terakhir "
    "semester ÷ seluruh keluarga desil 1–4 DTSEN. Perubahan cakupan ditulis dalam poin persen."
)


# Gap table headers.
GAP_COLUMNS: dict[str, str] = {
    "peringkat": "No.",
    "nama_kecamatan": "Kecamatan",
    "keluarga_desil_1_4": "Keluarga desil 1–4",
    "keluarga_tercakup": "Sudah KPM PKH",
    "keluarga_belum_tercakup": "Belum KPM PKH",
    "rasio_belum_tercakup": "% belum",
}
GAP_CHART_X = "Keluarga desil 1–4 belum KPM PKH"
GAP_CHART_Y = "Kecamatan"

# --- Narrative ------------------------------------------------------------------------------------------
NARASI_PENDUDUK = "Jumlah penduduk {kabupaten} pada {periode} tercatat {nilai} jiwa"
NARASI_KK = "Jumlah Kartu Keluarga tercatat {nilai} KK"
NARASI_DESIL = "Sebanyak {nilai} keluarga berada pada desil 1–4 DTSEN"
NARASI_KPM = "KPM PKH {tahap_teks} berjumlah {nilai} keluarga"
NARASI_CAKUPAN = "Cakupan PKH pada keluarga desil 1–4 sebesar {nilai}"
NARASI_KUALITAS = "Tercatat {nilai} temuan kualitas data"
NARASI_GAP = (
    "Kesenjangan terbesar ada di Kecamatan {kecamatan}: {belum} keluarga desil 1–4 ({rasio}) belum menerima PKH"
)
NARASI_CHANGE = ", {perubahan} dibanding {previous} ({nilai_lalu})"
NARASI_TAHAP = "tahap {tahap} tahun {tahun}"
NARASI_TAHAP_UNKNOWN = "tahap terakhir"
