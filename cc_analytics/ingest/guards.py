"""Refusing input that reads fine but cannot be right, before it replaces the data every page shows.

A year typed wrong in a file name or a mistyped raw folder all read without a single
rejected row, yet would become the latest period of every page or wipe the history. The ingest refuses:

- a file dated after today (``dukcapil_2052-S2.csv``): never, even when forced;
- a Dukcapil snapshot of which no row was accepted: never, even when forced (a file without data rows is
  already unreadable when it is read, :func:`cc_analytics.ingest.reading.count_data_lines`);
- a semester whose living population differs from the semester before by more than
  :data:`POPULATION_TOLERANCE`, unless forced (``--paksa``);
- a result that lacks periods the current marts have, or turns demo data into "real" data or back, unless
  forced.

Each refusal says what was found and what to check; nothing is replaced.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import duckdb

from cc_analytics.errors import ImplausibleDataError
from cc_analytics.formatting import format_number, format_percent
from cc_analytics.ingest.files import RawFile

POPULATION_TOLERANCE = 0.10
"""Largest accepted change of the living population from one semester snapshot to the next (as a share).
The regency grows about 0.5% a semester; a larger jump means a partial or wrong extract."""

FORCE_HINT = " Bila memang benar, ulangi dengan --paksa."


def refuse_future(files: Sequence[RawFile], today: date) -> None:
    """Refuse files whose data date (from the name) lies after ``today``.

    Raises:
        ImplausibleDataError: naming the first such file.
    """
    for raw in files:
        if raw.tanggal_data is not None and raw.tanggal_data > today:
            raise ImplausibleDataError(
                f"Berkas '{raw.name}' bertanggal data {raw.tanggal_data.isoformat()}, sesudah hari ini: periode "
                "di masa depan tidak diterima. Periksa tahun pada nama berkas."
            )


def refuse_empty_snapshot(raws: Sequence[RawFile], read: int, accepted: int) -> None:
    """Refuse a Dukcapil snapshot (all files of one semester) of which no row was accepted.

    Raises:
        ImplausibleDataError: for such a snapshot.
    """
    if raws and raws[0].sumber == "dukcapil" and accepted == 0:
        names = ", ".join(f"'{raw.name}'" for raw in raws)
        raise ImplausibleDataError(
            f"Tidak satu pun dari {format_number(read)} baris berkas {names} diterima; snapshot penduduk "
            "kosong tidak dipakai. Periksa alasan penolakannya dengan: python -m cc_analytics validate BERKAS"
        )


def population_jumps(con: duckdb.DuckDBPyConnection, tolerance: float = POPULATION_TOLERANCE) -> list[str]:
    """Indonesian descriptions of the semesters whose population changed beyond ``tolerance`` (``mart`` attached)."""
    rows = con.execute(
        "SELECT p.periode, coalesce(sum(d.jumlah_penduduk), 0) FROM mart.periode p "
        "LEFT JOIN mart.penduduk d USING (periode) GROUP BY ALL ORDER BY 1"
    ).fetchall()
    found = []
    for (before, n_before), (after, n_after) in itertools.pairwise(rows):
        change = (n_after - n_before) / n_before if n_before else float("inf")
        if abs(change) > tolerance:
            shown = format_percent(abs(change)) if n_before else "tak terhingga"
            found.append(
                f"penduduk {after} {format_number(n_after)} jiwa, berbeda {shown} dari {before} "
                f"({format_number(n_before)} jiwa)"
            )
    return found


def _current(current: Path) -> tuple[set[str], str]:
    with duckdb.connect() as con:
        con.execute("ATTACH ? AS lama (READ_ONLY)", [str(current)])
        periodes = {p for (p,) in con.execute("SELECT periode FROM lama.periode").fetchall()}
        kind = con.execute("SELECT max(value) FROM lama.meta WHERE key = 'dataset_kind'").fetchone()[0]
    return periodes, kind or ""


def check_result(
    con: duckdb.DuckDBPyConnection, current: Path | None, dataset_kind: str, *, paksa: bool = False
) -> None:
    """Refuse new marts (attached as ``mart``) that are implausible on their own or against ``current``.

    Args:
        con: the ingest's connection with the new marts attached as ``mart``.
        current: the marts the new ones would replace (None or missing: nothing to compare with).
        dataset_kind: ``demo`` or ``real``, of the new marts.
        paksa: accept what only a person can judge (population jumps, lost periods, a change of kind).

    Raises:
        ImplausibleDataError: what was found, and how to proceed.
    """
    if paksa:
        return
    jumps = population_jumps(con)
    if jumps:
        raise ImplausibleDataError(
            f"Perubahan penduduk di luar batas wajar {format_percent(POPULATION_TOLERANCE, 0)} per semester: "
            f"{'; '.join(jumps)}. Berkas mungkin terpotong atau salah periode; data tidak diubah." + FORCE_HINT
        )
    if current is None or not current.is_file():
        return
    periodes, kind = _current(current)
    new = {p for (p,) in con.execute("SELECT periode FROM mart.periode").fetchall()}
    lost = sorted(periodes - new)
    if lost:
        raise ImplausibleDataError(
            f"Hasil baru kehilangan {len(lost)} periode yang ada di data sekarang ({', '.join(lost[:6])}"
            f"{', …' if len(lost) > 6 else ''}). Periksa folder data mentah (CC_RAW_DIR); data tidak diubah."
            + FORCE_HINT
        )
    if kind and kind != dataset_kind:
        raise ImplausibleDataError(
            f"Data sekarang berjenis '{kind}', hasil baru berjenis '{dataset_kind}' (penanda DEMO.json di folder "
            "data mentah). Periksa folder data mentah (CC_RAW_DIR); data tidak diubah." + FORCE_HINT
        )
