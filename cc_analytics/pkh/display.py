"""The PKH page's figures as Indonesian text: cards, komponen table, wilayah ranking, chart rows, map link.

Input is a :class:`cc_analytics.pkh.view.PkhView`; output is plain data (text frames, small
dataclasses) that :mod:`cc_analytics.ui.pkh_view` puts on screen. A hidden count reads ``<5`` (small),
``•`` (hidden to protect a small count, or withheld with its table); a share or amount whose count is hidden
reads ``–``.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd

from cc_analytics.formatting import format_count, format_number, format_percent, format_periode, format_rupiah
from cc_analytics.pkh import texts as t
from cc_analytics.pkh.protect import WITHHELD, ProtectedFigures
from cc_analytics.pkh.queries import SEMUA, Selection, komponen_pilihan
from cc_analytics.pkh.view import PkhView
from cc_analytics.pkh_policy import load_policy
from cc_analytics.privacy import COMPLEMENT, SMALL, TOTAL, UNPUBLISHED
from cc_analytics.schema import FLAGS

DASH = "–"
PETA_PATH = "peta"
"""Path of the map page, relative to this page (``/pkh`` → ``/peta``)."""


@dataclass(frozen=True)
class Card:
    """One headline figure: label, value text, an optional line under it, and its definition."""

    key: str
    label: str
    value: str
    detail: str | None
    help: str

    @property
    def is_hidden(self) -> bool:
        """True when the value stands for a hidden figure (``<5``, ``•`` or ``–``)."""
        return not any(ch.isdigit() for ch in self.value) or self.value.startswith("<")


def count_text(value: int | None, status: str, min_cell: int) -> str:
    """A count that may be hidden: ``1.234``, ``<5`` (small), ``•`` (protecting/withheld) or ``–``."""
    if value is not None:
        return format_number(value)
    if status == UNPUBLISHED:
        return DASH
    return format_count(None, min_cell, is_small=status == SMALL)


def rupiah_text(amount: int | None) -> str:
    """``Rp2.400.000``, or ``–`` when hidden."""
    return DASH if amount is None else format_rupiah(amount)


def share_text(part: int | None, whole: int | None) -> str:
    """``62,5%``, or ``–`` when a part is hidden or there is nothing to divide by."""
    return DASH if part is None or not whole else format_percent(part / whole)


def komponen_name(kode: str) -> str:
    """Display name of a komponen code (``semua`` included)."""
    return t.KOMPONEN_NAMES.get(kode, kode)


def subtitle(view: PkhView) -> str:
    """``Kecamatan Bangil · Semester II 2025 · tahap 4 tahun 2025 · Semua komponen``."""
    s = view.selection
    return t.SUBTITLE.format(
        wilayah=view.wilayah_nama,
        periode=format_periode(s.periode),
        tahap=s.tahap,
        tahun=s.tahun,
        komponen=komponen_name(s.komponen),
    )


def _hidden_detail(status: str, min_cell: int) -> str | None:
    if status == SMALL:
        return t.HIDDEN_SMALL.format(min_cell=min_cell)
    if status in (COMPLEMENT, WITHHELD):
        return t.HIDDEN_COMPLEMENT
    return None


def summary_cards(view: PkhView) -> list[Card]:
    """The six headline figures of the selected area, read from its protected row.

    A hidden figure carries a line saying why it is hidden; amounts and shares of hidden counts read ``–``.
    """
    tables, row, m = view.tables, view.tables.area_row, view.min_cell
    figures = tables.area_coverage(view.selection.komponen)
    layak, hak_rp, layak_status = figures.figure(row, TOTAL)
    pkh, _, pkh_status = figures.figure(row, "keluarga_layak_pkh")
    celah, celah_rp, celah_status = figures.figure(row, "keluarga_celah")
    inclusion, column = tables.area_inclusion()
    inklusi, inklusi_rp, inklusi_status = inclusion.figure(row, column)
    desil = load_policy().desil_maks
    return [
        Card(
            "layak",
            t.CARD_LAYAK,
            count_text(layak, layak_status, m),
            t.CARD_RP_OF_LAYAK.format(rp=format_rupiah(hak_rp))
            if hak_rp is not None
            else _hidden_detail(layak_status, m),
            t.CARD_HELP["layak"].format(desil=desil),
        ),
        Card("pkh", t.CARD_PKH, count_text(pkh, pkh_status, m), _hidden_detail(pkh_status, m), t.CARD_HELP["pkh"]),
        Card(
            "celah",
            t.CARD_CELAH,
            count_text(celah, celah_status, m),
            _hidden_detail(celah_status, m),
            t.CARD_HELP["celah"],
        ),
        Card(
            "cakupan",
            t.CARD_CAKUPAN,
            share_text(pkh, layak),
            t.HIDDEN_SHARE if pkh is None or layak is None else None,
            t.CARD_HELP["cakupan"],
        ),
        Card(
            "celah_rp",
            t.CARD_CELAH_RP,
            rupiah_text(celah_rp),
            t.HIDDEN_SHARE if celah_rp is None else None,
            t.CARD_HELP["celah_rp"],
        ),
        Card(
            "inklusi",
            t.CARD_INKLUSI,
            count_text(inklusi, inklusi_status, m),
            t.CARD_RP_INKLUSI.format(rp=format_rupiah(inklusi_rp))
            if inklusi_rp is not None
            else _hidden_detail(inklusi_status, m),
            t.CARD_HELP["inklusi"],
        ),
    ]


def _criteria(kode: str) -> str:
    if kode == SEMUA:
        return t.KELUARGA_DESIL.format(desil=load_policy().desil_maks)
    komponen = load_policy().komponen[kode]
    if kode == "disabilitas_berat":
        return t.CRITERIA_DISABILITAS
    return age_text(komponen.usia_min, komponen.usia_max)


def age_text(low: int | None, high: int | None) -> str:
    """``7–12 tahun``, ``70 tahun ke atas`` or ``—``."""
    if low is None and high is None:
        return t.AGE_NONE
    if high is None:
        return t.AGE_FROM.format(low=low)
    return t.AGE_RANGE.format(low=low if low is not None else 0, high=high)


def komponen_table(view: PkhView) -> pd.DataFrame:
    """Eligible, covered and gap of the area per komponen (``Semua komponen`` first), as text."""
    tables, row, m = view.tables, view.tables.area_row, view.min_cell
    records = []
    for kode in komponen_pilihan():
        figures = tables.area_coverage(kode)
        layak, _, layak_status = figures.figure(row, TOTAL)
        pkh, _, pkh_status = figures.figure(row, "keluarga_layak_pkh")
        celah, celah_rp, celah_status = figures.figure(row, "keluarga_celah")
        records.append(
            {
                "komponen": komponen_name(kode),
                "kriteria": _criteria(kode),
                "keluarga_layak": count_text(layak, layak_status, m),
                "keluarga_layak_pkh": count_text(pkh, pkh_status, m),
                "keluarga_celah": count_text(celah, celah_status, m),
                "cakupan": share_text(pkh, layak),
                "celah_rp_tahun": rupiah_text(celah_rp),
            }
        )
    return pd.DataFrame(records).rename(columns=t.KOMPONEN_COLUMNS)


def _nullable(values: list[int | None]) -> pd.Series:
    return pd.Series(values, dtype="Int64")


def ranking_rows(view: PkhView) -> pd.DataFrame:
    """The listed wilayah with their protected figures, largest published gap first.

    Returns:
        Columns ``kode_wilayah``, ``nama``, ``keluarga_layak``, ``keluarga_layak_pkh``, ``keluarga_celah``
        (keluarga, ``Int64``, ``<NA>`` when hidden) with ``status_*`` for each, ``celah_rp_tahun`` (Rp/tahun,
        ``<NA>`` when hidden), ``cakupan`` (0–1, ``Float64``), ``kpm_bermasalah``, ``status_kpm_bermasalah``
        and ``inklusi_rp_tahun``. Order: shown gaps, largest first (then lowest coverage, then name); then
        wilayah whose gap is hidden, by name; then wilayah without a gap, by name.
    """
    figures: ProtectedFigures = view.tables.listed_coverage(view.selection.komponen)
    inclusion, column = view.tables.listed_inclusion()
    codes = [str(r) for r in figures.counts.index if r != TOTAL]
    cols: dict[str, list] = {k: [] for k in ("layak", "pkh", "celah", "celah_rp", "inklusi", "inklusi_rp")}
    statuses: dict[str, list[str]] = {k: [] for k in ("layak", "pkh", "celah", "inklusi")}
    for code in codes:
        for key, source, col in (
            ("layak", figures, TOTAL),
            ("pkh", figures, "keluarga_layak_pkh"),
            ("celah", figures, "keluarga_celah"),
            ("inklusi", inclusion, column),
        ):
            value, amount, status = source.figure(code, col)
            cols[key].append(value)
            statuses[key].append(status)
            if key in ("celah", "inklusi"):
                cols[f"{key}_rp"].append(amount)
    frame = pd.DataFrame(
        {
            "kode_wilayah": codes,
            "nama": [view.tables.wilayah[c].nama for c in codes],
            "keluarga_layak": _nullable(cols["layak"]),
            "keluarga_layak_pkh": _nullable(cols["pkh"]),
            "keluarga_celah": _nullable(cols["celah"]),
            "status_keluarga_layak": statuses["layak"],
            "status_keluarga_layak_pkh": statuses["pkh"],
            "status_keluarga_celah": statuses["celah"],
            "celah_rp_tahun": _nullable(cols["celah_rp"]),
            "kpm_bermasalah": _nullable(cols["inklusi"]),
            "status_kpm_bermasalah": statuses["inklusi"],
            "inklusi_rp_tahun": _nullable(cols["inklusi_rp"]),
        }
    )
    layak = frame["keluarga_layak"].astype("Float64")
    frame["cakupan"] = frame["keluarga_layak_pkh"].astype("Float64") / layak.where(layak > 0)
    celah = frame["keluarga_celah"]
    frame["_kelompok"] = celah.isna().map({True: 1, False: 0}).where(celah.isna() | (celah > 0), 2)
    frame = frame.sort_values(
        ["_kelompok", "keluarga_celah", "cakupan", "nama"],
        ascending=[True, False, True, True],
        na_position="last",
        kind="stable",
    )
    return frame.drop(columns="_kelompok").reset_index(drop=True)


def ranking_table(view: PkhView) -> pd.DataFrame:
    """:func:`ranking_rows` as text with Indonesian headers; the selected desa is marked."""
    rows, m = ranking_rows(view), view.min_cell
    selected = view.selection.kode_desa

    def counts(column: str) -> list[str]:
        return [
            count_text(None if pd.isna(v) else int(v), s, m)
            for v, s in zip(rows[column], rows[f"status_{column}"], strict=True)
        ]

    frame = pd.DataFrame(
        {
            "peringkat": [str(i) for i in range(1, len(rows) + 1)],
            "nama": [
                t.RANKING_SELECTED.format(nama=n) if k == selected else n
                for k, n in zip(rows["kode_wilayah"], rows["nama"], strict=True)
            ],
            "keluarga_layak": counts("keluarga_layak"),
            "keluarga_layak_pkh": counts("keluarga_layak_pkh"),
            "keluarga_celah": counts("keluarga_celah"),
            "cakupan": [DASH if pd.isna(c) else format_percent(float(c)) for c in rows["cakupan"]],
            "celah_rp_tahun": [rupiah_text(None if pd.isna(v) else int(v)) for v in rows["celah_rp_tahun"]],
            "kpm_bermasalah": counts("kpm_bermasalah"),
            "inklusi_rp_tahun": [rupiah_text(None if pd.isna(v) else int(v)) for v in rows["inklusi_rp_tahun"]],
        }
    )
    return frame.rename(columns=t.RANKING_COLUMNS)


def ranking_chart(view: PkhView, *, limit: int = 15) -> pd.DataFrame:
    """Rows for a stacked bar chart: the ``limit`` wilayah with the largest shown gap (both parts shown, some
    eligible families).

    Returns:
        Long frame, two rows per wilayah: ``nama``, ``bagian`` (covered / not covered label), ``keluarga``
        (int), ``urutan`` (0 = largest gap), ``cakupan`` (text).
    """
    rows = ranking_rows(view)
    both = rows["keluarga_celah"].notna() & rows["keluarga_layak_pkh"].notna()
    shown = rows[both & (rows["keluarga_layak"].fillna(0) > 0)].head(limit)
    records = []
    for order, row in enumerate(shown.itertuples()):
        share = DASH if pd.isna(row.cakupan) else format_percent(float(row.cakupan))
        for label, value in ((t.CHART_CELAH, row.keluarga_celah), (t.CHART_PKH, row.keluarga_layak_pkh)):
            records.append(
                {"nama": row.nama, "bagian": label, "keluarga": int(value), "urutan": order, "cakupan": share}
            )
    return pd.DataFrame(records, columns=["nama", "bagian", "keluarga", "urutan", "cakupan"])


def inclusion_table(view: PkhView) -> pd.DataFrame | None:
    """Flagged records and their Rupiah per problem for the area, with the total last (None for a desa)."""
    if not view.tables.has_problem_breakdown:
        return None
    figures, _ = view.tables.area_inclusion()
    row, m = view.tables.area_row, view.min_cell
    records = []
    for masalah in [*(str(c) for c in figures.counts.columns if c != TOTAL), TOTAL]:
        count, amount, status = figures.figure(row, masalah)
        records.append(
            {
                "label": t.INKLUSI_TOTAL if masalah == TOTAL else FLAGS[masalah][1],
                "jumlah_kpm": count_text(count, status, m),
                "nominal_rp_tahun": rupiah_text(amount),
            }
        )
    return pd.DataFrame(records).rename(columns=t.INKLUSI_COLUMNS)


def peta_link(selection: Selection) -> str:
    """Relative link to the map page showing the gap at the level listed here (codes, no names).

    ``peta?indikator=celah_pkh&level=kecamatan&periode=2025-S2`` for the kabupaten;
    ``…&level=desa&kec=35.14.14`` (and ``&desa=…``) within a kecamatan.
    """
    params = {"indikator": "celah_pkh", "level": "desa" if selection.kecamatan else "kecamatan"}
    params["periode"] = selection.periode
    if selection.kecamatan:
        params["kec"] = selection.kecamatan
    if selection.kode_desa:
        params["desa"] = selection.kode_desa
    return f"{PETA_PATH}?{urlencode(params)}"


def table_file_name(selection: Selection) -> str:
    """``celah_pkh_2025-S2_tahap4_35.14.14_semua.csv`` (``kabupaten`` without a kecamatan; codes only)."""
    area = selection.kecamatan or "kabupaten"
    return f"celah_pkh_{selection.periode}_tahap{selection.tahap}_{area}_{selection.komponen}.csv"
