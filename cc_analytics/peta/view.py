"""What the Peta page draws and does, without Streamlit: the map model, clicks, headings and file names.

- :func:`build_peta_model` joins :class:`~cc_analytics.peta.indicators.IndicatorValues` to the boundaries
  (:func:`cc_analytics.maps.build_map_model`) and marks suppressed wilayah as such: their own colour, a legend
  entry, and ``<5``/``•`` in the tooltip instead of "tidak ada data";
- :func:`click_request` turns a click on the map into the URL values of the next view (drill-down);
- :func:`subtitle`, :func:`selection_text` and :func:`png_file_name` give the words around the map.

Views (URL ``level`` and the global ``kec``):

| level | kec | map |
|---|---|---|
| kecamatan | – | the 24 kecamatan |
| kecamatan | set | the 24 kecamatan, the chosen one outlined |
| desa | – | all 365 desa/kelurahan with kecamatan borders |
| desa | set | the desa/kelurahan of that kecamatan (drill-down) |
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from cc_analytics.formatting import format_periode
from cc_analytics.links import SEMUA
from cc_analytics.maps import Legend, LegendEntry, MapBoundaries, MapModel, build_map_model
from cc_analytics.maps.text import NO_DATA
from cc_analytics.peta import texts as peta_texts
from cc_analytics.peta.indicators import IndicatorValues, value_format
from cc_analytics.privacy import SHOWN
from cc_analytics.store.provenance import source_line

HIDDEN_HEX = "#9e9e9e"
"""Colour of wilayah whose value is suppressed (darker than the grey of "tidak ada data")."""
KODE_KECAMATAN_LENGTH = len("35.14.01")


def build_peta_model(values: IndicatorValues, boundaries: MapBoundaries, kode_kecamatan: str | None) -> MapModel:
    """The map of ``values``: at desa level with a kecamatan, its desa only; at kecamatan level, it outlined.

    Args:
        values: from :func:`cc_analytics.peta.indicators.indicator_values`.
        boundaries: from :func:`cc_analytics.maps.load_map_boundaries`.
        kode_kecamatan: the selected kecamatan, or None for the whole regency.

    Raises:
        DataNotFoundError: ``kode_kecamatan`` is not a kecamatan of the regency, or has no polygons.
    """
    model = build_map_model(
        values.values,
        boundaries,
        level=values.level,  # type: ignore[arg-type]
        kode_kecamatan=kode_kecamatan,
        title=values.indicator.title,
        value_format=value_format(values.indikator),
    )
    return _with_own_labels(model, values.values)


def _with_own_labels(model: MapModel, values: pd.DataFrame) -> MapModel:
    """Use the value labels of ``values`` where the value is missing, and colour suppressed wilayah apart."""
    by_kode = values.set_index("kode_wilayah")
    areas = model.areas.copy()
    status = areas["kode_wilayah"].map(by_kode["status"]).fillna(SHOWN)
    own = areas["kode_wilayah"].map(by_kode["value_label"])
    missing = areas["value"].isna() & own.notna()
    areas["value_label"] = areas["value_label"].where(~missing, own)
    prefix = f"{model.title}: " if model.title else ""
    areas["keterangan"] = [prefix + str(label) for label in areas["value_label"]]
    hidden = status != SHOWN
    areas["kelas"] = areas["kelas"].where(~hidden, peta_texts.LEGEND_HIDDEN)
    areas["warna"] = areas["warna"].where(~hidden, HIDDEN_HEX)
    labels = model.labels.copy()
    tooltip = areas.set_index("kode_wilayah")["keterangan"]
    labels["keterangan"] = labels["kode_wilayah"].map(tooltip).fillna(labels["keterangan"])
    return dataclasses.replace(model, areas=areas, labels=labels, legend=_legend(model.legend, areas))


def _legend(legend: Legend, areas: pd.DataFrame) -> Legend:
    """The legend with a swatch for suppressed wilayah, and "tidak ada data" only when some area still has it."""
    used = set(areas["kelas"])
    entries = [entry for entry in legend.entries if entry.label != NO_DATA or NO_DATA in used]
    if peta_texts.LEGEND_HIDDEN in used:
        entries.append(LegendEntry(peta_texts.LEGEND_HIDDEN, HIDDEN_HEX))
    return Legend(legend.title, tuple(entries))


def suppression_note(model: MapModel, values: IndicatorValues) -> str | None:
    """The note under the map on how many of the drawn wilayah are hidden for privacy, or None when none is."""
    hidden = int((model.areas["warna"] == HIDDEN_HEX).sum())
    if not hidden:
        return None
    note = peta_texts.SUPPRESSION_NOTE if values.indicator.kind == "count" else peta_texts.SUPPRESSION_NOTE_RATIO
    return note.format(n=hidden, min_cell=values.min_cell)


def is_kecamatan_code(kode: str) -> bool:
    """True for a kecamatan code (``35.14.05``), False for a desa code (``35.14.05.2001``)."""
    return len(kode) == KODE_KECAMATAN_LENGTH


def click_request(kode: str) -> dict[str, str]:
    """URL values after a click on wilayah ``kode``.

    A kecamatan opens its desa (``level=desa``, ``kec``; ``desa`` back to ``semua``); a desa is selected together
    with its kecamatan, so the map drills into that kecamatan.
    """
    if is_kecamatan_code(kode):
        return {"level": "desa", "kec": kode, "desa": SEMUA}
    return {"level": "desa", "kec": kode[:KODE_KECAMATAN_LENGTH], "desa": kode}


def hint(level: str) -> str:
    """What hovering and clicking do at ``level``."""
    return peta_texts.HINT_KECAMATAN if level == "kecamatan" else peta_texts.HINT_DESA


def subtitle(values: IndicatorValues, nama_kecamatan: str | None) -> str:
    """The line under the title: indicator, which wilayah, semester (and PKH tahap)."""
    if nama_kecamatan and values.level == "desa":
        wilayah = peta_texts.WILAYAH_DRILL.format(kecamatan=nama_kecamatan)
    elif values.level == "desa":
        wilayah = peta_texts.WILAYAH_KABUPATEN_DESA
    else:
        wilayah = peta_texts.WILAYAH_KABUPATEN_KECAMATAN
    periode = format_periode(values.periode)
    if values.tahap is not None:
        tahun, tahap = values.tahap
        return peta_texts.SUBTITLE_TAHAP.format(
            indikator=values.indicator.label, wilayah=wilayah, periode=periode, tahap=tahap, tahun=tahun
        )
    return peta_texts.SUBTITLE.format(indikator=values.indicator.label, wilayah=wilayah, periode=periode)


def selection_text(values: IndicatorValues, kode: str, nama_kecamatan: str) -> str | None:
    """One line about the selected wilayah (its value as on the map), or None when it is not in ``values``."""
    rows = values.values[values.values["kode_wilayah"] == kode]
    if rows.empty:
        return None
    row = rows.iloc[0]
    title = values.indicator.title
    if is_kecamatan_code(kode):
        return peta_texts.SELECTED_KECAMATAN.format(nama=row["nama"], judul=title, nilai=row["value_label"])
    return peta_texts.SELECTED_DESA.format(
        nama=row["nama"], kecamatan=nama_kecamatan, judul=title, nilai=row["value_label"]
    )


def for_png(model: MapModel, values: IndicatorValues, heading: str) -> MapModel:
    """The model with a caption that lets the PNG stand on its own in a briefing: what and when (``heading``,
    from :func:`subtitle`), the source line with its as-of dates, what the map is drawn on, and the privacy note.
    """
    parts = [heading + ".", source_line(values.source) + ".", model.caption]
    note = suppression_note(model, values)
    if note:
        parts.append(note)
    return dataclasses.replace(model, caption=" ".join(parts))


def png_file_name(values: IndicatorValues, kode_kecamatan: str | None) -> str:
    """``peta_<indikator>_<level>[_<kecamatan>]_<periode>.png``, e.g. ``peta_penduduk_desa_35.14.05_2025-S2.png``."""
    parts = ["peta", values.indikator, values.level]
    if kode_kecamatan:
        parts.append(kode_kecamatan)
    parts.append(values.periode)
    return "_".join(parts) + ".png"
