"""``python -m cc_analytics demo``: write the synthetic demo files and print a short summary in Indonesian."""

from __future__ import annotations

import argparse
from pathlib import Path

from cc_analytics.config import load_settings
from cc_analytics.demo.generator import DemoSummary, generate_demo


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options: ``--scale``, ``--seed`` and ``--out`` (defaults from the settings)."""
    parser.add_argument("--scale", type=float, help="besaran data: 1.0 = seluruh kabupaten (bawaan: CC_DEMO_SCALE)")
    parser.add_argument(
        "--seed", type=int, help="seed acak; seed dan skala sama = berkas identik (bawaan: CC_DEMO_SEED)"
    )
    parser.add_argument("--out", type=Path, help="folder keluaran (bawaan: CC_RAW_DIR atau data/raw/demo)")


def _number(value: float) -> str:
    return f"{round(value):,}".replace(",", ".")


def format_summary(summary: DemoSummary) -> str:
    """The Indonesian summary printed after a run."""
    csv_rows = sum(summary.rows.values())
    seconds = f"{summary.seconds:.1f}".replace(".", ",")
    lines = [
        f"Data demo sintetis ditulis ke {summary.out_dir}",
        f"  {len(summary.files)} berkas, {_number(csv_rows)} baris, {seconds} detik",
        "  Penduduk hidup di register demo per akhir semester:",
    ]
    lines += [f"    {label}: {_number(count)} jiwa" for label, count in summary.penduduk.items()]
    injected = ", ".join(f"{key} {_number(count)}" for key, count in summary.injected.items())
    lines.append(f"  Masalah data yang disisipkan (lihat DEMO.json): {injected}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Generate the demo; returns 0."""
    settings = load_settings()
    scale = settings.demo_scale if args.scale is None else args.scale
    seed = settings.demo_seed if args.seed is None else args.seed
    out_dir = args.out or settings.raw_dir
    summary = generate_demo(out_dir, scale=scale, seed=seed)
    print(format_summary(summary))
    return 0
