"""The page *proyeksi* in Streamlit: its URL-bound controls, cached loaders and sections.

Numbers come from :mod:`cc_analytics.forecasting` (computed once per choice through
:func:`cc_analytics.ui.loaders.cached_query`, see :mod:`cc_analytics.forecasting.page_data`); tables, lines
and charts from :mod:`~cc_analytics.forecasting.presentation`, :mod:`~cc_analytics.forecasting.cohort_view`
and :mod:`~cc_analytics.forecasting.charts`. A library error inside one section is shown there, in
Indonesian, and the other sections still render.

URL parameters: ``metode`` (``otomatis`` or a method key), ``horizon`` (1–20 years), ``tingkat`` (band level in
percent, 50–95), ``tfr``, ``e0`` (years), ``migrasi`` (per 1000 per year); the wilayah is the global ``kec``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from cc_analytics import export, store, texts
from cc_analytics.config import Settings
from cc_analytics.errors import CCError
from cc_analytics.forecasting import (
    AUTO,
    BASIS_LABELS,
    METHOD_LABELS,
    METHODS,
    RECONCILIATION_TEXT,
    ForecastSet,
    page_data,
)
from cc_analytics.forecasting import presentation as view
from cc_analytics.forecasting import proyeksi_texts as txt
from cc_analytics.forecasting.cohort import CohortParameters, load_cohort_parameters
from cc_analytics.forecasting.forecast import (
    DEFAULT_HORIZON,
    DEFAULT_LEVEL,
    DEFAULT_METHOD,
    HORIZON_RANGE,
    KODE_KABUPATEN,
)
from cc_analytics.formatting import describe_change, format_number, format_periode
from cc_analytics.store import provenance
from cc_analytics.store.provenance import SourceNote
from cc_analytics.ui import errors, loaders, url_state, widgets

LEVEL_PERCENT_RANGE = (50, 95)
LEVEL_PERCENT_STEP = 5
TFR_RANGE = (0.5, 4.0)
E0_RANGE = (60.0, 85.0)
MIGRASI_RANGE = (-20.0, 20.0)
TABLE_ROW_PX = 35
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Choices:
    """The planner's forecast choices: method key, horizon (years) and band level (0–1)."""

    method: str
    horizon: int
    level: float


def header() -> None:
    """Title and one-line description."""
    st.title(txt.TITLE)
    st.caption(txt.SUBTITLE)


def forecast_controls() -> Choices:
    """Method, horizon and band level, each kept in the URL (``metode``, ``horizon``, ``tingkat``)."""
    left, middle, right = st.columns([2, 1, 1])
    method = url_state.select(
        txt.METHOD_LABEL,
        "metode",
        [AUTO, *METHODS],
        default=DEFAULT_METHOD,
        format_func=lambda m: METHOD_LABELS.get(m, m),
        container=left,
        help=txt.METHOD_HELP,
    )
    horizon = url_state.slider(
        txt.HORIZON_LABEL, "horizon", *HORIZON_RANGE, default=DEFAULT_HORIZON, container=middle, help=txt.HORIZON_HELP
    )
    tingkat = url_state.slider(
        txt.LEVEL_LABEL,
        "tingkat",
        *LEVEL_PERCENT_RANGE,
        default=round(DEFAULT_LEVEL * 100),
        step=LEVEL_PERCENT_STEP,
        container=right,
        help=txt.LEVEL_HELP,
    )
    return Choices(method=str(method), horizon=int(horizon), level=round(tingkat) / 100)


def chosen_wilayah(selection: url_state.Wilayah) -> str:
    """The wilayah code to forecast: the chosen kecamatan (also when a desa in it is chosen) or the kabupaten."""
    if selection.kode_kecamatan is None:
        return KODE_KABUPATEN
    if selection.kode_desa is not None:
        st.info(txt.DESA_TO_KECAMATAN.format(kecamatan=view.wilayah_name(selection.kode_kecamatan)))
    return selection.kode_kecamatan


def _marts_key(settings: Settings) -> tuple[str, str]:
    return str(settings.marts_path), store.marts_signature(settings.marts_path)


# Two levels of caching: the slow, level-independent steps through ``loaders.cached_query`` (keyed by the marts
# version and their arguments), and the light steps below, keyed by the marts version and every choice. A light
# step calls the slow one only on a miss, so a rerun with values seen before unpickles just what it shows.


@st.cache_data(max_entries=64, show_spinner=False)
def _forecast_at(path: str, signature: str, method: str, level: float, _settings: Settings) -> ForecastSet:
    """:func:`page_data.forecast_all` for ``method`` and ``level`` (the backtest cached per method)."""
    return page_data.forecast_all(loaders.cached_query(_settings, page_data.plan_all, method), level)


@st.cache_data(max_entries=256, show_spinner=False)
def _page_at(
    path: str, signature: str, method: str, level: float, horizon: int, kode: str, _settings: Settings
) -> page_data.ForecastPage:
    """:func:`page_data.forecast_page` for every choice of the forecast part."""
    result = _forecast_at(path, signature, method, level, _settings)
    return page_data.forecast_page(result, horizon, kode, is_synthetic=loaders.is_demo(_settings))


@st.cache_data(max_entries=64, show_spinner=False)
def _backtest_at(path: str, signature: str, level: float, in_use: str, _settings: Settings) -> page_data.BacktestPage:
    """:func:`page_data.backtest_page` at ``level`` (the errors cached once per marts version)."""
    return page_data.backtest_page(loaders.cached_query(_settings, page_data.backtest_all), level, in_use)


@st.cache_data(max_entries=256, show_spinner=False)
def _cohort_at(
    path: str, signature: str, inputs: tuple, kode: str, tahun: int, min_cell: int, _settings: Settings
) -> page_data.CohortPage:
    """:func:`page_data.cohort_page` (the projection cached per periode and assumptions)."""
    projection = loaders.cached_query(_settings, page_data.cohort_all, *inputs)
    return page_data.cohort_page(projection, kode, tahun, min_cell)


def load_forecast(settings: Settings, choices: Choices, kode: str) -> page_data.ForecastPage:
    """The forecast part for ``choices`` and ``kode``: the backtest once per method, the bands once per level,
    the tables and chart once per horizon and wilayah, so a slider moved back to a value seen before costs no
    computation."""
    key = _marts_key(settings)
    return _page_at(*key, choices.method, choices.level, choices.horizon, kode, _settings=settings)


def load_backtest(settings: Settings, level: float, in_use: str) -> page_data.BacktestPage:
    """The accuracy tables at ``level`` (errors once per marts version, the tables once per level and method)."""
    return _backtest_at(*_marts_key(settings), level, in_use, _settings=settings)


def load_cohort(
    settings: Settings, periode: str, params: tuple[float, float, float], kode: str, tahun: int
) -> page_data.CohortPage:
    """The cohort part for ``kode`` in ``tahun`` (projection once per periode and assumptions)."""
    inputs = (periode, *params, page_data.cohort_last_year(periode, tahun))
    return _cohort_at(*_marts_key(settings), inputs, kode, tahun, settings.min_cell, _settings=settings)


def _metrics(data: page_data.ForecastPage) -> None:
    top = data.headline
    pct = round(data.one.level * 100)
    first, second, third = st.columns(3)
    first.metric(txt.METRIC_LAST_LABEL.format(tahun=top.last_year), format_number(top.last_value), border=True)
    second.metric(
        txt.METRIC_LABEL.format(tahun=top.tahun),
        format_number(top.mean),
        delta=top.change_text,
        delta_color="off",
        delta_arrow="off",
        help=txt.METRIC_HELP,
        border=True,
    )
    third.metric(txt.METRIC_BAND_LABEL.format(pct=pct, tahun=top.tahun), top.band_text, border=True)


def _warnings(one: ForecastSet) -> None:
    for note in sorted({n for n in one.forecast["note"] if n}):
        st.warning(txt.FALLBACK_WARNING.format(note=note), icon=":material/warning:")
    if (one.forecast["interval"] == "model").any():
        st.warning(txt.INTERVAL_MODEL, icon=":material/warning:")


def _downloads(frame_title: str, table: Callable[[], pd.DataFrame], title_lines: list[str], key: str) -> None:
    """CSV and XLSX buttons; the table and the files are built only when a button is clicked."""
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        txt.DOWNLOAD_CSV,
        data=lambda: export.to_csv(table()),
        file_name=f"{frame_title}.csv",
        mime="text/csv",
        on_click="ignore",
        key=f"{key}_csv",
        icon=":material/download:",
    )
    right.download_button(
        txt.DOWNLOAD_XLSX,
        data=lambda: export.to_xlsx(table(), sheet=frame_title[:31], title_lines=title_lines),
        file_name=f"{frame_title}.xlsx",
        mime=XLSX_MIME,
        on_click="ignore",
        key=f"{key}_xlsx",
        icon=":material/download:",
    )


def _method_line(one: ForecastSet) -> str:
    calibrated = (one.forecast["interval"] == "kalibrasi").all()
    basis = str(one.forecast["basis"].iloc[0])
    interval = txt.INTERVAL_CALIBRATED.format(n=format_number(one.n_backtest_errors)) if calibrated else ""
    return txt.METHOD_USED.format(label=view.method_label(one), basis=BASIS_LABELS.get(basis, basis), interval=interval)


def forecast_section(settings: Settings, kode: str, choices: Choices) -> page_data.ForecastPage | None:
    """Headline cards, fan chart, what the band means, notes, the table with downloads.

    Returns:
        What was shown (the sections below use it), or None when no forecast could be made (the reason is
        shown).
    """
    st.subheader(txt.FORECAST_HEADING.format(wilayah=view.wilayah_name(kode)))
    try:
        data = load_forecast(settings, choices, kode)
    except CCError as exc:
        errors.show_error(exc)
        return None
    one = data.one
    _metrics(data)
    _warnings(one)
    st.vega_lite_chart(spec=data.fan_spec, width="stretch")
    st.caption(txt.CHART_CAPTION.format(pct=round(choices.level * 100)))
    st.caption(data.source)
    st.markdown(_method_line(one))
    st.info(data.explanation, icon=":material/info:")
    with st.expander(txt.NOTES_HEADING):
        st.markdown("\n".join(f"- {note}" for note in one.notes["note"]))
        st.markdown(f"- {RECONCILIATION_TEXT}")
    st.markdown(f"**{txt.TABLE_HEADING}**")
    _text_table(data.table_shown, txt.FORECAST_COLUMNS["tahun"])
    st.caption(data.source)
    table = data.table
    name = f"proyeksi_{kode.replace('.', '')}_{int(table['tahun'].min())}_{int(table['tahun'].max())}"
    _downloads(name, lambda: view.with_headers(table, txt.FORECAST_COLUMNS), data.title_lines, "unduh_proyeksi")
    return data


def coherence_section(data: page_data.ForecastPage) -> None:
    """Every kecamatan in the last year, the kabupaten, and the check that they add up."""
    tahun = data.headline.tahun
    st.subheader(txt.COHERENCE_HEADING.format(tahun=tahun))
    st.caption(view.coherence_text(data.kecamatan))
    with st.expander(txt.COHERENCE_HEADING.format(tahun=tahun), expanded=False):
        _text_table(data.kecamatan_shown, txt.KECAMATAN_COLUMNS["nama"], all_rows=True)
        st.caption(RECONCILIATION_TEXT)


@st.cache_data(show_spinner=False)
def _default_parameters() -> CohortParameters:
    """The default cohort assumptions (``data/reference/proyeksi_parameter.csv``, read once)."""
    return load_cohort_parameters()


def cohort_controls() -> tuple[float, float, float]:
    """TFR, life expectancy and net migration sliders (``tfr``, ``e0``, ``migrasi``), defaults from the file."""
    defaults = _default_parameters()
    e0_default = page_data.default_e0(defaults)
    half_gap = format_number((defaults.e0_p - defaults.e0_l) / 2, 0)
    left, middle, right = st.columns(3)
    tfr = url_state.slider(
        txt.TFR_LABEL,
        "tfr",
        *TFR_RANGE,
        default=defaults.tfr,
        step=0.01,
        container=left,
        help=txt.PARAM_DEFAULT_HELP.format(value=format_number(defaults.tfr, 2), source=defaults.sumber["tfr"]),
    )
    e0 = url_state.slider(
        txt.E0_LABEL,
        "e0",
        *E0_RANGE,
        default=e0_default,
        step=0.01,
        container=middle,
        help=txt.PARAM_DEFAULT_HELP.format(value=format_number(e0_default, 2), source=defaults.sumber.get("e0", ""))
        + txt.E0_HELP_EXTRA.format(gap_half=half_gap),
    )
    migrasi = url_state.slider(
        txt.MIGRASI_LABEL,
        "migrasi",
        *MIGRASI_RANGE,
        default=defaults.migrasi_neto,
        step=0.5,
        container=right,
        help=txt.PARAM_DEFAULT_HELP.format(
            value=format_number(defaults.migrasi_neto, 1), source=defaults.sumber["migrasi_neto"]
        ),
    )
    return round(float(tfr), 2), round(float(e0), 2), round(float(migrasi), 1)


def _text_table(frame: pd.DataFrame, first: str, *, all_rows: bool = False) -> None:
    """A table of preformatted strings: the first column as it is, the others right-aligned."""
    numbers = [c for c in frame.columns if c != first]
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        height=TABLE_ROW_PX * (len(frame) + 1) + 3 if all_rows else "auto",
        column_config={c: st.column_config.TextColumn(alignment="right") for c in numbers},
    )


def _cohort_focus(data: page_data.CohortPage, kode: str) -> None:
    """Headline cards of the chosen wilayah: each age band in the year shown, with the change since the base."""
    st.markdown(f"**{txt.FOCUS_HEADING.format(wilayah=view.wilayah_name(kode), tahun=data.tahun)}**")
    for row in data.focus.itertuples():
        delta = None
        if not pd.isna(row.change):
            delta = txt.CHANGE_TEXT.format(change=describe_change(row.change), tahun=data.tahun_dasar)
        st.metric(
            txt.BAND_COLUMNS[row.band],
            row.label,
            delta=delta,
            delta_color="off",
            delta_arrow="off",
            border=True,
            help=txt.FOCUS_HELP.format(dasar=data.tahun_dasar, nilai=row.label_dasar),
        )


def _cohort_downloads(
    data: page_data.CohortPage, periode: str, params: tuple[float, float, float], source: SourceNote, min_cell: int
) -> None:
    """CSV/XLSX of the age bands per kecamatan, with the assumptions and the source in the title block."""
    tfr, e0, migrasi = params
    lines = [
        txt.TITLE_COHORT.format(tahun=data.tahun, dasar=format_periode(periode)),
        txt.TITLE_PARAMS.format(tfr=format_number(tfr, 2), e0=format_number(e0, 2), migrasi=format_number(migrasi, 1)),
        txt.TITLE_SUPPRESSION.format(min_cell=min_cell),
        provenance.source_line(source),
    ]
    if source.is_synthetic:
        lines.insert(0, txt.TITLE_SYNTHETIC)
    _downloads(f"struktur_umur_{data.tahun}", data.bands.download, lines, "unduh_kohort")


def cohort_section(
    settings: Settings, kode: str, periode: str, choices: Choices, forecast: page_data.ForecastPage | None
) -> None:
    """Sliders, the projected pyramid and age bands of ``kode``, age bands per kecamatan, assumptions.

    The year shown is the last year of the annual forecast (so both parts speak of the same year); without a
    forecast, the base year plus the horizon.
    """
    tahun = forecast.headline.tahun if forecast is not None else page_data.base_year(periode) + choices.horizon
    st.subheader(txt.COHORT_HEADING)
    st.caption(txt.COHORT_INTRO.format(periode=format_periode(periode)))
    params = cohort_controls()
    try:
        data = load_cohort(settings, periode, params, kode, tahun)
        as_of = loaders.cached_query(settings, provenance.source_dates, periode).get("dukcapil")
    except CCError as exc:
        errors.show_error(exc)
        return
    source = SourceNote(parts=(("dukcapil", as_of),), is_synthetic=loaders.is_demo(settings))
    st.caption(txt.COHORT_YEARS.format(dasar=data.tahun_dasar, tahun=data.tahun))
    chart_col, focus_col = st.columns([3, 1])
    with chart_col:
        heading = txt.PYRAMID_HEADING.format(wilayah=view.wilayah_name(kode), dasar=data.tahun_dasar, tahun=data.tahun)
        st.markdown(f"**{heading}**")
        st.vega_lite_chart(spec=data.pyramid_spec, width="stretch")
        st.caption(txt.PYRAMID_CAPTION.format(dasar=data.tahun_dasar, tahun=data.tahun))
    with focus_col:
        _cohort_focus(data, kode)
    widgets.source_caption(source)
    st.markdown(f"**{txt.BANDS_HEADING.format(tahun=data.tahun)}**")
    _text_table(data.bands_shown, txt.BAND_COLUMNS["nama"], all_rows=True)
    st.caption(txt.BANDS_CAPTION + " " + texts.SUPPRESSION_NOTE.format(min_cell=settings.min_cell))
    widgets.source_caption(source)
    _cohort_downloads(data, periode, params, source, settings.min_cell)
    st.markdown(f"**{txt.PARAMS_HEADING}**")
    st.markdown("\n".join(data.assumptions))


def backtest_section(settings: Settings, choices: Choices, forecast: page_data.ForecastPage | None) -> None:
    """The accuracy of every method on these series (mean of horizons 1–5), and per horizon."""
    st.subheader(txt.BACKTEST_HEADING)
    in_use = str(forecast.one.forecast["method"].iloc[0]) if forecast is not None else ""
    try:
        tables = load_backtest(settings, choices.level, in_use)
    except CCError as exc:
        errors.show_error(exc)
        return
    if tables.table.empty:
        st.info(txt.BACKTEST_EMPTY)
        return
    st.caption(txt.BACKTEST_INTRO.format(n_series=forecast.n_series if forecast is not None else 0))
    _text_table(tables.table, tables.table.columns[0], all_rows=True)
    st.caption(txt.BACKTEST_CAPTION.format(pct=round(choices.level * 100)))
    with st.expander(txt.BACKTEST_PER_HORIZON):
        _text_table(tables.detail, tables.detail.columns[0])
