"""``generate_demo``: build the synthetic register and write the full set of raw demo files.

Same ``seed`` and ``scale`` give byte-identical files: every random draw comes from a numpy generator
seeded from ``(seed, stream)``, and nothing in the content depends on time or on set ordering.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from cc_analytics.demo import anchors, rates
from cc_analytics.demo.annual import penduduk_tahunan
from cc_analytics.demo.dtsen import DtsenBuilder
from cc_analytics.demo.dynamics import SemesterEvents, simulate_semester
from cc_analytics.demo.manifest import Ledger, build_manifest
from cc_analytics.demo.pkh import PkhBuilder
from cc_analytics.demo.population import FamilySampler, Geography, build_geography, initial_register
from cc_analytics.demo.register import Register
from cc_analytics.demo.snapshot import DukcapilWriter, Numbers, build_numbers, record_order
from cc_analytics.demo.writer import MANIFEST, check_replaceable, staging, write_csv, write_manifest
from cc_analytics.errors import ConfigError
from cc_analytics.periods import Periode, periode_range
from cc_analytics.schema import DTSEN, DUKCAPIL, PENDUDUK_TAHUNAN, PKH

Progress = Callable[[float, str], None]
MAX_SCALE = 2.0


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`generate_demo` wrote.

    Attributes:
        out_dir: the folder holding the files.
        files: file names, in the order written (``DEMO.json`` last).
        rows: data rows per CSV file.
        penduduk: alive people on the register per semester label (jiwa).
        injected: injected problem -> rows over all files.
        seconds: wall-clock time of the run.
    """

    out_dir: Path
    files: tuple[str, ...]
    rows: dict[str, int]
    penduduk: dict[str, int]
    injected: dict[str, int]
    seconds: float


@dataclass(frozen=True)
class _World:
    geo: Geography
    reg: Register
    numbers: Numbers
    order: np.ndarray
    events: list[SemesterEvents]


def _rng(seed: int, stream: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence([seed, stream]))


def snapshot_periods() -> list[Periode]:
    """The semesters with a Dukcapil snapshot: 2021-S1 ... 2025-S2."""
    return periode_range(Periode(rates.FIRST_YEAR, 1), Periode(rates.LAST_YEAR, 2))


def _simulate(seed: int, scale: float, report: Progress) -> _World:
    start = anchors.day_of(rates.SIMULATION_START)
    geo = build_geography(_rng(seed, 1))
    sampler = FamilySampler(_rng(seed, 2), start - 1)
    reg = initial_register(_rng(seed, 3), geo, sampler, scale, start - 1)
    dynamics = _rng(seed, 4)
    last = snapshot_periods()[-1]
    for _ in range(rates.EXTRA_SEMESTERS):
        last = Periode(last.tahun + last.semester - 1, 2 if last.semester == 1 else 1)
    semesters = periode_range(Periode(rates.SIMULATION_START.year, 1), last)
    events = []
    for i, periode in enumerate(semesters):
        first_day, last_day = anchors.day_of(periode.tanggal_awal), anchors.day_of(periode.tanggal_akhir)
        events.append(simulate_semester(dynamics, reg, geo, sampler, scale, first_day, last_day))
        report(0.05 + 0.25 * (i + 1) / len(semesters), f"simulasi register {periode.label}")
    numbers = build_numbers(reg, geo)
    return _World(geo, reg, numbers, record_order(reg), events)


def _validate(scale: float, seed: int) -> None:
    if not 0 < scale <= MAX_SCALE:
        raise ConfigError(f"Skala demo {scale} harus lebih dari 0 dan paling besar {MAX_SCALE:g}.")
    if seed < 0:
        raise ConfigError(f"Seed demo {seed} harus bilangan bulat >= 0.")


def _write_dtsen_pkh(
    world: _World, seed: int, folder: Path, ledger: Ledger, rows: dict[str, int], report: Progress
) -> np.ndarray:
    """Write the DTSEN and PKH files; returns the mask of records named in any of them."""
    reg = world.reg
    kec_nama = anchors.kecamatan_table()["nama"].to_numpy(dtype=str)
    dtsen_builder = DtsenBuilder(_rng(seed, 5), reg, world.geo.desa_kec, kec_nama)
    pkh_builder = PkhBuilder(_rng(seed, 6), reg, world.geo, world.numbers, anchors.pkh_komponen())
    named = np.zeros(reg.n_records, dtype=bool)
    years = range(rates.FIRST_YEAR, rates.LAST_YEAR + 1)
    for i, tahun in enumerate(years):
        snapshot = dtsen_builder.build(_rng(seed, 100 + tahun), reg, world.numbers, world.order, tahun)
        name = f"dtsen_{tahun}-S1.csv"
        rows[name] = write_csv(snapshot.table, DTSEN, folder / name)
        ledger.record(name, snapshot.injected, baris=rows[name])
        named[snapshot.members] = True
        for tahap in (1, 2, 3, 4):
            roll = pkh_builder.build(_rng(seed, 1000 + 10 * tahun + tahap), tahun, tahap, snapshot)
            name = f"pkh_{tahun}_tahap{tahap}.csv"
            rows[name] = write_csv(roll.table, PKH, folder / name)
            ledger.record(name, roll.injected, kpm=roll.kpm, keluarga_layak=roll.eligible, baris=rows[name])
            named[roll.pengurus] = True
        report(0.35 + 0.25 * (i + 1) / len(years), f"DTSEN dan PKH {tahun}")
    return named


def _write_dukcapil(
    world: _World, seed: int, folder: Path, ledger: Ledger, rows: dict[str, int], pool: np.ndarray, report: Progress
) -> dict[str, int]:
    """Write the semester snapshots; returns alive people per semester label."""
    writer = DukcapilWriter(world.reg, world.numbers, world.order)
    penduduk = {}
    periods = snapshot_periods()
    for i, periode in enumerate(periods):
        day = anchors.day_of(periode.tanggal_akhir)
        table, mangled = writer.table(_rng(seed, 3000 + i), day, pool)
        name = f"dukcapil_{periode.label}.csv"
        rows[name] = write_csv(table, DUKCAPIL, folder / name)
        ledger.record(name, {"dukcapil_nik_rusak": mangled}, baris=rows[name])
        penduduk[periode.label] = int(world.reg.alive(day).sum())
        report(0.6 + 0.35 * (i + 1) / len(periods), f"Dukcapil {periode.label}")
    return penduduk


def _registrasi(world: _World) -> dict[int, np.ndarray]:
    reg, geo = world.reg, world.geo
    out = {}
    for tahun in range(rates.FIRST_YEAR, rates.LAST_YEAR + 1):
        alive = reg.alive(anchors.day_of(date(tahun, 12, 31)))
        out[tahun] = np.bincount(geo.desa_kec[reg.kk_desa[reg.kk[alive]]], minlength=len(geo.kec_kode))
    return out


def generate_demo(
    out_dir: Path, scale: float = 1.0, seed: int = 35014, progress: Progress | None = None
) -> DemoSummary:
    """Write the synthetic raw files of the whole regency (or a ``scale`` share of it) into ``out_dir``.

    Files: ``dukcapil_YYYY-S1/S2.csv`` (2021-S1..2025-S2), ``dtsen_YYYY-S1.csv`` (2021..2025),
    ``pkh_YYYY_tahapN.csv`` (2021..2025, tahap 1-4), ``penduduk_tahunan.csv`` and ``DEMO.json``. The files
    are written into a sibling staging folder that replaces ``out_dir`` only when all are written.

    Args:
        out_dir: target folder; an existing folder must be empty or hold a previous demo.
        scale: share of the regency's population (1.0 = about 1.6 million people), at most 2.
        seed: seed of every random draw.
        progress: called with (fraction 0-1, Indonesian message) as the work advances.

    Raises:
        ConfigError: for an invalid scale or seed, or an output folder holding other files.
    """
    _validate(scale, seed)
    check_replaceable(Path(out_dir))
    started = time.perf_counter()
    report = progress or (lambda fraction, message: None)
    report(0.0, "menyiapkan register penduduk")
    world = _simulate(seed, scale, report)
    ledger = Ledger()
    rows: dict[str, int] = {}
    with staging(Path(out_dir)) as folder:
        named = _write_dtsen_pkh(world, seed, folder, ledger, rows, report)
        penduduk = _write_dukcapil(world, seed, folder, ledger, rows, ~named, report)
        table = penduduk_tahunan(scale, _registrasi(world))
        rows["penduduk_tahunan.csv"] = write_csv(table, PENDUDUK_TAHUNAN, folder / "penduduk_tahunan.csv")
        extra = {
            "penduduk_hidup": penduduk,
            "target_penduduk": {
                p.label: round(anchors.register_total(p.tanggal_akhir) * scale) for p in snapshot_periods()
            },
            "dinamika": [_event_dict(e) for e in world.events],
        }
        labels = [p.label for p in snapshot_periods()]
        write_manifest(folder / MANIFEST, build_manifest(seed, scale, labels, ledger, extra))
    report(1.0, "selesai")
    return DemoSummary(
        out_dir=Path(out_dir),
        files=(*rows, MANIFEST),
        rows=rows,
        penduduk=penduduk,
        injected=ledger.totals(),
        seconds=time.perf_counter() - started,
    )


def _event_dict(event: SemesterEvents) -> dict[str, object]:
    return {
        "dari": anchors.date_of(event.first_day).isoformat(),
        "sampai": anchors.date_of(event.last_day).isoformat(),
        "meninggal": event.deaths,
        "lahir": event.births,
        "kk_pindah_keluar": event.kk_out,
        "kk_pindah_masuk": event.kk_in,
        "penduduk_hidup_akhir": event.alive_end,
    }
