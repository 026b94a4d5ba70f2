"""Small-count suppression of the PKH coverage and inclusion tables, consistent across levels.

Every count shown by the PKH page comes out of one of these protected tables (:func:`protect_with_rupiah`,
built on :func:`cc_analytics.privacy.protect_table`):

- coverage of one level for one komponen: rows = wilayah, cells = covered and gap (keluarga), row totals =
  eligible families, column totals = the figures of the area above (published);
- inclusion of one level: rows = wilayah, cells = inclusion problems (KPM records), both totals published.

Rupiah figures travel with their count: an amount is shown only where its count is shown, so a hidden
count cannot be read off an amount either.

Levels stay consistent: the figures of a kecamatan appear both as its row in the kabupaten table and as the
totals of its desa table. The desa table is therefore published only when the kecamatan's row is shown
whole in the kabupaten table (:func:`row_is_shown`); otherwise a hidden kecamatan figure could be rebuilt by
adding up its desa.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cc_analytics.privacy import SHOWN, TOTAL, protect_table

WITHHELD = "withheld"
"""Status of a figure hidden because the table it belongs to is withheld (see module docstring)."""


@dataclass(frozen=True)
class ProtectedFigures:
    """A table of counts with Rupiah amounts, after suppression.

    Attributes:
        counts: ``(n + 1) × (m + 1)`` frame (``Int64``): the cells, row totals in column ``total``, column
            totals in row ``total``; ``<NA>`` where hidden or unpublished.
        rupiah: same shape (``Int64``, Rp per year): the amount of each count, ``<NA>`` where its count is.
        status: same shape: ``shown``, ``small``, ``complement``, ``unpublished`` or ``withheld``.
    """

    counts: pd.DataFrame
    rupiah: pd.DataFrame
    status: pd.DataFrame

    @property
    def is_withheld(self) -> bool:
        """True when the whole table is withheld (see :func:`withheld_like`)."""
        return bool((self.status == WITHHELD).all(axis=None))

    def figure(self, row: str, column: str) -> tuple[int | None, int | None, str]:
        """``(count, rupiah, status)`` of one position; count and rupiah are None when not shown."""
        count = self.counts.at[row, column]
        amount = self.rupiah.at[row, column]
        return (
            None if pd.isna(count) else int(count),
            None if pd.isna(amount) else int(amount),
            str(self.status.at[row, column]),
        )


def protect_with_rupiah(
    counts: pd.DataFrame, rupiah: pd.DataFrame, min_cell: int, *, row_totals: bool = True, col_totals: bool = True
) -> ProtectedFigures:
    """Suppress small counts (with complementary suppression) and hide the amounts of hidden counts.

    Args:
        counts: non-negative whole numbers, rows × columns (labels must not be ``total``).
        rupiah: amounts in Rp, same labels as ``counts``; totals are their sums.
        min_cell: counts ``1 … min_cell − 1`` are small.
        row_totals: whether the row totals are published.
        col_totals: whether the column totals are published (the grand total is published with either).
    """
    protected = protect_table(counts, min_cell, row_totals=row_totals, col_totals=col_totals)
    amounts = rupiah.astype("int64").copy()
    amounts[TOTAL] = amounts.sum(axis=1)
    amounts.loc[TOTAL] = amounts.sum(axis=0)
    amounts = amounts.loc[protected.values.index, protected.values.columns].astype("Int64")
    return ProtectedFigures(
        counts=protected.values,
        rupiah=amounts.mask(protected.values.isna()),
        status=protected.status.astype(str),
    )


def withheld_like(figures: ProtectedFigures) -> ProtectedFigures:
    """The same table with every figure hidden (status ``withheld``)."""
    empty = figures.counts.astype("Int64").mask(pd.DataFrame(True, figures.counts.index, figures.counts.columns))
    status = pd.DataFrame(WITHHELD, index=figures.status.index, columns=figures.status.columns)
    return ProtectedFigures(counts=empty, rupiah=empty.copy(), status=status)


def row_is_shown(figures: ProtectedFigures, row: str) -> bool:
    """True when every figure of ``row`` (cells and row total) is shown."""
    return bool((figures.status.loc[row] == SHOWN).all())


COVERAGE_PARTS = ("keluarga_layak_pkh", "keluarga_celah")
"""Cell columns of a coverage table: covered and not covered (their row total is ``keluarga_layak``)."""


def protect_coverage(frame: pd.DataFrame, min_cell: int, *, published: bool = True) -> ProtectedFigures:
    """Protect one coverage table (one level, one komponen).

    Args:
        frame: rows of one komponen from :func:`cc_analytics.pkh.queries.coverage_by_komponen_wilayah`
            (``kode_wilayah``, ``keluarga_layak_pkh``, ``keluarga_celah``, ``hak_rp_tahun``,
            ``celah_rp_tahun``).
        min_cell: suppression threshold.
        published: False withholds the whole table (its area's figures are hidden one level up).

    Returns:
        Cells ``keluarga_layak_pkh`` (amount: entitlement of the covered families) and ``keluarga_celah``
        (amount: ``celah_rp_tahun``), indexed by ``kode_wilayah``; the row total is the eligible count with
        ``hak_rp_tahun``.
    """
    indexed = frame.set_index("kode_wilayah")
    counts = indexed[list(COVERAGE_PARTS)].astype("int64")
    rupiah = pd.DataFrame(
        {
            "keluarga_layak_pkh": indexed["hak_rp_tahun"] - indexed["celah_rp_tahun"],
            "keluarga_celah": indexed["celah_rp_tahun"],
        }
    )
    figures = protect_with_rupiah(counts, rupiah, min_cell)
    return figures if published else withheld_like(figures)


def protect_inclusion(frame: pd.DataFrame, min_cell: int, *, published: bool = True) -> ProtectedFigures:
    """Protect one inclusion table: wilayah × problem, with per-wilayah and per-problem totals.

    Args:
        frame: :func:`cc_analytics.pkh.queries.inclusion_by_wilayah` (long: ``kode_wilayah``, ``kode_masalah``,
            ``jumlah_kpm``, ``nominal_rp_tahun``).
        min_cell: suppression threshold.
        published: False withholds the whole table.

    Returns:
        Cells per ``kode_wilayah`` × ``kode_masalah`` (problem columns in the order of ``frame``); the row
        total of a wilayah is its number of flagged records.
    """
    order = list(dict.fromkeys(frame["kode_masalah"]))
    rows = list(dict.fromkeys(frame["kode_wilayah"]))
    counts = frame.pivot(index="kode_wilayah", columns="kode_masalah", values="jumlah_kpm").loc[rows, order]
    rupiah = frame.pivot(index="kode_wilayah", columns="kode_masalah", values="nominal_rp_tahun").loc[rows, order]
    counts.columns.name = rupiah.columns.name = None
    figures = protect_with_rupiah(counts.astype("int64"), rupiah, min_cell)
    return figures if published else withheld_like(figures)


INCLUSION_TOTAL = "kpm_bermasalah"
"""The one cell column of :func:`protect_inclusion_totals`."""


def protect_inclusion_totals(frame: pd.DataFrame, min_cell: int, *, published: bool = True) -> ProtectedFigures:
    """Protect the number of flagged records per wilayah only (desa level: problems are not broken down).

    Args:
        frame: as for :func:`protect_inclusion`.
        min_cell: suppression threshold.
        published: False withholds the whole table.

    Returns:
        One cell column :data:`INCLUSION_TOTAL` per ``kode_wilayah``; its column total (the area above) is
        published, the row-total column is not.
    """
    sums = frame.groupby("kode_wilayah", sort=False)[["jumlah_kpm", "nominal_rp_tahun"]].sum()
    counts = sums[["jumlah_kpm"]].rename(columns={"jumlah_kpm": INCLUSION_TOTAL}).astype("int64")
    rupiah = sums[["nominal_rp_tahun"]].rename(columns={"nominal_rp_tahun": INCLUSION_TOTAL})
    counts.index.name = rupiah.index.name = None
    figures = protect_with_rupiah(counts, rupiah, min_cell, row_totals=False, col_totals=True)
    return figures if published else withheld_like(figures)
