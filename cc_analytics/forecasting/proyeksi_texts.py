"""Every Indonesian string of the page *proyeksi* (labels, headings, captions, table headers, messages).

The forecasting library's own notes and explanations stay in :mod:`cc_analytics.forecasting.texts`; this
module holds what only the page shows. Templates use ``str.format`` fields named after what they receive.
"""

from __future__ import annotations

TITLE = "Proyeksi penduduk"
SUBTITLE = (
    "Proyeksi jumlah penduduk per kecamatan dan kabupaten dengan pita ketidakpastian yang diuji pada data masa "
    "lalu, serta proyeksi struktur umur. Semua pilihan tersimpan di tautan halaman."
)

# --- Controls -------------------------------------------------------------------------------------------
METHOD_LABEL = "Metode"
METHOD_HELP = (
    "Otomatis memilih metode dengan galat uji mundur terkecil pada data ini. Metode lain dapat dipilih untuk "
    "pembanding; tabel uji mundur di bawah menunjukkan ketepatannya."
)
HORIZON_LABEL = "Horizon (tahun ke depan)"
HORIZON_HELP = "Berapa tahun setelah tahun data terakhir yang diproyeksikan (1–20)."
LEVEL_LABEL = "Tingkat pita (%)"
LEVEL_HELP = "Seberapa yakin pita memuat angka sebenarnya, menurut uji mundur. Pita lebih lebar = lebih yakin."
TFR_LABEL = "Angka kelahiran total (TFR, anak per perempuan)"
E0_LABEL = "Umur harapan hidup saat lahir (tahun)"
MIGRASI_LABEL = "Migrasi neto (per 1.000 penduduk per tahun)"
PARAM_DEFAULT_HELP = "Nilai bawaan {value}: {source}"
E0_HELP_EXTRA = " Laki-laki {gap_half} tahun di bawah dan perempuan {gap_half} tahun di atas nilai ini (asumsi)."

# --- Wilayah --------------------------------------------------------------------------------------------
KABUPATEN_NAME = "Kabupaten Pasuruan"
KECAMATAN_NAME = "Kecamatan {nama}"
DESA_TO_KECAMATAN = (
    "Proyeksi tersedia sampai tingkat kecamatan. Desa yang dipilih berada di {kecamatan}, sehingga yang "
    "ditampilkan adalah proyeksi {kecamatan}."
)

# --- Forecast section -----------------------------------------------------------------------------------
FORECAST_HEADING = "Proyeksi jumlah penduduk — {wilayah}"
METRIC_LABEL = "Proyeksi penduduk {tahun} (jiwa)"
METRIC_LAST_LABEL = "Data terakhir {tahun} (jiwa)"
METRIC_BAND_LABEL = "Pita {pct}% tahun {tahun} (jiwa)"
METRIC_HELP = "Angka proyeksi setelah rekonsiliasi (jumlah kecamatan sama dengan kabupaten)."
BAND_RANGE = "{lower} – {upper}"
CHANGE_TEXT = "{change} dibanding {tahun}"
METHOD_AUTO_USED = "Otomatis: {label}"
METHOD_USED = "Metode yang dipakai: **{label}**. Basis data model: **{basis}**. {interval}"
INTERVAL_CALIBRATED = "Pita dikalibrasi dari {n} galat uji mundur."
INTERVAL_MODEL = "Pita berasal dari model (data terlalu pendek untuk kalibrasi) dan kemungkinan terlalu sempit."
FALLBACK_WARNING = "Metode diganti untuk wilayah ini: {note}"
NOTES_HEADING = "Apa yang dilakukan pada data"
CHART_CAPTION = (
    "Titik: data tahunan menurut basisnya (bentuk dan warna). Titik berisi dipakai model, titik kosong hanya "
    "ditampilkan. Garis tebal: proyeksi; area: pita {pct}%; garis putus-putus: laju pertumbuhan geometrik "
    "(cara BPS) sebagai pembanding."
)
SOURCE_LINE = "Sumber: {parts}{synthetic}; data tahunan sampai {last}."
SOURCE_PART = "{basis} {years}"
SOURCE_PART_PARTLY = "{basis} {years} (dipakai model: {used})"
SOURCE_PART_UNUSED = "{basis} {years} (hanya ditampilkan)"
SOURCE_SYNTHETIC = " (sintetis)"

# Fan chart legends and tooltips.
CHART_YEAR = "Tahun"
CHART_VALUE = "Penduduk (jiwa)"
CHART_BASIS = "Basis data"
CHART_USED = "Dipakai model"
CHART_USED_YES = "ya"
CHART_USED_NO = "tidak"
CHART_IMPUTED = "Interpolasi (tidak ada data)"
CHART_MODEL_VALUE = "Nilai yang dilihat model"
CHART_SOURCE = "Sumber"
CHART_SERIES = "Garis"
CHART_FORECAST = "Proyeksi"
CHART_GEOMETRIC = "Geometrik (BPS)"
CHART_LOWER = "Batas bawah"
CHART_UPPER = "Batas atas"

# Forecast table (display and download).
TABLE_HEADING = "Angka proyeksi"
FORECAST_COLUMNS: dict[str, str] = {
    "tahun": "Tahun",
    "mean": "Proyeksi (jiwa)",
    "lower": "Batas bawah pita (jiwa)",
    "upper": "Batas atas pita (jiwa)",
    "geometrik": "Geometrik BPS (jiwa)",
    "mean_dasar": "Sebelum rekonsiliasi (jiwa)",
}
DOWNLOAD_CSV = "Unduh CSV"
DOWNLOAD_XLSX = "Unduh XLSX"
DOWNLOAD_SHEET = "Proyeksi"
DOWNLOAD_COHORT_SHEET = "Struktur umur"

# Title block of downloads.
TITLE_FORECAST = "Proyeksi penduduk {wilayah}, {first}–{last}"
TITLE_METHOD = "Metode: {label}"
TITLE_BASIS = "Basis data model: {basis}"
TITLE_LEVEL = "Tingkat pita: {pct}%"
TITLE_CALIBRATED = "Kalibrasi pita: dari {n} galat uji mundur (horizon 1–{h_max}; lebih jauh diekstrapolasi)"
TITLE_NOT_CALIBRATED = "Kalibrasi pita: tidak ada (pita dari model, kemungkinan terlalu sempit)"
TITLE_RECONCILED = "Rekonsiliasi: jumlah 24 kecamatan sama dengan kabupaten (WLS/MinT diagonal, dibulatkan ke jiwa)"
TITLE_SYNTHETIC = "DATA DEMO SINTETIS — bukan data resmi"
TITLE_COHORT = "Proyeksi struktur umur per kecamatan, tahun {tahun} (dasar: {dasar})"
TITLE_PARAMS = "Asumsi: TFR {tfr}; umur harapan hidup {e0} tahun; migrasi neto {migrasi} per 1.000 per tahun"
TITLE_SUPPRESSION = "Angka kecil disembunyikan: “<{min_cell}” kurang dari {min_cell}; “•” disembunyikan pelindung"

# --- Coherence section ----------------------------------------------------------------------------------
COHERENCE_HEADING = "Proyeksi per kecamatan tahun {tahun}"
COHERENCE_CHECK = "Jumlah 24 kecamatan: {total} jiwa; proyeksi kabupaten: {kabupaten} jiwa ({verdict})."
COHERENCE_EQUAL = "sama persis"
COHERENCE_DIFFERENT = "berbeda {diff} jiwa"
KECAMATAN_COLUMNS: dict[str, str] = {
    "nama": "Kecamatan",
    "mean": "Proyeksi (jiwa)",
    "lower": "Batas bawah (jiwa)",
    "upper": "Batas atas (jiwa)",
    "koreksi": "Koreksi rekonsiliasi (jiwa)",
}

# --- Cohort section -------------------------------------------------------------------------------------
COHORT_HEADING = "Struktur umur: proyeksi kohort"
COHORT_INTRO = (
    "Proyeksi komponen kohort menurut jenis kelamin dan kelompok umur 5 tahunan, dari struktur umur "
    "registrasi Dukcapil {periode}: penduduk menua setiap tahun, kelahiran mengikuti TFR, kematian mengikuti "
    "umur harapan hidup, dan migrasi neto ditambahkan sebanding struktur umur. Angka totalnya bisa berbeda "
    "dari proyeksi deret waktu di atas karena dibuat dengan cara lain."
)
COHORT_YEARS = "Tahun dasar {dasar}, diproyeksikan sampai {tahun} (tahun akhir horizon)."
PYRAMID_HEADING = "Piramida penduduk {wilayah}: {dasar} dan {tahun}"
PYRAMID_CAPTION = (
    "Batang berwarna: proyeksi {tahun}; garis hitam: {dasar}. Laki-laki ke kiri, perempuan ke kanan. "
    "Kelompok umur dengan jumlah kecil tidak digambar (disembunyikan untuk privasi)."
)
PYRAMID_SEX: dict[str, str] = {"L": "Laki-laki", "P": "Perempuan"}
PYRAMID_SEX_TITLE = "Jenis kelamin"
PYRAMID_AGE = "Kelompok umur"
PYRAMID_COUNT = "Penduduk (jiwa)"
PYRAMID_YEAR = "Tahun"
FOCUS_HEADING = "{wilayah}, tahun {tahun}"
FOCUS_HELP = "Tahun {dasar}: {nilai} jiwa. Jiwa, dibulatkan; angka kecil disembunyikan."
BANDS_HEADING = "Usia sekolah dan lansia per kecamatan, tahun {tahun}"
BAND_COLUMNS: dict[str, str] = {
    "nama": "Kecamatan",
    "penduduk": "Penduduk",
    "balita": "Balita (0–4)",
    "usia_sd": "Usia SD (7–12)",
    "usia_smp": "Usia SMP (13–15)",
    "usia_sma": "Usia SMA (16–18)",
    "lansia_70_plus": "Lansia 70+",
}
BANDS_CAPTION = (
    "Jiwa, dibulatkan. Umur sekolah seperti komponen PKH; umur dianggap tersebar merata dalam kelompok 5 "
    "tahunan. Baris kabupaten adalah jumlah kecamatan."
)
PARAMS_HEADING = "Asumsi yang dipakai dan sumbernya"
PARAM_LINE = "- **{parameter}**: {nilai} — {sumber}"
PARAM_NAMES: dict[str, str] = {
    "tfr": "Angka kelahiran total (TFR)",
    "e0_l": "Umur harapan hidup laki-laki",
    "e0_p": "Umur harapan hidup perempuan",
    "rasio_jenis_kelamin_lahir": "Rasio jenis kelamin saat lahir",
    "migrasi_neto": "Migrasi neto per 1.000 per tahun",
}
USER_CHOICE = "pilihan pengguna di halaman ini"

# --- Backtest section -----------------------------------------------------------------------------------
BACKTEST_HEADING = "Ketepatan metode: uji mundur"
BACKTEST_INTRO = (
    "Uji mundur (rolling origin): setiap metode dilatih pada data sampai tahun tertentu saja, lalu "
    "proyeksinya 1–5 tahun ke depan dibandingkan dengan angka yang kemudian tercatat, pada {n_series} deret "
    "(24 kecamatan dan kabupaten) dengan basis yang sama seperti proyeksi di atas. Angka adalah rata-rata "
    "horizon 1–5. *Naif* (tetap seperti tahun terakhir) dan *random walk dengan drift* adalah pembanding."
)
BACKTEST_COLUMNS: dict[str, str] = {
    "metode": "Metode",
    "mape": "MAPE (%)",
    "mdape": "MdAPE (%)",
    "bias": "Bias (%)",
    "mase": "MASE",
    "cakupan_model": "Cakupan model {pct}%",
    "cakupan_kalibrasi": "Cakupan kalibrasi {pct}%",
    "n": "Uji",
}
BACKTEST_BENCHMARK = " (pembanding)"
BACKTEST_IN_USE = " ← dipakai"
BACKTEST_CAPTION = (
    "MAPE: rata-rata galat persen absolut. MdAPE: median galat persen absolut. Bias positif: proyeksi terlalu tinggi. "
    "MASE di bawah 1: lebih baik daripada perubahan tahunan rata-rata. Cakupan: bagian angka sebenarnya yang "
    "jatuh di dalam pita {pct}% dari model atau pita terkalibrasi (tiap deret diukur dengan pita dari galat deret "
    "lain). Uji: banyaknya proyeksi yang dibandingkan. Pilihan otomatis "
    "hanya di antara ETS, ARIMA, Theta, random walk dengan drift dan kombinasi; laju geometrik (cara BPS) "
    "ditampilkan sebagai garis pembanding dan naif sebagai patokan terendah."
)
BACKTEST_PER_HORIZON = "Rincian per horizon"
BACKTEST_HORIZON = "Horizon (tahun)"
BACKTEST_EMPTY = "Deret terlalu pendek untuk uji mundur (perlu lebih dari 5 tahun data)."

# --- Errors shown inside a section ---------------------------------------------------------------------
SECTION_FAILED = "Bagian ini tidak dapat ditampilkan: {message}"
