"""Where PKH does not reach the poorest families: desil 1–4 families not covered, per kecamatan.

A family is *covered* when it is in desil 1–4 of DTSEN and its NO_KK is a KPM in the last PKH tahap of the
semester (mart ``cakupan``). The gap of a kecamatan is the number (and share) of its desil 1–4 families that
are not covered. Small counts are suppressed with :func:`cc_analytics.privacy.protect_table`, treating the
kecamatan totals and the kabupaten totals (shown on the KPI cards) as published.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from cc_analytics.briefing import texts as tx
from cc_analytics.formatting import format_count, format_percent, is_missing
from cc_analytics.privacy import SHOWN, SMALL, protect_table
from cc_analytics.store.query import run_query

_GAPS_SQL = """
SELECT
    k.kode_wilayah AS kode_kecamatan,
    k.nama AS nama_kecamatan,
    coalesce(sum(c.keluarga_desil_1_4), 0)::BIGINT AS keluarga_desil_1_4,
    coalesce(sum(c.keluarga_desil_1_4_pkh), 0)::BIGINT AS keluarga_tercakup
FROM wilayah AS k
LEFT JOIN wilayah AS d ON d.kode_kecamatan = k.kode_wilayah AND d.level IN ('desa', 'kelurahan')
LEFT JOIN cakupan AS c ON c.kode_desa = d.kode_wilayah AND c.periode = ?
WHERE k.level = 'kecamatan'
GROUP BY ALL
ORDER BY kode_kecamatan
"""

GAP_COLUMNS = (
    "peringkat",
    "kode_kecamatan",
    "nama_kecamatan",
    "keluarga_desil_1_4",
    "keluarga_tercakup",
    "keluarga_belum_tercakup",
    "rasio_belum_tercakup",
    "status_desil_1_4",
    "status_tercakup",
    "status_belum_tercakup",
)
"""Columns of :func:`kecamatan_gaps`, in order."""


def _protect(counts: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    """Suppressed copies of the three counts plus their status, indexed like ``counts``."""
    cells = counts.set_index("kode_kecamatan")[["keluarga_tercakup", "keluarga_belum_tercakup"]]
    protected = protect_table(cells, min_cell, row_totals=True, col_totals=True)
    inner = protected.cells
    status = protected.cell_status
    return pd.DataFrame(
        {
            "keluarga_desil_1_4": protected.row_totals.loc[cells.index],
            "keluarga_tercakup": inner["keluarga_tercakup"],
            "keluarga_belum_tercakup": inner["keluarga_belum_tercakup"],
            "status_desil_1_4": protected.status.iloc[:-1, -1].astype(str),
            "status_tercakup": status["keluarga_tercakup"].astype(str),
            "status_belum_tercakup": status["keluarga_belum_tercakup"].astype(str),
        },
        index=cells.index,
    )


def kecamatan_gaps(con: duckdb.DuckDBPyConnection, periode: str, *, min_cell: int) -> pd.DataFrame:
    """Desil 1–4 families not covered by PKH per kecamatan, largest gap first.

    Args:
        con: connection to the marts.
        periode: semester label.
        min_cell: counts ``1 … min_cell − 1`` are suppressed (with complementary cells).

    Returns:
        One row per kecamatan (empty when the semester has no cakupan data), columns :data:`GAP_COLUMNS`:
        ``peringkat`` (1 = largest published gap; suppressed gaps last), ``kode_kecamatan``,
        ``nama_kecamatan``, ``keluarga_desil_1_4``, ``keluarga_tercakup``, ``keluarga_belum_tercakup``
        (keluarga, ``Int64``, ``<NA>`` when suppressed), ``rasio_belum_tercakup`` (share 0–1 of desil 1–4
        families not covered, ``Float64``, ``<NA>`` when a part is suppressed) and ``status_*`` (``shown``,
        ``small`` or ``complement`` for each of the three counts).
    """
    counts = run_query(con, _GAPS_SQL, [periode])
    if counts.empty or int(counts["keluarga_desil_1_4"].sum()) == 0:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in GAP_COLUMNS})
    counts = counts.assign(keluarga_belum_tercakup=counts["keluarga_desil_1_4"] - counts["keluarga_tercakup"])
    protected = _protect(counts, min_cell)
    out = counts[["kode_kecamatan", "nama_kecamatan"]].join(protected, on="kode_kecamatan")
    total = out["keluarga_desil_1_4"].astype("Float64")
    ratio = out["keluarga_belum_tercakup"].astype("Float64") / total.where(total > 0)
    out = out.assign(rasio_belum_tercakup=ratio)
    out = out.sort_values(
        ["keluarga_belum_tercakup", "rasio_belum_tercakup", "nama_kecamatan"],
        ascending=[False, False, True],
        na_position="last",
    ).reset_index(drop=True)
    out.insert(0, "peringkat", range(1, len(out) + 1))
    return out[list(GAP_COLUMNS)]


def _count_cell(value: object, status: str, min_cell: int) -> str:
    if status == SHOWN or not is_missing(value):
        return format_count(value, min_cell)  # type: ignore[arg-type]
    return format_count(None, min_cell, is_small=status == SMALL)


def gaps_for_display(gaps: pd.DataFrame, *, min_cell: int, limit: int = 10) -> pd.DataFrame:
    """The first ``limit`` rows of :func:`kecamatan_gaps` as text, with Indonesian column headers.

    Counts read ``1.234``, ``<5`` (small) or ``•`` (hidden to protect a small count); shares ``62,1%`` or
    ``–``. Headers come from :data:`cc_analytics.briefing.texts.GAP_COLUMNS`.
    """
    top = gaps.head(limit)
    frame = pd.DataFrame(
        {
            "peringkat": top["peringkat"].astype(int).astype(str),
            "nama_kecamatan": top["nama_kecamatan"].astype(str),
            **{
                col: [_count_cell(v, s, min_cell) for v, s in zip(top[col], top[status], strict=True)]
                for col, status in (
                    ("keluarga_desil_1_4", "status_desil_1_4"),
                    ("keluarga_tercakup", "status_tercakup"),
                    ("keluarga_belum_tercakup", "status_belum_tercakup"),
                )
            },
            "rasio_belum_tercakup": [
                "–" if is_missing(r) else format_percent(float(r)) for r in top["rasio_belum_tercakup"]
            ],
        }
    )
    return frame.rename(columns=tx.GAP_COLUMNS).reset_index(drop=True)


def gaps_for_chart(gaps: pd.DataFrame, *, limit: int = 10) -> pd.DataFrame:
    """Rows of :func:`kecamatan_gaps` for a bar chart: the first ``limit`` with a published gap.

    Returns:
        Columns ``nama_kecamatan`` (str), ``keluarga_belum_tercakup`` (int, keluarga), ``label`` (the count
        formatted in Indonesian) and ``rasio_label`` (the share, e.g. ``62,1%``, or ``–``).
    """
    shown = gaps[gaps["keluarga_belum_tercakup"].notna()].head(limit)
    return pd.DataFrame(
        {
            "nama_kecamatan": shown["nama_kecamatan"].astype(str).to_numpy(),
            "keluarga_belum_tercakup": shown["keluarga_belum_tercakup"].astype("int64").to_numpy(),
            "label": [format_count(int(v), 1) for v in shown["keluarga_belum_tercakup"]],
            "rasio_label": ["–" if is_missing(r) else format_percent(float(r)) for r in shown["rasio_belum_tercakup"]],
        }
    )
