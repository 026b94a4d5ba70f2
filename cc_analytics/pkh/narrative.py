"""The short Indonesian narrative of the PKH page, written from the same protected figures as its tables.

Sentences (templates in :mod:`cc_analytics.pkh.texts`):

1. the area's eligible, covered and not covered families for the chosen komponen, when all are shown;
2. the largest exclusion gaps in the wilayah the page lists (one per komponen, or the largest wilayah for
   a chosen komponen), one sentence per wilayah, e.g. ``Di Kecamatan Kraton, 412 keluarga desil 1–4 dengan
   anak usia SD belum menerima PKH (hak bantuan Rp370.800.000 setahun), begitu pula 96 keluarga dengan lansia
   70 tahun ke atas (Rp230.400.000 setahun).``;
3. the largest inclusion problem by Rupiah (or, for a desa, its number of flagged records).

A figure hidden in the tables (small, or hidden to protect a small one) is never named.
"""

from __future__ import annotations

import duckdb

from cc_analytics.formatting import format_number, format_percent, format_rupiah
from cc_analytics.pkh import texts as t
from cc_analytics.pkh.queries import SEMUA, Selection
from cc_analytics.pkh.tables import CoverageTables, build_tables
from cc_analytics.pkh_policy import load_policy
from cc_analytics.privacy import TOTAL
from cc_analytics.schema import FLAGS

KOMPONEN_FRASA = t.KOMPONEN_FRASA
"""How each komponen reads inside "keluarga desil 1–4 dengan ..." (kept for callers of the old name)."""


def place_name(tables: CoverageTables, kode: str | None) -> str:
    """``Kecamatan Bangil``, ``Desa Gerbo``, ``Kelurahan Kolursari`` or ``Kabupaten Pasuruan`` (``kode`` None)."""
    if kode is None or kode == TOTAL:
        return t.KABUPATEN
    wilayah = tables.wilayah[kode]
    return f"{t.LEVEL_NAMES.get(wilayah.level, t.LEVEL_NAMES['desa'])} {wilayah.nama}"


def _keluarga_phrase(komponen: str, desil: int) -> str:
    base = t.KELUARGA_DESIL.format(desil=desil)
    return base if komponen == SEMUA else f"{base} {t.DENGAN} {KOMPONEN_FRASA[komponen]}"


def lead_sentence(tables: CoverageTables) -> str | None:
    """The area's eligible, covered and not covered families (None when any of them is hidden)."""
    selection = tables.selection
    figures = tables.area_coverage(selection.komponen)
    row = tables.area_row
    layak, _, _ = figures.figure(row, TOTAL)
    pkh, _, _ = figures.figure(row, "keluarga_layak_pkh")
    celah, celah_rp, _ = figures.figure(row, "keluarga_celah")
    if layak is None or pkh is None or celah is None or celah_rp is None or layak == 0:
        return None
    return t.NARASI_LEAD.format(
        tahap=selection.tahap,
        tahun=selection.tahun,
        wilayah=place_name(tables, selection.kode_desa or selection.kecamatan),
        layak=format_number(layak),
        keluarga=_keluarga_phrase(selection.komponen, load_policy().desil_maks),
        pkh=format_number(pkh),
        cakupan=format_percent(pkh / layak),
        celah=format_number(celah),
        celah_rp=format_rupiah(celah_rp),
    )


def _gap_candidates(tables: CoverageTables, komponen: str) -> list[tuple[int, int, str, str]]:
    """``(gap, gap Rp, wilayah code, komponen)`` of the listed wilayah whose gap is shown and not zero."""
    figures = tables.listed_coverage(komponen)
    desa = tables.selection.kode_desa
    rows = [desa] if desa else [str(r) for r in figures.counts.index if r != TOTAL]
    out = []
    for row in rows:
        celah, celah_rp, _ = figures.figure(row, "keluarga_celah")
        if celah:
            out.append((celah, celah_rp or 0, row, komponen))
    return out


def _first_per_komponen(candidates: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    seen: set[str] = set()
    out = []
    for candidate in candidates:
        if candidate[3] not in seen:
            seen.add(candidate[3])
            out.append(candidate)
    return out


def _join(parts: list[str]) -> str:
    """``a``, ``a dan b``, ``a, b dan c``."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} {t.DAN} {parts[-1]}"


def _by_wilayah(candidates: list[tuple[int, int, str, str]]) -> list[list[tuple[int, int, str, str]]]:
    """The candidates grouped by wilayah, groups in the order of their first (largest) gap."""
    groups: dict[str, list[tuple[int, int, str, str]]] = {}
    for candidate in candidates:
        groups.setdefault(candidate[2], []).append(candidate)
    return list(groups.values())


def _gap_sentence(tables: CoverageTables, group: list[tuple[int, int, str, str]], desil: int) -> str:
    """One sentence for the gaps of one wilayah: the largest in full, the others after ``begitu pula``."""
    celah, celah_rp, kode, komponen = group[0]
    fields = {
        "wilayah": place_name(tables, kode),
        "celah": format_number(celah),
        "keluarga": _keluarga_phrase(komponen, desil),
        "celah_rp": format_rupiah(celah_rp),
    }
    if len(group) == 1:
        return t.NARASI_GAP.format(**fields)
    others = [
        t.NARASI_GAP_LAINNYA.format(celah=format_number(n), komponen=KOMPONEN_FRASA[k], celah_rp=format_rupiah(rp))
        for n, rp, _, k in group[1:]
    ]
    return t.NARASI_GAP_SAMA.format(**fields, lainnya=_join(others))


def gap_sentences_for(tables: CoverageTables, *, limit: int = 3) -> list[str]:
    """Sentences on the ``limit`` largest exclusion gaps among the listed wilayah, one sentence per wilayah.

    With komponen ``semua``: the largest gap of each komponen, largest first; when several of them lie in the
    same wilayah they share its sentence (``Di Kecamatan Gempol, ... begitu pula ...``), so no wilayah is
    named twice. With one komponen: the ``limit`` wilayah with the largest gap for it. Gaps are ranked by
    families, then by Rupiah, then by name.
    """
    selection = tables.selection
    komponen_list = load_policy().komponen_terlihat if selection.komponen == SEMUA else [selection.komponen]
    candidates = [c for k in komponen_list for c in _gap_candidates(tables, k)]
    candidates.sort(key=lambda c: (-c[0], -c[1], place_name(tables, c[2]), c[3]))
    if selection.komponen == SEMUA:
        candidates = _first_per_komponen(candidates)
    desil = load_policy().desil_maks
    return [_gap_sentence(tables, group, desil) for group in _by_wilayah(candidates[:limit])]


def inclusion_sentence(tables: CoverageTables) -> str | None:
    """The largest inclusion problem of the area by Rupiah; for a desa, its number of flagged records."""
    figures, column = tables.area_inclusion()
    row = tables.area_row
    if not tables.has_problem_breakdown:
        count, amount, _ = figures.figure(row, column)
        if not count or amount is None:
            return None
        wilayah = place_name(tables, row)
        return t.NARASI_INKLUSI_DESA.format(wilayah=wilayah, jumlah=format_number(count), rp=format_rupiah(amount))
    best: tuple[int, int, str] | None = None
    for masalah in (str(c) for c in figures.counts.columns if c != TOTAL):
        count, amount, _ = figures.figure(row, masalah)
        if count and (best is None or (amount or 0) > best[1]):
            best = (count, amount or 0, masalah)
    if best is None:
        return None
    return t.NARASI_INKLUSI.format(label=FLAGS[best[2]][1], jumlah=format_number(best[0]), rp=format_rupiah(best[1]))


def narrative(tables: CoverageTables, *, limit: int = 3) -> list[str]:
    """Lead sentence, gap sentences and the inclusion sentence, leaving out those with hidden figures."""
    sentences = [lead_sentence(tables), *gap_sentences_for(tables, limit=limit), inclusion_sentence(tables)]
    return [s for s in sentences if s]


def gap_sentences(con: duckdb.DuckDBPyConnection, selection: Selection, *, min_cell: int, limit: int = 3) -> list[str]:
    """Gap sentences and the inclusion sentence for a selection, read from the marts.

    Counts below ``min_cell`` (and counts hidden to protect them) are never named.
    """
    tables = build_tables(con, selection, min_cell=min_cell)
    sentences = [*gap_sentences_for(tables, limit=limit), inclusion_sentence(tables)]
    return [s for s in sentences if s]
