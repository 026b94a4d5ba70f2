"""PKH coverage gaps: who is eligible, who is covered, who is wrongly in or out.

Reads the marts ``pkh_kelayakan`` (eligibility and exclusion gap per desa × komponen × tahap) and
``pkh_inklusi`` (inclusion problems per desa × problem × tahap), both built by the ingest from the linked
registers (see :mod:`cc_analytics.ingest.eligibility`). Figures are summed upwards from desa, so desa
figures always add up to kecamatan and kabupaten figures. Counts here are exact; suppression of small
counts for display is done by :mod:`cc_analytics.pkh.protect`.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from cc_analytics.errors import DataNotFoundError
from cc_analytics.pkh_policy import load_policy
from cc_analytics.schema import FLAGS
from cc_analytics.store.query import fetch_rows, run_query

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
"""Inclusion problems (``pkh_*`` flags of the linkage), in display order."""

SEMUA = "semua"
"""The komponen code meaning "eligible for any komponen" (one row per family)."""


def komponen_pilihan() -> tuple[str, ...]:
    """Komponen codes a selection may use: ``semua`` and every komponen the registry can see."""
    return (SEMUA, *load_policy().komponen_terlihat)


@dataclass(frozen=True)
class Selection:
    """What the coverage figures are about: semester, tahap, komponen and optionally a kecamatan/desa.

    Attributes:
        periode: semester label, e.g. ``2025-S2``.
        tahap: PKH tahap 1–4 paid in that semester.
        komponen: ``semua`` or a komponen code (``sd``, ``lansia``, ...).
        kode_kecamatan: ``35.14.xx`` or None (whole kabupaten).
        kode_desa: ``35.14.xx.xxxx`` or None.
    """

    periode: str
    tahap: int
    komponen: str = SEMUA
    kode_kecamatan: str | None = None
    kode_desa: str | None = None

    @property
    def tahun(self) -> int:
        """Year of the semester."""
        return int(self.periode[:4])

    @property
    def kecamatan(self) -> str | None:
        """The kecamatan of the selection: the chosen one, or the one the chosen desa lies in."""
        if self.kode_kecamatan:
            return self.kode_kecamatan
        return self.kode_desa[:8] if self.kode_desa else None


def tahap_options(con: duckdb.DuckDBPyConnection, periode: str) -> list[int]:
    """The PKH tahap with eligibility figures in a semester, in order (empty when none)."""
    rows = fetch_rows(con, "SELECT DISTINCT tahap FROM pkh_kelayakan WHERE periode = ? ORDER BY 1", [periode])
    return [int(r[0]) for r in rows]


def check_selection(con: duckdb.DuckDBPyConnection, selection: Selection) -> None:
    """Check that the marts hold the selection's semester, tahap and wilayah, and that its komponen exists.

    Raises:
        DataNotFoundError: with an Indonesian message naming what is missing.
    """
    options = tahap_options(con, selection.periode)
    if not options:
        raise DataNotFoundError(f"Tidak ada data kelayakan PKH untuk periode {selection.periode}.")
    if selection.tahap not in options:
        raise DataNotFoundError(
            f"Tahap {selection.tahap} tidak ada pada periode {selection.periode} "
            f"(tersedia: {', '.join(map(str, options))})."
        )
    if selection.komponen not in komponen_pilihan():
        raise DataNotFoundError(f"Komponen '{selection.komponen}' tidak dikenal.")
    sql = "SELECT 1 FROM wilayah WHERE kode_wilayah = ? AND list_contains(?::VARCHAR[], level)"
    for kode, levels in ((selection.kode_kecamatan, ["kecamatan"]), (selection.kode_desa, ["desa", "kelurahan"])):
        if kode and not fetch_rows(con, sql, [kode, levels]):
            raise DataNotFoundError(f"Kode {levels[0]} '{kode}' tidak ada di Kabupaten Pasuruan.")
    if selection.kode_kecamatan and selection.kode_desa and selection.kode_desa[:8] != selection.kode_kecamatan:
        raise DataNotFoundError(f"Desa {selection.kode_desa} tidak terletak di kecamatan {selection.kode_kecamatan}.")


def _area_filter(selection: Selection, column: str = "kode_desa") -> tuple[str, list[str]]:
    if selection.kode_desa:
        return f" AND {column} = ?", [selection.kode_desa]
    if selection.kode_kecamatan:
        return f" AND {column} LIKE ?", [selection.kode_kecamatan + ".%"]
    return "", []


def _level(kode_kecamatan: str | None) -> tuple[str, str, list[str], list[str]]:
    """(key expression, wilayah filter, key filter args, wilayah filter args) for the rows of a table."""
    if kode_kecamatan is None:
        return "substr(kode_desa, 1, 8)", "w.level = 'kecamatan'", [], []
    return "kode_desa", "w.kode_induk = ?", [kode_kecamatan + ".%"], [kode_kecamatan]


def coverage_by_komponen_wilayah(
    con: duckdb.DuckDBPyConnection, periode: str, tahap: int, kode_kecamatan: str | None = None
) -> pd.DataFrame:
    """Eligible, covered and gap per wilayah and komponen: kecamatan (no kecamatan given) or its desa.

    Returns:
        One row per wilayah × komponen of :func:`komponen_pilihan` (zeros included), in code order, columns
        ``kode_wilayah``, ``nama``, ``komponen``, ``keluarga_layak``, ``keluarga_layak_pkh``,
        ``keluarga_celah`` (keluarga; celah = layak − layak_pkh, never negative), ``hak_rp_tahun`` and
        ``celah_rp_tahun`` (Rp per year).
    """
    key, where_w, key_args, w_args = _level(kode_kecamatan)
    key_filter = " AND kode_desa LIKE ?" if kode_kecamatan else ""
    komponen = list(komponen_pilihan())
    sql = f"""
        WITH e AS (
            SELECT {key} AS kode, komponen, sum(keluarga_layak) AS layak, sum(keluarga_layak_pkh) AS pkh,
                   sum(hak_rp_tahun) AS hak, sum(celah_rp_tahun) AS celah
            FROM pkh_kelayakan WHERE periode = ? AND tahap = ?{key_filter} GROUP BY 1, 2
        ), k AS (SELECT unnest(?::VARCHAR[]) AS komponen)
        SELECT w.kode_wilayah, w.nama, k.komponen,
               coalesce(e.layak, 0)::BIGINT AS keluarga_layak, coalesce(e.pkh, 0)::BIGINT AS keluarga_layak_pkh,
               coalesce(e.hak, 0)::BIGINT AS hak_rp_tahun, coalesce(e.celah, 0)::BIGINT AS celah_rp_tahun
        FROM wilayah AS w CROSS JOIN k
        LEFT JOIN e ON e.kode = w.kode_wilayah AND e.komponen = k.komponen
        WHERE {where_w}
        ORDER BY w.kode_wilayah, list_position(?::VARCHAR[], k.komponen)
    """
    frame = run_query(con, sql, [periode, tahap, *key_args, komponen, *w_args, komponen])
    celah = (frame["keluarga_layak"] - frame["keluarga_layak_pkh"]).clip(lower=0)
    return frame.assign(keluarga_celah=celah)[
        [
            "kode_wilayah",
            "nama",
            "komponen",
            "keluarga_layak",
            "keluarga_layak_pkh",
            "keluarga_celah",
            "hak_rp_tahun",
            "celah_rp_tahun",
        ]
    ]


def inclusion_by_wilayah(
    con: duckdb.DuckDBPyConnection, periode: str, tahap: int, kode_kecamatan: str | None = None
) -> pd.DataFrame:
    """Inclusion problems per wilayah and problem: kecamatan (no kecamatan given) or its desa.

    Returns:
        One row per wilayah × problem of :data:`INKLUSI_MASALAH` (zeros included), in code order, columns
        ``kode_wilayah``, ``nama``, ``kode_masalah``, ``jumlah_kpm`` (PKH payment records with the problem)
        and ``nominal_rp_tahun`` (their tahap amount × tahap per year, Rp).
    """
    key, where_w, key_args, w_args = _level(kode_kecamatan)
    key_filter = " AND kode_desa LIKE ?" if kode_kecamatan else ""
    masalah = list(INKLUSI_MASALAH)
    sql = f"""
        WITH i AS (
            SELECT {key} AS kode, kode_masalah, sum(jumlah_kpm) AS kpm, sum(nominal_rp_tahun) AS rp
            FROM pkh_inklusi WHERE periode = ? AND tahap = ?{key_filter} GROUP BY 1, 2
        ), m AS (SELECT unnest(?::VARCHAR[]) AS kode_masalah)
        SELECT w.kode_wilayah, w.nama, m.kode_masalah,
               coalesce(i.kpm, 0)::BIGINT AS jumlah_kpm, coalesce(i.rp, 0)::BIGINT AS nominal_rp_tahun
        FROM wilayah AS w CROSS JOIN m
        LEFT JOIN i ON i.kode = w.kode_wilayah AND i.kode_masalah = m.kode_masalah
        WHERE {where_w}
        ORDER BY w.kode_wilayah, list_position(?::VARCHAR[], m.kode_masalah)
    """
    return run_query(con, sql, [periode, tahap, *key_args, masalah, *w_args, masalah])


def coverage_by_wilayah(con: duckdb.DuckDBPyConnection, selection: Selection) -> pd.DataFrame:
    """Eligible, covered and gap per kecamatan (no kecamatan chosen) or per desa of the selection's kecamatan.

    Returns:
        Columns :data:`COVERAGE_COLUMNS`: counts in keluarga (``keluarga_celah`` = eligible − covered, never
        negative), ``cakupan`` share 0–1 (NaN without eligible families), Rupiah per year, and the PKH
        records with an inclusion problem (``kpm_bermasalah``, one record may have several problems and is
        counted once per problem) with their amount per year. Every wilayah of the level is listed, in code
        order, zeros included.
    """
    long = coverage_by_komponen_wilayah(con, selection.periode, selection.tahap, selection.kecamatan)
    frame = long[long["komponen"] == selection.komponen].drop(columns="komponen").reset_index(drop=True)
    inclusion = inclusion_by_wilayah(con, selection.periode, selection.tahap, selection.kecamatan)
    per_wilayah = inclusion.groupby("kode_wilayah", sort=False)[["jumlah_kpm", "nominal_rp_tahun"]].sum()
    layak = frame["keluarga_layak"].astype("float64")
    frame = frame.assign(
        cakupan=(frame["keluarga_layak_pkh"] / layak.where(layak > 0)).astype("float64"),
        kpm_bermasalah=frame["kode_wilayah"].map(per_wilayah["jumlah_kpm"]).astype("int64"),
        inklusi_rp_tahun=frame["kode_wilayah"].map(per_wilayah["nominal_rp_tahun"]).astype("int64"),
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

    Returns:
        Columns ``tahap`` (the tahap the list was built for: the last of the semester), ``jenis`` (``usulan``
        before ``periksa``), ``kode_masalah``, ``nik_tersamar``, ``no_kk_tersamar`` (last four digits only),
        ``desil``, ``keterangan`` and ``nilai_rp_tahun`` (Rp per year); usulan by desil, then by value.

    Raises:
        DataNotFoundError: when no desa is selected (lists are only ever produced per desa).
    """
    if not selection.kode_desa:
        raise DataNotFoundError("Daftar verval hanya tersedia per desa: pilih desa lebih dulu.")
    sql = """
        SELECT tahap, jenis, kode_masalah, nik_tersamar, no_kk_tersamar, desil, keterangan, nilai_rp_tahun
        FROM verval WHERE periode = ? AND kode_desa = ?
        ORDER BY jenis DESC, desil NULLS LAST, nilai_rp_tahun DESC, no_kk_tersamar, kode_masalah
    """
    return run_query(con, sql, [selection.periode, selection.kode_desa])
