"""Every Indonesian text the forecasting library shows to users: labels, notes and explanations.

Kept in one place so the page, the CLI and the docs say the same thing.
"""

from __future__ import annotations

METHOD_LABELS: dict[str, str] = {
    "otomatis": "Otomatis (terbaik menurut uji mundur)",
    "ets": "ETS tren teredam",
    "arima": "ARIMA(1,1,0) dengan drift",
    "theta": "Theta (SES dengan drift)",
    "drift": "Random walk dengan drift",
    "kombinasi": "Kombinasi bobot sama (ETS, ARIMA, Theta, drift)",
    "geometrik": "Laju pertumbuhan geometrik (cara BPS)",
    "naif": "Naif (tetap seperti tahun terakhir)",
}

BASIS_LABELS: dict[str, str] = {
    "sensus": "Sensus Penduduk (BPS)",
    "estimasi_bps": "Estimasi BPS",
    "registrasi": "Registrasi Dukcapil",
    "tidak_disebut": "Basis tidak disebut",
}

# Notes on fallbacks and adjustments (placeholders filled with str.format).
NOTE_FALLBACK = "{method} tidak dipakai ({reason}); diganti random walk dengan drift."
NOTE_FALLBACK_NAIVE = "Hanya tetap seperti tahun terakhir ({reason})."
NOTE_NOT_CONVERGED = "optimasi parameter tidak konvergen"
NOTE_SINGULAR = "perubahan tahunan konstan sehingga parameter tidak dapat diduga"
NOTE_TOO_SHORT = "deret hanya {n} tahun, metode ini perlu paling sedikit {needed}"
NOTE_DROPPED_VALUES = "Nilai nol, negatif atau kosong pada tahun {years} diabaikan."
NOTE_DUPLICATES_MERGED = "Baris ganda dengan nilai sama pada tahun {years} digabung."
NOTE_GAPS_FILLED = "Tahun {years} tidak ada datanya dan diisi dengan interpolasi geometrik."
NOTE_OTHER_BASIS_UNUSED = (
    "Data berbasis {others} tidak dipakai untuk model karena ukurannya berbeda dengan {basis}; "
    "hanya ditampilkan di grafik."
)
NOTE_SPLICED_OVERLAP = (
    "Data {other} tahun {first}–{last} disesuaikan ke tingkat {basis} dengan rasio {ratio} "
    "dari tahun tumpang-tindih {year}."
)
NOTE_SPLICED_NO_OVERLAP = (
    "Data {other} tahun {first}–{last} disambung ke {basis} tanpa tahun tumpang-tindih: lompatan "
    "antara {prev_year} dan {next_year} dianggap sama dengan rata-rata pertumbuhan tahunan (asumsi)."
)
NOTE_KABUPATEN_FROM_SUM = (
    "Kabupaten tidak punya data berbasis {basis}; sejarahnya dihitung sebagai jumlah 24 kecamatan."
)
NOTE_CALIBRATED = (
    "Pita dikalibrasi dari {n} galat uji mundur (horizon 1–{h_max}); horizon lebih jauh diperkirakan "
    "dengan ekstrapolasi."
)
NOTE_NOT_CALIBRATED = (
    "Uji mundur terlalu sedikit untuk kalibrasi; pita berasal dari model dan kemungkinan terlalu sempit."
)
NOTE_AUTO_CHOSEN = (
    "Metode dipilih otomatis dari uji mundur pada data ini: {method} (MASE rata-rata horizon 1–5, "
    "makin kecil makin baik: {ranking})."
)
NOTE_AUTO_NO_BACKTEST = (
    "Deret terlalu pendek untuk uji mundur, sehingga metode tidak dapat dipilih dari data; dipakai "
    "random walk dengan drift."
)
NOTE_HISTORY_IMPUTED = "Sebagian sejarah hasil interpolasi: lebar pita mungkin kurang tepat."

RECONCILIATION_TEXT = (
    "Jumlah proyeksi 24 kecamatan sama persis dengan proyeksi kabupaten. Caranya: proyeksi kabupaten "
    "dan tiap kecamatan dibuat sendiri-sendiri, lalu selisih antara jumlah kecamatan dan angka kabupaten "
    "dibagi ke semua wilayah sebanding dengan ketidakpastiannya (rekonsiliasi WLS/MinT diagonal): "
    "wilayah yang proyeksinya lebih tidak pasti menerima koreksi lebih besar. Angka dibulatkan ke jiwa "
    "dengan metode sisa terbesar sehingga jumlahnya tetap tepat. Batas pita ikut bergeser sebesar koreksi "
    "tetapi lebarnya tidak berubah; batas pita kabupaten bukan jumlah batas pita kecamatan."
)


def interval_explanation(level: float, calibrated: bool, h_max: int) -> str:
    """Plain-Indonesian meaning of the band at ``level`` (e.g. 0.8).

    Args:
        level: interval level between 0 and 1.
        calibrated: whether the band was calibrated from backtest errors.
        h_max: the longest horizon the backtest measured.
    """
    pct = round(level * 100)
    tenths = round(level * 10)
    share = f"{tenths} dari 10" if pct == 10 * tenths else f"{pct} dari 100"
    if calibrated:
        return (
            f"Pita {pct}% artinya: ketika cara yang sama diuji pada data masa lalu (uji mundur), sekitar "
            f"{share} angka sebenarnya jatuh di dalam pita selebar ini pada jarak tahun yang sama. "
            f"Pita melebar ke depan karena ketidakpastian bertambah. Untuk lebih dari {h_max} tahun ke depan "
            "lebarnya diperkirakan dari pola galat, bukan diuji langsung. Pita tidak memperhitungkan "
            "kejadian luar biasa (pemekaran wilayah, pembersihan data kependudukan besar-besaran)."
        )
    return (
        f"Pita {pct}% berasal langsung dari model statistik. Pada deret tahunan yang pendek pita seperti ini "
        f"biasanya mencakup jauh lebih sedikit dari {pct}% angka sebenarnya; anggap sebagai batas bawah "
        "ketidakpastian."
    )
