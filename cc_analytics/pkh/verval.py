"""The verification (verval) list of one desa, for the desa operator: screen table and XLSX workbook.

Restricted use: shown only when ``CC_ALLOW_ROW_LEVEL=1`` (:attr:`cc_analytics.config.Settings.allow_row_level`)
and only for one desa. The rows come from the mart ``verval`` (:func:`cc_analytics.pkh.queries.verval_list`),
where the NIK and KK numbers are already masked to their last four digits and no name or address exists.

Priority: families to propose (``usulan``: eligible, not covered) come first, poorest desil first and, within
a desil, the largest entitlement first; then the PKH records to check (``periksa``), largest amount first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from cc_analytics.export import to_xlsx
from cc_analytics.formatting import format_periode, format_rupiah
from cc_analytics.pkh import texts as t
from cc_analytics.schema import FLAGS

_MASKED = re.compile(r"^\*{12}\d{4}$")

VERVAL_COLUMNS = ("prioritas", "jenis", "masalah", "nik_tersamar", "no_kk_tersamar", "desil", "keterangan")
"""Columns of :func:`verval_rows`, plus ``nilai_rp_tahun``."""


@dataclass(frozen=True)
class VervalHeader:
    """What the list is about, for its title block.

    Attributes:
        desa: ``Desa Gerbo``; kecamatan: ``Kecamatan Purwodadi``; periode: ``2025-S2``;
        tahap, tahun: the tahap the list was built for; source: the source line (``Sumber: …``).
    """

    desa: str
    kecamatan: str
    periode: str
    tahap: int
    tahun: int
    source: str


def check_masked(frame: pd.DataFrame) -> None:
    """Refuse a list with an identity number that is not masked to ``************1234``.

    Raises:
        ValueError: when a NIK or KK value is not masked (the mart was built wrongly).
    """
    for column in ("nik_tersamar", "no_kk_tersamar"):
        values = frame[column].dropna().astype(str)
        if not values.map(lambda v: bool(_MASKED.match(v))).all():
            raise ValueError(f"kolom {column} memuat nomor yang tidak tersamar")


def verval_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The list with Indonesian labels and a priority number per kind (1 = first to handle).

    Args:
        frame: :func:`cc_analytics.pkh.queries.verval_list` (``usulan`` rows before ``periksa``, in order).

    Returns:
        Columns :data:`VERVAL_COLUMNS` and ``nilai_rp_tahun`` (int, Rp per year); ``jenis`` stays the code
        (``usulan``/``periksa``), ``masalah`` is the Indonesian reason, ``desil`` is ``Int64``.
    """
    check_masked(frame)
    ordered = frame.reset_index(drop=True)
    prioritas = ordered.groupby("jenis", sort=False).cumcount() + 1
    masalah = [
        t.VERVAL_MASALAH_LAYAK if j == "usulan" else FLAGS.get(k, ("", k))[1]
        for j, k in zip(ordered["jenis"], ordered["kode_masalah"], strict=True)
    ]
    return pd.DataFrame(
        {
            "prioritas": prioritas.astype("int64"),
            "jenis": ordered["jenis"].astype(str),
            "masalah": masalah,
            "nik_tersamar": ordered["nik_tersamar"].fillna("").astype(str),
            "no_kk_tersamar": ordered["no_kk_tersamar"].fillna("").astype(str),
            "desil": ordered["desil"].astype("Int64"),
            "keterangan": ordered["keterangan"].fillna("").astype(str),
            "nilai_rp_tahun": ordered["nilai_rp_tahun"].astype("int64"),
        }
    )


def for_sheet(rows: pd.DataFrame) -> pd.DataFrame:
    """:func:`verval_rows` with Indonesian headers and kinds, numbers kept as numbers (for XLSX)."""
    out = rows.assign(jenis=rows["jenis"].map(t.VERVAL_JENIS))
    return out.rename(columns=t.VERVAL_COLUMNS)


def title_lines(header: VervalHeader) -> list[str]:
    """The block above the table: confidentiality marking, what, when, source, masking note."""
    return [
        t.VERVAL_CONFIDENTIAL,
        t.VERVAL_TITLE.format(wilayah=header.desa, kecamatan=header.kecamatan),
        t.VERVAL_TITLE_TAHAP.format(periode=format_periode(header.periode), tahap=header.tahap, tahun=header.tahun),
        header.source,
        t.VERVAL_TITLE_MASK,
    ]


def workbook(rows: pd.DataFrame, header: VervalHeader) -> bytes:
    """The XLSX file for the desa operator: title block (:func:`title_lines`) above the list."""
    return to_xlsx(for_sheet(rows), sheet=t.VERVAL_SHEET, title_lines=title_lines(header))


def file_name(kode_desa: str, periode: str) -> str:
    """``verval_pkh_35.14.01.2001_2025-S2.xlsx`` (codes only, no names)."""
    return t.VERVAL_FILE.format(kode_desa=kode_desa, periode=periode)


def for_screen(rows: pd.DataFrame, jenis: str) -> pd.DataFrame:
    """The rows of one kind (``usulan`` or ``periksa``) as text with Indonesian headers, for the page.

    ``usulan`` rows leave out the problem column (it is always "eligible, not covered"); ``periksa`` rows leave
    out the eligible members (not recorded for them).
    """
    part = rows[rows["jenis"] == jenis]
    drop = ["jenis", "masalah" if jenis == "usulan" else "keterangan"]
    out = part.drop(columns=drop).assign(
        prioritas=part["prioritas"].astype(str),
        desil=["–" if pd.isna(d) else str(int(d)) for d in part["desil"]],
        nilai_rp_tahun=[format_rupiah(int(v)) for v in part["nilai_rp_tahun"]],
    )
    return out.rename(columns=t.VERVAL_COLUMNS).reset_index(drop=True)


def counts(rows: pd.DataFrame) -> dict[str, int]:
    """Number of rows per kind: ``{"usulan": n, "periksa": m}``."""
    return {jenis: int((rows["jenis"] == jenis).sum()) for jenis in ("usulan", "periksa")}


def list_tahap(frame: pd.DataFrame) -> int | None:
    """The tahap a :func:`cc_analytics.pkh.queries.verval_list` result was built for (None when empty)."""
    return None if frame.empty else int(frame["tahap"].max())
