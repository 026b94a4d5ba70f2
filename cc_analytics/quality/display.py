"""The Data page's tables as Indonesian text: file accounting, match rates, rejection reasons, rejected lines.

Takes the frames of :mod:`cc_analytics.quality.queries` and returns new frames of strings with the headers of
:mod:`cc_analytics.quality.texts`; numbers use :mod:`cc_analytics.formatting` (``1.234``, ``8,6%``, ``<5``, ``•``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from cc_analytics.export import to_csv
from cc_analytics.formatting import format_count, format_date_long, format_number, format_percent, is_missing
from cc_analytics.ingest.check_file import FileCheck
from cc_analytics.ingest.pipeline import FileAccount
from cc_analytics.periods import parse_periode
from cc_analytics.privacy import SHOWN, SMALL
from cc_analytics.quality import texts as tx
from cc_analytics.quality.queries import MatchRates

_TAHAP_RE = re.compile(r"^(\d{4}) tahap ([1-4])$")


def format_log_periode(label: str) -> str:
    """The period label of ``ingest_log`` in words.

    ``2025-S1`` → ``Semester I 2025``; ``2025 tahap 2`` → ``Tahap 2 2025``; ``2025`` (DTSEN) → ``Tahun 2025``;
    anything else (``tahunan``) as it is.
    """
    text = str(label)
    try:
        return parse_periode(text).nama
    except ValueError:
        pass
    if match := _TAHAP_RE.match(text):
        return tx.PERIODE_TAHAP.format(tahap=match.group(2), tahun=match.group(1))
    if text.isdigit() and len(text) == 4:
        return tx.PERIODE_DTSEN.format(tahun=text)
    return text


def _date_text(value: object) -> str:
    if is_missing(value) or value is pd.NaT:
        return "–"
    stamp = pd.Timestamp(value)  # type: ignore[arg-type]
    return format_date_long(stamp.date())


def _as_of(value: object) -> date | None:
    if is_missing(value) or value is pd.NaT:
        return None
    return pd.Timestamp(value).date()  # type: ignore[arg-type]


def files_for_display(files: pd.DataFrame) -> pd.DataFrame:
    """Rows of :func:`cc_analytics.quality.queries.file_table` as text, headers from ``data_texts.FILE_COLUMNS``:
    file, period, as-of date and row accounting (the reader's notes and fingerprint are in
    :func:`file_details_for_display`)."""
    frame = pd.DataFrame(
        {
            "file_name": files["file_name"].astype(str).to_numpy(),
            "periode": [format_log_periode(p) for p in files["periode"]],
            "tanggal_data": [_date_text(d) for d in files["tanggal_data"]],
            "baris_dibaca": [format_number(int(v)) for v in files["baris_dibaca"]],
            "baris_diterima": [format_number(int(v)) for v in files["baris_diterima"]],
            "baris_ditolak": [format_number(int(v)) for v in files["baris_ditolak"]],
            "rasio_ditolak": ["–" if is_missing(r) else format_percent(float(r), 2) for r in files["rasio_ditolak"]],
        }
    )
    return frame.rename(columns=tx.FILE_COLUMNS)


def file_details_for_display(files: pd.DataFrame) -> pd.DataFrame:
    """The technical side of the same files, for analysts: ``file_name``, ``catatan`` (what the reader did to the
    file) and ``sha256`` shortened to its first 12 hex digits (enough to tell two versions of a file apart);
    headers from ``data_texts.FILE_DETAIL_COLUMNS``."""
    frame = pd.DataFrame(
        {
            "file_name": files["file_name"].astype(str).to_numpy(),
            "catatan": files["catatan"].astype(str).to_numpy(),
            "sha256": [str(h)[:12] for h in files["sha256"]],
        }
    )
    return frame.rename(columns=tx.FILE_DETAIL_COLUMNS)


def split_by_source(files: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The rows of a file table per source, in table order (sources in order of first appearance)."""
    return {str(s): files[files["sumber"] == s].reset_index(drop=True) for s in dict.fromkeys(files["sumber"])}


def source_summary(files: pd.DataFrame) -> str:
    """One line about one source's files: how many, first and last period, latest as-of date."""
    periods = [format_log_periode(p) for p in files["periode"]]
    dates = [d for d in (_as_of(v) for v in files["tanggal_data"]) if d is not None]
    as_of = format_date_long(max(dates)) if dates else "–"
    if len(set(periods)) <= 1:
        return tx.SOURCE_SUMMARY_ONE.format(files=len(files), first=periods[0] if periods else "–", as_of=as_of)
    return tx.SOURCE_SUMMARY.format(files=len(files), first=periods[0], last=periods[-1], as_of=as_of)


def log_source_line(built_at: str, *, is_synthetic: bool) -> str:
    """The source line under the file tables: the ingest log, and when the marts were built."""
    return tx.LOG_SOURCE.format(synthetic=tx.SYNTHETIC if is_synthetic else "", built_at=format_built_at(built_at))


def format_built_at(built_at: str) -> str:
    """``meta.built_at`` (UTC, ``2026-11-28T18:06:56Z``) in the regency's time: ``29 November 2026 pukul 01.06
    WIB`` (Waktu Indonesia Barat, UTC+7, no daylight saving)."""
    try:
        stamp = pd.Timestamp(built_at)
    except ValueError:
        return tx.BUILT_AT_UNKNOWN
    if stamp is pd.NaT:
        return tx.BUILT_AT_UNKNOWN
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    local = stamp.tz_convert("Asia/Jakarta")
    return f"{format_date_long(local.date())} pukul {local.hour:02d}.{local.minute:02d} WIB"


def reasons_for_display(reasons: pd.DataFrame) -> pd.DataFrame:
    """Rows of :func:`cc_analytics.quality.queries.rejection_reasons` as text, Indonesian headers."""
    frame = pd.DataFrame(
        {
            "sumber": [tx.SUMBER_LABELS.get(str(s), str(s)) for s in reasons["sumber"]],
            "kolom": [tx.NO_COLUMN if is_missing(k) else str(k) for k in reasons["kolom"]],
            "alasan": reasons["alasan"].astype(str).to_numpy(),
            "jumlah_baris": [format_number(int(v)) for v in reasons["jumlah_baris"]],
            "jumlah_berkas": [format_number(int(v)) for v in reasons["jumlah_berkas"]],
        }
    )
    return frame.rename(columns=tx.REASON_COLUMNS)


def _rejected_text(rows: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "nomor_baris": rows["nomor_baris"].astype("int64").to_numpy(),
            "kolom": [tx.NO_COLUMN if is_missing(k) else str(k) for k in rows["kolom"]],
            "alasan": rows["alasan"].astype(str).to_numpy(),
            "nilai": ["" if is_missing(v) else str(v) for v in rows["nilai"]],
        }
    )
    return frame.rename(columns=tx.REJECTED_COLUMNS)


def rejected_rows_for_display(rows: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The first ``limit`` rows of :func:`cc_analytics.quality.queries.rejected_rows`, Indonesian headers."""
    return _rejected_text(rows.head(limit))


def rejected_rows_csv(rows: pd.DataFrame) -> bytes:
    """All rejected rows of a file as UTF-8 CSV (with BOM), Indonesian headers; values stay masked."""
    return to_csv(_rejected_text(rows))


def _count_text(value: object, status: str, min_cell: int) -> str:
    if status == SHOWN or not is_missing(value):
        return format_count(value, min_cell)  # type: ignore[arg-type]
    return format_count(None, min_cell, is_small=status == SMALL)


def rate_text(row: pd.Series, min_cell: int) -> str:
    """The match rate of one row of :class:`MatchRates`, without revealing a suppressed count.

    ``cocok / jumlah`` when all three counts are shown; a lower bound (``≥99,7%``) when only the unmatched
    count is small, an upper bound (``≤2,1%``) when only the matched count is small (both rounded outwards,
    as the ``<5`` marker and the total already tell); ``–`` otherwise or when ``jumlah`` is 0.
    """
    total, matched, unmatched = row["jumlah"], row["cocok"], row["tidak_cocok"]
    if is_missing(total) or int(total) == 0:
        return tx.RATE_UNKNOWN
    total = int(total)
    if not is_missing(matched) and not is_missing(unmatched):
        return format_percent(int(matched) / total)
    largest_small = min_cell - 1
    if row["status_tidak_cocok"] == SMALL and not is_missing(total):
        permille = ((total - largest_small) * 1000) // total
        return tx.RATE_AT_LEAST.format(rate=format_percent(max(permille, 0) / 1000))
    if row["status_cocok"] == SMALL:
        permille = -((-largest_small * 1000) // total)
        return tx.RATE_AT_MOST.format(rate=format_percent(min(permille, 1000) / 1000))
    return tx.RATE_UNKNOWN


@dataclass(frozen=True)
class PairMetric:
    """The regency figure of one linkage pair: label, rate text, and "n of N not found" text."""

    pasangan: str
    label: str
    rate: str
    detail: str
    help: str


def pair_metrics(rates: MatchRates, pairs: list[str]) -> list[PairMetric]:
    """The regency match rate of each of ``pairs`` that has data, in that order."""
    out = []
    for _, row in rates.kabupaten.iterrows():
        pasangan = str(row["pasangan"])
        if pasangan not in pairs:
            continue
        detail = tx.PAIR_METRIC_DELTA.format(
            unmatched=_count_text(row["tidak_cocok"], row["status_tidak_cocok"], rates.min_cell),
            total=_count_text(row["jumlah"], row["status_jumlah"], rates.min_cell),
        )
        label = tx.PAIR_METRIC.format(pair=tx.PAIR_LABELS[pasangan])
        out.append(PairMetric(pasangan, label, rate_text(row, rates.min_cell), detail, tx.PAIR_HELP[pasangan]))
    return sorted(out, key=lambda m: pairs.index(m.pasangan))


def _pair_columns(frame: pd.DataFrame, pasangan: str, min_cell: int, *, with_total: bool) -> dict[str, list[str]]:
    columns: dict[str, list[str]] = {}
    if with_total:
        columns[f"{pasangan}.jumlah"] = [
            _count_text(v, s, min_cell) for v, s in zip(frame["jumlah"], frame["status_jumlah"], strict=True)
        ]
    columns[f"{pasangan}.tidak_cocok"] = [
        _count_text(v, s, min_cell) for v, s in zip(frame["tidak_cocok"], frame["status_tidak_cocok"], strict=True)
    ]
    columns[f"{pasangan}.rasio"] = [rate_text(row, min_cell) for _, row in frame.iterrows()]
    return columns


def match_table_for_display(rates: MatchRates, pairs: list[str]) -> pd.DataFrame:
    """Kecamatan × the chosen pairs, plus the regency row last, as text with Indonesian headers.

    Per pair: the number of records (once for both PKH pairs, which count the same records), how many
    were not found, and the match rate (see :func:`rate_text`).
    """
    shown = [p for p in rates.pairs if p in pairs]
    every = pd.concat([rates.per_kecamatan, rates.kabupaten], ignore_index=True)
    names = every.drop_duplicates("kode_kecamatan")["nama_kecamatan"].astype(str).tolist()
    table: dict[str, list[str]] = {"nama_kecamatan": names}
    for pasangan in shown:
        part = every[every["pasangan"] == pasangan].reset_index(drop=True)
        with_total = not (pasangan == "pkh_dtsen" and "pkh_dukcapil" in shown)
        table.update(_pair_columns(part, pasangan, rates.min_cell, with_total=with_total))
    frame = pd.DataFrame(table)
    frame.loc[len(frame) - 1, "nama_kecamatan"] = tx.MATCH_TOTAL_ROW
    return frame.rename(columns=tx.MATCH_COLUMNS)


def check_line(check: FileCheck) -> str:
    """One line about a checked upload: name, source and its row accounting."""
    return tx.CHECK_RESULT.format(
        file=check.file_name,
        sumber=tx.SUMBER_LABELS.get(check.sumber, check.sumber),
        read=format_number(check.baris_dibaca),
        accepted=format_number(check.baris_diterima),
        rejected=format_number(check.baris_ditolak),
    )


def check_reasons(check: FileCheck) -> pd.DataFrame:
    """The rejected rows of a checked upload grouped by column and reason, most frequent first, as text."""
    rejected = check.ditolak.assign(kolom=check.ditolak["kolom"].fillna(tx.NO_COLUMN))
    counts = rejected.groupby(["kolom", "alasan"], dropna=False).size().reset_index(name="jumlah_baris")
    counts = counts.sort_values(["jumlah_baris", "kolom", "alasan"], ascending=[False, True, True])
    frame = pd.DataFrame(
        {
            "kolom": counts["kolom"].astype(str).to_numpy(),
            "alasan": counts["alasan"].astype(str).to_numpy(),
            "jumlah_baris": [format_number(int(v)) for v in counts["jumlah_baris"]],
        }
    )
    return frame.rename(columns=tx.REASON_COLUMNS)


def import_lines(accounts: list[FileAccount]) -> list[str]:
    """One line per imported file with its row accounting, as the rebuild logged it."""
    return [
        tx.IMPORT_RESULT.format(
            file=a.file_name,
            read=format_number(a.baris_dibaca),
            accepted=format_number(a.baris_diterima),
            rejected=format_number(a.baris_ditolak),
        )
        for a in accounts
    ]
