"""PKH eligibility from the linked registry, coverage per tahap, and the verification list.

A family is eligible for a komponen when it is in DTSEN within the desil cut-off and has a living member
that qualifies: by age on the Dukcapil register at the end of the semester (anak usia dini, SD, SMP, SMA,
lansia) or by the DTSEN severe-disability flag. Members that DTSEN lists but Dukcapil does not know have no
age, so they count only for disability. Ibu hamil cannot be seen in either register and is left out.
Caps: at most ``maks_per_keluarga`` members per komponen, and at most ``maks_orang_per_keluarga``
member-komponen slots per family, the most valuable first. All settings come from
:mod:`cc_analytics.pkh_policy`.
"""

from __future__ import annotations

from datetime import date

import duckdb

from cc_analytics.ingest.ages import at_least_sql
from cc_analytics.pkh_policy import Komponen, PkhPolicy

MASK = "repeat('*', 12) || right(CAST({v} AS VARCHAR), 4)"


def _qualifies(komponen: Komponen, as_of: date) -> str:
    """SQL: whether a member (birth date ``tgl_lhr``) qualifies for ``komponen`` on ``as_of``."""
    if komponen.kode == "disabilitas_berat":
        return "is_disabilitas_berat"
    low = at_least_sql("tgl_lhr", komponen.usia_min, as_of) if komponen.usia_min is not None else "true"
    high = f"NOT {at_least_sql('tgl_lhr', komponen.usia_max + 1, as_of)}" if komponen.usia_max is not None else "true"
    return f"(tgl_lhr IS NOT NULL AND {low} AND {high})"


def build_eligible(con: duckdb.DuckDBPyConnection, policy: PkhPolicy, as_of: str) -> None:
    """Create ``layak_orang`` (member x komponen, with ``is_counted`` after caps), ``layak_komponen`` (family x
    komponen: members, entitlement and the komponen's label) and ``layak_kel`` (families).

    Families are ranked by their number ``kel``. Expects ``dt_link`` (members with their family number and
    their Dukcapil birth date and status, if known) and ``dt_kel`` (the families' KK, desa and desil).
    """
    selects = []
    for kode in policy.komponen_terlihat:
        komponen = policy.komponen[kode]
        cap = komponen.maks_per_keluarga or 99
        selects.append(
            f"SELECT *, '{kode}' AS komponen, {komponen.nilai_per_tahun_rp} AS nilai, {cap} AS cap "
            f"FROM m WHERE {_qualifies(komponen, date.fromisoformat(as_of))}"
        )
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE layak_orang AS
        WITH m AS (
            SELECT kel, k.no_kk, k.kode_desa, k.desil, a.nik, a.is_disabilitas_berat, a.tgl_lhr
            FROM dt_link AS a JOIN dt_kel AS k USING (kel)
            WHERE k.desil <= {policy.desil_maks} AND coalesce(a.is_hidup, true)
        ),
        slots AS ({" UNION ALL ".join(selects)}),
        capped AS (
            SELECT *, row_number() OVER (PARTITION BY kel, komponen ORDER BY nik) <= cap AS in_komponen_cap
            FROM slots
        ),
        ranked AS (
            SELECT *, row_number() OVER (
                PARTITION BY kel ORDER BY in_komponen_cap DESC, nilai DESC, komponen, nik
            ) AS slot
            FROM capped
        )
        SELECT kel, no_kk, kode_desa, desil, nik, komponen, nilai,
               in_komponen_cap AND slot <= {policy.maks_orang_per_keluarga} AS is_counted
        FROM ranked
        """
    )
    labels = {k: policy.komponen[k].label.split(" (")[0] for k in policy.komponen_terlihat}
    label_case = "CASE komponen " + " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in labels.items()) + " END"
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE layak_komponen AS
        SELECT kel, komponen, any_value(no_kk) AS no_kk, any_value(kode_desa) AS kode_desa,
               min(desil) AS desil, count(*) AS slot, sum(nilai) FILTER (WHERE is_counted) AS hak,
               {label_case} AS label
        FROM layak_orang GROUP BY kel, komponen
        """
    )
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE layak_kel AS
        SELECT kel, any_value(no_kk) AS no_kk, any_value(kode_desa) AS kode_desa, min(desil) AS desil,
               sum(hak) AS hak_rp_tahun
        FROM layak_komponen
        GROUP BY kel
        """
    )


def insert_kelayakan(con: duckdb.DuckDBPyConnection, periode: str, tahun: int, tahap: int) -> None:
    """``mart.pkh_kelayakan`` for one tahap: eligible, covered (NO_KK in ``pk``), entitlement and gap."""
    con.execute("CREATE OR REPLACE TEMP TABLE pk_kk AS SELECT DISTINCT no_kk FROM pk")
    con.execute(
        """
        INSERT INTO mart.pkh_kelayakan
        SELECT ?, ?, ?, o.kode_desa, o.komponen, count(*), count(*) FILTER (WHERE c.no_kk IS NOT NULL), sum(o.slot),
               coalesce(sum(o.hak), 0), coalesce(sum(o.hak) FILTER (WHERE c.no_kk IS NULL), 0)
        FROM layak_komponen AS o LEFT JOIN pk_kk AS c USING (no_kk)
        GROUP BY o.kode_desa, o.komponen
        UNION ALL
        SELECT ?, ?, ?, f.kode_desa, 'semua', count(*), count(*) FILTER (WHERE c.no_kk IS NOT NULL), any_value(s.slot),
               coalesce(sum(f.hak_rp_tahun), 0), coalesce(sum(f.hak_rp_tahun) FILTER (WHERE c.no_kk IS NULL), 0)
        FROM layak_kel AS f LEFT JOIN pk_kk AS c USING (no_kk)
        JOIN (SELECT kode_desa, sum(slot) AS slot FROM layak_komponen GROUP BY kode_desa) AS s USING (kode_desa)
        GROUP BY f.kode_desa
        """,
        [periode, tahun, tahap, periode, tahun, tahap],
    )


def insert_verval(
    con: duckdb.DuckDBPyConnection, periode: str, tahun: int, tahap: int, tahap_per_tahun: int, *, has_dukcapil: bool
) -> None:
    """``mart.verval``: eligible families not covered (usulan) and PKH records with a problem (periksa).

    NIK and NO_KK are masked to their last four digits before they leave the working tables; no names. Expects
    ``layak_kel``, ``layak_komponen``, ``pk_kk``, ``pk_masalah``, ``dt_kk`` and, when ``has_dukcapil``, ``kk``
    (for the head's NIK).
    """
    heads = (
        "SELECT no_kk, nik_kepala AS nik FROM kk"
        if has_dukcapil
        else "SELECT CAST(NULL AS UBIGINT) AS no_kk, CAST(NULL AS UBIGINT) AS nik"
    )
    # The members of each komponen ("1 SD, 2 Lansia") are spelled out only for the families listed.
    con.execute(
        f"""
        INSERT INTO mart.verval
        WITH usulan AS (SELECT * FROM layak_kel WHERE no_kk NOT IN (SELECT no_kk FROM pk_kk)),
             keterangan AS (
                 SELECT kel, string_agg(slot || ' ' || label, ', ' ORDER BY label) AS keterangan
                 FROM layak_komponen WHERE kel IN (SELECT kel FROM usulan) GROUP BY kel
             )
        SELECT ?, ?, ?, f.kode_desa, 'usulan', 'layak_belum_menerima',
               CASE WHEN h.nik IS NULL THEN NULL ELSE {MASK.format(v="h.nik")} END,
               {MASK.format(v="f.no_kk")}, f.desil, k.keterangan, f.hak_rp_tahun
        FROM usulan AS f
        JOIN keterangan AS k USING (kel)
        LEFT JOIN ({heads}) AS h USING (no_kk)
        ORDER BY f.kode_desa, f.desil, f.hak_rp_tahun DESC
        """,
        [periode, tahun, tahap],
    )
    con.execute(
        f"""
        INSERT INTO mart.verval
        SELECT ?, ?, ?, m.kode_desa, 'periksa', m.kode_masalah, {MASK.format(v="m.nik")}, {MASK.format(v="m.no_kk")},
               d.desil, NULL, m.nominal_rp * ?
        FROM pk_masalah AS m LEFT JOIN dt_kk AS d USING (no_kk)
        """,
        [periode, tahun, tahap, tahap_per_tahun],
    )
