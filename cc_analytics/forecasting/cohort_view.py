"""Tables of the cohort projection for the page *proyeksi*: pyramids and age bands, small counts suppressed.

The projection starts from registry counts, so a projected cell of a small kecamatan can be small and
says something about real people: every table and chart here goes through
:func:`cc_analytics.privacy.protect_table` (after rounding to whole jiwa), with the totals it shows
treated as published, so no hidden count can be worked out from them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cc_analytics.forecasting import proyeksi_texts as txt
from cc_analytics.forecasting.cohort import AGE_BANDS, SEXES, CohortParameters
from cc_analytics.forecasting.forecast import KODE_KABUPATEN
from cc_analytics.forecasting.presentation import wilayah_name
from cc_analytics.formatting import format_count, format_number
from cc_analytics.privacy import COMPLEMENT, SMALL, TOTAL, protect_table
from cc_analytics.schema import AGE_GROUPS

BAND_COLUMNS = ("penduduk", *AGE_BANDS)
PYRAMID_DATA_COLUMNS = ["tahun", "jenis_kelamin", "kelompok_umur", "jumlah", "status", "nilai_grafik", "label"]


def _label(value: object, status: str, min_cell: int) -> str:
    if status in (SMALL, COMPLEMENT):
        return format_count(None, min_cell, is_small=status == SMALL)
    return format_number(int(value))  # type: ignore[call-overload]


def pyramid_data(piramida: pd.DataFrame, kode_wilayah: str, years: tuple[int, ...], min_cell: int) -> pd.DataFrame:
    """Pyramid rows of one wilayah for some years, rounded and suppressed.

    Args:
        piramida: :attr:`CohortProjection.piramida` (``kode_wilayah, tahun, jenis_kelamin, kelompok_umur,
            jumlah_penduduk``).
        kode_wilayah: the wilayah.
        years: the years wanted (each must be projected).
        min_cell: suppression threshold (counts below it are small).

    Returns:
        Columns :data:`PYRAMID_DATA_COLUMNS`: ``jumlah`` (jiwa, ``Int64``, ``<NA>`` when suppressed),
        ``status`` (``shown``/``small``/``complement``), ``nilai_grafik`` (men negative, women positive,
        NaN when suppressed: the bar is not drawn), ``label`` (``1.234``, ``<5`` or ``•``). Each year is
        protected as an age x sex table whose sex totals (and so the total) count as published.
    """
    rows = piramida[piramida["kode_wilayah"] == kode_wilayah]
    frames = []
    for year in years:
        counts = (
            rows[rows["tahun"] == year]
            .pivot_table(index="kelompok_umur", columns="jenis_kelamin", values="jumlah_penduduk", aggfunc="sum")
            .reindex(index=list(AGE_GROUPS), columns=list(SEXES), fill_value=0.0)
            .round()
            .astype("int64")
        )
        protected = protect_table(counts, min_cell, row_totals=False, col_totals=True)
        values = protected.cells.stack().rename("jumlah")
        status = protected.cell_status.stack().rename("status")
        long = pd.concat([values, status], axis=1).reset_index(names=["kelompok_umur", "jenis_kelamin"])
        frames.append(long.assign(tahun=year))
    data = pd.concat(frames, ignore_index=True)
    sign = data["jenis_kelamin"].map({"L": -1.0, "P": 1.0})
    return data.assign(
        nilai_grafik=data["jumlah"].astype("Float64").astype(float) * sign,
        label=[_label(v, s, min_cell) for v, s in zip(data["jumlah"], data["status"], strict=True)],
    )[PYRAMID_DATA_COLUMNS]


@dataclass(frozen=True)
class BandTable:
    """Age bands per kecamatan in one year, after suppression.

    Attributes:
        values: one row per kecamatan (code order) then the kabupaten (the sum of the rounded kecamatan
            values), columns ``kode_wilayah, nama`` and :data:`BAND_COLUMNS` (jiwa, ``Int64``, ``<NA>``
            when suppressed).
        status: same shape as the band columns of ``values``: ``shown``/``small``/``complement``.
        min_cell: the threshold used.
    """

    values: pd.DataFrame
    status: pd.DataFrame
    min_cell: int

    def display(self) -> pd.DataFrame:
        """String table with the headers of :data:`proyeksi_texts.BAND_COLUMNS` (``1.234``, ``<5``, ``•``)."""
        out = pd.DataFrame({txt.BAND_COLUMNS["nama"]: self.values["nama"].tolist()})
        for column in BAND_COLUMNS:
            out[txt.BAND_COLUMNS[column]] = [
                _label(v, s, self.min_cell) for v, s in zip(self.values[column], self.status[column], strict=True)
            ]
        return out

    def download(self) -> pd.DataFrame:
        """For CSV/XLSX: whole numbers where shown, ``<5`` / ``•`` where suppressed; Indonesian headers."""
        out = pd.DataFrame({"Kode": self.values["kode_wilayah"].tolist()})
        out[txt.BAND_COLUMNS["nama"]] = self.values["nama"].tolist()
        for column in BAND_COLUMNS:
            out[txt.BAND_COLUMNS[column]] = [
                int(v) if s not in (SMALL, COMPLEMENT) else _label(v, s, self.min_cell)
                for v, s in zip(self.values[column], self.status[column], strict=True)
            ]
        return out


def band_table(indikator: pd.DataFrame, tahun: int, min_cell: int) -> BandTable:
    """Population, under-fives, school ages and 70+ per kecamatan in ``tahun``, rounded and suppressed.

    Args:
        indikator: :attr:`CohortProjection.indikator` (``kode_wilayah, tahun, penduduk`` and the bands
            of :data:`cc_analytics.forecasting.cohort.AGE_BANDS`, jiwa).
        tahun: a projected year.
        min_cell: suppression threshold.

    The bands are separate lists (they do not add up to the population), each with its kabupaten total
    published: :func:`protect_table` without row totals, with column totals.
    """
    rows = indikator[(indikator["tahun"] == tahun) & (indikator["kode_wilayah"] != KODE_KABUPATEN)]
    counts = rows.set_index("kode_wilayah")[list(BAND_COLUMNS)].sort_index().round().astype("int64")
    protected = protect_table(counts, min_cell, row_totals=False, col_totals=True)
    values = protected.values.reset_index(names="kode_wilayah")
    values["kode_wilayah"] = [*counts.index, KODE_KABUPATEN]
    values.insert(1, "nama", [wilayah_name(k).removeprefix("Kecamatan ") for k in values["kode_wilayah"]])
    status = protected.status.reset_index(drop=True)
    return BandTable(values=values.drop(columns=TOTAL), status=status.drop(columns=TOTAL), min_cell=min_cell)


def wilayah_bands(dasar: BandTable, akhir: BandTable, kode_wilayah: str) -> pd.DataFrame:
    """The age bands of one wilayah in the base year and the year shown, for headline cards.

    Args:
        dasar: :func:`band_table` of the base year.
        akhir: :func:`band_table` of the year shown.
        kode_wilayah: a kecamatan or the kabupaten (``35.14``).

    Returns:
        One row per column of :data:`BAND_COLUMNS` except ``penduduk``: ``band``, ``label_dasar`` and
        ``label`` (``1.234``, ``<5`` or ``•``), ``change`` (``akhir / dasar - 1``; NaN when either is
        suppressed or the base is 0).
    """
    rows = []
    for band in BAND_COLUMNS[1:]:
        values = []
        for table in (dasar, akhir):
            index = table.values.index[table.values["kode_wilayah"] == kode_wilayah][0]
            value, status = table.values.at[index, band], table.status.at[index, band]
            values.append((value, status, _label(value, status, table.min_cell)))
        (v0, s0, l0), (v1, s1, l1) = values
        hidden = {s0, s1} & {SMALL, COMPLEMENT}
        change = float("nan") if hidden or int(v0) == 0 else int(v1) / int(v0) - 1
        rows.append((band, l0, l1, change))
    return pd.DataFrame(rows, columns=["band", "label_dasar", "label", "change"])


def parameter_table(params: CohortParameters) -> pd.DataFrame:
    """The assumptions of a projection with their values and sources.

    Returns:
        Columns ``parameter`` (Indonesian name), ``nilai`` (formatted), ``sumber``: TFR, life expectancy of
        men and women, sex ratio at birth, net migration. A value the planner changed reads "pilihan
        pengguna di halaman ini".
    """
    values = {
        "tfr": format_number(params.tfr, 2),
        "e0_l": format_number(params.e0_l, 2),
        "e0_p": format_number(params.e0_p, 2),
        "rasio_jenis_kelamin_lahir": format_number(params.rasio_jenis_kelamin_lahir),
        "migrasi_neto": format_number(params.migrasi_neto, 1),
    }
    sources = [params.sumber.get(name, "") for name in values]
    return pd.DataFrame(
        {
            "parameter": [txt.PARAM_NAMES[name] for name in values],
            "nilai": list(values.values()),
            "sumber": [txt.USER_CHOICE if s == "pilihan pengguna" else s for s in sources],
        }
    )


def parameter_lines(params: CohortParameters) -> list[str]:
    """The assumptions as Markdown list items: ``**TFR**: 1,98 — terkonfirmasi: BPS …``."""
    table = parameter_table(params)
    return [txt.PARAM_LINE.format(parameter=r.parameter, nilai=r.nilai, sumber=r.sumber) for r in table.itertuples()]
