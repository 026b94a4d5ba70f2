"""PKH rolls per tahap: who is a KPM, with which komponen and amount, and the injected problems.

The roll of a tahap takes the DTSEN snapshot of its year. Eligible families (desil 1-4 with at least one
qualifying member and an adult pengurus) are on the roll when their persistent draw is below
:data:`rates.PKH_COVERAGE`; a few families of desil 5-6 or outside DTSEN are added (inclusion errors).
Problems are then given to distinct KPM, chosen by persistent per-KK draws so that a problem stays with
the same KPM from tahap to tahap while it lasts (a deceased pengurus stays on the roll for up to two years).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa

from cc_analytics.demo import anchors, names, rates
from cc_analytics.demo.anchors import Komponen
from cc_analytics.demo.dtsen import DtsenSnapshot
from cc_analytics.demo.identifiers import count_for, mangle_nik, unknown_nik
from cc_analytics.demo.pkh_komponen import FamilyView, KomponenCounter
from cc_analytics.demo.population import Geography
from cc_analytics.demo.register import Register
from cc_analytics.demo.snapshot import Numbers, nik_text
from cc_analytics.periods import periode_of_tahap
from cc_analytics.schema import PKH_KOMPONEN_COLUMNS

DRAWS = ("coverage", "luar", "tidak_dtsen", "meninggal", "ganda", "unknown", "desa", "desa_offset")


@dataclass(frozen=True)
class PkhTahap:
    """One PKH file: its table, the problems injected, and the records named as pengurus."""

    tahun: int
    tahap: int
    table: pa.Table
    injected: dict[str, int]
    pengurus: np.ndarray
    kpm: int
    eligible: int


def _lowest(draw: np.ndarray, candidates: np.ndarray, count: int) -> np.ndarray:
    """The ``count`` candidates (KK indices) with the lowest persistent draw."""
    return candidates[np.argsort(draw[candidates], kind="stable")[:count]]


class PkhBuilder:
    """Persistent per-KK draws and the tahap-by-tahap construction of the roll."""

    def __init__(
        self, rng: np.random.Generator, reg: Register, geo: Geography, numbers: Numbers, komponen: tuple[Komponen, ...]
    ) -> None:
        self.reg, self.geo, self.numbers, self.komponen = reg, geo, numbers, komponen
        self.counter = KomponenCounter(reg, komponen)
        self.draw = {name: rng.random(reg.n_kk) for name in DRAWS}
        self.nilai = np.array([k.nilai_per_tahun_rp for k in komponen], dtype=np.int64)
        self.columns = [PKH_KOMPONEN_COLUMNS[k.name] for k in komponen]

    def _composition(
        self, view: FamilyView, desil: np.ndarray, present: np.ndarray
    ) -> tuple[np.ndarray, dict[str, int], int]:
        """KK on the roll (sorted), the composition counts, and the number of eligible families."""
        able = (view.counts.sum(axis=0) > 0) & (view.pengurus >= 0) & present
        eligible = able & (desil >= 1) & (desil <= 4)
        on_roll = eligible & (self.draw["coverage"] < rates.PKH_COVERAGE)
        n_in = int(on_roll.sum())
        total = n_in / (1 - rates.RATE_PKH_DI_LUAR_DESIL_1_4 - rates.RATE_PKH_TIDAK_DI_DTSEN)
        luar = _lowest(
            self.draw["luar"],
            np.flatnonzero(able & ((desil == 5) | (desil == 6))),
            count_for(rates.RATE_PKH_DI_LUAR_DESIL_1_4, round(total)),
        )
        outside = _lowest(
            self.draw["tidak_dtsen"],
            np.flatnonzero(able & (desil == 0)),
            count_for(rates.RATE_PKH_TIDAK_DI_DTSEN, round(total)),
        )
        roll = np.sort(np.concatenate([np.flatnonzero(on_roll), luar, outside]))
        injected = {
            "pkh_desil_1_4_tidak_tercakup": int((eligible & ~on_roll).sum()),
            "pkh_di_luar_desil_1_4": len(luar),
            "pkh_tidak_di_dtsen": len(outside),
        }
        return roll, injected, int(eligible.sum())

    def _deceased_pengurus(self, roll: np.ndarray, first: int) -> tuple[np.ndarray, np.ndarray]:
        """(KK, record) of roll families whose adult member died in the window before the semester."""
        reg = self.reg
        died = np.flatnonzero(
            (reg.death < first)
            & (reg.death >= first - rates.PKH_MENINGGAL_WINDOW_DAYS)
            & (reg.death - reg.birth >= 18 * anchors.DAYS_PER_YEAR)
        )
        on_roll = np.zeros(reg.n_kk, dtype=bool)
        on_roll[roll] = True
        died = died[on_roll[reg.kk[died]]]
        died = died[np.lexsort((reg.death[died], reg.kk[died]))]
        latest = np.full(reg.n_kk, -1, dtype=np.int64)
        latest[reg.kk[died]] = died
        families = np.flatnonzero(latest >= 0)
        chosen = _lowest(self.draw["meninggal"], families, count_for(rates.RATE_PKH_MENINGGAL, len(roll)))
        return np.sort(chosen), latest[np.sort(chosen)]

    def _other_desa(self, kk: np.ndarray) -> np.ndarray:
        """A different desa of the same kecamatan, fixed per KK."""
        desa = self.reg.kk_desa[kk].astype(np.int64)
        kec = self.geo.desa_kec[desa]
        first = np.searchsorted(self.geo.desa_kec, kec, side="left")
        size = np.searchsorted(self.geo.desa_kec, kec, side="right") - first
        step = 1 + np.floor(self.draw["desa_offset"][kk] * (size - 1)).astype(np.int64)
        return first + (desa - first + step) % size

    def _problems(
        self, rng: np.random.Generator, view: FamilyView, roll: np.ndarray, first: int
    ) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
        """Komponen counts and pengurus per roll row, and the rows given each problem (each row one at most)."""
        counts = view.counts[:, roll].copy()
        pengurus = view.pengurus[roll].copy()
        dead_kk, dead_record = self._deceased_pengurus(roll, first)
        dead_row = np.searchsorted(roll, dead_kk)
        pengurus[dead_row] = dead_record
        counts[:, dead_row] += view.member_komponen[:, dead_record]
        taken = np.zeros(len(roll), dtype=bool)
        taken[dead_row] = True
        rows = {"pkh_meninggal": dead_row}
        for key, draw, rate in (
            ("pkh_nik_ganda", "ganda", rates.RATE_PKH_NIK_GANDA),
            ("pkh_nik_tidak_di_dukcapil", "unknown", rates.RATE_PKH_NIK_TIDAK_DI_DUKCAPIL),
            ("pkh_kk_beda_desa", "desa", rates.RATE_PKH_KK_BEDA_DESA),
        ):
            free = np.flatnonzero(~taken)
            chosen = free[np.argsort(self.draw[draw][roll[free]], kind="stable")[: count_for(rate, len(roll))]]
            rows[key] = np.sort(chosen)
            taken[chosen] = True
        free = np.flatnonzero(~taken)
        rows["pkh_nik_rusak"] = np.sort(rng.choice(free, count_for(rates.RATE_PKH_NIK_RUSAK, len(roll)), replace=False))
        return counts, pengurus, rows

    def build(self, rng: np.random.Generator, tahun: int, tahap: int, dtsen: DtsenSnapshot) -> PkhTahap:
        """The roll of ``tahap`` in ``tahun`` using the DTSEN snapshot of the same year."""
        reg = self.reg
        periode = periode_of_tahap(tahun, tahap)
        first, last = anchors.day_of(periode.tanggal_awal), anchors.day_of(periode.tanggal_akhir)
        day = anchors.day_of(date(tahun, rates.PKH_TAHAP_MONTH[tahap], 1))
        view = self.counter.view(day, last)
        present = np.bincount(reg.kk[reg.alive(last)], minlength=reg.n_kk) > 0
        roll, injected, eligible = self._composition(view, dtsen.desil, present)
        counts, pengurus, rows = self._problems(rng, view, roll, first)
        injected.update({key: len(value) for key, value in rows.items()})
        table = self._table(rng, tahun, tahap, roll, counts, pengurus, rows)
        return PkhTahap(tahun, tahap, table, injected, pengurus, len(roll), eligible)

    def _table(
        self,
        rng: np.random.Generator,
        tahun: int,
        tahap: int,
        roll: np.ndarray,
        counts: np.ndarray,
        pengurus: np.ndarray,
        rows: dict[str, np.ndarray],
    ) -> pa.Table:
        reg, numbers = self.reg, self.numbers
        nik = numbers.nik[pengurus]
        unknown = rows["pkh_nik_tidak_di_dukcapil"]
        nik[unknown] = unknown_nik(nik[unknown])
        desa = reg.kk_desa[roll].astype(np.int64)
        moved = rows["pkh_kk_beda_desa"]
        desa[moved] = self._other_desa(roll[moved])
        nominal = (counts * self.nilai[:, None]).sum(axis=0) // 4
        status = _status(rng, len(roll), rows["pkh_meninggal"])
        order = np.concatenate([np.arange(len(roll)), rows["pkh_nik_ganda"]])
        order = order[np.lexsort((np.arange(len(order)), roll[order], reg.kk_desa[roll[order]]))]
        mangled = np.flatnonzero(np.isin(order, rows["pkh_nik_rusak"]))
        name = names.build_names(reg.sex[pengurus], reg.name_first[pengurus], reg.name_second[pengurus])
        columns = {
            "NIK_PENGURUS": nik_text(
                pa.array(nik[order]).cast(pa.string()), mangled, mangle_nik(rng, nik[order][mangled])
            ),
            "NO_KK": numbers.no_kk_text.take(pa.array(roll[order])),
            "NAMA_PENGURUS": name.take(pa.array(order)),
            "KODE_DESA": numbers.desa_dotted.take(pa.array(desa[order])),
            "TAHUN": pa.array(np.full(len(order), tahun, dtype=np.int64)),
            "TAHAP": pa.array(np.full(len(order), tahap, dtype=np.int64)),
        }
        for i, column in enumerate(self.columns):
            columns[column] = pa.array(counts[i, order])
        columns["NOMINAL"] = pa.array(nominal[order])
        columns["STATUS_BAYAR"] = pa.array(status[order].tolist(), pa.string())
        return pa.table(columns)


def _status(rng: np.random.Generator, count: int, deceased: np.ndarray) -> np.ndarray:
    draw = rng.random(count)
    status = np.where(draw < rates.SHARE_STATUS_GAGAL, "GAGAL", "SALUR")
    status = np.where(draw > 1 - rates.SHARE_STATUS_RETUR, "RETUR", status)
    status[deceased] = np.where(draw[deceased] < rates.SHARE_RETUR_WHEN_MENINGGAL, "RETUR", "SALUR")
    return status
