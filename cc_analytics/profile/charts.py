"""Altair charts of the kecamatan/desa profile: population pyramid, shares by category, population trend.

Each function takes a frame of :class:`cc_analytics.profile.build.Profile` and returns a chart whose data are
already protected: a suppressed count has no bar (its tooltip says ``<5`` or ``•``). The kabupaten's shares are
drawn as black ticks over the bars, so a leader sees at a glance where a wilayah differs. Numbers and
percentages in tooltips and axes follow the Indonesian conventions of :mod:`cc_analytics.formatting`.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from cc_analytics.formatting import format_count, format_number, format_percent, format_periode, is_missing
from cc_analytics.privacy import SMALL
from cc_analytics.profile import texts as tx

ID_LOCALE = alt.Locale(number=alt.NumberLocale(decimal=",", thousands=".", grouping=[3], currency=["Rp", ""]))
"""Vega number locale for Indonesian separators."""

_PERCENT_LABEL = "replace(format(abs(datum.value), '.0f'), '.', ',') + '%'"
_TICK_STEPS = (0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0)
_TICKS_PER_SIDE = 3
_PYRAMID_STEP_PX = 20
_SEX_COLOURS = alt.Scale(domain=list(tx.SEX.values()), range=["#0B5394", "#C27C0E"])
_BAR = "#0B5394"


def _count_text(value: object, status: str, min_cell: int) -> str:
    return format_count(None if is_missing(value) else int(value), min_cell, is_small=status == SMALL)  # type: ignore[arg-type]


def _percent_text(value: float) -> str:
    return "—" if is_missing(value) else format_percent(value)


def _with_texts(frame: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    """Copy of a distribution frame with percentages (0–100) and the tooltip texts added."""
    out = frame.copy()
    out["persen"] = out["nilai"] * 100
    out["persen_kabupaten"] = out["nilai_kabupaten"] * 100
    out["jumlah_teks"] = [_count_text(v, s, min_cell) for v, s in zip(out["jumlah"], out["status"], strict=True)]
    out["persen_teks"] = out["nilai"].map(_percent_text)
    out["kabupaten_teks"] = out["nilai_kabupaten"].map(_percent_text)
    return out


def pyramid_data(frame: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    """Chart data of a pyramid frame: ``jenis_kelamin`` (label), ``kelompok_umur``, signed percentages
    (men to the left), tooltip texts."""
    out = _with_texts(frame, min_cell)
    sex = out["kategori"].str.slice(0, 1)
    sign = sex.map({"L": -1.0, "P": 1.0})
    out["jenis_kelamin"] = sex.map(tx.SEX)
    out["kelompok_umur"] = out["kategori"].str.slice(2)
    out["x"] = out["persen"] * sign
    out["x_kabupaten"] = out["persen_kabupaten"] * sign
    return out


def percent_ticks(largest: float) -> list[float]:
    """Symmetric pyramid ticks (percent, 0–100) around zero: a round step, at most three ticks a side (so all
    fit a phone-wide chart), reaching at least ``largest`` (the largest absolute bar or kabupaten value).

    Args:
        largest: the largest absolute percentage drawn (0–100).

    Returns:
        The tick values from the most negative to the most positive, zero included.

    Each tick is a distinct multiple of the step, so their labels never repeat (``6% 4% 2% 0% 2% 4% 6%``).
    """
    top = max(largest, 0.0)
    step = next((s for s in _TICK_STEPS if math.ceil(round(top / s, 9)) <= _TICKS_PER_SIDE), _TICK_STEPS[-1])
    count = max(math.ceil(round(top / step, 9)), 1)
    return [round(k * step, 1) + 0.0 for k in range(-count, count + 1)]


def _percent_axis(ticks: list[float]) -> alt.Axis:
    """Axis at ``ticks`` labelled without sign (``0%`` at zero), with a decimal comma when the step is below 1%."""
    decimals = 0 if all(float(t).is_integer() for t in ticks) else 1
    number = f"replace(format(abs(datum.value), '.{decimals}f'), '.', ',')"
    label = f"datum.value == 0 ? '0%' : {number} + '%'"
    return alt.Axis(values=ticks, labelExpr=label)


def _tooltip(category: str, title: str) -> list[alt.Tooltip]:
    return [
        alt.Tooltip(f"{category}:N", title=title),
        alt.Tooltip("jumlah_teks:N", title=tx.COUNT),
        alt.Tooltip("persen_teks:N", title=tx.PERCENT),
        alt.Tooltip("kabupaten_teks:N", title=tx.KABUPATEN_PERCENT),
    ]


def pyramid_chart(frame: pd.DataFrame, min_cell: int, *, compare: bool) -> alt.LayerChart:
    """Population pyramid: percentage per sex and age group, men left, women right; kabupaten ticks when
    ``compare``.

    The x axis has explicit, distinct ticks (:func:`percent_ticks`) and every age group keeps its label.
    """
    data = pyramid_data(frame, min_cell)
    order = sorted(data["kelompok_umur"].unique(), reverse=True)
    y = alt.Y("kelompok_umur:N", sort=order, title=tx.AGE, axis=alt.Axis(labelOverlap=False))
    largest = pd.concat([data["x"], data["x_kabupaten"] if compare else data["x"]]).abs().max()
    ticks = percent_ticks(0.0 if is_missing(largest) else float(largest))
    scale = alt.Scale(domain=[ticks[0], ticks[-1]], nice=False)
    base = alt.Chart(data)
    bars = base.mark_bar().encode(
        x=alt.X("x:Q", title=tx.PERCENT, scale=scale, axis=_percent_axis(ticks)),
        y=y,
        color=alt.Color("jenis_kelamin:N", scale=_SEX_COLOURS, title=None, legend=alt.Legend(orient="top")),
        tooltip=_tooltip("kelompok_umur", tx.AGE),
    )
    layers = [bars]
    if compare:
        layers.append(base.mark_tick(color="black", thickness=2).encode(x=alt.X("x_kabupaten:Q", scale=scale), y=y))
    return alt.layer(*layers).properties(height=alt.Step(_PYRAMID_STEP_PX)).configure(locale=ID_LOCALE)


def share_chart(
    frame: pd.DataFrame,
    min_cell: int,
    *,
    labels: dict[str, str] | None,
    axis_title: str,
    share_title: str,
    compare: bool,
) -> alt.LayerChart:
    """Horizontal bars of the share per category (desil, komponen), kabupaten ticks when ``compare``."""
    data = _with_texts(frame, min_cell)
    data["label"] = data["kategori"].map(labels) if labels else data["kategori"]
    y = alt.Y("label:N", sort=list(data["label"]), title=axis_title)
    base = alt.Chart(data)
    bars = base.mark_bar(color=_BAR).encode(
        x=alt.X("persen:Q", title=share_title, axis=alt.Axis(labelExpr=_PERCENT_LABEL)),
        y=y,
        tooltip=_tooltip("label", axis_title),
    )
    layers = [bars]
    if compare:
        layers.append(base.mark_tick(color="black", thickness=2).encode(x="persen_kabupaten:Q", y=y))
    return alt.layer(*layers).properties(height=alt.Step(22)).configure(locale=ID_LOCALE)


def trend_data(trend: pd.DataFrame) -> pd.DataFrame:
    """Chart data of a trend frame: ``periode``, ``nama_periode``, ``penduduk`` (float, NaN where hidden),
    ``penduduk_teks``."""
    out = trend.copy()
    out["nama_periode"] = out["periode"].map(format_periode)
    out["penduduk"] = out["penduduk"].astype("Float64").astype("float64")
    out["penduduk_teks"] = out["penduduk"].map(lambda v: "—" if is_missing(v) else format_number(v))
    return out


def trend_chart(trend: pd.DataFrame) -> alt.Chart:
    """Population per semester as a line with points (hidden semesters leave a gap)."""
    data = trend_data(trend)
    return (
        alt.Chart(data)
        .mark_line(point=True, color=_BAR)
        .encode(
            x=alt.X("periode:O", title=tx.TREND_X, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("penduduk:Q", title=tx.TREND_Y, scale=alt.Scale(zero=False), axis=alt.Axis(format=",d")),
            tooltip=[
                alt.Tooltip("nama_periode:N", title=tx.TREND_X),
                alt.Tooltip("penduduk_teks:N", title=tx.TREND_Y),
            ],
        )
        .properties(height=220)
        .configure(locale=ID_LOCALE)
    )
