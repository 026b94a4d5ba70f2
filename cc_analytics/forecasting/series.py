"""One annual series per wilayah on one basis: validation, basis choice, splicing and gap filling.

Census counts, BPS estimates and Dukcapil registry counts measure different things (the registry ran
about 17% above the 2020 census in Kabupaten Pasuruan), so a model is only ever fitted to one basis:

1. the **basis** is the one asked for, or else the basis of the latest year (ties: the basis with more
   years, then ``estimasi_bps``, ``registrasi``, ``sensus``);
2. if that basis has fewer than :data:`MIN_YEARS_ALONE` years, the older years of one other basis are
   **spliced** on: by the ratio of the two in a year both have (the usual linking of a series at a
   change of base), or, with no such year and at least 2 older years, by assuming the jump across the
   seam equals the average annual growth (a documented fallback, said in a note);
3. interior **gaps** are filled by geometric interpolation and flagged;
4. zero, negative and empty values are dropped with a note. Fewer than 2 usable years is an error.

Input frames have the columns of the mart ``penduduk_tahunan``: ``kode_wilayah, tahun, penduduk``
(jiwa), ``basis`` and optionally ``sumber``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cc_analytics.errors import CCError
from cc_analytics.forecasting import texts

BASIS_PREFERENCE: tuple[str, ...] = ("estimasi_bps", "registrasi", "sensus")
UNKNOWN_BASIS = "tidak_disebut"
MIN_YEARS_ALONE = 6
MIN_YEARS = 2
HISTORY_COLUMNS = ["kode_wilayah", "tahun", "penduduk", "basis", "sumber", "dipakai", "penduduk_model", "is_imputed"]


class SeriesError(CCError):
    """A population series cannot be forecast (message in Indonesian, naming the wilayah)."""


@dataclass(frozen=True)
class PreparedSeries:
    """The series a model is fitted to, and the history it came from.

    Attributes:
        kode_wilayah: wilayah code (or any label from a CSV).
        basis: basis of the fitted values.
        tahun: consecutive years, oldest first.
        penduduk: fitted values, jiwa (spliced and interpolated where the notes say so).
        is_imputed: True for interpolated years.
        history: every input row, columns :data:`HISTORY_COLUMNS`: ``dipakai`` (used for the model),
            ``penduduk_model`` (the value the model saw, NaN when unused), ``is_imputed``.
        notes: Indonesian notes on everything done to the data.
    """

    kode_wilayah: str
    basis: str
    tahun: np.ndarray
    penduduk: np.ndarray
    is_imputed: np.ndarray
    history: pd.DataFrame
    notes: tuple[str, ...]

    @property
    def last_year(self) -> int:
        """The last observed year (the forecast origin)."""
        return int(self.tahun[-1])


def _years_text(years: list[int] | np.ndarray) -> str:
    return ", ".join(str(int(y)) for y in years)


@dataclass(frozen=True)
class _Rows:
    """The usable input rows of one series as arrays (pandas is slow for a few dozen rows)."""

    tahun: np.ndarray
    penduduk: np.ndarray
    basis: np.ndarray
    sumber: np.ndarray

    def of_basis(self, basis: str) -> dict[int, float]:
        pick = self.basis == basis
        return dict(zip(self.tahun[pick].tolist(), self.penduduk[pick].tolist(), strict=True))


def _column(frame: pd.DataFrame, name: str, default: str) -> np.ndarray:
    if name not in frame.columns:
        return np.full(len(frame), default, dtype=object)
    return np.array([default if pd.isna(v) else str(v) for v in frame[name].tolist()], dtype=object)


def _numbers(column: pd.Series) -> np.ndarray:
    """A column as floats; text that is not a number becomes NaN."""
    try:
        return column.to_numpy(dtype=float, na_value=np.nan)
    except (TypeError, ValueError):
        return pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _clean(frame: pd.DataFrame, kode: str) -> tuple[_Rows, list[str]]:
    """Typed arrays with invalid values dropped; duplicate (tahun, basis) rows merged or refused."""
    missing = {"tahun", "penduduk"} - set(frame.columns)
    if missing:
        raise SeriesError(f"Deret '{kode}': kolom {', '.join(sorted(missing))} tidak ada.")
    tahun = _numbers(frame["tahun"])
    if np.isnan(tahun).any() or (tahun % 1 != 0).any():
        raise SeriesError(f"Deret '{kode}': kolom tahun harus berisi bilangan bulat.")
    penduduk = _numbers(frame["penduduk"])
    rows = _Rows(tahun.astype(int), penduduk, _column(frame, "basis", UNKNOWN_BASIS), _column(frame, "sumber", ""))
    notes: list[str] = []
    bad = ~(np.isfinite(penduduk) & (penduduk > 0))
    if bad.any():
        notes.append(texts.NOTE_DROPPED_VALUES.format(years=_years_text(sorted(set(rows.tahun[bad].tolist())))))
        rows = _Rows(*(a[~bad] for a in (rows.tahun, rows.penduduk, rows.basis, rows.sumber)))
    seen: dict[tuple[int, str], float] = {}
    keep = np.ones(rows.tahun.size, dtype=bool)
    merged: set[int] = set()
    for i, key in enumerate(zip(rows.tahun.tolist(), rows.basis.tolist(), strict=True)):
        if key in seen:
            if seen[key] != rows.penduduk[i]:
                raise SeriesError(
                    f"Deret '{kode}': tahun {key[0]} basis {key[1]} punya lebih dari satu nilai berbeda. "
                    "Sisakan satu baris per tahun dan basis."
                )
            keep[i] = False
            merged.add(key[0])
        seen[key] = float(rows.penduduk[i])
    if merged:
        notes.append(texts.NOTE_DUPLICATES_MERGED.format(years=_years_text(sorted(merged))))
    order = np.lexsort((rows.basis[keep].astype(str), rows.tahun[keep]))
    return _Rows(*(a[keep][order] for a in (rows.tahun, rows.penduduk, rows.basis, rows.sumber))), notes


def _basis_rank(basis: str, counts: dict[str, int]) -> tuple[int, int]:
    order = BASIS_PREFERENCE.index(basis) if basis in BASIS_PREFERENCE else len(BASIS_PREFERENCE)
    return (-counts.get(basis, 0), order)


def choose_basis(frame: pd.DataFrame) -> str:
    """The default basis of a series: the basis of its latest year (ties: more years, then preference).

    Args:
        frame: rows of one wilayah with ``tahun`` and ``basis``.
    """
    tahun = frame["tahun"].to_numpy()
    basis = frame["basis"].astype(str).to_numpy()
    return _choose_basis(tahun, basis)


def _choose_basis(tahun: np.ndarray, basis: np.ndarray) -> str:
    latest = set(basis[tahun == tahun.max()].tolist())
    values, counts = np.unique(basis.astype(str), return_counts=True)
    count_of = dict(zip(values.tolist(), counts.tolist(), strict=True))
    return sorted(latest, key=lambda b: _basis_rank(b, count_of))[0]


def _splice(target: dict[int, float], other: dict[int, float], names: tuple[str, str]) -> tuple[dict[int, float], str]:
    """Older years of ``other`` brought to the level of ``target``; returns them and a note."""
    basis, other_basis = names
    first_target = min(target)
    overlap = sorted(set(target) & set(other))
    older = {y: v for y, v in other.items() if y < first_target}
    labels = {"other": texts.BASIS_LABELS.get(other_basis, other_basis), "basis": texts.BASIS_LABELS.get(basis, basis)}
    span = {"first": min(older), "last": max(older)}
    if overlap:
        year = overlap[-1]
        ratio = target[year] / other[year]
        note = texts.NOTE_SPLICED_OVERLAP.format(**labels, **span, ratio=f"{ratio:.3f}".replace(".", ","), year=year)
        return {y: v * ratio for y, v in older.items()}, note
    growth = []
    for segment in (older, target):
        years = np.array(sorted(segment))
        if years.size > 1:
            logs = np.log([segment[y] for y in years])
            growth.append(np.diff(logs) / np.diff(years))
    mean_growth = float(np.mean(np.concatenate(growth))) if growth else 0.0
    prev_year = max(older)
    factor = float(np.exp(np.log(target[first_target]) - mean_growth * (first_target - prev_year)) / older[prev_year])
    note = texts.NOTE_SPLICED_NO_OVERLAP.format(**labels, **span, prev_year=prev_year, next_year=first_target)
    return {y: v * factor for y, v in older.items()}, note


def _fill_gaps(values: dict[int, float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every year from first to last, gaps filled by geometric (log-linear) interpolation."""
    known = np.array(sorted(values))
    years = np.arange(known[0], known[-1] + 1)
    imputed = ~np.isin(years, known)
    filled = np.exp(np.interp(years, known, np.log([values[y] for y in known])))
    exact = np.array([values.get(int(y), np.nan) for y in years])
    return years, np.where(imputed, filled, exact), imputed


def _can_splice(other: dict[int, float], target: dict[int, float]) -> bool:
    """An older segment carries information only with a shared year, or with 2+ years of its own."""
    older = [y for y in other if y < min(target)]
    return len(older) >= 2 or (len(older) == 1 and bool(set(other) & set(target)))


def _segments(rows: _Rows, basis: str) -> tuple[dict[int, float], list[str], str | None]:
    """Values used for the model (year -> jiwa), notes, and the other basis spliced in (if any)."""
    target = rows.of_basis(basis)
    others = sorted(set(rows.basis.tolist()) - {basis})
    notes: list[str] = []
    spliced_basis = None
    if len(target) < MIN_YEARS_ALONE:
        candidates = [b for b in others if _can_splice(rows.of_basis(b), target)]
        if candidates:
            spliced_basis = max(candidates, key=lambda b: sum(y < min(target) for y in rows.of_basis(b)))
            older, note = _splice(target, rows.of_basis(spliced_basis), (basis, spliced_basis))
            target = {**older, **target}
            notes.append(note)
    unused = [b for b in others if b != spliced_basis]
    if unused:
        names = ", ".join(texts.BASIS_LABELS.get(b, b) for b in unused)
        notes.append(texts.NOTE_OTHER_BASIS_UNUSED.format(others=names, basis=texts.BASIS_LABELS.get(basis, basis)))
    return target, notes, spliced_basis


def _history(
    rows: _Rows, kode: str, used: dict[int, float], bases: tuple[str, str | None], filled: tuple
) -> pd.DataFrame:
    """The history table of :class:`PreparedSeries` (input rows plus interpolated years)."""
    basis, spliced_basis = bases
    years, values, imputed = filled
    model_value = dict(zip(years.tolist(), values.tolist(), strict=True))
    target_years = set(rows.tahun[rows.basis == basis].tolist())
    in_model = np.array(
        [
            (b == basis or (b == spliced_basis and y not in target_years)) and y in used
            for y, b in zip(rows.tahun.tolist(), rows.basis.tolist(), strict=True)
        ],
        dtype=bool,
    )
    n_fill = int(imputed.sum())
    columns = {
        "kode_wilayah": np.full(rows.tahun.size + n_fill, kode, dtype=object),
        "tahun": np.concatenate([rows.tahun, years[imputed]]).astype(int),
        "penduduk": np.concatenate([rows.penduduk, np.full(n_fill, np.nan)]),
        "basis": np.concatenate([rows.basis, np.full(n_fill, basis, dtype=object)]),
        "sumber": np.concatenate([rows.sumber, np.full(n_fill, "interpolasi geometrik", dtype=object)]),
        "dipakai": np.concatenate([in_model, np.ones(n_fill, dtype=bool)]),
        "penduduk_model": np.concatenate(
            [np.where(in_model, [model_value.get(y, np.nan) for y in rows.tahun.tolist()], np.nan), values[imputed]]
        ),
        "is_imputed": np.concatenate([np.zeros(rows.tahun.size, dtype=bool), np.ones(n_fill, dtype=bool)]),
    }
    order = np.lexsort((columns["basis"].astype(str), columns["tahun"]))
    return pd.DataFrame({name: values_[order] for name, values_ in columns.items()})


def prepare_series(frame: pd.DataFrame, kode_wilayah: str, basis: str | None = None) -> PreparedSeries:
    """Validate one wilayah's history and build the single-basis series a model is fitted to.

    Args:
        frame: rows of this wilayah: ``tahun``, ``penduduk`` (jiwa), optional ``basis``, ``sumber``.
        kode_wilayah: code or label of the wilayah, used in messages and output.
        basis: basis to fit on; None chooses with :func:`choose_basis`.

    Returns:
        The prepared series (see module docstring for the rules and fallbacks).

    Raises:
        SeriesError: fewer than 2 usable years, non-integer years, conflicting duplicate rows, or an
            unknown basis.
    """
    rows, notes = _clean(frame, kode_wilayah)
    if rows.tahun.size == 0:
        raise SeriesError(f"Deret '{kode_wilayah}' tidak punya nilai penduduk yang dapat dipakai (semua kosong/≤ 0).")
    chosen = basis or _choose_basis(rows.tahun, rows.basis)
    if chosen not in set(rows.basis.tolist()):
        available = ", ".join(sorted(set(rows.basis.tolist())))
        raise SeriesError(f"Deret '{kode_wilayah}' tidak punya data berbasis '{chosen}' (tersedia: {available}).")
    used, segment_notes, spliced_basis = _segments(rows, chosen)
    notes.extend(segment_notes)
    years, values, imputed = _fill_gaps(used)
    if imputed.any():
        notes.append(texts.NOTE_GAPS_FILLED.format(years=_years_text(years[imputed])))
    if years.size < MIN_YEARS:
        on_basis = "" if chosen == UNKNOWN_BASIS else f" berbasis {texts.BASIS_LABELS.get(chosen, chosen)}"
        raise SeriesError(
            f"Deret '{kode_wilayah}' hanya punya {years.size} tahun data{on_basis}; "
            f"proyeksi perlu paling sedikit {MIN_YEARS} tahun."
        )
    history = _history(rows, kode_wilayah, used, (chosen, spliced_basis), (years, values, imputed))
    return PreparedSeries(
        kode_wilayah=kode_wilayah,
        basis=chosen,
        tahun=years,
        penduduk=values,
        is_imputed=imputed,
        history=history,
        notes=tuple(notes),
    )
