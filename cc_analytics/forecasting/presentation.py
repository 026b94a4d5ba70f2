"""Tables and lines the page *proyeksi* shows about the annual forecasts, from a :class:`ForecastSet`.

Pure functions: numbers in (jiwa, shares 0–1), new DataFrames or strings out, Indonesian formatting via
:mod:`cc_analytics.formatting`, wording from :mod:`cc_analytics.forecasting.proyeksi_texts`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from cc_analytics.forecasting import proyeksi_texts as txt
from cc_analytics.forecasting.backtest import MAX_HORIZON
from cc_analytics.forecasting.forecast import KODE_KABUPATEN, ForecastSet
from cc_analytics.forecasting.texts import BASIS_LABELS, METHOD_LABELS
from cc_analytics.formatting import describe_change, format_number, format_percent
from cc_analytics.wilayah import load_wilayah

NUMBER_COLUMNS = ("mean", "lower", "upper", "geometrik", "mean_dasar")


@lru_cache(maxsize=1)
def _kecamatan_names() -> dict[str, str]:
    frame = load_wilayah()
    rows = frame[frame["level"] == "kecamatan"]
    return dict(zip(rows["kode_wilayah"], rows["nama"], strict=True))


def wilayah_name(kode: str) -> str:
    """``35.14`` → ``Kabupaten Pasuruan``; ``35.14.14`` → ``Kecamatan Bangil``; unknown codes as they are."""
    if kode == KODE_KABUPATEN:
        return txt.KABUPATEN_NAME
    names = _kecamatan_names()
    return txt.KECAMATAN_NAME.format(nama=names[kode]) if kode in names else kode


@dataclass(frozen=True)
class Headline:
    """The figures of the headline cards of one wilayah.

    Attributes:
        tahun: last forecast year.
        mean, lower, upper: forecast and band in that year, jiwa.
        last_year: last observed year (the forecast origin).
        last_value: the value the model saw in that year, jiwa.
        change: ``mean / last_value - 1``.
    """

    tahun: int
    mean: float
    lower: float
    upper: float
    last_year: int
    last_value: float
    change: float

    @property
    def band_text(self) -> str:
        """The band in whole jiwa, rounded outwards: ``4.845 – 4.877``."""
        return txt.BAND_RANGE.format(lower=format_number(_floor(self.lower)), upper=format_number(_ceil(self.upper)))

    @property
    def change_text(self) -> str:
        """E.g. ``naik 3,2% dibanding 2025``."""
        return txt.CHANGE_TEXT.format(change=describe_change(self.change), tahun=self.last_year)


def headline(one: ForecastSet) -> Headline:
    """Headline figures of a one-wilayah result (see :meth:`ForecastSet.for_wilayah`)."""
    last_row = one.forecast.sort_values("tahun").iloc[-1]
    used = one.history[one.history["dipakai"] | one.history["is_imputed"]].sort_values("tahun")
    origin = used.iloc[-1]
    last_value = float(origin["penduduk_model"])
    return Headline(
        tahun=int(last_row["tahun"]),
        mean=float(last_row["mean"]),
        lower=float(last_row["lower"]),
        upper=float(last_row["upper"]),
        last_year=int(origin["tahun"]),
        last_value=last_value,
        change=float(last_row["mean"]) / last_value - 1,
    )


def forecast_table(one: ForecastSet) -> pd.DataFrame:
    """The forecast of one wilayah as whole jiwa: ``tahun, mean, lower, upper, geometrik`` (+ ``mean_dasar``).

    Bands are rounded outwards (lower down, upper up) so the rounded band still holds the rounded mean.
    """
    columns = ["tahun", *(c for c in NUMBER_COLUMNS if c in one.forecast.columns)]
    table = one.forecast[columns].copy()
    rounded = {c: table[c].round() for c in columns[1:]}
    rounded["lower"] = table["lower"].apply(_floor)
    rounded["upper"] = table["upper"].apply(_ceil)
    return table.assign(**{c: v.astype("int64") for c, v in rounded.items()}).reset_index(drop=True)


def _floor(value: float) -> float:
    return float(int(value // 1))


def _ceil(value: float) -> float:
    return float(-int(-value // 1))


def with_headers(table: pd.DataFrame, headers: dict[str, str]) -> pd.DataFrame:
    """The columns of ``table`` that ``headers`` names, renamed to their Indonesian headers, in that order."""
    keep = [c for c in headers if c in table.columns]
    return table[keep].rename(columns=headers)


def formatted(table: pd.DataFrame, numbers: tuple[str, ...], decimals: int = 0) -> pd.DataFrame:
    """A copy with the ``numbers`` columns as Indonesian number strings (``1.234``); other columns kept."""
    out = table.copy()
    for column in numbers:
        if column in out.columns:
            out[column] = [format_number(v, decimals) for v in out[column]]
    return out


def kecamatan_table(result: ForecastSet, tahun: int) -> pd.DataFrame:
    """The forecast of every kecamatan and the kabupaten (last row) in ``tahun``.

    Returns:
        Columns ``kode_wilayah, nama, mean, lower, upper`` (jiwa, whole) and ``koreksi`` (the change the
        reconciliation made to the mean, jiwa, rounded).
    """
    rows = result.forecast[result.forecast["tahun"] == tahun]
    is_kab = rows["kode_wilayah"] == KODE_KABUPATEN
    ordered = pd.concat([rows[~is_kab].sort_values("kode_wilayah"), rows[is_kab]], ignore_index=True)
    table = ordered.assign(
        nama=[wilayah_name(k).removeprefix("Kecamatan ") for k in ordered["kode_wilayah"]],
        lower=ordered["lower"].apply(_floor),
        upper=ordered["upper"].apply(_ceil),
        koreksi=(ordered["mean"] - ordered.get("mean_dasar", ordered["mean"])).round(),
    )
    return table[["kode_wilayah", "nama", "mean", "lower", "upper", "koreksi"]].astype(
        {"mean": "int64", "lower": "int64", "upper": "int64", "koreksi": "int64"}
    )


def coherence_text(table: pd.DataFrame) -> str:
    """One line comparing the sum of the kecamatan with the kabupaten (rows of :func:`kecamatan_table`)."""
    is_kab = table["kode_wilayah"] == KODE_KABUPATEN
    total = int(table.loc[~is_kab, "mean"].sum())
    kabupaten = int(table.loc[is_kab, "mean"].sum())
    verdict = (
        txt.COHERENCE_EQUAL
        if total == kabupaten
        else txt.COHERENCE_DIFFERENT.format(diff=format_number(abs(total - kabupaten)))
    )
    return txt.COHERENCE_CHECK.format(total=format_number(total), kabupaten=format_number(kabupaten), verdict=verdict)


def _years_text(years: list[int]) -> str:
    """``[2011, 2012, 2013, 2020]`` → ``2011–2013, 2020``."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def source_line(one: ForecastSet, *, is_synthetic: bool) -> str:
    """Where the history of one wilayah comes from, basis by basis, e.g.
    ``Sumber: Registrasi Dukcapil 2021–2025, Estimasi BPS 2011–2024 (dipakai model: 2011–2020), Sensus
    Penduduk (BPS) 2010, 2020 (hanya ditampilkan) (sintetis); data tahunan sampai 2025.``"""
    observed = one.history[one.history["penduduk"].notna()]
    parts = []
    for basis, rows in sorted(observed.groupby("basis"), key=lambda item: -int(item[1]["tahun"].max())):
        years, used = rows["tahun"].tolist(), rows.loc[rows["dipakai"], "tahun"].tolist()
        template = txt.SOURCE_PART if sorted(used) == sorted(years) else txt.SOURCE_PART_PARTLY
        template = template if used else txt.SOURCE_PART_UNUSED
        label = BASIS_LABELS.get(basis, basis)
        parts.append(template.format(basis=label, years=_years_text(years), used=_years_text(used)))
    return txt.SOURCE_LINE.format(
        parts=", ".join(parts),
        synthetic=txt.SOURCE_SYNTHETIC if is_synthetic else "",
        last=int(observed["tahun"].max()),
    )


def method_label(one: ForecastSet) -> str:
    """Label of the method used; with ``otomatis``, ``Otomatis: <method>``."""
    used = str(one.forecast["method"].iloc[0])
    label = METHOD_LABELS.get(used, used)
    return txt.METHOD_AUTO_USED.format(label=label) if one.method == "otomatis" else label


def title_lines(one: ForecastSet, *, is_synthetic: bool) -> list[str]:
    """The title block of the forecast download: what, method, basis, level, calibration, synthetic."""
    kode = str(one.forecast["kode_wilayah"].iloc[0])
    basis = str(one.forecast["basis"].iloc[0])
    calibrated = (one.forecast["interval"] == "kalibrasi").all()
    lines = [
        txt.TITLE_FORECAST.format(
            wilayah=wilayah_name(kode), first=int(one.forecast["tahun"].min()), last=int(one.forecast["tahun"].max())
        ),
        txt.TITLE_METHOD.format(label=method_label(one)),
        txt.TITLE_BASIS.format(basis=BASIS_LABELS.get(basis, basis)),
        txt.TITLE_LEVEL.format(pct=round(one.level * 100)),
        (
            txt.TITLE_CALIBRATED.format(n=one.n_backtest_errors, h_max=MAX_HORIZON)
            if calibrated
            else txt.TITLE_NOT_CALIBRATED
        ),
    ]
    if one.reconciliation:
        lines.append(txt.TITLE_RECONCILED)
    lines.append(source_line(one, is_synthetic=is_synthetic))
    if is_synthetic:
        lines.insert(0, txt.TITLE_SYNTHETIC)
    return lines


def backtest_table(summary: pd.DataFrame, *, level: float, method_in_use: str) -> pd.DataFrame:
    """The accuracy table shown on the page: one row per method (mean of horizons 1–5), best MASE first.

    Args:
        summary: :func:`cc_analytics.forecasting.summarise` output.
        level: band level of the coverage columns.
        method_in_use: the method of the forecast shown (marked ``← dipakai``).

    Returns:
        String columns with the headers of :data:`proyeksi_texts.BACKTEST_COLUMNS`.
    """
    overall = summary[summary["horizon"] == 0].sort_values(["mase", "mape"])
    return _backtest_rows(overall, level, method_in_use)


def backtest_detail(summary: pd.DataFrame, *, level: float) -> pd.DataFrame:
    """The same per horizon 1–5 (rows ordered by method, then horizon), with a ``Horizon`` column."""
    per_h = summary[summary["horizon"] > 0].sort_values(["method", "horizon"])
    table = _backtest_rows(per_h, level, "")
    table.insert(1, txt.BACKTEST_HORIZON, per_h["horizon"].astype(int).tolist())
    return table


def _method_name(method: str, method_in_use: str) -> str:
    name = METHOD_LABELS.get(method, method)
    if method in ("naif", "drift"):
        name += txt.BACKTEST_BENCHMARK
    if method == method_in_use:
        name += txt.BACKTEST_IN_USE
    return name


def _backtest_rows(rows: pd.DataFrame, level: float, method_in_use: str) -> pd.DataFrame:
    pct = round(level * 100)
    headers = {k: v.format(pct=pct) for k, v in txt.BACKTEST_COLUMNS.items()}
    return pd.DataFrame(
        {
            headers["metode"]: [_method_name(m, method_in_use) for m in rows["method"]],
            headers["mape"]: [format_number(v, 2) for v in rows["mape"]],
            headers["mdape"]: [format_number(v, 2) for v in rows["mdape"]],
            headers["bias"]: [("+" if v > 0 else "") + format_number(v, 2) for v in rows["bias"]],
            headers["mase"]: [format_number(v, 2) for v in rows["mase"]],
            headers["cakupan_model"]: [format_percent(v, 0) for v in rows["cakupan_model"]],
            headers["cakupan_kalibrasi"]: [
                "—" if pd.isna(v) else format_percent(v, 0) for v in rows["cakupan_kalibrasi"]
            ],
            headers["n"]: [format_number(v) for v in rows["n"]],
        }
    )
