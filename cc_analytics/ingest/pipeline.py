"""The ingest: raw files in, one marts DuckDB file out, every row accounted for.

Steps: find the files; read, validate and aggregate them semester by semester (one Dukcapil snapshot in
memory at a time); link DTSEN and PKH to Dukcapil; write the marts into a file beside the target and
swap it in only when everything succeeded, so a failed ingest leaves the previous marts untouched.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from cc_analytics.errors import IngestError
from cc_analytics.ingest import aggregate, eligibility, guards, reuse
from cc_analytics.ingest.files import RawFile, discover, sha256_of
from cc_analytics.ingest.linkage import (
    collect_pkh_problems,
    insert_cakupan,
    insert_flags,
    insert_inklusi,
    insert_match_rates,
    link_dtsen,
    link_pkh,
)
from cc_analytics.ingest.prefetch import Planned, Prefetcher
from cc_analytics.ingest.validate import TOLAK_DDL, Validated, reject_cross_file_duplicates
from cc_analytics.ingest.workspace import work_dir, work_file
from cc_analytics.periods import Periode
from cc_analytics.pkh_policy import PkhPolicy, load_policy
from cc_analytics.sources import RULES
from cc_analytics.wilayah import load_wilayah

Progress = Callable[[float, str], None]

# Beyond this DuckDB spills intermediate tables to disk, keeping the peak memory of a full-regency ingest
# well under 3 GB.
MEMORY_LIMIT = "2GB"


@dataclass(frozen=True)
class FileAccount:
    """Row accounting of one file."""

    file_name: str
    sumber: str
    periode: str
    baris_dibaca: int
    baris_diterima: int
    baris_ditolak: int


@dataclass
class IngestReport:
    """What an ingest did: per-file accounting, periods built and the dataset kind."""

    files: list[FileAccount] = field(default_factory=list)
    periode: list[str] = field(default_factory=list)
    dataset_kind: str = "real"
    dipakai_ulang: list[str] = field(default_factory=list)

    @property
    def baris_dibaca(self) -> int:
        """Rows read over all files."""
        return sum(f.baris_dibaca for f in self.files)

    @property
    def baris_diterima(self) -> int:
        """Rows accepted over all files."""
        return sum(f.baris_diterima for f in self.files)

    @property
    def baris_ditolak(self) -> int:
        """Rows rejected over all files."""
        return sum(f.baris_ditolak for f in self.files)


class _Run:
    """State of one ingest run (connection, report, hashes in flight)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, files: list[RawFile], progress: Progress | None) -> None:
        self.con = con
        self.files = files
        self.periodes = _by_periode(files)
        self.report = IngestReport()
        self.progress = progress
        self.done = 0
        self.hashes: dict[str, Future[str]] = {}
        self.dtsen_date = ""
        self.policy: PkhPolicy = load_policy()
        self.workdir = Path(".")
        self.notes: dict[str, str] = {}
        self.reader: Prefetcher | None = None
        self.previous: Path | None = None
        self.reused = 0
        self.sidik: tuple[list[reuse.SemesterInputs], list[str]] | None = None
        self.tail = False
        self.threads = 1
        self.current: Path | None = None
        self.paksa = False

    def step(self, message: str) -> None:
        self.done += 1
        if self.progress:
            self.progress(min(self.done / (len(self.files) + 2), 1.0), message)

    def load(self, raws: list[RawFile], out: str) -> None:
        """Read, validate and log the files of one source and period; accepted rows end in ``out``."""
        rule = RULES[raws[0].sumber]
        if self.reader is None:
            self.reader = Prefetcher(self.con, [], self.workdir)
        parts: list[Validated] = []
        for index, raw in enumerate(raws):
            read = self.reader.take(raw, index)
            parts.append(read.validated)
            self.notes[raw.name] = read.note
        if self.reader.finished and not self.tail:
            # Nothing is validated ahead any more: the rest of the ingest may use both cores for each query.
            self.tail = True
            self.con.execute(f"SET threads = {max(self.threads, os.cpu_count() or 1)}")
        moved = reject_cross_file_duplicates(self.con, out, raws, parts, rule)
        guards.refuse_empty_snapshot(
            raws, sum(part.read for part in parts), sum(part.accepted for part in parts) - sum(moved)
        )
        for index, raw in enumerate(raws):
            self.con.execute(f"DROP TABLE {parts[index].shift}")
            accepted, rejected = parts[index].accepted - moved[index], parts[index].rejected + moved[index]
            if accepted + rejected != parts[index].read:
                raise IngestError(f"Hitungan baris berkas '{raw.name}' tidak seimbang; ingest dibatalkan.")
            self._log(raw, parts[index].read, accepted, rejected)

    def _log(self, raw: RawFile, read: int, accepted: int, rejected: int) -> None:
        account = FileAccount(raw.name, raw.sumber, raw.periode_label, read, accepted, rejected)
        self.report.files.append(account)
        self.con.execute(
            "INSERT INTO mart.ingest_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                raw.name,
                raw.sumber,
                raw.periode_label,
                self.hashes[raw.name].result(),
                raw.tanggal_data,
                read,
                accepted,
                rejected,
                self.notes.get(raw.name, ""),
            ],
        )
        self.step(f"{raw.name}: {accepted} diterima, {rejected} ditolak")


def _by_periode(files: list[RawFile]) -> dict[Periode, dict[str, list[RawFile]]]:
    grouped: dict[Periode, dict[str, list[RawFile]]] = {}
    for raw in files:
        if raw.periode is not None:
            grouped.setdefault(raw.periode, {}).setdefault(raw.sumber, []).append(raw)
    return dict(sorted(grouped.items()))


def _by_tahap(pkh_files: list[RawFile]) -> list[tuple[int, list[RawFile]]]:
    by_tahap: dict[int, list[RawFile]] = {}
    for raw in sorted(pkh_files, key=lambda f: f.tahap or 0):
        by_tahap.setdefault(raw.tahap or 0, []).append(raw)
    return sorted(by_tahap.items())


def _plan(run: _Run) -> list[Planned]:
    """The files in the order :func:`_build` takes them, each with its index within its period's group; the
    first ``run.reused`` periods are left out (copied from the previous marts)."""
    groups = [[f for f in run.files if f.sumber == "penduduk"]]
    for group in list(run.periodes.values())[run.reused :]:
        groups += [group.get("dukcapil", []), group.get("dtsen", [])]
        groups += [raws for _tahap, raws in _by_tahap(group.get("pkh", []))]
    return [Planned(raw, index) for group in groups for index, raw in enumerate(group)]


def _ingest_pkh(run: _Run, periode: Periode, pkh_files: list[RawFile], *, has_dukcapil: bool, has_dtsen: bool) -> None:
    """Load each tahap of the semester; the last one stays in ``pk``/``pk_masalah`` for the semester's flags."""
    con, label, policy = run.con, periode.label, run.policy
    by_tahap = _by_tahap(pkh_files)
    for index, (tahap, raws) in enumerate(by_tahap):
        tahun = raws[0].tahun or 0
        run.load(raws, "pk")
        aggregate.aggregate_pkh(con, "pk", label, tahun, tahap, policy)
        link_pkh(con, has_dukcapil=has_dukcapil, has_dtsen=has_dtsen)
        collect_pkh_problems(con, has_dukcapil=has_dukcapil, has_dtsen=has_dtsen, desil_maks=policy.desil_maks)
        insert_inklusi(con, label, tahun, tahap, policy.tahap_per_tahun)
        if has_dtsen:
            eligibility.insert_kelayakan(con, label, tahun, tahap)
            if index == len(by_tahap) - 1:
                eligibility.insert_verval(con, label, tahun, tahap, policy.tahap_per_tahun, has_dukcapil=has_dukcapil)


def _ingest_periode(run: _Run, periode: Periode, group: dict[str, list[RawFile]], has_dtsen: bool) -> bool:
    """Load one semester's files and write its marts; return whether a DTSEN snapshot is in use."""
    con, label, policy = run.con, periode.label, run.policy
    has_dukcapil = "dukcapil" in group
    if has_dukcapil:
        run.load(group["dukcapil"], "dk")
        aggregate.aggregate_dukcapil(con, label, periode.tanggal_akhir.isoformat())
        con.execute("INSERT INTO mart.periode VALUES (?, ?)", [label, periode.tanggal_akhir])
    if "dtsen" in group:
        run.load(group["dtsen"], "dt")
        aggregate.prepare_dtsen(con)
        has_dtsen = True
        run.dtsen_date = group["dtsen"][0].tanggal_data.isoformat()
    if has_dtsen:
        aggregate.aggregate_dtsen(con, label, run.dtsen_date)
        link_dtsen(con, has_dukcapil=has_dukcapil)
        eligibility.build_eligible(con, policy, periode.tanggal_akhir.isoformat())
    pkh_files = group.get("pkh", [])
    _ingest_pkh(run, periode, pkh_files, has_dukcapil=has_dukcapil, has_dtsen=has_dtsen)
    insert_flags(con, label, has_pkh=bool(pkh_files), dtsen_linked=has_dtsen and has_dukcapil)
    if has_dtsen:
        insert_cakupan(con, label, has_pkh=bool(pkh_files), desil_maks=policy.desil_maks)
    present = {
        name for name, flag in (("dukcapil", has_dukcapil), ("dtsen", has_dtsen), ("pkh", bool(pkh_files))) if flag
    }
    insert_match_rates(con, label, present)
    if has_dukcapil:
        run.report.periode.append(label)
    return has_dtsen


def _semester_inputs(run: _Run) -> list[reuse.SemesterInputs]:
    """Each period's label and files, and the DTSEN files it carries over from an earlier period, with their
    SHA-256 (waits for the hashes)."""
    groups = list(run.periodes.items())

    def hashed(raws: list[RawFile]) -> tuple[tuple[str, str], ...]:
        return tuple((f.name, run.hashes[f.name].result()) for f in raws)

    inputs: list[reuse.SemesterInputs] = []
    provider: int | None = None
    for index, (periode, group) in enumerate(groups):
        own = hashed([f for raws in group.values() for f in raws])
        if "dtsen" in group:
            inputs.append(reuse.SemesterInputs(periode.label, own, (), None))
            provider = index
        else:
            carried = hashed(groups[provider][1]["dtsen"]) if provider is not None else ()
            inputs.append(reuse.SemesterInputs(periode.label, own, carried, provider))
    return inputs


def _fingerprints(run: _Run) -> tuple[list[reuse.SemesterInputs], list[str]]:
    """Each period's inputs and chained fingerprint (see :mod:`cc_analytics.ingest.reuse`), computed once per
    run: before the build when there are previous marts to compare with, otherwise for the new marts' meta."""
    if run.sidik is None:
        inputs = _semester_inputs(run)
        run.sidik = (inputs, reuse.fingerprints(inputs, reuse.base_fingerprint()))
    return run.sidik


def _copy_reused(run: _Run) -> None:
    """Copy the first ``run.reused`` periods' marts, log and rejected rows from the previous marts file."""
    if not run.reused or run.previous is None:
        return
    groups = list(run.periodes.items())[: run.reused]
    labels = [periode.label for periode, _group in groups]
    names = [f.name for _periode, group in groups for raws in group.values() for f in raws]
    reuse.copy_semesters(run.con, run.previous, labels, names)
    rows = run.con.execute(
        "SELECT file_name, sumber, periode, baris_dibaca, baris_diterima, baris_ditolak FROM mart.ingest_log "
        "WHERE file_name IN (SELECT unnest(?)) ORDER BY rowid",
        [names],
    ).fetchall()
    for row in rows:
        run.report.files.append(FileAccount(*row))
        run.step(f"{row[0]}: tidak berubah, hasil sebelumnya dipakai")
    copied = {label for (label,) in run.con.execute("SELECT periode FROM mart.periode").fetchall()}
    run.report.periode += [label for label in labels if label in copied]
    run.report.dipakai_ulang = labels


def _write_meta(run: _Run, raw_dir: Path) -> None:
    marker = raw_dir / "DEMO.json"
    meta = {"dataset_kind": "real", "built_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
    if marker.is_file():
        demo = json.loads(marker.read_text(encoding="utf-8"))
        if demo.get("synthetic"):
            meta.update(dataset_kind="demo", demo_seed=str(demo.get("seed")), demo_scale=str(demo.get("scale")))
    meta["latest_periode"] = run.report.periode[-1] if run.report.periode else ""
    inputs, chained = _fingerprints(run)
    meta[reuse.META_KEY] = json.dumps({s.label: sidik for s, sidik in zip(inputs, chained, strict=True)})
    run.report.dataset_kind = meta["dataset_kind"]
    run.con.executemany("INSERT INTO mart.meta VALUES (?, ?)", list(meta.items()))


def _build(run: _Run, raw_dir: Path) -> None:
    con = run.con
    aggregate.create_mart_tables(con)
    aggregate.load_reference(con, load_wilayah())
    con.execute(TOLAK_DDL)
    run.reader = Prefetcher(con, _plan(run), run.workdir)
    annual = [f for f in run.files if f.sumber == "penduduk"]
    if annual:
        run.load(annual, "pt")
        aggregate.aggregate_penduduk_tahunan(con, "pt")
    _copy_reused(run)
    # After copied periods the next one loads its own DTSEN or the one it carries over (see reuse).
    has_dtsen = False
    for periode, group in list(run.periodes.items())[run.reused :]:
        has_dtsen = _ingest_periode(run, periode, group, has_dtsen)
    con.execute("INSERT INTO mart.ingest_tolak SELECT * FROM tolak ORDER BY file_name, nomor_baris")
    _write_meta(run, raw_dir)
    guards.check_result(con, run.current, run.report.dataset_kind, paksa=run.paksa)
    run.step("mart selesai ditulis")


def run_ingest(
    raw_dir: Path,
    marts_path: Path,
    progress: Progress | None = None,
    threads: int = 1,
    previous: Path | None = None,
    *,
    current: Path | None = None,
    paksa: bool = False,
) -> IngestReport:
    """Validate, link and aggregate every raw file in ``raw_dir`` into the marts file ``marts_path``.

    The new marts are written to a work file beside ``marts_path`` and moved over it only on success; work
    files (converted spreadsheets, spill files) stay in a work folder beside it, removed at the end (or, after
    a crash, by the next writer: see :mod:`cc_analytics.ingest.workspace`). With a ``previous`` marts file,
    the leading periods whose files, code and reference data are unchanged are copied from it instead of
    being read again (see :mod:`cc_analytics.ingest.reuse`); the result is the same. ``threads`` is the
    number of threads of each query (the ingest runs several queries side by side). The result is checked
    for plausibility on its own and against ``current``, the marts it will replace (see
    :mod:`cc_analytics.ingest.guards`); ``paksa`` accepts what only a person can judge.

    Raises:
        SourceFileError: a file cannot be read or lacks a required column (nothing is replaced).
        ImplausibleDataError: a future period, an empty file, a population jump, lost periods (nothing is
            replaced).
        IngestError: no Dukcapil file, or the run failed (nothing is replaced).
    """
    if not raw_dir.is_dir():
        raise IngestError(f"Folder data mentah '{raw_dir.name}' tidak ada. Periksa CC_RAW_DIR.")
    files = discover(raw_dir)
    if not any(f.sumber == "dukcapil" for f in files):
        raise IngestError(f"Tidak ada berkas dukcapil_YYYY-Sn.csv di folder '{raw_dir.name}'.")
    guards.refuse_future(files, date.today())
    tmp = work_file(marts_path.parent, "mart", ".duckdb")
    con = duckdb.connect(config={"threads": threads, "preserve_insertion_order": True, "memory_limit": MEMORY_LIMIT})
    con.execute("SET enable_progress_bar = false")
    ok = False
    try:
        with ThreadPoolExecutor(max_workers=2) as pool, work_dir(marts_path.parent, "ingest") as work:
            run = _Run(con, files, progress)
            run.threads = threads
            run.current, run.paksa = current, paksa
            run.workdir = work
            con.execute("SET temp_directory = ?", [str(work)])
            run.hashes = {f.name: pool.submit(sha256_of, f.path) for f in files}
            old = reuse.read_fingerprints(previous) if previous is not None else {}
            if old:
                run.reused = reuse.reusable_count(*_fingerprints(run), old)
                run.previous = previous
            con.execute("ATTACH ? AS mart", [str(tmp)])
            # No enclosing transaction: the new marts file is swapped in only at the end, which is what keeps a
            # failed ingest from touching the old one, and each semester's temp tables are freed when replaced.
            try:
                _build(run, raw_dir)
            finally:
                if run.reader is not None:
                    run.reader.close()
            con.execute("DETACH mart")
        ok = True
    except duckdb.Error as exc:
        # The engine's message may quote a value from the data: only its kind is shown.
        raise IngestError(f"Ingest gagal ({type(exc).__name__}). Mart sebelumnya tetap dipakai.") from exc
    finally:
        con.close()
        if not ok:
            tmp.unlink(missing_ok=True)
            tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)
    os.replace(tmp, marts_path)
    return run.report
