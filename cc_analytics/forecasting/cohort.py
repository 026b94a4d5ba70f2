"""Cohort-component projection by sex and 5-year age group ("berapa anak usia SD pada 2030?").

Starting from the registry's population by kecamatan, sex and age group (the mart ``penduduk``
aggregated to kecamatan), every 5 years:

1. each age group survives into the next one with the life table of its sex
   (:mod:`cc_analytics.forecasting.lifetable`, from the life expectancy ``e0``);
2. births = 5 years x age-specific fertility x the average number of women of each age group at the
   start and the end of the period (ASFR pattern x ``tfr``), split by the sex ratio at birth, and
   survived to ages 0-4;
3. net migration adds ``migrasi_neto`` per 1000 per year, in proportion to the age structure.

Years between the 5-year steps are interpolated geometrically per cell. Parameters are constant over
the horizon; the defaults and their sources are in ``data/reference/proyeksi_parameter.csv``. The
registry counts more people than the census (about 17% in 2020), so the projection stays on the
registry basis.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from cc_analytics.config import REFERENCE_DIR
from cc_analytics.errors import CCError
from cc_analytics.forecasting.lifetable import survival_ratios
from cc_analytics.schema import AGE_GROUPS

PARAMETER_FILE = REFERENCE_DIR / "proyeksi_parameter.csv"
SEXES = ("L", "P")
FERTILE_GROUPS = AGE_GROUPS[3:10]  # 15-19 .. 45-49
STEP_YEARS = 5
# Age bands reported per kecamatan (years, inclusive); school ages as in data/reference/pkh_komponen.csv.
AGE_BANDS: dict[str, tuple[int, int]] = {
    "balita": (0, 4),
    "usia_sd": (7, 12),
    "usia_smp": (13, 15),
    "usia_sma": (16, 18),
    "lansia_70_plus": (70, 200),
}
PYRAMID_COLUMNS = ["kode_wilayah", "tahun", "jenis_kelamin", "kelompok_umur", "jumlah_penduduk"]


class CohortInputError(CCError):
    """The age structure or the parameters of a cohort projection are not usable."""


@dataclass(frozen=True)
class CohortParameters:
    """Assumptions of the projection; the planner may change any of them.

    Attributes:
        tfr: total fertility rate, children per woman.
        asfr_pattern: shares of the TFR by age group 15-19 .. 45-49 (7 values summing to 1).
        e0_l: life expectancy at birth of men, years.
        e0_p: life expectancy at birth of women, years.
        rasio_jenis_kelamin_lahir: boys born per 100 girls.
        migrasi_neto: net migration per 1000 population per year (negative = net out-migration).
        sumber: parameter name -> source (or "asumsi ...") as in the parameter file.
    """

    tfr: float
    asfr_pattern: tuple[float, ...]
    e0_l: float
    e0_p: float
    rasio_jenis_kelamin_lahir: float = 105.0
    migrasi_neto: float = 0.0
    sumber: dict[str, str] = field(default_factory=dict, compare=False)

    def with_changes(self, **changes: float) -> CohortParameters:
        """A copy with some values changed (e.g. ``tfr=2.1``); sources of changed values become "pilihan pengguna"."""
        sumber = {**self.sumber, **{name: "pilihan pengguna" for name in changes}}
        return replace(self, **changes, sumber=sumber)

    def validate(self) -> None:
        """Raise :class:`CohortInputError` (Indonesian message) for values outside plausible ranges."""
        checks = [
            (0.5 <= self.tfr <= 8, f"TFR {self.tfr} harus di antara 0,5 dan 8."),
            (40 <= self.e0_l <= 90 and 40 <= self.e0_p <= 90, "Umur harapan hidup harus di antara 40 dan 90 tahun."),
            (90 <= self.rasio_jenis_kelamin_lahir <= 120, "Rasio jenis kelamin saat lahir harus di antara 90 dan 120."),
            (-50 <= self.migrasi_neto <= 50, "Migrasi neto harus di antara -50 dan 50 per 1000 penduduk per tahun."),
            (
                len(self.asfr_pattern) == 7 and abs(sum(self.asfr_pattern) - 1) < 1e-6,
                "Pola ASFR harus 7 bagian berjumlah 1.",
            ),
        ]
        for ok, message in checks:
            if not ok:
                raise CohortInputError(message)


def load_cohort_parameters(path: Path = PARAMETER_FILE) -> CohortParameters:
    """The default parameters from ``data/reference/proyeksi_parameter.csv``.

    The file has one row per parameter: ``parameter, nilai, satuan, wilayah, tahun_data, status, sumber``;
    ``status`` is ``terkonfirmasi`` (a published figure, source named) or ``asumsi``.
    """
    table = pd.read_csv(path, dtype={"parameter": str, "sumber": str, "status": str}).set_index("parameter")
    value = table["nilai"].astype(float)
    asfr = value[[f"asfr_{g.replace('-', '_')}" for g in FERTILE_GROUPS]].to_numpy()
    sumber = {name: f"{row.status}: {row.sumber}" for name, row in table.iterrows()}
    return CohortParameters(
        tfr=float(value["tfr"]),
        asfr_pattern=tuple(float(x) for x in asfr / asfr.sum()),
        e0_l=float(value["e0_l"]),
        e0_p=float(value["e0_p"]),
        rasio_jenis_kelamin_lahir=float(value["rasio_jenis_kelamin_lahir"]),
        migrasi_neto=float(value["migrasi_neto"]),
        sumber=sumber,
    )


def _base_array(penduduk_umur: pd.DataFrame) -> tuple[list[str], np.ndarray]:
    """Population as an array ``(wilayah, sex, age group)``.

    Rows: ``kode_wilayah`` (or ``kode_kecamatan``), ``jenis_kelamin``, ``kelompok_umur``, ``jumlah_penduduk``.
    """
    frame = penduduk_umur.rename(columns={"kode_kecamatan": "kode_wilayah"})
    missing = {"kode_wilayah", "jenis_kelamin", "kelompok_umur", "jumlah_penduduk"} - set(frame.columns)
    if missing:
        raise CohortInputError(f"Data umur tidak punya kolom: {', '.join(sorted(missing))}.")
    unknown_age = set(frame["kelompok_umur"]) - set(AGE_GROUPS)
    unknown_sex = set(frame["jenis_kelamin"]) - set(SEXES)
    if unknown_age or unknown_sex:
        bad = ", ".join(sorted(str(v) for v in unknown_age | unknown_sex))
        raise CohortInputError(f"Kelompok umur atau jenis kelamin tidak dikenal: {bad}.")
    counts = pd.to_numeric(frame["jumlah_penduduk"], errors="coerce")
    if counts.isna().any() or (counts < 0).any():
        raise CohortInputError("Jumlah penduduk menurut umur harus angka tidak negatif.")
    cube = (
        frame.assign(jumlah_penduduk=counts)
        .pivot_table(
            index="kode_wilayah",
            columns=["jenis_kelamin", "kelompok_umur"],
            values="jumlah_penduduk",
            aggfunc="sum",
            fill_value=0.0,
        )
        .reindex(columns=pd.MultiIndex.from_product([SEXES, AGE_GROUPS]), fill_value=0.0)
    )
    if (cube.sum(axis=1) <= 0).any():
        raise CohortInputError("Ada wilayah dengan jumlah penduduk nol; proyeksi kohort tidak dapat dibuat.")
    return [str(k) for k in cube.index], cube.to_numpy(dtype=float).reshape(len(cube), 2, len(AGE_GROUPS))


def _step(pop: np.ndarray, params: CohortParameters, survival: np.ndarray, births_survival: np.ndarray) -> np.ndarray:
    """Population five years later; ``pop`` and the result have shape ``(wilayah, 2, groups)``."""
    nxt = np.zeros_like(pop)
    nxt[:, :, 1:] = pop[:, :, :-1] * survival[None, :, :-1]
    nxt[:, :, -1] += pop[:, :, -1] * survival[None, :, -1]
    fertile = slice(3, 10)
    asfr = params.tfr * np.asarray(params.asfr_pattern) / STEP_YEARS
    women = (pop[:, 1, fertile] + nxt[:, 1, fertile]) / 2
    births = STEP_YEARS * (women * asfr).sum(axis=1)
    boys = params.rasio_jenis_kelamin_lahir / (100 + params.rasio_jenis_kelamin_lahir)
    nxt[:, 0, 0] = births * boys * births_survival[0]
    nxt[:, 1, 0] = births * (1 - boys) * births_survival[1]
    return nxt * (1 + params.migrasi_neto / 1000 * STEP_YEARS)


def _interpolate(steps: dict[int, np.ndarray], years: list[int]) -> dict[int, np.ndarray]:
    """Values for every year, geometric per cell between 5-year steps."""
    keys = sorted(steps)
    out = {}
    for year in years:
        lo = max(k for k in keys if k <= year)
        hi = min((k for k in keys if k >= year), default=lo)
        if hi == lo:
            out[year] = steps[lo]
            continue
        w = (year - lo) / (hi - lo)
        a, b = steps[lo], steps[hi]
        with np.errstate(divide="ignore", invalid="ignore"):
            geometric = a * (b / a) ** w
        out[year] = np.where((a > 0) & (b > 0), geometric, a + (b - a) * w)
    return out


def band_count(pyramid: np.ndarray, low: int, high: int) -> np.ndarray:
    """People aged ``low``..``high`` (inclusive, years) from 5-year groups, assuming ages spread evenly in a group.

    Args:
        pyramid: counts with the age groups (:data:`cc_analytics.schema.AGE_GROUPS`) on the last axis.
    """
    total = np.zeros(pyramid.shape[:-1])
    for i, _ in enumerate(AGE_GROUPS):
        start, end = 5 * i, (5 * i + 4 if i < len(AGE_GROUPS) - 1 else 200)
        overlap = min(end, high) - max(start, low) + 1
        if overlap > 0:
            share = 1.0 if i == len(AGE_GROUPS) - 1 else overlap / 5
            total = total + pyramid[..., i] * share
    return total


@dataclass(frozen=True)
class CohortProjection:
    """Result of :func:`project_cohort`.

    Attributes:
        piramida: columns ``kode_wilayah, tahun, jenis_kelamin`` (L/P), ``kelompok_umur``,
            ``jumlah_penduduk`` (jiwa, not rounded) for every wilayah and year, the kabupaten
            (``kode_total``) as the sum of the kecamatan.
        indikator: ``kode_wilayah, tahun, penduduk`` and the bands of :data:`AGE_BANDS` (jiwa).
        parameters: the assumptions used, with their sources.
    """

    piramida: pd.DataFrame
    indikator: pd.DataFrame
    parameters: CohortParameters


def project_cohort(
    penduduk_umur: pd.DataFrame,
    tahun_dasar: int,
    tahun_akhir: int,
    params: CohortParameters | None = None,
    kode_total: str | None = "35.14",
) -> CohortProjection:
    """Project the population by sex and age group from ``tahun_dasar`` to ``tahun_akhir``.

    Args:
        penduduk_umur: ``kode_kecamatan`` (or ``kode_wilayah``), ``jenis_kelamin`` (L/P),
            ``kelompok_umur`` (schema ``AGE_GROUPS``), ``jumlah_penduduk`` (jiwa) at ``tahun_dasar``.
        tahun_dasar: year of the age structure (e.g. 2025 for the period 2025-S1).
        tahun_akhir: last year projected (at most 50 years ahead).
        params: assumptions; None loads the defaults (:func:`load_cohort_parameters`).
        kode_total: code of a total row added as the sum of all wilayah; None for none.

    Raises:
        CohortInputError: unusable age structure or parameters (Indonesian message).
    """
    params = params or load_cohort_parameters()
    params.validate()
    if not 0 <= tahun_akhir - tahun_dasar <= 50:
        raise CohortInputError("Tahun akhir proyeksi kohort harus 0-50 tahun setelah tahun dasar.")
    kodes, pop = _base_array(penduduk_umur)
    survival_l, births_l = survival_ratios(params.e0_l)
    survival_p, births_p = survival_ratios(params.e0_p)
    survival = np.stack([survival_l, survival_p])
    steps = {tahun_dasar: pop}
    while max(steps) < tahun_akhir:
        steps[max(steps) + STEP_YEARS] = _step(steps[max(steps)], params, survival, np.array([births_l, births_p]))
    yearly = _interpolate(steps, list(range(tahun_dasar, tahun_akhir + 1)))
    if kode_total is not None and kode_total not in kodes:
        kodes = [*kodes, kode_total]
        yearly = {y: np.concatenate([a, a.sum(axis=0, keepdims=True)]) for y, a in yearly.items()}
    return CohortProjection(_pyramid_frame(kodes, yearly), _indicator_frame(kodes, yearly), params)


def _pyramid_frame(kodes: list[str], yearly: dict[int, np.ndarray]) -> pd.DataFrame:
    years = sorted(yearly)
    cube = np.stack([yearly[y] for y in years])  # (year, wilayah, sex, group)
    index = pd.MultiIndex.from_product(
        [years, kodes, SEXES, AGE_GROUPS], names=PYRAMID_COLUMNS[1:2] + PYRAMID_COLUMNS[:1] + PYRAMID_COLUMNS[2:4]
    )
    frame = pd.DataFrame({"jumlah_penduduk": cube.ravel()}, index=index).reset_index()
    return frame[PYRAMID_COLUMNS]


def _indicator_frame(kodes: list[str], yearly: dict[int, np.ndarray]) -> pd.DataFrame:
    rows = []
    for year in sorted(yearly):
        both = yearly[year].sum(axis=1)  # (wilayah, group)
        bands = {name: band_count(both, low, high) for name, (low, high) in AGE_BANDS.items()}
        rows.append(pd.DataFrame({"kode_wilayah": kodes, "tahun": year, "penduduk": both.sum(axis=1), **bands}))
    return pd.concat(rows, ignore_index=True)
