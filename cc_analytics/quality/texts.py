"""On-screen strings of the Data page (sources, row accounting, match rates, rejections, upload), in Indonesian.

Kept apart from :mod:`cc_analytics.texts` so the page's wording can be reviewed in one place. Templates use
``str.format`` fields named after what they receive.
"""

from __future__ import annotations

PAGE_TITLE = "Data & Kualitas"
TECHNICAL_HEADING = "Detail teknis"
TITLE = "Sumber data dan kualitas data"
SUBTITLE = (
    "Berkas yang dimuat, hitungan barisnya, kecocokan antarsumber, dan alasan baris ditolak. "
    "Data dibangun pada {built_at}."
)
BUILT_AT_UNKNOWN = "tanggal yang tidak tercatat"

# --- Source filter (URL key "sumber") --------------------------------------------------------------------
SUMBER_LABEL = "Sumber data"
SUMBER_ALL = "Semua sumber"
SUMBER_LABELS: dict[str, str] = {
    "dukcapil": "Dukcapil",
    "dtsen": "DTSEN",
    "pkh": "PKH",
    "penduduk": "Penduduk tahunan",
}
SUMBER_TITLES: dict[str, str] = {
    "dukcapil": "Ekstrak penduduk Dukcapil (per semester)",
    "dtsen": "Ekstrak keluarga DTSEN (per tahun, posisi 30 Juni)",
    "pkh": "Daftar KPM PKH (per tahap)",
    "penduduk": "Penduduk tahunan per kecamatan (BPS dan registrasi)",
}

# --- Files and row accounting ----------------------------------------------------------------------------
FILES_HEADING = "Berkas dan hitungan baris"
FILES_CAPTION = (
    "Setiap baris berkas diterima atau ditolak dengan alasannya: **dibaca = diterima + ditolak**. "
    "Angka ini adalah hitungan baris berkas, bukan jumlah orang."
)
METRIC_FILES = "Berkas"
METRIC_READ = "Baris dibaca"
METRIC_ACCEPTED = "Baris diterima"
METRIC_REJECTED = "Baris ditolak"
METRIC_REJECTED_SHARE = "{share} dari baris dibaca"
METRIC_REJECTED_HELP = "Bagian dari baris dibaca yang ditolak saat validasi."
BALANCED = "Hitungan seimbang untuk semua {files} berkas: {read} dibaca = {accepted} diterima + {rejected} ditolak."
UNBALANCED = (
    "Hitungan tidak seimbang pada berkas: {files}. Minta pengelola data membangun ulang data dan memeriksa "
    "catatan pemuatannya."
)
SOURCE_SUMMARY = "{files} berkas · periode {first} s.d. {last} · posisi terbaru {as_of}"
SOURCE_SUMMARY_ONE = "{files} berkas · periode {first} · posisi {as_of}"
NO_FILES = "Belum ada berkas yang dimuat untuk sumber ini."
FILE_COLUMNS: dict[str, str] = {
    "file_name": "Berkas",
    "periode": "Periode",
    "tanggal_data": "Posisi data",
    "baris_dibaca": "Dibaca",
    "baris_diterima": "Diterima",
    "baris_ditolak": "Ditolak",
    "rasio_ditolak": "% ditolak",
}
FILE_DETAIL_COLUMNS: dict[str, str] = {
    "file_name": "Berkas",
    "catatan": "Catatan pembacaan",
    "sha256": "Sidik berkas (SHA-256, 12 digit awal)",
}
FILE_DETAIL_CAPTION = (
    "Sidik berkas membedakan dua versi berkas yang bernama sama; catatan pembacaan menyebut apa yang dilakukan "
    "pembaca pada berkas (mis. dikonversi dari XLSX)."
)
LOG_SOURCE = "Sumber: catatan pemuatan berkas{synthetic}, dibangun {built_at}"
SYNTHETIC = " — data sintetis"
PERIODE_TAHUNAN = "tahunan"
PERIODE_TAHAP = "Tahap {tahap} {tahun}"
PERIODE_DTSEN = "Tahun {tahun}"

# --- Match rates between sources -------------------------------------------------------------------------
MATCH_HEADING = "Kecocokan antarsumber per kecamatan"
MATCH_CAPTION = (
    "{periode}. Berapa catatan satu sumber yang ditemukan di sumber lain: anggota DTSEN dan pengurus PKH "
    "dicari menurut NIK di ekstrak Dukcapil semester yang sama, KPM PKH dicari menurut nomor KK di DTSEN. "
    "PKH memakai tahap terakhir semester."
)
MATCH_NONE = "Belum ada data kecocokan untuk {periode}."
MATCH_NOT_LINKED = "Data penduduk tahunan tidak ditautkan ke sumber lain, jadi tidak ada angka kecocokan."
PAIR_LABELS: dict[str, str] = {
    "dtsen_dukcapil": "DTSEN → Dukcapil",
    "pkh_dukcapil": "PKH → Dukcapil",
    "pkh_dtsen": "PKH → DTSEN",
}
PAIR_HELP: dict[str, str] = {
    "dtsen_dukcapil": "Anggota keluarga DTSEN yang NIK-nya ditemukan di ekstrak Dukcapil semester yang sama.",
    "pkh_dukcapil": "Catatan KPM PKH yang NIK pengurusnya ditemukan di ekstrak Dukcapil semester yang sama.",
    "pkh_dtsen": "Catatan KPM PKH yang nomor KK-nya ditemukan di DTSEN yang berlaku.",
}
PAIR_METRIC = "{pair}: cocok"
PAIR_METRIC_DELTA = "{unmatched} dari {total} tidak ditemukan"
MATCH_COLUMNS: dict[str, str] = {
    "nama_kecamatan": "Kecamatan",
    "dtsen_dukcapil.jumlah": "DTSEN: anggota",
    "dtsen_dukcapil.tidak_cocok": "DTSEN: NIK tak di Dukcapil",
    "dtsen_dukcapil.rasio": "DTSEN: % cocok Dukcapil",
    "pkh_dukcapil.jumlah": "PKH: catatan KPM",
    "pkh_dukcapil.tidak_cocok": "PKH: NIK tak di Dukcapil",
    "pkh_dukcapil.rasio": "PKH: % cocok Dukcapil",
    "pkh_dtsen.jumlah": "PKH: catatan KPM",
    "pkh_dtsen.tidak_cocok": "PKH: KK tak di DTSEN",
    "pkh_dtsen.rasio": "PKH: % cocok DTSEN",
}
MATCH_TOTAL_ROW = "Kabupaten Pasuruan"
RATE_AT_LEAST = "≥{rate}"
RATE_AT_MOST = "≤{rate}"
RATE_UNKNOWN = "–"
MATCH_RATE_NOTE = (
    "Persentase ditulis sebagai batas (≥ atau ≤) bila jumlah yang tidak cocok atau yang cocok disembunyikan, "
    "dan “–” bila tidak dapat ditulis tanpa membuka angka yang disembunyikan."
)

# --- Rejection reasons -----------------------------------------------------------------------------------
REASONS_HEADING = "Alasan penolakan"
REASONS_CAPTION = "Baris yang ditolak saat validasi, dikelompokkan menurut sumber, kolom dan alasan."
REASONS_NONE = "Tidak ada baris yang ditolak."
REASON_COLUMNS: dict[str, str] = {
    "sumber": "Sumber",
    "kolom": "Kolom",
    "alasan": "Alasan",
    "jumlah_baris": "Baris",
    "jumlah_berkas": "Berkas",
}
NO_COLUMN = "– (struktur baris)"

# --- Rejected rows of one file (URL key "berkas") ----------------------------------------------------------
REJECTED_HEADING = "Baris ditolak per berkas"
BERKAS_LABEL = "Berkas"
REJECTED_SUMMARY = "{file}: {rejected} dari {read} baris ditolak."
REJECTED_CAPTION = (
    "Nomor baris dihitung dari judul kolom (baris 1). Nilai hanya ditampilkan sejauh kolomnya mengizinkan: "
    "kode, tanggal dan angka apa adanya, NIK dan nomor KK hanya empat digit terakhir, nama tidak pernah; "
    "nilai lain hanya bentuknya, mis. “[19 karakter: 16 angka, 3 tanda lain]”."
)
REJECTED_SHOWN = "Ditampilkan {shown} baris pertama dari {total}; unduhan memuat semuanya."
REJECTED_LOCKED = (
    "Daftar baris ditolak adalah data per baris dan hanya ditampilkan bila diizinkan administrator. "
    "Ringkasan alasan di atas tetap tersedia."
)
REJECTED_LOCKED_TECHNICAL = (
    "Daftar baris ditolak ditampilkan bila aplikasi dijalankan dengan pengaturan `CC_ALLOW_ROW_LEVEL=1`."
)
REJECTED_CONFIDENTIAL = "**Terbatas.** Daftar per baris untuk perbaikan data oleh petugas; jangan disebarkan."
REJECTED_DOWNLOAD = "Unduh baris ditolak (CSV)"
REJECTED_NONE = "Tidak ada berkas dengan baris ditolak."
REJECTED_COLUMNS: dict[str, str] = {
    "nomor_baris": "Baris",
    "kolom": "Kolom",
    "alasan": "Alasan",
    "nilai": "Nilai (disamarkan)",
}

# --- Upload ----------------------------------------------------------------------------------------------
UPLOAD_HEADING = "Impor berkas baru"
UPLOAD_LABEL = "Berkas CSV atau XLSX"
UPLOAD_HELP = (
    "Nama berkas menentukan sumber dan periodenya: dukcapil_2026-S1.csv, dtsen_2026-S1.csv, "
    "pkh_2026_tahap1.xlsx, penduduk_tahunan.csv (boleh diberi akhiran seperti _bangil)."
)
UPLOAD_DISABLED = (
    "Impor lewat halaman ini dinonaktifkan. Administrator dapat mengaktifkannya, atau mengimpor berkas untuk Anda."
)
UPLOAD_DISABLED_TECHNICAL = (
    "Impor lewat halaman diaktifkan dengan pengaturan `CC_ALLOW_UPLOAD=1`. Tanpa itu, berkas diimpor dengan "
    "perintah `python -m cc_analytics import BERKAS`."
)
UPLOAD_DEMO_NOTE = (
    "Data yang dipakai sekarang adalah data demo sintetis: berkas yang diimpor digabung dengan data demo."
)
UPLOAD_EXPLAIN = (
    "Berkas diperiksa dengan aturan yang sama seperti pemuatan data rutin. Impor membangun data baru di "
    "samping data lama (semester yang berkasnya tidak berubah disalin dari data lama) dan baru menggantinya "
    "bila berhasil; bila gagal, data sebelumnya tetap dipakai. Mengimpor berkas yang sama dua kali tidak "
    "mengubah apa pun."
)
CHECK_BUTTON = "Periksa saja"
IMPORT_BUTTON = "Impor"
CHECK_RESULT = "{file} ({sumber}): {read} dibaca = {accepted} diterima + {rejected} ditolak."
CHECK_CLEAN = "Semua baris lolos pemeriksaan."
IMPORT_RUNNING = "Mengimpor dan membangun ulang data…"
IMPORT_START = "Memulai…"
IMPORT_DONE = "Impor selesai."
IMPORT_FAILED = "Impor gagal; data sebelumnya tetap dipakai."
IMPORT_SUCCESS = "Impor berhasil. Hitungan baris berkas yang diimpor:"
IMPORT_RESULT = "{file}: {read} dibaca = {accepted} diterima + {rejected} ditolak"
