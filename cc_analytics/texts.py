"""The app-wide on-screen strings, in Bahasa Indonesia: navigation, banners, selectors, links, errors, sources.

Each capability keeps its own sentences in its own ``texts`` module (``cc_analytics.briefing.texts``,
``cc_analytics.pkh.texts``, ...); this one holds what every page shares, so the wording can be reviewed (and
later translated) without reading code. Templates use ``str.format`` fields named after what they receive.
"""

from __future__ import annotations

APP_TITLE = "Pusat Kendali Kabupaten Pasuruan"

# --- Pages (title shown in the navigation menu) ---------------------------------------------------------
PAGE_RINGKASAN = "Ringkasan"
PAGE_KECAMATAN = "Kecamatan & Desa"
PAGE_DATA = "Data & Kualitas"
PAGE_PETA = "Peta"
PAGE_PKH = "Celah cakupan PKH"
PAGE_PROYEKSI = "Proyeksi penduduk"

# --- Banner shown on every page when the marts hold demo data ------------------------------------------
DEMO_BANNER = (
    "**Data sintetis untuk demo — bukan data resmi.** Angka penduduk, keluarga, desil DTSEN, KPM PKH dan "
    "temuan kualitas data dibangkitkan secara acak untuk peragaan dan tidak menggambarkan warga sebenarnya. "
    "Yang asli: kode dan nama 24 kecamatan serta 365 desa/kelurahan (Kemendagri) dan angka acuan sensus "
    "penduduk BPS yang menjadi patokan besaran data demo."
)

# --- Banner shown on every page when small-count suppression is off or weaker than the default --------------
SUPPRESSION_OFF_BANNER = (
    "**Perlindungan angka kecil dimatikan (CC_MIN_CELL=1).** Semua hitungan ditampilkan apa adanya, termasuk "
    "angka 1–{default_less} yang dapat menunjuk orang atau keluarga tertentu. Jangan sebarkan tampilan ini; "
    "kembalikan CC_MIN_CELL ke {default} untuk penggunaan biasa."
)
SUPPRESSION_WEAK_BANNER = (
    "**Perlindungan angka kecil dilemahkan (CC_MIN_CELL={min_cell}).** Hanya hitungan di bawah {min_cell} yang "
    "disembunyikan, bukan di bawah {default} seperti bawaan. Jangan sebarkan tampilan ini; kembalikan "
    "CC_MIN_CELL ke {default} untuk penggunaan biasa."
)

# --- First run: building the demo data ------------------------------------------------------------------
BOOTSTRAP_RUNNING = "Menyiapkan data demo untuk pertama kali…"
BOOTSTRAP_START = "Memulai…"
BOOTSTRAP_DONE = "Data demo siap."
BOOTSTRAP_NOTE = "Proses ini hanya terjadi sekali; pembukaan berikutnya langsung memakai data yang sudah dibangun."

# --- Periode selector -----------------------------------------------------------------------------------
PERIODE_LABEL = "Periode"
PERIODE_HELP = "Semester data yang ditampilkan. Pilihan ini berlaku di semua halaman dan tersimpan di tautan."
NO_PERIODE = "Data mart belum memuat periode apa pun. Bangun ulang data: python -m cc_analytics ingest"

# --- Links: choices kept in the page address (cc_analytics.ui.url_state) -----------------------------------
URL_INVALID = "{label} “{value}” pada tautan tidak dikenali, jadi diabaikan. Ditampilkan {fallback}."
URL_INVALID_EMPTY = "{label} pada tautan kosong, jadi diabaikan. Ditampilkan {fallback}."
URL_CLAMPED = "{label} {value} pada tautan di luar rentang {minimum}–{maximum}. Dipakai {fallback}."
URL_DESA_OUTSIDE = (
    "Desa/kelurahan “{value}” pada tautan tidak berada di Kecamatan {kecamatan}, jadi diabaikan. "
    "Ditampilkan seluruh Kecamatan {kecamatan}."
)
SHARE_LABEL = "Salin tautan"
SHARE_HELP = (
    "Tautan lengkap tampilan ini, termasuk pilihan bawaan, sehingga membuka tampilan yang sama walaupun "
    "pilihan bawaan kelak berubah. Salin dengan tombol di pojok kanan kotak."
)
KECAMATAN_LABEL = "Kecamatan"
KECAMATAN_SEMUA = "Semua kecamatan"
KECAMATAN_HELP = "Kecamatan yang ditampilkan. Pilihan ini berlaku di semua halaman dan tersimpan di tautan."
DESA_LABEL = "Desa/kelurahan"
DESA_SEMUA = "Semua desa/kelurahan"
DESA_HELP = "Pilih kecamatan lebih dulu. Pilihan ini berlaku di semua halaman dan tersimpan di tautan."

# --- Errors ---------------------------------------------------------------------------------------------
ERROR_TITLE = "Terjadi masalah"
UNEXPECTED_ERROR = (
    "Halaman ini tidak dapat ditampilkan karena kesalahan yang tidak terduga. Muat ulang halaman atau pilih "
    "halaman lain; bila terus terjadi, laporkan kepada pengelola aplikasi beserta waktu kejadiannya."
)
MARTS_OUTDATED = (
    "Data mart tidak memuat tabel atau kolom yang dibutuhkan halaman ini (mungkin dibangun oleh versi lama). "
    "Bangun ulang data: python -m cc_analytics ingest"
)

# --- Sources and as-of dates ----------------------------------------------------------------------------
SOURCE_NAMES: dict[str, str] = {
    "dukcapil": "Dukcapil",
    "dtsen": "DTSEN Kemensos",
    "pkh": "PKH Kemensos",
    "kualitas": "Pemeriksaan kualitas data saat ingest",
}
SOURCE_PREFIX = "Sumber: "
SOURCE_SYNTHETIC = " (sintetis)"
SOURCE_AS_OF = ", posisi {tanggal}"
SOURCE_AS_OF_UNKNOWN = ", tanggal posisi tidak tercatat"
SOURCE_SEPARATOR = "; "


# --- Small-count suppression ----------------------------------------------------------------------------
NO_NUMBER = "—"  # a value that is not a finite number (e.g. a share of a total of 0)
SUPPRESSED_SMALL = "<{min_cell}"
SUPPRESSED_COMPLEMENT = "•"
SUPPRESSION_NOTE = (
    "“<{min_cell}”: kurang dari {min_cell}, disembunyikan untuk melindungi privasi. "
    "“•”: disembunyikan agar angka kecil tidak dapat dihitung dari total."
)


# Words for changes.
NAIK = "naik"
TURUN = "turun"
TETAP = "tetap"
RELATIF_TETAP = "relatif tetap"
POIN_PERSEN = "poin persen"
POIN = "poin"
