"""Colour classes and the legend of a choropleth map.

Palette: ColorBrewer YlGnBu (Cynthia Brewer, colorbrewer2.org, Apache-2.0), the six-class scheme without
its palest yellow, so that the lightest class still stands out on a white page with no basemap.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from babel.numbers import format_decimal

from cc_analytics.maps import text

SEQUENTIAL_HEX = ("#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494")
NO_DATA_HEX = "#e0e0e0"
HIGHLIGHT_HEX = "#d7301f"
CONTEXT_HEX = "#d9d9d9"
MAX_CLASSES = len(SEQUENTIAL_HEX)

ValueFormat = Callable[[float], str]


def default_value_format(value: float) -> str:
    """Indonesian number: ``1634022`` -> ``1.634.022``, ``8.63`` -> ``8,63``."""
    return format_decimal(value, format="#,##0.##", locale="id_ID")


def hex_to_rgba(colour: str, alpha: int = 255) -> list[int]:
    """``"#2c7fb8"`` -> ``[44, 127, 184, alpha]`` (the form deck.gl takes)."""
    digits = colour.lstrip("#")
    return [int(digits[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


@dataclass(frozen=True)
class LegendEntry:
    """One swatch of the legend."""

    label: str
    colour: str


@dataclass(frozen=True)
class Legend:
    """Title and swatches, in class order, the no-data swatch last when some wilayah lack a value."""

    title: str
    entries: tuple[LegendEntry, ...]


@dataclass(frozen=True)
class Classification:
    """Class of each value and the legend.

    Attributes:
        labels: legend label of each value (``"tidak ada data"`` for missing values), aligned with the input.
        colours: hex colour of each value, aligned with the input.
        legend: the legend.
    """

    labels: tuple[str, ...]
    colours: tuple[str, ...]
    legend: Legend


def class_colours(n_classes: int) -> tuple[str, ...]:
    """``n_classes`` colours spread over the palette (one class gets its middle colour)."""
    if n_classes <= 1:
        return (SEQUENTIAL_HEX[MAX_CLASSES // 2],)
    picks = np.round(np.linspace(0, MAX_CLASSES - 1, n_classes)).astype(int)
    return tuple(SEQUENTIAL_HEX[i] for i in picks)


def _breaks(values: np.ndarray, n_classes: int) -> tuple[np.ndarray, bool]:
    """(class edges or distinct values, True when every distinct value is its own class)."""
    distinct = np.unique(values)
    if len(distinct) <= n_classes:
        return distinct, True
    edges = np.quantile(values, np.linspace(0.0, 1.0, n_classes + 1))
    edges[1:-1] = _rounded_edges(edges[1:-1], float(edges[-1] - edges[0]), bool(np.all(values == np.round(values))))
    return np.unique(np.clip(edges, edges[0], edges[-1])), False


def _rounded_edges(inner: np.ndarray, span: float, integers: bool) -> np.ndarray:
    """Inner class edges rounded to two significant digits of the value range (38.456,6 -> 38.000)."""
    step = 10.0 ** (np.floor(np.log10(span)) - 1.0)
    if integers:
        step = max(step, 1.0)
    return np.round(inner / step) * step


def classify(
    values: pd.Series, title: str = "", n_classes: int = 5, value_format: ValueFormat | None = None
) -> Classification:
    """Sort values into at most ``n_classes`` classes and build the legend.

    Few distinct values (at most ``n_classes``, e.g. counts of data-quality flags) get a class each; otherwise
    classes hold about equal numbers of wilayah (quantiles), each covering ``(lower, upper]`` and the first
    also its lower edge.

    Args:
        values: numbers; NaN and None mean no data.
        title: legend title (indicator name and unit).
        n_classes: at most :data:`MAX_CLASSES`.
        value_format: formats class edges; default :func:`default_value_format`.
    """
    fmt = value_format or default_value_format
    numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    present = np.isfinite(numbers)
    n_classes = max(1, min(n_classes, MAX_CLASSES))
    if not present.any():
        labels = (text.NO_DATA,) * len(numbers)
        return Classification(
            labels, (NO_DATA_HEX,) * len(numbers), Legend(title, (LegendEntry(text.NO_DATA, NO_DATA_HEX),))
        )
    edges, discrete = _breaks(numbers[present], n_classes)
    if discrete:
        names = [fmt(float(v)) for v in edges]
        index = np.searchsorted(edges, numbers)
    else:
        names = [f"{fmt(float(lo))} – {fmt(float(hi))}" for lo, hi in itertools.pairwise(edges)]
        index = np.searchsorted(edges[1:-1], numbers, side="left")
    colours = class_colours(len(names))
    label_of = [names[i] if ok else text.NO_DATA for i, ok in zip(index, present, strict=True)]
    colour_of = [colours[i] if ok else NO_DATA_HEX for i, ok in zip(index, present, strict=True)]
    entries = [LegendEntry(name, colour) for name, colour in zip(names, colours, strict=True)]
    if not present.all():
        entries.append(LegendEntry(text.NO_DATA, NO_DATA_HEX))
    return Classification(tuple(label_of), tuple(colour_of), Legend(title, tuple(entries)))


def legend_html(legend: Legend) -> str:
    """The legend as a small self-contained HTML block (for ``st.html`` or any page)."""
    rows = "".join(
        '<div style="display:flex;align-items:center;gap:6px;margin:2px 0">'
        f'<span style="display:inline-block;width:14px;height:14px;background:{entry.colour};'
        'border:1px solid #9e9e9e"></span>'
        f"<span>{html.escape(entry.label)}</span></div>"
        for entry in legend.entries
    )
    title = f'<div style="font-weight:600;margin-bottom:4px">{html.escape(legend.title)}</div>' if legend.title else ""
    return f'<div class="cc-map-legend" style="font-size:0.85rem;line-height:1.2">{title}{rows}</div>'
