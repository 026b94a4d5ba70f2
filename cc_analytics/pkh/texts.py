"""On-screen strings of the PKH coverage page (``/pkh``), in Bahasa Indonesia, in one place.

Templates use ``str.format`` fields named after what they receive. Shared strings (source lines, the
suppression note, the demo banner) stay in :mod:`cc_analytics.texts`.
"""

from __future__ import annotations

NAV_TITLE = "Celah cakupan PKH"
TITLE = "Celah cakupan PKH"
SUBTITLE = "{wilayah} · {periode} · tahap {tahap} tahun {tahun} · {komponen}"

KABUPATEN = "Kabupaten Pasuruan"
LEVEL_NAMES = {"kabupaten": "Kabupaten", "kecamatan": "Kecamatan", "desa": "Desa", "kelurahan": "Kelurahan"}

# --- Filters ------------------------------------------------------------------------------------------
TAHAP_LABEL = "Tahap PKH"
TAHAP_OPTION = "Tahap {tahap}"
TAHAP_HELP = "Tahap penyaluran PKH dalam semester yang dipilih. Cakupan dihitung terhadap daftar KPM tahap ini."
KOMPONEN_LABEL = "Komponen"
KOMPONEN_HELP = (
    "Semua komponen: keluarga yang layak untuk sedikitnya satu komponen. Pilih satu komponen untuk melihat "
    "keluarga yang memiliki anggota pada komponen itu."
)
KOMPONEN_NAMES = {
    "semua": "Semua komponen",
    "anak_usia_dini": "Anak usia dini (0–6 tahun)",
    "sd": "Anak usia SD",
    "smp": "Anak usia SMP",
    "sma": "Anak usia SMA",
    "disabilitas_berat": "Disabilitas berat",
    "lansia": "Lansia 70 tahun ke atas",
}
NO_TAHAP = "Belum ada data kelayakan PKH untuk {periode}. Pilih periode lain di panel samping."

# --- Narrative ----------------------------------------------------------------------------------------
NARASI_HEADING = "Ringkasan singkat"
KELUARGA_DESIL = "keluarga desil 1–{desil}"
DENGAN = "dengan"
KOMPONEN_FRASA = {
    "anak_usia_dini": "anak usia dini (0–6 tahun)",
    "sd": "anak usia SD",
    "smp": "anak usia SMP",
    "sma": "anak usia SMA",
    "disabilitas_berat": "anggota penyandang disabilitas berat",
    "lansia": "lansia 70 tahun ke atas",
}
NARASI_LEAD = (
    "Pada tahap {tahap} tahun {tahun}, {wilayah} memiliki {layak} {keluarga} yang layak PKH menurut data "
    "terpadu; {pkh} keluarga ({cakupan}) sudah menerima PKH dan {celah} keluarga belum, dengan hak bantuan "
    "{celah_rp} setahun."
)
NARASI_GAP = "Di {wilayah}, {celah} {keluarga} belum menerima PKH (hak bantuan {celah_rp} setahun)."
NARASI_GAP_SAMA = (
    "Di {wilayah}, {celah} {keluarga} belum menerima PKH (hak bantuan {celah_rp} setahun), begitu pula {lainnya}."
)
NARASI_GAP_LAINNYA = "{celah} keluarga dengan {komponen} ({celah_rp} setahun)"
DAN = "dan"
NARASI_INKLUSI = "Masalah inklusi terbesar: {label} — {jumlah} KPM senilai {rp} setahun."
NARASI_INKLUSI_DESA = "Di {wilayah} tercatat {jumlah} temuan inklusi pada catatan KPM senilai {rp} setahun."
NARASI_EMPTY = "Angka wilayah ini terlalu kecil untuk diringkas tanpa membuka data perorangan."

# --- Headline cards -----------------------------------------------------------------------------------
CARDS_HEADING = "Kelayakan dan cakupan"
CARD_LAYAK = "Keluarga layak PKH"
CARD_PKH = "Sudah menerima PKH"
CARD_CELAH = "Belum menerima (celah)"
CARD_CAKUPAN = "Cakupan"
CARD_CELAH_RP = "Hak bantuan keluarga belum menerima"
CARD_INKLUSI = "Temuan inklusi"
CARD_HELP = {
    "layak": (
        "Keluarga DTSEN desil 1–{desil} yang memiliki anggota hidup yang memenuhi sedikitnya satu komponen "
        "(atau komponen yang dipilih) menurut data Dukcapil dan DTSEN."
    ),
    "pkh": "Keluarga layak yang nomor KK-nya terdaftar sebagai KPM PKH pada tahap ini.",
    "celah": "Keluarga layak yang belum menjadi KPM PKH pada tahap ini (eksklusi).",
    "cakupan": "Sudah menerima ÷ keluarga layak.",
    "celah_rp": (
        "Nilai bantuan setahun yang menjadi hak keluarga layak yang belum menerima, menurut besaran per komponen "
        "dan batas jumlah anggota per keluarga."
    ),
    "inklusi": (
        "Catatan KPM dengan masalah inklusi (di luar desil, tidak di DTSEN, NIK tidak di Dukcapil, meninggal, "
        "NIK ganda, KK di desa lain) dan nilai bantuannya setahun. Satu catatan dapat memiliki beberapa "
        "masalah dan dihitung sekali per masalah. Tidak terpengaruh pilihan komponen."
    ),
}
CARD_RP_OF_LAYAK = "hak bantuan {rp} setahun"
CARD_RP_INKLUSI = "senilai {rp} setahun"
HIDDEN_SMALL = "kurang dari {min_cell}, disembunyikan untuk melindungi privasi"
HIDDEN_COMPLEMENT = "disembunyikan agar angka kecil tidak dapat dihitung"
HIDDEN_SHARE = "tidak ditampilkan karena ada angka yang disembunyikan"

# --- Komponen table -----------------------------------------------------------------------------------
KOMPONEN_HEADING = "Kelayakan per komponen"
KOMPONEN_CAPTION = (
    "Satu keluarga dapat layak untuk beberapa komponen, sehingga baris komponen tidak dijumlahkan; baris "
    "“Semua komponen” menghitung setiap keluarga sekali. Ibu hamil/nifas tidak tampak di data Dukcapil maupun "
    "DTSEN, sehingga komponen ini tidak dihitung (kelayakan keluarga dengan ibu hamil belum tercakup di sini)."
)
KOMPONEN_COLUMNS = {
    "komponen": "Komponen",
    "kriteria": "Kriteria",
    "keluarga_layak": "Layak",
    "keluarga_layak_pkh": "Sudah PKH",
    "keluarga_celah": "Belum PKH",
    "cakupan": "Cakupan",
    "celah_rp_tahun": "Celah (Rp/tahun)",
}

# --- Wilayah ranking ----------------------------------------------------------------------------------
RANKING_HEADING = {"kecamatan": "Peringkat kecamatan menurut celah", "desa": "Peringkat desa di {kecamatan}"}
RANKING_CAPTION = (
    "Diurutkan dari jumlah keluarga layak yang belum menerima PKH terbanyak. Komponen: {komponen}. "
    "Wilayah yang angka celahnya disembunyikan menyusul (menurut nama), lalu wilayah tanpa celah."
)
RANKING_COLUMNS = {
    "peringkat": "No.",
    "nama": "Wilayah",
    "keluarga_layak": "Layak",
    "keluarga_layak_pkh": "Sudah PKH",
    "keluarga_celah": "Belum PKH",
    "cakupan": "Cakupan",
    "celah_rp_tahun": "Celah (Rp/tahun)",
    "kpm_bermasalah": "Temuan inklusi",
    "inklusi_rp_tahun": "Inklusi (Rp/tahun)",
}
COLUMN_HELP = {
    "Layak": "Keluarga DTSEN desil 1–4 yang memenuhi komponen PKH menurut data.",
    "Sudah PKH": "Keluarga layak yang menjadi KPM PKH pada tahap ini.",
    "Belum PKH": "Keluarga layak yang belum menjadi KPM PKH (celah eksklusi).",
    "Cakupan": "Sudah PKH ÷ layak.",
    "Celah (Rp/tahun)": "Hak bantuan setahun keluarga layak yang belum menerima.",
    "Temuan inklusi": "Catatan KPM bermasalah (di luar desil, tidak di DTSEN, meninggal, NIK ganda, dan lain-lain).",
    "Inklusi (Rp/tahun)": "Nilai bantuan setahun pada catatan KPM bermasalah.",
}
RANKING_SELECTED = "{nama} (dipilih)"
RANKING_WITHHELD = (
    "Rincian per desa untuk {kecamatan} tidak ditampilkan: sebagian angka kecamatan ini kecil (di bawah "
    "{min_cell}) dan dapat dihitung kembali dari jumlah per desa."
)
INKLUSI_WITHHELD = (
    "Temuan inklusi per desa untuk {kecamatan} tidak ditampilkan: jumlah temuan kecamatan ini kecil atau disembunyikan."
)
CHART_TITLE_X = "Keluarga"
CHART_PKH = "Sudah menerima"
CHART_CELAH = "Belum menerima"
CHART_WILAYAH = "Wilayah"
CHART_CAKUPAN = "Cakupan"
CHART_CAPTION = "Grafik memuat {shown} wilayah dengan angka yang dapat ditampilkan, dari {total}."
MAP_LINK = "Lihat celah cakupan di peta"
DOWNLOAD_TABLE = "Unduh tabel (CSV)"
DOWNLOAD_HELP = (
    "Angka ditulis sebagai angka agar dapat dihitung di lembar kerja: Rupiah utuh tanpa titik ribuan, cakupan "
    "sebagai pecahan 0–1. Angka yang disembunyikan tetap tertulis “<{min_cell}”, “•” atau “–”."
)
DOWNLOAD_COLUMNS = {
    "peringkat": "No.",
    "kode_wilayah": "Kode wilayah",
    "nama": "Wilayah",
    "keluarga_layak": "Layak (keluarga)",
    "keluarga_layak_pkh": "Sudah PKH (keluarga)",
    "keluarga_celah": "Belum PKH (keluarga)",
    "cakupan": "Cakupan (proporsi 0–1)",
    "celah_rp_tahun": "Celah (Rp/tahun)",
    "kpm_bermasalah": "Temuan inklusi (catatan KPM)",
    "inklusi_rp_tahun": "Inklusi (Rp/tahun)",
}

# --- Inclusion ----------------------------------------------------------------------------------------
INKLUSI_HEADING = "Masalah inklusi: KPM yang mungkin tidak tepat sasaran"
INKLUSI_CAPTION = (
    "Catatan KPM PKH tahap ini yang ditandai saat data ditautkan. Nilai = nominal tahap × {tahap_per_tahun} "
    "tahap setahun. Satu catatan dapat memiliki beberapa masalah. Ini petunjuk untuk verifikasi, bukan "
    "keputusan bahwa penerima tidak berhak."
)
INKLUSI_COLUMNS = {"label": "Masalah", "jumlah_kpm": "Catatan KPM", "nominal_rp_tahun": "Nilai (Rp/tahun)"}
INKLUSI_TOTAL = "Jumlah temuan"
INKLUSI_DESA_ONLY = (
    "Rincian per jenis masalah tersedia untuk kabupaten dan kecamatan. Untuk desa ini: {jumlah} temuan "
    "senilai {rp} setahun."
)
INKLUSI_DESA_HIDDEN = "Jumlah temuan inklusi desa ini kecil atau disembunyikan untuk melindungi privasi."

# --- Verification list --------------------------------------------------------------------------------
VERVAL_HEADING = "Daftar prioritas verifikasi (verval)"
VERVAL_DISABLED = (
    "Daftar verifikasi per orang tidak diaktifkan di server ini; hubungi admin data bila Anda memerlukannya. "
    "Halaman ini menampilkan angka agregat saja."
)
VERVAL_DISABLED_DETAIL_HEADING = "Keterangan teknis untuk analis"
VERVAL_DISABLED_DETAIL = (
    "Daftar verval (NIK dan No. KK tersamar) hanya ditampilkan bila server dijalankan dengan pengaturan "
    "`CC_ALLOW_ROW_LEVEL=1`. Aktifkan hanya pada instalasi yang diizinkan untuk penggunaan terbatas."
)
VERVAL_PICK_DESA = "Daftar verval disusun per desa. Pilih desa di panel samping untuk menampilkannya."
VERVAL_CONFIDENTIAL = "RAHASIA — hanya untuk verifikasi"
VERVAL_NOTE = (
    "Untuk operator desa: keluarga yang diusulkan (layak tetapi belum menerima PKH) dan catatan KPM yang perlu "
    "diperiksa. NIK dan nomor KK disamarkan kecuali 4 digit terakhir; nama dan alamat tidak dimuat. Jangan "
    "disebarluaskan."
)
VERVAL_TAHAP = "Daftar disusun untuk tahap {tahap} tahun {tahun} (tahap terakhir {periode})."
VERVAL_TAHAP_DIFFERS = " Tahap yang dipilih di atas ({tahap}) tidak memengaruhi daftar ini."
VERVAL_EMPTY = "Tidak ada keluarga yang perlu diusulkan atau diperiksa di desa ini."
VERVAL_COUNTS = "{usulan} keluarga diusulkan, {periksa} catatan KPM perlu diperiksa."
VERVAL_TAB_USULAN = "Usulan ({n})"
VERVAL_TAB_PERIKSA = "Periksa ({n})"
VERVAL_DOWNLOAD = "Unduh daftar verval (XLSX)"
VERVAL_FILE = "verval_pkh_{kode_desa}_{periode}.xlsx"
VERVAL_SHEET = "Verval PKH"
VERVAL_TITLE = "Daftar verval PKH {wilayah}, {kecamatan}"
VERVAL_TITLE_TAHAP = "Periode {periode}, tahap {tahap} tahun {tahun}"
VERVAL_TITLE_MASK = "NIK dan No. KK disamarkan (hanya 4 digit terakhir). Nama dan alamat tidak dimuat."
VERVAL_JENIS = {"usulan": "Usulan: layak, belum menerima", "periksa": "Periksa catatan KPM"}
VERVAL_MASALAH_LAYAK = "Layak PKH, belum menerima"
VERVAL_COLUMNS = {
    "prioritas": "Prioritas",
    "jenis": "Jenis",
    "masalah": "Keterangan masalah",
    "nik_tersamar": "NIK (tersamar)",
    "no_kk_tersamar": "No. KK (tersamar)",
    "desil": "Desil DTSEN",
    "keterangan": "Anggota layak",
    "nilai_rp_tahun": "Nilai (Rp/tahun)",
}

# --- Method and policy --------------------------------------------------------------------------------
METHOD_HEADING = "Cara menghitung dan sumber kebijakan"
METHOD_TEXT = """\
- **Keluarga layak**: keluarga di DTSEN pada desil 1–{desil} yang memiliki anggota hidup yang memenuhi
  komponen PKH. Umur dihitung dari tanggal lahir di Dukcapil pada akhir semester; disabilitas berat dari
  tanda di DTSEN. Anggota DTSEN yang tidak ditemukan di Dukcapil tidak diketahui umurnya dan hanya dihitung
  untuk disabilitas berat.
- **Ibu hamil/nifas tidak dihitung**: kehamilan tidak tercatat di Dukcapil maupun DTSEN, sehingga kelayakan
  komponen ini tidak dapat diturunkan dari data dan tidak diperkirakan.
- **Sudah menerima**: nomor KK keluarga terdaftar sebagai KPM PKH pada tahap yang dipilih.
- **Celah (eksklusi)**: keluarga layak yang belum menerima; nilainya adalah hak bantuan setahun menurut besaran
  per komponen, paling banyak {maks_komponen} anggota per keluarga (yang nilainya terbesar lebih dulu).
- **Inklusi**: catatan KPM yang di luar desil 1–{desil} atau tidak ada di DTSEN, NIK pengurusnya tidak ada di
  Dukcapil atau tercatat meninggal, NIK ganda dalam satu tahap, atau KK-nya terdaftar di desa lain.
- Angka 1–{batas} disembunyikan (“<{min_cell}”) bersama angka pelindungnya (“•”); nilai Rupiah ikut
  disembunyikan bila jumlahnya disembunyikan.
"""
POLICY_CAPTION = "Besaran dan kriteria di atas adalah pengaturan (berkas data/reference), bukan angka di dalam kode."
POLICY_COLUMNS = {
    "komponen": "Komponen",
    "usia": "Usia",
    "nilai_per_tahun_rp": "Bantuan per orang (Rp/tahun)",
    "maks_per_keluarga": "Maks. per keluarga",
    "dihitung": "Dihitung",
    "sumber": "Sumber",
}
POLICY_RULES = {"desil_maks": "Batas desil DTSEN", "maks_orang_per_keluarga": "Maks. anggota dihitung per keluarga"}
POLICY_YES = "ya"
POLICY_NO = "tidak (tidak tampak di data)"
AGE_RANGE = "{low}–{high} tahun"
AGE_FROM = "{low} tahun ke atas"
AGE_NONE = "—"
CRITERIA_DISABILITAS = "tanda disabilitas berat di DTSEN"
POLICY_RULE = "**{rule}**: {value}. Sumber: {source}"
