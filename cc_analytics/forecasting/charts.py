"""Altair charts of the page *proyeksi*: the fan chart of a forecast and the projected population pyramid.

Each chart is built in two steps, both tested: functions that turn the library's results into the long
DataFrames the chart draws (:func:`history_points`, :func:`forecast_lines`, :func:`band_frame`), and a
function that encodes them and returns the Vega-Lite spec with the rows in its layers
(:func:`fan_chart`, :func:`pyramid_chart`; shown with ``st.vega_lite_chart``). Numbers are shown with
Indonesian separators (``1.634.022``) through the chart locale and preformatted tooltip labels.
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from cc_analytics.forecasting import proyeksi_texts as txt
from cc_analytics.forecasting.forecast import ForecastSet
from cc_analytics.forecasting.texts import BASIS_LABELS
from cc_analytics.formatting import format_number
from cc_analytics.schema import AGE_GROUPS

ID_LOCALE = alt.Locale(number=alt.NumberLocale(decimal=",", thousands=".", grouping=[3], currency=["Rp", ""]))
IMPUTED = "interpolasi"
BASIS_STYLE: dict[str, tuple[str, str]] = {
    "sensus": ("#d62728", "diamond"),
    "estimasi_bps": ("#2ca02c", "circle"),
    "registrasi": ("#1f77b4", "square"),
    "tidak_disebut": ("#9467bd", "triangle-up"),
    IMPUTED: ("#7f7f7f", "cross"),
}
LINE_COLORS = {"mean": "#1f4e79", "geometrik": "#8c8c8c"}
SEX_COLORS = {"L": "#4c78a8", "P": "#e45756"}
CHART_HEIGHT = 380
PYRAMID_HEIGHT = 440


def _basis_label(basis: str) -> str:
    return txt.CHART_IMPUTED if basis == IMPUTED else BASIS_LABELS.get(basis, basis)


def history_points(one: ForecastSet) -> pd.DataFrame:
    """The observed (and interpolated) years of one wilayah, one point per year and basis.

    Args:
        one: a one-wilayah result (:meth:`ForecastSet.for_wilayah`).

    Returns:
        Columns ``tahun``; ``nilai`` (jiwa: the observed value, or for an interpolated year the value the
        model used); ``basis`` (key; ``interpolasi`` for a filled gap); ``basis_label``; ``dipakai`` (bool:
        the model used this year); ``dipakai_label`` (ya/tidak); ``sumber``; ``label`` (``nilai``
        formatted); ``model_label`` (the value the model saw after splicing, formatted; empty when unused).
    """
    history = one.history.sort_values(["tahun", "basis"]).reset_index(drop=True)
    imputed = history["is_imputed"].astype(bool)
    used = history["dipakai"].astype(bool) | imputed
    frame = pd.DataFrame(
        {
            "tahun": history["tahun"].astype(int),
            "nilai": history["penduduk"].where(~imputed, history["penduduk_model"]).astype(float),
            "basis": [IMPUTED if i else str(b) for i, b in zip(imputed, history["basis"], strict=True)],
            "dipakai": used,
            "sumber": history["sumber"].fillna("").astype(str),
            "model": history["penduduk_model"].where(used),
        }
    )
    frame = frame[frame["nilai"].notna()].reset_index(drop=True)
    return frame.assign(
        basis_label=[_basis_label(b) for b in frame["basis"]],
        dipakai_label=[txt.CHART_USED_YES if d else txt.CHART_USED_NO for d in frame["dipakai"]],
        label=[format_number(v) for v in frame["nilai"]],
        model_label=["" if pd.isna(v) else format_number(v) for v in frame["model"]],
    ).drop(columns="model")


def _origin(one: ForecastSet) -> tuple[int, float]:
    """The last year the model used and its value there (where the fan starts)."""
    history = one.history
    used = history[history["dipakai"].astype(bool) | history["is_imputed"].astype(bool)]
    last = used.sort_values("tahun").iloc[-1]
    return int(last["tahun"]), float(last["penduduk_model"])


def band_frame(one: ForecastSet) -> pd.DataFrame:
    """The band of one wilayah, starting at the last observed year with zero width.

    Returns:
        Columns ``tahun, mean, lower, upper`` (jiwa) and the formatted ``mean_label, lower_label,
        upper_label``; the first row is the origin (``mean = lower = upper`` = the last value used).
    """
    year, value = _origin(one)
    forecast = one.forecast.sort_values("tahun")
    frame = pd.DataFrame(
        {
            "tahun": [year, *forecast["tahun"].astype(int)],
            "mean": [value, *forecast["mean"].astype(float)],
            "lower": [value, *forecast["lower"].astype(float)],
            "upper": [value, *forecast["upper"].astype(float)],
        }
    )
    return frame.assign(**{f"{c}_label": [format_number(v) for v in frame[c]] for c in ("mean", "lower", "upper")})


def forecast_lines(one: ForecastSet) -> pd.DataFrame:
    """The forecast and the BPS geometric reference as one long frame, both starting at the origin.

    Returns:
        Columns ``tahun``, ``garis`` (key ``mean`` or ``geometrik``), ``garis_label``, ``nilai`` (jiwa),
        ``label`` (formatted).
    """
    year, value = _origin(one)
    forecast = one.forecast.sort_values("tahun")
    names = {"mean": txt.CHART_FORECAST, "geometrik": txt.CHART_GEOMETRIC}
    frames = [
        pd.DataFrame(
            {
                "tahun": [year, *forecast["tahun"].astype(int)],
                "garis": key,
                "garis_label": label,
                "nilai": [value, *forecast[key].astype(float)],
            }
        )
        for key, label in names.items()
    ]
    lines = pd.concat(frames, ignore_index=True)
    return lines.assign(label=[format_number(v) for v in lines["nilai"]])


def _basis_scales(points: pd.DataFrame) -> tuple[alt.Scale, alt.Scale]:
    present = [b for b in BASIS_STYLE if b in set(points["basis"])] + sorted(set(points["basis"]) - set(BASIS_STYLE))
    styles = [BASIS_STYLE.get(b, ("#17becf", "circle")) for b in present]
    domain = [_basis_label(b) for b in present]
    return (
        alt.Scale(domain=domain, range=[c for c, _ in styles]),
        alt.Scale(domain=domain, range=[s for _, s in styles]),
    )


def _records(frame: pd.DataFrame) -> list[dict]:
    """JSON-safe rows (NaN → null, numpy numbers → Python numbers) for a Vega-Lite dataset."""
    return json.loads(frame.to_json(orient="records"))


def _with_datasets(chart: alt.TopLevelMixin, datasets: dict[str, pd.DataFrame]) -> dict:
    """The chart's Vega-Lite spec with each layer's rows filled in where it names its data.

    The layers refer to their data by name (``alt.NamedData``) while Altair builds the spec, and the rows are
    put into each layer afterwards (``"data": {"name": ..., "values": [...]}``): Altair would deep-copy inline
    data on every ``to_dict``, and Streamlit would convert top-level ``datasets`` to Arrow on every rerun.
    Layers are kept flat (a nested layer made ``to_dict`` ~10x slower) and the schema validation (most of the
    remaining time) is left to the tests, which check every spec against the Vega-Lite schema. Lines use the
    ``stroke`` channel and points ``color``, so each gets its own legend.
    """
    spec = chart.to_dict(validate=False)
    records = {name: _records(frame) for name, frame in datasets.items()}
    for layer in spec["layer"]:
        layer["data"] = {"name": layer["data"]["name"], "values": records[layer["data"]["name"]]}
    return spec


def fan_chart(one: ForecastSet) -> dict:
    """Vega-Lite spec of the fan chart of one wilayah: history points by basis, forecast line, calibrated band,
    BPS geometric reference line.

    Points: colour and shape by basis; filled when the model used the year, hollow when only shown.
    Datasets: ``riwayat`` (:func:`history_points`), ``pita`` (:func:`band_frame`), ``garis``
    (:func:`forecast_lines`).
    """
    points = history_points(one)
    color, shape = _basis_scales(points)
    x = alt.X("tahun:Q", title=txt.CHART_YEAR, axis=alt.Axis(format="d", tickMinStep=1))
    y_title = txt.CHART_VALUE
    band = (
        alt.Chart(alt.NamedData(name="pita"))
        .mark_area(opacity=0.22, color=LINE_COLORS["mean"])
        .encode(
            x=x,
            y=alt.Y("lower:Q", title=y_title, scale=alt.Scale(zero=False), axis=alt.Axis(format=",d")),
            y2="upper:Q",
            tooltip=[
                alt.Tooltip("tahun:Q", title=txt.CHART_YEAR, format="d"),
                alt.Tooltip("mean_label:N", title=txt.CHART_FORECAST),
                alt.Tooltip("lower_label:N", title=txt.CHART_LOWER),
                alt.Tooltip("upper_label:N", title=txt.CHART_UPPER),
            ],
        )
    )
    lines = (
        alt.Chart(alt.NamedData(name="garis"))
        .mark_line(strokeWidth=2.5)
        .encode(
            x=x,
            y=alt.Y("nilai:Q", title=y_title),
            stroke=alt.Stroke(
                "garis_label:N",
                title=txt.CHART_SERIES,
                scale=alt.Scale(
                    domain=[txt.CHART_FORECAST, txt.CHART_GEOMETRIC],
                    range=[LINE_COLORS["mean"], LINE_COLORS["geometrik"]],
                ),
            ),
            strokeDash=alt.StrokeDash(
                "garis_label:N",
                title=txt.CHART_SERIES,
                scale=alt.Scale(domain=[txt.CHART_FORECAST, txt.CHART_GEOMETRIC], range=[[1, 0], [6, 4]]),
            ),
            tooltip=[
                alt.Tooltip("tahun:Q", title=txt.CHART_YEAR, format="d"),
                alt.Tooltip("garis_label:N", title=txt.CHART_SERIES),
                alt.Tooltip("label:N", title=txt.CHART_VALUE),
            ],
        )
    )
    point_encoding = {
        "x": x,
        "y": alt.Y("nilai:Q", title=y_title),
        "color": alt.Color("basis_label:N", title=txt.CHART_BASIS, scale=color),
        "shape": alt.Shape("basis_label:N", title=txt.CHART_BASIS, scale=shape),
        "tooltip": [
            alt.Tooltip("tahun:Q", title=txt.CHART_YEAR, format="d"),
            alt.Tooltip("label:N", title=txt.CHART_VALUE),
            alt.Tooltip("basis_label:N", title=txt.CHART_BASIS),
            alt.Tooltip("dipakai_label:N", title=txt.CHART_USED),
            alt.Tooltip("model_label:N", title=txt.CHART_MODEL_VALUE),
            alt.Tooltip("sumber:N", title=txt.CHART_SOURCE),
        ],
    }
    base = alt.Chart(alt.NamedData(name="riwayat"))
    hollow = base.mark_point(size=70, strokeWidth=2, filled=False).encode(**point_encoding)
    solid = base.transform_filter(alt.datum.dipakai).mark_point(size=70, filled=True).encode(**point_encoding)
    chart = alt.layer(band, lines, hollow, solid).properties(height=CHART_HEIGHT).configure(locale=ID_LOCALE)
    return _with_datasets(chart, {"pita": band_frame(one), "garis": forecast_lines(one), "riwayat": points})


def pyramid_chart(data: pd.DataFrame, tahun_dasar: int, tahun_akhir: int) -> dict:
    """Vega-Lite spec of the population pyramid: bars for ``tahun_akhir``, black outlines for ``tahun_dasar``.

    Args:
        data: :func:`cc_analytics.forecasting.cohort_view.pyramid_data` for both years (suppressed
            cells have ``nilai_grafik`` NaN and are not drawn).
        tahun_dasar: base year (outline; dataset ``dasar``).
        tahun_akhir: projected year (bars; dataset ``akhir``).
    """
    frame = data.assign(
        jenis_kelamin_label=data["jenis_kelamin"].map(txt.PYRAMID_SEX),
        tahun_label=data["tahun"].astype(str),
    )
    sexes = [txt.PYRAMID_SEX[s] for s in SEX_COLORS]
    encoding = {
        "x": alt.X(
            "nilai_grafik:Q",
            title=txt.PYRAMID_COUNT,
            axis=alt.Axis(labelExpr="format(abs(datum.value), ',d')"),
        ),
        "y": alt.Y(
            "kelompok_umur:N", title=txt.PYRAMID_AGE, sort=list(reversed(AGE_GROUPS)), axis=alt.Axis(labelOverlap=False)
        ),
        "tooltip": [
            alt.Tooltip("tahun_label:N", title=txt.PYRAMID_YEAR),
            alt.Tooltip("jenis_kelamin_label:N", title=txt.PYRAMID_SEX_TITLE),
            alt.Tooltip("kelompok_umur:N", title=txt.PYRAMID_AGE),
            alt.Tooltip("label:N", title=txt.PYRAMID_COUNT),
        ],
    }
    bars = (
        alt.Chart(alt.NamedData(name="akhir"))
        .mark_bar(opacity=0.85)
        .encode(
            color=alt.Color(
                "jenis_kelamin_label:N",
                title=None,
                scale=alt.Scale(domain=sexes, range=list(SEX_COLORS.values())),
                legend=alt.Legend(orient="top"),
            ),
            **encoding,
        )
    )
    outline = (
        alt.Chart(alt.NamedData(name="dasar")).mark_bar(filled=False, color="black", strokeWidth=1.2).encode(**encoding)
    )
    chart = alt.layer(bars, outline).properties(height=PYRAMID_HEIGHT).configure(locale=ID_LOCALE)
    datasets = {"akhir": frame[frame["tahun"] == tahun_akhir], "dasar": frame[frame["tahun"] == tahun_dasar]}
    return _with_datasets(chart, datasets)
