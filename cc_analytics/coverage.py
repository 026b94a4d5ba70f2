"""PKH coverage gaps: who is eligible, who is covered, who is wrongly in or out.

Reads the marts ``pkh_kelayakan`` (eligibility and exclusion gap per desa × komponen × tahap) and
``pkh_inklusi`` (inclusion problems per desa × problem × tahap), both built by the ingest from the linked
registers (see :mod:`cc_analytics.ingest.eligibility`). Figures are summed upwards from desa, so desa
figures always add up to kecamatan and kabupaten figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from cc_analytics.errors import DataNotFoundError
from cc_analytics.ingest.linkage import FLAGS
from cc_analytics.marts_query import fetch_rows, run_query

COVERAGE_COLUMNS = (
    "kode_wilayah",
    "nama",
    "keluarga_layak",
    "keluarga_layak_pkh",
    "keluarga_celah",
    "cakupan",
    "hak_rp_tahun",
    "celah_rp_tahun",
    "kpm_bermasalah",
    "inklusi_rp_tahun",
)
"""Columns of :func:`coverage_by_wilayah`."""

INKLUSI_MASALAH = tuple(k for k, (sumber, _) in FLAGS.items() if sumber == "pkh")


@dataclass(frozen=True)
class Selection:
    """What the coverage figures are about: semester, tahap, komponen and optionally a kecamatan/desa."""

    periode: str
    tahap: int
    komponen: str = "semua"
    kode_kecamatan: str | None = None
    kode_desa: str | None = None

    @property
    def tahun(self) -> int:
        """Year of the semester."""
        return int(self.periode[:4])


def tahap_options(con: duckdb.DuckDBPyConnection, periode: str) -> list[int]:
    """The PKH tahap with eligibility figures in a semester, in order (empty when none)."""
    rows = fetch_rows(con, "SELECT DISTINCT tahap FROM pkh_kelayakan WHERE periode = ? ORDER BY 1", [periode])
    return [int(r[0]) for r in rows]


def _area_filter(selection: Selection, column: str = "kode_desa") -> tuple[str, list[str]]:
    if selection.kode_desa:
        return f" AND {column} = ?", [selection.kode_desa]
    if selection.kode_kecamatan:
        return f" AND {column} LIKE ?", [selection.kode_kecamatan + ".%"]
    return "", []


def coverage_by_wilayah(con: duckdb.DuckDBPyConnection, selection: Selection) -> pd.DataFrame:
    """Eligible, covered and gap per kecamatan (no kecamatan chosen) or per desa (a kecamatan chosen).

    Returns:
        Columns :data:`COVERAGE_COLUMNS`: counts in keluarga (``keluarga_celah`` = eligible − covered, never
        negative), ``cakupan`` share 0–1 (NaN without eligible families), Rupiah per year, and the PKH
        records with an inclusion problem (``kpm_bermasalah``, one record may have several problems and is
        counted once per problem) with their amount per year. Every wilayah of the level is listed, in code
        order, zeros included.
    """
    level_sql = "w.level = 'kecamatan'" if not selection.kode_kecamatan else "w.kode_induk = ?"
    level_args = [] if not selection.kode_kecamatan else [selection.kode_kecamatan]
    key = "substr(kode_desa, 1, 8)" if not selection.kode_kecamatan else "kode_desa"
    sql = f"""
        WITH e AS (
            SELECT {key} AS kode, sum(keluarga_layak) AS layak, sum(keluarga_layak_pkh) AS pkh,
                   sum(hak_rp_tahun) AS hak, sum(celah_rp_tahun) AS celah
            FROM pkh_kelayakan WHERE periode = ? AND tahap = ? AND komponen = ? GROUP BY 1
        ), i AS (
            SELECT {key} AS kode, sum(jumlah_kpm) AS kpm, sum(nominal_rp_tahun) AS rp
            FROM pkh_inklusi WHERE periode = ? AND tahap = ? GROUP BY 1
        )
        SELECT w.kode_wilayah, w.nama,
               coalesce(e.layak, 0)::BIGINT AS keluarga_layak, coalesce(e.pkh, 0)::BIGINT AS keluarga_layak_pkh,
               coalesce(e.hak, 0)::BIGINT AS hak_rp_tahun, coalesce(e.celah, 0)::BIGINT AS celah_rp_tahun,
               coalesce(i.kpm, 0)::BIGINT AS kpm_bermasalah, coalesce(i.rp, 0)::BIGINT AS inklusi_rp_tahun
        FROM wilayah AS w LEFT JOIN e ON e.kode = w.kode_wilayah LEFT JOIN i ON i.kode = w.kode_wilayah
        WHERE {level_sql}
        ORDER BY w.kode_wilayah
    """
    args = [selection.periode, selection.tahap, selection.komponen, selection.periode, selection.tahap, *level_args]
    frame = run_query(con, sql, args)
    celah = (frame["keluarga_layak"] - frame["keluarga_layak_pkh"]).clip(lower=0)
    layak = frame["keluarga_layak"].astype("float64")
    frame = frame.assign(
        keluarga_celah=celah,
        cakupan=(frame["keluarga_layak_pkh"] / layak.where(layak > 0)).astype("float64"),
    )
    return frame[list(COVERAGE_COLUMNS)]


def coverage_total(frame: pd.DataFrame) -> dict[str, float]:
    """Totals of a :func:`coverage_by_wilayah` table (the kabupaten, or the chosen kecamatan)."""
    sums = {c: int(frame[c].sum()) for c in COVERAGE_COLUMNS if c not in ("kode_wilayah", "nama", "cakupan")}
    sums["cakupan"] = sums["keluarga_layak_pkh"] / sums["keluarga_layak"] if sums["keluarga_layak"] else float("nan")
    return sums


def inclusion_by_masalah(con: duckdb.DuckDBPyConnection, selection: Selection) -> pd.DataFrame:
    """Inclusion problems of the selection, one row per problem in :data:`INKLUSI_MASALAH` order.

    Returns:
        Columns ``kode_masalah``, ``label`` (Indonesian), ``jumlah_kpm`` (KPM records) and
        ``nominal_rp_tahun`` (their amount per year); zeros for problems not found.
    """
    where, args = _area_filter(selection)
    sql = f"""
        SELECT kode_masalah, sum(jumlah_kpm)::BIGINT AS jumlah_kpm, sum(nominal_rp_tahun)::BIGINT AS nominal_rp_tahun
        FROM pkh_inklusi WHERE periode = ? AND tahap = ?{where} GROUP BY 1
    """
    found = run_query(con, sql, [selection.periode, selection.tahap, *args]).set_index("kode_masalah")
    return pd.DataFrame(
        {
            "kode_masalah": list(INKLUSI_MASALAH),
            "label": [FLAGS[k][1] for k in INKLUSI_MASALAH],
            "jumlah_kpm": [int(found["jumlah_kpm"].get(k, 0)) for k in INKLUSI_MASALAH],
            "nominal_rp_tahun": [int(found["nominal_rp_tahun"].get(k, 0)) for k in INKLUSI_MASALAH],
        }
    )


def gap_by_komponen(con: duckdb.DuckDBPyConnection, selection: Selection) -> pd.DataFrame:
    """Eligible, covered and gap per komponen for the selected area (``semua`` first).

    Returns:
        Columns ``komponen``, ``keluarga_layak``, ``keluarga_layak_pkh``, ``keluarga_celah``, ``orang_layak``,
        ``hak_rp_tahun``, ``celah_rp_tahun``.
    """
    where, args = _area_filter(selection)
    sql = f"""
        SELECT komponen, sum(keluarga_layak)::BIGINT AS keluarga_layak,
               sum(keluarga_layak_pkh)::BIGINT AS keluarga_layak_pkh, sum(orang_layak)::BIGINT AS orang_layak,
               sum(hak_rp_tahun)::BIGINT AS hak_rp_tahun, sum(celah_rp_tahun)::BIGINT AS celah_rp_tahun
        FROM pkh_kelayakan WHERE periode = ? AND tahap = ?{where}
        GROUP BY 1 ORDER BY komponen <> 'semua', komponen
    """
    frame = run_query(con, sql, [selection.periode, selection.tahap, *args])
    return frame.assign(keluarga_celah=(frame["keluarga_layak"] - frame["keluarga_layak_pkh"]).clip(lower=0))


def verval_list(con: duckdb.DuckDBPyConnection, selection: Selection) -> pd.DataFrame:
    """The verification list of one desa (restricted use): families to propose and records to check.

    Raises:
        DataNotFoundError: when no desa is selected (lists are only ever produced per desa).
    """
    if not selection.kode_desa:
        raise DataNotFoundError("Daftar verval hanya tersedia per desa: pilih desa lebih dulu.")
    sql = """
        SELECT jenis, kode_masalah, nik_tersamar, no_kk_tersamar, desil, keterangan, nilai_rp_tahun
        FROM verval WHERE periode = ? AND kode_desa = ?
        ORDER BY jenis DESC, desil NULLS LAST, nilai_rp_tahun DESC, no_kk_tersamar
    """
    return run_query(con, sql, [selection.periode, selection.kode_desa])
