"""The profile's numbers as on-screen text: indicator cards with their kabupaten comparison, the units table.

Numbers arrive computed and protected (:class:`cc_analytics.profile.build.Profile`); this module only formats
them (:mod:`cc_analytics.formatting`) with the strings of :mod:`cc_analytics.profile.texts`.

The units table keeps numbers numeric so that sorting by a column sorts by value: a count hidden for being
small is stored as ``-1`` and one hidden to protect another as ``-2`` (both shown as ``<5`` / ``•`` and sorted
below zero); a hidden ratio is empty.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

from cc_analytics import texts
from cc_analytics.formatting import format_count, format_number, format_percent, format_signed_percent, is_missing
from cc_analytics.privacy import SHOWN, SMALL
from cc_analytics.profile import texts as tx
from cc_analytics.profile.build import INDICATORS, KABUPATEN, Profile
from cc_analytics.schema import FLAGS

CARD_ROWS = (
    ("penduduk", "perubahan_penduduk", "jumlah_kk", "jiwa_per_kk"),
    ("keluarga_desil_1_4", "rasio_desil_1_4", "kpm_pkh", "cakupan_pkh"),
    ("temuan_kualitas", "temuan_per_1000"),
)
"""The indicator cards by theme (one row each): population, welfare and PKH, data quality."""

SMALL_CODE = -1
COMPLEMENT_CODE = -2


@dataclass(frozen=True)
class Card:
    """One indicator card.

    Attributes:
        key: indicator key (:data:`cc_analytics.profile.build.INDICATORS`).
        label: card title.
        value: the value as text (``<5``/``•`` for a hidden count, ``—`` for a hidden ratio).
        comparison: share of the kabupaten (counts) or position among the units (ratios); None for the kabupaten.
        arrow: ``up`` (tinggi), ``down`` (rendah) or ``off``.
        detail: the reference numbers (median, kabupaten value), or None.
        help: the definition.
    """

    key: str
    label: str
    value: str
    comparison: str | None
    arrow: str
    detail: str | None
    help: str


COUNT = "count"
"""The ``unit`` argument of :func:`format_value` for counts."""


def format_value(value: float, unit: str, *, status: str = SHOWN, min_cell: int = 5) -> str:
    """An indicator value as text, by unit: ``count`` ``1.234`` (``<5``/``•`` when ``status`` says hidden),
    ``perubahan`` ``+0,3%``, ``rasio`` ``42,4%``, ``jiwa`` (per KK) ``3,4``, ``per_1000`` ``15,9``; a hidden
    ratio ``—``."""
    if unit == COUNT:
        return format_count(None if is_missing(value) else int(value), min_cell, is_small=status == SMALL)
    if is_missing(value):
        return tx.HIDDEN_VALUE
    if unit == "perubahan":
        return format_signed_percent(value)
    if unit == "rasio":
        return format_percent(value)
    return format_number(value, 1)


def _value_text(row: pd.Series, min_cell: int) -> str:
    if row["kind"] == "count":
        return format_value(row["value"], COUNT, status=str(row["status"]), min_cell=min_cell)
    return format_value(row["value"], str(row["unit"]))


def _card(key: str, row: pd.Series, profile: Profile) -> Card:
    comparison, detail, arrow = None, None, "off"
    kabupaten = format_value(row["kabupaten"], COUNT if row["kind"] == "count" else str(row["unit"]))
    if profile.level != KABUPATEN and row["kind"] == "count" and not is_missing(row["share_kabupaten"]):
        comparison = tx.SHARE_OF_KABUPATEN.format(share=format_percent(row["share_kabupaten"]))
    elif profile.level != KABUPATEN and row["kind"] == "ratio":
        if isinstance(row["position"], str):
            comparison = tx.POSITION[row["position"]]
            arrow = {"rendah": "down", "tinggi": "up"}.get(row["position"], "off")
        if not is_missing(row["median"]):
            median = tx.MEDIAN_OF[profile.level].format(median=format_value(row["median"], str(row["unit"])))
            detail = f"{median} · {tx.KABUPATEN_VALUE.format(value=kabupaten)}"
    helps = tx.INDICATOR_HELP[key]
    if row["kind"] == "ratio" and is_missing(row["value"]):
        helps = f"{helps} {tx.HIDDEN_RATIO_HELP}"
    return Card(key, tx.INDICATOR_LABELS[key], _value_text(row, profile.min_cell), comparison, arrow, detail, helps)


def cards(profile: Profile) -> list[list[Card]]:
    """The indicator cards of the profile, in the rows of :data:`CARD_ROWS`."""
    return [[_card(key, profile.indicators.loc[key], profile) for key in row] for row in CARD_ROWS]


def _coded(values: pd.Series, status: pd.Series) -> pd.Series:
    """Counts with hidden ones replaced by :data:`SMALL_CODE` / :data:`COMPLEMENT_CODE` (float column)."""
    out = values.astype("Float64").astype("float64")
    out = out.where(status == SHOWN, np.where(status == SMALL, SMALL_CODE, COMPLEMENT_CODE))
    return out


def table_columns(profile: Profile) -> dict[str, str]:
    """Displayed column → short header, in order (name, indicators, trend); see :func:`table_help`."""
    headers = {"nama": tx.TABLE_NAME[profile.unit_level]}
    headers.update({key: tx.TABLE_HEADERS[key] for key in INDICATORS})
    headers["tren"] = tx.TABLE_TREND
    return headers


def table_help() -> dict[str, str]:
    """Indicator column → its full name and definition, shown when hovering the short header."""
    return {key: f"{tx.INDICATOR_LABELS[key]}: {tx.INDICATOR_HELP[key]}" for key in INDICATORS}


def selected_unit(profile: Profile) -> str | None:
    """Code of the unit in the table that is the profile itself (the selected desa among its kecamatan's desa),
    or None when the table lists the units below the profile."""
    if profile.unit_level == profile.level and profile.kode in set(profile.units["kode"]):
        return str(profile.kode)
    return None


def units_frame(profile: Profile) -> pd.DataFrame:
    """The units table with numeric columns (hidden counts coded, see module docstring), indexed by ``kode``.

    Columns: ``nama`` (kelurahan marked, the selected unit of :func:`selected_unit` marked), every indicator,
    ``tren`` (list of floats, NaN where hidden).
    """
    units = profile.units
    frame = pd.DataFrame(index=pd.Index(units["kode"], name=tx.TABLE_CODE))
    suffix = np.where(units["is_kelurahan"], tx.TABLE_KELURAHAN, "")
    marker = np.where(units["kode"] == selected_unit(profile), tx.TABLE_SELECTED, "")
    frame["nama"] = (units["nama"] + suffix + marker).to_numpy()
    for key, (kind, _) in INDICATORS.items():
        column = units[key]
        if kind == "count":
            column = _coded(column, units[f"status_{key}"])
        frame[key] = column.astype("Float64").astype("float64").to_numpy()
    frame["tren"] = [[np.nan if v is None else v for v in row] for row in units["tren"]]
    return frame


def _formatter(unit: str, min_cell: int) -> Callable[[float], str]:
    def text(value: float) -> str:
        if unit == COUNT and value == SMALL_CODE:
            return texts.SUPPRESSED_SMALL.format(min_cell=min_cell)
        if unit == COUNT and value == COMPLEMENT_CODE:
            return texts.SUPPRESSED_COMPLEMENT
        if is_missing(value):
            return tx.HIDDEN_VALUE
        return format_value(value, unit)

    return text


SELECTED_STYLE = "background-color: #FFF2CC; font-weight: bold"
"""CSS of the selected unit's row in the units table."""


def units_styler(profile: Profile) -> Styler:
    """:func:`units_frame` with Indonesian display texts per column (the numbers underneath stay numeric) and
    the row of the selected unit (:func:`selected_unit`) highlighted."""
    frame = units_frame(profile)
    formats = {
        key: _formatter(COUNT if kind == "count" else unit, profile.min_cell)
        for key, (kind, unit) in INDICATORS.items()
    }
    styler = frame.style.format(formats)
    selected = selected_unit(profile)
    if selected is not None:
        styler = styler.apply(lambda row: [SELECTED_STYLE if row.name == selected else ""] * len(row), axis=1)
    return styler


def kualitas_frame(profile: Profile) -> pd.DataFrame:
    """The data-quality panel as text: flag label, count (``<5``/``•`` when hidden), per 1.000 people for the
    wilayah and the kabupaten. Flags with zero records in the kabupaten are left out."""
    frame = profile.distributions["kualitas"]
    frame = frame[~((frame["jumlah"] == 0) & (frame["nilai_kabupaten"].fillna(0) == 0)).fillna(False)]
    labels = {key: label for key, (_, label) in FLAGS.items()}
    rows = {
        tx.KUALITAS_COLUMNS["kategori"]: frame["kategori"].map(lambda k: labels.get(k, k)),
        tx.KUALITAS_COLUMNS["jumlah"]: [
            format_value(v, COUNT, status=s, min_cell=profile.min_cell)
            for v, s in zip(frame["jumlah"], frame["status"], strict=True)
        ],
        tx.KUALITAS_COLUMNS["nilai"]: frame["nilai"].map(lambda v: format_value(v, "per_1000")),
    }
    if profile.level != KABUPATEN:
        rows[tx.KUALITAS_COLUMNS["nilai_kabupaten"]] = frame["nilai_kabupaten"].map(
            lambda v: format_value(v, "per_1000")
        )
    return pd.DataFrame(rows).reset_index(drop=True)


def kualitas_caption(profile: Profile) -> str:
    """The caption of the data-quality panel: the wilayah against the kabupaten, or the kabupaten alone (it is
    not compared with itself)."""
    if profile.level == KABUPATEN:
        return tx.KUALITAS_CAPTION_KABUPATEN
    return tx.KUALITAS_CAPTION.format(nama=profile.nama)


def pkh_caption(profile: Profile, tahap: int, tahun: int) -> str:
    """The caption of the PKH komponen chart; the black kabupaten line is named only where it is drawn."""
    if profile.level == KABUPATEN:
        return tx.PKH_CAPTION_KABUPATEN.format(tahap=tahap, tahun=tahun)
    return tx.PKH_CAPTION.format(tahap=tahap, tahun=tahun)
